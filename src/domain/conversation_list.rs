//! The list as the browser holds it: the pages of one query loaded so far, newest activity
//! first, and where a changed conversation goes. The server pages, filters, searches and counts
//! (docs/api.md, "The list"); this keeps what it sent in order while events come, and says which
//! rows the screen draws.

use std::collections::VecDeque;
use std::ops::Range;

use contract::{
    ConversationFilter, ConversationListQuery, ConversationSummary, Direction, EpochMs, InboxCounts, PageId,
};

use super::reply_window::WindowState;

/// What the agent asked the list for: a filter, one Page or all, and a search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub filter: ConversationFilter,
    pub page: Option<PageId>,
    pub q: String,
}

impl ListQuery {
    /// The request for the page after `cursor` (the first page without one).
    pub fn request(&self, cursor: Option<String>) -> ConversationListQuery {
        let q = self.q.trim();
        ConversationListQuery {
            limit: None,
            cursor,
            filter: self.filter,
            page: self.page.clone(),
            q: (!q.is_empty()).then(|| q.to_owned()),
        }
    }

    /// Whether the list shows less than every conversation.
    pub fn narrows(&self) -> bool {
        self.filter != ConversationFilter::All || self.page.is_some() || !self.q.trim().is_empty()
    }

    /// Whether a conversation belongs in this list by its filter and Page, as the server decides
    /// them (`ConversationFilter`'s rules).
    pub fn admits(&self, c: &ConversationSummary, now: EpochMs) -> bool {
        let page = self.page.as_ref().is_none_or(|page| c.page.as_ref().is_some_and(|p| &p.id == page));
        page && match self.filter {
            ConversationFilter::All => true,
            ConversationFilter::AwaitingReply => awaits_reply(c, now),
            ConversationFilter::Unread => c.unread > 0,
            ConversationFilter::CannotReceive => c.cannot_receive_since.is_some(),
            ConversationFilter::OtherApp => c.owner_app.is_some(),
        }
    }

    /// Whether a conversation not listed yet matches the search, as far as its summary tells:
    /// the customer's name or the last message. (A row the server listed for an older message
    /// stays: its messages still match.)
    fn finds(&self, c: &ConversationSummary) -> bool {
        let q = self.q.trim();
        q.is_empty()
            || contains_folded(&c.customer.name, q)
            || c.last_message.as_ref().is_some_and(|m| contains_folded(&m.text, q))
    }
}

/// Whether `text` holds `q`, ASCII letters in either case. Not Unicode's full case folding: its
/// tables would weigh on the wasm, and the server's search decides (this only guesses whether a
/// conversation that changed enters the results shown).
fn contains_folded(text: &str, q: &str) -> bool {
    let (text, q) = (text.as_bytes(), q.as_bytes());
    q.is_empty() || text.windows(q.len()).any(|w| w.eq_ignore_ascii_case(q))
}

/// The customer wrote last and the reply window is open.
pub fn awaits_reply(c: &ConversationSummary, now: EpochMs) -> bool {
    c.last_message.as_ref().is_some_and(|m| m.direction == Direction::Inbound)
        && WindowState::at(c.reply_window.reply_by, now).can_reply()
}

/// The time the list is ordered by: the last message's.
pub fn activity(c: &ConversationSummary) -> EpochMs {
    c.last_message.as_ref().map_or(0, |m| m.created_at)
}

/// The most rows held at once: beyond them, the pages farthest from where the agent reads are
/// let go and asked for again when the agent scrolls back (about 1.7 KiB of wasm memory a row).
pub const MAX_LOADED: usize = 500;

/// A page of the list as loaded: the cursor it was asked with (none for the first) and how many
/// of the rows it holds now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMark {
    pub cursor: Option<String>,
    pub len: usize,
}

/// The loaded pages of one query: a run of the list, with the pages let go above it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listed {
    pub query: ListQuery,
    pub rows: Vec<ConversationSummary>,
    /// The next page's cursor; none when every row is loaded.
    pub next_cursor: Option<String>,
    /// The server's badges; none from a server that does not count.
    pub counts: Option<InboxCounts>,
    /// The pages the rows came in, in order.
    pub pages: VecDeque<PageMark>,
    /// The pages let go above the rows, the first page first: `rows` starts after them.
    pub above: Vec<PageMark>,
}

