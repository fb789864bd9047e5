//! The conversations as the browser holds them: the list and the loaded threads. Every change
//! (a server event, a send's answer, a deleted failure) is a [`Change`] through [`reduce`], so
//! the rules of merging live here and are tested natively; `inbox` only dispatches.

use std::collections::HashMap;

use contract::{ClientMessageId, ConversationId, ConversationSummary, EpochMs, Message, MessageId, UpdateEvent};

pub use super::conversation_list::Listed;

/// Loaded threads by conversation id, each oldest first.
pub type Threads = HashMap<ConversationId, Vec<Message>>;

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A new message, or a new state of one (receipts, failures), in full.
    Message { conversation_id: ConversationId, message: Message },
    /// Gone on the server.
    MessageDeleted { conversation_id: ConversationId, message_id: MessageId },
    /// The user deleted a failed message of theirs.
    FailedDeleted { conversation_id: ConversationId, client_message_id: ClientMessageId },
    /// A conversation's summary, the reply window included: it goes where its activity and the
    /// list's query put it (`Listed::place`).
    Conversation(ConversationSummary),
    /// This user's read mark moved (here or in another tab): the conversation's unread count.
    Read { conversation_id: ConversationId, unread: u32 },
}

impl Change {
    /// The server's event as a change; `None` for the ones that are not about conversations.
    pub fn from_event(event: UpdateEvent) -> Option<Change> {
        match event {
            UpdateEvent::Message { conversation_id, message } => Some(Change::Message { conversation_id, message }),
            UpdateEvent::MessageDeleted { conversation_id, message_id } => {
                Some(Change::MessageDeleted { conversation_id, message_id })
            }
            UpdateEvent::Conversation { conversation } => Some(Change::Conversation(conversation)),
            UpdateEvent::ReadMark { conversation_id, unread, .. } => Some(Change::Read { conversation_id, unread }),
            UpdateEvent::Integration | UpdateEvent::Unknown => None,
        }
    }
}

/// Applies one change at the server's time `now`. `list` is `None` until the list has loaded;
/// `opened` holds the summaries of conversations opened outside it (a deep link, a row the
/// filter hides), kept current alike. A thread not loaded yet is left alone (it will load whole).
pub fn reduce(
    mut list: Option<&mut Listed>,
    opened: &mut [ConversationSummary],
    threads: &mut Threads,
    change: Change,
    now: EpochMs,
) {
    match change {
        Change::Message { conversation_id, message } => {
            let listed = list.as_mut().and_then(|l| l.rows.iter_mut().find(|c| c.id == conversation_id));
            for c in listed.into_iter().chain(find(opened, &conversation_id)) {
                if c.last_message.as_ref().is_none_or(|m| m.seq <= message.seq) {
                    c.last_message = Some(message.clone());
                }
            }
            if let Some(thread) = threads.get_mut(&conversation_id) {
                match thread.iter().position(|m| m.id == message.id) {
                    Some(i) => thread[i] = message,
                    None => {
                        let at = thread.partition_point(|m| m.seq < message.seq);
                        thread.insert(at, message);
                    }
                }
            }
        }
        Change::MessageDeleted { conversation_id, message_id } => {
            if let Some(thread) = threads.get_mut(&conversation_id) {
                thread.retain(|m| m.id != message_id);
            }
        }
        Change::FailedDeleted { conversation_id, client_message_id } => {
            if let Some(thread) = threads.get_mut(&conversation_id) {
                thread.retain(|m| m.client_message_id.as_ref() != Some(&client_message_id));
            }
        }
        Change::Conversation(conversation) => {
            if let Some(c) = find(opened, &conversation.id) {
                *c = conversation.clone();
            }
            if let Some(list) = list {
                list.place(conversation, now);
            }
        }
        Change::Read { conversation_id, unread } => {
            if let Some(c) = find(opened, &conversation_id) {
                c.unread = unread;
            }
            if let Some(list) = list {
                list.read(&conversation_id, unread, now);
            }
        }
    }
}

fn find<'a>(summaries: &'a mut [ConversationSummary], id: &ConversationId) -> Option<&'a mut ConversationSummary> {
    summaries.iter_mut().find(|c| &c.id == id)
}

#[cfg(test)]
mod tests {
    use contract::{Customer, Direction, MessageStatus, ReplyWindow};

    use super::*;

    fn message(id: &str, seq: u64) -> Message {
        Message {
            id: id.into(),
            seq,
            client_message_id: Some(format!("c-{id}").into()),
            direction: Direction::Outbound,
            text: id.into(),
            attachments: vec![],
            sent_by: None,
            created_at: 0,
            status: MessageStatus::Sending,
            reaction: None,
            edited_at: None,
        }
    }

