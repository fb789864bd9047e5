//! The popup install flow through the simulated Facebook dialog, for every scenario and failure.
mod common;

use common::*;
use contract::*;
use serde_json::json;

fn pages(result: &InstallResult) -> Vec<(String, PageAvailability)> {
    match result {
        InstallResult::ChoosePage { pages, .. } => {
            pages.iter().map(|p| (p.name.clone(), p.availability.clone())).collect()
        }
        other => panic!("expected ChoosePage, got {other:?}"),
    }
}

fn failure(result: InstallResult) -> ApiError {
    match result {
        InstallResult::Failed { error } => error,
        other => panic!("expected Failed, got {other:?}"),
    }
}

async fn connect(server: &Server, state: &str, page: &str) -> reqwest::Response {
    server
        .post("/api/integrations/facebook/pages", json!({"state": state, "page_ids": [page], "visibility": "shared"}))
        .await
}

#[tokio::test]
async fn fresh_install_grants_everything_and_connects_sakura_trading_official() {
    let server = start("fresh").await;
    let start = server.start_flow(InstallStartRequest::Install).await;
    assert!(start.authorize_url.starts_with("/sim/facebook/dialog?"));
    assert!(start.authorize_url.contains(&format!("state={}", start.state)));

    let html = server.get(&start.authorize_url).await.text().await.unwrap();
    assert!(html.contains("Simulated"));
    let labels: Vec<_> = checkboxes(&html).into_iter().map(|(_, _, label)| label).collect();
    assert_eq!(
        labels,
        [
            "pages_messaging",
            "pages_manage_metadata",
            "pages_show_list",
            "pages_read_engagement",
            "business_management",
            "Sakura Trading Official",
            "Sakura Outlet"
        ]
    );
    assert!(html.contains(">Continue</button>") && html.contains(">Cancel</button>"));

    assert_eq!(server.result(&start.state).await, InstallResult::Pending, "before the dialog is done");
    let landing = server.dialog(&start, "continue", |_| true, |_| true).await;
    assert_eq!(landing, format!("/settings/messaging/facebook/complete?state={}", start.state));

    let result = server.result(&start.state).await;
    assert_eq!(
        pages(&result),
        [
            ("Sakura Trading Official".into(), PageAvailability::Connectable),
            ("Sakura Outlet".into(), PageAvailability::Connectable)
        ]
    );
    let installation: Installation = ok_json(connect(&server, &start.state, "p-sakura-official").await).await;
    assert_eq!(installation.installed_by.name, "Haruto Sato");
    assert_eq!(installation.visibility, Visibility::Shared);
    assert_eq!(installation.pages[0].name, "Sakura Trading Official");
    assert_eq!(installation.pages[0].health, PageHealth::Healthy);

    let state: IntegrationState = ok_json(server.get("/api/integrations/facebook").await).await;
    assert!(matches!(state, IntegrationState::Installed(_)));
    // The state is single use.
    expect_error(connect(&server, &start.state, "p-sakura-outlet").await, 400, ErrorCode::OauthStateInvalid).await;
}

#[tokio::test]
async fn unticked_permissions_fail_with_exactly_those_and_a_rerequest_asks_only_for_them() {
    let server = start("fresh").await;
    let start = server.start_flow(InstallStartRequest::Install).await;
    server.dialog(&start, "continue", |s| s != "pages_show_list" && s != "business_management", |_| true).await;
    let error = failure(server.result(&start.state).await);
    assert_eq!(error.code, ErrorCode::MissingPermissions);
    assert_eq!(error.details.missing_permissions, [Permission::PagesShowList, Permission::BusinessManagement]);

    let again =
        server.start_flow(InstallStartRequest::Rerequest { permissions: error.details.missing_permissions }).await;
    assert!(again.authorize_url.contains("auth_type=rerequest"));
    let html = server.get(&again.authorize_url).await.text().await.unwrap();
    let labels: Vec<_> = checkboxes(&html).into_iter().map(|(_, _, l)| l).collect();
    assert_eq!(labels, ["pages_show_list", "business_management"]);
    server.dialog(&again, "continue", |_| true, |_| true).await;
    let result = server.result(&again.state).await;
    assert_eq!(pages(&result).len(), 2);
    let installation: Installation = ok_json(connect(&server, &again.state, "p-sakura-official").await).await;
    assert_eq!(installation.granted_permissions.len(), 5);
}