/// Where the rows drawn want rows let go above the loaded ones from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Earlier {
    /// The page just above: the agent scrolls up.
    Nearest,
    /// The list's first page again: the agent jumped far up (the scrollbar, Home).
    FromTop,
}

impl Listed {
    /// A query's first page.
    pub fn first(query: ListQuery, rows: Vec<ConversationSummary>, next_cursor: Option<String>) -> Listed {
        let pages = VecDeque::from([PageMark { cursor: None, len: rows.len() }]);
        Listed { query, rows, next_cursor, counts: None, pages, above: Vec::new() }
    }

    /// How many rows are let go above the loaded ones, as they were counted.
    pub fn skipped(&self) -> usize {
        self.above.iter().map(|p| p.len).sum()
    }

    /// Adds the page asked with `cursor`; a row already shown (it moved up while the agent paged)
    /// stays once. Past [`MAX_LOADED`], the top pages are let go.
    pub fn append(&mut self, rows: Vec<ConversationSummary>, cursor: String, next_cursor: Option<String>) {
        let before = self.rows.len();
        for row in rows {
            if !self.rows.iter().any(|r| r.id == row.id) {
                self.rows.push(row);
            }
        }
        self.pages.push_back(PageMark { cursor: Some(cursor), len: self.rows.len() - before });
        self.next_cursor = next_cursor;
        while self.rows.len() > MAX_LOADED && self.pages.len() > 1 {
            let Some(page) = self.pages.pop_front() else { break };
            self.rows.drain(..page.len.min(self.rows.len()));
            self.above.push(page);
        }
    }

    /// The page just above the rows, to ask for again, and let go from `above` while it comes.
    pub fn take_nearest_above(&mut self) -> Option<PageMark> {
        self.above.pop()
    }

    /// Puts back the page above, as the server answers it now; past [`MAX_LOADED`], the bottom
    /// pages are let go, to come again as the next pages. Returns how many rows more (or fewer)
    /// stand above the old ones than were counted when the page was let go: conversations may
    /// have moved to the top since.
    pub fn prepend(&mut self, page: PageMark, rows: Vec<ConversationSummary>) -> isize {
        let fresh: Vec<ConversationSummary> =
            rows.into_iter().filter(|row| !self.rows.iter().any(|r| r.id == row.id)).collect();
        let shift = fresh.len() as isize - page.len as isize;
        self.pages.push_front(PageMark { cursor: page.cursor, len: fresh.len() });
        self.rows.splice(0..0, fresh);
        while self.rows.len() > MAX_LOADED && self.pages.len() > 1 {
            let Some(page) = self.pages.pop_back() else { break };
            self.rows.truncate(self.rows.len().saturating_sub(page.len));
            self.next_cursor = page.cursor;
        }
        shift
    }

    /// The row at `at` of the loaded ones came (+1) or went (-1): its page's count follows.
    fn count(&mut self, at: usize, by: isize) {
        let mut start = 0;
        let last = self.pages.len().saturating_sub(1);
        for (i, page) in self.pages.iter_mut().enumerate() {
            if at < start + page.len || (i == last && at <= start + page.len) {
                page.len = page.len.saturating_add_signed(by);
                return;
            }
            start += page.len;
        }
    }

    /// A conversation's new summary: it leaves the list when it no longer belongs, and otherwise
    /// goes where its activity puts it, on top for a new message, loaded before or not. One
    /// older than every loaded row, while more pages are to come, is left for those pages; one
    /// newer than every loaded row while pages above are let go goes with them.
    pub fn place(&mut self, summary: ConversationSummary, now: EpochMs) {
        let was_at = self.rows.iter().position(|r| r.id == summary.id);
        let was = was_at.map(|at| {
            self.count(at, -1);
            self.rows.remove(at)
        });
        let belongs = self.query.admits(&summary, now) && (was.is_some() || self.query.finds(&summary));
        if !belongs {
            return;
        }
        let at = self.rows.partition_point(|r| activity(r) > activity(&summary));
        if at == self.rows.len() && self.next_cursor.is_some() && was.is_none() {
            return;
        }
        if at == 0 && !self.above.is_empty() {
            if was.is_some() {
                self.above[0].len += 1;
            }
            return;
        }
        self.count(at, 1);
        self.rows.insert(at, summary);
    }

