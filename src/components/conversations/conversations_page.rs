use leptos::prelude::*;

use super::choose_conversation::ChooseConversation;
use super::conversation_list::ConversationList;
use super::offline_bar::OfflineBar;
use super::open_conversation::OpenConversation;
use super::page_status_banner::PageStatusBanner;
use crate::components::shared::load_failure_boundary::LoadFailureBoundary;
use crate::components::shared::loading_notice::LoadingNotice;
use crate::domain::page_health::connected_pages;
use crate::domain::route;
use crate::i18n::*;
use crate::inbox::provide_inbox;
use crate::nav::use_nav;

/// `/messaging` and `/messaging/{id}`: the customers, and the open conversation beside them.
/// One inbox (list, updates, outbox) lives across conversations.
#[component]
pub fn ConversationsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="msg-screen msg-inbox" aria-labelledby="msg-conversations-title">
            <h1 id="msg-conversations-title" class="msg-screen__title">
                {t!(i18n, conversations.title)}
            </h1>
            <Inbox />
        </section>
    }
}

#[component]
fn Inbox() -> impl IntoView {
    let inbox = provide_inbox();
    let reload = Callback::new(move |_| {
        let _ = window().location().reload();
    });
    // Only whether the list loaded, so a new message or receipt never rebuilds the columns
    // (which would take the focus and the caret away from the composer).
    let loaded = Memo::new(move |_| {
        inbox.conversations.with(|list| list.as_ref().map(|r| r.as_ref().map(|_| ()).map_err(Clone::clone)))
    });
    view! {
        <OfflineBar />
        <Show when=move || inbox.integration.with(|s| connected_pages(s).len() <= 1)>
            <PageStatusBanner />
        </Show>
        <LoadFailureBoundary on_retry=reload>
            {move || {
                loaded
                    .get()
                    .map(|loaded| {
                        loaded
                            .map(|()| {
                                view! {
                                    <div class="msg-inbox__columns">
                                        <ConversationList />
                                        <OpenOrChoose />
                                    </div>
                                }
                                    .into_any()
                            })
                    })
                    .unwrap_or_else(|| Ok(view! { <LoadingNotice /> }.into_any()))
            }}
        </LoadFailureBoundary>
    }
}

/// The open conversation, or the prompt to choose one; another conversation keeps this in place.
#[component]
fn OpenOrChoose() -> impl IntoView {
    let nav = use_nav();
    let open = Memo::new(move |_| nav.with_path(|path| route::conversation_segment(path).is_some()));
    move || {
        if open.get() {
            view! { <OpenConversation /> }.into_any()
        } else {
            view! { <ChooseConversation /> }.into_any()
        }
    }
}
