//! `--break ID,…`: turns off the behaviour behind conformance requirements
//! (`contract::requirements`), so CI can prove that the kit (`conformance/`) fails each MUST.
//! Empty unless the flag names ids. Most breaks live in the one place that implements the
//! behaviour (the CSRF check, the long poll, a send); those that only change an answer's field,
//! header or status are [`mangle`] below.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use contract::requirements::{requirement, Level};
use contract::{ClientMessageId, ConversationId, ErrorCode, PersonId};
use serde_json::Value;

use crate::world::World;

/// The requirement ids whose behaviour is broken.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Breaks(Vec<&'static str>);

impl Breaks {
    /// `CSRF-01,SEND-IDEMPOTENT-02`: MUST requirements only, since only those are proven able to fail.
    pub fn parse(list: &str) -> Result<Breaks, String> {
        let mut ids = Vec::new();
        for id in list.split(',').map(str::trim).filter(|id| !id.is_empty()) {
            match requirement(id) {
                // Every MUST has a break: the conformance tests check that each fails exactly its id.
                Some(r) if r.level == Level::Must => ids.push(r.id),
                Some(_) => return Err(format!("{id} is a SHOULD: only MUST requirements can be broken")),
                None => return Err(format!("no requirement {id}; `messenger-conformance --list` lists them")),
            }
        }
        Ok(Breaks(ids))
    }

    pub fn has(&self, id: &str) -> bool {
        debug_assert!(requirement(id).is_some(), "{id} is not a requirement");
        self.0.contains(&id)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A field each shape break drops from a route's answer, so the UI could not read it.
const SHAPES: &[(&str, &str, &str)] = &[
    ("SHAPE-01", "/api/me", "company"),
    ("SHAPE-02", "/api/integrations/facebook", "state"),
    ("SHAPE-03", "/api/conversations", "server_time"),
    ("SHAPE-04", "/api/conversations/*", "has_more"),
    ("SHAPE-05", "/api/updates", "server_time"),
];

/// A refusal each break answers as an untyped `facebook_error`.
const REFUSALS: &[(&str, &str)] = &[
    ("REFUSAL-01", "page_restricted"),
    ("REFUSAL-02", "token_expired"),
    ("REFUSAL-03", "missing_permissions"),
    ("REFUSAL-04", "recipient_unavailable"),
    ("REFUSAL-05", "thread_owned_by_other_app"),
    ("REFUSAL-06", "rate_limited"),
];

/// The breaks that only change an answer once it is made (the `broken_answers` middleware).
pub async fn mangle(breaks: &Breaks, path: &str, mut response: Response) -> Response {
    let headers = response.headers_mut();
    if breaks.has("ATTACH-01") {
        headers.remove(header::X_CONTENT_TYPE_OPTIONS);
    }
    if breaks.has("ATTACH-02") && headers.get(header::CONTENT_SECURITY_POLICY).is_some_and(|v| v == "sandbox") {
        headers.remove(header::CONTENT_SECURITY_POLICY);
        headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    }
    let json = headers.get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let mut value: Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(_) => return Response::from_parts(parts, Body::from(bytes)),
    };
    if edit(breaks, path, &mut parts.status, &mut value) {
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::from(value.to_string()));
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether a break changed the answer.
fn edit(breaks: &Breaks, path: &str, status: &mut StatusCode, value: &mut Value) -> bool {
    let remove =
        |v: Option<&mut Value>, key: &str| v.and_then(Value::as_object_mut).and_then(|o| o.remove(key)).is_some();
    let route_is = |pattern: &str| match pattern.strip_suffix('*') {
        Some(prefix) => path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty() && !rest.contains('/')),
        None => path == pattern,
    };
    if status.is_success() {
        return SHAPES
            .iter()
            .filter(|(id, route, _)| breaks.has(id) && route_is(route))
            .any(|(_, _, field)| remove(Some(value), field));
    }
    let Some(error) = value.get_mut("error") else { return false };
    let code = error.get("code").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut changed = false;
    if breaks.has("ERR-01") {
        changed |= remove(Some(error), "reference");
    }
    if breaks.has("ERR-02") && code == "not_found" {
        *status = StatusCode::BAD_REQUEST;
        changed = true;
    }
    if breaks.has("ERR-03") && code == "invalid_request" {
        changed |= remove(error.get_mut("details"), "parameter");
    }
    if breaks.has("WINDOW-01") && code == "reply_window_closed" {
        changed |= remove(error.get_mut("details"), "reply_by");
    }
    if REFUSALS.iter().any(|(id, refused)| breaks.has(id) && code == *refused) {
        error["code"] = Value::from("facebook_error");
        *status = StatusCode::BAD_GATEWAY;
        changed = true;
    }
    changed
}

/// SEND-IDEMPOTENT-02 and UPLOAD-IDEMPOTENT-02 broken: a request that found no repeat waits
/// before it stores, as a backend without a unique key does between its check and its insert.
/// Requests with the same id that overlap meanwhile each store one, under an id of their own; a
/// repeat that comes after the first was stored is still found.
pub async fn race(id: String) -> String {
    static IN_FLIGHT: Mutex<Vec<String>> = Mutex::new(Vec::new());
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let in_flight = || IN_FLIGHT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    in_flight().push(id.clone());
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let mut in_flight = in_flight();
    let overlapped = in_flight.iter().filter(|other| **other == id).count() > 1;
    let at = in_flight.iter().position(|other| *other == id).expect("pushed above");
    in_flight.swap_remove(at);
    if overlapped {
        format!("{id}~{}", NEXT.fetch_add(1, Ordering::Relaxed))
    } else {
        id
    }
}

/// OAUTH-FLOW-0n broken: the flow's failure comes back under another code than its own.
pub fn mistyped_flow_error(breaks: &Breaks, code: ErrorCode) -> ErrorCode {
    let broken = match code {
        ErrorCode::InstallCancelled => breaks.has("OAUTH-FLOW-01"),
        ErrorCode::MissingPermissions => breaks.has("OAUTH-FLOW-02"),
        ErrorCode::FacebookError => breaks.has("OAUTH-FLOW-03"),
        _ => false,
    };
    match (broken, code) {
        (false, code) => code,
        (true, ErrorCode::FacebookError) => ErrorCode::Internal,
        (true, _) => ErrorCode::FacebookError,
    }
}

impl World {
    /// Whether the conversation holds a message sent under this `client_message_id`.
    pub fn has_client_message(&self, id: &ConversationId, client_message_id: &ClientMessageId) -> bool {
        self.by_id.get(id).is_some_and(|&i| {
            self.conversations[i].messages.iter().any(|m| m.client_message_id.as_ref() == Some(client_message_id))
        })
    }

