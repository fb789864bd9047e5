//! The updates loop: the list first, then `GET /api/updates` long polls from its cursor,
//! each event applied as it comes. A `reset` reloads the list and the open thread; a failure
//! waits and tries again, as `RequestKind::Updates` says: its requests go out once each.
//! Dropped on cleanup, which aborts the poll in flight (`Api::request` aborts its fetch when
//! dropped) and clears any backoff timer.

use leptos::prelude::*;

use super::list;
use super::state::Inbox;
use crate::api::{Api, HttpError};
use crate::retry::{self, RequestKind};

const LONG_POLL_SECONDS: u32 = 10;

pub(super) fn start(api: Api, inbox: Inbox) {
    use futures::FutureExt;
    let (updates, stop) = futures::future::abortable(run(api, inbox));
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

async fn run(api: Api, inbox: Inbox) {
    let api = api.for_loop();
    let mut attempt = 0;
    let mut cursor = None::<u64>;
    loop {
        let result = match cursor {
            None => load_list(api, inbox, attempt).await,
            Some(since) => api.updates(since, LONG_POLL_SECONDS).await.map(|u| {
                inbox.sync_clock(u.server_time);
                if u.reset {
                    None
                } else {
                    u.events.into_iter().for_each(|e| inbox.apply(api, e));
                    list::counted(inbox, u.counts);
                    Some(u.cursor)
                }
            }),
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
