use leptos::prelude::*;

use crate::components::shared::notice::{Intent, Notice};
use crate::components::status_region::use_status;
use crate::domain::page_health::page_can_send;
use crate::domain::reply_window::{remaining_parts, WindowState};
use crate::i18n::*;
use crate::inbox::use_inbox;

/// What the banner shows; only the countdown's text changes while it stays the same.
#[derive(Clone, Copy, PartialEq)]
enum WindowNotice {
    Countdown {
        soon: bool,
    },
    /// The Page cannot send at all: "You can reply for…" would be untrue beside its banner.
    Nothing,
    Closed,
    Never,
}

/// Seed mode 7: a live countdown on server time, or why the composer is locked.
#[component]
pub fn ReplyWindowBanner(conversation_id: contract::ConversationId) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let page = {
        let conversation_id = conversation_id.clone();
        Memo::new(move |_| inbox.page_of(&conversation_id))
    };
    let reply_by = Memo::new(move |_| inbox.summary(&conversation_id).and_then(|c| c.reply_window.reply_by));
    let state = Memo::new(move |_| WindowState::at(reply_by.get(), inbox.server_now()));
    let shown = Memo::new(move |_| match state.get() {
        WindowState::Open { .. } | WindowState::ClosesSoon { .. }
            if !page_can_send(inbox.integration.get(), page.get().as_ref()) =>
        {
            WindowNotice::Nothing
        }
        WindowState::Open { .. } => WindowNotice::Countdown { soon: false },
        WindowState::ClosesSoon { .. } => WindowNotice::Countdown { soon: true },
        WindowState::Closed => WindowNotice::Closed,
        WindowState::Never => WindowNotice::Never,
    });
    let countdown = move || {
        let (WindowState::Open { remaining_ms } | WindowState::ClosesSoon { remaining_ms }) = state.get() else {
            return String::new();
        };
        let (days, hours, minutes) = remaining_parts(remaining_ms);
        let template = if days > 0 {
            td_string!(i18n.get_locale(), conversations.window_open)
        } else {
            td_string!(i18n.get_locale(), conversations.window_open_hours)
        };
        interpolate(template, &[("days", &days), ("hours", &hours), ("minutes", &minutes)])
    };
    // The customer wrote again: say so, as the lock lifts without a reload.
    let status = use_status();
    Effect::new(move |previous: Option<WindowNotice>| {
        let now = shown.get();
        if previous == Some(WindowNotice::Closed) && matches!(now, WindowNotice::Countdown { .. }) {
            status.announce(td_string!(i18n.get_locale_untracked(), conversations.reopened));
        }
        now
    });
    // Rebuilt only when what it shows changes, so focus on its link survives the clock's ticks.
    move || match shown.get() {
        WindowNotice::Countdown { soon } => {
            view! { <p class="msg-window" class:msg-window--soon=soon>{countdown}</p> }.into_any()
        }
        WindowNotice::Nothing => ().into_any(),
        WindowNotice::Closed => view! {
            <Notice intent=Intent::Warning title=t!(i18n, conversations.window_closed_title)>
                <p>{t!(i18n, conversations.window_closed_body)}</p>
                <p>
                    <a
                        class="msg-button"
                        href="https://www.facebook.com/messages/"
                        target="_blank"
                        rel="noopener noreferrer"
                    >
                        {t!(i18n, conversations.open_messenger)}
                    </a>
                </p>
            </Notice>
        }
        .into_any(),
        WindowNotice::Never => view! { <p class="msg-window">{t!(i18n, conversations.window_never)}</p> }.into_any(),
    }
}
