//! Conversations with customers, sending, and updates.
//!
//! The list, a thread and updates carry `server_time` in the body (every response also has the
//! `X-Server-Time` header): the app does reply-window arithmetic on the server's clock, never
//! on the browser's.

use serde::{Deserialize, Serialize};

use crate::{ClientMessageId, ConversationId, EpochMs, MessageId, Person};

/// How long after the customer's last message the Page may still reply (the HUMAN_AGENT tag).
pub const REPLY_WINDOW_MS: EpochMs = 7 * 24 * 60 * 60 * 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Customer {
    pub id: String,
    pub name: String,
}

/// Seed mode 7: replies are allowed until `reply_by`; a new customer message moves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyWindow {
    /// The customer's last message; `None` if they never wrote.
    pub last_inbound_at: Option<EpochMs>,
    pub reply_by: Option<EpochMs>,
    /// As of the response's `server_time`.
    pub open: bool,
}

impl ReplyWindow {
    /// The window as of `now`, from the customer's last message.
    pub fn at(last_inbound_at: Option<EpochMs>, now: EpochMs) -> ReplyWindow {
        let reply_by = last_inbound_at.map(|t| t + REPLY_WINDOW_MS);
        ReplyWindow { last_inbound_at, reply_by, open: reply_by.is_some_and(|by| now < by) }
    }
}

/// Another Messenger app of a Page (a chatbot, Meta's Page Inbox), as Conversation Routing names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessengerApp {
    /// Facebook's app id.
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationSummary {
    pub id: ConversationId,
    pub customer: Customer,
    /// The Facebook Page the customer wrote to; replies go out through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<crate::PageRef>,
    pub last_message: Option<Message>,
    pub reply_window: ReplyWindow,
    /// Facebook refused a send because the customer cannot receive messages (Graph error 551
    /// or 200), first at this time. Facebook does not say why. Cleared when the customer
    /// writes again or a later send is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cannot_receive_since: Option<EpochMs>,
    /// Conversation Routing: another app owns the thread, so sends are refused until this app
    /// takes it over (`POST .../take-control`). `None`: this app owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_app: Option<MessengerApp>,
    /// This app took the thread over from that app; `POST .../pass-control` hands it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_from: Option<MessengerApp>,
    /// The customer's messages after this user's read mark (`POST .../read`): each agent has
    /// their own. 0 from a server that does not count.
    #[serde(default)]
    pub unread: u32,
    /// With `q`: the newest message that matches, when one does (a match on the customer's
    /// name alone has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_hit: Option<SearchHit>,
}

/// A message that matched the list's `q`: open the thread at `seq` and mark it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub seq: u64,
    /// Plain text around the match, at most [`SNIPPET_CHARS`] characters; `…` marks a cut.
    pub snippet: String,
}

/// The longest [`SearchHit::snippet`], in characters (Unicode scalar values).
pub const SNIPPET_CHARS: usize = 80;
/// Rows in a page of the list when `limit` is absent.
pub const DEFAULT_LIST_LIMIT: u32 = 50;
/// Most rows in a page of the list; a larger `limit` is answered with this many.
pub const MAX_LIST_LIMIT: u32 = 200;

/// `filter` of `GET /api/conversations`. The client sends it and the server refuses a name it
/// does not know (`400 invalid_request`, `details.parameter` = `filter`), so there is no
/// catch-all here: the server never sends one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConversationFilter {
    #[default]
    All,
    /// The customer wrote last (a failed send does not count as an answer) and the reply
    /// window is open.
    AwaitingReply,
    /// `unread` > 0 for this user.
    Unread,
    /// Facebook refused a send as `recipient_unavailable` (`cannot_receive_since`).
    CannotReceive,
    /// Another app owns the thread (`owner_app`).
    OtherApp,
}

impl ConversationFilter {
    pub const ALL: [ConversationFilter; 5] = [
        ConversationFilter::All,
        ConversationFilter::AwaitingReply,
        ConversationFilter::Unread,
        ConversationFilter::CannotReceive,
        ConversationFilter::OtherApp,
    ];

