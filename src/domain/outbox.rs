//! Seed mode 8: every message goes into a persisted outbox before it is sent, and leaves it
//! only when the server has it. Transient failures retry with backoff; permanent ones wait
//! for the user.

use contract::{AttachmentId, ClientMessageId, ConversationId, EpochMs, SendFailure};
use serde::{Deserialize, Serialize};

use super::retry::{RequestKind, MAX_WAIT_MS};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// The idempotency key: reused on every attempt, so a retry never sends twice.
    pub client_message_id: ClientMessageId,
    pub conversation_id: ConversationId,
    pub text: String,
    /// Photos and files, in the order chosen. Their bytes wait in IndexedDB (`inbox::file_store`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<OutboxFile>,
    pub created_at: EpochMs,
    /// Failed attempts so far.
    pub attempts: u32,
    pub state: OutboxState,
}

/// A file of a queued message. Uploaded once, under its `client_attachment_id`; the message
/// is sent when every file is on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxFile {
    pub client_attachment_id: String,
    pub name: String,
    pub size: u64,
    pub mime_type: String,
    /// The server's id, once it has the bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded: Option<AttachmentId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting for its turn, or for the browser to be online.
    Queued,
    /// A request is in flight.
    Sending,
    /// A transient failure; try again at `at` (browser clock). Shown as pending, not failed.
    RetryAt { at: EpochMs, rate_limited: bool },
    /// Refused for a reason that retrying will not fix. Retry and Delete are the user's.
    Failed { reason: SendFailure },
}

/// The longest any retry waits, whatever the server asks (`retry_after_seconds` is a `u32`:
/// up to 136 years) or storage says: a message is never held back for longer.
pub const MAX_RETRY_WAIT_MS: EpochMs = MAX_WAIT_MS as EpochMs;

/// How an attempt ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Attempt {
    /// The server has the message (new or repeat): it leaves the outbox.
    Delivered,
    /// Network, timeout, 5xx, unreadable answer. `retry_after_ms` from the server, if it said.
    Transient {
        retry_after_ms: Option<EpochMs>,
        rate_limited: bool,
    },
    Permanent(SendFailure),
}

impl OutboxItem {
    pub fn new(
        client_message_id: ClientMessageId,
        conversation_id: ConversationId,
        text: String,
        now: EpochMs,
    ) -> Self {
        OutboxItem {
            client_message_id,
            conversation_id,
            text,
            files: Vec::new(),
            created_at: now,
            attempts: 0,
            state: OutboxState::Queued,
        }
    }

    /// Whether to send it now.
    pub fn is_due(&self, now: EpochMs) -> bool {
        match self.state {
            OutboxState::Queued => true,
            OutboxState::Sending => false,
            OutboxState::RetryAt { at, .. } => now >= at,
            OutboxState::Failed { .. } => false,
        }
    }

    /// Returns the item to keep, or `None` when it is done. `unit` is a random number in `[0, 1)`.
    pub fn after(mut self, attempt: Attempt, now: EpochMs, unit: f64) -> Option<OutboxItem> {
        match attempt {
            Attempt::Delivered => None,
            Attempt::Transient { retry_after_ms, rate_limited } => {
                let backoff = EpochMs::from(RequestKind::Outbox.wait_ms(self.attempts, unit).unwrap_or(MAX_WAIT_MS));
                self.attempts = self.attempts.saturating_add(1);
                let wait = retry_after_ms.unwrap_or(backoff).clamp(0, MAX_RETRY_WAIT_MS);
                self.state = OutboxState::RetryAt { at: now.saturating_add(wait), rate_limited };
                Some(self)
            }
            Attempt::Permanent(reason) => {
                self.attempts = self.attempts.saturating_add(1);
                self.state = OutboxState::Failed { reason };
                Some(self)
            }
        }
    }

    /// The first file the server does not have yet.
    pub fn next_upload(&self) -> Option<&OutboxFile> {
        self.files.iter().find(|f| f.uploaded.is_none())
    }

    /// The user pressed Retry on a failed message.
    pub fn retry(mut self) -> OutboxItem {
        self.state = OutboxState::Queued;
        self
    }
}

