//! `POST /sim/facebook/webhook`: Facebook's notification shapes drive the world the way a real
//! backend learns of messages, receipts and restrictions.
mod common;

use common::*;
use contract::*;
use serde_json::{json, Value};

const PAGE: &str = "p-sakura-official";

fn notification(messaging: Value) -> Value {
    json!({"object": "page", "entry": [{"id": PAGE, "time": 1, "messaging": [messaging]}]})
}

async fn post(server: &Server, body: Value) -> Value {
    ok_json(server.post("/sim/facebook/webhook", body).await).await
}

async fn sora_status(server: &Server, text: &str) -> MessageStatus {
    let sora: ConversationDetail = ok_json(server.get("/api/conversations/sora").await).await;
    sora.messages.into_iter().find(|m| m.text == text).unwrap().status
}

#[tokio::test]
async fn delivery_and_read_watermarks_mark_everything_sent_before_them() {
    let server = start("installed").await;
    // Sora blocked the Page: Facebook itself sends no receipt for this one.
    let res = server
        .post("/api/conversations/sora/messages", json!({"client_message_id": "c-1", "text": "Still there?"}))
        .await;
    let sent: Message = ok_json(res).await;
    assert!(matches!(sora_status(&server, "Still there?").await, MessageStatus::Sent { .. }));

    let before = json!({"sender": {"id": "cust-sora"}, "recipient": {"id": PAGE}, "delivery": {"watermark": sent.created_at - 1}});
    assert_eq!(post(&server, notification(before)).await["applied"], 0, "the watermark is before the message");

    let delivery = json!({"sender": {"id": "cust-sora"}, "recipient": {"id": PAGE}, "delivery": {"mids": [sent.id], "watermark": sent.created_at}});
    assert_eq!(post(&server, notification(delivery)).await["applied"], 1);
    assert_eq!(sora_status(&server, "Still there?").await, MessageStatus::Delivered { at: sent.created_at });

    let read = json!({"sender": {"id": "cust-sora"}, "recipient": {"id": PAGE}, "timestamp": 5, "read": {"watermark": sent.created_at + 10}});
    post(&server, notification(read)).await;
    assert_eq!(sora_status(&server, "Still there?").await, MessageStatus::Read { at: sent.created_at + 10 });
}

#[tokio::test]
async fn a_message_from_the_customer_arrives_and_reopens_the_window() {
    let server = start("installed").await;
    let riku = |list: &ConversationList| list.conversations.iter().find(|c| c.id == "riku").unwrap().reply_window.open;
    assert!(!riku(&ok_json(server.get("/api/conversations").await).await), "Riku wrote 8 days ago");
    let message = json!({"sender": {"id": "cust-riku"}, "recipient": {"id": PAGE}, "timestamp": 1,
        "message": {"mid": "m_abc", "text": "Is the sale still on?"}});
    assert_eq!(post(&server, notification(message)).await["applied"], 1);
    assert!(riku(&ok_json(server.get("/api/conversations").await).await));
    let detail: ConversationDetail = ok_json(server.get("/api/conversations/riku").await).await;
    let last = detail.messages.last().unwrap();
    assert_eq!((last.direction, last.text.as_str()), (Direction::Inbound, "Is the sale still on?"));
}

#[tokio::test]
async fn policy_enforcement_restricts_and_releases_the_page() {
    let server = start("installed").await;
    let health = |state: IntegrationState| match state {
        IntegrationState::Installed(i) => i.pages[0].health.clone(),
        other => panic!("{other:?}"),
    };
    let block = json!({"recipient": {"id": PAGE}, "timestamp": 1_700_000_000_000i64,
        "policy-enforcement": {"action": "block", "reason": "Spam reported by people"}});
    assert_eq!(post(&server, notification(block)).await["applied"], 1);
    let PageHealth::Restricted(r) = health(ok_json(server.get("/api/integrations/facebook").await).await) else {
        panic!()
    };
    assert_eq!((r.reason.as_str(), r.since), ("Spam reported by people", 1_700_000_000_000));
    let res = server.post("/api/conversations/ken/messages", json!({"client_message_id": "c-1", "text": "Hi"})).await;
    expect_error(res, 422, ErrorCode::PageRestricted).await;

    let unblock = json!({"recipient": {"id": PAGE}, "timestamp": 2, "policy_enforcement": {"action": "unblock"}});
    post(&server, notification(unblock)).await;
    assert_eq!(health(ok_json(server.get("/api/integrations/facebook").await).await), PageHealth::Healthy);
}

#[tokio::test]
async fn unknown_pages_customers_and_objects_change_nothing() {
    let server = start("installed").await;
    let stranger = json!({"sender": {"id": "cust-nobody"}, "recipient": {"id": PAGE}, "message": {"text": "hi"}});
    assert_eq!(post(&server, notification(stranger)).await["applied"], 0);
    let other_page = json!({"object": "page", "entry": [{"id": "p-unknown", "messaging": [
        {"recipient": {"id": "p-unknown"}, "policy-enforcement": {"action": "block", "reason": "x"}}]}]});
    assert_eq!(post(&server, other_page).await["applied"], 0);
    let res = server.post("/sim/facebook/webhook", json!({"object": "instagram", "entry": []})).await;
    expect_error(res, 400, ErrorCode::InvalidRequest).await;
}

