//! Fuzzing the decoders (natively). Generated JSON documents, and valid documents mutated
//! (truncated, bytes changed, values swapped for others), go into every contract type the app
//! decodes, the popup's message and a stored outbox entry. None may panic: each decodes or is
//! a typed error. What decodes must survive its own round trip, and a stored entry is always
//! read back within bounds.
//!
//! `cargo test --test fuzz` runs `FUZZ_CASES` (default 1,000) of each of the three strategies;
//! `scripts/fuzz` runs 50,000 of each: 150,000 documents.
#![cfg(not(target_arch = "wasm32"))]

use contract::*;
use msg_ui::domain::outbox::{self, OutboxState, MAX_RETRY_WAIT_MS};
use msg_ui::domain::popup::{self, PopupMessage};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

const NOW: EpochMs = 1_800_000_000_000;

fn config() -> Config {
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1_000);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Names the decoders look for, so generated objects reach past the first missing field.
const KEYS: &[&str] = &[
    "state",
    "status",
    "outcome",
    "type",
    "at",
    "reason",
    "id",
    "name",
    "email",
    "user",
    "role",
    "company",
    "admins",
    "csrf_token",
    "installed_by",
    "installed_at",
    "visibility",
    "granted_permissions",
    "pages",
    "can_manage",
    "health",
    "missing",
    "since",
    "appeal_url",
    "settings_url",
    "availability",
    "admin",
    "company_name",
    "installation",
    "error",
    "code",
    "message",
    "reference",
    "details",
    "server_time",
    "cursor",
    "reset",
    "events",
    "conversation",
    "conversation_id",
    "message_id",
    "messages",
    "has_more",
    "customer",
    "last_message",
    "reply_window",
    "reply_by",
    "open",
    "last_inbound_at",
    "seq",
    "direction",
    "text",
    "created_at",
    "client_message_id",
    "sent_by",
    "attempts",
    "kind",
    "result",
    "retry_at",
    "rate_limited",
    "queued",
    "sending",
    "failed",
    "check",
    "fix",
    "detail",
    "authorize_url",
    "expires_at",
    "page",
    "page_tasks",
    "can_grant",
    "missing_permissions",
    "restriction",
    "attachments",
    "size",
    "mime_type",
    "width",
    "height",
    "like",
    "title",
    "coordinates",
    "lat",
    "long",
    "url",
    "reaction",
    "edited_at",
    "cannot_receive_since",
    "owner_app",
    "taken_from",
    "app",
    "missing_fields",
    "default_app",
    "last_message_at",
    "unread",
    "search_hit",
    "snippet",
    "next_cursor",
    "counts",
    "awaiting_reply",
    "parameter",
];

/// Values the decoders branch on, and the extremes of every number type.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![Just(i64::MAX), Just(i64::MIN), Just(0), Just(-1), Just(NOW)].prop_map(Value::from),
        prop_oneof![Just(u64::MAX), Just(u64::from(u32::MAX)), Just(u64::from(u32::MAX) + 1)].prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(KEYS).prop_map(Value::from),
        prop::sample::select(
            &[
                "installed",
                "not_installed",
                "installed_privately_by_other_admin",
                "healthy",
                "restricted",
                "permissions_missing",
                "token_expired",
                "app_removed",
                "connectable",
                "pending",
                "choose_page",
                "completed",
                "sent",
                "delivered",
                "read",
                "admin",
                "regular",
                "shared",
                "private",
                "inbound",
                "outbound",
                "pages_messaging",
                "internal",
                "csrf_token_invalid",
                "reply_window_closed",
                "msg-ui/oauth-result",
                "page_restricted",
                "pass",
                "fail",
                "skipped",
                "MANAGE",
                "MESSAGING",
                "read_mark",
                "awaiting_reply",
                "other_app",
                "cannot_receive",
            ][..]
        )
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    let key = prop_oneof![4 => prop::sample::select(KEYS).prop_map(str::to_owned), 1 => ".{0,6}"];
    leaf().prop_recursive(5, 96, 10, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..10).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Valid documents of each shape, as the dev backend sends them.
