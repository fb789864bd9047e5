//! The updates loop: the list first, then `GET /api/updates` long polls from its cursor,
//! each event applied as it comes. A `reset` reloads the list and the open thread; a failure
//! waits and tries again, as `RequestKind::Updates` says: its requests go out once each.
//! Dropped on cleanup, which aborts the poll in flight (`Api::request` aborts its fetch when
//! dropped), clears any backoff timer, and leaves the user's other tabs (`leader::Tabs`).
//!
//! Of a user's tabs, only the leader polls; the others take its answers as if they had polled
//! them (`domain::relay`), and one of them polls on from its own cursor when the leader leaves.

use leptos::prelude::*;

use super::leader::{self, Place, Tabs, Turn};
use super::list;
use super::state::Inbox;
use crate::api::{Api, HttpError};
use crate::domain::relay::{self, Relayed, Take};
use crate::retry::{self, RequestKind};

const LONG_POLL_SECONDS: u32 = 10;

pub(super) fn start(api: Api, inbox: Inbox) {
    use futures::FutureExt;
    let place = leader::join(api);
    let (updates, stop) = futures::future::abortable(run(api, inbox, place));
    let mut updates = Box::pin(updates);
    // Polled once now: with the list's answers already in (the loader's), the inbox has its
    // list as it is made, and the page draws it at once instead of its loading state first.
    if updates.as_mut().now_or_never().is_none() {
        leptos::task::spawn_local(async move {
            let _ = updates.await;
        });
    }
    on_cleanup(move || stop.abort());
}

async fn run(api: Api, inbox: Inbox, place: Place) {
    let api = api.for_loop();
    let mut attempt = 0;
    let mut cursor = None::<u64>;
    let mut tabs = None::<Tabs>;
    let mut first_poll = true;
    loop {
        let result = match cursor {
            None => load_list(api, inbox, attempt).await,
            Some(since) => {
                // Before the first poll, this tab waits for its place among the user's tabs, up to a
                // poll's length, so that tabs opened together do not each poll once; without it,
                // it polls alone meanwhile, and looks for it again before each poll.
                if tabs.is_none() {
                    tabs = if std::mem::take(&mut first_poll) {
                        place.wait(LONG_POLL_SECONDS * 1000).await
                    } else {
                        place.now()
                    };
                }
                let turn = match tabs.as_mut() {
                    Some(tabs) => tabs.turn().await,
                    None => Turn::Poll,
                };
                match turn {
                    Turn::Poll => api.updates(since, LONG_POLL_SECONDS).await.map(|(updates, json)| {
                        if let Some(tabs) = &tabs {
                            tabs.share(since, &json);
                        }
                        take(api, inbox, updates)
                    }),
                    Turn::Relayed(data) => Ok(match Relayed::read(&data) {
                        Some(heard) => match relay::take(since, &heard) {
                            Take::Apply => take(api, inbox, heard.answer),
                            Take::Skip => Some(since),
                            Take::Reload => None,
                        },
                        None => Some(since),
                    }),
                }
            }
        };
        match result {
            Ok(Some(next)) => {
                cursor = Some(next);
                attempt = 0;
            }
            Ok(None) => {
                cursor = None;
                inbox.reloads.try_update(|r| *r += 1);
            }
            // Whatever the error: the inbox on screen keeps trying, whatever it shows meanwhile.
            Err(_) => {
                retry::pause(RequestKind::Updates, attempt).await;
                attempt = attempt.saturating_add(1);
            }
        }
    }
}

/// The events of an answer, polled or heard, applied; the next cursor, or `None` to reload.
fn take(api: Api, inbox: Inbox, updates: contract::Updates) -> Option<u64> {
    inbox.sync_clock(updates.server_time);
    if updates.reset {
        return None;
    }
    updates.events.into_iter().for_each(|e| inbox.apply(api, e));
    list::counted(inbox, updates.counts);
    Some(updates.cursor)
}

/// The first page of the agent's query, after `failures` in a row. A failure shows, if no list is shown yet,
/// when a screen's read would show it: at once for one that will not pass, and after `Read`'s
/// retries for one that may (the loop's own waits stand in for them).
async fn load_list(api: Api, inbox: Inbox, failures: u32) -> Result<Option<u64>, HttpError> {
    let query = inbox.asked.get_untracked();
    let (integration, conversations) =
        futures::future::join(api.integration(), api.conversations(&query.request(None))).await;
    if let Ok(state) = integration {
        inbox.integration.try_set(Some(state));
    }
    match conversations {
        Ok(list) => {
            inbox.sync_clock(list.server_time);
            let cursor = list.cursor;
            inbox.conversations.try_set(Some(Ok(list::first_page(query, list))));
            Ok(Some(cursor))
        }
        Err(error) => {
            // After a reset the list already shown stays (and is retried); only a first load fails the page.
            if !retry::retries(RequestKind::Read, failures, &error) {
                inbox.conversations.try_update(|list| {
                    if !matches!(list, Some(Ok(_))) {
                        *list = Some(Err(error.clone()));
                    }
                });
            }
            Err(error)
        }
    }
}
