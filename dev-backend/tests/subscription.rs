//! Messages that stop arriving: a Page whose webhook subscription was dropped hears nothing,
//! the troubleshooter says which fields are missing, and the subscription route fixes it.
mod common;

use common::*;
use contract::*;
use reqwest::Method;
use serde_json::{json, Value};

const PAGE: &str = "p-sakura-official";
const SUBSCRIPTION: &str = "/api/integrations/facebook/pages/p-sakura-official/subscription";

async fn unsubscribe(server: &Server) {
    let res = server.post("/sim/webhook-subscription", json!({"page": "Sakura Trading Official", "subscribed": false}));
    let answer: Value = ok_json(res.await).await;
    assert_eq!(answer, json!({"page": {"id": PAGE, "name": "Sakura Trading Official"}, "subscribed": false}));
}

async fn ken_messages(server: &Server) -> usize {
    ok_json::<ConversationDetail>(server.get("/api/conversations/ken").await).await.messages.len()
}

async fn webhook_check(server: &Server) -> CheckResult {
    ok_json(server.get("/api/integrations/facebook/diagnostics/webhook_subscribed").await).await
}

async fn official(server: &Server) -> (ConnectedPage, Option<EpochMs>) {
    let IntegrationState::Installed(i) = ok_json(server.get("/api/integrations/facebook").await).await else {
        panic!("installed")
    };
    (i.pages.into_iter().find(|p| p.id == PAGE).unwrap(), i.server_time)
}

#[tokio::test]
async fn an_unsubscribed_page_hears_nothing_until_it_is_subscribed_again() {
    let server = start("installed").await;
    unsubscribe(&server).await;
    let before = ken_messages(&server).await;

    let res = server.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Hello? Anyone?"})).await;
    assert_eq!(res.status(), 202);
    let answer: Value = res.json().await.unwrap();
    assert_eq!(
        answer,
        json!({"delivered": false,
            "reason": "The Page's webhook subscription for this app was dropped; Facebook delivers nothing to it."})
    );
    let message = json!({"object": "page", "entry": [{"id": PAGE, "messaging": [{"sender": {"id": "cust-ken"},
        "recipient": {"id": PAGE}, "message": {"mid": "m_lost", "text": "Lost too"}}]}]});
    let applied: Value = ok_json(server.post("/sim/facebook/webhook", message).await).await;
    assert_eq!(applied["applied"], 0);
    assert_eq!(ken_messages(&server).await, before, "nothing stored");

    let check = webhook_check(&server).await;
    assert_eq!((check.status, check.fix), (CheckStatus::Fail, Some(FixCode::Resubscribe)));
    assert_eq!(check.missing_fields, ["messages", "message_deliveries", "message_reads", "messaging_handovers"]);

    let cursor = server.cursor().await;
    let fixed: CheckResult = ok_json(server.post(SUBSCRIPTION, json!({})).await).await;
    assert_eq!((fixed.check, fixed.status, fixed.fix), (CheckId::WebhookSubscribed, CheckStatus::Pass, None));
    assert_eq!(fixed.page.map(|p| p.id.to_string()).as_deref(), Some(PAGE));
    assert!(fixed.missing_fields.is_empty());
    assert!(server.events_since(cursor).await.contains(&UpdateEvent::Integration));
    assert_eq!(webhook_check(&server).await.status, CheckStatus::Pass);

    let res = server.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Now you hear me"})).await;
    assert_eq!(res.status(), 201);
    assert_eq!(ken_messages(&server).await, before + 1);
}

#[tokio::test]
async fn receipts_for_an_unsubscribed_page_are_dropped() {
    let server = start("installed").await;
    let sent: Message = ok_json(
        server.post("/api/conversations/ken/messages", json!({"client_message_id": "c-1", "text": "Hi"})).await,
    )
    .await;
    unsubscribe(&server).await;
    let delivery = json!({"object": "page", "entry": [{"id": PAGE, "messaging": [{"sender": {"id": "cust-ken"},
        "recipient": {"id": PAGE}, "delivery": {"watermark": sent.created_at}}]}]});
    let applied: Value = ok_json(server.post("/sim/facebook/webhook", delivery).await).await;
    assert_eq!(applied["applied"], 0);
}

#[tokio::test]
async fn only_admins_and_the_installer_subscribe_again_with_the_sessions_token() {
    let server = start("installed").await;
    unsubscribe(&server).await;
    let yui = server.browser_of("Yui Suzuki").await;
    expect_error(yui.post(SUBSCRIPTION, json!({})).await, 403, ErrorCode::NotAdmin).await;
    let res = server.client.post(server.url(SUBSCRIPTION)).json(&json!({})).send().await.unwrap();
    expect_error(res, 403, ErrorCode::CsrfTokenInvalid).await;
    assert_eq!(webhook_check(&server).await.status, CheckStatus::Fail, "nothing changed");

    let aiko = server.browser_of("Aiko Tanaka").await;
    assert_eq!(aiko.post(SUBSCRIPTION, json!({})).await.status(), 200, "another admin may");
}

#[tokio::test]
async fn an_expired_token_or_a_page_not_connected_cannot_be_subscribed() {
    let server = start("installed_token_expired").await;
    unsubscribe(&server).await;
    let error = expect_error(server.post(SUBSCRIPTION, json!({})).await, 422, ErrorCode::TokenExpired).await;
    assert!(error.message.contains("reconnect"), "{}", error.message);

    let server = start("installed").await;
    let outlet = "/api/integrations/facebook/pages/p-sakura-outlet/subscription";
    expect_error(server.post(outlet, json!({})).await, 404, ErrorCode::NotFound).await;
    let res = server.post("/sim/webhook-subscription", json!({"page": "Sakura Outlet", "subscribed": false})).await;
    expect_error(res, 400, ErrorCode::InvalidRequest).await;
    let res = server.post("/sim/webhook-subscription", json!({"page": "p-nowhere", "subscribed": false})).await;
    expect_error(res, 404, ErrorCode::NotFound).await;
    // By id as well as by name, and back on.
    let res = server.post("/sim/webhook-subscription", json!({"page": PAGE, "subscribed": true})).await;
    assert_eq!(ok_json::<Value>(res).await["subscribed"], true);
}

#[tokio::test]
async fn last_message_at_moves_with_each_message_that_reaches_the_crm() {
    let server = start("installed").await;
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    let (page, server_time) = official(&server).await;
    assert_eq!(page.last_message_at, ken.conversation.reply_window.last_inbound_at, "Ken wrote last");
    assert!(server_time.is_some_and(|t| t >= ken.server_time));

    server.post("/sim/clock", json!({"advance_hours": 1})).await;
    let message: Message =
        ok_json(server.post("/sim/inbound", json!({"customer": "Mina Kobayashi", "text": "Any news?"})).await).await;
    assert_eq!(official(&server).await.0.last_message_at, Some(message.created_at));
    // An agent's message is not the customer's.
    server.post("/api/conversations/ken/messages", json!({"client_message_id": "c-1", "text": "Hi"})).await;
    assert_eq!(official(&server).await.0.last_message_at, Some(message.created_at));

    unsubscribe(&server).await;
    server.post("/sim/clock", json!({"advance_hours": 1})).await;
    server.post("/sim/inbound", json!({"customer": "Mina Kobayashi", "text": "Hello?"})).await;
    assert_eq!(official(&server).await.0.last_message_at, Some(message.created_at), "nothing reached the CRM");

    // Every Installation carries the server's clock.
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "shared"})).await;
    assert!(ok_json::<Installation>(res).await.server_time.is_some());
}
