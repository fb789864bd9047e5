//! The popup-based install flow.
//!
//! 1. `POST /api/integrations/facebook/install` returns the authorize URL with a one-time `state`.
//! 2. The popup opens it; Facebook's dialog redirects to the backend's callback.
//! 3. The callback redirects the popup to the app's completion route with `?state=`, which
//!    hands the result to the opener. `GET /api/integrations/facebook/install/{state}` returns
//!    the same result, for the full-page fallback and for a lost popup message.
//! 4. When the result offers Pages, `POST /api/integrations/facebook/pages` connects the ones
//!    the admin ticked.

use serde::{Deserialize, Serialize};

use crate::{ApiError, EpochMs, Installation, Permission, Person};

/// Why the flow is started.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "purpose", rename_all = "snake_case")]
pub enum InstallStartRequest {
    /// A first install: all permissions, then pick a Page.
    Install,
    /// Renew an expired token or an app removed from a Page. Exactly the connected Pages the
    /// admin ticks in Facebook's dialog are renewed; the others keep their state.
    Reconnect,
    /// Connect more Pages to an existing install; the connected ones stay as they are.
    AddPage,
    /// Ask again for exactly these permissions (`auth_type=rerequest`).
    Rerequest { permissions: Vec<Permission> },
}

/// `POST /api/integrations/facebook/install`: the purpose, and where the sign-in comes back to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartInstall {
    #[serde(flatten)]
    pub purpose: InstallStartRequest,
    /// The app's completion route under the host's URL prefix, for example
    /// `/crm/settings/messaging/facebook/complete`. A same-origin path that ends in
    /// [`COMPLETE_ROUTE`]; absent means that route at the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_path: Option<String>,
    /// Open Facebook's window at its Page choice again (`auth_type=rerequest`), the Pages shared
    /// before still ticked: for an admin who left a Page unshared.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub share_pages: bool,
}

/// The app's completion route, relative to the host's prefix.
pub const COMPLETE_ROUTE: &str = "/settings/messaging/facebook/complete";

