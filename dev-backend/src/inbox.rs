//! The inbox's index: what `GET /api/conversations` pages, filters and searches, kept up to
//! date as conversations change, so no request scans the whole inbox.
//!
//! - **Order.** Each Page has ordered sets of [`Key`]s, newest activity first: all its
//!   conversations, and one set per filter (awaiting a reply, cannot receive, another app's,
//!   and unread per user). A page of the list is a range of these sets after the cursor,
//!   merged across the Pages asked for, stopped after `limit`.
//! - **Search.** Every conversation has a haystack: its customer's name and its messages'
//!   text, [`normalize`]d. A posting list per gram of one, two and three characters names the
//!   conversations whose haystack has it (a superset: an edit leaves its old grams behind,
//!   and the haystack check decides); the trigrams' also say where in the haystack each starts.
//!   A query intersects the postings of its trigrams where they line up as in the query (its
//!   one gram, when shorter), so a character or a phrase that is nowhere ends there; a query
//!   too common for that to narrow much walks the order instead and stops after `limit` hits.
//! - **Each Page's newest customer message**, for the settings' `last_message_at`: kept as
//!   conversations are indexed, so the settings read one number a Page.
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
    /// The customer's newest message's time.
    pub last_inbound: Option<EpochMs>,
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
    /// The newest customer message of any of the Page's conversations: never back, as a
    /// conversation's activity (the customer's messages are never removed).
    last_inbound: Option<EpochMs>,
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

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One trigram's conversations, by number ascending, and in each where the trigram starts: bit
/// `i % 64` of `at` for a start at character `i` of the haystack. A phrase's trigrams must line
/// up (the second one place after the first, and so on), which a conversation that has them
/// all but apart mostly fails; the haystack check decides the rest. Counted over the whole
/// haystack, not each message: the same words at the start of two messages would line up.
#[derive(Default)]
struct Placed {
    ns: Vec<u32>,
    at: Vec<Places>,
}

/// A trigram's places in one haystack, modulo its bits: 64 turn down about twice as many of
/// the phrases that are nowhere as 32 (inbox_bench's word pairs), for 4 bytes a posting.
type Places = u64;
const PLACES: usize = Places::BITS as usize;