    fn summary(id: &str, last: Option<Message>) -> ConversationSummary {
        ConversationSummary {
            id: id.into(),
            customer: Customer { id: id.into(), name: id.into() },
            page: None,
            last_message: last,
            reply_window: ReplyWindow { last_inbound_at: None, reply_by: None, open: false },
            cannot_receive_since: None,
            owner_app: None,
            taken_from: None,
            unread: 0,
            search_hit: None,
        }
    }

    fn listed(rows: Vec<ConversationSummary>) -> Listed {
        Listed { rows, ..Listed::default() }
    }

    fn ids(thread: &[Message]) -> Vec<&str> {
        thread.iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn a_message_lands_in_order_replaces_its_older_state_and_never_moves_the_preview_back() {
        let mut list = listed(vec![summary("ken", Some(message("m3", 3)))]);
        let mut threads = Threads::from([("ken".into(), vec![message("m1", 1), message("m3", 3)])]);
        let change = |message| Change::Message { conversation_id: "ken".into(), message };
        reduce(Some(&mut list), &mut [], &mut threads, change(message("m2", 2)), 0);
        assert_eq!(ids(&threads["ken"]), ["m1", "m2", "m3"]);
        assert_eq!(list.rows[0].last_message.as_ref().unwrap().id, "m3");

        let delivered = Message { status: MessageStatus::Delivered { at: 5 }, ..message("m3", 3) };
        reduce(Some(&mut list), &mut [], &mut threads, change(delivered.clone()), 0);
        assert_eq!(threads["ken"][2], delivered);
        assert_eq!(list.rows[0].last_message.as_ref(), Some(&delivered));

        // Not loaded yet: left to load whole.
        reduce(
            None,
            &mut [],
            &mut threads,
            Change::Message { conversation_id: "mina".into(), message: message("x", 1) },
            0,
        );
        assert!(!threads.contains_key("mina"));
    }

    #[test]
    fn deletions_and_new_conversations() {
        let mut list = listed(vec![summary("ken", None)]);
        let mut threads = Threads::from([("ken".into(), vec![message("m1", 1), message("m2", 2)])]);
        reduce(
            Some(&mut list),
            &mut [],
            &mut threads,
            Change::MessageDeleted { conversation_id: "ken".into(), message_id: "m1".into() },
            0,
        );
        reduce(
            Some(&mut list),
            &mut [],
            &mut threads,
            Change::FailedDeleted { conversation_id: "ken".into(), client_message_id: "c-m2".into() },
            0,
        );
        assert!(threads["ken"].is_empty());

        reduce(Some(&mut list), &mut [], &mut threads, Change::Conversation(summary("hana", None)), 0);
        let mut newer = message("m9", 9);
        newer.created_at = 9;
        reduce(Some(&mut list), &mut [], &mut threads, Change::Conversation(summary("ken", Some(newer))), 0);
        assert_eq!(list.rows.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["ken", "hana"]);
        assert_eq!(list.rows[0].last_message.as_ref().unwrap().id, "m9");
        reduce(Some(&mut list), &mut [], &mut threads, Change::Read { conversation_id: "ken".into(), unread: 3 }, 0);
        assert_eq!(list.rows[0].unread, 3);
        assert_eq!(Change::from_event(UpdateEvent::Integration), None);
    }

    #[test]
    fn a_conversation_opened_outside_the_list_is_kept_current_too() {
        // A deep link far down: the list does not hold it, the thread's answer named it.
        let mut list = listed(vec![summary("ken", None)]);
        let mut opened = vec![summary("mina", Some(message("m1", 1)))];
        let mut threads = Threads::new();
        let to_mina = |message| Change::Message { conversation_id: "mina".into(), message };
        reduce(Some(&mut list), &mut opened, &mut threads, to_mina(message("m2", 2)), 0);
        assert_eq!(opened[0].last_message.as_ref().unwrap().id, "m2");
        // An older state of a message never takes the newer one's place.
        reduce(Some(&mut list), &mut opened, &mut threads, to_mina(message("m1", 1)), 0);
        assert_eq!(opened[0].last_message.as_ref().unwrap().id, "m2");
        reduce(None, &mut opened, &mut threads, Change::Read { conversation_id: "mina".into(), unread: 4 }, 0);
        assert_eq!(opened[0].unread, 4);
        let mut taken = summary("mina", Some(message("m3", 3)));
        taken.unread = 0;
        reduce(Some(&mut list), &mut opened, &mut threads, Change::Conversation(taken.clone()), 0);
        assert_eq!(opened[0], taken);
        assert_eq!(list.rows.len(), 2, "a new message puts it in the list as well");
    }
}
