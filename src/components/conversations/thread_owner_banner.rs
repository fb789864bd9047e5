use contract::{ConversationId, MessengerApp};
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::shared::failure_alert::failure_alert;
use crate::components::shared::notice::{Intent, Notice};
use crate::components::status_region::use_status;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// Who answers the thread under Meta's Conversation Routing: another app (a chatbot, Meta's
/// inbox), until an agent takes it over, or this CRM, which may hand it back.
#[derive(Clone, PartialEq)]
enum ThreadAnswerer {
    Other(MessengerApp),
    TakenFrom(MessengerApp),
    Us,
}

/// "ShopBot is answering this conversation", with Take over; after it, Hand back to ShopBot.
#[component]
pub fn ThreadOwnerBanner(conversation_id: ConversationId) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let api = use_api();
    let status = use_status();
    let id = StoredValue::new(conversation_id);
    let owner = Memo::new(move |_| match inbox.summary(&id.get_value()) {
        Some(c) => match (c.owner_app, c.taken_from) {
            (Some(app), _) => ThreadAnswerer::Other(app),
            (None, Some(app)) => ThreadAnswerer::TakenFrom(app),
            (None, None) => ThreadAnswerer::Us,
        },
        None => ThreadAnswerer::Us,
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None);
    // Not an `Action`: an answer that comes after the agent opened another conversation is
    // still adopted by the inbox, which an Action of this banner would drop with it.
    let act = move |take: bool, app: String| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api.thread_control(&id.get_value(), take).await {
                Ok(summary) => {
                    inbox.adopt(summary);
                    let said = if take {
                        t!(i18n, conversations.taken_over, app)()
                    } else {
                        t!(i18n, conversations.handed_back, app)()
                    };
                    status.announce(said);
                }
                Err(e) => {
                    error.try_set(Some(e.into()));
                }
            }
            busy.try_set(false);
        });
    };
    move || match owner.get() {
        ThreadAnswerer::Us => ().into_any(),
        ThreadAnswerer::Other(app) => {
            let (name, title_name, body_name) = (app.name.clone(), app.name.clone(), app.name);
            view! {
                <Notice intent=Intent::Warning title=t!(i18n, conversations.owned_title, name = title_name)>
                    <p>{t!(i18n, conversations.owned_body, name = body_name)}</p>
                    <div class="msg-actions">
                        <button
                            type="button"
                            class="msg-button msg-button--primary"
                            disabled=move || busy.get()
                            on:click=move |_| act(true, name.clone())
                        >
                            {t!(i18n, conversations.take_over)}
                        </button>
                    </div>
                    {failure_alert(error)}
                </Notice>
            }
            .into_any()
        }
        ThreadAnswerer::TakenFrom(app) => {
            let (name, from, to) = (app.name.clone(), app.name.clone(), app.name);
            view! {
                <div class="msg-thread-owner">
                    <p class="msg-hint">{t!(i18n, conversations.taken_from, name = from)}</p>
                    <button
                        type="button"
                        class="msg-button msg-button--small"
                        disabled=move || busy.get()
                        on:click=move |_| act(false, name.clone())
                    >
                        {t!(i18n, conversations.hand_back, name = to)}
                    </button>
                    {failure_alert(error)}
                </div>
            }
            .into_any()
        }
    }
}
