use leptos::prelude::*;

use crate::i18n::*;

/// `/settings/messaging`: the Facebook Messenger integration of the company account.
#[component]
pub fn MessagingSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="msg-screen" aria-labelledby="msg-settings-title">
            <h1 id="msg-settings-title" class="msg-screen__title">{t!(i18n, settings.title)}</h1>
            <p>{t!(i18n, settings.intro)}</p>
        </section>
    }
}
