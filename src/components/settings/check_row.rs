use contract::{CheckId, CheckResult, CheckStatus, FixCode, InstallStartRequest, Permission};
use leptos::prelude::*;

use super::subscribe_again_button::SubscribeAgainButton;
use crate::components::shared::connect_button::ConnectButton;
use crate::domain::flow_purpose::wizard_href;
use crate::domain::safe_url::followable;
use crate::i18n::*;

/// Where a check is.
#[derive(Clone, PartialEq)]
pub enum Row {
    Waiting,
    Running,
    /// Boxed: a result is far larger than the other states, and a list holds many rows.
    Done(Box<CheckResult>),
    Error,
}

/// Where Meta keeps a Page's Conversation Routing.
const BUSINESS_SUITE_URL: &str = "https://business.facebook.com/latest/settings/";

fn check_name(check: CheckId) -> AnyView {
    let i18n = use_i18n();
    match check {
        CheckId::TokenValid => t!(i18n, troubleshooter.check_token_valid).into_any(),
        CheckId::PermissionsGranted => t!(i18n, troubleshooter.check_permissions_granted).into_any(),
        CheckId::WebhookSubscribed => t!(i18n, troubleshooter.check_webhook_subscribed).into_any(),
        CheckId::ReceivesConversations => t!(i18n, troubleshooter.check_receives_conversations).into_any(),
        CheckId::PageRole => t!(i18n, troubleshooter.check_page_role).into_any(),
        CheckId::AppInstalled => t!(i18n, troubleshooter.check_app_installed).into_any(),
        CheckId::PageRestriction => t!(i18n, troubleshooter.check_page_restriction).into_any(),
        CheckId::Unknown => t!(i18n, troubleshooter.check_unknown).into_any(),
    }
}

/// One check of the troubleshooter: its name, its status, and the fix when it failed.
#[component]
pub fn CheckRow(
    check: CheckId,
    /// Where the check is: the row follows it, and only it.
    row: ReadSignal<Row>,
    can_manage: bool,
    /// A fix done here answered the check anew.
    on_fixed: Callback<CheckResult>,
) -> impl IntoView {
    view! {
        <li class="msg-check">
            <span class="msg-check__name">{check_name(check)}</span>
            {move || status_and_fix(row.get(), can_manage, on_fixed)}
        </li>
    }
}

/// The status badge, and the fix when the check failed.
fn status_and_fix(row: Row, can_manage: bool, on_fixed: Callback<CheckResult>) -> impl IntoView {
    let i18n = use_i18n();
    let (modifier, label) = match &row {
        Row::Waiting => ("waiting", t!(i18n, troubleshooter.status_waiting).into_any()),
        Row::Running => ("running", t!(i18n, troubleshooter.status_pending).into_any()),
        Row::Error => ("fail", t!(i18n, troubleshooter.status_error).into_any()),
        Row::Done(r) => match r.status {
            CheckStatus::Pass => ("pass", t!(i18n, troubleshooter.status_pass).into_any()),
            CheckStatus::Fail => ("fail", t!(i18n, troubleshooter.status_fail).into_any()),
            CheckStatus::Skipped => ("skipped", t!(i18n, troubleshooter.status_skipped).into_any()),
            CheckStatus::Unknown => ("skipped", t!(i18n, troubleshooter.status_unknown).into_any()),
        },
    };
    let fix = match row {
        Row::Done(result) if result.status == CheckStatus::Fail && result.fix.is_some() => {
            Some(fix_view(*result, can_manage, on_fixed))
        }
        _ => None,
    };
    view! {
        <span class=format!("msg-badge msg-badge--{modifier}")>{label}</span>
        {fix.map(|fix| view! { <div class="msg-check__fix">{fix}</div> })}
    }
}

