//! The conversations' live state in the browser: the list, the open thread, the server's
//! clock, the persisted outbox, and the loops that keep them current (updates, sending).
//! The rules live in `domain::outbox` (every outbox edit is an `Action` through its pure
//! `reduce`) and `domain::reply_window`; storage is `store`; this owns the loops and stops
//! them all on cleanup.

use std::collections::HashMap;

use contract::{
    ConversationSummary, EpochMs, ErrorCode, IntegrationState, Message, SendFailure, SendMessageRequest, UpdateEvent,
};
use leptos::prelude::*;

use crate::api::{use_api, Api, HttpError};
use crate::domain::backoff::Backoff;
use crate::domain::conversations::{self, Change};
use crate::domain::outbox::{self, Action, Attempt, OutboxItem};
use crate::domain::owner::Owner;
use crate::domain::reply_window::{awaiting_reply, ServerClock};
use crate::domain::thread;
use crate::host::{use_host, AwaitingReplyDetail};

mod store;
pub use store::{load_draft, save_draft};
use store::{save_outbox, stored_outbox, OUTBOX_PREFIX};

const TICK_MS: u64 = 500;
const LONG_POLL_SECONDS: u32 = 10;

#[derive(Clone, Copy)]
pub struct Inbox {
    pub clock: RwSignal<ServerClock>,
    /// The browser's clock, ticking every few seconds, for countdowns and hints.
    pub browser_now: RwSignal<EpochMs>,
    pub conversations: RwSignal<Option<Result<Vec<ConversationSummary>, HttpError>>>,
    /// Messages of loaded threads, oldest first.
    pub threads: RwSignal<HashMap<String, Vec<Message>>>,
    pub has_more: RwSignal<HashMap<String, bool>>,
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
    pub fn summary(self, conversation: &str) -> Option<ConversationSummary> {
        self.conversations.with(|list| match list {
            Some(Ok(list)) => list.iter().find(|c| c.id == conversation).cloned(),
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
    pub fn page_of(self, conversation: &str) -> Option<String> {
        self.summary(conversation).and_then(|c| c.page).map(|p| p.id)
    }

    /// Adds or replaces a message by id, keeping the thread in order.
    pub fn upsert(self, conversation: &str, message: Message) {
        self.change(Change::Message { conversation_id: conversation.to_owned(), message });
    }

    fn apply(self, api: Api, event: UpdateEvent) {
        if event == UpdateEvent::Integration {
            self.refresh_integration(api);
        } else if let Some(change) = Change::from_event(event) {
            self.change(change);
        }
    }

    /// Puts a new message in the outbox (persisted first), then lets the sender pick it up.
    pub fn enqueue(self, conversation: &str, text: String) {
        self.queue(crypto_uuid(), conversation, text);
    }

    /// Every edit of the outbox goes through the pure `outbox::reduce`.
    fn dispatch(self, action: Action) {
        self.outbox.try_update(|items| outbox::reduce(items, action));
    }

    fn queue(self, client_message_id: String, conversation: &str, text: String) {
        let conversation_id = conversation.to_owned();
        self.dispatch(Action::Queue { client_message_id, conversation_id, text, now: browser_now() });
    }

    /// Retries a message the server holds as failed (refused in another tab, or before a
    /// reload): queued again under its own `client_message_id`, so it is still sent only once.
    pub fn retry_failed(self, conversation: &str, message: &Message) {
        if let Some(id) = &message.client_message_id {
            self.queue(id.clone(), conversation, message.text.clone());
        }
    }

    pub fn retry(self, client_message_id: &str) {
        self.dispatch(Action::Retry { client_message_id: client_message_id.to_owned() });
    }

    /// Removes a failed message here and on the server (which keeps failed ones for other tabs).
    /// If the server cannot be told now, its copy stays failed and can be deleted again later.
    pub fn delete(self, api: Api, conversation: String, client_message_id: String) {
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

/// How a failed send should be treated: retried by itself, or left to the user. The one
/// retry policy: what `HttpError::is_transient` calls transient is retried, plus a refused
/// CSRF token, which the sender renews before the retry. A message interrupted because
/// someone else signed in stays queued for its owner.
fn classify(error: &HttpError) -> Attempt {
    let transient = |retry_after_ms, rate_limited| Attempt::Transient { retry_after_ms, rate_limited };
    if *error == HttpError::UserChanged {
        return transient(None, false);
    }
    let HttpError::Api { error: api, .. } = error else {
        return if error.is_transient() { transient(None, false) } else { Attempt::Permanent(SendFailure::Unknown) };
    };
    let retry_after_ms = api.details.retry_after_seconds.map(|s| EpochMs::from(s) * 1000);
    match api.code {
        ErrorCode::ReplyWindowClosed => Attempt::Permanent(SendFailure::ReplyWindowClosed),
        ErrorCode::PageRestricted => Attempt::Permanent(SendFailure::PageRestricted),
        ErrorCode::TokenExpired => Attempt::Permanent(SendFailure::TokenExpired),
        ErrorCode::RecipientUnavailable => Attempt::Permanent(SendFailure::RecipientUnavailable),
        ErrorCode::MissingPermissions => Attempt::Permanent(SendFailure::PermissionMissing),
        ErrorCode::RateLimited => transient(retry_after_ms, true),
        ErrorCode::CsrfTokenInvalid => transient(retry_after_ms, false),
        _ if error.is_transient() => transient(retry_after_ms, false),
        // Signed out, not found, refused: kept, with Retry and Delete for the user.
        _ => Attempt::Permanent(SendFailure::Unknown),
    }
}

/// Creates the inbox for the conversations page and starts its loops; they stop with the page.
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
    let alive = StoredValue::new(true);
    on_cleanup(move || alive.set_value(false));

    // The outbox is its owner's: loaded once `GET /me` says who is signed in, swapped whole
    // when someone else is, and never sent or shown under another user's session.
    let owner = StoredValue::new(None::<Owner>);
    let written = StoredValue::new(HashMap::new());
    Effect::new(move || {
        let Some(signed_in) = api.owner() else { return };
        if owner.with_value(|o| o.as_ref() == Some(&signed_in)) {
            return;
        }
        let mut items = stored_outbox(&signed_in);
        // Written here before `/me` answered: this tab's user's, so they join (and are stored).
        if owner.with_value(Option::is_none) {
            inbox.outbox.with_untracked(|typed| {
                let new: Vec<_> = typed
                    .iter()
                    .filter(|t| items.iter().all(|i| i.client_message_id != t.client_message_id))
                    .cloned()
                    .collect();
                items.extend(new);
            });
        }
        written.set_value(HashMap::new());
        owner.set_value(Some(signed_in));
        inbox.outbox.set(items);
    });
    // Persist before anything is sent: a reload never loses a queued message.
    let save = move || {
        owner.with_value(|o| {
            if let Some(o) = o {
                inbox.outbox.with_untracked(|items| written.update_value(|w| save_outbox(o, items, w)));
            }
        })
    };
    Effect::new(move || {
        inbox.outbox.track();
        save();
    });
    // Another tab's messages join this tab's queue, so none is stranded when that tab closes.
    let other_tabs = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else {
            // Another tab (or the host) called localStorage.clear(): write the whole queue back.
            written.update_value(HashMap::clear);
            save();
            return;
        };
        let Some(id) = owner.with_value(|o| o.as_ref().and_then(|o| o.id_in(OUTBOX_PREFIX, &key).map(str::to_owned)))
        else {
            return;
        };
        let mut held = None;
        inbox.outbox.try_update(|items| held = outbox::merge(items, &id, ev.new_value().as_deref(), browser_now()));
        // Recorded as written, so this tab does not echo the change back.
        written.update_value(|w| {
            match held.and_then(|i| serde_json::to_string(&i).ok()) {
                Some(json) => w.insert(id, json),
                None => w.remove(&id),
            };
        });
    });
    on_cleanup(move || other_tabs.remove());

    let online = window_event_listener(leptos::ev::online, move |_| inbox.online.set(true));
    let offline = window_event_listener(leptos::ev::offline, move |_| inbox.online.set(false));
    on_cleanup(move || {
        online.remove();
        offline.remove();
    });
    if let Ok(clock) =
        set_interval_with_handle(move || inbox.browser_now.set(browser_now()), std::time::Duration::from_secs(5))
    {
        on_cleanup(move || clock.clear());
    }

    // The host's unread badge: recounted as messages arrive and as windows close with the clock.
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

    // Dropped on cleanup, not merely left to notice: that aborts the long poll in flight
    // (`Api::request` aborts its fetch when dropped) and clears any backoff timer.
    let (updates, stop) = futures::future::abortable(async move {
        let mut attempt = 0;
        let mut cursor = None::<u64>;
        while alive.try_get_value().unwrap_or(false) {
            let result = match cursor {
                None => load_list(api, inbox).await,
                Some(since) => api.updates(since, LONG_POLL_SECONDS).await.map(|u| {
                    if !alive.try_get_value().unwrap_or(false) {
                        return None;
                    }
                    inbox.sync_clock(u.server_time);
                    if u.reset {
                        None
                    } else {
                        u.events.into_iter().for_each(|e| inbox.apply(api, e));
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
                Err(_) => {
                    let wait = Backoff::DEFAULT.delay_ms(attempt, js_sys::Math::random()).max(250);
                    attempt += 1;
                    gloo_timers::future::TimeoutFuture::new(wait).await;
                }
            }
        }
    });
    leptos::task::spawn_local(async move {
        let _ = updates.await;
    });
    on_cleanup(move || stop.abort());

    // The sender: one message at a time, in order, while online.
    let sending = StoredValue::new(false);
    let sender = set_interval_with_handle(
        move || {
            // The browser's word, read each tick: an `online` event that fired before this
            // mount listened (or never fired) must not strand the queue.
            let online = window().navigator().on_line();
            if online != inbox.online.get_untracked() {
                inbox.online.set(online);
            }
            if sending.get_value() || !online {
                return;
            }
            let now = browser_now();
            let Some(item) = inbox.outbox.with_untracked(|items| outbox::next_due(items, now).cloned()) else {
                return;
            };
            sending.set_value(true);
            inbox.dispatch(Action::Sending { client_message_id: item.client_message_id.clone() });
            leptos::task::spawn_local(async move {
                let request =
                    SendMessageRequest { client_message_id: item.client_message_id.clone(), text: item.text.clone() };
                let attempt = match api.send_message(&item.conversation_id, &request).await {
                    Ok(message) => {
                        inbox.upsert(&item.conversation_id, message);
                        Attempt::Delivered
                    }
                    Err(error) => {
                        let code = match &error {
                            HttpError::Api { error, .. } => Some(error.code),
                            _ => None,
                        };
                        match code {
                            Some(ErrorCode::CsrfTokenInvalid) => api.forget_csrf_token(),
                            Some(
                                ErrorCode::PageRestricted | ErrorCode::TokenExpired | ErrorCode::MissingPermissions,
                            ) => inbox.refresh_integration(api),
                            _ => {}
                        }
                        classify(&error)
                    }
                };
                let id = item.client_message_id.clone();
                if sending.try_set_value(false).is_some() {
                    return;
                }
                let next = item.after(attempt, browser_now(), js_sys::Math::random());
                inbox.dispatch(Action::Settle { client_message_id: id, next });
            });
        },
        std::time::Duration::from_millis(TICK_MS),
    );
    if let Ok(sender) = sender {
        on_cleanup(move || sender.clear());
    }
    inbox
}

async fn load_list(api: Api, inbox: Inbox) -> Result<Option<u64>, HttpError> {
    let (integration, conversations) = futures::future::join(api.integration(), api.conversations()).await;
    if let Ok(state) = integration {
        inbox.integration.try_set(Some(state));
    }
    match conversations {
        Ok(list) => {
            inbox.sync_clock(list.server_time);
            inbox.conversations.try_set(Some(Ok(list.conversations)));
            Ok(Some(list.cursor))
        }
        Err(error) => {
            // After a reset the list already shown stays (and is retried); only a first load fails the page.
            inbox.conversations.try_update(|list| {
                if !matches!(list, Some(Ok(_))) {
                    *list = Some(Err(error.clone()));
                }
            });
            Err(error)
        }
    }
}

/// Loads a thread's newest page, or the page before `before`.
pub async fn load_thread(api: Api, inbox: Inbox, conversation: String, before: Option<u64>) -> Result<(), HttpError> {
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

#[cfg(test)]
mod tests {
    use contract::{ApiError, ErrorDetails};

    use super::*;

    fn api(code: ErrorCode, status: u16) -> HttpError {
        let error =
            ApiError { code, message: String::new(), reference: "REF".into(), details: ErrorDetails::default() };
        HttpError::Api { status, error: Box::new(error) }
    }

    #[test]
    fn a_send_is_retried_exactly_when_the_error_is_transient_or_a_stale_token() {
        for error in [HttpError::Status(408), HttpError::Status(503), HttpError::Network, HttpError::Timeout] {
            assert!(error.is_transient(), "{error:?}");
            assert!(matches!(classify(&error), Attempt::Transient { .. }), "{error:?}");
        }
        for error in [HttpError::Status(400), HttpError::Status(404), api(ErrorCode::NotFound, 404)] {
            assert!(!error.is_transient(), "{error:?}");
            assert_eq!(classify(&error), Attempt::Permanent(SendFailure::Unknown), "{error:?}");
        }
        assert!(matches!(classify(&api(ErrorCode::CsrfTokenInvalid, 403)), Attempt::Transient { .. }));
        assert!(matches!(classify(&HttpError::UserChanged), Attempt::Transient { .. }), "kept for its owner");
        assert!(matches!(classify(&api(ErrorCode::Internal, 500)), Attempt::Transient { .. }));
        assert!(matches!(classify(&api(ErrorCode::RateLimited, 429)), Attempt::Transient { rate_limited: true, .. }));
        assert_eq!(classify(&api(ErrorCode::PageRestricted, 403)), Attempt::Permanent(SendFailure::PageRestricted));
    }
}