    /// The query parameter's value.
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationFilter::All => "all",
            ConversationFilter::AwaitingReply => "awaiting_reply",
            ConversationFilter::Unread => "unread",
            ConversationFilter::CannotReceive => "cannot_receive",
            ConversationFilter::OtherApp => "other_app",
        }
    }

    pub fn parse(value: &str) -> Option<ConversationFilter> {
        ConversationFilter::ALL.into_iter().find(|f| f.as_str() == value)
    }
}

/// The query of `GET /api/conversations`; every field may be absent (the first 50 of all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConversationListQuery {
    /// 1 to [`MAX_LIST_LIMIT`]; default [`DEFAULT_LIST_LIMIT`].
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page, as it came.
    pub cursor: Option<String>,
    pub filter: ConversationFilter,
    /// Only this Page's conversations.
    pub page: Option<crate::PageId>,
    /// Search the customer's name and the messages' text.
    pub q: Option<String>,
}

impl ConversationListQuery {
    /// `?limit=…&cursor=…`, percent-encoded, without the defaults; empty when all are.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(cursor) = &self.cursor {
            pairs.push(("cursor", cursor.clone()));
        }
        if self.filter != ConversationFilter::All {
            pairs.push(("filter", self.filter.as_str().into()));
        }
        if let Some(page) = &self.page {
            pairs.push(("page", page.as_str().into()));
        }
        if let Some(q) = self.q.as_deref().filter(|q| !q.trim().is_empty()) {
            pairs.push(("q", q.into()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect();
        format!("?{}", encoded.join("&"))
    }
}

/// RFC 3986 unreserved characters stay; every other byte of the UTF-8 is `%XX`.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The filters' badges, over every conversation this user sees (all connected Pages, whatever
/// `filter`, `page` and `q` say), so the host's badge is right whatever the agent looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxCounts {
    /// Conversations `filter=awaiting_reply` lists.
    pub awaiting_reply: u32,
    /// Conversations with `unread` > 0 for this user.
    pub unread: u32,
}

/// `POST /api/conversations/{id}/read`: this user has read the thread up to `seq`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkReadRequest {
    pub seq: u64,
}

/// This user's read mark of a conversation: the answer of `POST .../read`, and the
/// `read_mark` event to this user's other tabs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadMark {
    pub conversation_id: ConversationId,
    /// Never goes back: a smaller `seq` than the mark leaves it where it is.
    pub seq: u64,
    /// [`ConversationSummary::unread`] after the mark.
    pub unread: u32,
    /// The badges after the mark (the POST's answer; the event has none): the client needs no
    /// second request for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<InboxCounts>,
}

/// `GET /api/conversations?limit=&cursor=&filter=&page=&q=`: one page, newest activity first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationList {
    pub server_time: EpochMs,
    pub conversations: Vec<ConversationSummary>,
    /// The `since` cursor for `GET /api/updates` that follows this snapshot.
    pub cursor: u64,
    /// Opaque: pass it as `cursor` for the next page. Absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// The filters' badges. Absent from a server that does not count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<InboxCounts>,
}

