use contract::{ConnectedPage, InstallStartRequest, PageHealth};
use leptos::prelude::*;

use super::disconnect_page_dialog::DisconnectPageDialog;
use crate::components::shared::connect_button::ConnectButton;
use crate::domain::flow_purpose::wizard_href;
use crate::domain::reply_window::ago_parts;
use crate::domain::safe_url::followable;
use crate::format;
use crate::i18n::*;

/// The Page's health in a word or two, as its badge says it.
pub fn health_label(health: &PageHealth) -> AnyView {
    let i18n = use_i18n();
    match health {
        PageHealth::Healthy => t!(i18n, settings.health_healthy).into_any(),
        PageHealth::TokenExpired => t!(i18n, settings.health_token_expired).into_any(),
        PageHealth::PermissionsMissing { .. } => t!(i18n, settings.health_permissions_missing).into_any(),
        PageHealth::Restricted(_) => t!(i18n, settings.health_restricted).into_any(),
        PageHealth::AppRemoved => t!(i18n, settings.health_app_removed).into_any(),
        PageHealth::Unknown => t!(i18n, settings.health_unknown).into_any(),
    }
}

/// One connected Page: its health, what it means, and the one-click fix.
#[component]
pub fn ConnectedPageRow(
    page: ConnectedPage,
    /// Whether the current user may reconnect; others see the state only.
    can_manage: bool,
    /// Offered when several Pages are connected: the last one goes with Uninstall.
    #[prop(default = None)]
    on_disconnected: Option<Callback<()>>,
    /// The server's clock when the Pages were read, for "Last message 3 minutes ago".
    #[prop(default = None)]
    server_time: Option<contract::EpochMs>,
) -> impl IntoView {
    let (page_id, page_name) = (page.id.clone(), page.name.clone());
    let i18n = use_i18n();
    let reconnect = wizard_href(&InstallStartRequest::Reconnect);
    let healthy = page.health == PageHealth::Healthy;
    let badge = health_label(&page.health);
    let (help, fix) = match page.health {
        PageHealth::Healthy => (None, None),
        PageHealth::TokenExpired => (
            Some(t!(i18n, settings.help_token_expired).into_any()),
            Some(view! { <ConnectButton href=reconnect>{t!(i18n, settings.fix_reconnect)}</ConnectButton> }.into_any()),
        ),
        PageHealth::PermissionsMissing { missing } => {
            let href = wizard_href(&InstallStartRequest::Rerequest { permissions: missing.clone() });
            (
                Some(view! { {t!(i18n, settings.help_permissions_missing, list = format::permissions(&missing, i18n.get_locale()))} }.into_any()),
                Some(view! { <ConnectButton href>{t!(i18n, settings.fix_grant)}</ConnectButton> }.into_any()),
            )
        }
        PageHealth::Restricted(restriction) => {
            let reason = restriction.reason.clone();
            (
                Some(view! {
                    {t!(
                        i18n, settings.help_restricted, date = format::date(restriction.since, i18n.get_locale()), reason = reason.clone()
                    )}
                }.into_any()),
                followable(&restriction.appeal_url).map(|href| view! {
                    <a class="msg-button" href=href.to_owned() target="_blank" rel="noopener noreferrer">
                        {t!(i18n, settings.fix_appeal)}
                    </a>
                }.into_any()),
            )
        }
        PageHealth::AppRemoved => (
            Some(t!(i18n, settings.help_app_removed).into_any()),
            Some(view! { <ConnectButton href=reconnect>{t!(i18n, settings.fix_reconnect)}</ConnectButton> }.into_any()),
        ),
        PageHealth::Unknown => (Some(t!(i18n, settings.help_unknown).into_any()), None),
    };
    // A Page whose messages stopped arriving shows it here first: its last message gets old.
    let last_message = server_time.map(|now| {
        let last = page.last_message_at;
        move || {
            let locale = i18n.get_locale();
            match last.map(|at| ago_parts(now - at)) {
                None => t_string!(i18n, settings.last_message_never).to_owned(),
                Some(None) => t_string!(i18n, settings.last_message_now).to_owned(),
                Some(Some((value, unit))) => {
                    let ago = format::ago(value, unit, locale);
                    t!(i18n, settings.last_message, ago)()
                }
            }
        }
    });
    view! {
        <li class="msg-page-row">
            <div class="msg-page-row__head">
                <span class="msg-page-row__name">{page.name}</span>
                <span class="msg-badge" class:msg-badge--ok=healthy class:msg-badge--problem=!healthy>{badge}</span>
            </div>
            {last_message.map(|text| view! { <p class="msg-hint msg-page-row__last">{text}</p> })}
            {help.map(|help| view! { <p class="msg-page-row__help">{help}</p> })}
            {fix.filter(|_| can_manage).map(|fix| view! { <div class="msg-actions">{fix}</div> })}
            {on_disconnected.filter(|_| can_manage).map(|on_disconnected| view! {
                <div class="msg-actions">
                    <DisconnectPageDialog page_id page_name on_disconnected/>
                </div>
            })}
        </li>
    }
}
