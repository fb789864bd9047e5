//! The inbox's signals: the list, the loaded threads, the server's clock and the outbox, and
//! every edit of them, each through its pure reducer in `domain/`. The jobs that keep them
//! current (`long_poll`, `sender`, `shared_outbox`) use this; `inbox.rs` wires them.

use std::collections::HashMap;

use contract::{
    ClientMessageId, ConversationId, ConversationSummary, EpochMs, IntegrationState, Message, PageId, UpdateEvent,
};
use leptos::prelude::*;

use crate::api::{Api, HttpError};
use crate::domain::conversation_list::{ListQuery, Listed};
use crate::domain::conversations::{self, Change, Threads};
use crate::domain::outbox::{self, Action, OutboxFile, OutboxItem};
use crate::domain::reply_window::ServerClock;

#[derive(Clone, Copy)]
pub struct Inbox {
    pub clock: RwSignal<ServerClock>,
    /// The browser's clock, ticking every few seconds, for countdowns and hints.
    pub browser_now: RwSignal<EpochMs>,
    /// The list's loaded pages for the agent's query; `None` until the first has come.
    pub conversations: RwSignal<Option<Result<Listed, HttpError>>>,
    /// Conversations opened but not in the loaded rows (a deep link far down, a row the filter
    /// hides): their summaries, from the thread's answer, kept current by the same events.
    pub opened: RwSignal<Vec<ConversationSummary>>,
    /// The query the agent asked for last; the rows are for it once its first page comes.
    pub asked: RwSignal<ListQuery>,
    /// A query's first page, or the next page, is on its way.
    pub list_loading: RwSignal<bool>,
    /// The last page asked for did not come: the list offers to ask again.
    pub list_failed: RwSignal<bool>,
    /// The read marks asked for, by conversation.
    pub marked: StoredValue<Vec<(ConversationId, u64)>>,
    /// Messages of loaded threads, oldest first.
    pub threads: RwSignal<Threads>,
    pub has_more: RwSignal<HashMap<ConversationId, bool>>,
    pub outbox: RwSignal<Vec<OutboxItem>>,
    pub online: RwSignal<bool>,
    pub integration: RwSignal<Option<IntegrationState>>,
    /// Bumped to make the thread view reload (after an updates `reset`).
    pub reloads: RwSignal<u32>,
    /// Each file's upload going on now: bytes sent and in all, by `client_attachment_id`.
    pub uploads: RwSignal<HashMap<String, (f64, f64)>>,
}

pub fn use_inbox() -> Inbox {
    expect_context::<Inbox>()
}

pub(super) fn browser_now() -> EpochMs {
    js_sys::Date::now() as EpochMs
}

impl Inbox {
    /// Tracks the ticking clock, but reads the browser's time now: the tick may be seconds old.
    pub fn server_now(self) -> EpochMs {
        self.browser_now.track();
        self.clock.get().now(browser_now())
    }

    /// Fetches the Page's health again: it changed on the server, or a send was refused for it.
    pub(super) fn refresh_integration(self, api: Api) {
        leptos::task::spawn_local(async move {
            if let Ok(state) = api.integration().await {
                self.integration.try_set(Some(state));
            }
        });
    }

    pub(super) fn sync_clock(self, server_time: EpochMs) {
        self.clock.try_set(ServerClock::sync(server_time, browser_now()));
    }

    /// Reads the list's loaded pages, none until the first has come (tracked).
    pub fn with_listed<T>(self, read: impl FnOnce(Option<&Listed>) -> T) -> T {
        self.conversations.with(|list| read(list.as_ref().and_then(|l| l.as_ref().ok())))
    }

    /// The same, untracked: for event handlers and jobs.
    pub fn with_listed_untracked<T>(self, read: impl FnOnce(Option<&Listed>) -> T) -> T {
        self.conversations.with_untracked(|list| read(list.as_ref().and_then(|l| l.as_ref().ok())))
    }

    /// The conversation's summary (customer, reply window), tracked: from the list, or from
    /// its thread's answer when the list has not loaded it.
    pub fn summary(self, conversation: &ConversationId) -> Option<ConversationSummary> {
        let listed = self.with_listed(|list| list?.rows.iter().find(|c| &c.id == conversation).cloned());
        listed.or_else(|| self.opened.with(|opened| opened.iter().find(|c| &c.id == conversation).cloned()))
    }

    /// The query the rows shown are for (tracked).
    pub fn query(self) -> ListQuery {
        self.with_listed(|list| list.map(|l| l.query.clone()).unwrap_or_default())
    }

