use leptos::prelude::*;

use crate::i18n::*;
use crate::inbox::use_inbox;

/// An unobtrusive bar while the browser is offline; queued messages wait for the connection.
#[component]
pub fn OfflineBar() -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    view! {
        <div role="status" class="msg-offline-wrap">
            <Show when=move || !inbox.online.get()>
                <p class="msg-offline">{t!(i18n, conversations.offline)}</p>
            </Show>
        </div>
    }
}
