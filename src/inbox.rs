//! The conversations' live state in the browser: the list, the open thread, the server's
//! clock and the persisted outbox, as signals, and the wiring that starts the jobs keeping
//! them current. Each job is a module of its own and stops on cleanup: `shared_outbox` (the
//! outbox in storage, shared by tabs), `long_poll` (updates) and `sender` (the outbox, sent).
//! The rules live in `domain::outbox`, `domain::conversations` and `domain::reply_window`.

use std::collections::HashMap;

use contract::{
    ClientMessageId, ConversationId, ConversationSummary, EpochMs, IntegrationState, Message, PageId, UpdateEvent,
};
use leptos::prelude::*;

use crate::api::{use_api, Api, HttpError};
use crate::domain::conversations::{self, Change, Threads};
use crate::domain::outbox::{self, Action, OutboxItem};
use crate::domain::reply_window::{awaiting_reply, ServerClock};
use crate::domain::thread;
use crate::host::{use_host, AwaitingReplyDetail};

mod long_poll;
mod sender;
mod shared_outbox;
mod store;
pub use store::{load_draft, save_draft};

#[derive(Clone, Copy)]
pub struct Inbox {
    pub clock: RwSignal<ServerClock>,
    /// The browser's clock, ticking every few seconds, for countdowns and hints.
    pub browser_now: RwSignal<EpochMs>,
    pub conversations: RwSignal<Option<Result<Vec<ConversationSummary>, HttpError>>>,
    /// Messages of loaded threads, oldest first.
    pub threads: RwSignal<Threads>,
    pub has_more: RwSignal<HashMap<ConversationId, bool>>,
    pub outbox: RwSignal<Vec<OutboxItem>>,
    pub online: RwSignal<bool>,
    pub integration: RwSignal<Option<IntegrationState>>,
    /// Bumped to make the thread view reload (after an updates `reset`).
    pub reloads: RwSignal<u32>,
}

pub fn use_inbox() -> Inbox {
    expect_context::<Inbox>()
}

fn browser_now() -> EpochMs {
    js_sys::Date::now() as EpochMs
}

impl Inbox {
    /// Tracks the ticking clock, but reads the browser's time now: the tick may be seconds old.
    pub fn server_now(self) -> EpochMs {
        self.browser_now.track();
        self.clock.get().now(browser_now())
    }

    /// Fetches the Page's health again: it changed on the server, or a send was refused for it.
    fn refresh_integration(self, api: Api) {
        leptos::task::spawn_local(async move {
            if let Ok(state) = api.integration().await {
                self.integration.try_set(Some(state));
            }
        });
    }

    fn sync_clock(self, server_time: EpochMs) {
        self.clock.try_set(ServerClock::sync(server_time, browser_now()));
    }

    /// The conversation's summary (customer, reply window), tracked.
    pub fn summary(self, conversation: &ConversationId) -> Option<ConversationSummary> {
        self.conversations.with(|list| match list {
            Some(Ok(list)) => list.iter().find(|c| &c.id == conversation).cloned(),
            _ => None,
        })
    }

    /// Every change of the list and the threads goes through the pure `conversations::reduce`.
    fn change(self, change: Change) {
        self.threads.try_update(|threads| {
            self.conversations.try_update(|list| {
                let list = match list {
                    Some(Ok(list)) => Some(list),
                    _ => None,
                };
                conversations::reduce(list, threads, change)
            })
        });
    }

    /// The id of the Page the conversation belongs to (tracked).
    pub fn page_of(self, conversation: &ConversationId) -> Option<PageId> {
        self.summary(conversation).and_then(|c| c.page).map(|p| p.id)
    }

    /// Adds or replaces a message by id, keeping the thread in order.
    pub fn upsert(self, conversation: &ConversationId, message: Message) {
        self.change(Change::Message { conversation_id: conversation.clone(), message });
    }

    fn apply(self, api: Api, event: UpdateEvent) {
        if event == UpdateEvent::Integration {
            self.refresh_integration(api);
        } else if let Some(change) = Change::from_event(event) {
            self.change(change);
        }
    }

    /// Puts a new message in the outbox (persisted first), then lets the sender pick it up.
    pub fn enqueue(self, conversation: &ConversationId, text: String) {
        self.queue(ClientMessageId::new(crypto_uuid()), conversation, text);
    }

    /// Every edit of the outbox goes through the pure `outbox::reduce`.
    fn dispatch(self, action: Action) {
        self.outbox.try_update(|items| outbox::reduce(items, action));
    }

    fn queue(self, client_message_id: ClientMessageId, conversation: &ConversationId, text: String) {
        let conversation_id = conversation.clone();
        self.dispatch(Action::Queue { client_message_id, conversation_id, text, now: browser_now() });
    }

    /// Retries a message the server holds as failed (refused in another tab, or before a
    /// reload): queued again under its own `client_message_id`, so it is still sent only once.
    pub fn retry_failed(self, conversation: &ConversationId, message: &Message) {
        if let Some(id) = &message.client_message_id {
            self.queue(id.clone(), conversation, message.text.clone());
        }
    }

    pub fn retry(self, client_message_id: &ClientMessageId) {
        self.dispatch(Action::Retry { client_message_id: client_message_id.clone() });
    }

    /// Removes a failed message here and on the server (which keeps failed ones for other tabs).
    /// If the server cannot be told now, its copy stays failed and can be deleted again later.
    pub fn delete(self, api: Api, conversation: ConversationId, client_message_id: ClientMessageId) {
        self.dispatch(Action::Remove { client_message_id: client_message_id.clone() });
        self.change(Change::FailedDeleted {
            conversation_id: conversation.clone(),
            client_message_id: client_message_id.clone(),
        });
        leptos::task::spawn_local(async move {
            let _ = api.delete_message(&conversation, &client_message_id).await;
        });
    }
}

fn crypto_uuid() -> String {
    window()
        .crypto()
        .ok()
        .map(|c| c.random_uuid())
        // Integers only: formatting an f64 would pull float printing into the wasm.
        .unwrap_or_else(|| format!("c-{}-{}", browser_now(), (js_sys::Math::random() * 1e15) as u64))
}

/// Creates the inbox for the conversations page and starts its jobs; they stop with the page.
pub fn provide_inbox() -> Inbox {
    let api = use_api();
    let inbox = Inbox {
        clock: RwSignal::new(ServerClock::default()),
        browser_now: RwSignal::new(browser_now()),
        conversations: RwSignal::new(None),
        threads: RwSignal::new(HashMap::new()),
        has_more: RwSignal::new(HashMap::new()),
        outbox: RwSignal::new(Vec::new()),
        online: RwSignal::new(window().navigator().on_line()),
        integration: RwSignal::new(None),
        reloads: RwSignal::new(0),
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
fn report_awaiting_reply(inbox: Inbox) {
    let host = use_host();
    Effect::new(move || {
        let now = inbox.server_now();
        let counted = inbox.conversations.with(|list| match list {
            Some(Ok(list)) => Some(awaiting_reply(list, now)),
            _ => None,
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
    inbox.has_more.try_update(|h| {
        h.insert(conversation.clone(), detail.has_more);
    });
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
