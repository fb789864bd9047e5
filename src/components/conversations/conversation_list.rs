use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::conversation_row::{Badge, ConversationRow, DrawnRow};
use super::list_filters::ListFilters;
use super::list_search::ListSearch;
use crate::api::use_api;
use crate::domain::conversation_list::{self, Earlier, ListQuery, Listed};
use crate::domain::page_health::connected_pages;
use crate::domain::reply_window::WindowState;
use crate::domain::route;
use crate::domain::safe_url::conversation_path;
use crate::i18n::*;
use crate::inbox::{list, use_inbox};

/// A row's height until one is measured (the stylesheet's `--msg-row-height`).
const ROW_PX: f64 = 76.0;
/// Rows drawn above and below the viewport, so a fast scroll or a key press finds them there.
const OVERSCAN: usize = 15;

/// The customers, newest activity first, with the search and the filters above. However many
/// there are, only the rows near the viewport are in the DOM, and the next page comes as the
/// agent scrolls near the end of those loaded.
///
/// Keyboard: the WAI-ARIA data grid pattern (one column; https://www.w3.org/WAI/ARIA/apg/patterns/grid/),
/// with a roving tabindex: Tab enters the list at the current row, the arrow keys, Home, End,
/// Page Up and Page Down move through the rows, and Enter opens one (it is a link).
/// `aria-rowcount` and `aria-rowindex` tell where a drawn row is in the whole list.
#[component]
pub fn ConversationList() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let inbox = use_inbox();
    let several = Memo::new(move |_| inbox.integration.with(|s| connected_pages(s).len() > 1));
    let loaded = Memo::new(move |_| inbox.with_listed(|list| list.map_or(0, |l| l.rows.len())));
    let more = Memo::new(move |_| inbox.with_listed(|list| list.is_some_and(|l| l.next_cursor.is_some())));
    // Rows let go above the loaded ones (`conversation_list::MAX_LOADED`): places count from the
    // list's top, so the scrollbar stays the whole list's.
    let skipped = Memo::new(move |_| inbox.with_listed(|list| list.map_or(0, Listed::skipped)));
    let grid = NodeRef::<leptos::html::Div>::new();
    let top = RwSignal::new(0.0);
    let height = RwSignal::new(800.0);
    let row_px = RwSignal::new(ROW_PX);
    let active = RwSignal::new(0usize);
    // The rows in view and around, over the whole list, and those of them loaded.
    let shown = Memo::new(move |_| {
        let total = skipped.get() + loaded.get();
        conversation_list::window(top.get(), height.get(), row_px.get(), total, OVERSCAN)
    });
    let drawn = Memo::new(move |_| {
        let (shown, skipped, loaded) = (shown.get(), skipped.get(), loaded.get());
        let local = |at: usize| at.saturating_sub(skipped).min(loaded);
        local(shown.start)..local(shown.end)
    });
    let shown_query = Memo::new(move |_| inbox.with_listed(|l| l.map(|l| l.query.q.clone()).unwrap_or_default()));
    // Everything the drawn rows show, in one memo that changes as the rows scroll: each row
    // reads only this (see `ConversationRow`). Rebuilt on a list change, a scroll, a key, a
    // tick of the clock, a language and an address.
    let nav = use_context::<crate::nav::Nav>();
    let window_rows = Memo::new(move |_| {
        let (range, q, skipped, active) = (drawn.get(), shown_query.get(), skipped.get(), active.get());
        let (now, locale) = (inbox.server_now(), i18n.get_locale());
        let path = nav.map(|nav| nav.path()).unwrap_or_default();
        // The tab stop is the current row, or the first drawn one while the current row is
        // scrolled out of the DOM: the grid always has a way in by keyboard.
        let first = skipped + range.start;
        let stop = if (first..skipped + range.end).contains(&active) { active } else { first };
        inbox.with_listed(|list| {
            let rows = list.map_or(&[][..], |l| &l.rows[range.start.min(l.rows.len())..range.end.min(l.rows.len())]);
            rows.iter()
                .enumerate()
                .map(|(i, c)| DrawnRow {
                    index: first + i,
                    current: first + i == stop,
                    open: route::is_current(&conversation_path(&c.id), &path),
                    badge: Badge::of(WindowState::at(c.reply_window.reply_by, now)),
                    summary: c.clone(),
                    q: q.clone(),
                    locale,
                })
                .collect::<Vec<_>>()
        })
    });
    // The rows let go above, or the next page, as the drawn rows come near either end of the
    // loaded ones. What the agent reads stays put if the page above came back longer or shorter.
    let load = move || {
        if inbox.list_loading.get_untracked() {
            return;
        }
        let earlier = conversation_list::wants_earlier(&shown.get_untracked(), skipped.get_untracked());
        match earlier {
            Some(Earlier::Nearest) => list::earlier(api, inbox, move |shift| {
                if let (Some(grid), true) = (grid.get_untracked(), shift != 0) {
                    let by = (shift as f64 * row_px.get_untracked()) as i32;
                    grid.set_scroll_top(grid.scroll_top() + by);
                }
            }),
            Some(Earlier::FromTop) => list::show(api, inbox, inbox.asked.get_untracked()),
            None => {
                if conversation_list::wants_more(&drawn.get_untracked(), loaded.get_untracked(), more.get_untracked()) {
                    list::more(api, inbox);
                }
            }
        }
    };
    // Not on the loading flag: a page that failed waits for a scroll or Try again, not a loop.
    Effect::new(move || {
        shown.track();
        drawn.track();
        loaded.track();
        more.track();
        load();
    });
    // A new query starts at the top.
    Effect::new(move |seen: Option<ListQuery>| {
        let query = inbox.query();
        if seen.as_ref().is_some_and(|seen| seen != &query) {
            active.set(0);
            if let Some(grid) = grid.get_untracked() {
                grid.set_scroll_top(0);
            }
            top.set(0.0);
        }
        query
    });
    let measure = move || {
        let Some(grid) = grid.get_untracked() else { return };
        top.set(f64::from(grid.scroll_top()));
        height.set(f64::from(grid.client_height()));
        let row =
            grid.query_selector("[role=row]").ok().flatten().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(measured) = row.map(|r| f64::from(r.offset_height())).filter(|h| *h > 0.0) {
            row_px.set(measured);
        }
    };
    Effect::new(move || {
        if grid.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let go_to = move |to: usize| {
        let total = skipped.get_untracked() + loaded.get_untracked();
        if total == 0 {
            return;
        }
        let to = to.min(total - 1);
        active.set(to);
        let Some(grid) = grid.get_untracked() else { return };
        // Into view first, so the row is drawn, then focused once it is.
        let row = row_px.get_untracked();
        let (row_top, row_bottom) = (to as f64 * row, (to + 1) as f64 * row);
        let (view_top, view_height) = (f64::from(grid.scroll_top()), f64::from(grid.client_height()));
        if row_top < view_top {
            grid.set_scroll_top(row_top as i32);
        } else if row_bottom > view_top + view_height {
            grid.set_scroll_top((row_bottom - view_height) as i32);
        }
        measure();
        request_animation_frame(move || {
            let link = grid.query_selector(&format!("[aria-rowindex=\"{}\"] a", to + 1)).ok().flatten();
            if let Some(link) = link.and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = link.focus();
            }
        });
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let page = ((height.get_untracked() / row_px.get_untracked()) as usize).max(1);
        let at = active.get_untracked();
        let to = match ev.key().as_str() {
            "ArrowDown" => at + 1,
            "ArrowUp" => at.saturating_sub(1),
            "PageDown" => at + page,
            "PageUp" => at.saturating_sub(page),
            "Home" => 0,
            "End" => usize::MAX,
            _ => return,
        };
        ev.prevent_default();
        go_to(to);
    };
    // A click or Tab into a row makes it the current one.
    let on_focus = move |ev: web_sys::FocusEvent| {
        let row = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[role=row]").ok().flatten());
        if let Some(at) = row.and_then(|r| r.get_attribute("aria-rowindex")).and_then(|r| r.parse::<usize>().ok()) {
            active.set(at.saturating_sub(1));
        }
    };
    let total = move || if more.get() { -1 } else { (skipped.get() + loaded.get()) as i64 };
    let list_state = move || {
        let (empty, loading) = (loaded.get() == 0, inbox.list_loading.get());
        if inbox.list_failed.get() {
            Some(ListState::Failed)
        } else if loading {
            (!empty).then_some(ListState::LoadingMore)
        } else if empty {
            Some(if inbox.asked.with(ListQuery::narrows) { ListState::NoMatch } else { ListState::Empty })
        } else {
            None
        }
    };
    view! {
        <nav class="msg-inbox__list" aria-label=move || t_string!(i18n, conversations.list_label)>
            <ListSearch />
            <ListFilters />
            <div
                class="msg-inbox__rows"
                role="grid"
                aria-label=move || t_string!(i18n, conversations.list_label)
                aria-rowcount=total
                node_ref=grid
                on:scroll=move |_| measure()
                on:keydown=on_key
                on:focusin=on_focus
            >
                <div
                    role="presentation"
                    style:height=move || px((skipped.get() + drawn.get().start) as f64 * row_px.get())
                ></div>
                // Keyed by conversation and search: a new message moves the row, and the focus on
                // its link stays.
                <For
                    each=move || {
                        window_rows
                            .with(|rows| rows.iter().map(|r| (r.summary.id.clone(), r.q.clone())).collect::<Vec<_>>())
                    }
                    key=|key| key.clone()
                    let:key
                >
                    <ConversationRow id=key.0 rows=window_rows name_page=several.get_untracked() />
                </For>
                <div
                    role="presentation"
                    style:height=move || { px(loaded.get().saturating_sub(drawn.get().end) as f64 * row_px.get()) }
                ></div>
            </div>
            {move || list_state().map(|state| state_view(state, api, inbox, load))}
        </nav>
    }
}

