use leptos::prelude::*;

use crate::i18n::*;

/// Facebook shows the app only the Pages ticked in its window, and keeps that choice for the
/// next sign-in: say so wherever Pages are listed, and offer its Page choice again.
#[component]
pub fn SharePagesHelp(on_share_more: Callback<()>, #[prop(into)] busy: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="msg-share-more">
            <p id="msg-share-more-hint" class="msg-hint">
                {t!(i18n, wizard.share_more_hint)}
            </p>
            <button
                type="button"
                class="msg-button"
                aria-describedby="msg-share-more-hint"
                disabled=move || busy.get()
                on:click=move |_| on_share_more.run(())
            >
                {t!(i18n, wizard.share_more)}
            </button>
        </div>
    }
}
