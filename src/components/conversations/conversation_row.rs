use contract::{ConversationId, ConversationSummary, Direction};
use leptos::prelude::*;

use crate::components::shared::app_link::follow;
use crate::domain::attachment::{self, Preview};
use crate::domain::reply_window::WindowState;
use crate::domain::safe_url::conversation_path;
use crate::i18n::*;

#[derive(Clone, Copy, PartialEq)]
pub enum Badge {
    Open,
    Soon,
    Closed,
}

impl Badge {
    pub(super) fn of(window: WindowState) -> Badge {
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

/// Everything a drawn row shows, read by the list in one memo as the rows are drawn.
#[derive(Clone, PartialEq)]
pub struct DrawnRow {
    /// Its place in the list, from 0.
    pub index: usize,
    pub summary: ConversationSummary,
    /// The search it answers: its hit decides where the link goes.
    pub q: String,
    /// The list's current row, in the Tab order (the roving tabindex).
    pub current: bool,
    /// Its conversation is the one open.
    pub open: bool,
    pub badge: Badge,
    pub locale: Locale,
}

/// One customer in the list: the name (bold, with the count, while this user has unread
/// messages there), the Page when several are connected, the reply window, and the last message
/// or the search's hit. The link is the grid's cell: only the current row's is in the Tab order.
///
/// The row reads nothing but `rows`, the list's drawn rows: Leptos 0.8 leaves a disposed
/// subscriber's memory to its sources until they change, so a row that read the locale or the
/// address itself would leave some behind each time it scrolls out; `rows` changes as it does.
#[component]
pub fn ConversationRow(
    id: ConversationId,
    rows: Memo<Vec<DrawnRow>>,
    /// Whether the Page is named (several are connected).
    name_page: bool,
) -> impl IntoView {
    let nav = use_context::<crate::nav::Nav>();
    let row = {
        let id = id.clone();
        Memo::new(move |_| rows.with(|rows| rows.iter().find(|r| r.summary.id == id).cloned()))
    };
    let read = move |with: fn(&DrawnRow) -> bool| row.with(|r| r.as_ref().is_some_and(with));
    let first = row.get_untracked();
    let summary = first.as_ref().map(|r| &r.summary);
    let hit = summary.and_then(|c| c.search_hit.clone());
    // A search's hit opens its message, marked (`#m{seq}`).
    let to = match &hit {
        Some(hit) => format!("{}#m{}", conversation_path(&id), hit.seq),
        None => conversation_path(&id),
    };
    let href = nav.map_or_else(|| to.clone(), |nav| nav.href(&to));
    let name = summary.map(|c| c.customer.name.clone()).unwrap_or_default();
    let page = summary.and_then(|c| c.page.clone()).filter(|_| name_page);
    let unread = move || row.with(|r| r.as_ref().map_or(0, |r| r.summary.unread));
    let unread_words = move || {
        row.with(|r| {
            let r = r.as_ref().filter(|r| r.summary.unread > 0)?;
            let count = r.summary.unread as usize;
            Some(counted(r.locale, td_string!(r.locale, conversations.unread_suffix), count, &[]))
        })
    };
    let badge = move || {
        row.with(|r| {
            let r = r.as_ref()?;
            Some(match r.badge {
                Badge::Open => td_string!(r.locale, conversations.badge_open),
                Badge::Soon => td_string!(r.locale, conversations.badge_soon),
                Badge::Closed => td_string!(r.locale, conversations.badge_closed),
            })
        })
    };
    let badge_class = move || {
        let badge = row.with(|r| r.as_ref().map_or(Badge::Closed, |r| r.badge));
        format!("msg-badge msg-badge--window-{}", badge.modifier())
    };
    let cannot_receive = move || {
        row.with(|r| {
            let r = r.as_ref().filter(|r| r.summary.cannot_receive_since.is_some())?;
            Some(view! {
                <span class="msg-badge msg-badge--problem msg-inbox__mark">
                    {td_string!(r.locale, conversations.cannot_receive_badge)}
                </span>
            })
        })
    };
    let preview = move || {
        row.with(|r| {
            let r = r.as_ref()?;
            if let Some(hit) = &r.summary.search_hit {
                return Some(view! { <mark class="msg-inbox__hit">{hit.snippet.clone()}</mark> }.into_any());
            }
            let m = r.summary.last_message.as_ref()?;
            let mine = (m.direction == Direction::Outbound).then(|| td_string!(r.locale, conversations.you));
            // A message with no text names what came: "Photo", "File: …".
            let text = match attachment::preview(m) {
                Some(preview) => preview_text(r.locale, preview),
                None => m.text.clone(),
            };
            Some(
                view! {
                    {mine}
                    {text}
                }
                .into_any(),
            )
        })
    };
    view! {
        <div
            role="row"
            class="msg-inbox__row"
            aria-rowindex=move || row.with(|r| r.as_ref().map_or(0, |r| r.index + 1))
            class:msg-inbox__row--unread=move || { unread() > 0 }
        >
            <div role="gridcell" class="msg-inbox__cell">
                <a
                    href=href
                    class="msg-inbox__item"
                    tabindex=move || if read(|r| r.current) { 0 } else { -1 }
                    aria-current=move || read(|r| r.open).then_some("page")
                    on:click=move |ev| follow(nav, &to, &ev)
                >
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
                    <span class=badge_class>{badge}</span>
                    {cannot_receive}
                    <span class="msg-inbox__preview">{preview}</span>
                </a>
            </div>
        </div>
    }
}

/// The list's words for an attachment, in `locale`.
fn preview_text(locale: Locale, preview: Preview) -> String {
    match preview {
        Preview::Photo => td_string!(locale, conversations.preview_photo).to_owned(),
        Preview::Video => td_string!(locale, conversations.preview_video).to_owned(),
        Preview::VoiceMessage => td_string!(locale, conversations.preview_voice).to_owned(),
        Preview::File(name) => interpolate(td_string!(locale, conversations.preview_file), &[("name", &name)]),
        Preview::Sticker => td_string!(locale, conversations.preview_sticker).to_owned(),
        Preview::Like => td_string!(locale, conversations.preview_like).to_owned(),
        Preview::Location => td_string!(locale, conversations.preview_location).to_owned(),
        Preview::Link => td_string!(locale, conversations.preview_link).to_owned(),
        Preview::Attachment => td_string!(locale, conversations.preview_attachment).to_owned(),
    }
}
