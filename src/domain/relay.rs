//! The long poll's answers, shared by one user's tabs: only the leader tab polls
//! (`inbox::leader`) and passes each answer on as it came, with the cursor it asked from. Each
//! tab holds the list as of its own cursor; [`take`] says what an answer it hears does to it.

use contract::Updates;

use super::storage_scope::StorageScope;

/// The name of the lock and of the channel that the tabs share: one per user and per API, so
/// two users of one browser, or two backends, never share a leader.
pub fn tabs_name(owner: &StorageScope, api_base: &str) -> String {
    owner.key("msg_ui_updates:", api_base)
}

/// An answer of `GET /api/updates` as the leader passes it on: `[since, answer]`, the `since`
/// it asked from and the server's JSON as it came (the app has no serializer for `Updates`, and
/// needs none; a pair reads with less wasm than a struct's fields).
pub fn relay(since: u64, answer: &str) -> String {
    format!("[{since},{answer}]")
}

/// A relayed answer, as a tab that hears it reads it.
#[derive(Debug, PartialEq)]
pub struct Relayed {
    pub since: u64,
    pub answer: Updates,
}

impl Relayed {
    /// `None` for anything else on the channel (another version's message, say): ignored.
    pub fn read(data: &str) -> Option<Relayed> {
        let (since, answer) = serde_json::from_str(data).ok()?;
        Some(Relayed { since, answer })
    }
}

/// What a tab whose list is as of `cursor` does with a relayed answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Take {
    /// Nothing newer than what the tab holds: applied, it would put older states back.
    Skip,
    /// Its events follow on from the tab's cursor, or overlap it. Each event is the whole new
    /// state of what it names, so the overlap applied again changes nothing, and the tab then
    /// holds the list as of the answer's cursor.
    Apply,
    /// The server said `reset`, or the answer starts after the tab's cursor: what came in
    /// between was never heard (the leader had it from its own list), so load everything again.
    Reload,
}

pub fn take(cursor: u64, relayed: &Relayed) -> Take {
    if relayed.answer.reset || relayed.since > cursor {
        Take::Reload
    } else if relayed.answer.cursor <= cursor {
        Take::Skip
    } else {
        Take::Apply
    }
}

#[cfg(test)]
mod tests {
    use contract::{ConversationSummary, Customer, Direction, Message, MessageStatus, ReplyWindow, UpdateEvent};

    use super::*;
    use crate::domain::conversations::{reduce, Change, Listed, Threads};

    fn answered(since: u64, cursor: u64, events: Vec<UpdateEvent>) -> Relayed {
        Relayed { since, answer: Updates { server_time: 1, cursor, reset: false, events, counts: None } }
    }

    #[test]
    fn one_name_per_user_and_per_api() {
        let haruto = StorageScope::new("c-sakura", "u-haruto");
        let name = tabs_name(&haruto, "/api");
        assert_eq!(name, "msg_ui_updates:c-sakura/u-haruto:/api");
        assert_ne!(name, tabs_name(&StorageScope::new("c-sakura", "u-aiko"), "/api"));
        assert_ne!(name, tabs_name(&haruto, "https://api.example/api"));
    }

