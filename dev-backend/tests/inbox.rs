//! The list at volume: pages and their cursor, filters, search, counts, and each agent's
//! unread count and read mark, against `/sim/customers`' made-up inbox.
mod common;

use std::collections::HashSet;

use common::*;
use contract::*;
use dev_backend::Options;
use serde_json::json;

async fn with_customers(scenario: &str, count: usize, seed: u64) -> Server {
    start_with(Options { scenario: scenario.into(), sim: true, customers: Some((count, seed)), ..Default::default() })
        .await
}

async fn list(server: &Server, query: &str) -> ConversationList {
    ok_json(server.get(&format!("/api/conversations{query}")).await).await
}

fn ids(list: &ConversationList) -> Vec<String> {
    list.conversations.iter().map(|c| c.id.to_string()).collect()
}

/// Every row of `query`, following `next_cursor` to the end.
async fn every_page(server: &Server, query: &str) -> Vec<ConversationSummary> {
    let sep = if query.is_empty() { "?" } else { "&" };
    let mut page = list(server, query).await;
    let mut rows = page.conversations.clone();
    while let Some(next) = page.next_cursor.clone() {
        page = list(server, &format!("{}{sep}cursor={next}", if query.is_empty() { "" } else { query })).await;
        rows.extend(page.conversations.clone());
    }
    rows
}

fn activity(c: &ConversationSummary) -> EpochMs {
    c.last_message.as_ref().map_or(0, |m| m.created_at)
}

#[tokio::test]
async fn no_parameters_give_the_first_fifty_newest_first_and_a_cursor_pages_to_the_end() {
    let server = with_customers("installed", 230, 1).await;
    let first = list(&server, "").await;
    assert_eq!(first.conversations.len(), DEFAULT_LIST_LIMIT as usize);
    assert!(first.next_cursor.is_some());
    assert!(first.counts.is_some(), "counts come with every answer");
    let rows = every_page(&server, "?limit=37").await;
    assert_eq!(rows.len(), 234, "the 230 and the fixture's four");
    let unique: HashSet<_> = rows.iter().map(|c| c.id.clone()).collect();
    assert_eq!(unique.len(), rows.len(), "no conversation twice");
    assert!(rows.windows(2).all(|w| activity(&w[0]) >= activity(&w[1])), "newest activity first");
    // A last page that ends exactly at the end says so.
    let first = list(&server, "?limit=117").await;
    let last = list(&server, &format!("?limit=117&cursor={}", first.next_cursor.unwrap())).await;
    assert_eq!((last.conversations.len(), last.next_cursor), (117, None));
}

#[tokio::test]
async fn the_limit_is_clamped_and_a_bad_cursor_or_filter_is_a_typed_400() {
    let server = with_customers("installed", 300, 2).await;
    assert_eq!(list(&server, "?limit=500").await.conversations.len(), MAX_LIST_LIMIT as usize);
    assert_eq!(list(&server, "?limit=0").await.conversations.len(), 1);
    for (query, parameter) in [
        ("?cursor=not-ours", "cursor"),
        ("?filter=spam", "filter"),
        ("?limit=lots", "limit"),
        ("?cursor=1zz", "cursor"),
    ] {
        let error =
            expect_error(server.get(&format!("/api/conversations{query}")).await, 400, ErrorCode::InvalidRequest).await;
        assert_eq!(error.details.parameter.as_deref(), Some(parameter), "{query}");
    }
}