fn seeds() -> Vec<Value> {
    let haruto = json!({"id": "u-haruto", "name": "Haruto Sato", "email": "haruto@example.com"});
    let page = json!({"id": "p-1", "name": "Sakura Trading Official", "settings_url": "https://www.facebook.com/p-1",
        "last_message_at": 7, "health": {"status": "restricted", "reason": "spam", "since": 5, "appeal_url": "https://www.facebook.com/appeal"}});
    let installation = json!({"installed_by": haruto, "installed_at": 1, "visibility": "shared",
        "granted_permissions": ["pages_messaging", "pages_show_list"], "pages": [page], "can_manage": true,
        "server_time": NOW});
    let attachments = json!([
        {"id": "a-1", "kind": "image", "name": "shelf.png", "size": 342, "mime_type": "image/png", "width": 160, "height": 96},
        {"id": "a-2", "kind": "video", "mime_type": "video/webm", "size": 4618},
        {"id": "a-3", "kind": "audio", "mime_type": "audio/wav"},
        {"id": "a-4", "kind": "file", "name": "<img src=x onerror=alert(1)>.pdf", "size": 182_000},
        {"id": "a-5", "kind": "sticker", "like": true},
        {"id": "a-6", "kind": "location", "title": "Sakura Outlet", "coordinates": {"lat": 35.6595, "long": 139.7005}},
        {"id": "a-7", "kind": "fallback", "title": "Catalogue", "url": "javascript:alert(1)"},
        {"id": "a-8", "kind": "hologram"},
        {"id": 9, "kind": "image", "width": "wide"},
    ]);
    let message = json!({"id": "m-1", "seq": 3, "client_message_id": "c-1", "direction": "outbound", "text": "Hello",
        "attachments": attachments, "sent_by": haruto, "created_at": 10, "reaction": "❤️", "edited_at": 11,
        "status": {"state": "failed", "reason": "thread_owned_by_other_app"}});
    let summary = json!({"id": "ken", "customer": {"id": "cust-ken", "name": "Ken Watanabe"}, "last_message": message,
        "reply_window": {"last_inbound_at": 1, "reply_by": 2, "open": true}, "cannot_receive_since": 3,
        "owner_app": {"id": "app-1", "name": "ShopBot"}, "taken_from": {"id": "263902037430900", "name": "Inbox"}});
    let mut paged = summary.clone();
    paged["unread"] = json!(2);
    paged["search_hit"] = json!({"seq": 3, "snippet": "…配送状況を教えて<b>ください</b>…"});
    let error = json!({"code": "missing_permissions", "message": "m", "reference": "REF-1",
        "details": {"missing_permissions": ["pages_messaging"], "person": haruto, "retry_after_seconds": 4_000_000_000u64,
            "page": {"id": "p-1", "name": "Sakura"}, "reply_by": 9,
            "restriction": {"reason": "spam", "since": 5, "appeal_url": "u"}, "app": {"id": "app-1", "name": "ShopBot"}}});
    let mut installed = installation.clone();
    installed["state"] = json!("installed");
    vec![
        json!({"user": haruto, "role": "admin", "company": {"id": "c-sakura", "name": "Sakura Trading"},
            "admins": [haruto], "csrf_token": "t"}),
        installed,
        json!({"state": "installed_privately_by_other_admin", "installed_by": haruto, "installed_at": 1}),
        json!({"state": "not_installed"}),
        json!({"state": "x", "authorize_url": "https://www.facebook.com/dialog/oauth?x=1", "expires_at": 9}),
        json!({"outcome": "choose_page", "granted_permissions": ["pages_messaging"], "pages": [
            {"id": "p-1", "name": "A", "settings_url": "u", "availability": {"status": "connected_privately_by_other_admin", "admin": haruto}},
            {"id": "p-2", "name": "B", "settings_url": "u", "availability": {"status": "connected_to_other_company", "company_name": "K"}}]}),
        json!({"outcome": "completed", "installation": installation}),
        json!({"outcome": "failed", "error": error}),
        json!({"kind": "msg-ui/oauth-result", "state": "s", "result": {"outcome": "pending"}}),
        json!({"check": "page_role", "status": "fail", "fix": "ask_for_page_admin_role", "detail": "d",
            "page": {"id": "p-1", "name": "Sakura"}, "page_tasks": ["MESSAGING", "NEW_TASK"], "can_grant": [haruto],
            "missing_permissions": ["pages_messaging"], "restriction": {"reason": "spam", "since": 5, "appeal_url": "u"}}),
        json!({"server_time": NOW, "conversations": [summary], "cursor": 4}),
        json!({"server_time": NOW, "conversation": summary, "messages": [message], "has_more": false, "cursor": 4}),
        json!({"server_time": NOW, "cursor": 5, "reset": false, "events": [
            {"type": "message", "conversation_id": "ken", "message": message},
            {"type": "message_deleted", "conversation_id": "ken", "message_id": "m-1"},
            {"type": "conversation", "conversation": summary}, {"type": "integration"}]}),
        json!({"error": error}),
        json!({"client_message_id": "c-1", "conversation_id": "ken", "text": "hi", "created_at": NOW,
            "attempts": 2, "state": {"retry_at": {"at": NOW + 5, "rate_limited": true}}}),
        json!({"client_message_id": "c-2", "conversation_id": "ken", "text": "hi", "created_at": 1,
            "attempts": 0, "state": {"failed": {"reason": "reply_window_closed"}}}),
        json!({"check": "receives_conversations", "status": "fail", "fix": "change_conversation_routing",
            "page": {"id": "p-1", "name": "Sakura"}, "default_app": {"id": "app-1", "name": "ShopBot"},
            "missing_fields": ["messages", "messaging_handovers"]}),
        json!({"error": {"code": "thread_owned_by_other_app", "message": "m", "reference": "REF-2",
            "details": {"app": {"id": "app-1", "name": "ShopBot"}}}}),
        // 18: a page of the list with a search hit, the next page's cursor and the badges.
        json!({"server_time": NOW, "conversations": [paged], "cursor": 4, "next_cursor": "1000001a0b8fd3db800000097",
            "counts": {"awaiting_reply": 12, "unread": 3}}),
        // 19: a read mark, to this user's other tabs.
        json!({"server_time": NOW, "cursor": 6, "events": [
            {"type": "read_mark", "conversation_id": "ken", "seq": 3, "unread": 0}, {"type": "conversation", "conversation": paged}]}),
        // 20: the answer of POST .../read, and a refused query parameter.
        json!({"conversation_id": "ken", "seq": 3, "unread": 2}),
        json!({"error": {"code": "invalid_request", "message": "m", "reference": "REF-3", "details": {"parameter": "cursor"}}}),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    Truncate(usize),
    SetByte(usize, u8),
    Remove(usize),
    Insert(usize, &'static str),
    Replace { path: Vec<usize>, with: Value },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::SetByte(at, b)),
        any::<usize>().prop_map(Mutation::Remove),
        (
            any::<usize>(),
            prop::sample::select(&["{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "-", "\\u0000", "\\ud800"][..])
        )
            .prop_map(|(at, s)| Mutation::Insert(at, s)),
        (prop::collection::vec(any::<usize>(), 1..4), document())
            .prop_map(|(path, with)| Mutation::Replace { path, with }),
    ]
}

/// Swaps the value found by walking `path` (indices into objects' and arrays' children).
fn replace(value: &mut Value, path: &[usize], with: Value) {
    let Some((&first, rest)) = path.split_first() else {
        *value = with;
        return;
    };
    let child = match value {
        Value::Object(map) if !map.is_empty() => {
            let n = map.len();
            map.values_mut().nth(first % n)
        }
        Value::Array(items) if !items.is_empty() => {
            let n = items.len();
            items.get_mut(first % n)
        }
        _ => None,
    };
    match child {
        Some(child) => replace(child, rest, with),
        None => *value = with,
    }
}

fn mutate(seed: &Value, mutations: &[Mutation]) -> Vec<u8> {
    let mut value = seed.clone();
    let mut bytes = Vec::new();
    for m in mutations {
        if let Mutation::Replace { path, with } = m {
            replace(&mut value, path, with.clone());
        }
    }
    bytes.extend(serde_json::to_vec(&value).expect("a Value serializes"));
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Truncate(at) => bytes.truncate(at % len),
            Mutation::SetByte(at, b) if !bytes.is_empty() => bytes[at % len] = *b,
            Mutation::Remove(at) if !bytes.is_empty() => {
                bytes.remove(at % len);
            }
            Mutation::Insert(at, s) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, s.bytes());
            }
            _ => {}
        }
    }
    bytes
}