    #[test]
    fn the_servers_answer_is_passed_on_as_it_came() {
        let answer = r#"{"server_time":7,"cursor":12,"events":[{"type":"integration"},{"type":"later"}]}"#;
        let mut expected = answered(9, 12, vec![UpdateEvent::Integration, UpdateEvent::Unknown]);
        expected.answer.server_time = 7;
        assert_eq!(Relayed::read(&relay(9, answer)), Some(expected));
        assert_eq!(Relayed::read(r#"{"kind":"something else"}"#), None);
        assert_eq!(Relayed::read(r#"[9,{"cursor":12}]"#), None);
        assert_eq!(Relayed::read("not json"), None);
    }

    #[test]
    fn a_tab_applies_what_follows_its_cursor_skips_what_it_has_and_reloads_over_a_gap() {
        // Right after its cursor, or overlapping it (it loaded its list while the leader polled).
        assert_eq!(take(10, &answered(10, 12, vec![])), Take::Apply);
        assert_eq!(take(11, &answered(10, 12, vec![])), Take::Apply);
        // Already held: an answer heard late, after this tab polled past it as the new leader.
        assert_eq!(take(12, &answered(10, 12, vec![])), Take::Skip);
        assert_eq!(take(15, &answered(10, 12, vec![])), Take::Skip);
        // A poll that timed out with nothing new.
        assert_eq!(take(12, &answered(12, 12, vec![])), Take::Skip);
        // Events 10..12 were never heard here.
        assert_eq!(take(9, &answered(12, 14, vec![])), Take::Reload);
        let mut reset = answered(9, 3, vec![]);
        reset.answer.reset = true;
        assert_eq!(take(9, &reset), Take::Reload);
    }

    fn message(status: MessageStatus) -> Message {
        Message {
            id: "m1".into(),
            seq: 1,
            client_message_id: None,
            direction: Direction::Outbound,
            text: "Your order ships today.".into(),
            attachments: vec![],
            sent_by: None,
            created_at: 0,
            status,
            reaction: None,
            edited_at: None,
        }
    }

    fn summary(last: Message, open: bool) -> ConversationSummary {
        ConversationSummary {
            id: "ken".into(),
            customer: Customer { id: "ken".into(), name: "Ken".into() },
            page: None,
            last_message: Some(last),
            reply_window: ReplyWindow { last_inbound_at: None, reply_by: None, open },
            cannot_receive_since: None,
            owner_app: None,
            taken_from: None,
            unread: 0,
            search_hit: None,
        }
    }

    /// The events of an answer applied to a list and thread, as a tab applies them.
    fn apply(list: &mut Listed, threads: &mut Threads, events: &[UpdateEvent]) {
        for event in events {
            if let Some(change) = Change::from_event(event.clone()) {
                reduce(Some(list), &mut [], threads, change, 0);
            }
        }
    }

    fn listed(rows: Vec<ConversationSummary>) -> Listed {
        Listed { rows, ..Listed::default() }
    }

    #[test]
    fn an_overlap_applied_again_leaves_the_tab_where_the_leader_is() {
        let sent = message(MessageStatus::Sent { at: 4 });
        let delivered = message(MessageStatus::Delivered { at: 5 });
        let read = message(MessageStatus::Read { at: 6 });
        let event = |m: &Message| UpdateEvent::Message { conversation_id: "ken".into(), message: m.clone() };
        // Events 11, 12 and 13; the follower's list was loaded at 12, the leader asked from 10.
        let events = vec![
            event(&delivered),
            UpdateEvent::Conversation { conversation: summary(delivered.clone(), true) },
            event(&read),
        ];
        let (mut leader_list, mut leader_threads) = (listed(vec![summary(sent.clone(), false)]), Threads::new());
        leader_threads.insert("ken".into(), vec![sent]);
        apply(&mut leader_list, &mut leader_threads, &events);

        let mut follower_list = listed(vec![summary(delivered.clone(), true)]);
        let mut follower_threads = Threads::from([("ken".into(), vec![delivered])]);
        assert_eq!(take(12, &answered(10, 13, events.clone())), Take::Apply);
        apply(&mut follower_list, &mut follower_threads, &events);
        assert_eq!((&follower_list, &follower_threads), (&leader_list, &leader_threads));
        // Heard twice (the new leader's first answer repeats the old one's last): the same.
        apply(&mut follower_list, &mut follower_threads, &events);
        assert_eq!((&follower_list, &follower_threads), (&leader_list, &leader_threads));
        assert_eq!(follower_threads["ken"][0].status, MessageStatus::Read { at: 6 });
    }
}
