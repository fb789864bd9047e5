use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::conversation_row::ConversationRow;
use super::list_filters::ListFilters;
use super::list_search::ListSearch;
use crate::api::use_api;
use crate::domain::conversation_list::{self, ListQuery};
use crate::domain::page_health::connected_pages;
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
    let ids = Memo::new(move |_| {
        inbox.with_listed(|list| list.map(|l| l.rows.iter().map(|c| c.id.clone()).collect()).unwrap_or_default())
    });
    let more = Memo::new(move |_| inbox.with_listed(|list| list.is_some_and(|l| l.next_cursor.is_some())));
    let grid = NodeRef::<leptos::html::Div>::new();
    let top = RwSignal::new(0.0);
    let height = RwSignal::new(800.0);
    let row_px = RwSignal::new(ROW_PX);
    let active = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        conversation_list::window(top.get(), height.get(), row_px.get(), ids.with(Vec::len), OVERSCAN)
    });
    let shown_query = Memo::new(move |_| inbox.with_listed(|l| l.map(|l| l.query.q.clone()).unwrap_or_default()));
    // Each drawn row with its place and the search it answers: another search builds it again,
    // as its hit changes where it links.
    let window_rows = Memo::new(move |_| {
        let (range, q) = (shown.get(), shown_query.get());
        ids.with(|ids| {
            ids[range.clone()]
                .iter()
                .enumerate()
                .map(|(i, id)| (range.start + i, id.clone(), q.clone()))
                .collect::<Vec<_>>()
        })
    });
    // The next page, as the drawn rows come near the end of the loaded ones.
    Effect::new(move || {
        if conversation_list::wants_more(&shown.get(), ids.with(Vec::len), more.get()) {
            list::more(api, inbox);
        }
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
        let total = ids.with_untracked(Vec::len);
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
    let total = move || if more.get() { -1 } else { ids.with(Vec::len) as i64 };
    let list_state = move || {
        let (empty, loading) = (ids.with(Vec::is_empty), inbox.list_loading.get());
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
                <div role="presentation" style:height=move || px(shown.get().start as f64 * row_px.get())></div>
                // Keyed by conversation and search: a new message moves the row, and the focus on
                // its link stays.
                <For each=move || window_rows.get() key=|(_, id, q)| (id.clone(), q.clone()) let:row>
                    {
                        let id = row.1.clone();
                        let index = Signal::derive({
                            let id = id.clone();
                            move || {
                                window_rows
                                    .with(|rows| rows.iter().find(|(_, c, _)| c == &id).map_or(row.0, |(i, ..)| *i))
                            }
                        });
                        let tabindex = Signal::derive(move || if index.get() == active.get() { 0 } else { -1 });
                        view! { <ConversationRow id index name_page=several.get_untracked() tabindex /> }
                    }
                </For>
                <div
                    role="presentation"
                    style:height=move || {
                        px(ids.with(Vec::len).saturating_sub(shown.get().end) as f64 * row_px.get())
                    }
                ></div>
            </div>
            {move || list_state().map(|state| state_view(state, api, inbox))}
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

fn state_view(state: ListState, api: crate::api::Api, inbox: crate::inbox::Inbox) -> AnyView {
    let i18n = use_i18n();
    match state {
        ListState::LoadingMore => view! {
            <p class="msg-inbox__more" role="status">
                {t!(i18n, conversations.loading_more)}
            </p>
        }
        .into_any(),
        ListState::Failed => {
            // The next page of the rows shown, or the first of a query asked for since.
            let again = move |_| {
                let asked = inbox.asked.get_untracked();
                if inbox.with_listed_untracked(|l| l.is_some_and(|l| l.query == asked)) {
                    list::more(api, inbox);
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