/// Decodes as the app does (`serde_json::from_str` on the response text); what decodes must
/// encode and decode to itself.
fn decodes<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(text: &str) {
    if let Ok(value) = serde_json::from_str::<T>(text) {
        let again: T = serde_json::from_str(&serde_json::to_string(&value).expect("encodes"))
            .unwrap_or_else(|e| panic!("{} does not read its own encoding: {e}\n{text}", std::any::type_name::<T>()));
        assert_eq!(again, value, "{text}");
    }
}

fn every_decoder(bytes: &[u8]) {
    // The browser hands the app text, never bytes: a response that is not UTF-8 is replaced.
    let text = String::from_utf8_lossy(bytes);
    decodes::<Me>(&text);
    decodes::<IntegrationState>(&text);
    decodes::<Installation>(&text);
    decodes::<InstallStart>(&text);
    decodes::<InstallResult>(&text);
    decodes::<CheckResult>(&text);
    decodes::<ConversationList>(&text);
    decodes::<ConversationDetail>(&text);
    decodes::<Message>(&text);
    decodes::<ConversationSummary>(&text);
    decodes::<Updates>(&text);
    decodes::<ErrorBody>(&text);
    decodes::<ReadMark>(&text);
    decodes::<InboxCounts>(&text);
    decodes::<SearchHit>(&text);
    if let Ok(message) = serde_json::from_str::<PopupMessage>(&text) {
        // What the popup posts is the server's answer as it came: the wizard reads it back whole.
        let result = serde_json::to_string(&message.result).expect("encodes");
        let posted = popup::outgoing(&message.state, &result).expect("JSON in, JSON out");
        let again: PopupMessage = serde_json::from_str(&posted).expect("reads what the popup posts");
        assert_eq!(again, PopupMessage { kind: popup::MESSAGE_KIND.into(), ..message }, "{text}");
    }
    if let Some(item) = outbox::parse(&text, NOW) {
        assert!(item.created_at <= NOW, "{text}");
        assert!(item.attempts <= 1_000, "{text}");
        assert_ne!(item.state, OutboxState::Sending, "{text}");
        if let OutboxState::RetryAt { at, .. } = item.state {
            assert!(at <= NOW + MAX_RETRY_WAIT_MS, "{text}");
        }
    }
}

