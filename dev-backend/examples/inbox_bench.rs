//! How the dev backend's inbox answers at a real company's volume: adds made-up customers
//! (100,000 by default) to `installed_two_pages`, then times each kind of list request the way
//! `GET /api/conversations` answers it (the index, the summaries and the JSON), and prints the
//! figures docs/performance.md records. A benchmark, not a test: nothing here is asserted.
//!
//! `cargo run --release -p dev-backend --example inbox_bench [-- COUNT [SEED]]`

use std::time::{Duration, Instant};

use contract::PersonId;
use dev_backend::listing::{ListRequest, RawListQuery};
use dev_backend::world::HARUTO;
use dev_backend::{Scenario, World};

const RUNS: usize = 200;

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn request(pairs: &[(&str, &str)]) -> ListRequest {
    let get = |k: &str| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| (*v).to_owned());
    let raw = RawListQuery {
        limit: get("limit"),
        cursor: get("cursor"),
        filter: get("filter"),
        page: get("page"),
        q: get("q"),
    };
    ListRequest::parse(raw).expect("a valid query")
}

/// One answer as the route makes it: the list, then its JSON. Returns the rows and the bytes.
fn answer(world: &World, user: &PersonId, request: &ListRequest) -> (usize, usize, Option<String>) {
    let list = world.conversation_list(user, request).expect("the inbox is visible");
    let bytes = serde_json::to_vec(&list).expect("encodes").len();
    (list.conversations.len(), bytes, list.next_cursor)
}

fn time(world: &World, user: &PersonId, label: &str, pairs: &[(&str, &str)]) {
    let request = request(pairs);
    let (rows, _, _) = answer(world, user, &request);
    timed(label, &rows.to_string(), || answer(world, user, &request).1);
}

/// Times `make` (which returns the answer's bytes) [`RUNS`] times, and prints a row.
fn timed(label: &str, rows: &str, make: impl Fn() -> usize) {
    let bytes = make();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(make());
            start.elapsed()
        })
        .collect();
    times.sort();
    let (p50, p99) = (times[RUNS / 2], times[RUNS * 99 / 100]);
    // Two decimals, or three below a tenth of a millisecond, so those are not 0.00.
    let ms = |d: Duration| if ms(d) < 0.1 { format!("{:.3}", ms(d)) } else { format!("{:.2}", ms(d)) };
    println!("| {label} | {rows} | {:.1} KiB | {} | {} |", bytes as f64 / 1024.0, ms(p50), ms(p99));
}

/// Words of the made-up messages (`dev-backend/src/customers.rs`), whose pairs are mostly
/// nowhere though every gram of them is common: the searches the index finds hardest.
const WORDS_EN: &str = "is in the order stock of for my a i can get you it to on its way we're sorry thank tea \
    cups set date where blue teapot ships tomorrow let me check yes could wrap invoice an change like";
const WORDS_JA: &str = "注文 番号 の 配送 状況 を 教えて ください 。 在庫 は あります か ギフト 用 に 包装 できます \
    届いた が 割れて いました 交換 お願い します お届け 日 変更 したい です ありがとう ございます ！ 領収書 発行 \
    いただけます 確認 いたします 明日 発送 予定 大変 申し訳";

