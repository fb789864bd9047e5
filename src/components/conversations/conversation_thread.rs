use contract::{ConversationId, Message};
use leptos::prelude::*;

use super::cannot_receive_notice::CannotReceiveNotice;
use super::composer::Composer;
use super::day_separator::DaySeparator;
use super::message_bubble::{MessageBubble, ThreadMessage};
use super::page_status_banner::PageStatusBanner;
use super::reply_window_banner::ReplyWindowBanner;
use super::thread_owner_banner::ThreadOwnerBanner;
use crate::api::use_api;
use crate::components::install_failures::failure_screen::retry_later;
use crate::components::shared::loading_notice::LoadingNotice;
use crate::domain::outbox::OutboxItem;
use crate::domain::page_health::connected_pages;
use crate::domain::thread::hit_seq;
use crate::i18n::*;
use crate::inbox::list::mark_read;
use crate::inbox::{load_back_to, load_thread, use_inbox, Inbox};

/// How close to the end counts as reading the end, beyond the message just added.
const NEAR_END_PX: i32 = 48;

/// One conversation: its messages (newest page first, older on demand), the reply window and the composer.
#[component]
pub fn ConversationThread(conversation_id: ConversationId) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let inbox = use_inbox();
    let id = StoredValue::new(conversation_id.clone());
    let failed = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let retries = RwSignal::new(0u32);
    Effect::new(move || {
        inbox.reloads.track();
        retries.track();
        leptos::task::spawn_local(async move {
            let ok = load_thread(api, inbox, id.get_value(), None).await.is_ok();
            // A failed refresh keeps the messages already shown; only a first load fails the view.
            if ok || !loaded.get_untracked() || failed.get_untracked() {
                failed.try_set(!ok);
            }
            loaded.try_set(true);
        });
    });
    // A search's hit (`#m{seq}`): older pages load until they hold it, and it comes to the middle.
    let nav = use_context::<crate::nav::Nav>();
    let hit = Memo::new(move |_| nav.and_then(|nav| hit_seq(&nav.hash())));
    Effect::new(move || {
        let (Some(seq), true) = (hit.get(), loaded.get()) else { return };
        leptos::task::spawn_local(async move {
            let _ = load_back_to(api, inbox, id.get_value(), seq).await;
            request_animation_frame(move || show_hit(seq));
        });
    });
    let summary = Memo::new(move |_| inbox.summary(&id.get_value()));
    let name = move || summary.get().map(|c| c.customer.name).unwrap_or_default();
    mark_read_while_seen(api, inbox, id, summary);

    // The server's messages, with this browser's state for those still in the outbox (a
    // refused one keeps its place), then the outbox's messages the server has not seen yet.
    let shown = Memo::new(move |_| {
        let messages: Vec<Message> = inbox.threads.with(|t| t.get(&id.get_value()).cloned().unwrap_or_default());
        let mut pending: Vec<OutboxItem> =
            inbox.outbox.with(|o| o.iter().filter(|i| i.conversation_id == id.get_value()).cloned().collect());
        let mut rows: Vec<ThreadMessage> = messages
            .into_iter()
            .map(|m| {
                let mine = pending.iter().position(|p| Some(&p.client_message_id) == m.client_message_id.as_ref());
                match mine {
                    Some(at) => ThreadMessage::Pending(pending.remove(at)),
                    None => ThreadMessage::Server(m),
                }
            })
            .collect();
        rows.extend(pending.into_iter().map(ThreadMessage::Pending));
        rows
    });
    // The newest message is in view when the thread opens, when the user sends, and when one
    // arrives while they are reading the end; reading older ones is not interrupted.
    let list = NodeRef::<leptos::html::Ol>::new();
    // By key, not id: the last bubble growing (a receipt, a reaction, an edit) is followed too.
    let last = Memo::new(move |_| shown.with(|rows| rows.last().map(|r| (r.key(), r.is_pending()))));
    Effect::new(move |seen: Option<bool>| {
        let (Some(ol), Some((_, mine))) = (list.get(), last.get()) else { return false };
        // Opened at a search's hit: that message is brought into view instead.
        if seen.is_none() && hit.get_untracked().is_some() {
            return true;
        }
        let added = ol.last_element_child().map_or(0, |li| li.client_height());
        let reading_the_end = ol.scroll_height() - ol.scroll_top() - ol.client_height() <= added + NEAR_END_PX;
        if seen != Some(true) || mine || reading_the_end {
            // After the rows' DOM has caught up: a row rebuilt by this same change grows only then.
            // Unless the user scrolled up meanwhile: what they went back to read stays.
            let top = ol.scroll_top();
            request_animation_frame(move || {
                if ol.scroll_top() >= top {
                    ol.set_scroll_top(ol.scroll_height());
                }
            });
        }
        true
    });
    let has_more = move || inbox.has_more.with(|h| h.get(&id.get_value()).copied().unwrap_or(false));
    let earlier = move |_| {
        let first = inbox.threads.with_untracked(|t| t.get(&id.get_value()).and_then(|m| m.first().map(|m| m.seq)));
        // Older messages come in above: what the agent was reading stays where it was.
        let from_end = list.get_untracked().map(|ol| ol.scroll_height() - ol.scroll_top());
        leptos::task::spawn_local(async move {
            let _ = load_thread(api, inbox, id.get_value(), first).await;
            if let (Some(ol), Some(from_end)) = (list.try_get_untracked().flatten(), from_end) {
                request_animation_frame(move || ol.set_scroll_top(ol.scroll_height() - from_end));
            }
        });
    };

    view! {
        <div class="msg-thread">
            <h2 class="msg-thread__title" id="msg-thread-title">
                {name}
            </h2>
            <Show when=move || inbox.integration.with(|s| connected_pages(s).len() > 1)>
                <PageStatusBanner page_id=Signal::derive(move || inbox.page_of(&id.get_value())) />
            </Show>
            <ReplyWindowBanner conversation_id=conversation_id.clone() />
            <ThreadOwnerBanner conversation_id=conversation_id.clone() />
            // While loading, the messages' own box: the composer below does not move when they come.
            <Show
                when=move || loaded.get()
                fallback=|| {
                    view! {
                        <div class="msg-thread__messages">
                            <LoadingNotice />
                        </div>
                    }
                }
            >
                // A failed load keeps what is shown, and what this browser still has to send:
                // a message written while the thread cannot load is never hidden.
                <Show when=move || failed.get()>
                    <div class="msg-inline-error" role="alert">
                        <p>{t!(i18n, conversations.load_failed)}</p>
                        <p>{t!(i18n, conversations.load_keeps_trying)}</p>
                        {retry_later(Callback::new(move |()| retries.update(|n| *n += 1)))}
                        <button type="button" class="msg-button" on:click=move |_| retries.update(|n| *n += 1)>
                            {t!(i18n, conversations.load_retry)}
                        </button>
                    </div>
                </Show>
                <Show when=move || has_more() && !failed.get()>
                    <button type="button" class="msg-button msg-thread__earlier" on:click=earlier>
                        {t!(i18n, conversations.show_earlier)}
                    </button>
                </Show>
                <Show when=move || !failed.get() || shown.with(|rows| !rows.is_empty())>
                    // Focusable so keyboard users can scroll a long thread.
                    <ol class="msg-thread__messages" aria-labelledby="msg-thread-title" tabindex="0" node_ref=list>
                        <For each=move || with_days(&shown.get()) key=ThreadRow::key let:row>
                            {match row {
                                ThreadRow::Day(at) => view! { <DaySeparator at /> }.into_any(),
                                ThreadRow::Message(row) => {
                                    view! { <MessageBubble conversation_id=id.get_value() row /> }.into_any()
                                }
                            }}
                        </For>
                    </ol>
                </Show>
            </Show>
            <Composer conversation_id=conversation_id.clone() />
            // Below the composer: it comes with a refused send, and must not move Send under the pointer.
            <CannotReceiveNotice conversation_id />
        </div>
    }
}

