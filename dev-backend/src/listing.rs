//! `GET /api/conversations` as pages, filters and searches, and each user's read marks: the
//! world's side of the inbox's index ([`crate::inbox`]).

use contract::{
    ConversationFilter, ConversationId, ConversationList, ConversationSummary, Direction, EpochMs, ErrorCode,
    InboxCounts, MessageStatus, PageId, PersonId, ReadMark, SearchHit, UpdateEvent, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT,
};
use serde::Deserialize;

use crate::failure::{ApiResult, Failure};
use crate::inbox::{self, Facts, Key, Query, TextSignature, FIELD_SEPARATOR};
use crate::world::{Conversation, World};

/// The longest `q`, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// The query string as it came: every value a string, so a wrong one is our typed `400`,
/// not the framework's.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawListQuery {
    /// 1 to 200 (default 50); more is answered with 200.
    pub limit: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `all` (default), `awaiting_reply`, `unread`, `cannot_receive` or `other_app`.
    pub filter: Option<String>,
    /// A connected Page's id: only its conversations.
    pub page: Option<String>,
    /// Searches the customer's name and the messages' text (case-insensitive).
    pub q: Option<String>,
}

/// A checked list query.
#[derive(Debug, PartialEq, Eq)]
pub struct ListRequest {
    pub limit: usize,
    pub after: Option<Key>,
    pub filter: ConversationFilter,
    pub page: Option<PageId>,
    /// Normalized ([`inbox::normalize`]); `None` when absent or blank.
    pub needle: Option<String>,
}

impl Default for ListRequest {
    fn default() -> Self {
        ListRequest {
            limit: DEFAULT_LIST_LIMIT as usize,
            after: None,
            filter: ConversationFilter::All,
            page: None,
            needle: None,
        }
    }
}

fn bad(parameter: &str, message: &str) -> Failure {
    let parameter = parameter.to_owned();
    Failure::new(ErrorCode::InvalidRequest, message).with(|d| d.parameter = Some(parameter))
}

impl ListRequest {
    /// `limit` is clamped to 1..=200; a limit that is no number, a cursor this server did not
    /// make, an unknown filter and an over-long `q` are `400 invalid_request` naming the parameter.
    pub fn parse(raw: RawListQuery) -> ApiResult<ListRequest> {
        let limit = match raw.limit.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => DEFAULT_LIST_LIMIT,
            Some(l) => l
                .parse::<u64>()
                .map_err(|_| bad("limit", "limit must be a whole number."))?
                .clamp(1, u64::from(MAX_LIST_LIMIT)) as u32,
        };
        let after = match raw.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(inbox::decode_cursor(c).ok_or_else(|| {
                bad("cursor", "The cursor is not one this server gave; start again from the first page.")
            })?),
        };
        let filter = match raw.filter.as_deref().filter(|f| !f.is_empty()) {
            None => ConversationFilter::All,
            Some(f) => ConversationFilter::parse(f).ok_or_else(|| {
                bad("filter", "filter is one of all, awaiting_reply, unread, cannot_receive, other_app.")
            })?,
        };
        let q = raw.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
        if q.is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS) {
            return Err(bad("q", "The search is at most 200 characters."));
        }
        let needle = q.map(inbox::normalize).filter(|n| !n.is_empty());
        let page = raw.page.filter(|p| !p.is_empty()).map(PageId::from);
        Ok(ListRequest { limit: limit as usize, after, filter, page, needle })
    }
}

impl Conversation {
    /// The `seq` `user` has read up to; 0 when they never opened it.
    pub fn read_mark(&self, user: &PersonId) -> u64 {
        self.read_marks.iter().find(|(u, _)| u == user).map_or(0, |(_, seq)| *seq)
    }

    /// The customer's messages after `user`'s read mark.
    pub fn unread(&self, user: &PersonId) -> u32 {
        let mark = self.read_mark(user);
        let after = self.messages.iter().rev().take_while(|m| m.seq > mark);
        after.filter(|m| m.direction == Direction::Inbound).count() as u32
    }

