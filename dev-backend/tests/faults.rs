//! Fault injection on `/api/*`: each kind does what it says, health is spared, and a send
//! that was processed before its response broke is never duplicated by the retry.
mod common;

use std::time::{Duration, Instant};

use common::*;
use contract::{ErrorCode, Message};
use serde_json::json;

async fn set_faults(server: &Server, kinds: &[&str]) {
    let res = server
        .post("/sim/faults", json!({"rate": if kinds.is_empty() { 0.0 } else { 1.0 }, "kinds": kinds, "seed": 1}))
        .await;
    assert_eq!(res.status(), 200);
}

async fn send(server: &Server, id: &str) -> Result<reqwest::Response, reqwest::Error> {
    server
        .client
        .post(server.url("/api/conversations/ken/messages"))
        .header("x-csrf-token", &server.csrf)
        .json(&json!({"client_message_id": id, "text": "Hello"}))
        .send()
        .await
}

async fn copies(server: &Server, id: &str) -> usize {
    let detail: contract::ConversationDetail = ok_json(server.get("/api/conversations/ken").await).await;
    detail.messages.iter().filter(|m| m.client_message_id.as_ref().is_some_and(|c| c == id)).count()
}

#[tokio::test]
async fn http_500_and_503_answer_typed_errors_but_spare_health() {
    let server = start("installed").await;
    set_faults(&server, &["http_500"]).await;
    expect_error(server.get("/api/me").await, 500, ErrorCode::Internal).await;
    assert_eq!(server.get("/api/health").await.status(), 200);

    set_faults(&server, &["http_503"]).await;
    let res = server.get("/api/conversations").await;
    assert_eq!(res.headers().get("retry-after").unwrap(), "1");
    expect_error(res, 503, ErrorCode::ServiceUnavailable).await;

    set_faults(&server, &[]).await;
    assert_eq!(server.get("/api/conversations").await.status(), 200);
}

#[tokio::test]
async fn malformed_json_happens_after_the_send_so_the_retry_returns_the_same_message() {
    let server = start("installed").await;
    set_faults(&server, &["malformed_json"]).await;
    let res = send(&server, "c-mal").await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(serde_json::from_str::<serde_json::Value>(&res.text().await.unwrap()).is_err());

    set_faults(&server, &[]).await;
    let retry = send(&server, "c-mal").await.unwrap();
    assert_eq!(retry.status(), 200, "a repeat, not a new message");
    retry.json::<Message>().await.unwrap();
    assert_eq!(copies(&server, "c-mal").await, 1);
}

#[tokio::test]
async fn drop_closes_the_connection_after_the_send_and_the_retry_does_not_duplicate() {
    let server = start("installed").await;
    set_faults(&server, &["drop"]).await;
    let outcome = match send(&server, "c-drop").await {
        Err(e) => Err(e),
        Ok(res) => res.bytes().await.map(|_| ()),
    };
    assert!(outcome.is_err(), "the client sees a broken connection");

    set_faults(&server, &[]).await;
    assert_eq!(send(&server, "c-drop").await.unwrap().status(), 200);
    assert_eq!(copies(&server, "c-drop").await, 1);
}

#[tokio::test]
async fn timeout_holds_the_request_and_slow_delays_it() {
    let server = start("installed").await;
    set_faults(&server, &["timeout"]).await;
    let err = server.client.get(server.url("/api/me")).timeout(Duration::from_secs(1)).send().await.unwrap_err();
    assert!(err.is_timeout());

    set_faults(&server, &["slow"]).await;
    let started = Instant::now();
    assert_eq!(server.get("/api/me").await.status(), 200);
    assert!(started.elapsed() >= Duration::from_secs(2));
}

#[tokio::test]
async fn a_seed_makes_the_faults_repeatable_and_the_rate_is_respected() {
    let server = start("installed").await;
    let mut runs = Vec::new();
    for _ in 0..2 {
        let res = server.post("/sim/faults", json!({"rate": 0.3, "kinds": ["http_500"], "seed": 42})).await;
        assert_eq!(res.status(), 200);
        let mut statuses = Vec::new();
        for _ in 0..60 {
            statuses.push(server.get("/api/conversations").await.status().as_u16());
        }
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1]);
    let failures = runs[0].iter().filter(|s| **s == 500).count();
    assert!((8..=30).contains(&failures), "{failures} of 60 at rate 0.3");
    expect_error(server.post("/sim/faults", json!({"rate": 1.5})).await, 400, ErrorCode::InvalidRequest).await;
}