/// Brings the message `seq` to the middle of the thread, once it is drawn.
fn show_hit(seq: u64) {
    if let Some(message) = document().get_element_by_id(&format!("m{seq}")) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        message.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// A row of the thread's list: a message, or the day the next ones were sent.
#[derive(Clone, PartialEq)]
enum ThreadRow {
    Day(contract::EpochMs),
    Message(ThreadMessage),
}

impl ThreadRow {
    fn key(&self) -> String {
        match self {
            ThreadRow::Day(at) => format!("day:{:?}", crate::format::day(*at)),
            ThreadRow::Message(row) => row.key(),
        }
    }
}

/// The messages with a day's name before the first of each day, in the browser's time zone.
/// A `Date` is made once a day, not once a message: a thread may hold thousands.
fn with_days(rows: &[ThreadMessage]) -> Vec<ThreadRow> {
    let mut out = Vec::with_capacity(rows.len() + 4);
    let mut day = None::<std::ops::Range<contract::EpochMs>>;
    for row in rows {
        let at = row.created_at();
        if !day.as_ref().is_some_and(|d| d.contains(&at)) {
            day = Some(crate::format::day_span(at));
            out.push(ThreadRow::Day(at));
        }
        out.push(ThreadRow::Message(row.clone()));
    }
    out
}

/// The thread on screen, in a tab the user sees, is read: this user's mark moves to its newest
/// message whenever one comes that leaves it unread (in another tab too: they hear it).
fn mark_read_while_seen(
    api: crate::api::Api,
    inbox: Inbox,
    id: StoredValue<ConversationId>,
    summary: Memo<Option<contract::ConversationSummary>>,
) {
    let seen = RwSignal::new(!document().hidden());
    let listener = window_event_listener(leptos::ev::visibilitychange, move |_| seen.set(!document().hidden()));
    on_cleanup(move || listener.remove());
    let newest =
        Memo::new(move |_| inbox.threads.with(|t| t.get(&id.get_value()).and_then(|m| m.iter().map(|m| m.seq).max())));
    Effect::new(move || {
        let unread = summary.with(|s| s.as_ref().is_some_and(|s| s.unread > 0));
        if let (true, true, Some(seq)) = (seen.get(), unread, newest.get()) {
            mark_read(api, inbox, id.get_value(), seq);
        }
    });
}
