//! The troubleshooter: the seed's checks, run live one at a time so the UI shows each as it completes.

use serde::{Deserialize, Serialize};

use crate::{MessengerApp, PageRef, Permission, Person, Restriction};

/// The checks, in the order the troubleshooter runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    TokenValid,
    PermissionsGranted,
    WebhookSubscribed,
    /// Conversation Routing sends the Page's conversations to this app by default.
    ReceivesConversations,
    PageRole,
    AppInstalled,
    PageRestriction,
    #[serde(other)]
    Unknown,
}

impl CheckId {
    pub const ALL: [CheckId; 7] = [
        CheckId::TokenValid,
        CheckId::PermissionsGranted,
        CheckId::WebhookSubscribed,
        CheckId::ReceivesConversations,
        CheckId::PageRole,
        CheckId::AppInstalled,
        CheckId::PageRestriction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::TokenValid => "token_valid",
            CheckId::PermissionsGranted => "permissions_granted",
            CheckId::WebhookSubscribed => "webhook_subscribed",
            CheckId::ReceivesConversations => "receives_conversations",
            CheckId::PageRole => "page_role",
            CheckId::AppInstalled => "app_installed",
            CheckId::PageRestriction => "page_restriction",
            CheckId::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// `GET /api/integrations/facebook/diagnostics/{check}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckResult {
    pub check: CheckId,
    pub status: CheckStatus,
    /// Set when the check did not pass: what the user should do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixCode>,
    /// The Page the check is about, when it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<PageRef>,
    /// `permissions_granted`: exactly the scopes Facebook does not grant now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_permissions: Vec<Permission>,
    /// `page_restriction`: Facebook's restriction of the Page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<Restriction>,
    /// `page_role`: the user's tasks on the Page, as Facebook lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_tasks: Vec<PageTask>,
    /// `page_role`: who can give the user the `MANAGE` task (the Page's people who have it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub can_grant: Vec<Person>,
    /// `webhook_subscribed`: the webhook fields the Page does not send to this app.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_fields: Vec<String>,
    /// `receives_conversations`: the Page's default app in Conversation Routing, when it is
    /// not this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_app: Option<MessengerApp>,
    /// Free text for support. The UI reads nothing out of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl CheckResult {
    /// A result that names nothing beyond its status and fix.
    pub fn new(check: CheckId, status: CheckStatus, fix: Option<FixCode>) -> Self {
        CheckResult {
            check,
            status,
            fix,
            page: None,
            missing_permissions: Vec::new(),
            restriction: None,
            page_tasks: Vec::new(),
            can_grant: Vec::new(),
            missing_fields: Vec::new(),
            default_app: None,
            detail: None,
        }
    }
}

/// What a person may do on a Facebook Page (the Graph API's `tasks` of a Page's user).
/// Managing the Messenger integration takes `MANAGE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PageTask {
    Manage,
    CreateContent,
    Moderate,
    Messaging,
    Advertise,
    Analyze,
    #[serde(other)]
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Pass,
    Fail,
    /// Not run because an earlier check failed (no token, no Page to ask about).
    Skipped,
    #[serde(other)]
    Unknown,
}

/// The seed's fixes, one code each; the UI turns each into an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FixCode {
    /// Run the flow again to renew the token.
    Reconnect,
    /// Re-request the missing permissions.
    GrantPermissions,
    /// Subscribe the Page's webhook again with its token:
    /// `POST /api/integrations/facebook/pages/{page_id}/subscription`.
    Resubscribe,
    /// Make this app the Page's default in Meta Business Suite → Settings → Advanced
    /// messaging → Conversation routing.
    ChangeConversationRouting,
    /// Ask a Page admin to give you the admin role on the Page.
    AskForPageAdminRole,
    /// Check Business Integrations in the Page's settings; reconnect if the app is missing.
    CheckBusinessIntegrations,
    /// Appeal in Page settings > Page support.
    AppealRestriction,
    #[serde(other)]
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::round_trip;
    use serde_json::json;

    #[test]
    fn check_ids_round_trip_through_their_path_names() {
        for c in CheckId::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), json!(c.as_str()));
            assert_eq!(CheckId::parse(c.as_str()), Some(c));
        }
        assert_eq!(CheckId::parse("nope"), None);
    }

    #[test]
    fn failing_check_carries_its_fix() {
        round_trip(
            &CheckResult::new(CheckId::TokenValid, CheckStatus::Fail, Some(FixCode::Reconnect)),
            json!({"check": "token_valid", "status": "fail", "fix": "reconnect"}),
        );
    }

    #[test]
    fn a_page_role_result_names_the_tasks_and_who_can_grant_them() {
        let haruto = Person { id: "u-haruto".into(), name: "Haruto Sato".into(), email: None };
        let result = CheckResult {
            page: Some(PageRef { id: "p-1".into(), name: "Sakura Trading Official".into() }),
            page_tasks: vec![PageTask::Messaging, PageTask::Moderate],
            can_grant: vec![haruto],
            ..CheckResult::new(CheckId::PageRole, CheckStatus::Fail, Some(FixCode::AskForPageAdminRole))
        };
        round_trip(
            &result,
            json!({"check": "page_role", "status": "fail", "fix": "ask_for_page_admin_role",
                   "page": {"id": "p-1", "name": "Sakura Trading Official"},
                   "page_tasks": ["MESSAGING", "MODERATE"],
                   "can_grant": [{"id": "u-haruto", "name": "Haruto Sato"}]}),
        );
        let newer: Vec<PageTask> = serde_json::from_value(json!(["MANAGE", "PROFILE_PLUS_FACEBOOK"])).unwrap();
        assert_eq!(newer, [PageTask::Manage, PageTask::Unknown]);
    }
}
