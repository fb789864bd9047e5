use leptos::prelude::*;

use crate::i18n::*;

/// `/messaging`: no conversation open yet.
#[component]
pub fn ChooseConversation() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="msg-inbox__choose">{t!(i18n, conversations.choose)}</p> }
}