#[derive(Default)]
pub struct Inbox {
    entries: Vec<Option<Entry>>,
    pages: HashMap<PageId, PageSets>,
    /// Grams of one and two characters, by [`grams`]' key: the conversations' numbers, ascending.
    postings: FxMap<u64, Vec<u32>>,
    /// Trigrams, by [`grams`]' key.
    trigrams: FxMap<u64, Placed>,
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
        let sets = self.pages.entry(facts.page.clone()).or_default();
        sets.apply(key, &facts, true);
        sets.last_inbound = sets.last_inbound.max(facts.last_inbound);
        let haystack = match old {
            Some(old) if !text_changed => old.haystack,
            old => {
                let haystack = haystack();
                // A message added keeps every earlier gram where it was, so only its own are
                // posted; any other change (an edit, a message deleted or put before) moves them.
                let from = match old.as_ref().map(|old| (old, haystack.strip_prefix(&*old.haystack))) {
                    None => 0,
                    Some((old, Some(rest))) if rest.is_empty() || rest.starts_with(FIELD_SEPARATOR) => {
                        old.haystack.len()
                    }
                    Some((_, Some(_))) => 0,
                    Some((old, None)) => {
                        self.unplace(n, &old.haystack);
                        0
                    }
                };
                self.post(n, &haystack, from);
                haystack.into_boxed_str()
            }
        };
        self.entries[slot] = Some(Entry { key, facts, signature, haystack });
    }

    /// Adds `n` to the postings of every gram of `haystack` from byte `from` (the start of a
    /// field, or the end), and where each trigram starts.
    fn post(&mut self, n: u32, haystack: &str, from: usize) {
        let skipped = haystack[..from].chars().count();
        let haystack = &haystack[from..];
        let mut short: Vec<u64> = grams(haystack, 1).chain(grams(haystack, 2)).map(|(gram, _)| gram).collect();
        short.sort_unstable();
        short.dedup();
        for gram in short {
            let list = self.postings.entry(gram).or_default();
            if let Err(at) = place(list, n) {
                list.insert(at, n);
            }
        }
        let mut long: Vec<(u64, Places)> =
            grams(haystack, GRAM).map(|(gram, i)| (gram, 1 << ((skipped + i) % PLACES))).collect();
        long.sort_unstable();
        for run in long.chunk_by(|a, b| a.0 == b.0) {
            let at = run.iter().fold(0, |at, (_, bit)| at | bit);
            let placed = self.trigrams.entry(run[0].0).or_default();
            match place(&placed.ns, n) {
                // Posted before: the earlier text's places stay true.
                Ok(i) => placed.at[i] |= at,
                Err(i) => {
                    placed.ns.insert(i, n);
                    placed.at.insert(i, at);
                }
            }
        }
    }

    /// Forgets where `n`'s trigrams were in `haystack`, before the new text is posted. A place
    /// no longer true never hides a phrase, but lets more haystacks through to be read.
    fn unplace(&mut self, n: u32, haystack: &str) {
        for (gram, _) in grams(haystack, GRAM) {
            if let Some(placed) = self.trigrams.get_mut(&gram) {
                if let Ok(i) = placed.ns.binary_search(&n) {
                    placed.at[i] = 0;
                }
            }
        }
    }

    /// After a bulk load: gives back what the posting lists grew by and did not use.
    pub fn shrink(&mut self) {
        self.postings.values_mut().for_each(Vec::shrink_to_fit);
        for placed in self.trigrams.values_mut() {
            placed.ns.shrink_to_fit();
            placed.at.shrink_to_fit();
        }
    }

    /// When the newest customer message of `page`'s conversations came.
    pub fn last_inbound(&self, page: &PageId) -> Option<EpochMs> {
        self.pages.get(page)?.last_inbound
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
            None => self.walk(q, |_| true, |_| true).take(want).collect(),
            Some(needle) => match self.candidates(needle) {
                Candidates::None => Vec::new(),
                Candidates::Walk(bits) => {
                    let may = move |n: u32| bits[n as usize / 64] & (1 << (n % 64)) != 0;
                    self.walk(q, may, |e| e.haystack.contains(needle)).take(want).collect()
                }
                Candidates::Few(found) => {
                    let mut keys: Vec<Key> = found
                        .into_iter()
                        .filter_map(|n| self.entry(n))
                        .filter(|e| q.after.is_none_or(|after| e.key > after))
                        .filter(|e| q.pages.contains(&e.facts.page))
                        .filter(|e| self.passes(e, q.filter, q.user, q.now))
                        .map(|e| e.key)
                        .collect();
                    keys.sort_unstable();
                    // In order, until a page is full: a common phrase's other haystacks go unread.
                    let has = |k: &Key| self.entry(k.1).is_some_and(|e| e.haystack.contains(needle));
                    keys.into_iter().filter(has).take(want).collect()
                }
            },
        };
        let more = keys.len() > q.limit;
        keys.truncate(q.limit);
        Found { next: if more { keys.last().copied() } else { None }, rows: keys.into_iter().map(|k| k.1).collect() }
    }

    /// The rows of `q`'s Pages and filter in order, that `may` (by number, before the entry is
    /// read) and `keep` keep. Awaiting a reply ends where activity is older than the reply
    /// window: no conversation past it can be awaiting.
    fn walk<'s>(
        &'s self,
        q: &Query<'_>,
        may: impl Fn(u32) -> bool + 's,
        keep: impl Fn(&Entry) -> bool + 's,
    ) -> impl Iterator<Item = Key> + 's {
        let (filter, user, now) = (q.filter, q.user.clone(), q.now);
        self.ordered(q.pages, filter, q.user, q.after)
            .take_while(move |k| filter != ConversationFilter::AwaitingReply || k.0 .0 + REPLY_WINDOW_MS > now)
            .filter(move |k| {
                may(k.1)
                    && self.entry(k.1).is_some_and(|e| {
                        // The sets say the filter; the window of awaiting a reply runs out by itself.
                        (filter != ConversationFilter::AwaitingReply || self.passes(e, filter, &user, now)) && keep(e)
                    })
            })
    }

    /// Which conversations may hold `needle`. A short one: its gram's postings. A longer one:
    /// the postings of its trigrams, intersected where they line up as in the needle, so a
    /// character or a phrase that is nowhere ends here, before any haystack is read.
    fn candidates(&self, needle: &str) -> Candidates {
        let len = needle.chars().count();
        let found: Vec<u32> = if len < GRAM {
            let Some((gram, _)) = grams(needle, len).next() else { return Candidates::None };
            match self.postings.get(&gram) {
                Some(list) => list.clone(),
                None => return Candidates::None,
            }
        } else {
            match self.lined_up(needle) {
                Some(found) => found,
                None => return Candidates::None,
            }
        };
        if found.is_empty() {
            Candidates::None
        } else if found.len() * 8 < self.entries.len() {
            Candidates::Few(found)
        } else {
            // Common: walking the order finds a page of hits sooner than sorting them all would
            // (inbox_bench measures both).
            let mut bits = vec![0u64; self.entries.len().div_ceil(64)];
            for n in found {
                bits[n as usize / 64] |= 1 << (n % 64);
            }
            Candidates::Walk(bits)
        }
    }

    /// The conversations that have every trigram of `needle` (3 characters or more) where the
    /// needle has them, as far as the places tell; `None` if a trigram is nowhere.
    fn lined_up(&self, needle: &str) -> Option<Vec<u32>> {
        let mut wanted: Vec<(u64, usize)> = grams(needle, GRAM).collect();
        wanted.sort_unstable();
        // Each trigram once, with every offset it has in the needle, rarest first.
        let mut lists = Vec::new();
        for run in wanted.chunk_by(|a, b| a.0 == b.0) {
            let offsets: Vec<u32> = run.iter().map(|&(_, i)| (i % PLACES) as u32).collect();
            lists.push((self.trigrams.get(&run[0].0)?, offsets));
        }
        lists.sort_by_key(|(placed, _)| placed.ns.len());
        // Where the needle may start: bit `s` when the trigram at offset `o` is at `s + o`.
        let starts = |at: Places, offsets: &[u32]| offsets.iter().fold(Places::MAX, |s, &o| s & at.rotate_right(o));
        let (rarest, offsets) = &lists[0];
        let mut found: Vec<(u32, Places)> = (rarest.ns.iter().zip(&rarest.at))
            .map(|(&n, &at)| (n, starts(at, offsets)))
            .filter(|&(_, s)| s != 0)
            .collect();
        // Each list costs its length: past the rarest few, a phrase's trigrams remove little,
        // and a 200-character query has ~200.
        for (placed, offsets) in lists.iter().skip(1).take(MAX_LISTS - 1) {
            let mut from = 0;
            found.retain_mut(|(n, s)| {
                from = seek(&placed.ns, from, *n);
                if placed.ns.get(from) != Some(n) {
                    return false;
                }
                *s &= starts(placed.at[from], offsets);
                *s != 0
            });
        }
        Some(found.into_iter().map(|(n, _)| n).collect())
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
        let awaiting_reply = self.walk(&q, |_| true, |_| true).count();
        let unread: usize = pages.iter().filter_map(|p| self.pages.get(p)?.unread.get(user)).map(BTreeSet::len).sum();
        InboxCounts { awaiting_reply: awaiting_reply as u32, unread: unread as u32 }
    }
}

