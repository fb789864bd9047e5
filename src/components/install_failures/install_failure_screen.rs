use contract::Permission;
use leptos::prelude::*;

use super::app_installed_by_other_page_admin_screen::AppInstalledByOtherPageAdminScreen;
use super::failure_screen::FailureScreen;
use super::missing_permissions_screen::MissingPermissionsScreen;
use super::not_admin_screen::NotAdminScreen;
use super::other_company_screen::OtherCompanyScreen;
use super::private_install_screen::PrivateInstallScreen;
use super::something_went_wrong_screen::SomethingWentWrongScreen;
use crate::domain::install_failure::InstallFailure;
use crate::host::use_host;

/// The screen for `failure`, with its actions: the install flow's own screens here, the rest
/// (`FailureScreen`) shared with every page whose data could not be read.
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
) -> impl IntoView {
    if failure.has_own_screen() {
        use_host().error(&failure);
    }
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
        // It reports itself.
        other => view! { <FailureScreen failure=other on_retry /> }.into_any(),
    }
}
