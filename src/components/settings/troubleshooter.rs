use contract::{CheckId, CheckResult, CheckStatus, FixCode, InstallStartRequest, PageId, PageRef, Permission};
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::shared::connect_button::ConnectButton;
use crate::components::status_region::use_status;
use crate::domain::flow_purpose::wizard_href;
use crate::domain::safe_url::followable;
use crate::i18n::*;

#[derive(Clone, PartialEq)]
enum Row {
    Waiting,
    Running,
    /// Boxed: a result is far larger than the other states, and a list holds many rows.
    Done(Box<CheckResult>),
    Error,
}

/// The checks of one Page.
#[derive(Clone, PartialEq)]
struct Group {
    page: Option<PageRef>,
    rows: Vec<(CheckId, Row)>,
}

/// "Check connection": runs the seed's checks one by one, showing each as it completes,
/// with the fix for each that fails. With several Pages it asks which to check, or checks
/// each in turn.
#[component]
pub fn Troubleshooter(
    /// May run the connection flow again (Reconnect, Grant); others are told what to ask for.
    can_manage: bool,
    /// The connected Pages.
    pages: Vec<PageRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let status = use_status();
    let groups = RwSignal::new(Vec::<Group>::new());
    let running = RwSignal::new(false);
    let several = pages.len() > 1;
    // `None`: every Page, one after another.
    let chosen = RwSignal::new(None::<PageId>);
    let all_pages = StoredValue::new(pages.clone());
    let run = move |_| {
        let targets: Vec<Option<PageRef>> = all_pages.with_value(|pages| match chosen.get_untracked() {
            Some(id) => pages.iter().filter(|p| p.id == id).cloned().map(Some).collect(),
            None if pages.is_empty() => vec![None],
            None => pages.iter().cloned().map(Some).collect(),
        });
        running.set(true);
        groups.set(
            targets
                .iter()
                .map(|page| Group {
                    page: page.clone(),
                    rows: CheckId::ALL.iter().map(|c| (*c, Row::Waiting)).collect(),
                })
                .collect(),
        );
        status.announce(td_string!(i18n.get_locale_untracked(), troubleshooter.running));
        leptos::task::spawn_local(async move {
            let mut all_passed = true;
            for (g, page) in targets.iter().enumerate() {
                let page_id = page.as_ref().map(|p| &p.id);
                for (i, check) in CheckId::ALL.into_iter().enumerate() {
                    groups.try_update(|gs| gs[g].rows[i].1 = Row::Running);
                    let row = match api.diagnostic(check, page_id).await {
                        Ok(result) => {
                            all_passed &= result.status != CheckStatus::Fail;
                            Row::Done(Box::new(result))
                        }
                        Err(_) => {
                            all_passed = false;
                            Row::Error
                        }
                    };
                    groups.try_update(|gs| gs[g].rows[i].1 = row);
                }
            }
            running.try_set(false);
            let locale = i18n.get_locale_untracked();
            status.announce(if all_passed {
                td_string!(locale, troubleshooter.all_passed)
            } else {
                td_string!(locale, troubleshooter.some_failed)
            });
        });
    };
    let picker = several.then(|| {
        let options =
            pages.iter().map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> }).collect_view();
        view! {
            <label class="msg-field">
                <span class="msg-field__label">{t!(i18n, troubleshooter.which_page)}</span>
                <select
                    class="msg-field__input"
                    disabled=move || running.get()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        chosen.set((!value.is_empty()).then(|| PageId::new(value)));
                    }
                >
                    <option value="">{t!(i18n, troubleshooter.every_page)}</option>
                    {options}
                </select>
            </label>
        }
    });
    let group_view = move |group: Group| {
        let heading = group.page.filter(|_| several).map(|p| view! { <h3 class="msg-checks__page">{p.name}</h3> });
        let rows =
            group.rows.into_iter().map(|(check, row)| view! { <CheckRow check row can_manage /> }).collect_view();
        view! {
            {heading}
            <ol class="msg-checks">{rows}</ol>
        }
    };
    view! {
        <div class="msg-panel" id="msg-troubleshooter">
            <h2 class="msg-panel__title">{t!(i18n, troubleshooter.title)}</h2>
            <p>{t!(i18n, troubleshooter.intro)}</p>
            {picker}
            <div class="msg-actions">
                <button
                    type="button"
                    class="msg-button msg-button--primary"
                    disabled=move || running.get()
                    on:click=run
                >
                    {move || {
                        if running.get() {
                            t!(i18n, troubleshooter.running).into_any()
                        } else {
                            t!(i18n, troubleshooter.run).into_any()
                        }
                    }}
                </button>
            </div>
            {move || groups.get().into_iter().map(group_view).collect_view()}
        </div>
    }
}

fn check_name(check: CheckId) -> AnyView {
    let i18n = use_i18n();
    match check {
        CheckId::TokenValid => t!(i18n, troubleshooter.check_token_valid).into_any(),
        CheckId::PermissionsGranted => t!(i18n, troubleshooter.check_permissions_granted).into_any(),
        CheckId::WebhookSubscribed => t!(i18n, troubleshooter.check_webhook_subscribed).into_any(),
        CheckId::PageRole => t!(i18n, troubleshooter.check_page_role).into_any(),
        CheckId::AppInstalled => t!(i18n, troubleshooter.check_app_installed).into_any(),
        CheckId::PageRestriction => t!(i18n, troubleshooter.check_page_restriction).into_any(),
        CheckId::Unknown => t!(i18n, troubleshooter.check_unknown).into_any(),
    }
}

#[component]
fn CheckRow(check: CheckId, row: Row, can_manage: bool) -> impl IntoView {
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
            Some(fix_view(*result, can_manage))
        }
        _ => None,
    };
    view! {
        <li class="msg-check">
            <span class="msg-check__name">{check_name(check)}</span>
            <span class=format!("msg-badge msg-badge--{modifier}")>{label}</span>
            {fix.map(|fix| view! { <div class="msg-check__fix">{fix}</div> })}
        </li>
    }
}

/// The fix, from what the check says in typed fields (never from its free-text `detail`).
fn fix_view(result: CheckResult, can_manage: bool) -> AnyView {
    let i18n = use_i18n();
    let flow = move |href: String, label: AnyView| {
        if can_manage {
            view! { <ConnectButton href>{label}</ConnectButton> }.into_any()
        } else {
            view! { <p class="msg-hint">{t!(i18n, troubleshooter.fix_ask_admin)}</p> }.into_any()
        }
    };
    let reconnect = || wizard_href(&InstallStartRequest::Reconnect);
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
        FixCode::Resubscribe => view! {
            <p>{t!(i18n, troubleshooter.fix_resubscribe)}</p>
            {flow(reconnect(), t!(i18n, settings.fix_reconnect).into_any())}
        }
        .into_any(),
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
