use leptos::prelude::*;

use crate::i18n::*;

/// Facebook's window is open: brings it to the front, or, after a reload (when it is out of
/// reach), starts again.
#[component]
pub fn InFacebookStep(popup: Option<web_sys::Window>, on_start_again: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let action = match popup {
        Some(p) => view! {
            <button
                type="button"
                class="msg-button"
                on:click=move |_| {
                    let _ = p.focus();
                }
            >
                {t!(i18n, wizard.show_facebook)}
            </button>
        }
        .into_any(),
        None => view! {
            <button type="button" class="msg-button" on:click=move |_| on_start_again.run(())>
                {t!(i18n, wizard.start_again)}
            </button>
        }
        .into_any(),
    };
    view! {
        <p>{t!(i18n, wizard.in_facebook_body)}</p>
        <div class="msg-actions">{action}</div>
    }
}