/// The fix, from what the check says in typed fields (never from its free-text `detail`).
fn fix_view(result: CheckResult, can_manage: bool, on_fixed: Callback<CheckResult>) -> AnyView {
    let i18n = use_i18n();
    let flow = move |href: String, label: AnyView| {
        if can_manage {
            view! { <ConnectButton href>{label}</ConnectButton> }.into_any()
        } else {
            view! { <p class="msg-hint">{t!(i18n, troubleshooter.fix_ask_admin)}</p> }.into_any()
        }
    };
    let reconnect = || wizard_href(&InstallStartRequest::Reconnect);
    let page_id = result.page.as_ref().map(|p| p.id.clone());
    let page = result.page.map(|p| p.name).unwrap_or_default();
    match result.fix.unwrap_or(FixCode::Unknown) {
        FixCode::Reconnect => view! {
            <p>{t!(i18n, troubleshooter.fix_reconnect)}</p>
            {flow(reconnect(), t!(i18n, settings.fix_reconnect).into_any())}
        }
        .into_any(),
        FixCode::GrantPermissions => {
            let permissions = result.missing_permissions;
            let names = permissions.iter().map(Permission::scope).collect::<Vec<_>>().join(", ");
            let href = wizard_href(&InstallStartRequest::Rerequest { permissions });
            view! {
                <p>{t!(i18n, troubleshooter.fix_grant_permissions, permissions = names)}</p>
                {flow(href, t!(i18n, settings.fix_grant).into_any())}
            }
            .into_any()
        }
        FixCode::Resubscribe => {
            let fields = result.missing_fields.join(", ");
            let action = match page_id {
                Some(page_id) if can_manage => view! { <SubscribeAgainButton page_id on_fixed /> }.into_any(),
                _ => flow(reconnect(), t!(i18n, settings.fix_reconnect).into_any()),
            };
            view! {
                <p>{t!(i18n, troubleshooter.fix_resubscribe, page = page.clone())}</p>
                {(!fields.is_empty())
                    .then(|| view! { <p class="msg-hint">{t!(i18n, troubleshooter.missing_fields, fields)}</p> })}
                {action}
            }
            .into_any()
        }
        FixCode::ChangeConversationRouting => {
            let app = result.default_app.map(|a| a.name).unwrap_or_default();
            view! {
                <p>{t!(i18n, troubleshooter.fix_change_routing, page, app)}</p>
                <p>{t!(i18n, troubleshooter.routing_where)}</p>
                <a class="msg-button" href=BUSINESS_SUITE_URL target="_blank" rel="noopener noreferrer">
                    {t!(i18n, troubleshooter.open_business_suite)}
                </a>
            }
            .into_any()
        }
        FixCode::AskForPageAdminRole if !result.can_grant.is_empty() => {
            let names = result.can_grant.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
            view! { <p>{t!(i18n, troubleshooter.fix_ask_named_for_page_role, page, names)}</p> }.into_any()
        }
        FixCode::AskForPageAdminRole => {
            view! { <p>{t!(i18n, troubleshooter.fix_ask_for_page_admin_role)}</p> }.into_any()
        }
        FixCode::CheckBusinessIntegrations => view! {
            <p>{t!(i18n, troubleshooter.fix_check_business_integrations)}</p>
            {flow(reconnect(), t!(i18n, settings.fix_reconnect).into_any())}
        }
        .into_any(),
        FixCode::AppealRestriction => {
            let (reason, appeal) = result
                .restriction
                .map(|r| (r.reason.clone(), followable(&r.appeal_url).map(str::to_owned)))
                .unwrap_or_default();
            view! {
                <p>{t!(i18n, troubleshooter.fix_appeal_restriction, page, reason)}</p>
                {appeal
                    .map(|href| {
                        view! {
                            <a class="msg-button" href=href target="_blank" rel="noopener noreferrer">
                                {t!(i18n, settings.fix_appeal)}
                            </a>
                        }
                    })}
            }
            .into_any()
        }
        FixCode::Unknown => view! { <p>{t!(i18n, troubleshooter.fix_unknown)}</p> }.into_any(),
    }
}
