use contract::InstallStartRequest;
use leptos::prelude::*;

use crate::components::shared::notice::{Intent, Notice};
use crate::format;
use crate::i18n::*;

/// Step 1: what Facebook will be asked and why, and the green button that opens its window.
/// After the window was closed without an answer, says so first.
#[component]
pub fn LogInStep(
    /// The window was closed before Facebook answered.
    closed: bool,
    purpose: RwSignal<InstallStartRequest>,
    /// The backend is being asked where to send the window.
    #[prop(into)]
    starting: Signal<bool>,
    on_start: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let intro = move || match purpose.get() {
        InstallStartRequest::Install => t!(i18n, wizard.log_in_body).into_any(),
        InstallStartRequest::Reconnect => t!(i18n, wizard.log_in_reconnect).into_any(),
        InstallStartRequest::AddPage => t!(i18n, wizard.log_in_add_page).into_any(),
        InstallStartRequest::Rerequest { permissions } => {
            let list = format::permissions(&permissions, i18n.get_locale());
            t!(i18n, wizard.log_in_rerequest, list).into_any()
        }
    };
    view! {
        {closed
            .then(|| {
                view! {
                    <Notice intent=Intent::Warning alert=true title=t!(i18n, wizard.popup_closed_title)>
                        <p>{t!(i18n, wizard.popup_closed_body)}</p>
                        <p>{t!(i18n, wizard.popup_closed_cut_off)}</p>
                    </Notice>
                }
            })}
        <p>{intro}</p>
        <div class="msg-actions">
            <button
                type="button"
                class="msg-button msg-button--connect"
                disabled=starting
                on:click=move |_| on_start.run(())
            >
                {move || {
                    if starting.get() {
                        t!(i18n, wizard.starting).into_any()
                    } else {
                        t!(i18n, wizard.connect).into_any()
                    }
                }}
            </button>
        </div>
    }
}
