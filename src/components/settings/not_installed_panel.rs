use contract::Me;
use leptos::prelude::*;

use crate::components::install_failures::not_admin_screen::AdminList;
use crate::components::shared::connect_button::ConnectButton;
use crate::components::shared::notice::Notice;
use crate::i18n::*;

/// Nothing installed: what the integration does, and the green Connect button (admins),
/// or who to ask (everyone else).
#[component]
pub fn NotInstalledPanel(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let action = if me.role.is_admin() {
        view! {
            <div class="msg-actions">
                <ConnectButton />
            </div>
        }
        .into_any()
    } else {
        view! {
            <Notice title=t!(i18n, settings.regular_title)>
                <p>{t!(i18n, settings.regular_body)}</p>
                <AdminList admins=me.admins />
            </Notice>
        }
        .into_any()
    };
    view! {
        <div class="msg-panel">
            <h2 class="msg-panel__title">{t!(i18n, settings.what_title)}</h2>
            <ul class="msg-benefits">
                <li>{t!(i18n, settings.what_read)}</li>
                <li>{t!(i18n, settings.what_status)}</li>
                <li>{t!(i18n, settings.what_share)}</li>
            </ul>
            {action}
        </div>
    }
}
