use leptos::prelude::*;

use crate::components::install_failures::install_failure_screen::InstallFailureScreen;
use crate::domain::install_failure::InstallFailure;
use crate::i18n::*;

/// Why a Page in the picker cannot be connected, with its fix, and the way back to the list
/// (which keeps the ticks and the visibility).
#[component]
pub fn PageFixStep(
    failure: InstallFailure,
    on_retry: Callback<()>,
    on_rerequest: Callback<Vec<contract::Permission>>,
    on_back: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <InstallFailureScreen failure on_retry on_rerequest attempt=0 installed=false />
        <div class="msg-actions">
            <button type="button" class="msg-button" on:click=move |_| on_back.run(())>
                {t!(i18n, wizard.back_to_pages)}
            </button>
        </div>
    }
}
