//! `--fixed-time`: what scripts/screens runs the server with, so a screen repeats exactly.
//! Its own test binary: it restarts the process-wide error references.
mod common;

use common::*;
use contract::{ConversationDetail, EpochMs, ErrorCode, InstallStartRequest};
use dev_backend::Options;
use serde_json::json;

const AT: EpochMs = 1_796_117_400_000;

fn near(got: EpochMs, want: EpochMs) {
    assert!((want..want + 5_000).contains(&got), "{got} vs {want}");
}

async fn server_time(server: &Server) -> EpochMs {
    let res = server.get("/api/health").await;
    res.headers()[contract::SERVER_TIME_HEADER].to_str().unwrap().parse().unwrap()
}

async fn ken(server: &Server) -> ConversationDetail {
    ok_json(server.get("/api/conversations/ken").await).await
}

/// The references of a failing GET of each path, in this order.
async fn fail(server: &Server, paths: &[&str]) -> Vec<String> {
    let res = server.post("/sim/faults", json!({ "rate": 1, "kinds": ["http_500"] })).await;
    assert_eq!(res.status(), 200);
    let mut references = Vec::new();
    for path in paths {
        references.push(expect_error(server.get(path).await, 500, ErrorCode::Internal).await.reference);
    }
    let res = server.post("/sim/faults", json!({ "rate": 0 })).await;
    assert_eq!(res.status(), 200);
    references
}

#[tokio::test]
async fn each_scenario_starts_at_the_fixed_instant_with_the_same_times_references_and_states() {
    let options = Options { scenario: "installed".into(), sim: true, fixed_time: Some(AT), ..Default::default() };
    let mut server = start_with(options).await;
    let first = ken(&server).await;
    near(server_time(&server).await, AT);
    // Seeded relative to a clock that started at AT: the same to the millisecond.
    assert_eq!(first.messages.last().unwrap().created_at, AT - 2 * 60 * 60 * 1000);
    let references = fail(&server, &["/api/conversations", "/api/me", "/api/conversations"]).await;
    assert_ne!(references[0], references[2], "unique within a scenario");
    let state = server.start_flow(InstallStartRequest::Install).await.state;

    let res = server.post("/sim/clock", json!({ "advance_hours": 3 })).await;
    assert_eq!(res.status(), 200);
    near(server_time(&server).await, AT + 3 * 60 * 60 * 1000);

    server.reset("installed").await;
    near(server_time(&server).await, AT);
    assert_eq!(ken(&server).await.messages, first.messages);
    // Named by their route, so requests answered in another order get the same references.
    assert_eq!(fail(&server, &["/api/me", "/api/conversations"]).await, [references[1].as_str(), &references[0]]);
    assert_eq!(server.start_flow(InstallStartRequest::Install).await.state, state);
}

/// What scripts/screens waits for before a screen: no sent message still waiting for a receipt.
#[tokio::test]
async fn stats_count_the_receipts_still_to_come() {
    let server = start("installed").await;
    let pending = async || -> u64 {
        let stats: serde_json::Value = ok_json(server.get("/sim/stats").await).await;
        stats["receipts_pending"].as_u64().unwrap()
    };
    assert_eq!(pending().await, 0);
    let res = server.post("/api/conversations/ken/messages", json!({ "client_message_id": "c-1", "text": "Hi" })).await;
    assert_eq!(res.status(), 201);
    assert_eq!(pending().await, 1);
    tokio::time::sleep(dev_backend::api::DELIVERED_AFTER + dev_backend::api::READ_AFTER * 2).await;
    assert_eq!(pending().await, 0);
}