    /// This user read the conversation: its unread count, and whether the Unread filter keeps it.
    pub fn read(&mut self, id: &contract::ConversationId, unread: u32, now: EpochMs) {
        if let Some(row) = self.rows.iter().find(|r| &r.id == id) {
            let summary = ConversationSummary { unread, ..row.clone() };
            self.place(summary, now);
        }
    }
}

/// The rows the screen draws: those in the viewport (`top`, `height`, in pixels, over rows of
/// `row` pixels), `overscan` more on each side, of `total`.
pub fn window(top: f64, height: f64, row: f64, total: usize, overscan: usize) -> Range<usize> {
    if total == 0 || row <= 0.0 {
        return 0..0;
    }
    let first = (top.max(0.0) / row) as usize;
    let shown = (height.max(0.0) / row).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = first.saturating_add(shown).saturating_add(overscan).min(total);
    start..end
}

/// Rows from the end of those loaded at which the next page is asked for (or from their start,
/// the page above).
const NEAR: usize = 20;

/// Whether the drawn rows come near enough the end of the loaded ones to ask for the next page.
pub fn wants_more(shown: &Range<usize>, loaded: usize, more: bool) -> bool {
    more && shown.end + NEAR >= loaded
}

/// Whether the drawn rows (`shown`, counted over the whole list) come near the `skipped` rows
/// let go above the loaded ones, and from where to load them: the page above when they are
/// close, the top when the agent jumped more than a page up.
pub fn wants_earlier(shown: &Range<usize>, skipped: usize) -> Option<Earlier> {
    if skipped == 0 || shown.start >= skipped + NEAR {
        None
    } else if shown.end + contract::DEFAULT_LIST_LIMIT as usize <= skipped {
        Some(Earlier::FromTop)
    } else {
        Some(Earlier::Nearest)
    }
}

#[cfg(test)]
mod tests {
    use contract::{Customer, Message, MessageStatus, PageRef, ReplyWindow};

    use super::*;

    const H: EpochMs = 60 * 60 * 1000;

    fn summary(id: &str, at: EpochMs) -> ConversationSummary {
        ConversationSummary {
            id: id.into(),
            customer: Customer { id: id.into(), name: format!("Customer {id}") },
            page: Some(PageRef { id: "p1".into(), name: "Page".into() }),
            last_message: Some(Message {
                id: format!("m-{id}").into(),
                seq: 1,
                client_message_id: None,
                direction: Direction::Inbound,
                text: format!("hello from {id}"),
                attachments: vec![],
                sent_by: None,
                created_at: at,
                status: MessageStatus::Delivered { at },
                reaction: None,
                edited_at: None,
            }),
            reply_window: ReplyWindow { last_inbound_at: Some(at), reply_by: Some(at + 24 * H), open: true },
            cannot_receive_since: None,
            owner_app: None,
            taken_from: None,
            unread: 0,
            search_hit: None,
        }
    }

    fn ids(listed: &Listed) -> Vec<&str> {
        listed.rows.iter().map(|r| r.id.as_str()).collect()
    }

    fn listed(query: ListQuery, rows: &[(&str, EpochMs)], more: bool) -> Listed {
        Listed::first(query, rows.iter().map(|(id, at)| summary(id, *at)).collect(), more.then(|| "c".to_owned()))
    }

