use leptos::prelude::*;

use crate::i18n::*;

/// What a region shows while its data loads; the screen is not drawn while one is up.
#[component]
pub fn LoadingNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="msg-loading" aria-busy="true">
            {t!(i18n, app.loading)}
        </p>
    }
}