#[tokio::test]
async fn cancel_in_the_dialog_is_install_cancelled() {
    let server = start("fresh").await;
    let start = server.start_flow(InstallStartRequest::Install).await;
    server.dialog(&start, "cancel", |_| true, |_| true).await;
    assert_eq!(failure(server.result(&start.state).await).code, ErrorCode::InstallCancelled);
}

#[tokio::test]
async fn the_callback_reads_what_happened_from_facebooks_redirect() {
    let server = start("fresh").await;
    let callback = |state: &str, query: &str| format!("/api/integrations/facebook/callback?state={state}&{query}");
    // Facebook's own cancel, without the simulated dialog having recorded anything.
    let start = server.start_flow(InstallStartRequest::Install).await;
    server.get(&callback(&start.state, "error=access_denied&error_reason=user_denied")).await;
    assert_eq!(failure(server.result(&start.state).await).code, ErrorCode::InstallCancelled);

    // Any other error is Facebook's failure, in Facebook's words.
    let start = server.start_flow(InstallStartRequest::Install).await;
    server.get(&callback(&start.state, "error=server_error&error_description=Please%20try%20later")).await;
    let error = failure(server.result(&start.state).await);
    assert_eq!(error.code, ErrorCode::FacebookError);
    assert!(error.message.contains("server_error") && error.message.contains("Please try later"), "{}", error.message);
    assert!(error.reference.starts_with("REF-") || !error.reference.is_empty());

    let start = server.start_flow(InstallStartRequest::Install).await;
    server.get(&callback(&start.state, "error=access_denied&error_reason=something_else")).await;
    assert_eq!(failure(server.result(&start.state).await).code, ErrorCode::FacebookError);

    // Neither a code nor an error: nothing to exchange.
    let start = server.start_flow(InstallStartRequest::Install).await;
    server.get(&callback(&start.state, "")).await;
    assert_eq!(failure(server.result(&start.state).await).code, ErrorCode::OauthStateInvalid);
}

#[tokio::test]
async fn a_state_that_is_unknown_foreign_replayed_or_expired_is_rejected() {
    let server = start("fresh").await;
    expect_error(server.get("/api/integrations/facebook/install/st_forged").await, 400, ErrorCode::OauthStateInvalid)
        .await;
    let res = server.get("/api/integrations/facebook/callback?state=st_forged&code=x").await;
    assert_eq!(res.status(), 303, "the popup still lands on the completion route, which shows the error");

    let start = server.start_flow(InstallStartRequest::Install).await;
    let other = server.other_session().await;
    expect_error(
        other.get(&format!("/api/integrations/facebook/install/{}", start.state)).await,
        400,
        ErrorCode::OauthStateInvalid,
    )
    .await;

    server.dialog(&start, "continue", |_| true, |_| true).await;
    let first = server.result(&start.state).await;
    // Replaying the callback, even with a forged code, changes nothing.
    server.get(&format!("/api/integrations/facebook/callback?state={}&code=forged", start.state)).await;
    assert_eq!(server.result(&start.state).await, first);

    let late = server.start_flow(InstallStartRequest::Install).await;
    server.post("/sim/clock", json!({"advance_hours": 1})).await;
    expect_error(
        server.get(&format!("/api/integrations/facebook/install/{}", late.state)).await,
        400,
        ErrorCode::OauthStateInvalid,
    )
    .await;
}

#[tokio::test]
async fn a_code_that_does_not_match_the_state_is_rejected() {
    let server = start("fresh").await;
    let start = server.start_flow(InstallStartRequest::Install).await;
    let html = server.get(&start.authorize_url).await.text().await.unwrap();
    assert!(!checkboxes(&html).is_empty());
    let form = [("state", start.state.as_str()), ("action", "continue"), ("scope", "pages_messaging")];
    server.client.post(server.url("/sim/facebook/dialog")).form(&form).send().await.unwrap();
    server.get(&format!("/api/integrations/facebook/callback?state={}&code=code_forged", start.state)).await;
    assert_eq!(failure(server.result(&start.state).await).code, ErrorCode::OauthStateInvalid);
}

#[tokio::test]
async fn regular_users_cannot_start_an_install() {
    let server = start("fresh_regular_user").await;
    let res = server.post("/api/integrations/facebook/install", json!({"purpose": "install"})).await;
    expect_error(res, 403, ErrorCode::NotAdmin).await;
}