    #[test]
    fn a_new_message_moves_its_conversation_to_the_top_loaded_or_not() {
        let mut list = listed(ListQuery::default(), &[("a", 30), ("b", 20), ("c", 10)], true);
        list.place(summary("c", 40), 40);
        assert_eq!(ids(&list), ["c", "a", "b"]);
        list.place(summary("far", 50), 50);
        assert_eq!(ids(&list), ["far", "c", "a", "b"]);
        // Older than everything loaded while pages remain: it comes with its page, not twice.
        list.place(summary("old", 1), 50);
        assert_eq!(ids(&list), ["far", "c", "a", "b"]);
        list.next_cursor = None;
        list.place(summary("old", 1), 50);
        assert_eq!(ids(&list), ["far", "c", "a", "b", "old"]);
    }

    #[test]
    fn a_page_that_repeats_a_row_which_moved_up_shows_it_once() {
        let mut list = listed(ListQuery::default(), &[("a", 30), ("b", 20)], true);
        list.place(summary("d", 40), 40);
        list.append(vec![summary("c", 10), summary("d", 5)], "c".into(), None);
        assert_eq!(ids(&list), ["d", "a", "b", "c"]);
        assert_eq!(list.next_cursor, None);
    }

    #[test]
    fn a_conversation_leaves_and_enters_the_filter_as_it_changes() {
        let unread = ListQuery { filter: ConversationFilter::Unread, ..ListQuery::default() };
        let mut list = listed(unread, &[], false);
        list.place(ConversationSummary { unread: 2, ..summary("a", 10) }, 10);
        assert_eq!(ids(&list), ["a"]);
        list.read(&"a".into(), 0, 10);
        assert!(list.rows.is_empty());

        let awaiting = ListQuery { filter: ConversationFilter::AwaitingReply, ..ListQuery::default() };
        let mut list = listed(awaiting, &[("a", 10)], false);
        let mut answered = summary("a", 20);
        answered.last_message.as_mut().unwrap().direction = Direction::Outbound;
        list.place(answered, 20);
        assert!(list.rows.is_empty());
        // The window closed: not awaiting a reply any more.
        list.place(summary("b", 10), 10 + 25 * H);
        assert!(list.rows.is_empty());

        let other_page = ListQuery { page: Some("p2".into()), ..ListQuery::default() };
        let mut list = listed(other_page, &[], false);
        list.place(summary("a", 10), 10);
        assert!(list.rows.is_empty());
    }

    #[test]
    fn a_search_takes_a_new_conversation_by_its_name_or_last_message_and_keeps_its_hits() {
        let query = ListQuery { q: "KEN".into(), ..ListQuery::default() };
        let mut list = listed(query, &[("hit", 10)], false);
        list.place(summary("other", 20), 20);
        assert_eq!(ids(&list), ["hit"]);
        list.place(
            ConversationSummary { customer: Customer { id: "k".into(), name: "Ken".into() }, ..summary("k", 30) },
            30,
        );
        assert_eq!(ids(&list), ["k", "hit"]);
        // A listed hit (an older message matched) moves up on a new message that does not match.
        list.place(summary("hit", 40), 40);
        assert_eq!(ids(&list), ["hit", "k"]);
    }

    #[test]
    fn the_guess_folds_ascii_case_and_finds_japanese() {
        assert!(contains_folded("Ken Watanabe", "WATA"));
        assert!(contains_folded("渡辺 健", "渡辺"));
        assert!(!contains_folded("Ken", "Kenji"));
    }

    #[test]
    fn the_request_carries_the_query_without_blank_search() {
        let query = ListQuery { filter: ConversationFilter::Unread, page: Some("p1".into()), q: "  ".into() };
        let request = query.request(Some("next".into()));
        assert_eq!(request.to_query_string(), "?cursor=next&filter=unread&page=p1");
        assert!(query.narrows());
        assert!(!ListQuery::default().narrows());
    }

    #[test]
    fn the_window_draws_the_viewport_and_some_rows_around_it() {
        assert_eq!(window(0.0, 600.0, 60.0, 100_000, 10), 0..21);
        assert_eq!(window(6000.0, 600.0, 60.0, 100_000, 10), 90..121);
        assert_eq!(window(6000.0, 600.0, 60.0, 95, 10), 90..95);
        assert_eq!(window(0.0, 600.0, 60.0, 0, 10), 0..0);
        // However tall the screen, a bounded number of rows.
        assert!(window(0.0, 4000.0, 60.0, 100_000, 10).len() <= 100);
        assert!(wants_more(&(80..100), 110, true));
        assert!(!wants_more(&(0..30), 200, true));
        assert!(!wants_more(&(80..100), 110, false));
    }