/// `GET /api/conversations/{id}?before=&limit=`: the newest `limit` messages before `before`, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversationDetail {
    pub server_time: EpochMs,
    pub conversation: ConversationSummary,
    pub messages: Vec<Message>,
    /// Older messages exist; ask again with `before` = the first message's `seq`.
    pub has_more: bool,
    /// The `since` cursor for `GET /api/updates` that follows this snapshot.
    pub cursor: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the customer.
    Inbound,
    /// From the Page, written by an agent.
    Outbound,
    #[serde(other)]
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: MessageId,
    /// Position in the conversation, increasing.
    pub seq: u64,
    /// The sender's idempotency key, for outbound messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_message_id: Option<ClientMessageId>,
    pub direction: Direction,
    /// User-supplied text: render it as text, never as HTML. May be empty when there are attachments.
    pub text: String,
    /// In the order sent. An attachment this app cannot read is `Unknown`, never an error.
    #[serde(default, deserialize_with = "crate::attachments::lenient", skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::Attachment>,
    /// The agent who wrote an outbound message: agents share the inbox and see who answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_by: Option<Person>,
    pub created_at: EpochMs,
    pub status: MessageStatus,
    /// The customer's reaction to this message, the emoji as Facebook sends it
    /// (`message_reactions`); `None` when they have none, or took it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<String>,
    /// The customer edited the message at this time (`message_edits`); `text` is the new text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<EpochMs>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "state", rename_all = "snake_case", from = "MessageStatusWire")]
pub enum MessageStatus {
    Sending,
    /// Facebook accepted it. A blocked customer's messages stay here (seed mode 5).
    Sent {
        at: EpochMs,
    },
    Delivered {
        at: EpochMs,
    },
    Read {
        at: EpochMs,
    },
    Failed {
        reason: SendFailure,
    },
    #[serde(other)]
    Unknown,
}

/// `MessageStatus` as read: the same JSON through a flat record, not serde's buffered path
/// for internally tagged enums (see `docs/performance.md`). A state without its field is
/// `Unknown`, like a state this version does not know.
#[derive(Deserialize)]
struct MessageStatusWire {
    state: String,
    at: Option<EpochMs>,
    reason: Option<SendFailure>,
}

impl From<MessageStatusWire> for MessageStatus {
    fn from(w: MessageStatusWire) -> Self {
        match (w.state.as_str(), w.at, w.reason) {
            ("sending", ..) => MessageStatus::Sending,
            ("sent", Some(at), _) => MessageStatus::Sent { at },
            ("delivered", Some(at), _) => MessageStatus::Delivered { at },
            ("read", Some(at), _) => MessageStatus::Read { at },
            ("failed", _, Some(reason)) => MessageStatus::Failed { reason },
            _ => MessageStatus::Unknown,
        }
    }
}

/// Why Facebook refused a message (Send API error codes in parentheses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SendFailure {
    /// (10 / 2018278) outside the allowed window.
    ReplyWindowClosed,
    /// (368) the Page is restricted for policy violations.
    PageRestricted,
    /// (190) the Page's token is invalid or expired.
    TokenExpired,
    /// (551 / 1545041) this person isn't available right now.
    RecipientUnavailable,
    /// (10, 200–299) a permission is missing or was removed.
    PermissionMissing,
    /// (100) "Upload attachment failure": Facebook refused an attachment.
    AttachmentRefused,
    /// (10 / 2018300-like) another app owns the thread (Conversation Routing); take it over first.
    ThreadOwnedByOtherApp,
    #[serde(other)]
    Unknown,
}

impl SendFailure {
    /// The error code the send endpoint answers with for this failure.
    pub fn error_code(self) -> crate::ErrorCode {
        use crate::ErrorCode;
        match self {
            SendFailure::ReplyWindowClosed => ErrorCode::ReplyWindowClosed,
            SendFailure::PageRestricted => ErrorCode::PageRestricted,
            SendFailure::TokenExpired => ErrorCode::TokenExpired,
            SendFailure::RecipientUnavailable => ErrorCode::RecipientUnavailable,
            SendFailure::PermissionMissing => ErrorCode::MissingPermissions,
            SendFailure::AttachmentRefused => ErrorCode::AttachmentRefused,
            SendFailure::ThreadOwnedByOtherApp => ErrorCode::ThreadOwnedByOtherApp,
            SendFailure::Unknown => ErrorCode::Unknown,
        }
    }
}