/// The next item to send. A conversation's messages go out in the order they were written:
/// one that waits for a retry holds back the later ones. A refused one does not, because
/// the user decides its fate.
pub fn next_due(items: &[OutboxItem], now: EpochMs) -> Option<&OutboxItem> {
    let mut held: Vec<&ConversationId> = Vec::new();
    for item in items {
        if held.contains(&&item.conversation_id) {
            continue;
        }
        if item.is_due(now) {
            return Some(item);
        }
        if !matches!(item.state, OutboxState::Failed { .. }) {
            held.push(&item.conversation_id);
        }
    }
    None
}

/// How long another tab's send may be in flight before this tab takes the message over
/// (that tab may have been closed mid-send). Longer than a send can take: a CSRF token
/// fetch, then the POST, each up to the 15 s request timeout.
pub const TAKEOVER_MS: EpochMs = 45_000;

/// One stored entry. Each message has its own entry, so tabs never overwrite each other's
/// queue, and a corrupt entry costs only itself. A send that was in flight when the page
/// went away is queued again: the server's idempotency makes that safe.
pub fn parse(stored: &str, now: EpochMs) -> Option<OutboxItem> {
    let mut item = clamped(serde_json::from_str(stored).ok()?, now);
    if item.state == OutboxState::Sending {
        item.state = OutboxState::Queued;
    }
    Some(item)
}

/// What storage says, within reason: any script on the page can write there. A message was
/// not written in the future, and waits at most `MAX_RETRY_WAIT_MS` from now.
fn clamped(mut item: OutboxItem, now: EpochMs) -> OutboxItem {
    item.created_at = item.created_at.min(now);
    item.attempts = item.attempts.min(MAX_STORED_ATTEMPTS);
    if let OutboxState::RetryAt { at, .. } = &mut item.state {
        *at = (*at).min(now.saturating_add(MAX_RETRY_WAIT_MS));
    }
    item
}

/// More attempts than a day of retries could make; the backoff is at its cap long before.
const MAX_STORED_ATTEMPTS: u32 = 1_000;

/// The stored entries as a queue, in the order they were written.
pub fn restore<'a>(entries: impl IntoIterator<Item = &'a str>, now: EpochMs) -> Vec<OutboxItem> {
    let mut items: Vec<OutboxItem> = entries.into_iter().filter_map(|e| parse(e, now)).collect();
    items.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.client_message_id.cmp(&b.client_message_id)));
    items
}

/// Another tab changed (`Some`) or removed (`None`) a stored entry. Returns the item as this
/// tab now holds it, if it still holds one.
pub fn merge(items: &mut Vec<OutboxItem>, id: &str, stored: Option<&str>, now: EpochMs) -> Option<OutboxItem> {
    let Some(stored) = stored else {
        items.retain(|i| i.client_message_id != id);
        return None;
    };
    let Ok(item) = serde_json::from_str::<OutboxItem>(stored) else {
        return items.iter().find(|i| i.client_message_id == id).cloned();
    };
    let mut item = clamped(item, now);
    if item.state == OutboxState::Sending {
        item.state = OutboxState::RetryAt { at: now + TAKEOVER_MS, rate_limited: false };
    }
    match items.iter_mut().find(|i| i.client_message_id == item.client_message_id) {
        Some(mine) => *mine = item.clone(),
        None => {
            let at = items.partition_point(|i| i.created_at <= item.created_at);
            items.insert(at, item.clone());
        }
    }
    Some(item)
}

/// Every edit the browser makes to the outbox, so the find-by-id rules live in one place.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A new message, or a retry of one the server holds as failed; ignored if already queued.
    Queue {
        client_message_id: ClientMessageId,
        conversation_id: ConversationId,
        text: String,
        files: Vec<OutboxFile>,
        now: EpochMs,
    },
    /// The server has one of its files.
    Uploaded { client_message_id: ClientMessageId, client_attachment_id: String, attachment_id: AttachmentId },
    /// The user asks to send a refused or waiting message again now.
    Retry { client_message_id: ClientMessageId },
    /// A request for it is in flight.
    Sending { client_message_id: ClientMessageId },
    /// An attempt ended: the item as it is now, or `None` when it has left the outbox.
    Settle { client_message_id: ClientMessageId, next: Option<OutboxItem> },
    /// The user deleted it.
    Remove { client_message_id: ClientMessageId },
}