    /// `count` pages of 50 made-up rows, each a minute older than the one before.
    fn page(number: usize) -> Vec<ConversationSummary> {
        (0..50).map(|i| summary(&format!("r{}", number * 50 + i), 1_000_000 - (number * 50 + i) as EpochMs)).collect()
    }

    fn loaded_ids(list: &Listed) -> (String, String) {
        (list.rows[0].id.to_string(), list.rows[list.rows.len() - 1].id.to_string())
    }

    #[test]
    fn past_the_most_rows_held_the_far_pages_are_let_go_and_come_again_by_their_cursor() {
        let mut list = Listed::first(ListQuery::default(), page(0), Some("c1".into()));
        for n in 1..=12 {
            list.append(page(n), format!("c{n}"), Some(format!("c{}", n + 1)));
            assert!(list.rows.len() <= MAX_LOADED);
            assert_eq!(list.pages.iter().map(|p| p.len).sum::<usize>(), list.rows.len());
        }
        // 13 pages seen, 10 held: the first three let go above, first page first.
        assert_eq!(list.skipped(), 150);
        assert_eq!(
            list.above.iter().map(|p| p.cursor.clone()).collect::<Vec<_>>(),
            [None, Some("c1".into()), Some("c2".into())]
        );
        assert_eq!(loaded_ids(&list), ("r150".into(), "r649".into()));

        // Scrolled back up: the page above comes again, and the bottom one is let go, to come
        // again as the next page.
        let above = list.take_nearest_above().unwrap();
        assert_eq!(above.cursor.as_deref(), Some("c2"));
        assert_eq!(list.prepend(above, page(2)), 0);
        assert_eq!(list.skipped(), 100);
        assert_eq!(loaded_ids(&list), ("r100".into(), "r599".into()));
        assert_eq!(list.next_cursor.as_deref(), Some("c12"));
        assert_eq!(list.pages.iter().map(|p| p.len).sum::<usize>(), list.rows.len());
    }

    #[test]
    fn a_page_that_comes_again_after_rows_moved_to_the_top_shows_each_once_and_says_the_shift() {
        let mut list = Listed::first(ListQuery::default(), page(0), Some("c1".into()));
        for n in 1..=10 {
            list.append(page(n), format!("c{n}"), Some(format!("c{}", n + 1)));
        }
        assert_eq!(list.skipped(), 50);
        // r60, loaded, gets a new message: it goes to the top, which is let go, so it goes there.
        list.place(summary("r60", 2_000_000), 2_000_000);
        assert!(list.rows.iter().all(|r| r.id != "r60"));
        assert_eq!(list.skipped(), 51);
        assert_eq!(list.pages.iter().map(|p| p.len).sum::<usize>(), list.rows.len());
        // The first page now holds r60 and r0..r48: r49 is in the next, loaded already.
        let mut first = vec![summary("r60", 2_000_000)];
        first.extend(page(0).into_iter().take(49));
        let above = list.take_nearest_above().unwrap();
        assert_eq!(list.prepend(above, first), -1, "50 came, 51 were counted");
        assert_eq!(list.skipped(), 0);
        assert_eq!(list.rows[0].id, "r60");
        let mut seen: Vec<&str> = list.rows.iter().map(|r| r.id.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), list.rows.len(), "no row twice");
    }

    #[test]
    fn the_rows_drawn_ask_for_the_page_above_when_near_it_and_the_top_when_far() {
        assert_eq!(wants_earlier(&(500..540), 0), None);
        assert_eq!(wants_earlier(&(530..570), 500), None);
        assert_eq!(wants_earlier(&(505..545), 500), Some(Earlier::Nearest));
        assert_eq!(wants_earlier(&(480..520), 500), Some(Earlier::Nearest));
        assert_eq!(wants_earlier(&(0..40), 500), Some(Earlier::FromTop));
    }
}
