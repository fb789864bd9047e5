//! Conversations, the Graph-like Send API, receipts, idempotency and updates.
mod common;

use common::*;
use contract::*;
use serde_json::json;

const HOUR: i64 = 3_600_000;

async fn send(server: &Server, conversation: &str, id: &str, text: &str) -> reqwest::Response {
    server
        .post(&format!("/api/conversations/{conversation}/messages"), json!({"client_message_id": id, "text": text}))
        .await
}

async fn detail(server: &Server, conversation: &str) -> ConversationDetail {
    ok_json(server.get(&format!("/api/conversations/{conversation}")).await).await
}

/// Long-polls until `message_id` reaches a status that `done` accepts, or 10 s pass.
async fn await_status(
    server: &Server,
    conversation: &str,
    message_id: &MessageId,
    done: impl Fn(&MessageStatus) -> bool,
) -> MessageStatus {
    let mut cursor = detail(server, conversation).await.cursor;
    for _ in 0..10 {
        if let Some(m) = detail(server, conversation).await.messages.into_iter().find(|m| m.id == *message_id) {
            if done(&m.status) {
                return m.status;
            }
        }
        let updates: Updates = ok_json(server.get(&format!("/api/updates?since={cursor}&wait=1")).await).await;
        cursor = updates.cursor;
    }
    detail(server, conversation).await.messages.into_iter().find(|m| m.id == *message_id).unwrap().status
}

#[tokio::test]
async fn the_list_has_the_four_customers_with_their_reply_windows_on_server_time() {
    let server = start("installed").await;
    let list: ConversationList = ok_json(server.get("/api/conversations").await).await;
    let by_name = |name: &str| list.conversations.iter().find(|c| c.customer.name == name).unwrap().clone();
    let ken = by_name("Ken Watanabe");
    assert!(ken.reply_window.open);
    // Seeded relative to the start; allow for the moments the test has taken since.
    let about =
        |left: i64, expected: i64| assert!((expected - 5_000..=expected).contains(&left), "{left} vs {expected}");
    about(ken.reply_window.reply_by.unwrap() - list.server_time, 7 * 24 * HOUR - 2 * HOUR);
    let mina = by_name("Mina Kobayashi");
    assert!(mina.reply_window.open);
    about(mina.reply_window.reply_by.unwrap() - list.server_time, 4 * HOUR);
    assert!(!by_name("Riku Yamamoto").reply_window.open);
    assert!(by_name("Sora Ito").reply_window.open);
    assert_eq!(list.conversations.len(), 4);
}

#[tokio::test]
async fn a_send_to_ken_is_sent_then_delivered_then_read() {
    let server = start("installed").await;
    let res = send(&server, "ken", "c-1", "Yes, we ship to Hokkaido.").await;
    assert_eq!(res.status(), 201);
    let message: Message = res.json().await.unwrap();
    assert!(matches!(message.status, MessageStatus::Sent { .. }));
    let status = await_status(&server, "ken", &message.id, |s| matches!(s, MessageStatus::Read { .. })).await;
    assert!(matches!(status, MessageStatus::Read { .. }), "{status:?}");
}

#[tokio::test]
async fn a_repeated_client_message_id_returns_the_same_message_and_never_duplicates() {
    let server = start("installed").await;
    let first: Message = ok_json(send(&server, "ken", "c-dup", "Once").await).await;
    let again = send(&server, "ken", "c-dup", "Once").await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Message>().await.unwrap().id, first.id);

    let responses = futures_util::future::join_all((0..12).map(|_| send(&server, "ken", "c-race", "Raced"))).await;
    let mut ids = Vec::new();
    for res in responses {
        ids.push(ok_json::<Message>(res).await.id);
    }
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
    let messages = detail(&server, "ken").await.messages;
    assert_eq!(messages.iter().filter(|m| m.client_message_id.as_ref().is_some_and(|c| c == "c-race")).count(), 1);
}