fn from_ken(event: Value) -> Value {
    let mut messaging =
        json!({"sender": {"id": "cust-ken"}, "recipient": {"id": PAGE}, "timestamp": 1_700_000_000_000i64});
    messaging.as_object_mut().unwrap().extend(event.as_object().unwrap().clone());
    notification(messaging)
}

async fn ken_message(server: &Server, id: &MessageId) -> Message {
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    ken.messages.into_iter().find(|m| m.id == *id).unwrap()
}

/// The `message` events and the conversations' last messages pushed since `cursor`.
async fn pushed(server: &Server, cursor: u64) -> (Vec<Message>, Vec<Option<Message>>) {
    let (mut messages, mut previews) = (Vec::new(), Vec::new());
    for event in server.events_since(cursor).await {
        match event {
            UpdateEvent::Message { message, .. } => messages.push(message),
            UpdateEvent::Conversation { conversation } => previews.push(conversation.last_message),
            _ => {}
        }
    }
    (messages, previews)
}

#[tokio::test]
async fn reactions_show_on_the_message_they_name_and_reach_every_agent() {
    let server = start("installed").await;
    let message = from_ken(json!({"message": {"mid": "m_fb_1", "text": "Is the teapot still in stock?"}}));
    assert_eq!(post(&server, message).await["applied"], 1);
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    let customers = ken.messages.last().unwrap().id.clone();

    // Facebook names the customer's message by its mid, and a reaction without an emoji by name.
    let cursor = server.cursor().await;
    let love = from_ken(json!({"reaction": {"reaction": "love", "action": "react", "mid": "m_fb_1"}}));
    assert_eq!(post(&server, love).await["applied"], 1);
    assert_eq!(ken_message(&server, &customers).await.reaction.as_deref(), Some("❤️"));
    let (messages, previews) = pushed(&server, cursor).await;
    assert_eq!(messages.iter().map(|m| m.reaction.as_deref()).collect::<Vec<_>>(), [Some("❤️")]);
    assert_eq!(previews.len(), 1, "the last message: the list's preview too");
    assert_eq!(previews[0].as_ref().and_then(|m| m.reaction.as_deref()), Some("❤️"));

    // An agent's message: its mid is our id. The emoji Facebook sends wins over the name.
    let agents = ken.messages.iter().rev().find(|m| m.direction == Direction::Outbound).unwrap().id.clone();
    let cursor = server.cursor().await;
    let wow = from_ken(json!({"reaction": {"reaction": "other", "emoji": "🎉", "action": "react", "mid": agents}}));
    assert_eq!(post(&server, wow).await["applied"], 1);
    assert_eq!(ken_message(&server, &agents).await.reaction.as_deref(), Some("🎉"));
    let (messages, previews) = pushed(&server, cursor).await;
    assert_eq!((messages.len(), previews.len()), (1, 0), "not the last message: no preview");

    let unreact = from_ken(json!({"reaction": {"reaction": "other", "action": "unreact", "mid": agents}}));
    assert_eq!(post(&server, unreact).await["applied"], 1);
    assert_eq!(ken_message(&server, &agents).await.reaction, None);

    let unknown = from_ken(json!({"reaction": {"reaction": "like", "action": "react", "mid": "m_nowhere"}}));
    assert_eq!(post(&server, unknown).await["applied"], 0);
}

#[tokio::test]
async fn the_customer_edits_their_own_message_through_the_webhook() {
    let server = start("installed").await;
    let message = from_ken(json!({"message": {"mid": "m_fb_2", "text": "See you at 3"}}));
    post(&server, message).await;
    let ken: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    let edited_id = ken.messages.last().unwrap().id.clone();

    let cursor = server.cursor().await;
    let edit = json!({"sender": {"id": "cust-ken"}, "recipient": {"id": PAGE}, "timestamp": 1_700_000_000_500i64,
        "message_edit": {"mid": "m_fb_2", "text": "See you at 4", "num_edit": 1}});
    assert_eq!(post(&server, notification(edit)).await["applied"], 1);
    let edited = ken_message(&server, &edited_id).await;
    assert_eq!((edited.text.as_str(), edited.edited_at), ("See you at 4", Some(1_700_000_000_500)));
    let (messages, previews) = pushed(&server, cursor).await;
    assert_eq!(previews, [Some(edited.clone())]);
    assert_eq!(messages, [edited]);

    // Only the customer's own messages: an agent's cannot be edited by them.
    let agents = ken.messages.iter().find(|m| m.direction == Direction::Outbound).unwrap().id.clone();
    let edit = from_ken(json!({"message_edit": {"mid": agents, "text": "Forged", "num_edit": "1"}}));
    assert_eq!(post(&server, edit).await["applied"], 0);
    assert_ne!(ken_message(&server, &agents).await.text, "Forged");
}