    /// When the customer wrote, if they wrote last: a failed send answered nobody.
    pub fn awaiting_since(&self) -> Option<EpochMs> {
        let last = self.messages.iter().rev().find(|m| !matches!(m.status, MessageStatus::Failed { .. }))?;
        (last.direction == Direction::Inbound).then_some(last.created_at)
    }

    fn text_signature(&self) -> TextSignature {
        let edited = self.messages.iter().filter_map(|m| m.edited_at).max().unwrap_or(0);
        (self.messages.len(), self.messages.last().map_or(0, |m| m.seq), edited)
    }

    /// The customer's name and every message's text, normalized, a separator between them.
    fn haystack(&self) -> String {
        let mut out = String::with_capacity(self.customer.name.len() + self.messages.len() * 40);
        inbox::normalize_into(&self.customer.name, &mut out);
        for m in &self.messages {
            out.push(FIELD_SEPARATOR);
            inbox::normalize_into(&m.text, &mut out);
        }
        out
    }
}

impl World {
    /// Tells the index what conversation `index` is now. `push_event` calls it for the
    /// conversation an event names; what changes without an event (seeding, a read mark,
    /// `/sim` history) calls it itself.
    pub fn reindex(&mut self, index: usize) {
        let c = &self.conversations[index];
        let facts = Facts {
            page: c.page_id.clone(),
            activity: c.messages.last().map_or(0, |m| m.created_at),
            last_inbound: c.last_inbound_at(),
            awaiting_since: c.awaiting_since(),
            cannot_receive: c.cannot_receive_since.is_some(),
            other_app: c.owner_app.is_some(),
            unread_for: self.users.iter().map(|u| &u.person.id).filter(|u| c.unread(u) > 0).cloned().collect(),
        };
        self.inbox.upsert(index as u32, facts, c.text_signature(), || c.haystack());
    }

    /// The summary as `user` sees it: with their unread count.
    pub fn summary_for(&self, index: usize, user: &PersonId) -> ConversationSummary {
        ConversationSummary { unread: self.conversations[index].unread(user), ..self.summary(index) }
    }

    pub fn conversation_list(&self, as_user: &PersonId, request: &ListRequest) -> ApiResult<ConversationList> {
        self.require_messaging(as_user)?;
        // Only the connected Pages' conversations: a disconnected Page's stay on Facebook.
        let connected = self.install_visible_to(as_user).map(|i| i.page_ids.clone()).unwrap_or_default();
        let pages: Vec<PageId> = match &request.page {
            Some(page) => connected.iter().filter(|p| *p == page).cloned().collect(),
            None => connected.clone(),
        };
        let now = self.now();
        let found = self.inbox.list(&Query {
            pages: &pages,
            filter: request.filter,
            user: as_user,
            needle: request.needle.as_deref(),
            after: request.after,
            limit: request.limit,
            now,
        });
        let conversations = found
            .rows
            .iter()
            .map(|&n| {
                let index = n as usize;
                let mut summary = self.summary_for(index, as_user);
                summary.search_hit = request.needle.as_deref().and_then(|needle| self.search_hit(index, needle));
                summary
            })
            .collect();
        Ok(ConversationList {
            server_time: now,
            conversations,
            cursor: self.cursor,
            next_cursor: found.next.map(inbox::encode_cursor),
            counts: Some(self.inbox.counts(&connected, as_user, now)),
        })
    }

    /// The newest message whose text holds `needle`, with a snippet around the match.
    fn search_hit(&self, index: usize, needle: &str) -> Option<SearchHit> {
        self.conversations[index]
            .messages
            .iter()
            .rev()
            .find_map(|m| inbox::snippet(&m.text, needle).map(|snippet| SearchHit { seq: m.seq, snippet }))
    }

    /// Moves `user`'s read mark of the conversation to `seq` (at most its newest message), never
    /// back. A move tells only this user's clients (`read_mark`): other agents' marks are their own.
    pub fn mark_read(&mut self, user: &PersonId, id: &ConversationId, seq: u64) -> ApiResult<ReadMark> {
        self.require_messaging(user)?;
        let index = self.conversation_index(user, id)?;
        let mut mark = self.move_read_mark(user, index, seq);
        mark.counts = Some(self.counts_for(user));
        Ok(mark)
    }

