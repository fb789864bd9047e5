use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::i18n::*;

/// `/messaging` and `/messaging/:conversation_id`: the conversation list and an open thread.
#[component]
pub fn ConversationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let conversation_id = move || params.read().get("conversation_id");
    view! {
        <section class="msg-screen" aria-labelledby="msg-conversations-title">
            <h1 id="msg-conversations-title" class="msg-screen__title">{t!(i18n, conversations.title)}</h1>
            <p>{t!(i18n, conversations.intro)}</p>
            {move || conversation_id().map(|id| view! { <h2>{t!(i18n, conversations.thread_title, id)}</h2> })}
        </section>
    }
}
