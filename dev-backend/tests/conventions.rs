//! Session auth, CSRF, error bodies and server time, over real HTTP.
mod common;

use common::*;
use contract::{ErrorCode, Role};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn api_without_a_session_is_401_with_a_typed_body() {
    let server = start("installed").await;
    let res = client().get(server.url("/api/integrations/facebook")).send().await.unwrap();
    expect_error(res, 401, ErrorCode::Unauthenticated).await;
}

#[tokio::test]
async fn me_names_the_user_role_company_and_admins() {
    let mut server = start("fresh_regular_user").await;
    let me = server.sign_in().await;
    assert_eq!(me.user.name, "Yui Suzuki");
    assert_eq!(me.role, Role::Regular);
    assert_eq!(me.company.name, "Sakura Trading");
    let admins: Vec<_> = me.admins.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(admins, ["Haruto Sato", "Aiko Tanaka"]);
    assert!(!me.csrf_token.is_empty());
}

#[tokio::test]
async fn mutating_requests_need_the_session_csrf_token() {
    let server = start("installed").await;
    let body = json!({"visibility": "private"});
    let path = "/api/integrations/facebook/visibility";

    let missing = server.client.put(server.url(path)).json(&body).send().await.unwrap();
    expect_error(missing, 403, ErrorCode::CsrfTokenInvalid).await;

    let wrong =
        server.client.put(server.url(path)).header("x-csrf-token", "csrf_guess").json(&body).send().await.unwrap();
    expect_error(wrong, 403, ErrorCode::CsrfTokenInvalid).await;

    let other = server.other_session().await;
    let foreign =
        server.client.put(server.url(path)).header("x-csrf-token", &other.csrf).json(&body).send().await.unwrap();
    expect_error(foreign, 403, ErrorCode::CsrfTokenInvalid).await;

    let right = server.send(Method::PUT, path, body).await;
    assert_eq!(right.status(), 200);
}

#[tokio::test]
async fn every_api_response_carries_the_server_time_and_it_follows_the_sim_clock() {
    let server = start("installed").await;
    let time = |res: &reqwest::Response| -> i64 {
        res.headers().get(contract::SERVER_TIME_HEADER).unwrap().to_str().unwrap().parse().unwrap()
    };
    let before = time(&server.get("/api/me").await);
    let error = server.get("/api/conversations/nope").await;
    assert_eq!(error.status(), 404);
    assert!(time(&error) >= before);

    assert_eq!(server.post("/sim/clock", json!({"advance_hours": 10})).await.status(), 200);
    let after = time(&server.get("/api/me").await);
    assert!(after - before >= 10 * 3_600_000, "advanced by {}", after - before);
}

#[tokio::test]
async fn malformed_bodies_get_invalid_request_in_the_error_shape() {
    let server = start("installed").await;
    let res = server
        .client
        .post(server.url("/api/conversations/ken/messages"))
        .header("x-csrf-token", &server.csrf)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    expect_error(res, 400, ErrorCode::InvalidRequest).await;
}