#[tokio::test]
async fn riku_is_refused_until_he_writes_again() {
    let server = start("installed").await;
    let error =
        expect_error(send(&server, "riku", "c-r1", "Still there?").await, 422, ErrorCode::ReplyWindowClosed).await;
    let reply_by = error.details.reply_by.unwrap();
    let d = detail(&server, "riku").await;
    assert_eq!(Some(reply_by), d.conversation.reply_window.reply_by);
    let failed = d.messages.iter().find(|m| m.client_message_id.as_ref().is_some_and(|c| c == "c-r1")).unwrap();
    assert_eq!(failed.status, MessageStatus::Failed { reason: SendFailure::ReplyWindowClosed });

    let cursor = d.cursor;
    let res =
        server.post("/sim/inbound", json!({"customer": "Riku Yamamoto", "text": "Is the teapot still there?"})).await;
    assert_eq!(res.status(), 201);
    let updates: Updates = ok_json(server.get(&format!("/api/updates?since={cursor}")).await).await;
    let reopened = updates
        .events
        .iter()
        .any(|e| matches!(e, UpdateEvent::Conversation { conversation } if conversation.reply_window.open));
    assert!(reopened, "{:?}", updates.events);

    // The retry of the failed message goes through under the same id.
    assert_eq!(send(&server, "riku", "c-r1", "Still there?").await.status(), 201);
    let d = detail(&server, "riku").await;
    assert_eq!(d.messages.iter().filter(|m| m.client_message_id.as_ref().is_some_and(|c| c == "c-r1")).count(), 1);
}

#[tokio::test]
async fn minas_window_closes_when_the_clock_passes_reply_by() {
    let server = start("installed").await;
    assert_eq!(send(&server, "mina", "c-m1", "The 28th is fine.").await.status(), 201);
    server.post("/sim/clock", json!({"advance_hours": 4})).await;
    expect_error(send(&server, "mina", "c-m2", "One more thing").await, 422, ErrorCode::ReplyWindowClosed).await;
}

#[tokio::test]
async fn sora_blocked_the_page_so_a_send_stays_sent() {
    let server = start("installed").await;
    let message: Message = ok_json(send(&server, "sora", "c-s1", "Your refund is on its way.").await).await;
    tokio::time::sleep(api_receipt_delay() * 2).await;
    let d = detail(&server, "sora").await;
    let status = &d.messages.iter().find(|m| m.id == message.id).unwrap().status;
    assert!(matches!(status, MessageStatus::Sent { .. }), "{status:?}");
}

fn api_receipt_delay() -> std::time::Duration {
    dev_backend::api::DELIVERED_AFTER + dev_backend::api::READ_AFTER
}

#[tokio::test]
async fn a_restricted_page_and_an_expired_token_refuse_sends_with_their_reasons() {
    let server = start("page_restricted").await;
    let error = expect_error(send(&server, "ken", "c-p1", "Hello").await, 422, ErrorCode::PageRestricted).await;
    let restriction = error.details.restriction.unwrap();
    assert_eq!(restriction.since, 1_795_132_800_000);
    assert!(restriction.appeal_url.contains("support"));

    let server = start("installed_token_expired").await;
    expect_error(send(&server, "ken", "c-t1", "Hello").await, 422, ErrorCode::TokenExpired).await;

    let server = start("installed_permission_missing").await;
    let error = expect_error(send(&server, "ken", "c-m1", "Hello").await, 422, ErrorCode::MissingPermissions).await;
    assert_eq!(error.details.missing_permissions, [contract::Permission::PagesMessaging]);
}

#[tokio::test]
async fn an_unavailable_recipient_is_refused() {
    let server = start("installed").await;
    server.post("/sim/customer", json!({"customer": "Ken Watanabe", "available": false})).await;
    expect_error(send(&server, "ken", "c-u1", "Hello").await, 422, ErrorCode::RecipientUnavailable).await;
}