/// A CSS length in whole pixels: integers only, as printing an `f64` would pull float
/// formatting into the wasm.
fn px(length: f64) -> String {
    format!("{}px", length.round() as i64)
}

/// What the list says below its rows.
#[derive(Clone, Copy, PartialEq)]
enum ListState {
    LoadingMore,
    /// The last page asked for did not come.
    Failed,
    NoMatch,
    Empty,
}

/// `load` asks for what the rows drawn want: the page above, or the next one.
fn state_view(
    state: ListState,
    api: crate::api::Api,
    inbox: crate::inbox::Inbox,
    load: impl Fn() + Copy + Send + Sync + 'static,
) -> AnyView {
    let i18n = use_i18n();
    match state {
        ListState::LoadingMore => view! {
            <p class="msg-inbox__more" role="status">
                {t!(i18n, conversations.loading_more)}
            </p>
        }
        .into_any(),
        ListState::Failed => {
            // A page of the rows shown, or the first of a query asked for since.
            let again = move |_| {
                let asked = inbox.asked.get_untracked();
                if inbox.with_listed_untracked(|l| l.is_some_and(|l| l.query == asked)) {
                    load();
                } else {
                    list::show(api, inbox, asked);
                }
            };
            view! {
                <p class="msg-inbox__more" role="alert">
                    {t!(i18n, conversations.list_load_failed)}
                    " "
                    <button type="button" class="msg-button msg-button--secondary" on:click=again>
                        {t!(i18n, conversations.load_retry)}
                    </button>
                </p>
            }
            .into_any()
        }
        ListState::NoMatch => view! {
            <p class="msg-inbox__none">
                {t!(i18n, conversations.no_match)} " "
                <button
                    type="button"
                    class="msg-button msg-button--secondary"
                    on:click=move |_| list::show(api, inbox, ListQuery::default())
                >
                    {t!(i18n, conversations.clear_search)}
                </button>
            </p>
        }
        .into_any(),
        ListState::Empty => view! { <p>{t!(i18n, conversations.empty)}</p> }.into_any(),
    }
}