enum Candidates {
    None,
    /// Walk the order, reading the haystacks the bitmap (by number) allows.
    Walk(Vec<u64>),
    Few(Vec<u32>),
}

/// Where `n` is in the ascending `list`, or where it would go. New conversations come with the
/// largest number: an append, found without a search.
fn place(list: &[u32], n: u32) -> Result<usize, usize> {
    match list.last() {
        Some(&last) if last >= n => list.binary_search(&n),
        _ => Err(list.len()),
    }
}

/// The first place at or after `from` in the ascending `list` whose number is `n` or more: a
/// gallop, so a few numbers looked up in a long list cost little, and many cost one pass.
fn seek(list: &[u32], from: usize, n: u32) -> usize {
    let (mut lo, mut step) = (from, 1);
    while lo + step < list.len() && list[lo + step] < n {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(list.len());
    lo + list[lo.min(hi)..hi].partition_point(|&x| x < n)
}

fn awaiting(facts: &Facts, now: EpochMs) -> bool {
    facts.awaiting_since.is_some_and(|at| now < at + REPLY_WINDOW_MS)
}

/// The longest gram indexed: a query of this many characters or more looks up trigrams.
const GRAM: usize = 3;

/// Most trigram lists a query intersects (see [`Inbox::lined_up`]).
const MAX_LISTS: usize = 16;

/// The runs of `len` (1 to [`GRAM`]) adjacent characters within each field, each packed in a
/// `u64` key, 21 bits a character (a `char` fits), with the character of `text` it starts at.
/// No haystack holds `\0` (control characters are dropped), so a shorter gram, zeros in
/// front, is never a longer one's key.
fn grams(text: &str, len: usize) -> impl Iterator<Item = (u64, usize)> + '_ {
    debug_assert!((1..=GRAM).contains(&len));
    let mask = (1u64 << (21 * len)) - 1;
    let (mut window, mut have) = (0u64, 0usize);
    text.chars().enumerate().filter_map(move |(i, c)| {
        if c == FIELD_SEPARATOR {
            (window, have) = (0, 0);
            return None;
        }
        window = ((window << 21) | u64::from(c)) & mask;
        have += 1;
        (have >= len).then(|| (window, i + 1 - len))
    })
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

/// FxHash (rustc's): the gram keys are small integers this process made, so a DoS-proof
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
            last_inbound: None,
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
    fn each_page_keeps_its_newest_customer_message() {
        let mut inbox = Inbox::default();
        let wrote = |page: &str, activity, last_inbound| Facts { last_inbound, ..facts(page, activity) };
        let none = (0, 0, 0);
        inbox.upsert(0, wrote("a", 5, Some(5)), none, String::new);
        inbox.upsert(1, wrote("a", 9, Some(3)), none, String::new);
        inbox.upsert(2, wrote("b", 7, None), none, String::new);
        assert_eq!((inbox.last_inbound(&"a".into()), inbox.last_inbound(&"b".into())), (Some(5), None));
        // A reply moves the conversation, not the Page's last customer message; a new one does.
        inbox.upsert(1, wrote("a", 12, Some(3)), none, String::new);
        assert_eq!(inbox.last_inbound(&"a".into()), Some(5));
        inbox.upsert(2, wrote("b", 14, Some(14)), none, String::new);
        inbox.upsert(1, wrote("a", 15, Some(15)), none, String::new);
        assert_eq!((inbox.last_inbound(&"a".into()), inbox.last_inbound(&"b".into())), (Some(15), Some(14)));
        assert_eq!(inbox.last_inbound(&"c".into()), None);
    }

    #[test]
    fn search_finds_names_and_text_in_any_case_and_width_and_japanese() {
        let mut inbox = Inbox::default();
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
        // One character: its own postings, common enough to walk.
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

    fn hay(parts: &[&str]) -> String {
        parts.iter().map(|p| normalize(p)).collect::<Vec<_>>().join("\u{1}")
    }

    #[test]
    fn a_phrase_of_common_grams_that_is_nowhere_ends_at_the_postings() {
        let mut inbox = Inbox::default();
        // Every trigram of "order order" and of "we're is" in every haystack, never in a row.
        let texts = ["Emma Brown", "Where is my order 1234?", "Can I get an invoice for order 5678?", "We're sorry!"];
        for n in 0..40u32 {
            // One message at a time, as they come: each starts where the last ended.
            for k in 1..=texts.len() {
                inbox.upsert(n, facts("p", 0), (k, 0, 0), || hay(&texts[..k]));
            }
        }
        // One that had the phrase: a message (failed) deleted takes its places with it.
        let with_it = [&texts[..], &["Order order"]].concat();
        inbox.upsert(40, facts("p", 0), (5, 0, 0), || hay(&with_it));
        let none = |inbox: &Inbox, q: &str| matches!(inbox.candidates(&normalize(q)), Candidates::None);
        assert!(!none(&inbox, "order order"));
        inbox.upsert(40, facts("p", 0), (4, 0, 0), || hay(&texts));
        for q in ["order order", "we're is", "where sorry", "q", "zq", "xyz"] {
            assert!(none(&inbox, q), "{q} is turned down before any haystack is read");
        }
        for q in ["order 5678", "r", "or", "for order"] {
            assert!(!none(&inbox, q), "{q} is there");
        }
    }

    /// Every conversation whose haystack holds the needle, by looking: what the index must find.
    fn by_looking(haystacks: &[String], needle: &str) -> Vec<u32> {
        (0..haystacks.len() as u32).filter(|&n| haystacks[n as usize].contains(needle)).collect()
    }

    #[test]
    fn search_finds_what_looking_finds_as_messages_come_change_and_go() {
        let words = ["order", "is", "the", "teapot", "注文", "ございます", "か", "。", "ｏｒｄｅｒ", "42"];
        let mut rng = crate::clock::Rng::new(29);
        let mut pick = |n: usize| (rng.next_u64() % n as u64) as usize;
        let mut threads: Vec<Vec<String>> = vec![Vec::new(); 30];
        let mut inbox = Inbox::default();
        let pages = ["p".into()];
        let user = PersonId::new("u");
        for round in 0..200u64 {
            let n = pick(threads.len());
            let thread = &mut threads[n];
            let text: Vec<&str> = (0..1 + pick(6)).map(|_| words[pick(words.len())]).collect();
            let text = text.join(if pick(2) == 0 { " " } else { "" });
            // Mostly a new message; else an edit, a failed message deleted, or one put before.
            match pick(8) {
                0 if !thread.is_empty() => {
                    let at = pick(thread.len());
                    thread[at] = text;
                }
                1 if !thread.is_empty() => {
                    thread.remove(pick(thread.len()));
                }
                2 => thread.insert(0, text),
                _ => thread.push(text),
            }
            let haystack = hay(&[&["Name"], &thread.iter().map(String::as_str).collect::<Vec<_>>()[..]].concat());
            inbox.upsert(n as u32, facts("p", 0), (round as usize, 0, 0), || haystack);
            let haystacks: Vec<String> = (0..threads.len() as u32)
                .map(|n| inbox.entry(n).map_or_else(String::new, |e| e.haystack.to_string()))
                .collect();
            // The words, pairs of them, and pieces of a haystack of every length.
            let mut needles: Vec<String> = words.iter().map(|w| normalize(w)).collect();
            needles.extend((0..20).map(|_| normalize(&format!("{} {}", words[pick(10)], words[pick(10)]))));
            needles.extend((0..20).map(|_| normalize(&format!("{}{}", words[pick(10)], words[pick(10)]))));
            let chars: Vec<char> = haystacks[n].chars().collect();
            for _ in 0..20 {
                let from = pick(chars.len());
                let piece: String = chars[from..(from + 1 + pick(8)).min(chars.len())].iter().collect();
                needles.push(piece.replace(FIELD_SEPARATOR, ""));
            }
            for needle in needles.iter().filter(|n| !n.is_empty()) {
                let mut found = all_pages(&inbox, Query { needle: Some(needle), limit: 7, ..query(&pages, &user) });
                found.sort_unstable();
                assert_eq!(found, by_looking(&haystacks, needle), "{needle:?} after round {round}");
            }
        }
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
