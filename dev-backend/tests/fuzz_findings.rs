//! What `scripts/fuzz-api` (Schemathesis) found, replayed: query parameters that do not read
//! answered axum's plain text instead of the error envelope, and statuses the routes answer
//! were missing from the OpenAPI document, so a client generated from it could not expect them.
mod common;

use common::*;
use contract::ErrorCode;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn query_parameters_that_do_not_read_answer_the_error_envelope() {
    let server = start("installed").await;
    let upload = server
        .client
        .post(server.url("/api/attachments"))
        .header(contract::CSRF_HEADER, &server.csrf)
        .body(vec![0u8])
        .send()
        .await
        .unwrap();
    for res in [
        upload,
        server.get("/api/updates?since=abc").await,
        server.get("/api/conversations/ken?before=x").await,
        server.get("/api/integrations/facebook/callback").await,
        server.get("/api/conversations?limit=1&limit=2").await,
    ] {
        expect_error(res, 400, ErrorCode::InvalidRequest).await;
    }
}

/// Each request, and the operation of the document it must find its status in.
async fn documented(server: &Server, doc: &Value, method: Method, path: &str, template: &str, body: Value) {
    let res = server.send(method.clone(), path, body).await;
    let status = res.status().as_u16().to_string();
    let documented = doc["paths"][template][method.as_str().to_lowercase()]["responses"].as_object().unwrap();
    assert!(documented.contains_key(&status), "{method} {path} answered {status}, not among {:?}", documented.keys());
}

#[tokio::test]
async fn every_status_the_fuzzer_met_is_documented() {
    let server = start("installed").await;
    let doc: Value = server.get("/api/openapi.json").await.json().await.unwrap();
    let bad = [
        (
            Method::PUT,
            "/api/integrations/facebook/visibility",
            "/api/integrations/facebook/visibility",
            json!({"visibility": "AAA"}),
        ),
        (
            Method::POST,
            "/api/integrations/facebook/install",
            "/api/integrations/facebook/install",
            json!({"purpose": "install", "complete_path": ""}),
        ),
        (
            Method::POST,
            "/api/integrations/facebook/pages",
            "/api/integrations/facebook/pages",
            json!({"page_ids": [], "state": "", "visibility": "shared"}),
        ),
        (Method::POST, "/api/conversations/ken/messages", "/api/conversations/{id}/messages", json!({})),
        (Method::POST, "/api/conversations/mina/read", "/api/conversations/{id}/read", json!({})),
        (Method::GET, "/api/integrations/facebook/callback", "/api/integrations/facebook/callback", json!({})),
        (Method::GET, "/api/updates?wait=soon", "/api/updates", json!({})),
    ];
    for (method, path, template, body) in bad {
        documented(&server, &doc, method, path, template, body).await;
    }
    // Once someone uninstalled, the inbox's routes answer 409 not_installed.
    assert_eq!(server.delete("/api/integrations/facebook").await.status(), 200);
    let uninstalled = [
        (Method::GET, "/api/conversations/ken", "/api/conversations/{id}", json!({})),
        (Method::POST, "/api/conversations/ken/read", "/api/conversations/{id}/read", json!({"seq": 3})),
        (
            Method::DELETE,
            "/api/conversations/sora/messages/0",
            "/api/conversations/{id}/messages/{message_id}",
            json!({}),
        ),
        (
            Method::DELETE,
            "/api/integrations/facebook/pages/p-sakura",
            "/api/integrations/facebook/pages/{page_id}",
            json!({}),
        ),
        (
            Method::POST,
            "/api/integrations/facebook/pages/0/subscription",
            "/api/integrations/facebook/pages/{page_id}/subscription",
            json!({}),
        ),
    ];
    for (method, path, template, body) in uninstalled {
        documented(&server, &doc, method, path, template, body).await;
    }
}

/// Query parameters were documented `in: path`, so a client made from the document put them
/// where no placeholder is; and parameters with a default were `required`.
#[tokio::test]
async fn query_parameters_are_documented_in_the_query_and_optional_when_they_have_a_default() {
    let server = start("installed").await;
    let doc: Value = server.get("/api/openapi.json").await.json().await.unwrap();
    let mut seen = 0;
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            for p in operation["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let placeholder = path.contains(&format!("{{{name}}}"));
                let place = if placeholder { "path" } else { "query" };
                assert_eq!(p["in"], place, "{method} {path}: {name}");
                seen += usize::from(!placeholder);
            }
        }
    }
    assert!(seen >= 10, "only {seen} query parameters documented");
    let updates = &doc["paths"]["/api/updates"]["get"]["parameters"];
    let upload = &doc["paths"]["/api/attachments"]["post"]["parameters"];
    for (params, name, required) in [
        (updates, "since", false),
        (updates, "wait", false),
        (upload, "client_attachment_id", true),
        (upload, "name", false),
    ] {
        let p = params.as_array().unwrap().iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(p["required"].as_bool().unwrap_or(false), required, "{name}");
    }
}

/// serde reads an internally tagged enum's tag from a number too (the variant's index), so
/// `{"purpose": 0}` started an install.
#[tokio::test]
async fn a_purpose_that_is_not_a_name_is_refused() {
    let server = start("installed").await;
    for purpose in [json!(0), json!(1), json!(null)] {
        let res = server.post("/api/integrations/facebook/install", json!({ "purpose": purpose })).await;
        expect_error(res, 400, ErrorCode::InvalidRequest).await;
    }
    let res = server.post("/api/integrations/facebook/install", json!({ "purpose": "reconnect" })).await;
    assert_eq!(res.status(), 200);
}
