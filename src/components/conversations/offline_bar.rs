use leptos::prelude::*;

use crate::components::status_region::use_status;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// An unobtrusive bar while the browser is offline; queued messages wait for the connection.
/// It is announced through the app's one live region.
#[component]
pub fn OfflineBar() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let status = use_status();
    Effect::new(move || {
        if !inbox.online.get() {
            status.announce(td_string!(i18n.get_locale_untracked(), conversations.offline));
        }
    });
    view! {
        <Show when=move || !inbox.online.get()>
            <p class="msg-offline">{t!(i18n, conversations.offline)}</p>
        </Show>
    }
}
