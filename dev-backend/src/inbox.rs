//! The inbox's index: what `GET /api/conversations` pages, filters and searches, kept up to
//! date as conversations change, so no request scans the whole inbox.
//!
//! - **Order.** Each Page has ordered sets of [`Key`]s, newest activity first: all its
//!   conversations, and one set per filter (awaiting a reply, cannot receive, another app's,
//!   and unread per user). A page of the list is a range of these sets after the cursor,
//!   merged across the Pages asked for, stopped after `limit`.
//! - **Search.** Every conversation has a haystack: its customer's name and its messages'
//!   text, [`normalize`]d. A posting list per character bigram names the conversations whose
//!   haystack has it (a superset: an edit leaves its old bigrams behind, and the haystack
//!   check decides). A query intersects the postings of its bigrams; a query too common for
//!   that to narrow much walks the order instead and stops after `limit` hits.
//! - **Activity never goes down.** A conversation's key only moves towards the top, so a
//!   conversation the agent has paged past never comes round again, and one ahead of the
//!   cursor that moves to the top is announced by `/api/updates` (docs/api.md).
//!
//! Pure data: the world says what each conversation is ([`Facts`]); this module knows nothing
//! of messages or HTTP.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Bound;

use contract::{ConversationFilter, EpochMs, InboxCounts, PageId, PersonId, REPLY_WINDOW_MS};

/// A conversation's place in the list: newest activity first, then the order the backend
/// first saw it. Its number in the world is stable for the world's life.
pub type Key = (Reverse<EpochMs>, u32);

/// Between fields of a haystack, so a match never spans two messages.
pub const FIELD_SEPARATOR: char = '\u{1}';

/// What the index needs to know of one conversation, as the world sees it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub page: PageId,
    /// The newest message's time.
    pub activity: EpochMs,
    /// The customer wrote last (a failed send is no answer): when.
    pub awaiting_since: Option<EpochMs>,
    pub cannot_receive: bool,
    pub other_app: bool,
    /// Users with `unread` > 0.
    pub unread_for: Vec<PersonId>,
}

/// What a haystack was made from, to tell cheaply whether it must be made again: the world's
/// count of messages, the newest `seq` and the latest edit.
pub type TextSignature = (usize, u64, EpochMs);

struct Entry {
    key: Key,
    facts: Facts,
    signature: TextSignature,
    haystack: Box<str>,
}

#[derive(Default)]
struct PageSets {
    all: BTreeSet<Key>,
    awaiting: BTreeSet<Key>,
    cannot_receive: BTreeSet<Key>,
    other_app: BTreeSet<Key>,
    unread: HashMap<PersonId, BTreeSet<Key>>,
}

impl PageSets {
    fn set(&self, filter: ConversationFilter, user: &PersonId) -> Option<&BTreeSet<Key>> {
        match filter {
            ConversationFilter::All => Some(&self.all),
            ConversationFilter::AwaitingReply => Some(&self.awaiting),
            ConversationFilter::Unread => self.unread.get(user),
            ConversationFilter::CannotReceive => Some(&self.cannot_receive),
            ConversationFilter::OtherApp => Some(&self.other_app),
        }
    }

    fn apply(&mut self, key: Key, facts: &Facts, insert: bool) {
        let put = |set: &mut BTreeSet<Key>| {
            if insert {
                set.insert(key);
            } else {
                set.remove(&key);
            }
        };
        put(&mut self.all);
        if facts.awaiting_since.is_some() {
            put(&mut self.awaiting);
        }
        if facts.cannot_receive {
            put(&mut self.cannot_receive);
        }
        if facts.other_app {
            put(&mut self.other_app);
        }
        for user in &facts.unread_for {
            put(self.unread.entry(user.clone()).or_default());
        }
    }
}

/// What a page of the list asks for.
pub struct Query<'a> {
    /// The Pages whose conversations are listed.
    pub pages: &'a [PageId],
    pub filter: ConversationFilter,
    pub user: &'a PersonId,
    /// [`normalize`]d; `None` or empty: no search.
    pub needle: Option<&'a str>,
    /// The last row of the previous page.
    pub after: Option<Key>,
    pub limit: usize,
    pub now: EpochMs,
}

/// A page of the list: the conversations' numbers in order, and the cursor to the next page.
#[derive(Debug, PartialEq, Eq)]
pub struct Found {
    pub rows: Vec<u32>,
    pub next: Option<Key>,
}

