//! The dev backend as a model of a real one: what it refuses, and what it keeps bounded.
mod common;

use common::*;
use contract::*;
use reqwest::Method;
use serde_json::{json, Value};

async fn send(server: &Server, conversation: &str, id: &str) -> reqwest::Response {
    server
        .post(&format!("/api/conversations/{conversation}/messages"), json!({"client_message_id": id, "text": "Hello"}))
        .await
}

async fn stats(server: &Server) -> Value {
    ok_json(server.get("/sim/stats").await).await
}

#[tokio::test]
async fn a_rerequest_asks_only_for_known_scopes_and_the_dialog_url_has_one_redirect() {
    let server = start("installed_permission_missing").await;
    let hostile = "pages_messaging&redirect_uri=https://evil.example/&response_type=token";
    let res = server
        .post("/api/integrations/facebook/install", json!({"purpose": "rerequest", "permissions": [hostile]}))
        .await;
    let error = expect_error(res, 400, ErrorCode::InvalidRequest).await;
    assert!(error.message.contains("is not a permission"), "{}", error.message);

    let start =
        server.start_flow(InstallStartRequest::Rerequest { permissions: vec![Permission::PagesMessaging] }).await;
    let query = start.authorize_url.split_once('?').unwrap().1;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let all = |key: &str| pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
    assert_eq!(all("redirect_uri"), ["/api/integrations/facebook/callback"]);
    assert_eq!(all("scope"), ["pages_messaging"]);
    assert_eq!(all("auth_type"), ["rerequest"]);
    assert!(all("response_type").is_empty());
}

#[tokio::test]
async fn ten_thousand_cookieless_calls_to_me_keep_the_sessions_bounded() {
    let server = start("installed").await;
    assert_eq!(server.get("/api/integrations/facebook").await.status(), 200);
    let stranger = reqwest::Client::new();
    for _ in 0..10_000 {
        let res = stranger.get(server.url("/api/me")).send().await.unwrap();
        assert_eq!(res.status(), 200);
    }
    let sessions = stats(&server).await["sessions"].as_u64().unwrap();
    assert!(sessions <= 1_000, "{sessions} sessions");
    // Sessions never used again went first: the test's own session, in use, is still there.
    assert_eq!(server.get("/api/integrations/facebook").await.status(), 200);
}

#[tokio::test]
async fn oauth_flows_are_bounded_and_expired_ones_go() {
    let server = start("fresh").await;
    for _ in 0..1_200 {
        server.start_flow(InstallStartRequest::Install).await;
    }
    assert!(stats(&server).await["flows"].as_u64().unwrap() <= 1_000);
    // Past their 10 minutes, the next start removes them all.
    server.post("/sim/clock", json!({"advance_hours": 1})).await;
    server.start_flow(InstallStartRequest::Install).await;
    assert_eq!(stats(&server).await["flows"], 1);
}

#[tokio::test]
async fn the_send_limit_is_per_user_and_refused_sends_count() {
    let mut server = start("installed").await;
    server.post("/sim/rate-limit", json!({"sends_per_minute": 2})).await;
    // Facebook refuses both (551), but both went to Facebook.
    server.post("/sim/customer", json!({"customer": "Ken Watanabe", "available": false})).await;
    assert_eq!(send(&server, "ken", "c-1").await.status(), 422);
    assert_eq!(send(&server, "ken", "c-2").await.status(), 422);
    server.post("/sim/customer", json!({"customer": "Ken Watanabe", "available": true})).await;
    expect_error(send(&server, "ken", "c-3").await, 429, ErrorCode::RateLimited).await;

    // Another agent is not held back by Haruto's sends.
    server.post("/sim/current-user", json!({"name": "Aiko Tanaka"})).await;
    server.sign_in().await;
    assert_eq!(send(&server, "ken", "c-4").await.status(), 201);
}

#[tokio::test]
async fn each_browser_has_its_own_user_and_every_answer_names_who_wrote_it() {
    let mut haruto = start("installed").await;
    let mut aiko = haruto.other_session().await;
    let res = aiko.post("/sim/current-user", json!({"name": "Aiko Tanaka"})).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("set-cookie"), "a new session for Aiko's browser");
    // The browser's token belonged to the session that ended.
    expect_error(send(&aiko, "ken", "c-stale").await, 403, ErrorCode::CsrfTokenInvalid).await;
    assert_eq!(aiko.sign_in().await.user.name, "Aiko Tanaka");
    assert_eq!(haruto.sign_in().await.user.name, "Haruto Sato", "Haruto's browser keeps Haruto");

    for (server, id) in [(&haruto, "c-h"), (&aiko, "c-a")] {
        assert_eq!(send(server, "ken", id).await.status(), 201);
    }
    let ken: ConversationDetail = ok_json(haruto.get("/api/conversations/ken").await).await;
    let by = |id: &str| {
        let m = ken.messages.iter().find(|m| m.client_message_id.as_ref().is_some_and(|c| c == id)).unwrap();
        m.sent_by.as_ref().map(|p| p.name.clone())
    };
    assert_eq!(by("c-h").as_deref(), Some("Haruto Sato"));
    assert_eq!(by("c-a").as_deref(), Some("Aiko Tanaka"));
    assert!(ken.messages.iter().filter(|m| m.direction == Direction::Inbound).all(|m| m.sent_by.is_none()));

    // Without a browser's session, everyone signs in again as the new user.
    reqwest::Client::new()
        .post(haruto.url("/sim/current-user"))
        .json(&json!({"name": "Yui Suzuki"}))
        .send()
        .await
        .unwrap();
    assert_eq!(haruto.sign_in().await.user.name, "Yui Suzuki");
}

