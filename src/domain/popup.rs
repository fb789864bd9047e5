//! Which `postMessage` the wizard accepts: the exact origin, the window it opened, and its `state`.

/// What the completion route posts to its opener, as the opener reads it.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct PopupMessage {
    /// Tells our messages from anyone else's.
    pub kind: String,
    pub state: String,
    /// An `outcome` this version cannot read (newer, or without its fields) is `Unknown`: the
    /// message is then ignored and the wizard asks the server instead.
    pub result: contract::InstallResult,
}

pub const MESSAGE_KIND: &str = "msg-ui/oauth-result";

/// The message the popup posts: the server's answer passed on as it came, so the app never
/// writes an `InstallResult` (its serializer would be in the wasm only for this; see
/// docs/performance.md). `None` if `result` is not JSON.
pub fn outgoing(state: &str, result: &str) -> Option<String> {
    #[derive(serde::Serialize)]
    struct Outgoing<'a> {
        kind: &'a str,
        state: &'a str,
        result: &'a serde_json::value::RawValue,
    }
    let result: &serde_json::value::RawValue = serde_json::from_str(result).ok()?;
    serde_json::to_string(&Outgoing { kind: MESSAGE_KIND, state, result }).ok()
}

/// What a waiting wizard answers on the app's channel when it takes a result handed over there
/// for `state`, so the window that handed it over can close. A plain string: it carries
/// nothing to read.
pub fn taken(state: &str) -> String {
    format!("msg-ui/oauth-taken {state}")
}

/// Everything about a message event that decides whether to trust it.
pub struct Received<'a> {
    pub origin: &'a str,
    /// The event's `source` is the very window the wizard opened.
    pub from_our_popup: bool,
    pub data: &'a str,
}

/// The message, if it passes every check; anything else is ignored, never an error.
pub fn accept(received: &Received, our_origin: &str, expected_state: &str) -> Option<PopupMessage> {
    if received.origin != our_origin || !received.from_our_popup {
        return None;
    }
    let message: PopupMessage = serde_json::from_str(received.data).ok()?;
    let readable = message.result != contract::InstallResult::Unknown;
    (readable && message.kind == MESSAGE_KIND && message.state == expected_state).then_some(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(state: &str) -> String {
        outgoing(state, r#"{"outcome": "pending"}"#).unwrap()
    }

    #[test]
    fn the_popup_passes_the_servers_answer_on_as_it_came() {
        let server =
            r#"{"outcome": "choose_page", "granted_permissions": ["pages_messaging"], "pages": [], "later": 1}"#;
        let data = outgoing("st", server).unwrap();
        let r = Received { origin: "o", from_our_popup: true, data: &data };
        let message = accept(&r, "o", "st").unwrap();
        assert_eq!(message.kind, MESSAGE_KIND);
        assert!(matches!(message.result, contract::InstallResult::ChoosePage { ref pages, .. } if pages.is_empty()));
        assert!(data.contains(r#""later": 1"#), "not rewritten: {data}");
        assert_eq!(outgoing("st", "<html>"), None, "an answer that is not JSON is not posted");
    }

    #[test]
    fn accepts_only_our_origin_our_window_and_our_state() {
        let good = data("st");
        let ok = Received { origin: "https://crm.example", from_our_popup: true, data: &good };
        assert!(accept(&ok, "https://crm.example", "st").is_some());

        let other_origin = Received { origin: "https://crm.example.evil", ..ok };
        assert!(accept(&other_origin, "https://crm.example", "st").is_none());
        let other_window = Received { origin: "https://crm.example", from_our_popup: false, data: &good };
        assert!(accept(&other_window, "https://crm.example", "st").is_none());
        let ok = Received { origin: "https://crm.example", from_our_popup: true, data: &good };
        assert!(accept(&ok, "https://crm.example", "another-state").is_none());
    }

    #[test]
    fn junk_and_foreign_messages_are_ignored() {
        for junk in ["", "null", "{\"kind\": \"something-else\", \"state\": \"st\", \"result\": {}}", "[1,2]"] {
            let r = Received { origin: "o", from_our_popup: true, data: junk };
            assert!(accept(&r, "o", "st").is_none(), "{junk}");
        }
    }

    #[test]
    fn an_outcome_it_cannot_read_newer_or_broken_is_ignored() {
        for unreadable in [
            r#"{"kind": "msg-ui/oauth-result", "state": "st", "result": {"outcome": "needs_2fa"}}"#,
            r#"{"kind": "msg-ui/oauth-result", "state": "st", "result": {"outcome": "choose_page"}}"#,
        ] {
            let r = Received { origin: "o", from_our_popup: true, data: unreadable };
            assert!(accept(&r, "o", "st").is_none(), "the wizard asks the server instead: {unreadable}");
        }
    }

    #[test]
    fn a_result_handed_over_is_answered_for_its_own_state_only() {
        assert_eq!(taken("st_1"), "msg-ui/oauth-taken st_1");
        assert_ne!(taken("st_1"), taken("st_12"));
        assert_ne!(taken("st_1"), data("st_1"), "a result is no answer");
    }
}
