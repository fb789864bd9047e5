use contract::PageId;
use leptos::prelude::*;

use crate::components::shared::app_link::AppLink;
use crate::domain::attachment::{self, Preview};
use crate::domain::page_health::connected_pages;
use crate::domain::reply_window::WindowState;
use crate::domain::safe_url::conversation_path;
use crate::i18n::*;
use crate::inbox::use_inbox;

#[derive(Clone, Copy, PartialEq)]
enum Badge {
    Open,
    Soon,
    Closed,
}

impl Badge {
    fn of(window: WindowState) -> Badge {
        match window {
            WindowState::Open { .. } => Badge::Open,
            WindowState::ClosesSoon { .. } => Badge::Soon,
            WindowState::Closed | WindowState::Never => Badge::Closed,
        }
    }

    fn modifier(self) -> &'static str {
        match self {
            Badge::Open => "open",
            Badge::Soon => "soon",
            Badge::Closed => "closed",
        }
    }
}

/// Each customer with the last message and a reply-window badge. The router marks the open one.
#[component]
pub fn ConversationList() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let pages = Memo::new(move |_| inbox.integration.with(connected_pages));
    let several = move || pages.with(|p| p.len() > 1);
    // Which Page's conversations to list; `None` is every Page.
    let filter = RwSignal::new(None::<PageId>);
    let items = move || {
        let all = inbox.conversations.get().and_then(Result::ok).unwrap_or_default();
        match filter.get() {
            Some(page) => all.into_iter().filter(|c| c.page.as_ref().is_some_and(|p| p.id == page)).collect(),
            None => all,
        }
    };
    view! {
        <nav class="msg-inbox__list" aria-label=move || t_string!(i18n, conversations.list_label)>
            <Show when=several>
                <label class="msg-field msg-inbox__filter">
                    <span class="msg-field__label">{t!(i18n, conversations.page_filter)}</span>
                    <select
                        class="msg-field__input"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            filter.set((!value.is_empty()).then(|| PageId::new(value)));
                        }
                    >
                        <option value="" selected=move || filter.with(Option::is_none)>
                            {t!(i18n, conversations.all_pages)}
                        </option>
                        {move || {
                            pages
                                .get()
                                .into_iter()
                                .map(|p| {
                                    let id = p.id.clone();
                                    let selected = move || filter.with(|f| f.as_ref() == Some(&id));
                                    view! {
                                        <option value=p.id.to_string() selected=selected>
                                            {p.name}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
            <ul>
                // Keyed by customer only: a new message updates the row in place, so focus on its link stays.
                <For each=items key=|c| c.id.clone() let:c>
                    {
                        let to = conversation_path(&c.id);
                        let id = c.id.clone();
                        let summary = Memo::new(move |_| inbox.summary(&id));
                        let window = Memo::new(move |_| {
                            let reply_by = summary.with(|s| s.as_ref().and_then(|c| c.reply_window.reply_by));
                            Badge::of(WindowState::at(reply_by, inbox.server_now()))
                        });
                        let badge = move || match window.get() {
                            Badge::Open => t!(i18n, conversations.badge_open).into_any(),
                            Badge::Soon => t!(i18n, conversations.badge_soon).into_any(),
                            Badge::Closed => t!(i18n, conversations.badge_closed).into_any(),
                        };
                        let preview = move || {
                            summary
                                .get()
                                .and_then(|c| c.last_message)
                                .map(|m| {
                                    let mine = m.direction == contract::Direction::Outbound;
                                    let text = match attachment::preview(&m) {
                                        Some(preview) => preview_text(preview),
                                        None => m.text,
                                    };
                                    // A message with no text names what came: "Photo", "File: …".
                                    view! {
                                        {mine.then_some(t!(i18n, conversations.you))}
                                        {text}
                                    }
                                })
                        };
                        let page = several().then(|| c.page.clone()).flatten();
                        // Named only when several Pages are connected.
                        view! {
                            <li>
                                <AppLink to class="msg-inbox__item">
                                    <span class="msg-inbox__name">{c.customer.name}</span>
                                    {page.map(|p| view! { <span class="msg-inbox__page">{p.name}</span> })}
                                    <span class=move || {
                                        format!("msg-badge msg-badge--window-{}", window.get().modifier())
                                    }>{badge}</span>
                                    {move || {
                                        summary
                                            .with(|s| s.as_ref().is_some_and(|c| c.cannot_receive_since.is_some()))
                                            .then(|| {
                                                view! {
                                                    <span class="msg-badge msg-badge--problem msg-inbox__mark">
                                                        {t!(i18n, conversations.cannot_receive_badge)}
                                                    </span>
                                                }
                                            })
                                    }}
                                    <span class="msg-inbox__preview">{preview}</span>
                                </AppLink>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || items().is_empty()>
                <p>{t!(i18n, conversations.empty)}</p>
            </Show>
        </nav>
    }
}

/// The list's words for an attachment, in the language shown now.
fn preview_text(preview: Preview) -> String {
    let i18n = use_i18n();
    match preview {
        Preview::Photo => t_string!(i18n, conversations.preview_photo).to_owned(),
        Preview::Video => t_string!(i18n, conversations.preview_video).to_owned(),
        Preview::VoiceMessage => t_string!(i18n, conversations.preview_voice).to_owned(),
        Preview::File(name) => t!(i18n, conversations.preview_file, name)(),
        Preview::Sticker => t_string!(i18n, conversations.preview_sticker).to_owned(),
        Preview::Like => t_string!(i18n, conversations.preview_like).to_owned(),
        Preview::Location => t_string!(i18n, conversations.preview_location).to_owned(),
        Preview::Link => t_string!(i18n, conversations.preview_link).to_owned(),
        Preview::Attachment => t_string!(i18n, conversations.preview_attachment).to_owned(),
    }
}
