use serde::{Deserialize, Serialize};

use crate::{EpochMs, Person};

/// Every error response: `{"error": {"code", "message", "reference", "details"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ApiError,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// English text for logs. The app shows its own translated text for each code.
    pub message: String,
    /// Quoted to support to find this failure in the server's logs.
    pub reference: String,
    #[serde(default, skip_serializing_if = "ErrorDetails::is_empty")]
    pub details: ErrorDetails,
}

/// Stable, snake_case names: one for each way a request can fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 401: no valid session.
    Unauthenticated,
    /// 403: the `X-CSRF-Token` header is missing or wrong.
    CsrfTokenInvalid,
    /// 403: only admins of the company account may do this.
    NotAdmin,
    /// 404.
    NotFound,
    /// 400: the request body or parameters are not valid.
    InvalidRequest,
    /// 409: the integration is not installed.
    NotInstalled,
    /// 409, seed mode 1: another admin installed the integration with visibility Private.
    InstalledPrivatelyByOtherAdmin,
    /// 409, seed mode 2: the Page is connected to a different company account.
    PageConnectedToOtherCompany,
    /// 422, seed mode 3: the user did not grant every permission.
    MissingPermissions,
    /// 502, seed mode 4: Facebook failed; quote the reference.
    FacebookError,
    /// 409, seed mode 4: another Page admin installed the Messenger app on the Page.
    AppInstalledByOtherPageAdmin,
    /// 409: the user pressed Cancel in the Facebook dialog.
    InstallCancelled,
    /// 400: the OAuth `state` is unknown, already used, expired, or from another session.
    OauthStateInvalid,
    /// 422, seed mode 7: the 7-day reply window has closed.
    ReplyWindowClosed,
    /// 422, seed mode 6: Facebook restricted the Page for a Messenger policy violation.
    PageRestricted,
    /// 422: the Page's token expired; reconnect.
    TokenExpired,
    /// 429: too many sends; retry after `Retry-After` seconds.
    RateLimited,
    /// 422: Facebook says the person is not available (Graph error 551).
    RecipientUnavailable,
    /// 413: a file over [`crate::MAX_FILE_BYTES`]; `details.file_name` names it.
    AttachmentTooLarge,
    /// 415: a file whose bytes are none of the types Facebook's Send API takes, or not the type
    /// its name says; `details.file_name` names it.
    AttachmentTypeRefused,
    /// 422: Facebook refused an attachment of the message ("(#100) Upload attachment
    /// failure"); `details.file_name` names it. Retry may work; nothing retries by itself.
    AttachmentRefused,
    /// 409: another app owns the thread (Conversation Routing); `details.app` names it. Take
    /// the thread over (`POST /api/conversations/{id}/take-control`), then send again.
    ThreadOwnedByOtherApp,
    /// 500.
    Internal,
    /// 503: temporarily unavailable; retry.
    ServiceUnavailable,
    /// A code this app does not know yet.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 24] = [
        ErrorCode::Unauthenticated,
        ErrorCode::CsrfTokenInvalid,
        ErrorCode::NotAdmin,
        ErrorCode::NotFound,
        ErrorCode::InvalidRequest,
        ErrorCode::NotInstalled,
        ErrorCode::InstalledPrivatelyByOtherAdmin,
        ErrorCode::PageConnectedToOtherCompany,
        ErrorCode::MissingPermissions,
        ErrorCode::FacebookError,
        ErrorCode::AppInstalledByOtherPageAdmin,
        ErrorCode::InstallCancelled,
        ErrorCode::OauthStateInvalid,
        ErrorCode::ReplyWindowClosed,
        ErrorCode::PageRestricted,
        ErrorCode::TokenExpired,
        ErrorCode::RateLimited,
        ErrorCode::RecipientUnavailable,
        ErrorCode::AttachmentTooLarge,
        ErrorCode::AttachmentTypeRefused,
        ErrorCode::AttachmentRefused,
        ErrorCode::ThreadOwnedByOtherApp,
        ErrorCode::Internal,
        ErrorCode::ServiceUnavailable,
    ];

    /// The HTTP status that carries this code.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            InvalidRequest | OauthStateInvalid => 400,
            Unauthenticated => 401,
            CsrfTokenInvalid | NotAdmin => 403,
            NotFound => 404,
            NotInstalled
            | InstalledPrivatelyByOtherAdmin
            | PageConnectedToOtherCompany
            | AppInstalledByOtherPageAdmin
            | InstallCancelled
            | ThreadOwnedByOtherApp => 409,
            MissingPermissions | ReplyWindowClosed | PageRestricted | TokenExpired | RecipientUnavailable
            | AttachmentRefused => 422,
            AttachmentTooLarge => 413,
            AttachmentTypeRefused => 415,
            RateLimited => 429,
            Internal | Unknown => 500,
            FacebookError => 502,
            ServiceUnavailable => 503,
        }
    }

    /// Whether repeating the same request later may succeed without anyone changing anything.
    pub fn is_transient(self) -> bool {
        matches!(self, ErrorCode::RateLimited | ErrorCode::ServiceUnavailable | ErrorCode::Internal)
    }
}