/// Applies one action; the loops and components only dispatch.
pub fn reduce(items: &mut Vec<OutboxItem>, action: Action) {
    let find =
        |items: &mut Vec<OutboxItem>, id: &ClientMessageId| items.iter().position(|i| &i.client_message_id == id);
    match action {
        Action::Queue { client_message_id, conversation_id, text, files, now } => {
            if find(items, &client_message_id).is_none() {
                // Strictly increasing, so the order written survives a reload even within one millisecond.
                let now = items.iter().map(|i| i.created_at.saturating_add(1)).fold(now, EpochMs::max);
                items.push(OutboxItem { files, ..OutboxItem::new(client_message_id, conversation_id, text, now) });
            }
        }
        Action::Uploaded { client_message_id, client_attachment_id, attachment_id } => {
            if let Some(at) = find(items, &client_message_id) {
                let file = items[at].files.iter_mut().find(|f| f.client_attachment_id == client_attachment_id);
                if let Some(file) = file {
                    file.uploaded = Some(attachment_id);
                }
            }
        }
        Action::Retry { client_message_id } => {
            if let Some(at) = find(items, &client_message_id) {
                items[at] = items[at].clone().retry();
            }
        }
        Action::Sending { client_message_id } => {
            if let Some(at) = find(items, &client_message_id) {
                items[at].state = OutboxState::Sending;
            }
        }
        Action::Settle { client_message_id, next } => match (find(items, &client_message_id), next) {
            (Some(at), Some(next)) => items[at] = next,
            (Some(at), None) => {
                items.remove(at);
            }
            (None, _) => {}
        },
        Action::Remove { client_message_id } => items.retain(|i| i.client_message_id != client_message_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> OutboxItem {
        OutboxItem::new("c-1".into(), "ken".into(), "Hello".into(), 1_000)
    }

    fn in_state(id: &str, conversation: &str, state: OutboxState) -> OutboxItem {
        OutboxItem { state, ..OutboxItem::new(id.into(), conversation.into(), id.into(), 0) }
    }

    #[test]
    fn a_waiting_message_holds_back_later_ones_in_its_conversation_only() {
        let waiting = OutboxState::RetryAt { at: 5_000, rate_limited: false };
        let items = [
            in_state("ken-1", "ken", waiting.clone()),
            in_state("ken-2", "ken", OutboxState::Queued),
            in_state("sora-1", "sora", OutboxState::Queued),
        ];
        assert_eq!(next_due(&items, 1_000).map(|i| i.client_message_id.as_str()), Some("sora-1"));
        assert_eq!(next_due(&items[..2], 1_000), None, "ken-2 must not overtake ken-1");
        assert_eq!(next_due(&items, 5_000).map(|i| i.client_message_id.as_str()), Some("ken-1"));
    }

    #[test]
    fn a_message_in_flight_holds_back_the_next_but_a_refused_one_does_not() {
        let items = [in_state("a", "ken", OutboxState::Sending), in_state("b", "ken", OutboxState::Queued)];
        assert_eq!(next_due(&items, 0), None);
        let refused = OutboxState::Failed { reason: SendFailure::RecipientUnavailable };
        let items = [in_state("a", "ken", refused), in_state("b", "ken", OutboxState::Queued)];
        assert_eq!(next_due(&items, 0).map(|i| i.client_message_id.as_str()), Some("b"));
    }

    #[test]
    fn a_new_item_is_due_and_leaves_when_delivered() {
        let i = item();
        assert!(i.is_due(0));
        assert_eq!(i.after(Attempt::Delivered, 5, 0.5), None);
    }

    #[test]
    fn transient_failures_back_off_with_full_jitter_and_stay_pending() {
        let i = item().after(Attempt::Transient { retry_after_ms: None, rate_limited: false }, 10_000, 1.0).unwrap();
        assert_eq!(i.attempts, 1);
        assert_eq!(i.state, OutboxState::RetryAt { at: 10_500, rate_limited: false });
        assert!(!i.is_due(10_499));
        assert!(i.is_due(10_500));
        let i = i.after(Attempt::Transient { retry_after_ms: None, rate_limited: false }, 20_000, 1.0).unwrap();
        assert_eq!(i.state, OutboxState::RetryAt { at: 21_000, rate_limited: false });
        let i = i.after(Attempt::Transient { retry_after_ms: None, rate_limited: false }, 30_000, 0.0).unwrap();
        assert_eq!(i.state, OutboxState::RetryAt { at: 30_000, rate_limited: false }, "full jitter may retry at once");
    }

    #[test]
    fn retry_after_from_the_server_is_respected() {
        let limited = Attempt::Transient { retry_after_ms: Some(7_000), rate_limited: true };
        let i = item().after(limited, 0, 0.0).unwrap();
        assert_eq!(i.state, OutboxState::RetryAt { at: 7_000, rate_limited: true });
    }

    #[test]
    fn permanent_failures_wait_for_the_user() {
        let i = item().after(Attempt::Permanent(SendFailure::ReplyWindowClosed), 0, 0.5).unwrap();
        assert_eq!(i.state, OutboxState::Failed { reason: SendFailure::ReplyWindowClosed });
        assert!(!i.is_due(i64::MAX));
        let i = i.retry();
        assert!(i.is_due(0));
        assert_eq!(i.client_message_id, "c-1", "the same key, so it cannot be sent twice");
    }

    #[test]
    fn no_server_answer_or_stored_value_can_jam_the_queue() {
        let now = 1_000_000;
        // A Retry-After of u32::MAX seconds (136 years) waits an hour at most.
        let asked = EpochMs::from(u32::MAX) * 1000;
        let i = item().after(Attempt::Transient { retry_after_ms: Some(asked), rate_limited: true }, now, 0.5).unwrap();
        assert_eq!(i.state, OutboxState::RetryAt { at: now + MAX_RETRY_WAIT_MS, rate_limited: true });
        let worn = OutboxItem { attempts: u32::MAX, ..item() };
        assert_eq!(
            worn.after(Attempt::Transient { retry_after_ms: None, rate_limited: false }, now, 0.5).unwrap().attempts,
            u32::MAX
        );
        let negative =
            item().after(Attempt::Transient { retry_after_ms: Some(-5), rate_limited: false }, now, 0.5).unwrap();
        assert_eq!(negative.state, OutboxState::RetryAt { at: now, rate_limited: false });

        // Written into storage by any script: far-future retry, absurd counts, a created_at of i64::MAX.
        let hostile = OutboxItem {
            created_at: i64::MAX,
            attempts: u32::MAX,
            state: OutboxState::RetryAt { at: i64::MAX, rate_limited: false },
            ..item()
        };
        let read = parse(&serde_json::to_string(&hostile).unwrap(), now).unwrap();
        assert_eq!(read.created_at, now);
        assert!(read.attempts <= 1_000);
        assert_eq!(read.state, OutboxState::RetryAt { at: now + MAX_RETRY_WAIT_MS, rate_limited: false });
        // So the conversation's later message goes out within the hour, not in 136 years.
        let later = OutboxItem { client_message_id: "c-9".into(), created_at: now, ..item() };
        let mut items = restore(
            [serde_json::to_string(&hostile).unwrap(), serde_json::to_string(&later).unwrap()]
                .iter()
                .map(String::as_str),
            now,
        );
        assert!(next_due(&items, now + MAX_RETRY_WAIT_MS).is_some());
        let merged = merge(&mut items, "c-1", Some(&serde_json::to_string(&hostile).unwrap()), now).unwrap();
        assert_eq!(merged.state, OutboxState::RetryAt { at: now + MAX_RETRY_WAIT_MS, rate_limited: false });
    }

    #[test]
    fn an_interrupted_send_is_resent_after_a_reload_only() {
        let i = in_state("c-1", "ken", OutboxState::Sending);
        assert!(!i.is_due(0), "another attempt is in flight");
        let restored = parse(&serde_json::to_string(&i).unwrap(), 10_000).unwrap();
        assert_eq!(restored.state, OutboxState::Queued);
        assert!(restored.is_due(0));
    }

    #[test]
    fn stored_outbox_survives_corruption_item_by_item() {
        let later = OutboxItem { created_at: 2_000, ..in_state("c-2", "ken", OutboxState::Queued) };
        let entries =
            [serde_json::to_string(&later).unwrap(), "not json".into(), serde_json::to_string(&item()).unwrap()];
        assert_eq!(restore(entries.iter().map(String::as_str), 10_000), vec![item(), later], "in the order written");
    }

    #[test]
    fn another_tabs_changes_are_merged_in_order_and_its_removals_applied() {
        let mut items = vec![item()];
        let earlier = OutboxItem { created_at: 500, ..in_state("c-0", "ken", OutboxState::Queued) };
        merge(&mut items, "c-0", Some(&serde_json::to_string(&earlier).unwrap()), 10_000);
        assert_eq!(items, vec![earlier.clone(), item()]);
        let sending = in_state("c-1", "ken", OutboxState::Sending);
        let held = merge(&mut items, "c-1", Some(&serde_json::to_string(&sending).unwrap()), 7_000).unwrap();
        assert_eq!(
            held.state,
            OutboxState::RetryAt { at: 7_000 + TAKEOVER_MS, rate_limited: false },
            "taken over if that tab dies"
        );
        assert_eq!(merge(&mut items, "c-1", None, 0), None);
        assert_eq!(items, vec![earlier.clone()]);
        assert_eq!(
            merge(&mut items, "c-0", Some("{broken"), 0),
            Some(earlier.clone()),
            "an unreadable entry changes nothing"
        );
        assert_eq!(items, vec![earlier]);
    }

    #[test]
    fn the_reducer_queues_once_in_order_and_settles_by_id() {
        let queue = |id: &str, now| Action::Queue {
            client_message_id: id.into(),
            conversation_id: "ken".into(),
            text: id.into(),
            files: Vec::new(),
            now,
        };
        let mut items = Vec::new();
        reduce(&mut items, queue("a", 100));
        reduce(&mut items, queue("b", 100));
        reduce(&mut items, queue("a", 300));
        assert_eq!(
            items.iter().map(|i| (i.client_message_id.as_str(), i.created_at)).collect::<Vec<_>>(),
            [("a", 100), ("b", 101)]
        );

        reduce(&mut items, Action::Sending { client_message_id: "a".into() });
        assert_eq!(items[0].state, OutboxState::Sending);
        let failed = OutboxItem { state: OutboxState::Failed { reason: SendFailure::Unknown }, ..items[0].clone() };
        reduce(&mut items, Action::Settle { client_message_id: "a".into(), next: Some(failed) });
        assert!(matches!(items[0].state, OutboxState::Failed { .. }));
        reduce(&mut items, Action::Retry { client_message_id: "a".into() });
        assert_eq!(items[0].state, OutboxState::Queued);
        reduce(&mut items, Action::Settle { client_message_id: "a".into(), next: None });
        reduce(&mut items, Action::Settle { client_message_id: "gone".into(), next: None });
        assert_eq!(items.len(), 1);
        reduce(&mut items, Action::Remove { client_message_id: "b".into() });
        assert!(items.is_empty());
    }

    #[test]
    fn a_file_is_marked_uploaded_once_and_the_next_one_is_due() {
        let file = |id: &str| OutboxFile {
            client_attachment_id: id.into(),
            name: format!("{id}.png"),
            size: 10,
            mime_type: "image/png".into(),
            uploaded: None,
        };
        let mut items = Vec::new();
        let queue = Action::Queue {
            client_message_id: "c-1".into(),
            conversation_id: "ken".into(),
            text: String::new(),
            files: vec![file("f1"), file("f2")],
            now: 5,
        };
        reduce(&mut items, queue);
        assert_eq!(items[0].next_upload().map(|f| f.client_attachment_id.as_str()), Some("f1"));
        let uploaded = |id: &str| Action::Uploaded {
            client_message_id: "c-1".into(),
            client_attachment_id: id.into(),
            attachment_id: format!("att-{id}").into(),
        };
        reduce(&mut items, uploaded("f1"));
        assert_eq!(items[0].next_upload().map(|f| f.client_attachment_id.as_str()), Some("f2"));
        reduce(&mut items, uploaded("f2"));
        assert_eq!(items[0].next_upload(), None);
        // Stored and read back with its files; an entry from before files existed still reads.
        let stored = serde_json::to_string(&items[0]).unwrap();
        assert_eq!(parse(&stored, 10).unwrap().files, items[0].files);
        let old = r#"{"client_message_id":"c","conversation_id":"ken","text":"hi","created_at":1,"attempts":0,"state":"queued"}"#;
        assert!(parse(old, 10).unwrap().files.is_empty());
    }
}
