use leptos::prelude::*;

use crate::i18n::*;

/// "Try again": starts the sign-in (or the load) over.
#[component]
pub fn TryAgainButton(on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="button" class="msg-button msg-button--primary" on:click=move |_| on_retry.run(())>
            {t!(i18n, wizard.try_again)}
        </button>
    }
}