#[tokio::test]
async fn too_many_sends_are_rate_limited_with_retry_after() {
    let server = start("installed").await;
    server.post("/sim/rate-limit", json!({"sends_per_minute": 2})).await;
    assert_eq!(send(&server, "ken", "c-1", "one").await.status(), 201);
    assert_eq!(send(&server, "ken", "c-2", "two").await.status(), 201);
    let res = send(&server, "ken", "c-3", "three").await;
    let retry_after: u32 = res.headers().get("retry-after").unwrap().to_str().unwrap().parse().unwrap();
    let error = expect_error(res, 429, ErrorCode::RateLimited).await;
    assert_eq!(error.details.retry_after_seconds, Some(retry_after));
    assert!((1..=60).contains(&retry_after));
    // A repeat of an accepted message is not a new send, so it is not limited.
    assert_eq!(send(&server, "ken", "c-1", "one").await.status(), 200);
}

#[tokio::test]
async fn only_failed_messages_can_be_deleted() {
    let server = start("installed").await;
    send(&server, "riku", "c-f", "Hello?").await;
    let sent: Message = ok_json(send(&server, "ken", "c-ok", "Hi").await).await;
    let ken_path = format!("/api/conversations/ken/messages/{}", sent.id);
    expect_error(server.delete(&ken_path).await, 400, ErrorCode::InvalidRequest).await;
    assert_eq!(server.delete("/api/conversations/riku/messages/c-f").await.status(), 204);
    assert!(detail(&server, "riku")
        .await
        .messages
        .iter()
        .all(|m| m.client_message_id.as_ref().is_none_or(|c| c != "c-f")));
}

#[tokio::test]
async fn bad_sends_are_invalid_requests() {
    let server = start("installed").await;
    expect_error(send(&server, "ken", "", "text").await, 400, ErrorCode::InvalidRequest).await;
    expect_error(send(&server, "ken", "c-1", "   ").await, 400, ErrorCode::InvalidRequest).await;
    expect_error(send(&server, "ken", "c-2", &"x".repeat(2001)).await, 400, ErrorCode::InvalidRequest).await;
    expect_error(send(&server, "nobody", "c-3", "hi").await, 404, ErrorCode::NotFound).await;
}

#[tokio::test]
async fn long_threads_page_backwards_by_seq() {
    let server = start("installed").await;
    for i in 0..5 {
        server.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": format!("n{i}")})).await;
    }
    let page: ConversationDetail = ok_json(server.get("/api/conversations/ken?limit=3").await).await;
    assert_eq!(page.messages.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(), ["n2", "n3", "n4"]);
    assert!(page.has_more);
    let before = page.messages[0].seq;
    let older: ConversationDetail =
        ok_json(server.get(&format!("/api/conversations/ken?limit=3&before={before}")).await).await;
    assert_eq!(older.messages.last().unwrap().text, "n1");
}

#[tokio::test]
async fn updates_long_poll_wakes_on_a_new_message_and_says_reset_after_a_scenario_reset() {
    let mut server = start("installed").await;
    let cursor = detail(&server, "ken").await.cursor;
    let path = format!("/api/updates?since={cursor}&wait=10");
    let poll = server.get(&path);
    let write = async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        server.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Hello again"})).await
    };
    let started = std::time::Instant::now();
    let (res, _) = tokio::join!(poll, write);
    let updates: Updates = ok_json(res).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "answered when the message came");
    assert!(updates
        .events
        .iter()
        .any(|e| matches!(e, UpdateEvent::Message { message, .. } if message.text == "Hello again")));

    server.reset("installed").await;
    let after: Updates = ok_json(server.get(&format!("/api/updates?since={}", updates.cursor)).await).await;
    assert!(after.reset);
}

#[tokio::test]
async fn conversations_need_a_visible_install() {
    let server = start("private_install_by_other_admin").await;
    let error =
        expect_error(server.get("/api/conversations").await, 409, ErrorCode::InstalledPrivatelyByOtherAdmin).await;
    assert_eq!(error.details.person.unwrap().name, "Aiko Tanaka");
}