    /// Every change of the list and the threads goes through the pure `conversations::reduce`.
    fn change(self, change: Change) {
        let now = self.clock.get_untracked().now(browser_now());
        self.opened.try_update(|opened| {
            self.threads.try_update(|threads| {
                self.conversations.try_update(|list| {
                    let list = match list {
                        Some(Ok(list)) => Some(list),
                        _ => None,
                    };
                    conversations::reduce(list, opened, threads, change, now)
                })
            })
        });
    }

    /// A thread's answer names its conversation: kept for the thread when the list lacks it.
    pub fn opened(self, summary: ConversationSummary) {
        self.opened.try_update(|opened| match opened.iter_mut().find(|c| c.id == summary.id) {
            Some(c) => *c = summary,
            None => opened.push(summary),
        });
    }

    /// A summary the server answered to an action (taking a thread over, handing it back).
    pub fn adopt(self, summary: ConversationSummary) {
        self.change(Change::Conversation(summary));
    }

    /// The id of the Page the conversation belongs to (tracked).
    pub fn page_of(self, conversation: &ConversationId) -> Option<PageId> {
        self.summary(conversation).and_then(|c| c.page).map(|p| p.id)
    }

    /// Adds or replaces a message by id, keeping the thread in order.
    pub fn upsert(self, conversation: &ConversationId, message: Message) {
        self.change(Change::Message { conversation_id: conversation.clone(), message });
    }

    pub(super) fn apply(self, api: Api, event: UpdateEvent) {
        if event == UpdateEvent::Integration {
            self.refresh_integration(api);
        } else if let Some(change) = Change::from_event(event) {
            self.change(change);
        }
    }

    /// This user's read mark, as the server answered it.
    pub(super) fn read(self, conversation_id: ConversationId, unread: u32) {
        self.change(Change::Read { conversation_id, unread });
    }

    /// Puts a new message in the outbox (persisted first), then lets the sender pick it up.
    pub fn enqueue(self, conversation: &ConversationId, text: String, files: Vec<OutboxFile>) {
        self.queue(ClientMessageId::new(crypto_uuid()), conversation, text, files);
    }

    /// Every edit of the outbox goes through the pure `outbox::reduce`.
    pub(super) fn dispatch(self, action: Action) {
        self.outbox.try_update(|items| outbox::reduce(items, action));
    }

    fn queue(
        self,
        client_message_id: ClientMessageId,
        conversation: &ConversationId,
        text: String,
        files: Vec<OutboxFile>,
    ) {
        let conversation_id = conversation.clone();
        self.dispatch(Action::Queue { client_message_id, conversation_id, text, files, now: browser_now() });
    }

    /// Retries a message the server holds as failed (refused in another tab, or before a
    /// reload): queued again under its own `client_message_id`, so it is still sent only once.
    pub fn retry_failed(self, conversation: &ConversationId, message: &Message) {
        if let Some(id) = &message.client_message_id {
            // Its files are on the server already: the send names them again.
            self.queue(id.clone(), conversation, message.text.clone(), uploaded_files(message));
        }
    }

    pub fn retry(self, client_message_id: &ClientMessageId) {
        self.dispatch(Action::Retry { client_message_id: client_message_id.clone() });
    }

    /// Removes a failed message here and on the server (which keeps failed ones for other tabs).
    /// If the server cannot be told now, its copy stays failed and can be deleted again later.
    pub fn delete(self, api: Api, conversation: ConversationId, client_message_id: ClientMessageId) {
        let item = self.outbox.with_untracked(|o| o.iter().find(|i| i.client_message_id == client_message_id).cloned());
        if let Some(item) = item {
            super::file_store::forget(api, &item);
        }
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

/// A failed message's attachments, as files the server already holds.
fn uploaded_files(message: &Message) -> Vec<OutboxFile> {
    message
        .attachments
        .iter()
        .map(|a| OutboxFile {
            client_attachment_id: a.id.to_string(),
            name: a.name.clone().unwrap_or_default(),
            size: a.size.unwrap_or_default(),
            mime_type: a.mime_type.clone().unwrap_or_default(),
            uploaded: Some(a.id.clone()),
        })
        .collect()
}

pub(crate) fn crypto_uuid() -> String {
    window()
        .crypto()
        .ok()
        .map(|c| c.random_uuid())
        // Integers only: formatting an f64 would pull float printing into the wasm.
        .unwrap_or_else(|| format!("c-{}-{}", browser_now(), (js_sys::Math::random() * 1e15) as u64))
}
