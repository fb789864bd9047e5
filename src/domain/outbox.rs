//! Seed mode 8: every message goes into a persisted outbox before it is sent, and leaves it
//! only when the server has it. Transient failures retry with backoff; permanent ones wait
//! for the user.

use contract::{EpochMs, SendFailure};
use serde::{Deserialize, Serialize};

use super::backoff::Backoff;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxItem {
    /// The idempotency key: reused on every attempt, so a retry never sends twice.
    pub client_message_id: String,
    pub conversation_id: String,
    pub text: String,
    pub created_at: EpochMs,
    /// Failed attempts so far.
    pub attempts: u32,
    pub state: OutboxState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
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
    pub fn new(client_message_id: String, conversation_id: String, text: String, now: EpochMs) -> Self {
        OutboxItem {
            client_message_id,
            conversation_id,
            text,
            created_at: now,
            attempts: 0,
            state: OutboxState::Queued,
        }
    }

    /// Whether to send it now. `Sending` items found after a reload were interrupted: send again.
    pub fn is_due(&self, now: EpochMs, after_reload: bool) -> bool {
        match self.state {
            OutboxState::Queued => true,
            OutboxState::Sending => after_reload,
            OutboxState::RetryAt { at, .. } => now >= at,
            OutboxState::Failed { .. } => false,
        }
    }

    /// Returns the item to keep, or `None` when it is done. `unit` is a random number in `[0, 1)`.
    pub fn after(mut self, attempt: Attempt, now: EpochMs, unit: f64) -> Option<OutboxItem> {
        match attempt {
            Attempt::Delivered => None,
            Attempt::Transient { retry_after_ms, rate_limited } => {
                let backoff = Backoff::DEFAULT.delay_ms(self.attempts, unit) as EpochMs;
                self.attempts += 1;
                let wait = retry_after_ms.unwrap_or(backoff);
                self.state = OutboxState::RetryAt { at: now + wait, rate_limited };
                Some(self)
            }
            Attempt::Permanent(reason) => {
                self.attempts += 1;
                self.state = OutboxState::Failed { reason };
                Some(self)
            }
        }
    }

    /// The user pressed Retry on a failed message.
    pub fn retry(mut self) -> OutboxItem {
        self.state = OutboxState::Queued;
        self
    }
}

/// The whole outbox, as stored in the browser: one JSON array.
pub fn parse(stored: &str) -> Vec<OutboxItem> {
    // A corrupt entry is dropped alone rather than losing the whole queue.
    serde_json::from_str::<Vec<serde_json::Value>>(stored)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> OutboxItem {
        OutboxItem::new("c-1".into(), "ken".into(), "Hello".into(), 1_000)
    }

    #[test]
    fn a_new_item_is_due_and_leaves_when_delivered() {
        let i = item();
        assert!(i.is_due(0, false));
        assert_eq!(i.after(Attempt::Delivered, 5, 0.5), None);
    }

    #[test]
    fn transient_failures_back_off_with_full_jitter_and_stay_pending() {
        let i = item().after(Attempt::Transient { retry_after_ms: None, rate_limited: false }, 10_000, 1.0).unwrap();
        assert_eq!(i.attempts, 1);
        assert_eq!(i.state, OutboxState::RetryAt { at: 10_500, rate_limited: false });
        assert!(!i.is_due(10_499, false));
        assert!(i.is_due(10_500, false));
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
        assert!(!i.is_due(i64::MAX, true));
        let i = i.retry();
        assert!(i.is_due(0, false));
        assert_eq!(i.client_message_id, "c-1", "the same key, so it cannot be sent twice");
    }

    #[test]
    fn an_interrupted_send_is_resent_after_a_reload_only() {
        let mut i = item();
        i.state = OutboxState::Sending;
        assert!(!i.is_due(0, false), "another attempt is in flight");
        assert!(i.is_due(0, true));
    }

    #[test]
    fn stored_outbox_survives_corruption_item_by_item() {
        let good = serde_json::to_value(item()).unwrap();
        let stored = serde_json::to_string(&vec![good, serde_json::json!({"nonsense": 1})]).unwrap();
        assert_eq!(parse(&stored), vec![item()]);
        assert!(parse("not json").is_empty());
    }
}