#[tokio::test]
async fn a_conversation_that_moves_while_the_agent_pages_is_seen_exactly_once() {
    let server = with_customers("installed", 300, 3).await;
    let everyone: Vec<String> = every_page(&server, "?limit=200").await.iter().map(|c| c.id.to_string()).collect();
    let first = list(&server, "?limit=50").await;
    // One the agent has seen, and one far ahead of the cursor, both get a new message.
    let (seen, ahead) = (ids(&first)[10].clone(), everyone[170].clone());
    for customer in [&seen, &ahead] {
        let res = server.post("/sim/inbound", json!({"customer": customer, "text": "Any news?"})).await;
        assert_eq!(res.status(), 201);
    }
    let mut shown = ids(&first);
    let mut next = first.next_cursor.clone();
    while let Some(cursor) = next {
        let page = list(&server, &format!("?limit=50&cursor={cursor}")).await;
        shown.extend(ids(&page));
        next = page.next_cursor;
    }
    let unique: HashSet<_> = shown.iter().cloned().collect();
    assert_eq!(unique.len(), shown.len(), "nothing shown twice");
    assert!(!shown[50..].contains(&seen), "the one seen is not shown again");
    assert!(!shown.contains(&ahead), "the one that moved above the cursor is not in the later pages");
    // ...it comes through /api/updates from the first page's cursor, to go on top.
    let moved: Vec<String> = server
        .events_since(first.cursor)
        .await
        .into_iter()
        .filter_map(|e| match e {
            UpdateEvent::Conversation { conversation } => Some(conversation.id.to_string()),
            _ => None,
        })
        .collect();
    assert!(moved.contains(&ahead) && moved.contains(&seen), "{moved:?}");
    let all: HashSet<_> = unique.union(&moved.into_iter().collect()).cloned().collect();
    assert_eq!(all, everyone.into_iter().collect::<HashSet<_>>(), "none lost");
}

#[tokio::test]
async fn each_filter_keeps_what_it_says_and_its_count_matches() {
    let server = with_customers("installed_two_pages", 600, 4).await;
    let all = every_page(&server, "?limit=200").await;
    let now = list(&server, "").await.server_time;
    let awaiting = every_page(&server, "?filter=awaiting_reply&limit=200").await;
    assert!(!awaiting.is_empty());
    for c in &awaiting {
        let last = c.last_message.as_ref().unwrap();
        assert!(c.reply_window.open && c.reply_window.reply_by.unwrap() > now, "{}", c.id);
        assert!(
            last.direction == Direction::Inbound || matches!(last.status, MessageStatus::Failed { .. }),
            "{}: the customer wrote last",
            c.id
        );
    }
    let expected_awaiting = all
        .iter()
        .filter(|c| c.reply_window.open && c.last_message.as_ref().is_some_and(|m| m.direction == Direction::Inbound))
        .count();
    // A failed send is no answer: those count too, so at least the plain ones.
    assert!(awaiting.len() >= expected_awaiting);
    let unread = every_page(&server, "?filter=unread&limit=200").await;
    assert!(!unread.is_empty() && unread.iter().all(|c| c.unread > 0));
    assert_eq!(unread.len(), all.iter().filter(|c| c.unread > 0).count());
    let cannot = every_page(&server, "?filter=cannot_receive&limit=200").await;
    assert!(!cannot.is_empty() && cannot.iter().all(|c| c.cannot_receive_since.is_some()));
    assert_eq!(cannot.len(), all.iter().filter(|c| c.cannot_receive_since.is_some()).count());
    let other = every_page(&server, "?filter=other_app&limit=200").await;
    assert!(!other.is_empty() && other.iter().all(|c| c.owner_app.is_some()));
    assert_eq!(other.len(), all.iter().filter(|c| c.owner_app.is_some()).count());
    assert_eq!(every_page(&server, "?filter=all&limit=200").await.len(), all.len());

    let counts = list(&server, "?filter=other_app&q=zzz").await.counts.unwrap();
    assert_eq!(counts, InboxCounts { awaiting_reply: awaiting.len() as u32, unread: unread.len() as u32 });

    // One Page, and one Page with a filter.
    let outlet = "p-sakura-outlet";
    let on_outlet = every_page(&server, &format!("?page={outlet}&limit=200")).await;
    assert!(on_outlet.iter().all(|c| c.page.as_ref().unwrap().id == outlet));
    assert_eq!(on_outlet.len(), all.iter().filter(|c| c.page.as_ref().unwrap().id == outlet).count());
    let outlet_unread = every_page(&server, &format!("?page={outlet}&filter=unread&limit=200")).await;
    let expected: Vec<_> = unread.iter().filter(|c| c.page.as_ref().unwrap().id == outlet).map(|c| &c.id).collect();
    assert_eq!(outlet_unread.iter().map(|c| &c.id).collect::<Vec<_>>(), expected);
    assert!(!expected.is_empty());
}