/// What the UI needs to name the cause and offer the fix. Only the fields of the code are set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetails {
    /// `missing_permissions`: exactly the scopes not granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_permissions: Vec<crate::Permission>,
    /// `installed_privately_by_other_admin`, `app_installed_by_other_page_admin`: who to ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    /// `page_connected_to_other_company`: the other company account's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_company: Option<String>,
    /// The Page concerned, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<crate::PageRef>,
    /// `reply_window_closed`: when the window closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<EpochMs>,
    /// `page_restricted`: Facebook's reason and since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<crate::Restriction>,
    /// `rate_limited`, `service_unavailable`: the same as the `Retry-After` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u32>,
    /// `attachment_too_large`, `attachment_type_refused`, `attachment_refused`: the file's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// `thread_owned_by_other_app`: the app that owns the thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<crate::MessengerApp>,
    /// `invalid_request`: the query parameter refused (`cursor`, `filter`, `limit`), when one
    /// was; a client that meets `cursor` starts again from the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ErrorDetails {
    pub fn is_empty(&self) -> bool {
        self == &ErrorDetails::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::round_trip;
    use serde_json::json;

    #[test]
    fn error_body_has_the_documented_shape() {
        let body = ErrorBody {
            error: ApiError {
                code: ErrorCode::ReplyWindowClosed,
                message: "The 7-day reply window closed.".into(),
                reference: "ref-01".into(),
                details: ErrorDetails { reply_by: Some(1_700_000_000_000), ..Default::default() },
            },
        };
        round_trip(
            &body,
            json!({"error": {"code": "reply_window_closed", "message": "The 7-day reply window closed.",
                   "reference": "ref-01", "details": {"reply_by": 1_700_000_000_000i64}}}),
        );
    }

    #[test]
    fn details_may_be_absent() {
        let body: ErrorBody =
            serde_json::from_value(json!({"error": {"code": "internal", "message": "x", "reference": "r"}})).unwrap();
        assert!(body.error.details.is_empty());
        assert!(!serde_json::to_string(&body).unwrap().contains("details"));
    }

    #[test]
    fn unknown_codes_parse_as_unknown() {
        let code: ErrorCode = serde_json::from_value(json!("brand_new_failure")).unwrap();
        assert_eq!(code, ErrorCode::Unknown);
    }

    #[test]
    fn every_code_has_a_distinct_snake_case_name_and_an_error_status() {
        let names: std::collections::HashSet<String> =
            ErrorCode::ALL.iter().map(|c| serde_json::to_value(c).unwrap().as_str().unwrap().to_owned()).collect();
        assert_eq!(names.len(), ErrorCode::ALL.len());
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        assert!(ErrorCode::ALL.iter().all(|c| (400..600).contains(&c.http_status())));
    }
}