/// The longest text a message may have, in characters (Unicode scalar values): Messenger's
/// limit. The composer counts down to it, and the backend refuses a longer one.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// `POST /api/conversations/{id}/messages`. Repeating a `client_message_id` never sends twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendMessageRequest {
    /// Generated by the client before the first attempt, and reused on every retry.
    pub client_message_id: ClientMessageId,
    /// At most [`MAX_TEXT_CHARS`] characters; may be empty when `attachment_ids` are given.
    pub text: String,
    /// Up to [`crate::MAX_ATTACHMENTS`], each uploaded first with `POST /api/attachments`, in
    /// the order they are shown. The backend sends them as Facebook takes them (one a call);
    /// the message has one status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment_ids: Vec<crate::AttachmentId>,
}

/// `GET /api/updates?since=&wait=`: a long poll. Answers at once if anything is newer than
/// `since`, otherwise after up to `wait` seconds with no events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Updates {
    pub server_time: EpochMs,
    /// Pass it as `since` next time.
    pub cursor: u64,
    /// `since` is older than the server remembers (or from before a reset): refetch everything.
    #[serde(default)]
    pub reset: bool,
    pub events: Vec<UpdateEvent>,
    /// The list's badges (as `GET /api/conversations` counts them) when `events` are about
    /// conversations: the client keeps them right without asking for the list again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<InboxCounts>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", from = "UpdateEventWire")]
pub enum UpdateEvent {
    /// A new message, or a new state of one (receipts, failures), in full.
    Message { conversation_id: ConversationId, message: Message },
    /// A message was deleted.
    MessageDeleted { conversation_id: ConversationId, message_id: MessageId },
    /// The conversation's summary changed, the reply window included.
    Conversation { conversation: ConversationSummary },
    /// The integration changed (a Page restricted, a token expired): refetch it.
    Integration,
    /// This user's read mark moved (in another tab, or this one; a send of theirs moves it
    /// too): only this user hears it.
    ReadMark { conversation_id: ConversationId, seq: u64, unread: u32 },
    #[serde(other)]
    Unknown,
}

/// `UpdateEvent` as read: a flat record, not serde's buffered internally tagged path (see
/// `docs/performance.md`). A type without its fields is `Unknown`.
#[derive(Deserialize)]
struct UpdateEventWire {
    #[serde(rename = "type")]
    kind: String,
    conversation_id: Option<ConversationId>,
    message: Option<Message>,
    message_id: Option<MessageId>,
    conversation: Option<ConversationSummary>,
    seq: Option<u64>,
    unread: Option<u32>,
}