#[derive(Default)]
pub struct Inbox {
    entries: Vec<Option<Entry>>,
    pages: HashMap<PageId, PageSets>,
    postings: HashMap<u64, Vec<u32>, BuildHasherDefault<FxHasher>>,
}

impl Inbox {
    pub fn len(&self) -> usize {
        self.entries.iter().filter(|e| e.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.iter().all(Option::is_none)
    }

    /// Indexes conversation `n` as `facts` and the `haystack` say, replacing what was known.
    /// The haystack is made only when `signature` changed. Its activity never goes back (see
    /// the module's doc).
    pub fn upsert(&mut self, n: u32, mut facts: Facts, signature: TextSignature, haystack: impl FnOnce() -> String) {
        let slot = n as usize;
        if self.entries.len() <= slot {
            self.entries.resize_with(slot + 1, || None);
        }
        let old = self.entries[slot].take();
        let text_changed = old.as_ref().is_none_or(|e| e.signature != signature);
        if let Some(old) = &old {
            facts.activity = facts.activity.max(old.key.0 .0);
            if let Some(sets) = self.pages.get_mut(&old.facts.page) {
                sets.apply(old.key, &old.facts, false);
            }
        }
        let key = (Reverse(facts.activity), n);
        self.pages.entry(facts.page.clone()).or_default().apply(key, &facts, true);
        let haystack = match old {
            Some(old) if !text_changed => old.haystack,
            _ => {
                let haystack = haystack();
                self.post(n, &haystack);
                haystack.into_boxed_str()
            }
        };
        self.entries[slot] = Some(Entry { key, facts, signature, haystack });
    }

    /// Adds `n` to the posting list of every bigram of `haystack` it is not in yet.
    fn post(&mut self, n: u32, haystack: &str) {
        let mut grams = bigrams(haystack);
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            let list = self.postings.entry(gram).or_default();
            // New conversations come with the largest number: an append, not an insert.
            match list.last() {
                None => list.push(n),
                Some(&last) if last < n => list.push(n),
                _ => {
                    if let Err(at) = list.binary_search(&n) {
                        list.insert(at, n);
                    }
                }
            }
        }
    }

    /// After a bulk load: gives back what the posting lists grew by and did not use.
    pub fn shrink(&mut self) {
        for list in self.postings.values_mut() {
            list.shrink_to_fit();
        }
    }

    pub fn key(&self, n: u32) -> Option<Key> {
        self.entry(n).map(|e| e.key)
    }

    fn entry(&self, n: u32) -> Option<&Entry> {
        self.entries.get(n as usize).and_then(Option::as_ref)
    }

    /// Whether conversation `n` is in `filter` for `user` now.
    fn passes(&self, e: &Entry, filter: ConversationFilter, user: &PersonId, now: EpochMs) -> bool {
        match filter {
            ConversationFilter::All => true,
            ConversationFilter::AwaitingReply => awaiting(&e.facts, now),
            ConversationFilter::Unread => e.facts.unread_for.contains(user),
            ConversationFilter::CannotReceive => e.facts.cannot_receive,
            ConversationFilter::OtherApp => e.facts.other_app,
        }
    }