/// Every pair of [`WORDS_EN`] (with a space) and of [`WORDS_JA`], each searched 3 times: the
/// three slowest, with their median.
fn slowest_pairs(world: &World, user: &PersonId) -> Vec<(String, f64)> {
    let pairs = |words: &'static str, between: &'static str| {
        words.split_whitespace().flat_map(move |a| words.split_whitespace().map(move |b| format!("{a}{between}{b}")))
    };
    let (en, ja) = (pairs(WORDS_EN, " "), pairs(WORDS_JA, ""));
    let mut all: Vec<(String, f64)> = en
        .chain(ja)
        .map(|q| {
            let request = request(&[("q", &q)]);
            let mut times: Vec<f64> = (0..3)
                .map(|_| {
                    let start = Instant::now();
                    std::hint::black_box(answer(world, user, &request));
                    ms(start.elapsed())
                })
                .collect();
            times.sort_by(f64::total_cmp);
            (q, times[1])
        })
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (n, p50, slowest) = (all.len(), all[all.len() / 2].1, all[0].1);
    println!("| ({n} word pairs, nearly all nowhere: p50 {p50:.2} ms, slowest {slowest:.2} ms) | | | | |");
    all.truncate(3);
    all
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let user = PersonId::new(HARUTO);
    let mut world = Scenario::InstalledTwoPages.world();
    let before = rss_mib();
    let start = Instant::now();
    world.add_customers(count, seed).expect("two Pages are connected");
    let added = start.elapsed();
    let after = rss_mib();
    println!(
        "Added {count} customers (seed {seed}) in {:.2} s; RSS {before:.0} MiB before, {after:.0} MiB after.",
        added.as_secs_f64()
    );
    let counts = world.conversation_list(&user, &ListRequest::default()).unwrap().counts.unwrap();
    println!("Counts for Haruto: {} awaiting a reply, {} unread.\n", counts.awaiting_reply, counts.unread);

    println!("| request | rows | answer | p50 ms | p99 ms |");
    println!("|---|---|---|---|---|");
    time(&world, &user, "first page (no parameters)", &[]);
    time(&world, &user, "first page, limit=200", &[("limit", "200")]);
    for filter in ["awaiting_reply", "unread", "cannot_receive", "other_app"] {
        time(&world, &user, &format!("filter={filter}"), &[("filter", filter)]);
    }
    time(&world, &user, "page=p-sakura-outlet", &[("page", "p-sakura-outlet")]);
    time(&world, &user, "page=p-sakura-outlet&filter=unread", &[("page", "p-sakura-outlet"), ("filter", "unread")]);
    time(&world, &user, "q=Olivia Smith (a name)", &[("q", "Olivia Smith")]);
    time(&world, &user, "q=佐藤美咲 (a Japanese name)", &[("q", "佐藤美咲")]);
    time(&world, &user, "q=order 4821 (text, rare)", &[("q", "order 4821")]);
    time(&world, &user, "q=blue teapot (text, common)", &[("q", "blue teapot")]);
    time(&world, &user, "q=配送状況 (Japanese text)", &[("q", "配送状況")]);
    time(&world, &user, "q=注文番号4821 (Japanese text, rare)", &[("q", "注文番号4821")]);
    time(&world, &user, "q=s (one letter, common)", &[("q", "s")]);
    time(&world, &user, "q=q (one letter, nowhere)", &[("q", "q")]);
    time(&world, &user, "q=佐藤 (two characters)", &[("q", "佐藤")]);
    time(&world, &user, "q=xyzzy (no match)", &[("q", "xyzzy")]);
    // Every gram common, the phrase nowhere: only the postings can turn these down.
    time(&world, &user, "q=order order (common grams, nowhere)", &[("q", "order order")]);
    time(&world, &user, "q=the the (common grams, nowhere)", &[("q", "the the")]);
    time(&world, &user, "q=ございますか (common grams, nowhere)", &[("q", "ございますか")]);
    time(&world, &user, "q=teapot&filter=unread", &[("q", "teapot"), ("filter", "unread")]);
    for (q, ms) in slowest_pairs(&world, &user) {
        time(&world, &user, &format!("q={q} (a slowest word pair: {ms:.1} ms)"), &[("q", &q)]);
    }
    // The settings' Pages, each with when its newest customer message came.
    timed("GET /api/integrations/facebook", "2 Pages", || {
        serde_json::to_vec(&world.integration_state(&user)).expect("encodes").len()
    });

    // Paging to the end, 200 a page, each page timed.
    let mut pages = Vec::new();
    let (mut cursor, mut rows) = (None::<String>, 0);
    let whole = Instant::now();
    loop {
        let mut pairs = vec![("limit", "200")];
        if let Some(c) = &cursor {
            pairs.push(("cursor", c.as_str()));
        }
        let request = request(&pairs);
        let start = Instant::now();
        let (n, _, next) = answer(&world, &user, &request);
        pages.push(start.elapsed());
        rows += n;
        match next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let total = whole.elapsed();
    pages.sort();
    println!(
        "\nPaged to the end: {rows} rows in {} pages of 200, {:.0} ms in all; a page p50 {:.2} ms, p99 {:.2} ms.",
        pages.len(),
        ms(total),
        ms(pages[pages.len() / 2]),
        ms(pages[pages.len() * 99 / 100])
    );

    // A customer writes, and an agent reads: the index follows both.
    let id = world.conversations[world.conversations.len() / 2].id.to_string();
    let mut writes = Vec::new();
    for i in 0..RUNS {
        let start = Instant::now();
        world.inbound(&id, &format!("Still waiting on order {i}"), Vec::new()).unwrap();
        writes.push(start.elapsed());
    }
    writes.sort();
    let mut reads = Vec::new();
    let seq = world.conversations[world.conversations.len() / 2].messages.last().unwrap().seq;
    for i in 0..RUNS as u64 {
        let start = Instant::now();
        world.mark_read(&user, &id.as_str().into(), seq - RUNS as u64 + i + 1).unwrap();
        reads.push(start.elapsed());
    }
    reads.sort();
    println!(
        "A customer's message (index and events): p50 {:.3} ms, p99 {:.3} ms; a read mark: p50 {:.3} ms, p99 {:.3} ms.",
        ms(writes[RUNS / 2]),
        ms(writes[RUNS * 99 / 100]),
        ms(reads[RUNS / 2]),
        ms(reads[RUNS * 99 / 100])
    );
    println!("RSS at the end: {:.0} MiB.", rss_mib());
}