    /// [`World::mark_read`] of a conversation already found: the mark after it, without `counts`.
    pub(crate) fn move_read_mark(&mut self, user: &PersonId, index: usize, seq: u64) -> ReadMark {
        let c = &mut self.conversations[index];
        let seq = seq.min(c.messages.last().map_or(0, |m| m.seq));
        let moved = seq > c.read_mark(user);
        if moved {
            c.read_marks.retain(|(u, _)| u != user);
            c.read_marks.push((user.clone(), seq));
        }
        let id = c.id.clone();
        let mark =
            ReadMark { conversation_id: id.clone(), seq: c.read_mark(user), unread: c.unread(user), counts: None };
        if moved {
            self.reindex(index);
            let event = UpdateEvent::ReadMark { conversation_id: id, seq: mark.seq, unread: mark.unread };
            self.push_event_to(user, event);
        }
        mark
    }

    /// `user`'s badges over the connected Pages they see.
    pub fn counts_for(&self, user: &PersonId) -> InboxCounts {
        let connected = self.install_visible_to(user).map(|i| i.page_ids.clone()).unwrap_or_default();
        self.inbox.counts(&connected, user, self.now())
    }

    /// The events after `since` that `user` hears, a conversation's `unread` as theirs now.
    /// Someone who cannot see the install (`visible` false) learns only that it changed.
    pub fn events_for(&self, user: &PersonId, since: u64, visible: bool) -> Vec<UpdateEvent> {
        self.events
            .iter()
            .filter(|(c, to, e)| {
                *c > since
                    && to.as_ref().is_none_or(|to| to == user)
                    && (visible || matches!(e, UpdateEvent::Integration))
            })
            .map(|(_, _, e)| match e {
                UpdateEvent::Conversation { conversation } => {
                    let mut conversation = conversation.clone();
                    if let Some(c) = self.by_id.get(&conversation.id).map(|&i| &self.conversations[i]) {
                        conversation.unread = c.unread(user);
                    }
                    UpdateEvent::Conversation { conversation }
                }
                e => e.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawListQuery {
        let get = |k: &str| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| (*v).to_owned());
        RawListQuery {
            limit: get("limit"),
            cursor: get("cursor"),
            filter: get("filter"),
            page: get("page"),
            q: get("q"),
        }
    }

    fn refused(pairs: &[(&str, &str)]) -> String {
        let failure = ListRequest::parse(raw(pairs)).unwrap_err();
        assert_eq!(failure.0.code, ErrorCode::InvalidRequest);
        failure.0.details.parameter.clone().unwrap()
    }

    #[test]
    fn no_parameters_are_the_first_fifty_of_all() {
        assert_eq!(ListRequest::parse(RawListQuery::default()).unwrap(), ListRequest::default());
        assert_eq!(
            ListRequest::parse(raw(&[("q", "  "), ("filter", ""), ("cursor", "")])).unwrap(),
            ListRequest::default()
        );
    }

    #[test]
    fn the_limit_is_clamped() {
        let limit = |l: &str| ListRequest::parse(raw(&[("limit", l)])).unwrap().limit;
        assert_eq!(
            (limit("0"), limit("1"), limit("200"), limit("201"), limit("99999999999999")),
            (1, 1, 200, 200, 200)
        );
        assert_eq!(refused(&[("limit", "ten")]), "limit");
        assert_eq!(refused(&[("limit", "-1")]), "limit");
    }

    #[test]
    fn a_bad_cursor_an_unknown_filter_and_a_long_search_name_their_parameter() {
        assert_eq!(refused(&[("cursor", "abc")]), "cursor");
        assert_eq!(refused(&[("filter", "spam")]), "filter");
        assert_eq!(refused(&[("q", &"あ".repeat(201))]), "q");
        let key = (std::cmp::Reverse(5), 3);
        let ok = ListRequest::parse(raw(&[
            ("cursor", &inbox::encode_cursor(key)),
            ("filter", "unread"),
            ("q", " ＢＬＵＥ "),
        ]))
        .unwrap();
        assert_eq!((ok.after, ok.filter, ok.needle.as_deref()), (Some(key), ConversationFilter::Unread, Some("blue")));
    }
}
