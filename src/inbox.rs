//! The conversations' live state in the browser: the signals (`state`: the list, the open
//! thread, the server's clock and the persisted outbox) and the wiring that starts the jobs
//! keeping them current. Each job is a module of its own and stops on cleanup: `shared_outbox` (the
//! outbox in storage, shared by tabs), `long_poll` (updates, polled by one tab of the user's: `leader`) and `sender` (the outbox, sent).
//! The rules live in `domain::outbox`, `domain::conversations` and `domain::reply_window`.

use std::collections::HashMap;

use contract::ConversationId;
use leptos::prelude::*;

use crate::api::{use_api, Api, HttpError};
use crate::domain::reply_window::{awaiting_reply, ServerClock};
use crate::domain::thread;
use crate::host::{use_host, AwaitingReplyDetail};

pub mod file_store;
mod leader;
pub mod list;
mod long_poll;
mod sender;
mod shared_outbox;
mod state;
mod store;
use state::browser_now;
pub use state::{use_inbox, Inbox};

/// A new id for a message or a file, made in this browser before its first attempt.
pub fn new_id() -> String {
    state::crypto_uuid()
}
pub use store::{load_draft, save_draft};

/// Creates the inbox for the conversations page and starts its jobs; they stop with the page.
pub fn provide_inbox() -> Inbox {
    let api = use_api();
    let inbox = Inbox {
        clock: RwSignal::new(ServerClock::default()),
        browser_now: RwSignal::new(browser_now()),
        conversations: RwSignal::new(None),
        opened: RwSignal::new(Vec::new()),
        asked: RwSignal::new(Default::default()),
        list_loading: RwSignal::new(false),
        list_failed: RwSignal::new(false),
        marked: StoredValue::new(Vec::new()),
        threads: RwSignal::new(HashMap::new()),
        has_more: RwSignal::new(HashMap::new()),
        outbox: RwSignal::new(Vec::new()),
        online: RwSignal::new(window().navigator().on_line()),
        integration: RwSignal::new(None),
        reloads: RwSignal::new(0),
        uploads: RwSignal::new(HashMap::new()),
    };
    provide_context(inbox);

    shared_outbox::start(api, inbox);
    watch_online(inbox);
    if let Ok(clock) =
        set_interval_with_handle(move || inbox.browser_now.set(browser_now()), std::time::Duration::from_secs(5))
    {
        on_cleanup(move || clock.clear());
    }
    report_awaiting_reply(inbox);
    long_poll::start(api, inbox);
    sender::start(api, inbox);
    inbox
}

fn watch_online(inbox: Inbox) {
    let online = window_event_listener(leptos::ev::online, move |_| inbox.online.set(true));
    let offline = window_event_listener(leptos::ev::offline, move |_| inbox.online.set(false));
    on_cleanup(move || {
        online.remove();
        offline.remove();
    });
}

/// The host's unread badge: recounted as messages arrive and as windows close with the clock.
/// The count is the server's, over the whole inbox (from a server that does not count, the
/// loaded rows'); how many close within 24 hours, the loaded rows'.
fn report_awaiting_reply(inbox: Inbox) {
    let host = use_host();
    Effect::new(move || {
        let now = inbox.server_now();
        let counted = inbox.with_listed(|list| {
            let list = list?;
            let mut counted = awaiting_reply(&list.rows, now);
            if let Some(counts) = list.counts {
                counted.count = counts.awaiting_reply;
            }
            Some(counted)
        });
        if let Some(a) = counted {
            host.awaiting_reply(AwaitingReplyDetail { count: a.count, closing_within_24h: a.closing_within_24h });
        }
    });
}

/// Loads a thread's newest page, or the page before `before`.
pub async fn load_thread(
    api: Api,
    inbox: Inbox,
    conversation: ConversationId,
    before: Option<u64>,
) -> Result<(), HttpError> {
    let detail = api.conversation(&conversation, before).await?;
    inbox.sync_clock(detail.server_time);
    inbox.opened(detail.conversation.clone());
    let tells = before.is_some()
        || inbox
            .threads
            .try_with_untracked(|t| {
                thread::newest_page_tells_has_more(t.get(&conversation).map_or(&[], Vec::as_slice), &detail.messages)
            })
            .unwrap_or(true);
    if tells {
        inbox.has_more.try_update(|h| {
            h.insert(conversation.clone(), detail.has_more);
        });
    }
    inbox.threads.try_update(|threads| {
        let thread = threads.entry(conversation).or_default();
        match before {
            Some(_) => {
                let mut older = detail.messages;
                older.retain(|m| !thread.iter().any(|t| t.id == m.id));
                older.append(thread);
                *thread = older;
            }
            None => thread::merge_newest(thread, detail.messages),
        }
    });
    Ok(())
}

/// Loads older pages of a thread until it holds the message `seq` (a search's hit), or the
/// thread has nothing older. At most `MAX_PAGES` pages (200 messages each) are asked for.
pub async fn load_back_to(api: Api, inbox: Inbox, conversation: ConversationId, seq: u64) -> Result<(), HttpError> {
    const MAX_PAGES: usize = 50;
    for _ in 0..MAX_PAGES {
        let first = inbox.threads.try_with_untracked(|t| {
            let thread = t.get(&conversation).map_or(&[][..], Vec::as_slice);
            thread::lacks_older(thread, seq).then(|| thread.first().map(|m| m.seq)).flatten()
        });
        let more = inbox.has_more.try_with_untracked(|h| h.get(&conversation).copied().unwrap_or(false));
        let (Some(Some(first)), Some(true)) = (first, more) else { return Ok(()) };
        load_thread(api, inbox, conversation.clone(), Some(first)).await?;
    }
    Ok(())
}
