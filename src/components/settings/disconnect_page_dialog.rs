use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use crate::api::use_api;
use crate::i18n::*;

/// "Disconnect" for one of several Pages, behind a modal confirmation that says what stops
/// working for that Page and that the others keep working.
#[component]
pub fn DisconnectPageDialog(
    page_id: contract::PageId,
    page_name: String,
    /// Called once the server confirmed.
    on_disconnected: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = format!("msg-disconnect-{page_id}");
    let action = Action::new_local(move |_: &()| {
        let page_id = page_id.clone();
        async move { api.disconnect_page(&page_id).await.map(|_| ()) }
    });
    let page = page_name;
    let named = {
        let page = page.clone();
        move || interpolate(td_string!(i18n.get_locale(), settings.disconnect_named), &[("page", &page)])
    };
    let done = {
        let page = page.clone();
        move || interpolate(td_string!(i18n.get_locale(), settings.disconnected), &[("page", &page)])
    };
    let in_title = page.clone();
    view! {
        <ConfirmDialog
            id
            trigger_name=named
            trigger=t!(i18n, settings.disconnect)
            title=t!(i18n, settings.disconnect_title, page = in_title)
            body=t!(i18n, settings.disconnect_body, page)
            confirm=t!(i18n, settings.disconnect_confirm)
            done
            action
            on_done=on_disconnected
        />
    }
}
