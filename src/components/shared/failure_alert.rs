use leptos::prelude::*;

use crate::domain::install_failure::InstallFailure;
use crate::i18n::*;

/// Why an action failed (a setting, a fix, taking a thread over), read out at once; nothing
/// while it has not.
pub fn failure_alert(error: RwSignal<Option<InstallFailure>>) -> impl IntoView {
    move || {
        error.get().map(|failure| {
            view! {
                <p class="msg-inline-error" role="alert">
                    {failure_title(failure)}
                </p>
            }
        })
    }
}

/// A one-line reason for an inline error.
pub fn failure_title(failure: InstallFailure) -> AnyView {
    let i18n = use_i18n();
    match failure {
        InstallFailure::InstalledPrivatelyByOtherAdmin { .. } => t!(i18n, failure.private_title_unnamed).into_any(),
        InstallFailure::NotAdmin => t!(i18n, failure.not_admin_title).into_any(),
        InstallFailure::SessionExpired => t!(i18n, failure.session_title).into_any(),
        InstallFailure::NotInstalled => t!(i18n, failure.not_installed_title).into_any(),
        InstallFailure::Network | InstallFailure::NoAnswer => t!(i18n, failure.network_title).into_any(),
        InstallFailure::Timeout => t!(i18n, failure.timeout_title).into_any(),
        InstallFailure::Malformed => t!(i18n, failure.malformed_title).into_any(),
        InstallFailure::PageOnOtherCompany { .. }
        | InstallFailure::MissingPermissions { .. }
        | InstallFailure::SomethingWentWrong { .. }
        | InstallFailure::AppInstalledByOtherPageAdmin { .. }
        | InstallFailure::Cancelled
        | InstallFailure::StateInvalid
        | InstallFailure::Server { .. } => t!(i18n, failure.server_title).into_any(),
    }
}