/// A request acts for its own session's user, never for whoever asked last: a browser without
/// a session sees the dialog as whom the CRM would sign it in as.
#[tokio::test]
async fn a_request_acts_for_its_own_session_never_for_the_last_request() {
    let haruto = start("installed").await;
    let aiko = haruto.other_session().await;
    assert_eq!(aiko.post("/sim/current-user", json!({"name": "Aiko Tanaka"})).await.status(), 200);
    // Haruto's browser signs Haruto in again, so the CRM's next sign-in is Haruto's.
    assert_eq!(haruto.post("/sim/current-user", json!({"name": "Haruto Sato"})).await.status(), 200);
    // Aiko's browser asks last.
    assert_eq!(aiko.get("/api/integrations/facebook").await.status(), 200);
    let dialog = "/sim/facebook/dialog?state=st&scope=pages_messaging&redirect_uri=/api/integrations/facebook/callback";
    let without_session = reqwest::Client::new().get(haruto.url(dialog)).send().await.unwrap();
    assert!(without_session.text().await.unwrap().contains("Logged in as Haruto Sato."));
    assert!(aiko.get(dialog).await.text().await.unwrap().contains("Logged in as Aiko Tanaka."));
    assert!(haruto.get(dialog).await.text().await.unwrap().contains("Logged in as Haruto Sato."));
}

#[tokio::test]
async fn sim_answers_only_when_enabled_and_only_for_a_loopback_host() {
    let on = start("installed").await;
    for host in ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.evil.example:1"] {
        let res = on.client.get(on.url("/sim/scenarios")).header("host", host).send().await.unwrap();
        assert_eq!(res.status(), 404, "{host}");
    }
    for host in ["127.0.0.1", "localhost:8081", "LOCALHOST", "[::1]:9"] {
        let res = on.client.get(on.url("/sim/scenarios")).header("host", host).send().await.unwrap();
        assert_eq!(res.status(), 200, "{host}");
    }
    let off = start_with(dev_backend::Options::default()).await;
    assert_eq!(off.get("/sim/scenarios").await.status(), 404);
    assert_eq!(off.post("/sim/reset", json!({"scenario": "fresh"})).await.status(), 404);
    assert_eq!(off.get("/api/health").await.status(), 200);
}

#[tokio::test]
async fn a_rotated_token_is_refused_until_me_hands_out_the_new_one() {
    let mut server = start("installed").await;
    server.post("/sim/rotate-csrf", json!({})).await;
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"})).await;
    expect_error(res, 403, ErrorCode::CsrfTokenInvalid).await;
    server.sign_in().await;
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"})).await;
    assert_eq!(res.status(), 200);
}

#[test]
fn secrets_compare_in_full() {
    use dev_backend::clock::same_secret;
    assert!(same_secret("csrf_abc", "csrf_abc"));
    assert!(!same_secret("csrf_abd", "csrf_abc"));
    assert!(!same_secret("csrf_ab", "csrf_abc"));
    assert!(!same_secret("", "csrf_abc"));
}

/// Every mutating route of the OpenAPI document refuses a missing token and another session's
/// token alike, and changes nothing.
#[tokio::test]
async fn every_mutating_route_needs_this_sessions_csrf_token() {
    let server = start("installed").await;
    let other = server.other_session().await;
    let doc: Value = ok_json(server.get("/api/openapi.json").await).await;
    let snapshot = || async {
        let mut integration: Value = ok_json(server.get("/api/integrations/facebook").await).await;
        // The server's clock, which moves by itself.
        integration.as_object_mut().unwrap().remove("server_time");
        let conversations: Value = ok_json(server.get("/api/conversations").await).await;
        let ken: Value = ok_json(server.get("/api/conversations/ken").await).await;
        (integration, conversations["conversations"].clone(), ken["messages"].clone())
    };
    let before = snapshot().await;
    let mut walked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["post", "put", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            let url = path.replace("{id}", "ken").replace("{message_id}", "m-1").replace("{state}", "st_x");
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            for token in [None, Some(other.csrf.as_str())] {
                let mut request = server.client.request(method.clone(), server.url(&url)).json(&json!({}));
                if let Some(token) = token {
                    request = request.header(CSRF_HEADER, token);
                }
                let res = request.send().await.unwrap();
                expect_error(res, 403, ErrorCode::CsrfTokenInvalid).await;
            }
            walked += 1;
        }
    }
    assert!(walked >= 6, "only {walked} mutating routes in the OpenAPI document");
    assert_eq!(snapshot().await, before);
}
