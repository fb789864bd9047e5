use leptos::prelude::*;

use super::visibility_control::failure_title;
use crate::api::use_api;
use crate::components::status_region::use_status;
use crate::domain::install_failure::InstallFailure;
use crate::i18n::*;

/// Uninstall, behind a modal confirmation that says what will stop working.
#[component]
pub fn UninstallDialog(
    /// The company account's name, for the warning.
    company: String,
    /// Called once the server confirmed.
    on_uninstalled: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let status = use_status();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let uninstall = Action::new_local(move |_: &()| async move { api.uninstall().await });
    let error = RwSignal::new(None::<InstallFailure>);
    Effect::new(move || match uninstall.value().get() {
        Some(Ok(_)) => {
            if let Some(d) = dialog.get() {
                d.close();
            }
            status.announce(td_string!(i18n.get_locale_untracked(), settings.uninstalled));
            on_uninstalled.run(());
        }
        Some(Err(e)) => error.set(Some(e.into())),
        None => {}
    });
    let open = move |_| {
        error.set(None);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    view! {
        <div class="msg-panel msg-panel--danger">
            <button type="button" class="msg-button msg-button--danger" on:click=open>{t!(i18n, settings.uninstall)}</button>
        </div>
        <dialog class="msg-dialog" node_ref=dialog aria-labelledby="msg-uninstall-title" aria-describedby="msg-uninstall-body">
            <h2 id="msg-uninstall-title" class="msg-dialog__title">{t!(i18n, settings.uninstall_title)}</h2>
            <p id="msg-uninstall-body">{t!(i18n, settings.uninstall_body, company)}</p>
            {move || error.get().map(|failure| view! { <p class="msg-inline-error" role="alert">{failure_title(failure)}</p> })}
            <div class="msg-actions">
                <button type="button" class="msg-button" on:click=close autofocus>{t!(i18n, settings.cancel)}</button>
                <button
                    type="button"
                    class="msg-button msg-button--danger-solid"
                    disabled=move || uninstall.pending().get()
                    on:click=move |_| { uninstall.dispatch(()); }
                >
                    {t!(i18n, settings.uninstall_confirm)}
                </button>
            </div>
        </dialog>
    }
}