/// Every shape a stored outbox entry can take, with any numbers: what a script on the page
/// could write into `localStorage`.
fn stored_entry() -> impl Strategy<Value = Value> {
    let state = prop_oneof![
        Just(json!("queued")),
        Just(json!("sending")),
        (any::<i64>(), any::<bool>())
            .prop_map(|(at, rate_limited)| json!({"retry_at": {"at": at, "rate_limited": rate_limited}})),
        prop::sample::select(&["reply_window_closed", "page_restricted", "token_expired", "unknown", "new_reason"][..])
            .prop_map(|reason| json!({"failed": {"reason": reason}})),
    ];
    (any::<i64>(), any::<u32>(), state, ".{0,8}").prop_map(|(created_at, attempts, state, text)| {
        json!({"client_message_id": "c-1", "conversation_id": "ken", "text": text, "created_at": created_at,
            "attempts": attempts, "state": state})
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn stored_entries_are_read_within_bounds(entry in stored_entry()) {
        every_decoder(&serde_json::to_vec(&entry).expect("a Value serializes"));
    }

    #[test]
    fn generated_documents_decode_or_are_typed_errors(doc in document()) {
        every_decoder(&serde_json::to_vec(&doc).expect("a Value serializes"));
    }

    #[test]
    fn mutated_documents_decode_or_are_typed_errors(
        seed in prop::sample::select(seeds()),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        every_decoder(&mutate(&seed, &mutations));
    }
}

#[test]
fn every_seed_decodes_as_its_type() {
    let seeds = seeds();
    let ok = |i: usize, ok: bool| assert!(ok, "seed {i} does not decode: {}", seeds[i]);
    let s = |i: usize| seeds[i].to_string();
    ok(0, serde_json::from_str::<Me>(&s(0)).is_ok());
    for i in 1..=3 {
        ok(i, !matches!(serde_json::from_str::<IntegrationState>(&s(i)), Err(_) | Ok(IntegrationState::Unknown)));
    }
    ok(4, serde_json::from_str::<InstallStart>(&s(4)).is_ok());
    for i in 5..=7 {
        ok(i, !matches!(serde_json::from_str::<InstallResult>(&s(i)), Err(_) | Ok(InstallResult::Unknown)));
    }
    ok(8, serde_json::from_str::<PopupMessage>(&s(8)).is_ok());
    ok(9, serde_json::from_str::<CheckResult>(&s(9)).is_ok());
    ok(10, serde_json::from_str::<ConversationList>(&s(10)).is_ok());
    ok(11, serde_json::from_str::<ConversationDetail>(&s(11)).is_ok());
    // Every attachment kind reads as itself; the unknown and the malformed one as `Unknown`.
    let detail: ConversationDetail = serde_json::from_str(&s(11)).unwrap();
    let kinds: Vec<AttachmentKind> = detail.messages[0].attachments.iter().map(|a| a.kind).collect();
    use AttachmentKind::*;
    assert_eq!(kinds, [Image, Video, Audio, File, Sticker, Location, Fallback, Unknown, Unknown]);
    let updates: Updates = serde_json::from_str(&s(12)).unwrap();
    ok(12, !updates.events.contains(&UpdateEvent::Unknown));
    ok(13, serde_json::from_str::<ErrorBody>(&s(13)).is_ok());
    ok(14, outbox::parse(&s(14), NOW).is_some());
    ok(15, outbox::parse(&s(15), NOW).is_some());
    let routing: CheckResult = serde_json::from_str(&s(16)).unwrap();
    assert_eq!(routing.default_app.map(|a| a.name).as_deref(), Some("ShopBot"));
    let owned: ErrorBody = serde_json::from_str(&s(17)).unwrap();
    assert_eq!(owned.error.code, ErrorCode::ThreadOwnedByOtherApp);
    // The summary's new fields and the message's reaction and edit come through.
    let summary = &detail.conversation;
    assert_eq!(
        (summary.cannot_receive_since, summary.owner_app.as_ref().map(|a| a.name.as_str())),
        (Some(3), Some("ShopBot"))
    );
    assert_eq!((detail.messages[0].reaction.as_deref(), detail.messages[0].edited_at), (Some("❤️"), Some(11)));
    // The list's paging, badges, unread and search hit; the read mark's event and answer.
    let page: ConversationList = serde_json::from_str(&s(18)).unwrap();
    assert!(page.next_cursor.is_some());
    assert_eq!(page.counts, Some(InboxCounts { awaiting_reply: 12, unread: 3 }));
    assert_eq!((page.conversations[0].unread, page.conversations[0].search_hit.as_ref().map(|h| h.seq)), (2, Some(3)));
    let updates: Updates = serde_json::from_str(&s(19)).unwrap();
    assert_eq!(updates.events[0], UpdateEvent::ReadMark { conversation_id: "ken".into(), seq: 3, unread: 0 });
    ok(20, serde_json::from_str::<ReadMark>(&s(20)).is_ok());
    let refused: ErrorBody = serde_json::from_str(&s(21)).unwrap();
    assert_eq!(refused.error.details.parameter.as_deref(), Some("cursor"));
}
