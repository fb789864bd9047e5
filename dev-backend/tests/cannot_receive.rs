//! A customer who cannot receive messages: Facebook says so only by refusing a send (551 or
//! 200), which marks the conversation for every agent until the customer writes or a send
//! goes through.
mod common;

use common::*;
use contract::*;
use serde_json::json;

async fn send(server: &Server, id: &str, text: &str) -> reqwest::Response {
    server.post("/api/conversations/ken/messages", json!({"client_message_id": id, "text": text})).await
}

async fn ken(server: &Server) -> ConversationSummary {
    let list: ConversationList = ok_json(server.get("/api/conversations").await).await;
    list.conversations.into_iter().find(|c| c.id == "ken").unwrap()
}

fn marks(events: &[UpdateEvent]) -> Vec<Option<EpochMs>> {
    events
        .iter()
        .filter_map(|e| match e {
            UpdateEvent::Conversation { conversation } if conversation.id == "ken" => {
                Some(conversation.cannot_receive_since)
            }
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_refused_send_marks_the_customer_for_every_agent_until_a_send_is_accepted() {
    let server = start("installed").await;
    let aiko = server.browser_of("Aiko Tanaka").await;
    let res = server.post("/sim/customer", json!({"customer": "Ken Watanabe", "available": false})).await;
    assert_eq!(res.status(), 204);
    assert_eq!(ken(&server).await.cannot_receive_since, None, "Facebook says nothing before a send");

    let cursor = server.cursor().await;
    let error = expect_error(send(&server, "c-1", "Hello").await, 422, ErrorCode::RecipientUnavailable).await;
    assert_eq!(error.message, "(#551) This person isn't available right now");
    let events = server.events_since(cursor).await;
    let message_at = events.iter().position(|e| matches!(e, UpdateEvent::Message { .. })).unwrap();
    let conversation_at = events.iter().position(|e| matches!(e, UpdateEvent::Conversation { .. })).unwrap();
    assert!(message_at < conversation_at, "the failed message, then the mark: {events:?}");
    let since = marks(&events)[0].expect("marked");

    // Aiko, who sent nothing, sees it at once.
    assert_eq!(ken(&aiko).await.cannot_receive_since, Some(since));
    assert_eq!(marks(&aiko.events_since(cursor).await), [Some(since)]);

    // A second refusal keeps the first time and says nothing new.
    server.post("/sim/clock", json!({"advance_hours": 1})).await;
    let cursor = server.cursor().await;
    expect_error(send(&server, "c-2", "Hello?").await, 422, ErrorCode::RecipientUnavailable).await;
    assert_eq!(marks(&server.events_since(cursor).await), Vec::<Option<EpochMs>>::new());
    assert_eq!(ken(&server).await.cannot_receive_since, Some(since));

    // Available again: still marked until a send goes through, which clears it for everyone.
    server.post("/sim/customer", json!({"customer": "Ken Watanabe", "available": true})).await;
    assert_eq!(ken(&aiko).await.cannot_receive_since, Some(since));
    let cursor = server.cursor().await;
    assert_eq!(send(&server, "c-3", "Are you there?").await.status(), 201);
    assert_eq!(marks(&server.events_since(cursor).await), [None]);
    assert_eq!(ken(&aiko).await.cannot_receive_since, None);
}

#[tokio::test]
async fn not_receiving_is_refused_in_facebooks_words_and_the_customer_writing_clears_the_mark() {
    let server = start("installed").await;
    let body = json!({"customer": "Ken Watanabe", "available": false, "reason": "not_receiving"});
    assert_eq!(server.post("/sim/customer", body).await.status(), 204);
    let error = expect_error(send(&server, "c-1", "Hello").await, 422, ErrorCode::RecipientUnavailable).await;
    assert_eq!(error.message, "(#200) This person isn't receiving messages from you right now");
    let detail: ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    assert!(detail.conversation.cannot_receive_since.is_some());
    let failed = detail.messages.last().unwrap();
    assert_eq!(failed.status, MessageStatus::Failed { reason: SendFailure::RecipientUnavailable });

    let cursor = server.cursor().await;
    let res = server.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Sorry, I was away"})).await;
    assert_eq!(res.status(), 201);
    assert_eq!(marks(&server.events_since(cursor).await), [None]);
    assert_eq!(ken(&server).await.cannot_receive_since, None);

    let bad = json!({"customer": "Ken Watanabe", "available": false, "reason": "asleep"});
    expect_error(server.post("/sim/customer", bad).await, 400, ErrorCode::InvalidRequest).await;
    let nobody = json!({"customer": "Nobody", "available": false});
    expect_error(server.post("/sim/customer", nobody).await, 404, ErrorCode::NotFound).await;
}

#[tokio::test]
async fn other_refusals_do_not_mark_the_customer() {
    let server = start("installed").await;
    let res = server
        .post("/api/conversations/riku/messages", json!({"client_message_id": "c-r", "text": "Still there?"}))
        .await;
    expect_error(res, 422, ErrorCode::ReplyWindowClosed).await;
    let list: ConversationList = ok_json(server.get("/api/conversations").await).await;
    assert!(list.conversations.iter().all(|c| c.cannot_receive_since.is_none()));
}
