//! Conversation Routing: a thread another app owns refuses sends until taken over; handing
//! it back; the Page's default app in the troubleshooter; handovers and standby messages
//! through the webhook.
mod common;

use common::*;
use contract::*;
use dev_backend::world::{CRM_APP_ID, PAGE_INBOX_APP_ID, SHOPBOT_APP_ID};
use reqwest::Method;
use serde_json::{json, Value};

const PAGE: &str = "p-sakura-official";

async fn send(server: &Server, id: &str, text: &str) -> reqwest::Response {
    server.post("/api/conversations/ken/messages", json!({"client_message_id": id, "text": text})).await
}

async fn ken(server: &Server) -> ConversationDetail {
    ok_json(server.get("/api/conversations/ken").await).await
}

fn owner(summary: &ConversationSummary) -> (Option<&str>, Option<&str>) {
    (summary.owner_app.as_ref().map(|a| a.name.as_str()), summary.taken_from.as_ref().map(|a| a.name.as_str()))
}

async fn give_to(server: &Server, app: Value) -> ConversationSummary {
    ok_json(server.post("/sim/thread-owner", json!({"customer": "Ken Watanabe", "app": app})).await).await
}

#[tokio::test]
async fn a_thread_shopbot_owns_refuses_sends_until_taken_over_and_can_be_handed_back() {
    let server = start("installed").await;
    let summary = give_to(&server, json!("shopbot")).await;
    assert_eq!(owner(&summary), (Some("ShopBot"), None));
    assert_eq!(summary.owner_app.unwrap().id, SHOPBOT_APP_ID);

    let error = expect_error(send(&server, "c-1", "Hello").await, 409, ErrorCode::ThreadOwnedByOtherApp).await;
    assert_eq!(error.details.app.as_ref().map(|a| a.name.as_str()), Some("ShopBot"));
    let failed: Vec<_> =
        ken(&server).await.messages.into_iter().filter(|m| matches!(m.status, MessageStatus::Failed { .. })).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].status, MessageStatus::Failed { reason: SendFailure::ThreadOwnedByOtherApp });

    let cursor = server.cursor().await;
    let taken: ConversationSummary = ok_json(server.post("/api/conversations/ken/take-control", json!({})).await).await;
    assert_eq!(owner(&taken), (None, Some("ShopBot")));
    let events = server.events_since(cursor).await;
    assert!(events.contains(&UpdateEvent::Conversation { conversation: taken.clone() }), "{events:?}");
    // Taking a thread this app owns changes nothing.
    let again: ConversationSummary = ok_json(server.post("/api/conversations/ken/take-control", json!({})).await).await;
    assert_eq!(owner(&again), (None, Some("ShopBot")));

    // The failed message's retry goes through, under the same id.
    assert_eq!(send(&server, "c-1", "Hello").await.status(), 201);
    let messages = ken(&server).await.messages;
    assert_eq!(messages.iter().filter(|m| m.client_message_id.as_ref().is_some_and(|c| c == "c-1")).count(), 1);

    let passed: ConversationSummary =
        ok_json(server.post("/api/conversations/ken/pass-control", json!({})).await).await;
    assert_eq!(owner(&passed), (Some("ShopBot"), None));
    expect_error(send(&server, "c-2", "One more").await, 409, ErrorCode::ThreadOwnedByOtherApp).await;
    // Nothing to hand back now: this app took it from no one.
    give_to(&server, Value::Null).await;
    expect_error(server.post("/api/conversations/ken/pass-control", json!({})).await, 400, ErrorCode::InvalidRequest)
        .await;
}

