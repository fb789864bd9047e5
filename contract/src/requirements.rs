//! The requirements a backend must meet beyond the shapes: one id each. The conformance kit
//! (`conformance/`) checks them, and the dev backend's `--break ID,…` breaks the behaviour
//! behind them, so both read this one list and cannot name a requirement the other lacks.

/// MUST: a failure fails the run. SHOULD: a failure is a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Must,
    Should,
}

/// What the kit needs to check a requirement; each tier asks more of whoever runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// Safe against a staging backend: reads, and requests that are refused.
    ReadOnly,
    /// `--allow-writes`: sends and uploads on a test conversation.
    Writes,
    /// `--state-url`: the backend's test-state hook puts it in a state first.
    State,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub id: &'static str,
    pub level: Level,
    pub tier: Tier,
    /// The section of `docs/api.md` that states it.
    pub anchor: &'static str,
    pub text: &'static str,
}

impl Requirement {
    /// The area a summary groups it under: the id without its number.
    pub fn area(&self) -> &'static str {
        self.id.rsplit_once('-').map_or(self.id, |(area, _)| area)
    }
}

const fn must(id: &'static str, tier: Tier, anchor: &'static str, text: &'static str) -> Requirement {
    Requirement { id, level: Level::Must, tier, anchor, text }
}

const fn should(id: &'static str, tier: Tier, anchor: &'static str, text: &'static str) -> Requirement {
    Requirement { id, level: Level::Should, tier, anchor, text }
}

use Tier::*;

const CONVENTIONS: &str = "conventions";
const ERRORS: &str = "error-codes";
const ROUTES: &str = "routes";
const LIST: &str = "the-list-paged-filtered-searched";

