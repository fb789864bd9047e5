use leptos::prelude::*;
use leptos_router::components::A;

use crate::config::use_href;
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
                <A href=use_href("/settings/messaging") attr:class="msg-button">
                    {t!(i18n, not_found.action)}
                </A>
            </p>
        </section>
    }
}