#[tokio::test]
async fn the_page_restriction_comes_before_the_thread_owner_and_the_owner_before_the_window() {
    let server = start("page_restricted").await;
    give_to(&server, json!("ShopBot")).await;
    expect_error(send(&server, "c-1", "Hello").await, 422, ErrorCode::PageRestricted).await;

    let server = start("installed").await;
    let res = server.post("/sim/thread-owner", json!({"customer": "Riku Yamamoto", "app": "ShopBot"})).await;
    assert_eq!(res.status(), 200);
    let res = server.post("/api/conversations/riku/messages", json!({"client_message_id": "c-r", "text": "Hi"})).await;
    expect_error(res, 409, ErrorCode::ThreadOwnedByOtherApp).await;
}

#[tokio::test]
async fn any_agent_may_take_a_thread_over_with_the_sessions_csrf_token() {
    let server = start("installed").await;
    give_to(&server, json!("Meta Business Suite Inbox")).await;
    let yui = server.browser_of("Yui Suzuki").await;
    let res = yui.client.post(yui.url("/api/conversations/ken/take-control")).json(&json!({})).send().await.unwrap();
    expect_error(res, 403, ErrorCode::CsrfTokenInvalid).await;
    let taken: ConversationSummary = ok_json(yui.post("/api/conversations/ken/take-control", json!({})).await).await;
    assert_eq!(owner(&taken), (None, Some("Meta Business Suite Inbox")));
    assert_eq!(taken.taken_from.unwrap().id, PAGE_INBOX_APP_ID);
    expect_error(yui.post("/api/conversations/nobody/take-control", json!({})).await, 404, ErrorCode::NotFound).await;

    // A private install by someone else hides the conversation, as for a send.
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"})).await;
    assert_eq!(res.status(), 200);
    let res = yui.post("/api/conversations/ken/pass-control", json!({})).await;
    expect_error(res, 409, ErrorCode::InstalledPrivatelyByOtherAdmin).await;
}

#[tokio::test]
async fn the_sim_names_apps_case_insensitively_and_refuses_unknown_ones() {
    let server = start("installed").await;
    let res = server.post("/sim/thread-owner", json!({"customer": "Ken Watanabe", "app": "HelpBot"})).await;
    let error = expect_error(res, 404, ErrorCode::NotFound).await;
    assert!(error.message.contains("HelpBot") && error.message.contains("ShopBot"), "{}", error.message);
    let res = server.post("/sim/default-app", json!({"page": "Sakura Trading Official", "app": "HelpBot"})).await;
    expect_error(res, 404, ErrorCode::NotFound).await;
    let res = server.post("/sim/default-app", json!({"page": "Nowhere", "app": "ShopBot"})).await;
    expect_error(res, 404, ErrorCode::NotFound).await;

    let cursor = server.cursor().await;
    give_to(&server, json!("SHOPBOT")).await;
    server.post("/api/conversations/ken/take-control", json!({})).await;
    let back = give_to(&server, Value::Null).await;
    assert_eq!(owner(&back), (None, None), "owner and taken_from cleared");
    let owners: Vec<_> = server
        .events_since(cursor)
        .await
        .iter()
        .filter_map(|e| match e {
            UpdateEvent::Conversation { conversation } => Some(conversation.owner_app.clone().map(|a| a.name)),
            _ => None,
        })
        .collect();
    assert_eq!(owners, [Some("ShopBot".to_owned()), None, None]);
}

#[tokio::test]
async fn the_routing_check_fails_naming_the_pages_default_app() {
    let server = start("installed").await;
    let check = || async {
        let res = server.get("/api/integrations/facebook/diagnostics/receives_conversations").await;
        ok_json::<CheckResult>(res).await
    };
    let passing = check().await;
    assert_eq!((passing.status, passing.default_app), (CheckStatus::Pass, None));

    let res = server.post("/sim/default-app", json!({"page": PAGE, "app": "ShopBot"})).await;
    let answer: Value = ok_json(res).await;
    assert_eq!(
        answer,
        json!({"page": {"id": PAGE, "name": "Sakura Trading Official"},
        "default_app": {"id": SHOPBOT_APP_ID, "name": "ShopBot"}})
    );
    let failing = check().await;
    assert_eq!((failing.status, failing.fix), (CheckStatus::Fail, Some(FixCode::ChangeConversationRouting)));
    assert_eq!(failing.default_app.map(|a| a.name).as_deref(), Some("ShopBot"));

    let answer: Value =
        ok_json(server.post("/sim/default-app", json!({"page": "sakura trading official", "app": null})).await).await;
    assert_eq!(answer["default_app"], Value::Null);
    assert_eq!(check().await.status, CheckStatus::Pass);

    let server = start("installed_token_expired").await;
    server.post("/sim/default-app", json!({"page": PAGE, "app": "ShopBot"})).await;
    let res = server.get("/api/integrations/facebook/diagnostics/receives_conversations").await;
    assert_eq!(ok_json::<CheckResult>(res).await.status, CheckStatus::Skipped);
}