/// Every requirement, in the order the kit checks them.
pub const REQUIREMENTS: &[Requirement] = &[
    must("AUTH-01", ReadOnly, CONVENTIONS, "Without a session, the API answers 401 unauthenticated"),
    should("AUTH-02", ReadOnly, ROUTES, "GET /api/health answers {\"ok\": true} without a session"),
    must("SHAPE-01", ReadOnly, ROUTES, "GET /api/me reads as Me and matches the OpenAPI schema"),
    must(
        "SHAPE-02",
        ReadOnly,
        ROUTES,
        "GET /api/integrations/facebook reads as IntegrationState and matches the schema",
    ),
    must("SHAPE-03", ReadOnly, ROUTES, "GET /api/conversations reads as ConversationList and matches the schema"),
    must(
        "SHAPE-04",
        ReadOnly,
        ROUTES,
        "GET /api/conversations/{id} reads as ConversationDetail and matches the schema",
    ),
    must("SHAPE-05", ReadOnly, ROUTES, "GET /api/updates reads as Updates and matches the schema"),
    should("SPEC-01", ReadOnly, "the-backend-contract", "The served /api/openapi.json equals the kit's copy"),
    must("TIME-01", ReadOnly, CONVENTIONS, "Every answer, errors too, carries X-Server-Time in epoch milliseconds"),
    should("TIME-02", ReadOnly, CONVENTIONS, "A body's server_time agrees with X-Server-Time"),
    must(
        "ERR-01",
        ReadOnly,
        CONVENTIONS,
        "Every error is the envelope {\"error\": {\"code\", \"message\", \"reference\"}}",
    ),
    must("ERR-02", ReadOnly, ERRORS, "Each error code comes with its fixed HTTP status"),
    must("ERR-03", ReadOnly, ERRORS, "invalid_request for a query parameter names it in details.parameter"),
    must("POLL-01", ReadOnly, ROUTES, "With nothing new, GET /api/updates?wait=2 holds about 2 s, then answers"),
    must("POLL-02", ReadOnly, ROUTES, "A cursor the server never gave answers reset: true at once"),
    must("OAUTH-01", ReadOnly, ROUTES, "A forged OAuth state is 400 oauth_state_invalid"),
    must("PAGE-01", ReadOnly, LIST, "Paging two rows at a time lists every conversation once, none lost"),
    must("PAGE-02", ReadOnly, LIST, "A cursor the server did not make is 400 invalid_request"),
    must("PAGE-03", ReadOnly, LIST, "filter=unread lists exactly the conversations with unread messages"),
    should("PAGE-04", ReadOnly, LIST, "limit=0 is clamped to 1 row, not refused"),
    must(
        "CSRF-01",
        Writes,
        CONVENTIONS,
        "A write without X-CSRF-Token, or with a made-up one, is 403 csrf_token_invalid",
    ),
    must("CSRF-02", Writes, CONVENTIONS, "A write with another session's CSRF token is 403 csrf_token_invalid"),
    must(
        "OAUTH-02",
        Writes,
        ROUTES,
        "An OAuth state is bound to its session: another session's is 400 oauth_state_invalid",
    ),
    must("UPLOAD-IDEMPOTENT-01", Writes, ROUTES, "An upload is 201, its repeat 200 with the same attachment"),
    must(
        "UPLOAD-IDEMPOTENT-02",
        Writes,
        ROUTES,
        "8 concurrent uploads of one client_attachment_id store one attachment",
    ),
    must("ATTACH-01", Writes, ROUTES, "An attachment is served with its true Content-Type, nosniff, a picture inline"),
    must(
        "ATTACH-02",
        Writes,
        ROUTES,
        "A file that is not a picture is a download under Content-Security-Policy: sandbox",
    ),
    must("SEND-IDEMPOTENT-01", Writes, ROUTES, "A send is 201, its repeat 200 with the same message"),
    must("SEND-IDEMPOTENT-02", Writes, ROUTES, "8 concurrent sends of one client_message_id give exactly one message"),
    must("READ-01", Writes, LIST, "Marking the newest message read answers unread 0, and the list agrees"),
    must("READ-02", Writes, LIST, "A read mark never goes back"),
    must("INBOUND-01", State, ROUTES, "When a customer writes, a waiting long poll answers at once with the message"),
    must("WINDOW-01", State, ERRORS, "A send after the reply window closed is 422 reply_window_closed with reply_by"),
    must("REFUSAL-01", State, ERRORS, "Facebook's refusal of a restricted Page is 422 page_restricted"),
    must("REFUSAL-02", State, ERRORS, "Facebook's refusal of an expired token is 422 token_expired"),
    must("REFUSAL-03", State, ERRORS, "Facebook's refusal for a removed permission is 422 missing_permissions"),
    must("REFUSAL-04", State, ERRORS, "Facebook's refusal of an unavailable person is 422 recipient_unavailable"),
    must("REFUSAL-05", State, ERRORS, "A thread another app owns is 409 thread_owned_by_other_app naming it"),
    must("REFUSAL-06", State, ERRORS, "Too many sends is 429 rate_limited with Retry-After"),
    must("OAUTH-FLOW-01", State, ROUTES, "A cancelled Facebook dialog ends the flow as failed: install_cancelled"),
    must("OAUTH-FLOW-02", State, ROUTES, "A declined permission ends the flow as failed: missing_permissions"),
    must("OAUTH-FLOW-03", State, ROUTES, "A failed code exchange ends the flow as failed: facebook_error"),
];

/// The requirement with this id.
pub fn requirement(id: &str) -> Option<&'static Requirement> {
    REQUIREMENTS.iter().find(|r| r.id == id)
}

/// Where `docs/api.md` states it, relative to the repository.
pub fn link(requirement: &Requirement) -> String {
    format!("docs/api.md#{}", requirement.anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_shaped_like_area_and_number() {
        let mut ids: Vec<_> = REQUIREMENTS.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), REQUIREMENTS.len());
        for r in REQUIREMENTS {
            let (area, number) = r.id.rsplit_once('-').expect(r.id);
            assert!(area.bytes().all(|b| b.is_ascii_uppercase() || b == b'-'), "{}", r.id);
            assert!(number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit()), "{}", r.id);
        }
    }

    #[test]
    fn every_anchor_is_a_heading_of_the_api_doc() {
        let doc = include_str!("../../docs/api.md");
        let anchors: Vec<String> = doc
            .lines()
            .filter_map(|l| l.strip_prefix('#'))
            .map(|h| {
                let title = h.trim_start_matches('#').trim().to_lowercase();
                title
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect()
            })
            .collect();
        for r in REQUIREMENTS {
            assert!(anchors.iter().any(|a| a == r.anchor), "{} links to #{}, which docs/api.md lacks", r.id, r.anchor);
        }
    }
}
