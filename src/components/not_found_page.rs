use leptos::prelude::*;

use crate::components::shared::app_link::AppLink;
use crate::i18n::*;

/// Any address the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="msg-screen" aria-labelledby="msg-not-found-title">
            <h1 id="msg-not-found-title" class="msg-screen__title">
                {t!(i18n, not_found.title)}
            </h1>
            <p>{t!(i18n, not_found.body)}</p>
            <p>
                <AppLink to="/settings/messaging" class="msg-button">
                    {t!(i18n, not_found.action)}
                </AppLink>
            </p>
        </section>
    }
}
