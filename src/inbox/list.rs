//! The list's pages: a query's first page, the next one as the agent scrolls, the badges, and
//! this user's read marks. Each answer is for the query it was asked for: one that comes after
//! the agent asked for another is dropped.

use contract::{ConversationId, ConversationList, InboxCounts};
use leptos::prelude::*;

use super::state::Inbox;
use crate::api::{Api, HttpError};
use crate::domain::conversation_list::{ListQuery, Listed};

/// The list as the server answered `query`'s first page.
pub(super) fn first_page(query: ListQuery, list: ConversationList) -> Listed {
    Listed { counts: list.counts, ..Listed::first(query, list.conversations, list.next_cursor) }
}

/// Shows `query`'s conversations: its first page replaces the rows when it comes.
pub fn show(api: Api, inbox: Inbox, query: ListQuery) {
    inbox.asked.set(query.clone());
    inbox.list_failed.set(false);
    inbox.list_loading.set(true);
    leptos::task::spawn_local(async move {
        let answer = api.conversations(&query.request(None)).await;
        if inbox.asked.try_with_untracked(|asked| asked != &query).unwrap_or(true) {
            return;
        }
        inbox.list_loading.try_set(false);
        match answer {
            Ok(list) => {
                inbox.sync_clock(list.server_time);
                inbox.conversations.try_set(Some(Ok(first_page(query, list))));
            }
            Err(_) => {
                inbox.list_failed.try_set(true);
            }
        }
    });
}

/// The next page of the rows shown, unless one is on its way or none is left.
pub fn more(api: Api, inbox: Inbox) {
    if inbox.list_loading.get_untracked() {
        return;
    }
    let next = inbox.with_listed_untracked(|list| {
        let list = list?;
        list.next_cursor.clone().map(|cursor| (list.query.clone(), cursor))
    });
    let Some((query, cursor)) = next else { return };
    inbox.list_failed.set(false);
    inbox.list_loading.set(true);
    leptos::task::spawn_local(async move {
        let answer = api.conversations(&query.request(Some(cursor.clone()))).await;
        inbox.list_loading.try_set(false);
        match answer {
            Ok(page) => {
                inbox.conversations.try_update(|list| {
                    if let Some(Ok(list)) = list.as_mut().filter(|l| l.as_ref().is_ok_and(|l| l.query == query)) {
                        list.append(page.conversations, cursor, page.next_cursor);
                        list.counts = page.counts.or(list.counts);
                    }
                });
            }
            Err(_) => {
                inbox.list_failed.try_set(true);
            }
        }
    });
}

/// The page let go just above the rows shown, asked for again as the agent scrolls up to it.
/// `shifted` hears how many rows more (or fewer) it brought than were counted when it was let
/// go, so the rows on screen can stay where they are.
pub fn earlier(api: Api, inbox: Inbox, shifted: impl FnOnce(isize) + 'static) {
    if inbox.list_loading.get_untracked() {
        return;
    }
    let mut taken = None;
    inbox.conversations.update_untracked(|list| {
        if let Some(Ok(list)) = list {
            taken = list.take_nearest_above().map(|page| (list.query.clone(), page));
        }
    });
    let Some((query, page)) = taken else { return };
    inbox.list_failed.set(false);
    inbox.list_loading.set(true);
    leptos::task::spawn_local(async move {
        let answer = api.conversations(&query.request(page.cursor.clone())).await;
        inbox.list_loading.try_set(false);
        // None: another query's rows are shown by now.
        let mut outcome = None;
        inbox.conversations.try_update(|list| {
            let Some(Ok(list)) = list.as_mut().filter(|l| l.as_ref().is_ok_and(|l| l.query == query)) else { return };
            outcome = Some(match answer {
                Ok(answer) => {
                    list.counts = answer.counts.or(list.counts);
                    Ok(list.prepend(page, answer.conversations))
                }
                // Let go again: Try again, or the next scroll up, asks again.
                Err(_) => {
                    list.above.push(page);
                    Err(())
                }
            });
        });
        match outcome {
            Some(Ok(shift)) => shifted(shift),
            Some(Err(())) => {
                inbox.list_failed.try_set(true);
            }
            None => {}
        }
    });
}

/// The badges, as the server counted them over the whole inbox (an updates answer or a read
/// mark's carries them): the browser holds only a page of it.
pub(super) fn counted(inbox: Inbox, counts: Option<InboxCounts>) {
    let Some(counts) = counts else { return };
    inbox.conversations.try_update(|list| {
        if let Some(Ok(list)) = list {
            list.counts = Some(counts);
        }
    });
}

/// This user has seen the thread up to `seq`: the server moves their mark (never back), and
/// their other tabs hear it. Each mark is asked once.
pub fn mark_read(api: Api, inbox: Inbox, conversation: ConversationId, seq: u64) {
    let asked = inbox.marked.try_update_value(|marked| match marked.iter_mut().find(|(c, _)| c == &conversation) {
        Some((_, before)) if *before >= seq => false,
        Some((_, before)) => {
            *before = seq;
            true
        }
        None => {
            marked.push((conversation.clone(), seq));
            true
        }
    });
    if asked != Some(true) {
        return;
    }
    leptos::task::spawn_local(async move {
        let answer: Result<contract::ReadMark, HttpError> = api.mark_read(&conversation, seq).await;
        match answer {
            Ok(mark) => {
                inbox.read(mark.conversation_id, mark.unread);
                counted(inbox, mark.counts);
            }
            // Asked again when the thread next shows a message.
            Err(_) => {
                inbox.marked.try_update_value(|marked| marked.retain(|(c, _)| c != &conversation));
            }
        }
    });
}