#[tokio::test]
async fn private_install_by_aiko_is_named_before_and_during_the_flow() {
    let server = start("private_install_by_other_admin").await;
    let state: IntegrationState = ok_json(server.get("/api/integrations/facebook").await).await;
    let IntegrationState::InstalledPrivatelyByOtherAdmin { installed_by, .. } = state else { panic!("{state:?}") };
    assert_eq!(installed_by.name, "Aiko Tanaka");

    let (flow, result) = server.grant_all(InstallStartRequest::Install).await;
    let listed = pages(&result);
    assert_eq!(listed[0].0, "Sakura Trading Official");
    let PageAvailability::ConnectedPrivatelyByOtherAdmin { admin } = &listed[0].1 else { panic!("{listed:?}") };
    assert_eq!(admin.name, "Aiko Tanaka");
    assert!(admin.email.is_some(), "so the UI can offer a mailto");

    // One install per company account: the other Page cannot be connected either.
    let error =
        expect_error(connect(&server, &flow, "p-sakura-outlet").await, 409, ErrorCode::InstalledPrivatelyByOtherAdmin)
            .await;
    assert_eq!(error.details.person.unwrap().name, "Aiko Tanaka");
}

#[tokio::test]
async fn page_on_kitami_foods_is_shown_as_such_and_cannot_be_connected() {
    let server = start("page_on_other_company").await;
    let (flow, result) = server.grant_all(InstallStartRequest::Install).await;
    assert_eq!(
        pages(&result)[1],
        ("Sakura Outlet".into(), PageAvailability::ConnectedToOtherCompany { company_name: "Kitami Foods".into() })
    );
    let error =
        expect_error(connect(&server, &flow, "p-sakura-outlet").await, 409, ErrorCode::PageConnectedToOtherCompany)
            .await;
    assert_eq!(error.details.other_company.as_deref(), Some("Kitami Foods"));
    assert_eq!(error.details.page.unwrap().name, "Sakura Outlet");
    // The other Page is fine.
    assert_eq!(connect(&server, &flow, "p-sakura-official").await.status(), 200);
}

#[tokio::test]
async fn facebook_error_fails_the_exchange_with_a_reference() {
    let server = start("facebook_error").await;
    let (_, result) = server.grant_all(InstallStartRequest::Install).await;
    let error = failure(result);
    assert_eq!(error.code, ErrorCode::FacebookError);
    assert!(error.reference.starts_with("REF-"));
}

#[tokio::test]
async fn app_installed_by_daichi_mori_blocks_the_connect_and_names_him() {
    let server = start("app_installed_by_other_page_admin").await;
    let (flow, _) = server.grant_all(InstallStartRequest::Install).await;
    let error =
        expect_error(connect(&server, &flow, "p-sakura-official").await, 409, ErrorCode::AppInstalledByOtherPageAdmin)
            .await;
    assert_eq!(error.details.person.unwrap().name, "Daichi Mori");
}

#[tokio::test]
async fn a_page_the_result_did_not_offer_cannot_be_connected() {
    let server = start("fresh").await;
    let start = server.start_flow(InstallStartRequest::Install).await;
    server.dialog(&start, "continue", |_| true, |page| page == "Sakura Outlet").await;
    assert_eq!(pages(&server.result(&start.state).await).len(), 1);
    expect_error(connect(&server, &start.state, "p-sakura-official").await, 400, ErrorCode::InvalidRequest).await;
}

#[tokio::test]
async fn states_are_not_predictable_across_servers() {
    let a = start("fresh").await.start_flow(InstallStartRequest::Install).await.state;
    let b = start("fresh").await.start_flow(InstallStartRequest::Install).await.state;
    assert_ne!(a, b);
}

#[tokio::test]
async fn the_callback_returns_to_the_completion_route_under_the_hosts_prefix() {
    let server = start("fresh").await;
    let body = json!({"purpose": "install", "complete_path": "/host-demo/settings/messaging/facebook/complete"});
    let start: contract::InstallStart = ok_json(server.post("/api/integrations/facebook/install", body).await).await;
    let back = server.dialog(&start, "continue", |_| true, |_| true).await;
    assert_eq!(back, format!("/host-demo/settings/messaging/facebook/complete?state={}", start.state));

    // Without one, the route at the root; and never anywhere but a plain path of this origin.
    let start = server.start_flow(InstallStartRequest::Install).await;
    let back = server.dialog(&start, "continue", |_| true, |_| true).await;
    assert_eq!(back, format!("/settings/messaging/facebook/complete?state={}", start.state));
    for hostile in [
        "//evil.example/settings/messaging/facebook/complete",
        "https://evil.example/settings/messaging/facebook/complete",
    ] {
        let res = server
            .post("/api/integrations/facebook/install", json!({"purpose": "install", "complete_path": hostile}))
            .await;
        expect_error(res, 400, ErrorCode::InvalidRequest).await;
    }
}