#[tokio::test]
async fn a_search_finds_names_and_text_in_english_and_japanese_with_the_matching_message() {
    let server = with_customers("installed", 400, 5).await;
    // By name, in any case.
    let found = every_page(&server, "?q=KEN%20WATANABE").await;
    assert_eq!(ids_of(&found), ["ken"]);
    assert_eq!(found[0].search_hit, None, "a name has no message to jump to");
    // By text: Riku's question, with the message's seq and a snippet around it.
    let found = every_page(&server, "?q=blue%20teapot%20in%20stock").await;
    let riku = found.iter().find(|c| c.id == "riku").expect("Riku asked about the blue teapot");
    let hit = riku.search_hit.as_ref().unwrap();
    assert_eq!(hit.snippet, "Do you have the blue teapot in stock?");
    let thread: ConversationDetail = ok_json(server.get("/api/conversations/riku").await).await;
    assert_eq!(thread.messages.iter().find(|m| m.seq == hit.seq).unwrap().text, hit.snippet);
    for c in &found {
        let snippet = &c.search_hit.as_ref().unwrap().snippet;
        assert!(snippet.to_lowercase().contains("blue teapot in stock"), "{snippet}");
        assert!(snippet.chars().count() <= SNIPPET_CHARS);
    }
    // Japanese: a name, and message text (full-width digits read as ASCII ones).
    let sato = every_page(&server, "?q=%E4%BD%90%E8%97%A4").await; // 佐藤
    assert!(!sato.is_empty() && sato.iter().all(|c| c.customer.name.contains("佐藤")));
    let delivery = every_page(&server, "?q=%E9%85%8D%E9%80%81%E7%8A%B6%E6%B3%81&limit=200").await; // 配送状況
    assert!(!delivery.is_empty());
    for c in &delivery {
        assert!(c.search_hit.as_ref().unwrap().snippet.contains("配送状況"), "{:?}", c.search_hit);
    }
    // Search combines with a filter, and nothing matches nonsense.
    let unread_delivery = every_page(&server, "?q=%E9%85%8D%E9%80%81%E7%8A%B6%E6%B3%81&filter=unread").await;
    assert!(unread_delivery.iter().all(|c| c.unread > 0));
    assert!(unread_delivery.len() < delivery.len());
    assert!(list(&server, "?q=xyzzy-nothing").await.conversations.is_empty());
}

fn ids_of(rows: &[ConversationSummary]) -> Vec<&str> {
    rows.iter().map(|c| c.id.as_str()).collect()
}

#[tokio::test]
async fn unread_is_each_agents_own_and_a_read_mark_tells_only_that_agents_tabs() {
    let haruto = start("installed").await;
    let haruto_tab2 = haruto.other_session().await;
    let aiko = haruto.browser_of("Aiko Tanaka").await;
    let unread = |list: &ConversationList, id: &str| list.conversations.iter().find(|c| c.id == id).unwrap().unread;
    // The fixture: Ken's newest message is new to everyone, Mina's thread is read.
    let before = list(&haruto, "").await;
    assert_eq!((unread(&before, "ken"), unread(&before, "mina")), (1, 0));
    assert_eq!(before.counts.unwrap().unread, 1);
    let res = haruto.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Hello again"})).await;
    let newest: Message = ok_json(res).await;
    let (haruto_cursor, aiko_cursor) = (haruto.cursor().await, aiko.cursor().await);
    assert_eq!(unread(&list(&aiko, "").await, "ken"), 2);

    let mark: ReadMark = ok_json(haruto.post("/api/conversations/ken/read", json!({"seq": newest.seq})).await).await;
    assert_eq!((mark.conversation_id.as_str(), mark.seq, mark.unread), ("ken", newest.seq, 0));
    // The answer carries the badges after the mark: no list to ask for them.
    assert_eq!(mark.counts.map(|c| c.unread), Some(0));
    // Haruto's other tab hears it; Aiko does not, and still has two unread.
    let heard: contract::Updates =
        ok_json(haruto_tab2.get(&format!("/api/updates?since={haruto_cursor}&wait=0")).await).await;
    assert_eq!(heard.events, [UpdateEvent::ReadMark { conversation_id: "ken".into(), seq: newest.seq, unread: 0 }]);
    // With the badges after it: the other tab asks for no list either.
    assert_eq!(heard.counts.map(|c| c.unread), Some(0));
    assert!(aiko.events_since(aiko_cursor).await.is_empty());
    let (h, a) = (list(&haruto, "").await, list(&aiko, "").await);
    assert_eq!((unread(&h, "ken"), unread(&a, "ken")), (0, 2));
    assert_eq!((h.counts.unwrap().unread, a.counts.unwrap().unread), (0, 1));
    assert!(list(&haruto, "?filter=unread").await.conversations.is_empty());
    assert_eq!(ids(&list(&aiko, "?filter=unread").await), ["ken"]);
    // The thread says the same.
    let thread: ConversationDetail = ok_json(aiko.get("/api/conversations/ken").await).await;
    assert_eq!(thread.conversation.unread, 2);

    // Never backwards: an older seq leaves the mark, says so, and tells no one.
    let cursor = haruto.cursor().await;
    let back: ReadMark = ok_json(haruto.post("/api/conversations/ken/read", json!({"seq": 1})).await).await;
    assert_eq!((back.seq, back.unread), (newest.seq, 0));
    assert!(haruto.events_since(cursor).await.is_empty());
    // A seq past the end reads to the end, no further: the next message is unread.
    let far: ReadMark = ok_json(aiko.post("/api/conversations/ken/read", json!({"seq": u64::MAX})).await).await;
    assert_eq!((far.seq, far.unread), (newest.seq, 0));
    haruto.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "One more thing"})).await;
    assert_eq!(unread(&list(&aiko, "").await, "ken"), 1);
    // A conversation event carries each poller's own unread.
    let event_unread = |events: Vec<UpdateEvent>| {
        events.into_iter().rev().find_map(|e| match e {
            UpdateEvent::Conversation { conversation } => Some(conversation.unread),
            _ => None,
        })
    };
    assert_eq!(event_unread(aiko.events_since(aiko_cursor).await), Some(1));
}

