//! The conversations as the browser holds them: the list and the loaded threads. Every change
//! (a server event, a send's answer, a deleted failure) is a [`Change`] through [`reduce`], so
//! the rules of merging live here and are tested natively; `inbox` only dispatches.

use std::collections::HashMap;

use contract::{ClientMessageId, ConversationId, ConversationSummary, Message, MessageId, UpdateEvent};

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
    /// A conversation's summary, the reply window included; a new one goes on top.
    Conversation(ConversationSummary),
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
            // The read mark changes only the list's unread count, which the list does not show yet.
            UpdateEvent::Integration | UpdateEvent::ReadMark { .. } | UpdateEvent::Unknown => None,
        }
    }
}

/// Applies one change. `list` is `None` until the list has loaded; a thread not loaded yet
/// is left alone (it will load whole).
pub fn reduce(list: Option<&mut Vec<ConversationSummary>>, threads: &mut Threads, change: Change) {
    match change {
        Change::Message { conversation_id, message } => {
            if let Some(c) = list.and_then(|l| l.iter_mut().find(|c| c.id == conversation_id)) {
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
            if let Some(list) = list {
                match list.iter_mut().find(|c| c.id == conversation.id) {
                    Some(c) => *c = conversation,
                    None => list.insert(0, conversation),
                }
            }
        }
    }
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

    fn ids(thread: &[Message]) -> Vec<&str> {
        thread.iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn a_message_lands_in_order_replaces_its_older_state_and_never_moves_the_preview_back() {
        let mut list = vec![summary("ken", Some(message("m3", 3)))];
        let mut threads = Threads::from([("ken".into(), vec![message("m1", 1), message("m3", 3)])]);
        let change = |message| Change::Message { conversation_id: "ken".into(), message };
        reduce(Some(&mut list), &mut threads, change(message("m2", 2)));
        assert_eq!(ids(&threads["ken"]), ["m1", "m2", "m3"]);
        assert_eq!(list[0].last_message.as_ref().unwrap().id, "m3");

        let delivered = Message { status: MessageStatus::Delivered { at: 5 }, ..message("m3", 3) };
        reduce(Some(&mut list), &mut threads, change(delivered.clone()));
        assert_eq!(threads["ken"][2], delivered);
        assert_eq!(list[0].last_message.as_ref(), Some(&delivered));

        // Not loaded yet: left to load whole.
        reduce(None, &mut threads, Change::Message { conversation_id: "mina".into(), message: message("x", 1) });
        assert!(!threads.contains_key("mina"));
    }

    #[test]
    fn deletions_and_new_conversations() {
        let mut list = vec![summary("ken", None)];
        let mut threads = Threads::from([("ken".into(), vec![message("m1", 1), message("m2", 2)])]);
        reduce(
            Some(&mut list),
            &mut threads,
            Change::MessageDeleted { conversation_id: "ken".into(), message_id: "m1".into() },
        );
        reduce(
            Some(&mut list),
            &mut threads,
            Change::FailedDeleted { conversation_id: "ken".into(), client_message_id: "c-m2".into() },
        );
        assert!(threads["ken"].is_empty());

        reduce(Some(&mut list), &mut threads, Change::Conversation(summary("hana", None)));
        reduce(Some(&mut list), &mut threads, Change::Conversation(summary("ken", Some(message("m9", 9)))));
        assert_eq!(list.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["hana", "ken"]);
        assert_eq!(list[1].last_message.as_ref().unwrap().id, "m9");
        assert_eq!(Change::from_event(UpdateEvent::Integration), None);
    }
}
