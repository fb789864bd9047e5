use contract::{ClientMessageId, ConversationId, Direction, Message, MessageStatus, SendFailure};
use leptos::prelude::*;

use super::message_attachment::MessageAttachment;
use super::message_time::MessageTime;
use super::pending_files::PendingFiles;
use crate::api::use_api;
use crate::domain::outbox::{OutboxItem, OutboxState};
use crate::domain::thread::not_delivered_hint_due;
use crate::format;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// A row of the thread: a message the server has, or one still in this browser's outbox.
#[derive(Clone, Debug, PartialEq)]
pub enum ThreadMessage {
    Server(Message),
    Pending(OutboxItem),
}

impl ThreadMessage {
    /// The message's identity, whatever its state.
    pub fn id(&self) -> &str {
        match self {
            ThreadMessage::Server(m) => m.id.as_str(),
            ThreadMessage::Pending(i) => i.client_message_id.as_str(),
        }
    }

    /// When it was written: the server's time, or this browser's for one not sent yet.
    pub fn created_at(&self) -> contract::EpochMs {
        match self {
            ThreadMessage::Server(m) => m.created_at,
            ThreadMessage::Pending(i) => i.created_at,
        }
    }

    pub fn is_pending(&self) -> bool {
        matches!(self, ThreadMessage::Pending(_))
    }

    /// Changes when what the row shows changes, so only that row is rebuilt.
    pub fn key(&self) -> String {
        match self {
            // An edit or a reaction rebuilds the row too.
            ThreadMessage::Server(m) => format!("{}:{:?}:{:?}:{:?}", m.id, m.status, m.edited_at, m.reaction),
            ThreadMessage::Pending(i) => format!("{}:{:?}", i.client_message_id, i.state),
        }
    }
}

pub fn failure_reason(reason: SendFailure) -> AnyView {
    let i18n = use_i18n();
    match reason {
        SendFailure::ReplyWindowClosed => t!(i18n, conversations.reason_reply_window_closed).into_any(),
        SendFailure::PageRestricted => t!(i18n, conversations.reason_page_restricted).into_any(),
        SendFailure::TokenExpired => t!(i18n, conversations.reason_token_expired).into_any(),
        SendFailure::RecipientUnavailable => t!(i18n, conversations.reason_recipient_unavailable).into_any(),
        SendFailure::PermissionMissing => t!(i18n, conversations.reason_permission_missing).into_any(),
        SendFailure::AttachmentRefused => t!(i18n, conversations.reason_attachment_refused).into_any(),
        SendFailure::ThreadOwnedByOtherApp => t!(i18n, conversations.reason_thread_owned).into_any(),
        SendFailure::Unknown => t!(i18n, conversations.reason_unknown).into_any(),
    }
}