#[tokio::test]
async fn marking_read_needs_the_csrf_token_and_a_conversation_of_the_inbox() {
    let server = start("installed").await;
    let res =
        server.client.post(server.url("/api/conversations/ken/read")).json(&json!({"seq": 3})).send().await.unwrap();
    expect_error(res, 403, ErrorCode::CsrfTokenInvalid).await;
    expect_error(server.post("/api/conversations/nobody/read", json!({"seq": 3})).await, 404, ErrorCode::NotFound)
        .await;
    expect_error(server.post("/api/conversations/ken/read", json!({"seq": "x"})).await, 400, ErrorCode::InvalidRequest)
        .await;
}

#[tokio::test]
async fn a_deep_link_opens_a_conversation_far_past_the_first_page() {
    let server = with_customers("installed", 500, 6).await;
    let rows = every_page(&server, "?limit=200").await;
    let far = &rows[480];
    let thread: ConversationDetail = ok_json(server.get(&format!("/api/conversations/{}", far.id)).await).await;
    assert_eq!(thread.conversation.id, far.id);
    assert_eq!(thread.messages.last(), far.last_message.as_ref());
}

#[tokio::test]
async fn the_same_seed_makes_the_same_customers_and_another_seed_others() {
    let names = |rows: Vec<ConversationSummary>| -> Vec<(String, String, usize)> {
        rows.into_iter()
            .map(|c| (c.id.to_string(), c.customer.name, c.last_message.map_or(0, |m| m.text.len())))
            .collect()
    };
    let a = with_customers("installed", 120, 42).await;
    let b = start("installed").await;
    let added: serde_json::Value = ok_json(b.post("/sim/customers", json!({"count": 120, "seed": 42})).await).await;
    assert_eq!(added, json!({"added": 120, "conversations": 124}));
    let c = with_customers("installed", 120, 43).await;
    let (a, b, c) = (
        names(every_page(&a, "?limit=200").await),
        names(every_page(&b, "?limit=200").await),
        names(every_page(&c, "?limit=200").await),
    );
    assert_eq!(a, b);
    assert_ne!(a, c);
    let japanese = a.iter().filter(|(_, name, _)| !name.is_ascii()).count();
    assert!((20..100).contains(&japanese), "names in Japanese and English: {japanese} of 124");
}

#[tokio::test]
async fn adding_customers_makes_every_client_start_again_and_needs_a_connected_page() {
    let mut server = start("installed").await;
    let cursor = server.cursor().await;
    server.post("/sim/customers", json!({"count": 10, "seed": 1})).await;
    let updates: Updates = ok_json(server.get(&format!("/api/updates?since={cursor}&wait=0")).await).await;
    assert!(updates.reset, "they land all over the list, so the client refetches it");
    server.reset("fresh").await;
    let res = server.post("/sim/customers", json!({"count": 10, "seed": 1})).await;
    expect_error(res, 409, ErrorCode::NotInstalled).await;
}

