use leptos::prelude::*;

use crate::components::shared::notice::{Intent, Notice};
use crate::i18n::*;

/// The browser blocked Facebook's window: says so, and continues in this tab instead.
#[component]
pub fn PopupBlockedStep(
    /// Facebook's login, already checked by `safe_url::followable`.
    authorize_url: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Notice intent=Intent::Warning alert=true title=t!(i18n, wizard.popup_blocked_title)>
            <p>{t!(i18n, wizard.popup_blocked_body)}</p>
        </Notice>
        <div class="msg-actions">
            <button
                type="button"
                class="msg-button msg-button--connect"
                on:click=move |_| {
                    let _ = window().location().set_href(&authorize_url);
                }
            >
                {t!(i18n, wizard.continue_here)}
            </button>
        </div>
    }
}
