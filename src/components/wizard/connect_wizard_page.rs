use leptos::prelude::*;

use crate::i18n::*;

/// `/settings/messaging/facebook/connect`: the installation wizard.
#[component]
pub fn ConnectWizardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="msg-screen" aria-labelledby="msg-wizard-title">
            <h1 id="msg-wizard-title" class="msg-screen__title">{t!(i18n, wizard.title)}</h1>
            <p>{t!(i18n, wizard.intro)}</p>
        </section>
    }
}
