use leptos::prelude::*;

use super::page_status_banner::page_can_send;
use crate::domain::reply_window::{remaining_parts, WindowState};
use crate::i18n::*;
use crate::inbox::use_inbox;

/// Seed mode 7: a live countdown on server time, or why the composer is locked.
#[component]
pub fn ReplyWindowBanner(conversation_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let reply_by = Memo::new(move |_| inbox.summary(&conversation_id).and_then(|c| c.reply_window.reply_by));
    let state = move || WindowState::at(reply_by.get(), inbox.server_now());
    move || {
        match state() {
        // "You can reply for…" would be untrue while the Page's banner says it cannot send.
        WindowState::Open { .. } | WindowState::ClosesSoon { .. } if !page_can_send(inbox.integration.get()) => ().into_any(),
        WindowState::Open { remaining_ms } | WindowState::ClosesSoon { remaining_ms } => {
            let (d, h, m) = remaining_parts(remaining_ms);
            let template = if d > 0 {
                td_string!(i18n.get_locale(), conversations.window_open)
            } else {
                td_string!(i18n.get_locale(), conversations.window_open_hours)
            };
            let text = template.replace("%d%", &d.to_string()).replace("%h%", &h.to_string()).replace("%m%", &m.to_string());
            let soon = matches!(state(), WindowState::ClosesSoon { .. });
            view! { <p class="msg-window" class:msg-window--soon=soon>{text}</p> }.into_any()
        }
        WindowState::Closed => view! {
            <div class="msg-notice msg-notice--warning">
                <p class="msg-notice__title">{t!(i18n, conversations.window_closed_title)}</p>
                <p>{t!(i18n, conversations.window_closed_body)}</p>
                <p><a class="msg-button" href="https://www.facebook.com/messages/" target="_blank" rel="noopener noreferrer">{t!(i18n, conversations.open_messenger)}</a></p>
            </div>
        }
        .into_any(),
        WindowState::Never => view! { <p class="msg-window">{t!(i18n, conversations.window_never)}</p> }.into_any(),
    }
    }
}
