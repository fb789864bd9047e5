use contract::{Direction, Message, MessageStatus, SendFailure};
use leptos::prelude::*;

use crate::api::use_api;
use crate::domain::outbox::{OutboxItem, OutboxState};
use crate::i18n::*;
use crate::inbox::use_inbox;

/// After this long "sent" without "delivered", hint that the customer may have blocked the Page.
pub const NOT_DELIVERED_HINT_MS: i64 = 15_000;

/// A row of the thread: a message the server has, or one still in this browser's outbox.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Server(Message),
    Pending(OutboxItem),
}

impl Shown {
    /// Changes when what the row shows changes, so only that row is rebuilt.
    pub fn key(&self) -> String {
        match self {
            Shown::Server(m) => format!("{}:{:?}", m.id, m.status),
            Shown::Pending(i) => format!("{}:{:?}", i.client_message_id, i.state),
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
        SendFailure::Unknown => t!(i18n, conversations.reason_unknown).into_any(),
    }
}

/// One message: its text (always as text), and for outgoing ones the delivery status,
/// the reason if it failed, and what to do.
#[component]
pub fn MessageBubble(row: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let api = use_api();
    let (text, outbound) = match &row {
        Shown::Server(m) => (m.text.clone(), m.direction == Direction::Outbound),
        Shown::Pending(i) => (i.text.clone(), true),
    };
    let status = match row {
        Shown::Server(m) if m.direction != Direction::Outbound => None,
        Shown::Server(m) => Some(match m.status {
            MessageStatus::Sending => ("pending", t!(i18n, conversations.status_sending).into_any(), None),
            MessageStatus::Sent { at } => {
                let hint = move || {
                    (inbox.server_now() - at > NOT_DELIVERED_HINT_MS)
                        .then(|| view! { <p class="msg-bubble__hint">{t!(i18n, conversations.not_delivered_hint)}</p> })
                };
                ("sent", t!(i18n, conversations.status_sent).into_any(), Some(hint.into_any()))
            }
            MessageStatus::Delivered { .. } => ("delivered", t!(i18n, conversations.status_delivered).into_any(), None),
            MessageStatus::Read { .. } => ("read", t!(i18n, conversations.status_read).into_any(), None),
            MessageStatus::Failed { reason } => {
                ("failed", t!(i18n, conversations.status_failed).into_any(), Some(failure_reason(reason)))
            }
            MessageStatus::Unknown => ("pending", t!(i18n, conversations.status_unknown).into_any(), None),
        }),
        Shown::Pending(item) => Some(match item.state {
            OutboxState::Queued => ("pending", t!(i18n, conversations.status_queued).into_any(), None),
            OutboxState::Sending => ("pending", t!(i18n, conversations.status_sending).into_any(), None),
            OutboxState::RetryAt { rate_limited: true, .. } => {
                ("pending", t!(i18n, conversations.status_rate_limited).into_any(), None)
            }
            OutboxState::RetryAt { .. } => ("pending", t!(i18n, conversations.status_retrying).into_any(), None),
            OutboxState::Failed { reason } => {
                let id = item.client_message_id.clone();
                let id2 = id.clone();
                let actions = view! {
                    {failure_reason(reason)}
                    <span class="msg-actions msg-bubble__actions">
                        <button type="button" class="msg-button msg-button--small" on:click=move |_| inbox.retry(&id)>{t!(i18n, conversations.retry)}</button>
                        <button type="button" class="msg-button msg-button--small" on:click=move |_| inbox.delete(api, id2.clone())>{t!(i18n, conversations.delete)}</button>
                    </span>
                };
                ("failed", t!(i18n, conversations.status_failed).into_any(), Some(actions.into_any()))
            }
        }),
    };
    let class = if outbound { "msg-bubble msg-bubble--out" } else { "msg-bubble msg-bubble--in" };
    view! {
        <li class=class>
            <p class="msg-bubble__text">{text}</p>
            {status.map(|(modifier, label, more)| view! {
                <p class=format!("msg-bubble__status msg-bubble__status--{modifier}")>{label}</p>
                {more.map(|more| view! { <div class="msg-bubble__more">{more}</div> })}
            })}
        </li>
    }
}
