//! Every way connecting can fail, as one type. Each variant has exactly one screen.

use contract::{ApiError, ErrorCode, Permission, Person};

/// Why the install (or reconnect) did not finish, with what its screen needs to name.
#[derive(Clone, Debug, PartialEq)]
pub enum InstallFailure {
    /// Seed mode 1.
    InstalledPrivatelyByOtherAdmin { admin: Option<Person> },
    /// Seed mode 2.
    PageOnOtherCompany { company: Option<String>, page: Option<String>, settings_url: Option<String> },
    /// Seed mode 3: exactly these were not granted.
    MissingPermissions { missing: Vec<Permission> },
    /// Seed mode 4: Facebook failed; quote the reference.
    SomethingWentWrong { reference: String },
    /// Seed mode 4, second case: another Page admin installed the Messenger app.
    AppInstalledByOtherPageAdmin { admin: Option<Person>, page: Option<String>, reference: String },
    /// The user pressed Cancel in the Facebook dialog.
    Cancelled,
    /// The sign-in link is unknown, used, expired or from another browser session.
    StateInvalid,
    /// The current user is not an admin of the company account.
    NotAdmin,
    /// The CRM session ended.
    SessionExpired,
    /// The integration was uninstalled meanwhile (a reconnect has nothing to renew).
    NotInstalled,
    /// No connection: offline, or the connection dropped.
    Network,
    /// The server did not answer within the request time limit.
    Timeout,
    /// The Facebook window gave no answer in time, and the server has none either.
    NoAnswer,
    /// The server failed (5xx, an unknown code); quote the reference if there is one.
    Server { reference: Option<String> },
    /// The server's answer could not be read.
    Malformed,
}

impl InstallFailure {
    /// The screen for an error body. Every code is matched, so a new code fails to compile until placed.
    pub fn from_api(error: &ApiError) -> InstallFailure {
        let d = &error.details;
        match error.code {
            ErrorCode::InstalledPrivatelyByOtherAdmin => {
                InstallFailure::InstalledPrivatelyByOtherAdmin { admin: d.person.clone() }
            }
            ErrorCode::PageConnectedToOtherCompany => InstallFailure::PageOnOtherCompany {
                company: d.other_company.clone(),
                page: d.page.as_ref().map(|p| p.name.clone()),
                settings_url: None,
            },
            ErrorCode::MissingPermissions => {
                InstallFailure::MissingPermissions { missing: d.missing_permissions.clone() }
            }
            ErrorCode::FacebookError => InstallFailure::SomethingWentWrong { reference: error.reference.clone() },
            ErrorCode::AppInstalledByOtherPageAdmin => InstallFailure::AppInstalledByOtherPageAdmin {
                admin: d.person.clone(),
                page: d.page.as_ref().map(|p| p.name.clone()),
                reference: error.reference.clone(),
            },
            ErrorCode::InstallCancelled => InstallFailure::Cancelled,
            ErrorCode::OauthStateInvalid => InstallFailure::StateInvalid,
            ErrorCode::NotAdmin => InstallFailure::NotAdmin,
            ErrorCode::Unauthenticated | ErrorCode::CsrfTokenInvalid => InstallFailure::SessionExpired,
            ErrorCode::NotInstalled => InstallFailure::NotInstalled,
            // The server answered, so not a network problem: busy (429, 503), codes of sending that
            // the install flow never returns, and unknown ones are all "try again in a moment".
            ErrorCode::NotFound
            | ErrorCode::InvalidRequest
            | ErrorCode::ReplyWindowClosed
            | ErrorCode::PageRestricted
            | ErrorCode::TokenExpired
            | ErrorCode::RecipientUnavailable
            | ErrorCode::AttachmentTooLarge
            | ErrorCode::AttachmentTypeRefused
            | ErrorCode::AttachmentRefused
            | ErrorCode::ThreadOwnedByOtherApp
            | ErrorCode::Internal
            | ErrorCode::RateLimited
            | ErrorCode::ServiceUnavailable
            | ErrorCode::Unknown => InstallFailure::Server { reference: Some(error.reference.clone()) },
        }
    }
}

impl InstallFailure {
    /// The install flow's failures with a screen of their own (who installed it, which Page,
    /// which permissions, Facebook's reference, the admins to ask); the rest are told in a title
    /// and a sentence. A read never answers with these (docs/api.md): it shows them as the
    /// server's failure.
    pub fn has_own_screen(&self) -> bool {
        matches!(
            self,
            InstallFailure::NotAdmin
                | InstallFailure::InstalledPrivatelyByOtherAdmin { .. }
                | InstallFailure::PageOnOtherCompany { .. }
                | InstallFailure::MissingPermissions { .. }
                | InstallFailure::SomethingWentWrong { .. }
                | InstallFailure::AppInstalledByOtherPageAdmin { .. }
        )
    }