#[tokio::test]
async fn a_long_thread_opens_with_its_newest_page() {
    let server = start("installed").await;
    assert_eq!(
        server.post("/sim/long-thread", json!({"customer": "Ken Watanabe", "messages": 10_000})).await.status(),
        204
    );
    let d = detail(&server, "ken").await;
    assert_eq!(d.messages.len(), 200);
    assert!(d.has_more);
    assert_eq!(d.messages.last().unwrap().text, "Yes please! And do you ship to Hokkaido?", "the newest stays last");
    assert_eq!(d.messages[0].text, "Earlier message 9803");
    assert!(d.messages.windows(2).all(|w| w[0].seq < w[1].seq));
}

#[tokio::test]
async fn with_two_pages_each_conversation_sends_through_its_own_page() {
    let server = start("installed_two_pages").await;
    let list: ConversationList = ok_json(server.get("/api/conversations").await).await;
    let page_of =
        |id: &str| list.conversations.iter().find(|c| c.id == id).and_then(|c| c.page.clone()).map(|p| p.name);
    assert_eq!(page_of("hana").as_deref(), Some("Sakura Outlet"));
    assert_eq!(page_of("ken").as_deref(), Some("Sakura Trading Official"));
    let hana = list.conversations.iter().find(|c| c.id == "hana").unwrap();
    assert_eq!(server_time_minus(&list, hana), 60 * 60 * 1000, "Hana wrote 1 hour ago");

    // The Outlet is restricted: Hana's reply is refused, Ken's goes out.
    let res = server.post("/api/conversations/hana/messages", json!({"client_message_id": "c-h", "text": "Yes"})).await;
    expect_error(res, 422, ErrorCode::PageRestricted).await;
    let res = server.post("/api/conversations/ken/messages", json!({"client_message_id": "c-k", "text": "Yes"})).await;
    assert_eq!(res.status(), 201);

    let IntegrationState::Installed(i) = ok_json(server.get("/api/integrations/facebook").await).await else {
        panic!()
    };
    let health: Vec<_> =
        i.pages.iter().map(|p| (p.name.as_str(), matches!(p.health, PageHealth::Restricted(_)))).collect();
    assert_eq!(health, [("Sakura Trading Official", false), ("Sakura Outlet", true)]);
}

fn server_time_minus(list: &ConversationList, c: &ConversationSummary) -> i64 {
    let at = c.reply_window.last_inbound_at.unwrap();
    // The clock runs while the world is built: a millisecond or two may pass.
    let ago = list.server_time - at;
    ago - ago % 1000
}

#[tokio::test]
async fn disconnecting_one_page_keeps_the_others_working() {
    let mut server = start("installed_two_pages").await;
    let res = server.delete("/api/integrations/facebook/pages/p-sakura-outlet").await;
    let installation: Installation = ok_json(res).await;
    assert_eq!(installation.pages.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Sakura Trading Official"]);

    // Hana's conversation leaves the inbox with her Page; Ken's still sends.
    let list: ConversationList = ok_json(server.get("/api/conversations").await).await;
    assert!(list.conversations.iter().all(|c| c.id != "hana"));
    expect_error(server.get("/api/conversations/hana").await, 404, ErrorCode::NotFound).await;
    let res =
        server.post("/api/conversations/ken/messages", json!({"client_message_id": "c-k", "text": "Still here"})).await;
    assert_eq!(res.status(), 201);

    // The last Page is an uninstall, and regular users disconnect nothing.
    let last = server.delete("/api/integrations/facebook/pages/p-sakura-official").await;
    expect_error(last, 400, ErrorCode::InvalidRequest).await;
    server.reset("installed_two_pages").await;
    server.post("/sim/current-user", json!({"name": "Yui Suzuki"})).await;
    server.sign_in().await;
    expect_error(server.delete("/api/integrations/facebook/pages/p-sakura-outlet").await, 403, ErrorCode::NotAdmin)
        .await;
}
