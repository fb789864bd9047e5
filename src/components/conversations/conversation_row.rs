use contract::{ConversationId, Direction};
use leptos::prelude::*;

use crate::components::shared::app_link::AppLink;
use crate::domain::attachment::{self, Preview};
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

/// One customer in the list: the name (bold, with the count, while this user has unread
/// messages there), the Page when several are connected, the reply window, and the last message
/// or the search's hit. The link is the grid's cell: `tabindex` is the list's roving one.
#[component]
pub fn ConversationRow(
    id: ConversationId,
    /// Its place in the list, from 0: it moves as new messages reorder the list, and the row
    /// (keyed by conversation) stays, with the focus on its link.
    index: Signal<usize>,
    /// Whether the Page is named (several are connected).
    name_page: bool,
    tabindex: Signal<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let summary = {
        let id = id.clone();
        Memo::new(move |_| inbox.summary(&id))
    };
    let hit = summary.with_untracked(|s| s.as_ref().and_then(|c| c.search_hit.clone()));
    // A search's hit opens its message, marked (`#m{seq}`).
    let to = match &hit {
        Some(hit) => format!("{}#m{}", conversation_path(&id), hit.seq),
        None => conversation_path(&id),
    };
    let window = Memo::new(move |_| {
        let reply_by = summary.with(|s| s.as_ref().and_then(|c| c.reply_window.reply_by));
        Badge::of(WindowState::at(reply_by, inbox.server_now()))
    });
    let badge = move || match window.get() {
        Badge::Open => t!(i18n, conversations.badge_open).into_any(),
        Badge::Soon => t!(i18n, conversations.badge_soon).into_any(),
        Badge::Closed => t!(i18n, conversations.badge_closed).into_any(),
    };
    let unread = move || summary.with(|s| s.as_ref().map_or(0, |c| c.unread));
    let unread_words = move || {
        let count = unread() as usize;
        (count > 0)
            .then(|| counted(i18n.get_locale(), td_string!(i18n.get_locale(), conversations.unread_suffix), count, &[]))
    };
    let preview = move || {
        if let Some(hit) = summary.with(|s| s.as_ref().and_then(|c| c.search_hit.clone())) {
            return Some(view! { <mark class="msg-inbox__hit">{hit.snippet}</mark> }.into_any());
        }
        summary.get().and_then(|c| c.last_message).map(|m| {
            let mine = m.direction == Direction::Outbound;
            // A message with no text names what came: "Photo", "File: …".
            let text = match attachment::preview(&m) {
                Some(preview) => preview_text(preview),
                None => m.text,
            };
            view! {
                {mine.then_some(t!(i18n, conversations.you))}
                {text}
            }
            .into_any()
        })
    };
    let name = summary.with_untracked(|s| s.as_ref().map(|c| c.customer.name.clone()).unwrap_or_default());
    let page = summary.with_untracked(|s| s.as_ref().and_then(|c| c.page.clone())).filter(|_| name_page);
    // The roving tabindex, on the link AppLink draws: only the list's current row is in the Tab order.
    let row = NodeRef::<leptos::html::Div>::new();
    Effect::new(move || {
        let link = row.get().and_then(|r| r.query_selector("a").ok().flatten());
        if let Some(link) = link {
            let _ = link.set_attribute("tabindex", if tabindex.get() == 0 { "0" } else { "-1" });
        }
    });
    let cannot_receive = move || summary.with(|s| s.as_ref().is_some_and(|c| c.cannot_receive_since.is_some()));
    view! {
        <div
            role="row"
            node_ref=row
            class="msg-inbox__row"
            aria-rowindex=move || index.get() + 1
            class:msg-inbox__row--unread=move || { unread() > 0 }
        >
            <div role="gridcell" class="msg-inbox__cell">
                <AppLink to class="msg-inbox__item">
                    <span class="msg-inbox__name">
                        {name}
                        <span class="msg-inbox__unread-words">{unread_words}</span>
                        // In the name's box: when it goes, nothing else on screen moves.
                        {move || {
                            (unread() > 0)
                                .then(|| view! { <span class="msg-inbox__unread" aria-hidden="true">{unread}</span> })
                        }}
                    </span>
                    {page.map(|p| view! { <span class="msg-inbox__page">{p.name}</span> })}
                    <span class=move || {
                        format!("msg-badge msg-badge--window-{}", window.get().modifier())
                    }>{badge}</span>
                    {move || {
                        cannot_receive()
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
            </div>
        </div>
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