impl From<UpdateEventWire> for UpdateEvent {
    fn from(w: UpdateEventWire) -> Self {
        if let ("read_mark", Some(conversation_id), Some(seq), Some(unread)) =
            (w.kind.as_str(), w.conversation_id.clone(), w.seq, w.unread)
        {
            return UpdateEvent::ReadMark { conversation_id, seq, unread };
        }
        match (w.kind.as_str(), w.conversation_id, w.message, w.message_id, w.conversation) {
            ("message", Some(conversation_id), Some(message), ..) => UpdateEvent::Message { conversation_id, message },
            ("message_deleted", Some(conversation_id), _, Some(message_id), _) => {
                UpdateEvent::MessageDeleted { conversation_id, message_id }
            }
            ("conversation", .., Some(conversation)) => UpdateEvent::Conversation { conversation },
            ("integration", ..) => UpdateEvent::Integration,
            _ => UpdateEvent::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::round_trip;
    use serde_json::json;

    const DAY: EpochMs = 24 * 60 * 60 * 1000;

    #[test]
    fn window_is_open_until_exactly_seven_days() {
        let last = 1_000;
        assert!(ReplyWindow::at(Some(last), last + 7 * DAY - 1).open);
        assert!(!ReplyWindow::at(Some(last), last + 7 * DAY).open);
        assert_eq!(ReplyWindow::at(Some(last), 0).reply_by, Some(last + 7 * DAY));
        assert!(!ReplyWindow::at(None, 5).open);
    }

    #[test]
    fn message_status_shapes() {
        round_trip(&MessageStatus::Sending, json!({"state": "sending"}));
        round_trip(&MessageStatus::Delivered { at: 3 }, json!({"state": "delivered", "at": 3}));
        round_trip(
            &MessageStatus::Failed { reason: SendFailure::RecipientUnavailable },
            json!({"state": "failed", "reason": "recipient_unavailable"}),
        );
    }

    #[test]
    fn unknown_status_event_and_reason_parse() {
        assert_eq!(
            serde_json::from_value::<MessageStatus>(json!({"state": "echoed"})).unwrap(),
            MessageStatus::Unknown
        );
        assert_eq!(
            serde_json::from_value::<UpdateEvent>(json!({"type": "typing", "who": 1})).unwrap(),
            UpdateEvent::Unknown
        );
        let status: MessageStatus =
            serde_json::from_value(json!({"state": "failed", "reason": "new_graph_code"})).unwrap();
        assert_eq!(status, MessageStatus::Failed { reason: SendFailure::Unknown });
    }

    #[test]
    fn message_round_trips() {
        let m = Message {
            id: "m1".into(),
            seq: 4,
            client_message_id: Some("c1".into()),
            direction: Direction::Outbound,
            text: "<script>x</script>".into(),
            attachments: vec![],
            sent_by: Some(Person { id: "u-aiko".into(), name: "Aiko Tanaka".into(), email: None }),
            created_at: 10,
            status: MessageStatus::Sent { at: 11 },
            reaction: None,
            edited_at: None,
        };
        round_trip(
            &m,
            json!({"id": "m1", "seq": 4, "client_message_id": "c1", "direction": "outbound",
                   "text": "<script>x</script>", "sent_by": {"id": "u-aiko", "name": "Aiko Tanaka"},
                   "created_at": 10, "status": {"state": "sent", "at": 11}}),
        );
    }

    #[test]
    fn reactions_edits_and_thread_owners_have_their_shapes() {
        let m: Message = serde_json::from_value(json!({"id": "m2", "seq": 5, "direction": "inbound",
            "text": "See you at 4", "created_at": 10, "status": {"state": "delivered", "at": 10},
            "reaction": "❤️", "edited_at": 12}))
        .unwrap();
        assert_eq!((m.reaction.as_deref(), m.edited_at), (Some("❤️"), Some(12)));
        let shopbot = MessengerApp { id: "app-shopbot".into(), name: "ShopBot".into() };
        let summary = ConversationSummary {
            id: "c1".into(),
            customer: Customer { id: "cust-1".into(), name: "Ken Watanabe".into() },
            page: None,
            last_message: None,
            reply_window: ReplyWindow::at(None, 0),
            cannot_receive_since: Some(7),
            owner_app: Some(shopbot.clone()),
            taken_from: None,
            unread: 0,
            search_hit: None,
        };
        round_trip(
            &summary,
            json!({"id": "c1", "customer": {"id": "cust-1", "name": "Ken Watanabe"}, "last_message": null,
                   "reply_window": {"last_inbound_at": null, "reply_by": null, "open": false},
                   "cannot_receive_since": 7, "owner_app": {"id": "app-shopbot", "name": "ShopBot"}, "unread": 0}),
        );
    }

    fn summary_json() -> serde_json::Value {
        json!({"id": "ken", "customer": {"id": "cust-ken", "name": "Ken Watanabe"}, "last_message": null,
               "reply_window": {"last_inbound_at": null, "reply_by": null, "open": false}})
    }

    #[test]
    fn an_old_servers_list_and_summary_still_read() {
        // No `unread`, `search_hit`, `next_cursor` or `counts`: the shapes before paging.
        let list: ConversationList =
            serde_json::from_value(json!({"server_time": 5, "conversations": [summary_json()], "cursor": 3})).unwrap();
        assert_eq!((list.next_cursor, list.counts), (None, None));
        assert_eq!((list.conversations[0].unread, &list.conversations[0].search_hit), (0, &None));
    }

    #[test]
    fn a_page_with_a_search_hit_has_its_shape() {
        let mut summary: ConversationSummary = serde_json::from_value(summary_json()).unwrap();
        summary.unread = 2;
        summary.search_hit = Some(SearchHit { seq: 41, snippet: "…配送状況を教えて…".into() });
        let list = ConversationList {
            server_time: 5,
            conversations: vec![summary],
            cursor: 3,
            next_cursor: Some("01abc".into()),
            counts: Some(InboxCounts { awaiting_reply: 12, unread: 3 }),
        };
        let mut row = summary_json();
        row["unread"] = json!(2);
        row["search_hit"] = json!({"seq": 41, "snippet": "…配送状況を教えて…"});
        round_trip(
            &list,
            json!({"server_time": 5, "conversations": [row], "cursor": 3, "next_cursor": "01abc",
                   "counts": {"awaiting_reply": 12, "unread": 3}}),
        );
    }

    #[test]
    fn the_read_mark_event_and_request_have_their_shapes() {
        round_trip(
            &UpdateEvent::ReadMark { conversation_id: "ken".into(), seq: 9, unread: 1 },
            json!({"type": "read_mark", "conversation_id": "ken", "seq": 9, "unread": 1}),
        );
        round_trip(&MarkReadRequest { seq: 9 }, json!({"seq": 9}));
        round_trip(
            &ReadMark { conversation_id: "ken".into(), seq: 9, unread: 0, counts: None },
            json!({"conversation_id": "ken", "seq": 9, "unread": 0}),
        );
        round_trip(
            &ReadMark {
                conversation_id: "ken".into(),
                seq: 9,
                unread: 0,
                counts: Some(InboxCounts { awaiting_reply: 2, unread: 1 }),
            },
            json!({"conversation_id": "ken", "seq": 9, "unread": 0, "counts": {"awaiting_reply": 2, "unread": 1}}),
        );
        // A read mark without its numbers is a shape this version does not know.
        let partial = json!({"type": "read_mark", "conversation_id": "ken", "seq": 9});
        assert_eq!(serde_json::from_value::<UpdateEvent>(partial).unwrap(), UpdateEvent::Unknown);
    }

    #[test]
    fn filters_parse_back_and_unknown_ones_do_not() {
        for f in ConversationFilter::ALL {
            assert_eq!(ConversationFilter::parse(f.as_str()), Some(f));
            assert_eq!(serde_json::to_value(f).unwrap(), json!(f.as_str()));
        }
        assert_eq!(ConversationFilter::parse("spam"), None);
        assert_eq!(ConversationFilter::parse("Unread"), None);
    }

    #[test]
    fn the_list_query_leaves_out_defaults_and_encodes_the_rest() {
        assert_eq!(ConversationListQuery::default().to_query_string(), "");
        let query = ConversationListQuery {
            limit: Some(100),
            cursor: Some("01ab".into()),
            filter: ConversationFilter::AwaitingReply,
            page: Some("p-sakura-outlet".into()),
            q: Some("佐藤 &x".into()),
        };
        assert_eq!(
            query.to_query_string(),
            "?limit=100&cursor=01ab&filter=awaiting_reply&page=p-sakura-outlet&q=%E4%BD%90%E8%97%A4%20%26x"
        );
        let blank = ConversationListQuery { q: Some("  ".into()), ..Default::default() };
        assert_eq!(blank.to_query_string(), "");
    }

    #[test]
    fn every_send_failure_maps_to_an_error_code() {
        for f in [
            SendFailure::ReplyWindowClosed,
            SendFailure::PageRestricted,
            SendFailure::TokenExpired,
            SendFailure::RecipientUnavailable,
            SendFailure::PermissionMissing,
            SendFailure::AttachmentRefused,
            SendFailure::ThreadOwnedByOtherApp,
        ] {
            assert_ne!(f.error_code(), crate::ErrorCode::Unknown);
        }
    }
}