/// One message: its text (always as text), and for outgoing ones the delivery status,
/// the reason if it failed, and what to do.
#[component]
pub fn MessageBubble(
    /// The conversation the message belongs to, for Retry and Delete.
    conversation_id: ConversationId,
    row: ThreadMessage,
) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let api = use_api();
    let (text, outbound) = match &row {
        ThreadMessage::Server(m) => (m.text.clone(), m.direction == Direction::Outbound),
        ThreadMessage::Pending(i) => (i.text.clone(), true),
    };
    // Agents share the inbox: an answer names who wrote it (a pending one is this user's own).
    let sender = match &row {
        ThreadMessage::Server(m) if m.direction == Direction::Outbound => m.sent_by.as_ref().map(|p| p.name.clone()),
        _ => None,
    };
    let text_id = format!("msg-text-{}", row.id());
    // A search's hit links to `#m{seq}`: the thread scrolls there and marks it.
    let anchor = match &row {
        ThreadMessage::Server(m) => Some(format!("m{}", m.seq)),
        ThreadMessage::Pending(_) => None,
    };
    let hit = {
        let (nav, anchor) = (use_context::<crate::nav::Nav>(), anchor.clone());
        move || anchor.as_ref().zip(nav).is_some_and(|(anchor, nav)| nav.hash().strip_prefix('#') == Some(anchor))
    };
    let no_text = text.is_empty();
    let created_at = row.created_at();
    let pending_files = match &row {
        ThreadMessage::Pending(i) if !i.files.is_empty() => Some(view! {
            <div class="msg-bubble__attachments">
                <PendingFiles files=i.files.clone() />
            </div>
        }),
        _ => None,
    };
    let attachments = match &row {
        ThreadMessage::Server(m) if !m.attachments.is_empty() => {
            // Who they are from, for their alternative texts: the agent who sent them, or the customer.
            let from = sender
                .clone()
                .unwrap_or_else(|| inbox.summary(&conversation_id).map(|c| c.customer.name).unwrap_or_default());
            let items = m
                .attachments
                .iter()
                .map(|attachment| view! { <MessageAttachment attachment=attachment.clone() from=from.clone() /> })
                .collect_view();
            Some(view! { <div class="msg-bubble__attachments">{items}</div> })
        }
        _ => None,
    };
    // Each button rebuilds this row, so focus goes on to the composer. Retry comes only with a
    // refusal; Delete with any message waiting to go out (not while it is in flight).
    let actions = {
        let (conversation_id, text_id) = (conversation_id.clone(), text_id.clone());
        move |retry: Option<Callback<()>>, client_message_id: ClientMessageId| {
            let conversation = conversation_id.clone();
            let text_id = text_id.clone();
            view! {
                <span class="msg-actions msg-bubble__actions">
                    {retry
                        .map(|retry| {
                            view! {
                                <button
                                    type="button"
                                    class="msg-button msg-button--small"
                                    aria-describedby=text_id.clone()
                                    on:click=move |_| {
                                        retry.run(());
                                        focus_composer();
                                    }
                                >
                                    {t!(i18n, conversations.retry)}
                                </button>
                            }
                        })}
                    <button
                        type="button"
                        class="msg-button msg-button--small"
                        aria-describedby=text_id.clone()
                        on:click=move |_| {
                            inbox.delete(api, conversation.clone(), client_message_id.clone());
                            focus_composer();
                        }
                    >
                        {t!(i18n, conversations.delete)}
                    </button>
                </span>
            }
            .into_any()
        }
    };
    let status = match row.clone() {
        ThreadMessage::Server(m) if m.direction != Direction::Outbound => None,
        ThreadMessage::Server(m) => Some(match m.status.clone() {
            MessageStatus::Sending => ("pending", t!(i18n, conversations.status_sending).into_any(), None),
            MessageStatus::Sent { at } => {
                let late = Memo::new(move |_| not_delivered_hint_due(at, inbox.server_now()));
                let hint = move || {
                    late.get()
                        .then(|| view! { <p class="msg-bubble__hint">{t!(i18n, conversations.not_delivered_hint)}</p> })
                };
                ("sent", t!(i18n, conversations.status_sent).into_any(), Some(hint.into_any()))
            }
            MessageStatus::Delivered { .. } => ("delivered", t!(i18n, conversations.status_delivered).into_any(), None),
            MessageStatus::Read { .. } => ("read", t!(i18n, conversations.status_read).into_any(), None),
            // Refused in another tab or before a reload: the server kept it so it can be retried here.
            MessageStatus::Failed { reason } => {
                let more = match m.client_message_id.clone() {
                    Some(id) => {
                        let conversation = conversation_id.clone();
                        let retry = Callback::new(move |()| inbox.retry_failed(&conversation, &m));
                        view! {
                            {failure_reason(reason)}
                            {actions(Some(retry), id)}
                        }
                        .into_any()
                    }
                    None => failure_reason(reason),
                };
                ("failed", t!(i18n, conversations.status_failed).into_any(), Some(more))
            }
            MessageStatus::Unknown => ("pending", t!(i18n, conversations.status_unknown).into_any(), None),
        }),
        ThreadMessage::Pending(item) => Some(match item.state {
            OutboxState::Queued => (
                "pending",
                t!(i18n, conversations.status_queued).into_any(),
                Some(actions(None, item.client_message_id)),
            ),
            OutboxState::Sending => ("pending", t!(i18n, conversations.status_sending).into_any(), None),
            OutboxState::RetryAt { rate_limited: true, .. } => (
                "pending",
                t!(i18n, conversations.status_rate_limited).into_any(),
                Some(actions(None, item.client_message_id)),
            ),
            OutboxState::RetryAt { .. } => (
                "pending",
                t!(i18n, conversations.status_retrying).into_any(),
                Some(actions(None, item.client_message_id)),
            ),
            OutboxState::Failed { reason } => {
                let id = item.client_message_id.clone();
                let retry = {
                    let id = id.clone();
                    Callback::new(move |()| inbox.retry(&id))
                };
                let more = view! {
                    {failure_reason(reason)}
                    {actions(Some(retry), id)}
                };
                ("failed", t!(i18n, conversations.status_failed).into_any(), Some(more.into_any()))
            }
        }),
    };
    // The customer's reaction and edits (Facebook's `message_reactions`, `message_edits`).
    let (reaction, edited_at) = match &row {
        ThreadMessage::Server(m) => (m.reaction.clone(), m.edited_at),
        ThreadMessage::Pending(_) => (None, None),
    };
    let reaction = reaction.map(|emoji| {
        let customer = inbox.summary(&conversation_id).map(|c| c.customer.name).unwrap_or_default();
        let shown = emoji.clone();
        let label = t!(i18n, conversations.reacted, name = customer, emoji);
        view! {
            <span class="msg-bubble__reaction" role="img" aria-label=label.clone() title=label>
                {shown}
            </span>
        }
    });
    let edited = edited_at.map(|at| {
        let when = move || format::date_time(at, i18n.get_locale());
        view! {
            <span class="msg-bubble__edited" title=when>
                {t!(i18n, conversations.edited)}
            </span>
        }
    });
    let class = if outbound { "msg-bubble msg-bubble--out" } else { "msg-bubble msg-bubble--in" };
    view! {
        <li class=class id=anchor.clone() class:msg-bubble--hit=hit>
            {sender.map(|name| view! { <p class="msg-bubble__sender">{name}</p> })}
            {attachments}
            {pending_files}
            <p class="msg-bubble__text" class:msg-bubble__text--empty=no_text id=text_id>
                {text}
            </p>
            <MessageTime at=created_at />
            {edited}
            {reaction}
            {status
                .map(|(modifier, label, more)| {
                    view! {
                        <p class=format!("msg-bubble__status msg-bubble__status--{modifier}")>{label}</p>
                        {more.map(|more| view! { <div class="msg-bubble__more">{more}</div> })}
                    }
                })}
        </li>
    }
}

fn focus_composer() {
    use wasm_bindgen::JsCast;
    let composer = document().query_selector(".msg-composer__input").ok().flatten();
    if let Some(composer) = composer.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = composer.focus();
    }
}