fn notification(key: &str, messaging: Value) -> Value {
    json!({"object": "page", "entry": [{"id": PAGE, "time": 1, key: [messaging]}]})
}

fn handover(kind: &str, previous: Value, new_owner: Value) -> Value {
    json!({"sender": {"id": "cust-ken"}, "recipient": {"id": PAGE}, "timestamp": 1,
        kind: {"previous_owner_app_id": previous, "new_owner_app_id": new_owner, "metadata": "from the bot"}})
}

async fn applied(server: &Server, body: Value) -> u64 {
    let answer: Value = ok_json(server.post("/sim/facebook/webhook", body).await).await;
    answer["applied"].as_u64().unwrap()
}

#[tokio::test]
async fn handovers_through_the_webhook_move_the_thread_and_standby_messages_still_arrive() {
    let server = start("installed").await;
    let take = handover("take_thread_control", json!(CRM_APP_ID), json!(SHOPBOT_APP_ID));
    assert_eq!(applied(&server, notification("messaging", take)).await, 1);
    assert_eq!(owner(&ken(&server).await.conversation), (Some("ShopBot"), None));

    // While ShopBot owns the thread, this app hears the customer on standby.
    let message = json!({"sender": {"id": "cust-ken"}, "recipient": {"id": PAGE}, "timestamp": 2,
        "message": {"mid": "m_standby", "text": "I'd rather talk to a person"}});
    assert_eq!(applied(&server, notification("standby", message)).await, 1);
    let detail = ken(&server).await;
    assert_eq!(detail.messages.last().unwrap().text, "I'd rather talk to a person");
    assert_eq!(owner(&detail.conversation), (Some("ShopBot"), None), "a message moves no thread");

    // ShopBot passes the thread to this app (its id a number, as some of Facebook's examples).
    let shopbot: u64 = SHOPBOT_APP_ID.parse().unwrap();
    let pass = handover("pass_thread_control", json!(shopbot), json!(CRM_APP_ID));
    assert_eq!(applied(&server, notification("messaging", pass)).await, 1);
    assert_eq!(owner(&ken(&server).await.conversation), (None, Some("ShopBot")));
    assert_eq!(send(&server, "c-1", "Hello, Aiko here").await.status(), 201);

    // Meta's Page Inbox takes it; an app Facebook never told us of is skipped.
    let inbox = handover("take_thread_control", json!(CRM_APP_ID), json!(PAGE_INBOX_APP_ID));
    assert_eq!(applied(&server, notification("messaging", inbox)).await, 1);
    assert_eq!(owner(&ken(&server).await.conversation), (Some("Meta Business Suite Inbox"), None));
    let stranger = handover("pass_thread_control", json!(PAGE_INBOX_APP_ID), json!("999"));
    assert_eq!(applied(&server, notification("messaging", stranger)).await, 0);
    // Back to this app from an idle thread: taken from no one.
    let idle = handover("pass_thread_control", Value::Null, json!(CRM_APP_ID));
    assert_eq!(applied(&server, notification("messaging", idle)).await, 1);
    assert_eq!(owner(&ken(&server).await.conversation), (None, None));
}