    /// A stable name for the host's telemetry (`messenger:error`); never shown to the user.
    pub fn code(&self) -> &'static str {
        match self {
            InstallFailure::InstalledPrivatelyByOtherAdmin { .. } => "installed_privately_by_other_admin",
            InstallFailure::PageOnOtherCompany { .. } => "page_connected_to_other_company",
            InstallFailure::MissingPermissions { .. } => "missing_permissions",
            InstallFailure::SomethingWentWrong { .. } => "facebook_error",
            InstallFailure::AppInstalledByOtherPageAdmin { .. } => "app_installed_by_other_page_admin",
            InstallFailure::Cancelled => "install_cancelled",
            InstallFailure::StateInvalid => "oauth_state_invalid",
            InstallFailure::NotAdmin => "not_admin",
            InstallFailure::SessionExpired => "unauthenticated",
            InstallFailure::NotInstalled => "not_installed",
            InstallFailure::Network => "network",
            InstallFailure::Timeout => "timeout",
            InstallFailure::NoAnswer => "no_answer",
            InstallFailure::Server { .. } => "server",
            InstallFailure::Malformed => "malformed",
        }
    }

    /// The server's reference for support, where the failure has one.
    pub fn reference(&self) -> Option<&str> {
        match self {
            InstallFailure::SomethingWentWrong { reference }
            | InstallFailure::AppInstalledByOtherPageAdmin { reference, .. } => Some(reference),
            InstallFailure::Server { reference } => reference.as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::{ErrorDetails, PageRef};

    fn error(code: ErrorCode, details: ErrorDetails) -> ApiError {
        ApiError { code, message: String::new(), reference: "REF-1".into(), details }
    }

    #[test]
    fn the_install_flows_own_screens_and_the_reference_a_read_quotes_for_them() {
        let facebook = InstallFailure::from_api(&error(ErrorCode::FacebookError, ErrorDetails::default()));
        assert!(facebook.has_own_screen());
        assert_eq!(facebook.reference(), Some("REF-1"), "what a read shows for it quotes the same reference");
        assert!(InstallFailure::NotAdmin.has_own_screen(), "the admins to ask");
        let busy = InstallFailure::from_api(&error(ErrorCode::ServiceUnavailable, ErrorDetails::default()));
        assert!(!busy.has_own_screen());
        assert_eq!(busy.reference(), Some("REF-1"));
        for plain in [InstallFailure::Network, InstallFailure::Timeout, InstallFailure::SessionExpired] {
            assert!(!plain.has_own_screen(), "{plain:?}");
            assert_eq!(plain.reference(), None);
        }
    }

    #[test]
    fn seed_modes_map_to_their_screens_with_the_names() {
        let aiko = Person { id: "u".into(), name: "Aiko Tanaka".into(), email: None };
        let f = InstallFailure::from_api(&error(
            ErrorCode::InstalledPrivatelyByOtherAdmin,
            ErrorDetails { person: Some(aiko.clone()), ..Default::default() },
        ));
        assert_eq!(f, InstallFailure::InstalledPrivatelyByOtherAdmin { admin: Some(aiko) });

        let f = InstallFailure::from_api(&error(
            ErrorCode::PageConnectedToOtherCompany,
            ErrorDetails {
                other_company: Some("Kitami Foods".into()),
                page: Some(PageRef { id: "p".into(), name: "Sakura Outlet".into() }),
                ..Default::default()
            },
        ));
        assert_eq!(
            f,
            InstallFailure::PageOnOtherCompany {
                company: Some("Kitami Foods".into()),
                page: Some("Sakura Outlet".into()),
                settings_url: None
            }
        );

        let f = InstallFailure::from_api(&error(
            ErrorCode::MissingPermissions,
            ErrorDetails { missing_permissions: vec![Permission::PagesShowList], ..Default::default() },
        ));
        assert_eq!(f, InstallFailure::MissingPermissions { missing: vec![Permission::PagesShowList] });

        let f = InstallFailure::from_api(&error(ErrorCode::FacebookError, ErrorDetails::default()));
        assert_eq!(f, InstallFailure::SomethingWentWrong { reference: "REF-1".into() });
    }

    #[test]
    fn unknown_and_unexpected_codes_are_server_failures_with_the_reference() {
        let busy = [ErrorCode::ServiceUnavailable, ErrorCode::RateLimited];
        for code in [ErrorCode::Unknown, ErrorCode::Internal, ErrorCode::ReplyWindowClosed].into_iter().chain(busy) {
            let f = InstallFailure::from_api(&error(code, ErrorDetails::default()));
            assert_eq!(f, InstallFailure::Server { reference: Some("REF-1".into()) });
        }
    }
}