    /// The keys of `filter`'s sets of `pages` after `after`, in order: a merge of one range a Page.
    fn ordered<'s>(
        &'s self,
        pages: &[PageId],
        filter: ConversationFilter,
        user: &PersonId,
        after: Option<Key>,
    ) -> impl Iterator<Item = Key> + 's {
        let from = after.map_or(Bound::Unbounded, Bound::Excluded);
        let mut heads: Vec<_> = pages
            .iter()
            .filter_map(|p| self.pages.get(p)?.set(filter, user))
            .map(|set| set.range((from, Bound::Unbounded)).peekable())
            .collect();
        std::iter::from_fn(move || {
            let next = heads.iter_mut().enumerate().filter_map(|(i, h)| h.peek().map(|k| (**k, i))).min()?;
            heads[next.1].next();
            Some(next.0)
        })
    }

    /// One page of the list.
    pub fn list(&self, q: &Query<'_>) -> Found {
        let want = q.limit + 1;
        let needle = q.needle.filter(|n| !n.is_empty());
        let mut keys: Vec<Key> = match needle {
            None => self.walk(q, |_| true).take(want).collect(),
            Some(needle) => match self.candidates(needle) {
                Candidates::None => Vec::new(),
                Candidates::Walk(bits) => {
                    let may = |n: u32| bits.as_ref().is_none_or(|b| b[n as usize / 64] & (1 << (n % 64)) != 0);
                    self.walk(q, |e| may(e.key.1) && e.haystack.contains(needle)).take(want).collect()
                }
                Candidates::Few(list) => {
                    let mut keys: Vec<Key> = list
                        .into_iter()
                        .filter_map(|n| self.entry(n))
                        .filter(|e| q.after.is_none_or(|after| e.key > after))
                        .filter(|e| q.pages.contains(&e.facts.page))
                        .filter(|e| self.passes(e, q.filter, q.user, q.now))
                        .filter(|e| e.haystack.contains(needle))
                        .map(|e| e.key)
                        .collect();
                    keys.sort_unstable();
                    keys.truncate(want);
                    keys
                }
            },
        };
        let more = keys.len() > q.limit;
        keys.truncate(q.limit);
        Found { next: if more { keys.last().copied() } else { None }, rows: keys.into_iter().map(|k| k.1).collect() }
    }

    /// The rows of `q`'s Pages and filter in order, that `keep` keeps. Awaiting a reply ends
    /// where activity is older than the reply window: no conversation past it can be awaiting.
    fn walk<'s>(&'s self, q: &Query<'_>, keep: impl Fn(&Entry) -> bool + 's) -> impl Iterator<Item = Key> + 's {
        let (filter, user, now) = (q.filter, q.user.clone(), q.now);
        self.ordered(q.pages, filter, q.user, q.after)
            .take_while(move |k| filter != ConversationFilter::AwaitingReply || k.0 .0 + REPLY_WINDOW_MS > now)
            .filter(move |k| {
                self.entry(k.1).is_some_and(|e| {
                    // The sets say the filter; the window of awaiting a reply runs out by itself.
                    (filter != ConversationFilter::AwaitingReply || self.passes(e, filter, &user, now)) && keep(e)
                })
            })
    }

    /// Which conversations may hold `needle`: its bigrams' postings intersected, unless the
    /// rarest bigram is in an eighth of the inbox or more (then walking the order finds a
    /// page of hits sooner than sorting them all would; inbox_bench measures both).
    fn candidates(&self, needle: &str) -> Candidates {
        let mut grams = bigrams(needle);
        if grams.is_empty() {
            return Candidates::Walk(None);
        }
        grams.sort_unstable();
        grams.dedup();
        let mut lists = Vec::with_capacity(grams.len());
        for gram in grams {
            match self.postings.get(&gram) {
                Some(list) => lists.push(list),
                None => return Candidates::None,
            }
        }
        lists.sort_by_key(|l| l.len());
        if lists[0].len() * 8 >= self.entries.len() {
            // Common bigrams: a bitmap of the conversations that have them all, so the walk
            // reads only their haystacks (a phrase of common bigrams that is nowhere would
            // otherwise read every one).
            let words = self.entries.len().div_ceil(64);
            let mut all = vec![u64::MAX; words];
            for list in lists {
                let mut bits = vec![0u64; words];
                for &n in list {
                    bits[n as usize / 64] |= 1 << (n % 64);
                }
                all.iter_mut().zip(bits).for_each(|(a, b)| *a &= b);
            }
            return Candidates::Walk(Some(all));
        }
        lists.truncate(3);
        // The three rarest narrow enough: the haystack check after them decides anyway, and a
        // phrase's bigrams come together, so more lists cost searches and remove little.
        let (rarest, rest) = lists.split_first().expect("one bigram at least");
        Candidates::Few(rarest.iter().copied().filter(|n| rest.iter().all(|l| l.binary_search(n).is_ok())).collect())
    }

    /// The filters' badges over `pages`.
    pub fn counts(&self, pages: &[PageId], user: &PersonId, now: EpochMs) -> InboxCounts {
        let q = Query {
            pages,
            filter: ConversationFilter::AwaitingReply,
            user,
            needle: None,
            after: None,
            limit: usize::MAX,
            now,
        };
        let awaiting_reply = self.walk(&q, |_| true).count();
        let unread: usize = pages.iter().filter_map(|p| self.pages.get(p)?.unread.get(user)).map(BTreeSet::len).sum();
        InboxCounts { awaiting_reply: awaiting_reply as u32, unread: unread as u32 }
    }
}

