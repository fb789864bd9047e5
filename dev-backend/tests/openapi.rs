//! The OpenAPI document is served, parses, and covers every `/api` route.
mod common;

use common::*;
use serde_json::Value;

/// Every route the contract has, as `METHOD /path`. A new route must be added here and documented.
const ROUTES: &[&str] = &[
    "GET /api/health",
    "GET /api/me",
    "GET /api/integrations/facebook",
    "DELETE /api/integrations/facebook",
    "PUT /api/integrations/facebook/visibility",
    "POST /api/integrations/facebook/install",
    "GET /api/integrations/facebook/install/{state}",
    "GET /api/integrations/facebook/callback",
    "POST /api/integrations/facebook/pages",
    "DELETE /api/integrations/facebook/pages/{page_id}",
    "POST /api/integrations/facebook/pages/{page_id}/subscription",
    "GET /api/integrations/facebook/diagnostics/{check}",
    "GET /api/conversations",
    "GET /api/conversations/{id}",
    "POST /api/conversations/{id}/messages",
    "DELETE /api/conversations/{id}/messages/{message_id}",
    "POST /api/conversations/{id}/take-control",
    "POST /api/conversations/{id}/pass-control",
    "POST /api/conversations/{id}/read",
    "GET /api/updates",
    "GET /api/attachments/{id}",
    "POST /api/attachments",
];

async fn document(server: &Server) -> Value {
    let res = server.get("/api/openapi.json").await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("the document is JSON")
}

#[tokio::test]
async fn the_document_lists_exactly_the_contract_routes() {
    let server = start("installed").await;
    let doc = document(&server).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented: Vec<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| ops.as_object().unwrap().keys().map(move |m| format!("{} {path}", m.to_uppercase())))
        .collect();
    documented.sort();
    let mut expected: Vec<String> = ROUTES.iter().map(|r| r.to_string()).collect();
    expected.sort();
    assert_eq!(documented, expected);
}

#[tokio::test]
async fn every_documented_route_is_served() {
    let server = start("installed").await;
    let doc = document(&server).await;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let concrete = path
            .replace("{state}", "st_x")
            .replace("{check}", "token_valid")
            .replace("{id}", "ken")
            .replace("{message_id}", "m-1");
        for method in ops.as_object().unwrap().keys() {
            let url = if concrete.ends_with("/callback") { format!("{concrete}?state=st_x") } else { concrete.clone() };
            let res = server.send(method.to_uppercase().parse().unwrap(), &url, serde_json::json!({})).await;
            assert!(
                ![404, 405].contains(&res.status().as_u16())
                    || res.headers().get("content-type").is_some_and(|c| c == "application/json"),
                "{method} {path} is not routed ({})",
                res.status()
            );
        }
    }
}

#[tokio::test]
async fn error_and_event_schemas_are_published() {
    let server = start("installed").await;
    let doc = document(&server).await;
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in ["ErrorBody", "ErrorCode", "IntegrationState", "InstallResult", "Message", "UpdateEvent", "CheckResult"]
    {
        assert!(schemas.contains_key(name), "{name} is missing");
    }
    let codes = serde_json::to_string(&schemas["ErrorCode"]).unwrap();
    for code in contract::ErrorCode::ALL {
        let name = serde_json::to_value(code).unwrap();
        assert!(codes.contains(&format!("\"{}\"", name.as_str().unwrap())), "{name} is not documented");
    }
}
