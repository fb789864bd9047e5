//! Merging a freshly loaded page of a thread into what the browser already shows.

use contract::{EpochMs, Message, MessageStatus};

/// After this long "sent" without "delivered", hint that the customer may have blocked the Page.
/// A receipt normally comes within seconds; a phone that is merely off should not trigger it.
pub const NOT_DELIVERED_HINT_MS: EpochMs = 60 * 60 * 1000;

/// Whether a message sent at `sent_at` and still not delivered at `now` (the server's clock)
/// gets the hint that the customer may have blocked or muted the Page.
pub fn not_delivered_hint_due(sent_at: EpochMs, now: EpochMs) -> bool {
    now.saturating_sub(sent_at) > NOT_DELIVERED_HINT_MS
}

/// How far a message has got. Receipts only ever raise it, so the higher one is the newer.
fn progress(status: &MessageStatus) -> u8 {
    match status {
        MessageStatus::Sending | MessageStatus::Failed { .. } | MessageStatus::Unknown => 0,
        MessageStatus::Sent { .. } => 1,
        MessageStatus::Delivered { .. } => 2,
        MessageStatus::Read { .. } => 3,
    }
}

/// Puts the newest page (a snapshot taken when its request was answered) into `thread`.
/// Older pages loaded with "Show earlier" stay, and what arrived while the request was in
/// flight is not lost: later messages are kept, and a status never goes back.
pub fn merge_newest(thread: &mut Vec<Message>, newest: Vec<Message>) {
    let Some(first) = newest.first().map(|m| m.seq) else {
        return;
    };
    let last = newest.last().map_or(first, |m| m.seq);
    let mut merged: Vec<Message> = thread.iter().filter(|m| m.seq < first).cloned().collect();
    for mut message in newest {
        if let Some(seen) = thread.iter().find(|m| m.id == message.id) {
            if progress(&seen.status) > progress(&message.status) {
                message.status = seen.status.clone();
            }
        }
        merged.push(message);
    }
    merged.extend(thread.iter().filter(|m| m.seq > last).cloned());
    *thread = merged;
}

/// Whether the newest page's `has_more` is the thread's. It belongs to the oldest page shown, so
/// a refresh of the newest page, after "Show earlier" has added older ones, leaves it alone.
pub fn newest_page_tells_has_more(thread: &[Message], newest: &[Message]) -> bool {
    match (thread.first(), newest.first()) {
        (Some(shown), Some(page)) => shown.seq >= page.seq,
        _ => true,
    }
}

/// The message a search's hit links to: the address's `#m{seq}`.
pub fn hit_seq(hash: &str) -> Option<u64> {
    hash.strip_prefix("#m")?.parse().ok()
}

/// Whether the thread must load older pages to show the message `seq`: the oldest loaded one is
/// newer. An empty thread has nothing older to ask for.
pub fn lacks_older(thread: &[Message], seq: u64) -> bool {
    thread.first().is_some_and(|m| m.seq > seq)
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::Direction;

    #[test]
    fn the_not_delivered_hint_waits_an_hour() {
        assert!(!not_delivered_hint_due(1_000, 1_000 + NOT_DELIVERED_HINT_MS));
        assert!(not_delivered_hint_due(1_000, 1_001 + NOT_DELIVERED_HINT_MS));
        // A server clock behind the message's own time is no reason to hint.
        assert!(!not_delivered_hint_due(5_000, 1_000));
    }

    fn message(seq: u64, status: MessageStatus) -> Message {
        Message {
            id: format!("m{seq}").into(),
            seq,
            client_message_id: None,
            direction: Direction::Outbound,
            text: format!("text {seq}"),
            attachments: vec![],
            sent_by: None,
            created_at: seq as i64,
            status,
            reaction: None,
            edited_at: None,
        }
    }

    fn seqs(thread: &[Message]) -> Vec<u64> {
        thread.iter().map(|m| m.seq).collect()
    }

    #[test]
    fn a_refresh_of_the_newest_page_does_not_speak_for_older_pages_already_shown() {
        let page =
            |from: u64, to: u64| (from..=to).map(|seq| message(seq, MessageStatus::Sent { at: 0 })).collect::<Vec<_>>();
        assert!(newest_page_tells_has_more(&[], &page(251, 300)), "the first load");
        assert!(newest_page_tells_has_more(&page(251, 300), &page(251, 300)), "a refresh of what is shown");
        // The flag belongs to the oldest page shown, which a newer page does not reach.
        assert!(!newest_page_tells_has_more(&page(251, 300), &page(252, 301)), "a message came meanwhile");
        assert!(!newest_page_tells_has_more(&page(1, 300), &page(251, 300)), "Show earlier reached the first");
        assert!(newest_page_tells_has_more(&page(1, 300), &[]), "an empty answer");
    }

    #[test]
    fn a_first_load_takes_the_page_as_it_is() {
        let mut thread = Vec::new();
        merge_newest(&mut thread, vec![message(1, MessageStatus::Sending), message(2, MessageStatus::Sending)]);
        assert_eq!(seqs(&thread), [1, 2]);
    }

    #[test]
    fn earlier_pages_and_messages_that_arrived_meanwhile_are_kept() {
        let mut thread: Vec<Message> = (1..=6).map(|s| message(s, MessageStatus::Sent { at: 0 })).collect();
        merge_newest(
            &mut thread,
            vec![message(3, MessageStatus::Sent { at: 0 }), message(4, MessageStatus::Sent { at: 0 })],
        );
        assert_eq!(seqs(&thread), [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn a_status_never_goes_back_to_an_older_snapshot() {
        let mut thread =
            vec![message(1, MessageStatus::Delivered { at: 5 }), message(2, MessageStatus::Sent { at: 1 })];
        merge_newest(
            &mut thread,
            vec![message(1, MessageStatus::Sent { at: 1 }), message(2, MessageStatus::Read { at: 9 })],
        );
        assert_eq!(thread[0].status, MessageStatus::Delivered { at: 5 }, "the receipt that came first stays");
        assert_eq!(thread[1].status, MessageStatus::Read { at: 9 }, "a newer one from the server is taken");
    }

    #[test]
    fn a_message_deleted_on_the_server_goes_from_the_newest_page() {
        let mut thread = vec![
            message(1, MessageStatus::Sent { at: 0 }),
            message(2, MessageStatus::Failed { reason: contract::SendFailure::Unknown }),
            message(3, MessageStatus::Sent { at: 0 }),
        ];
        merge_newest(
            &mut thread,
            vec![message(1, MessageStatus::Sent { at: 0 }), message(3, MessageStatus::Sent { at: 0 })],
        );
        assert_eq!(seqs(&thread), [1, 3]);
    }

    #[test]
    fn an_empty_page_changes_nothing() {
        let mut thread = vec![message(1, MessageStatus::Sent { at: 0 })];
        merge_newest(&mut thread, Vec::new());
        assert_eq!(seqs(&thread), [1]);
    }

    #[test]
    fn a_hit_is_read_from_the_address_and_loads_older_pages_only_when_they_hold_it() {
        assert_eq!(hit_seq("#m42"), Some(42));
        assert_eq!(hit_seq("#m"), None);
        assert_eq!(hit_seq("#x42"), None);
        assert_eq!(hit_seq(""), None);
        let thread: Vec<Message> = (40..=60).map(|seq| message(seq, MessageStatus::Sending)).collect();
        assert!(lacks_older(&thread, 39));
        assert!(!lacks_older(&thread, 40));
        assert!(!lacks_older(&thread, 60));
        assert!(!lacks_older(&[], 1));
    }
}
