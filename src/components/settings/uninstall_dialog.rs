use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use crate::api::use_api;
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
    let action = Action::new_local(move |_: &()| async move { api.uninstall().await.map(|_| ()) });
    view! {
        <div class="msg-panel msg-panel--danger">
            <ConfirmDialog
                id="msg-uninstall".to_owned()
                trigger=t!(i18n, settings.uninstall)
                title=t!(i18n, settings.uninstall_title)
                body=t!(i18n, settings.uninstall_body, company)
                confirm=t!(i18n, settings.uninstall_confirm)
                done=t!(i18n, settings.uninstalled)
                action
                on_done=on_uninstalled
            />
        </div>
    }
}