    /// READ-02 broken: the user's mark is dropped, so the next one may be older.
    pub(crate) fn forget_read_mark(&mut self, user: &PersonId, id: &ConversationId) {
        if let Some(&i) = self.by_id.get(id) {
            self.conversations[i].read_marks.retain(|(u, _)| u != user);
            self.reindex(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_musts_parse_and_unknown_ids_are_refused() {
        assert_eq!(Breaks::parse("CSRF-01, SEND-IDEMPOTENT-02").unwrap().0, ["CSRF-01", "SEND-IDEMPOTENT-02"]);
        assert!(Breaks::parse("").unwrap().is_empty());
        assert!(Breaks::parse("TIME-02").unwrap_err().contains("SHOULD"));
        assert!(Breaks::parse("CSRF-99").unwrap_err().contains("no requirement"));
    }

    #[test]
    fn a_refusal_break_answers_an_untyped_error_with_its_status() {
        let breaks = Breaks::parse("REFUSAL-06").unwrap();
        let mut status = StatusCode::TOO_MANY_REQUESTS;
        let mut body = serde_json::json!({"error": {"code": "rate_limited", "message": "", "reference": "R"}});
        assert!(edit(&breaks, "/api/conversations/ken/messages", &mut status, &mut body));
        assert_eq!((status, &body["error"]["code"]), (StatusCode::BAD_GATEWAY, &Value::from("facebook_error")));
        let mut other = serde_json::json!({"error": {"code": "token_expired", "message": "", "reference": "R"}});
        assert!(!edit(&breaks, "/api/conversations/ken/messages", &mut status, &mut other));
    }
}
