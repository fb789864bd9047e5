//! The troubleshooter: the seed's checks, run live one at a time so the UI shows each as it completes.

use serde::{Deserialize, Serialize};

/// The checks, in the order the troubleshooter runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    TokenValid,
    PermissionsGranted,
    WebhookSubscribed,
    PageRole,
    AppInstalled,
    PageRestriction,
    #[serde(other)]
    Unknown,
}

impl CheckId {
    pub const ALL: [CheckId; 6] = [
        CheckId::TokenValid,
        CheckId::PermissionsGranted,
        CheckId::WebhookSubscribed,
        CheckId::PageRole,
        CheckId::AppInstalled,
        CheckId::PageRestriction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::TokenValid => "token_valid",
            CheckId::PermissionsGranted => "permissions_granted",
            CheckId::WebhookSubscribed => "webhook_subscribed",
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
    /// Facts for the UI to name: missing scopes, the user's role, the restriction reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
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
    /// Reconnect, which subscribes the webhook again.
    Resubscribe,
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
            &CheckResult {
                check: CheckId::TokenValid,
                status: CheckStatus::Fail,
                fix: Some(FixCode::Reconnect),
                detail: None,
            },
            json!({"check": "token_valid", "status": "fail", "fix": "reconnect"}),
        );
    }
}
