//! The named scenarios and the `/sim` controls.
mod common;

use common::*;
use contract::{ErrorCode, IntegrationState, Visibility};
use serde_json::{json, Value};

#[tokio::test]
async fn scenarios_are_listed_by_name() {
    let server = start("installed").await;
    let list: Vec<Value> = ok_json(server.get("/sim/scenarios").await).await;
    let names: Vec<_> = list.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "fresh",
            "fresh_regular_user",
            "private_install_by_other_admin",
            "page_on_other_company",
            "facebook_error",
            "app_installed_by_other_page_admin",
            "installed",
            "installed_token_expired",
            "installed_permission_missing",
            "page_restricted",
            "installed_two_pages",
            "installed_two_pages_token_expired"
        ]
    );
    assert!(list.iter().all(|s| !s["description"].as_str().unwrap().is_empty()));
}

#[tokio::test]
async fn reset_replaces_all_state_and_rejects_unknown_names() {
    let mut server = start("installed").await;
    let res = server
        .send(reqwest::Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"}))
        .await;
    assert_eq!(res.status(), 200);
    server.reset("installed").await;
    let state: IntegrationState = ok_json(server.get("/api/integrations/facebook").await).await;
    let IntegrationState::Installed(i) = state else { panic!("{state:?}") };
    assert_eq!(i.visibility, Visibility::Shared);

    let res = server.post("/sim/reset", json!({"scenario": "nope"})).await;
    expect_error(res, 400, ErrorCode::InvalidRequest).await;
}

#[tokio::test]
async fn each_scenario_starts_in_its_documented_state() {
    let mut server = start("fresh").await;
    let expect = [
        ("fresh", "not_installed"),
        ("fresh_regular_user", "not_installed"),
        ("private_install_by_other_admin", "installed_privately_by_other_admin"),
        ("page_on_other_company", "not_installed"),
        ("facebook_error", "not_installed"),
        ("app_installed_by_other_page_admin", "not_installed"),
        ("installed", "installed"),
        ("installed_token_expired", "installed"),
        ("installed_permission_missing", "installed"),
        ("page_restricted", "installed"),
    ];
    for (scenario, state) in expect {
        server.reset(scenario).await;
        let body: Value = ok_json(server.get("/api/integrations/facebook").await).await;
        assert_eq!(body["state"], state, "{scenario}");
        let health = &body["pages"][0]["health"]["status"];
        match scenario {
            "installed" => assert_eq!(health, "healthy"),
            "installed_token_expired" => assert_eq!(health, "token_expired"),
            "installed_permission_missing" => {
                assert_eq!(health, "permissions_missing");
                assert_eq!(body["pages"][0]["health"]["missing"], json!(["pages_messaging"]));
            }
            "page_restricted" => {
                assert_eq!(health, "restricted");
                assert_eq!(body["pages"][0]["health"]["since"], 1_795_132_800_000i64, "2026-11-20");
            }
            "private_install_by_other_admin" => assert_eq!(body["installed_by"]["name"], "Aiko Tanaka"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn current_user_can_be_switched() {
    let mut server = start("installed").await;
    let res = server.post("/sim/current-user", json!({"name": "Yui Suzuki"})).await;
    assert_eq!(res.status(), 200);
    let me = server.sign_in().await;
    assert_eq!(me.user.name, "Yui Suzuki");
    expect_error(server.post("/sim/current-user", json!({"name": "Nobody"})).await, 400, ErrorCode::InvalidRequest)
        .await;
}

#[tokio::test]
async fn the_starting_scenario_comes_from_the_options() {
    let server = start("page_restricted").await;
    let body: Value = ok_json(server.get("/api/integrations/facebook").await).await;
    assert_eq!(body["pages"][0]["health"]["status"], "restricted");
}
