use contract::Permission;
use leptos::prelude::*;

use super::app_installed_by_other_page_admin_screen::AppInstalledByOtherPageAdminScreen;
use super::failure_layout::FailureLayout;
use super::missing_permissions_screen::MissingPermissionsScreen;
use super::not_admin_screen::NotAdminScreen;
use super::other_company_screen::OtherCompanyScreen;
use super::private_install_screen::PrivateInstallScreen;
use super::something_went_wrong_screen::SomethingWentWrongScreen;
use super::try_again_button::TryAgainButton;
use crate::components::shared::app_link::AppLink;
use crate::domain::install_failure::InstallFailure;
use crate::host::use_host;
use crate::i18n::*;
use crate::nav::Nav;

/// The screen for `failure`, with its actions.
#[component]
pub fn InstallFailureScreen(
    failure: InstallFailure,
    /// Starts over: a new Facebook sign-in, or a new load.
    on_retry: Callback<()>,
    /// Re-requests exactly these permissions (seed mode 3).
    #[prop(optional)]
    on_rerequest: Option<Callback<Vec<Permission>>>,
    /// How many times the user has tried; the wait before "Try again" grows with it.
    #[prop(default = 0)]
    attempt: u32,
    /// Whether an installation exists (reconnect, re-request), for the troubleshooter link.
    #[prop(optional)]
    installed: bool,
    /// A failed load (not a Facebook sign-in): after a network or server failure it runs
    /// `on_retry` by itself every few seconds, so the page comes back with the server. Not after
    /// a timeout: a retry would hang as long again and hold back the user's own Try again
    /// (a resource runs one fetch at a time).
    #[prop(optional)]
    keep_trying: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    use_host().error(&failure);
    let keep_trying = keep_trying && matches!(failure, InstallFailure::Network | InstallFailure::Server { .. });
    if keep_trying {
        retry_later(on_retry);
    }
    let keeps_trying = move || keep_trying.then(|| view! { <p>{t!(i18n, failure.keeps_trying)}</p> });
    let retry_button = move || {
        view! { <TryAgainButton on_retry /> }
    };
    let reload_button = move || {
        let reload = move |_| {
            let _ = window().location().reload();
        };
        view! {
            <button type="button" class="msg-button msg-button--primary" on:click=reload>
                {t!(i18n, failure.reload)}
            </button>
        }
        .into_any()
    };
    // Not offered on the settings page itself, where it would lead nowhere.
    let on_settings = use_context::<Nav>().is_some_and(|nav| nav.path_untracked() == "/settings/messaging");
    let back = move || {
        (!on_settings).then(move || {
            view! {
                <AppLink to="/settings/messaging" class="msg-button">
                    {t!(i18n, failure.to_settings)}
                </AppLink>
            }
        })
    };
    let simple = move |title: AnyView, body: AnyView, action: AnyView| {
        view! {
            <FailureLayout title>
                <p>{body}</p>
                {keeps_trying()}
                <div class="msg-actions">{action}{back()}</div>
            </FailureLayout>
        }
        .into_any()
    };
    match failure {
        InstallFailure::InstalledPrivatelyByOtherAdmin { admin } => view! { <PrivateInstallScreen admin /> }.into_any(),
        InstallFailure::PageOnOtherCompany { company, page, settings_url } => {
            view! { <OtherCompanyScreen company page settings_url on_retry /> }.into_any()
        }
        InstallFailure::MissingPermissions { missing } => {
            let on_rerequest = on_rerequest.unwrap_or_else(|| Callback::new(move |_| on_retry.run(())));
            view! { <MissingPermissionsScreen missing on_rerequest /> }.into_any()
        }
        InstallFailure::SomethingWentWrong { reference } => {
            view! { <SomethingWentWrongScreen reference on_retry attempt installed /> }.into_any()
        }
        InstallFailure::AppInstalledByOtherPageAdmin { admin, page, reference } => {
            view! { <AppInstalledByOtherPageAdminScreen admin page reference on_retry /> }.into_any()
        }
        InstallFailure::NotAdmin => view! { <NotAdminScreen /> }.into_any(),
        InstallFailure::Cancelled => simple(
            t!(i18n, failure.cancelled_title).into_any(),
            t!(i18n, failure.cancelled_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::StateInvalid => simple(
            t!(i18n, failure.state_title).into_any(),
            t!(i18n, failure.state_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::SessionExpired => simple(
            t!(i18n, failure.session_title).into_any(),
            t!(i18n, failure.session_body).into_any(),
            reload_button(),
        ),
        InstallFailure::NotInstalled => simple(
            t!(i18n, failure.not_installed_title).into_any(),
            t!(i18n, failure.not_installed_body).into_any(),
            ().into_any(),
        ),
        InstallFailure::Network => simple(
            t!(i18n, failure.network_title).into_any(),
            t!(i18n, failure.network_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::Timeout => simple(
            t!(i18n, failure.timeout_title).into_any(),
            t!(i18n, failure.timeout_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::NoAnswer => simple(
            t!(i18n, failure.no_answer_title).into_any(),
            t!(i18n, failure.no_answer_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::Server { reference } => {
            let body = view! {
                {t!(i18n, failure.server_body)}
                {reference
                    .map(|reference| {
                        view! {
                            " "
                            {t!(i18n, failure.reference, reference)}
                        }
                    })}
            };
            simple(t!(i18n, failure.server_title).into_any(), body.into_any(), retry_button().into_any())
        }
        InstallFailure::Malformed => simple(
            t!(i18n, failure.malformed_title).into_any(),
            t!(i18n, failure.malformed_body).into_any(),
            reload_button(),
        ),
    }
}

/// Runs `retry` once after 3 to 13 seconds (full jitter, so many open pages do not return to a
/// recovering server at once); a screen that fails again starts its own.
pub fn retry_later(retry: Callback<()>) {
    let wait =
        3_000 + crate::domain::backoff::Backoff { base_ms: 10_000, max_ms: 10_000 }.delay_ms(0, js_sys::Math::random());
    if let Ok(timer) = set_timeout_with_handle(move || retry.run(()), std::time::Duration::from_millis(wait.into())) {
        on_cleanup(move || timer.clear());
    }
}