enum Candidates {
    None,
    /// Walk the order, reading the haystacks the bitmap (by number) allows, or all of them.
    Walk(Option<Vec<u64>>),
    Few(Vec<u32>),
}

fn awaiting(facts: &Facts, now: EpochMs) -> bool {
    facts.awaiting_since.is_some_and(|at| now < at + REPLY_WINDOW_MS)
}

/// Adjacent character pairs within each field, packed in a `u64` (a `char` is 21 bits).
pub fn bigrams(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c == FIELD_SEPARATOR {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            out.push((u64::from(p) << 21) | u64::from(c));
        }
        prev = Some(c);
    }
    out
}

/// The form both haystacks and queries are searched in: lower case, full-width Latin letters,
/// digits and signs as their ASCII selves, the ideographic space as a space, and control
/// characters dropped (so a query never holds [`FIELD_SEPARATOR`]). Kana and kanji are kept as
/// they are: no tokenisation, a substring match finds Japanese as written.
pub fn normalize_into(text: &str, out: &mut String) {
    for c in text.chars() {
        fold(c, |c| out.push(c));
    }
}

pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

fn fold(c: char, mut emit: impl FnMut(char)) {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c if c.is_control() => return,
        c => c,
    };
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(emit);
    }
}

/// Up to [`contract::SNIPPET_CHARS`] characters of `text` around the first match of `needle`
/// (already [`normalize`]d), on one line, with `…` where it was cut; `None` without a match.
pub fn snippet(text: &str, needle: &str) -> Option<String> {
    if needle.is_empty() {
        return None;
    }
    // The normalized text, with the original character each of its characters came from.
    let chars: Vec<char> = text.chars().collect();
    let (mut folded, mut origin) = (String::new(), Vec::new());
    for (i, &c) in chars.iter().enumerate() {
        fold(c, |f| {
            folded.push(f);
            origin.extend(std::iter::repeat_n(i, f.len_utf8()));
        });
    }
    let at = folded.find(needle)?;
    let start = origin[at];
    let budget = contract::SNIPPET_CHARS;
    // A little before the match, the rest after it.
    let mut from = start.saturating_sub(20);
    let mut to = (from + budget).min(chars.len());
    from = from.min(to.saturating_sub(budget));
    if from > 0 {
        from += 1;
    }
    if to < chars.len() {
        to -= 1;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(chars[from..to].iter().map(|&c| if c.is_whitespace() || c.is_control() { ' ' } else { c }));
    if to < chars.len() {
        out.push('…');
    }
    Some(out)
}

/// The opaque `next_cursor`: a version, then the key's activity and number in hex.
pub fn encode_cursor(key: Key) -> String {
    format!("1{:016x}{:08x}", key.0 .0 as u64, key.1)
}

/// `None` for anything [`encode_cursor`] did not make.
pub fn decode_cursor(cursor: &str) -> Option<Key> {
    let hex = cursor.strip_prefix('1').filter(|h| h.len() == 24 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
    let activity = u64::from_str_radix(&hex[..16], 16).ok()? as i64;
    let n = u32::from_str_radix(&hex[16..], 16).ok()?;
    Some((Reverse(activity), n))
}

/// FxHash (rustc's): the bigram keys are small integers this process made, so a DoS-proof
/// hasher buys nothing, and the bulk load of 100,000 conversations hashes tens of millions.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: EpochMs = 24 * 60 * 60 * 1000;
    const NOW: EpochMs = 100 * DAY;

    fn facts(page: &str, activity: EpochMs) -> Facts {
        Facts {
            page: page.into(),
            activity,
            awaiting_since: None,
            cannot_receive: false,
            other_app: false,
            unread_for: Vec::new(),
        }
    }

    fn query<'a>(pages: &'a [PageId], user: &'a PersonId) -> Query<'a> {
        Query { pages, filter: ConversationFilter::All, user, needle: None, after: None, limit: 50, now: NOW }
    }

    /// Every row of `q`, page by page of `limit`.
    fn all_pages(inbox: &Inbox, q: Query<'_>) -> Vec<u32> {
        let mut q = q;
        let mut rows = Vec::new();
        loop {
            let found = inbox.list(&q);
            rows.extend(found.rows);
            match found.next {
                Some(next) => q.after = Some(next),
                None => return rows,
            }
        }
    }

    #[test]
    fn the_list_is_newest_first_and_pages_to_the_end_exactly_once() {
        let mut inbox = Inbox::default();
        for n in 0..10u32 {
            // Two share each time: the number breaks the tie.
            inbox.upsert(n, facts("p", i64::from(n / 2) * 1_000), (0, 0, 0), String::new);
        }
        let pages = ["p".into()];
        let user = PersonId::new("u");
        let rows = all_pages(&inbox, Query { limit: 3, ..query(&pages, &user) });
        assert_eq!(rows, [8, 9, 6, 7, 4, 5, 2, 3, 0, 1]);
        // A page that ends exactly at the end says there is no more.
        let found = inbox.list(&Query { limit: 10, ..query(&pages, &user) });
        assert_eq!((found.rows.len(), found.next), (10, None));
    }

    #[test]
    fn a_conversation_that_moves_up_is_never_seen_twice_and_never_goes_down() {
        let mut inbox = Inbox::default();
        for n in 0..6u32 {
            inbox.upsert(n, facts("p", i64::from(n) * 1_000), (0, 0, 0), String::new);
        }
        let pages = ["p".into()];
        let user = PersonId::new("u");
        let first = inbox.list(&Query { limit: 2, ..query(&pages, &user) });
        assert_eq!(first.rows, [5, 4]);
        // 4 (seen) and 1 (not reached yet) get new messages: both move to the top, behind the cursor.
        inbox.upsert(4, facts("p", 9_000), (0, 0, 0), String::new);
        inbox.upsert(1, facts("p", 10_000), (0, 0, 0), String::new);
        // And 3 loses its newest message: it keeps its place.
        inbox.upsert(3, facts("p", 500), (0, 0, 0), String::new);
        let rest = all_pages(&inbox, Query { limit: 2, after: first.next, ..query(&pages, &user) });
        assert_eq!(rest, [3, 2, 0], "1 is announced by /api/updates, 4 was seen");
    }

    #[test]
    fn filters_pages_and_counts() {
        let mut inbox = Inbox::default();
        let (ana, ben) = (PersonId::new("ana"), PersonId::new("ben"));
        let mut awaiting = facts("a", NOW - DAY);
        awaiting.awaiting_since = Some(NOW - DAY);
        awaiting.unread_for = vec![ana.clone()];
        let none = (0, 0, 0);
        inbox.upsert(0, awaiting.clone(), none, String::new);
        // Awaiting since 8 days: the window closed, so it is not awaiting any more.
        inbox.upsert(
            1,
            Facts { activity: NOW - 8 * DAY, awaiting_since: Some(NOW - 8 * DAY), ..awaiting },
            none,
            String::new,
        );
        inbox.upsert(2, Facts { cannot_receive: true, ..facts("b", NOW - 2 * DAY) }, none, String::new);
        inbox.upsert(
            3,
            Facts { other_app: true, unread_for: vec![ben.clone()], ..facts("b", NOW - 3 * DAY) },
            none,
            String::new,
        );
        let both: [PageId; 2] = ["a".into(), "b".into()];
        let rows = |inbox: &Inbox, filter, pages: &[PageId], user: &PersonId| {
            all_pages(inbox, Query { filter, limit: 1, ..query(pages, user) })
        };
        use ConversationFilter::*;
        assert_eq!(rows(&inbox, All, &both, &ana), [0, 2, 3, 1]);
        assert_eq!(rows(&inbox, AwaitingReply, &both, &ana), [0]);
        assert_eq!(rows(&inbox, Unread, &both, &ana), [0, 1]);
        assert_eq!(rows(&inbox, Unread, &both, &ben), [3]);
        assert_eq!(rows(&inbox, CannotReceive, &both, &ana), [2]);
        assert_eq!(rows(&inbox, OtherApp, &both, &ana), [3]);
        assert_eq!(rows(&inbox, All, &both[1..], &ana), [2, 3]);
        assert_eq!(rows(&inbox, Unread, &both[1..], &ana), Vec::<u32>::new());
        assert_eq!(inbox.counts(&both, &ana, NOW), InboxCounts { awaiting_reply: 1, unread: 2 });
        assert_eq!(inbox.counts(&both, &ben, NOW), InboxCounts { awaiting_reply: 1, unread: 1 });
        assert_eq!(inbox.counts(&both[1..], &ana, NOW), InboxCounts { awaiting_reply: 0, unread: 0 });
        // A day later the first one's window is still open; eight days later it is not.
        assert_eq!(inbox.counts(&both, &ana, NOW + 7 * DAY).awaiting_reply, 0);
        // Read: it leaves the unread set.
        inbox.upsert(0, Facts { unread_for: vec![], ..inbox.entry(0).unwrap().facts.clone() }, none, String::new);
        assert_eq!(rows(&inbox, Unread, &both, &ana), [1]);
    }

    #[test]
    fn search_finds_names_and_text_in_any_case_and_width_and_japanese() {
        let mut inbox = Inbox::default();
        let hay = |parts: &[&str]| parts.iter().map(|p| normalize(p)).collect::<Vec<_>>().join("\u{1}");
        inbox.upsert(0, facts("p", 3), (1, 0, 0), || hay(&["Olivia Smith", "Is the BLUE teapot in stock?"]));
        inbox.upsert(1, facts("p", 2), (1, 0, 0), || hay(&["佐藤美咲", "注文番号4821の配送状況を教えてください。"]));
        inbox.upsert(2, facts("p", 1), (1, 0, 0), || hay(&["Ｓｍｉｔｈ　Ｊｏｎｅｓ", "ok"]));
        for n in 3..40u32 {
            inbox.upsert(n, facts("p", 0), (1, 0, 0), || hay(&["Filler", "nothing to see"]));
        }
        let pages = ["p".into()];
        let user = PersonId::new("u");
        let find = |inbox: &Inbox, q: &str| {
            let needle = normalize(q);
            all_pages(inbox, Query { needle: Some(&needle), limit: 1, ..query(&pages, &user) })
        };
        assert_eq!(find(&inbox, "smith"), [0, 2]);
        assert_eq!(find(&inbox, "blue TEAPOT"), [0]);
        assert_eq!(find(&inbox, "配送状況"), [1]);
        assert_eq!(find(&inbox, "佐藤"), [1]);
        assert_eq!(find(&inbox, "４８２１"), [1]);
        // One character has no bigram: the walk.
        assert_eq!(find(&inbox, "s").len(), 39);
        // No match across two fields: the name's end and the text's start.
        assert_eq!(find(&inbox, "smithis"), Vec::<u32>::new());
        assert_eq!(find(&inbox, "teapots"), Vec::<u32>::new());
        assert_eq!(find(&inbox, "nothing"), (3..40).collect::<Vec<_>>(), "common: the walk");
        // The haystack changes: the new text is found, the old is not.
        // The same signature: the haystack is kept (the world says when the text changed).
        inbox.upsert(1, facts("p", 2), (1, 0, 0), || unreachable!("the text did not change"));
        assert_eq!(find(&inbox, "配送状況"), [1]);
        inbox.upsert(1, facts("p", 2), (2, 0, 0), || hay(&["佐藤美咲", "キャンセルします"]));
        assert_eq!(find(&inbox, "配送"), Vec::<u32>::new());
        assert_eq!(find(&inbox, "キャンセル"), [1]);
    }

    #[test]
    fn snippets_keep_the_match_and_stay_short() {
        assert_eq!(snippet("Is the BLUE teapot in stock?", "blue").unwrap(), "Is the BLUE teapot in stock?");
        let long = format!("{}配送状況{}", "あ".repeat(100), "い".repeat(100));
        let s = snippet(&long, "配送状況").unwrap();
        assert!(s.contains("配送状況") && s.starts_with('…') && s.ends_with('…'), "{s}");
        assert_eq!(s.chars().count(), contract::SNIPPET_CHARS);
        assert_eq!(snippet("line one\nＢＬＵＥ", "blue").unwrap(), "line one ＢＬＵＥ");
        assert_eq!(snippet("nothing", "blue"), None);
        let start = format!("blue{}", "x".repeat(200));
        assert!(snippet(&start, "blue").unwrap().starts_with("blue"));
    }

    #[test]
    fn cursors_round_trip_and_others_are_refused() {
        for key in [(Reverse(0), 0), (Reverse(1_795_132_800_000), 99_999), (Reverse(-5), u32::MAX)] {
            assert_eq!(decode_cursor(&encode_cursor(key)), Some(key));
        }
        for bad in ["", "1", "2000000000000000000000000", "1zz00000000000000000000000", "10000000000000000000000000"] {
            assert_eq!(decode_cursor(bad), None, "{bad}");
        }
    }
}
