use contract::{ConversationFilter, PageId};
use leptos::prelude::*;

use crate::api::use_api;
use crate::domain::conversation_list::ListQuery;
use crate::domain::page_health::connected_pages;
use crate::i18n::*;
use crate::inbox::{list, use_inbox};

/// The filters above the list, each a toggle (`aria-pressed`) with the server's count where it
/// has one (pressing a pressed one shows everything again); and, when several Pages are
/// connected, one toggle per Page. A filter and a Page combine.
#[component]
pub fn ListFilters() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let inbox = use_inbox();
    let counts = Memo::new(move |_| inbox.with_listed(|list| list.and_then(|l| l.counts)));
    let ask = move |change: &dyn Fn(&mut ListQuery)| {
        let mut query = inbox.asked.get_untracked();
        change(&mut query);
        list::show(api, inbox, query);
    };
    let filter = move |which: ConversationFilter| {
        let pressed = move || inbox.asked.with(|q| q.filter == which);
        let label = move || match which {
            ConversationFilter::AwaitingReply => t_string!(i18n, conversations.filter_awaiting),
            ConversationFilter::Unread => t_string!(i18n, conversations.filter_unread),
            ConversationFilter::CannotReceive => t_string!(i18n, conversations.filter_cannot_receive),
            ConversationFilter::OtherApp => t_string!(i18n, conversations.filter_other_app),
            ConversationFilter::All => t_string!(i18n, conversations.show_all),
        };
        let count = move || {
            counts.get().and_then(|c| match which {
                ConversationFilter::AwaitingReply => Some(c.awaiting_reply),
                ConversationFilter::Unread => Some(c.unread),
                _ => None,
            })
        };
        view! {
            <button
                type="button"
                class="msg-chip"
                aria-pressed=move || if pressed() { "true" } else { "false" }
                on:click=move |_| {
                    let next = if pressed() { ConversationFilter::All } else { which };
                    ask(&|q| q.filter = next);
                }
            >
                {label}
                {move || {
                    count()
                        .map(|n| {
                            view! {
                                " "
                                <span class="msg-chip__count">{n}</span>
                            }
                        })
                }}
            </button>
        }
    };
    let pages = Memo::new(move |_| inbox.integration.with(connected_pages));
    // One toggle per Page: pressing the pressed one shows every Page again.
    let page = move |id: PageId, name: String| {
        let pressed = {
            let id = id.clone();
            Memo::new(move |_| inbox.asked.with(|q| q.page.as_ref() == Some(&id)))
        };
        view! {
            <button
                type="button"
                class="msg-chip"
                aria-pressed=move || if pressed.get() { "true" } else { "false" }
                on:click=move |_| {
                    let next = (!pressed.get_untracked()).then(|| id.clone());
                    ask(&|q| q.page = next.clone());
                }
            >
                {name}
            </button>
        }
    };
    view! {
        <div class="msg-inbox__filters" role="group" aria-label=move || t_string!(i18n, conversations.filters_label)>
            {[
                ConversationFilter::AwaitingReply,
                ConversationFilter::Unread,
                ConversationFilter::CannotReceive,
                ConversationFilter::OtherApp,
            ]
                .map(filter)}
        </div>
        <Show when=move || pages.with(|p| p.len() > 1)>
            <div class="msg-inbox__filters" role="group" aria-label=move || t_string!(i18n, conversations.page_filter)>
                {move || pages.get().into_iter().map(|p| page(p.id, p.name)).collect_view()}
            </div>
        </Show>
    }
}
