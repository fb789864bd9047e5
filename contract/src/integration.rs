use serde::{Deserialize, Serialize};

use crate::{EpochMs, Person};

/// `GET /api/integrations/facebook`: the company account's Messenger integration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "state", rename_all = "snake_case", from = "IntegrationStateWire")]
pub enum IntegrationState {
    NotInstalled,
    Installed(Installation),
    /// Seed mode 1, told up front: another admin installed it Private, so this user cannot see it.
    InstalledPrivatelyByOtherAdmin {
        installed_by: Person,
        installed_at: EpochMs,
    },
    #[serde(other)]
    Unknown,
}

/// `IntegrationState` as read: one flat record (an installation's fields sit beside `state`),
/// not serde's buffered internally tagged path (see `docs/performance.md`). A state without
/// its fields is `Unknown`.
#[derive(Deserialize)]
struct IntegrationStateWire {
    state: String,
    installed_by: Option<Person>,
    installed_at: Option<EpochMs>,
    visibility: Option<Visibility>,
    granted_permissions: Option<Vec<Permission>>,
    pages: Option<Vec<ConnectedPage>>,
    can_manage: Option<bool>,
    server_time: Option<EpochMs>,
}

impl From<IntegrationStateWire> for IntegrationState {
    fn from(w: IntegrationStateWire) -> Self {
        match (w.state.as_str(), w.installed_by, w.installed_at) {
            ("not_installed", ..) => IntegrationState::NotInstalled,
            ("installed_privately_by_other_admin", Some(installed_by), Some(installed_at)) => {
                IntegrationState::InstalledPrivatelyByOtherAdmin { installed_by, installed_at }
            }
            ("installed", Some(installed_by), Some(installed_at)) => {
                match (w.visibility, w.granted_permissions, w.pages, w.can_manage) {
                    (Some(visibility), Some(granted_permissions), Some(pages), Some(can_manage)) => {
                        IntegrationState::Installed(Installation {
                            installed_by,
                            installed_at,
                            visibility,
                            granted_permissions,
                            pages,
                            can_manage,
                            server_time: w.server_time,
                        })
                    }
                    _ => IntegrationState::Unknown,
                }
            }
            _ => IntegrationState::Unknown,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Installation {
    pub installed_by: Person,
    pub installed_at: EpochMs,
    pub visibility: Visibility,
    pub granted_permissions: Vec<Permission>,
    pub pages: Vec<ConnectedPage>,
    /// Whether the current user may change visibility, reconnect or uninstall.
    pub can_manage: bool,
    /// The server's clock when it answered, for the Pages' `last_message_at` ("3 min ago").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_time: Option<EpochMs>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only the admin who installed it sees and uses it.
    Private,
    /// Everyone in the company account uses it.
    Shared,
    #[serde(other)]
    Unknown,
}

/// A Facebook permission (OAuth scope), on the wire as its scope name. Unknown scopes keep
/// their name. Read through `String`: an untagged variant would buffer every value first,
/// which costs the app's wasm several KiB.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Permission {
    PagesMessaging,
    PagesManageMetadata,
    PagesShowList,
    PagesReadEngagement,
    BusinessManagement,
    Other(String),
}

impl From<String> for Permission {
    fn from(scope: String) -> Self {
        Permission::from_scope(&scope)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Permission {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("A Facebook OAuth scope, such as pages_messaging."))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Permission {}

impl From<Permission> for String {
    fn from(permission: Permission) -> Self {
        permission.scope().to_owned()
    }
}

impl Permission {
    /// What the integration asks for, in the order the dialog lists them.
    pub fn required() -> [Permission; 5] {
        [
            Permission::PagesMessaging,
            Permission::PagesManageMetadata,
            Permission::PagesShowList,
            Permission::PagesReadEngagement,
            Permission::BusinessManagement,
        ]
    }

    /// The scope name, exactly as Facebook spells it.
    pub fn scope(&self) -> &str {
        match self {
            Permission::PagesMessaging => "pages_messaging",
            Permission::PagesManageMetadata => "pages_manage_metadata",
            Permission::PagesShowList => "pages_show_list",
            Permission::PagesReadEngagement => "pages_read_engagement",
            Permission::BusinessManagement => "business_management",
            Permission::Other(scope) => scope,
        }
    }

    pub fn from_scope(scope: &str) -> Permission {
        Permission::required()
            .into_iter()
            .find(|p| p.scope() == scope)
            .unwrap_or_else(|| Permission::Other(scope.to_owned()))
    }
}

/// A Page named in an error or a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PageRef {
    pub id: crate::PageId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConnectedPage {
    pub id: crate::PageId,
    pub name: String,
    pub health: PageHealth,
    /// The Page's settings on Facebook, for fixes done there.
    pub settings_url: String,
    /// When the Page's last customer message reached the CRM; `None` if none ever did. A Page
    /// whose webhook subscription was lost stops moving this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_message_at: Option<EpochMs>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case", from = "PageHealthWire")]
pub enum PageHealth {
    Healthy,
    /// Fix: reconnect.
    TokenExpired,
    /// Fix: grant exactly these again.
    PermissionsMissing {
        missing: Vec<Permission>,
    },
    /// Seed mode 6. Fix: appeal in Page settings > Page support.
    Restricted(Restriction),
    /// Someone removed the app in the Page's Business Integrations. Fix: reconnect.
    AppRemoved,
    #[serde(other)]
    Unknown,
}

/// `PageHealth` as read: a flat record instead of serde's buffered internally tagged path
/// (see `docs/performance.md`); a status without its fields is `Unknown`.
#[derive(Deserialize)]
struct PageHealthWire {
    status: String,
    missing: Option<Vec<Permission>>,
    reason: Option<String>,
    since: Option<EpochMs>,
    appeal_url: Option<String>,
}

impl From<PageHealthWire> for PageHealth {
    fn from(w: PageHealthWire) -> Self {
        match (w.status.as_str(), w.missing, w.reason, w.since, w.appeal_url) {
            ("healthy", ..) => PageHealth::Healthy,
            ("token_expired", ..) => PageHealth::TokenExpired,
            ("permissions_missing", Some(missing), ..) => PageHealth::PermissionsMissing { missing },
            ("restricted", _, Some(reason), Some(since), Some(appeal_url)) => {
                PageHealth::Restricted(Restriction { reason, since, appeal_url })
            }
            ("app_removed", ..) => PageHealth::AppRemoved,
            _ => PageHealth::Unknown,
        }
    }
}

/// Facebook's `messaging_policy_enforcement`: why and since when the Page may not send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Restriction {
    pub reason: String,
    pub since: EpochMs,
    /// Page settings > Page support, where the user can appeal.
    pub appeal_url: String,
}

/// `PUT /api/integrations/facebook/visibility`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisibilityChange {
    pub visibility: Visibility,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::round_trip;
    use serde_json::json;

    #[test]
    fn not_installed_is_a_bare_tag() {
        round_trip(&IntegrationState::NotInstalled, json!({"state": "not_installed"}));
    }

    #[test]
    fn installed_carries_pages_with_health() {
        let state = IntegrationState::Installed(Installation {
            installed_by: Person { id: "u1".into(), name: "Haruto Sato".into(), email: None },
            installed_at: 5,
            visibility: Visibility::Shared,
            granted_permissions: vec![Permission::PagesMessaging],
            pages: vec![ConnectedPage {
                id: "p1".into(),
                name: "Sakura Trading Official".into(),
                health: PageHealth::PermissionsMissing { missing: vec![Permission::PagesShowList] },
                settings_url: "https://facebook.example/p1/settings".into(),
                last_message_at: None,
            }],
            can_manage: true,
            server_time: None,
        });
        round_trip(
            &state,
            json!({"state": "installed", "installed_by": {"id": "u1", "name": "Haruto Sato"}, "installed_at": 5,
                   "visibility": "shared", "granted_permissions": ["pages_messaging"],
                   "pages": [{"id": "p1", "name": "Sakura Trading Official",
                              "health": {"status": "permissions_missing", "missing": ["pages_show_list"]},
                              "settings_url": "https://facebook.example/p1/settings"}],
                   "can_manage": true}),
        );
    }

    #[test]
    fn restricted_health_flattens_the_restriction() {
        let health = PageHealth::Restricted(Restriction { reason: "spam".into(), since: 9, appeal_url: "u".into() });
        round_trip(&health, json!({"status": "restricted", "reason": "spam", "since": 9, "appeal_url": "u"}));
    }

    #[test]
    fn unknown_values_do_not_break_parsing() {
        let state: IntegrationState = serde_json::from_value(json!({"state": "migrating", "eta": 3})).unwrap();
        assert_eq!(state, IntegrationState::Unknown);
        let health: PageHealth = serde_json::from_value(json!({"status": "quarantined"})).unwrap();
        assert_eq!(health, PageHealth::Unknown);
        let visibility: Visibility = serde_json::from_value(json!("team_only")).unwrap();
        assert_eq!(visibility, Visibility::Unknown);
    }

    #[test]
    fn permissions_keep_their_scope_names() {
        for p in Permission::required() {
            assert_eq!(serde_json::to_value(&p).unwrap(), json!(p.scope()));
            assert_eq!(Permission::from_scope(p.scope()), p);
        }
        let other: Permission = serde_json::from_value(json!("instagram_basic")).unwrap();
        assert_eq!(other, Permission::Other("instagram_basic".into()));
        assert_eq!(serde_json::to_value(&other).unwrap(), json!("instagram_basic"));
    }

    #[test]
    fn malformed_state_is_unknown_or_an_error_never_a_panic() {
        // A known state without its fields reads like a state this version does not know; the
        // app shows both as an answer it cannot read.
        let partial = json!({"state": "installed", "installed_at": 1});
        assert_eq!(serde_json::from_value::<IntegrationState>(partial).unwrap(), IntegrationState::Unknown);
        assert!(serde_json::from_value::<IntegrationState>(json!({"state": 7})).is_err());
        assert!(serde_json::from_value::<IntegrationState>(json!({"installed_at": 1})).is_err());
        assert!(serde_json::from_value::<IntegrationState>(json!([1, 2])).is_err());
    }
}