impl StartInstall {
    /// The completion path to redirect to, if it is a plain same-origin path ending in
    /// [`COMPLETE_ROUTE`]; anything else (a scheme, `//host`, a backslash, dots) is refused,
    /// so the field can never make the server redirect elsewhere.
    pub fn checked_complete_path(&self) -> Option<&str> {
        let Some(path) = self.complete_path.as_deref() else { return Some(COMPLETE_ROUTE) };
        let prefix = path.strip_suffix(COMPLETE_ROUTE)?;
        let plain = |segment: &str| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
        };
        match prefix {
            "" => Some(path),
            _ if prefix.starts_with('/') && prefix[1..].split('/').all(plain) => Some(path),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstallStart {
    /// One-time, bound to this session; check it on every result.
    pub state: String,
    /// Open this in the popup (or navigate to it, as the fallback).
    pub authorize_url: String,
    pub expires_at: EpochMs,
}

/// `GET /api/integrations/facebook/install/{state}`, and the message the completion route posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case", from = "InstallResultWire")]
pub enum InstallResult {
    /// The user has not finished the Facebook dialog yet.
    Pending,
    /// Permissions granted: pick one or more of these Pages.
    ChoosePage { granted_permissions: Vec<Permission>, pages: Vec<PageChoice> },
    /// A reconnect or re-request finished; nothing more to pick. `not_renewed`: the connected
    /// Pages a reconnect left alone because they were not ticked in Facebook's dialog; each
    /// keeps the health it had (see `installation`).
    Completed {
        installation: Installation,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        not_renewed: Vec<crate::PageRef>,
    },
    /// The flow ended with a typed error: `missing_permissions`, `facebook_error`,
    /// `install_cancelled`, `oauth_state_invalid`, or `not_installed` (a reconnect after an uninstall).
    Failed { error: ApiError },
    #[serde(other)]
    Unknown,
}

/// A Page the user administers on Facebook; those that cannot be connected say why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageChoice {
    pub id: crate::PageId,
    pub name: String,
    pub availability: PageAvailability,
    /// The Page's Business Integrations settings, where the app can be removed.
    pub settings_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case", from = "PageAvailabilityWire")]
pub enum PageAvailability {
    Connectable,
    /// Already connected to this integration (offered again by Add a Page).
    AlreadyConnected,
    /// Seed mode 1.
    ConnectedPrivatelyByOtherAdmin {
        admin: Person,
    },
    /// Seed mode 2.
    ConnectedToOtherCompany {
        company_name: String,
    },
    #[serde(other)]
    Unknown,
}

// Read through flat records, not serde's buffered path for internally tagged enums (see
// `docs/performance.md`); an outcome or status without its fields is `Unknown`.

#[derive(Deserialize)]
struct InstallResultWire {
    outcome: String,
    granted_permissions: Option<Vec<Permission>>,
    pages: Option<Vec<PageChoice>>,
    installation: Option<Installation>,
    not_renewed: Option<Vec<crate::PageRef>>,
    error: Option<ApiError>,
}

impl From<InstallResultWire> for InstallResult {
    fn from(w: InstallResultWire) -> Self {
        match (w.outcome.as_str(), w.granted_permissions, w.pages, w.installation, w.error) {
            ("pending", ..) => InstallResult::Pending,
            ("choose_page", Some(granted_permissions), Some(pages), ..) => {
                InstallResult::ChoosePage { granted_permissions, pages }
            }
            ("completed", _, _, Some(installation), _) => {
                InstallResult::Completed { installation, not_renewed: w.not_renewed.unwrap_or_default() }
            }
            ("failed", .., Some(error)) => InstallResult::Failed { error },
            _ => InstallResult::Unknown,
        }
    }
}

#[derive(Deserialize)]
struct PageAvailabilityWire {
    status: String,
    admin: Option<Person>,
    company_name: Option<String>,
}

impl From<PageAvailabilityWire> for PageAvailability {
    fn from(w: PageAvailabilityWire) -> Self {
        match (w.status.as_str(), w.admin, w.company_name) {
            ("connectable", ..) => PageAvailability::Connectable,
            ("already_connected", ..) => PageAvailability::AlreadyConnected,
            ("connected_privately_by_other_admin", Some(admin), _) => {
                PageAvailability::ConnectedPrivatelyByOtherAdmin { admin }
            }
            ("connected_to_other_company", _, Some(company_name)) => {
                PageAvailability::ConnectedToOtherCompany { company_name }
            }
            _ => PageAvailability::Unknown,
        }
    }
}

/// `POST /api/integrations/facebook/pages`: connects every Page named, or none (the error
/// names the Page that could not be connected).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectPageRequest {
    /// The `state` of the flow whose result offered the Pages.
    pub state: String,
    /// One or more Pages the result offered as `connectable`.
    pub page_ids: Vec<crate::PageId>,
    /// For a first install; an existing install keeps its own.
    pub visibility: crate::Visibility,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::round_trip;
    use crate::{ErrorCode, ErrorDetails};
    use serde_json::json;

    #[test]
    fn start_install_carries_the_purpose_and_an_optional_completion_path() {
        let start = StartInstall {
            purpose: InstallStartRequest::Reconnect,
            complete_path: Some("/crm/settings/messaging/facebook/complete".into()),
            share_pages: false,
        };
        round_trip(
            &start,
            json!({"purpose": "reconnect", "complete_path": "/crm/settings/messaging/facebook/complete"}),
        );
        round_trip(
            &StartInstall { purpose: InstallStartRequest::Install, complete_path: None, share_pages: false },
            json!({"purpose": "install"}),
        );
        round_trip(
            &StartInstall { purpose: InstallStartRequest::AddPage, complete_path: None, share_pages: true },
            json!({"purpose": "add_page", "share_pages": true}),
        );
    }

    #[test]
    fn only_plain_same_origin_completion_paths_are_accepted() {
        let check = |path: &str| {
            StartInstall { purpose: InstallStartRequest::Install, complete_path: Some(path.into()), share_pages: false }
                .checked_complete_path()
                .map(str::to_owned)
        };
        assert_eq!(check("/settings/messaging/facebook/complete").as_deref(), Some(COMPLETE_ROUTE));
        assert!(check("/host-demo/settings/messaging/facebook/complete").is_some());
        assert!(check("/a/b-c/settings/messaging/facebook/complete").is_some());
        for hostile in [
            "//evil.example/settings/messaging/facebook/complete",
            "https://evil.example/settings/messaging/facebook/complete",
            "/\\evil.example/settings/messaging/facebook/complete",
            "/../settings/messaging/facebook/complete",
            "/x?y/settings/messaging/facebook/complete",
            "crm/settings/messaging/facebook/complete",
            "/settings/messaging",
        ] {
            assert!(check(hostile).is_none(), "{hostile} was accepted");
        }
    }

    #[test]
    fn start_requests_are_tagged_by_purpose() {
        round_trip(&InstallStartRequest::Install, json!({"purpose": "install"}));
        round_trip(
            &InstallStartRequest::Rerequest { permissions: vec![Permission::PagesShowList] },
            json!({"purpose": "rerequest", "permissions": ["pages_show_list"]}),
        );
    }

    #[test]
    fn choose_page_lists_unavailable_pages_with_their_reason() {
        let result = InstallResult::ChoosePage {
            granted_permissions: vec![Permission::PagesMessaging],
            pages: vec![
                PageChoice {
                    id: "p2".into(),
                    name: "Sakura Outlet".into(),
                    availability: PageAvailability::ConnectedToOtherCompany { company_name: "Kitami Foods".into() },
                    settings_url: "s".into(),
                },
                PageChoice {
                    id: "p1".into(),
                    name: "Sakura Trading Official".into(),
                    availability: PageAvailability::ConnectedPrivatelyByOtherAdmin {
                        admin: Person { id: "u2".into(), name: "Aiko Tanaka".into(), email: None },
                    },
                    settings_url: "s".into(),
                },
            ],
        };
        round_trip(
            &result,
            json!({"outcome": "choose_page", "granted_permissions": ["pages_messaging"], "pages": [
                {"id": "p2", "name": "Sakura Outlet", "settings_url": "s",
                 "availability": {"status": "connected_to_other_company", "company_name": "Kitami Foods"}},
                {"id": "p1", "name": "Sakura Trading Official", "settings_url": "s",
                 "availability": {"status": "connected_privately_by_other_admin", "admin": {"id": "u2", "name": "Aiko Tanaka"}}}
            ]}),
        );
    }

    #[test]
    fn a_reconnect_names_the_pages_it_left_alone() {
        let installation = Installation {
            installed_by: Person { id: "u1".into(), name: "Haruto Sato".into(), email: None },
            installed_at: 1,
            visibility: crate::Visibility::Shared,
            granted_permissions: vec![],
            pages: vec![],
            can_manage: true,
            server_time: None,
        };
        let outlet = crate::PageRef { id: "p2".into(), name: "Sakura Outlet".into() };
        let completed = InstallResult::Completed { installation: installation.clone(), not_renewed: vec![outlet] };
        let json = serde_json::to_value(&completed).unwrap();
        assert_eq!(json["not_renewed"], json!([{"id": "p2", "name": "Sakura Outlet"}]));
        assert_eq!(serde_json::from_value::<InstallResult>(json).unwrap(), completed);
        // Every Page renewed: the field is left out, and its absence reads as none.
        let all = InstallResult::Completed { installation, not_renewed: vec![] };
        let json = serde_json::to_value(&all).unwrap();
        assert!(json.get("not_renewed").is_none());
        assert_eq!(serde_json::from_value::<InstallResult>(json).unwrap(), all);
    }

    #[test]
    fn connect_takes_several_pages_and_add_page_is_a_purpose() {
        let request = ConnectPageRequest {
            state: "st".into(),
            page_ids: vec!["p1".into(), "p2".into()],
            visibility: crate::Visibility::Shared,
        };
        round_trip(&request, json!({"state": "st", "page_ids": ["p1", "p2"], "visibility": "shared"}));
        round_trip(&InstallStartRequest::AddPage, json!({"purpose": "add_page"}));
        round_trip(&PageAvailability::AlreadyConnected, json!({"status": "already_connected"}));
    }

    #[test]
    fn failed_carries_a_typed_error() {
        let result = InstallResult::Failed {
            error: ApiError {
                code: ErrorCode::MissingPermissions,
                message: "m".into(),
                reference: "r".into(),
                details: ErrorDetails {
                    missing_permissions: vec![Permission::BusinessManagement],
                    ..Default::default()
                },
            },
        };
        round_trip(
            &result,
            json!({"outcome": "failed", "error": {"code": "missing_permissions", "message": "m", "reference": "r",
                   "details": {"missing_permissions": ["business_management"]}}}),
        );
    }

    #[test]
    fn unknown_outcomes_and_availability_parse() {
        assert_eq!(
            serde_json::from_value::<InstallResult>(json!({"outcome": "queued"})).unwrap(),
            InstallResult::Unknown
        );
        assert_eq!(
            serde_json::from_value::<PageAvailability>(json!({"status": "archived"})).unwrap(),
            PageAvailability::Unknown
        );
    }
}