#[tokio::test]
async fn a_reply_ends_awaiting_and_the_updates_carry_the_new_counts() {
    let haruto = start("installed").await;
    let before = list(&haruto, "").await.counts.unwrap().awaiting_reply;
    let cursor = haruto.cursor().await;
    let reply = json!({"client_message_id": "c-reply-1", "text": "We ship to Hokkaido, yes."});
    assert_eq!(haruto.post("/api/conversations/ken/messages", reply).await.status(), 201);
    let heard: Updates = ok_json(haruto.get(&format!("/api/updates?since={cursor}&wait=0")).await).await;
    // Only the message's event: the badge follows it all the same.
    assert!(!heard.events.is_empty());
    assert_eq!(heard.counts.map(|c| c.awaiting_reply), Some(before - 1));
    assert_eq!(list(&haruto, "").await.counts.unwrap().awaiting_reply, before - 1);
}

#[tokio::test]
async fn a_reply_reads_the_thread_for_its_sender_and_tells_only_their_tabs() {
    let haruto = start("installed").await;
    let haruto_tab2 = haruto.other_session().await;
    let aiko = haruto.browser_of("Aiko Tanaka").await;
    let unread = |list: &ConversationList, id: &str| list.conversations.iter().find(|c| c.id == id).unwrap().unread;
    // Ken's newest message is new to everyone; he writes again: two unread each.
    haruto.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Are you there?"})).await;
    let (before, aiko_before) = (list(&haruto, "").await, list(&aiko, "").await);
    assert_eq!((unread(&before, "ken"), unread(&aiko_before, "ken")), (2, 2));
    let (cursor, aiko_cursor) = (haruto.cursor().await, aiko.cursor().await);

    let reply = json!({"client_message_id": "c-read-1", "text": "Here, yes: it ships today."});
    let res = haruto.post("/api/conversations/ken/messages", reply).await;
    assert_eq!(res.status(), 201);
    let sent: Message = res.json().await.unwrap();

    // Haruto read the thread to write in it: up to his own reply, and his badge goes down.
    let after = list(&haruto, "").await;
    assert_eq!(unread(&after, "ken"), 0);
    assert_eq!(after.counts.unwrap().unread, before.counts.unwrap().unread - 1);
    // His other tab hears it as a read mark, with the badges after it, as `POST …/read` tells it.
    let heard: Updates = ok_json(haruto_tab2.get(&format!("/api/updates?since={cursor}&wait=0")).await).await;
    let mark = UpdateEvent::ReadMark { conversation_id: "ken".into(), seq: sent.seq, unread: 0 };
    assert!(heard.events.contains(&mark), "{:?}", heard.events);
    assert_eq!(heard.counts.map(|c| c.unread), after.counts.map(|c| c.unread));
    // Aiko did not read it: her mark and her badge stay, and she hears the message, not the mark.
    let aiko_after = list(&aiko, "").await;
    assert_eq!(unread(&aiko_after, "ken"), 2);
    assert_eq!(aiko_after.counts.unwrap().unread, aiko_before.counts.unwrap().unread);
    let aiko_heard = aiko.events_since(aiko_cursor).await;
    assert!(aiko_heard.iter().any(|e| matches!(e, UpdateEvent::Message { .. })));
    assert!(!aiko_heard.iter().any(|e| matches!(e, UpdateEvent::ReadMark { .. })), "{aiko_heard:?}");

    // A send Facebook refuses is kept, and was written in the thread all the same.
    haruto.post("/sim/customer", json!({"customer": "Ken Watanabe", "available": false})).await;
    haruto.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Hello?"})).await;
    assert_eq!(unread(&list(&haruto, "").await, "ken"), 1);
    let res =
        haruto.post("/api/conversations/ken/messages", json!({"client_message_id": "c-read-2", "text": "Yes?"})).await;
    expect_error(res, 422, ErrorCode::RecipientUnavailable).await;
    assert_eq!(unread(&list(&haruto, "").await, "ken"), 0);
    assert_eq!(unread(&list(&aiko, "").await, "ken"), 3);
}
