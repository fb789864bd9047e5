//! Visibility, uninstall, reconnect and the troubleshooter's checks.
mod common;

use common::*;
use contract::*;
use reqwest::Method;
use serde_json::json;

async fn state(server: &Server) -> IntegrationState {
    ok_json(server.get("/api/integrations/facebook").await).await
}

#[tokio::test]
async fn visibility_change_persists_and_hides_the_install_from_other_admins() {
    let mut server = start("installed").await;
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"})).await;
    let installation: Installation = ok_json(res).await;
    assert_eq!(installation.visibility, Visibility::Private);

    server.post("/sim/current-user", json!({"name": "Aiko Tanaka"})).await;
    server.sign_in().await;
    let IntegrationState::InstalledPrivatelyByOtherAdmin { installed_by, .. } = state(&server).await else { panic!() };
    assert_eq!(installed_by.name, "Haruto Sato");
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "shared"})).await;
    expect_error(res, 409, ErrorCode::InstalledPrivatelyByOtherAdmin).await;
}

#[tokio::test]
async fn a_visibility_change_is_an_integration_event_and_a_private_install_leaks_no_messages() {
    let mut server = start("installed").await;
    let since = ok_json::<Updates>(server.get("/api/updates?since=0&wait=0").await).await.cursor;
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"})).await;
    assert_eq!(res.status(), 200);
    server.post("/sim/inbound", json!({"customer": "Ken Watanabe", "text": "Only for Haruto"})).await;
    let updates: Updates = ok_json(server.get(&format!("/api/updates?since={since}&wait=0")).await).await;
    assert!(updates.events.contains(&UpdateEvent::Integration));
    assert!(updates.events.iter().any(|e| matches!(e, UpdateEvent::Message { .. })), "Haruto sees his messages");

    server.post("/sim/current-user", json!({"name": "Aiko Tanaka"})).await;
    server.sign_in().await;
    let updates: Updates = ok_json(server.get(&format!("/api/updates?since={since}&wait=0")).await).await;
    assert_eq!(updates.events, [UpdateEvent::Integration], "Aiko learns only that it changed");
}

#[tokio::test]
async fn regular_users_see_a_shared_install_but_cannot_manage_it() {
    let mut server = start("installed").await;
    server.post("/sim/current-user", json!({"name": "Yui Suzuki"})).await;
    server.sign_in().await;
    let IntegrationState::Installed(i) = state(&server).await else { panic!() };
    assert!(!i.can_manage);
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"})).await;
    expect_error(res, 403, ErrorCode::NotAdmin).await;
    expect_error(server.send(Method::DELETE, "/api/integrations/facebook", json!({})).await, 403, ErrorCode::NotAdmin)
        .await;
}

#[tokio::test]
async fn uninstall_frees_the_page_and_stops_messaging() {
    let server = start("installed").await;
    let after: IntegrationState =
        ok_json(server.send(Method::DELETE, "/api/integrations/facebook", json!({})).await).await;
    assert_eq!(after, IntegrationState::NotInstalled);
    expect_error(server.get("/api/conversations").await, 409, ErrorCode::NotInstalled).await;
    expect_error(
        server.send(Method::DELETE, "/api/integrations/facebook", json!({})).await,
        409,
        ErrorCode::NotInstalled,
    )
    .await;
    let (_, result) = server.grant_all(InstallStartRequest::Install).await;
    let InstallResult::ChoosePage { pages, .. } = result else { panic!() };
    assert!(pages.iter().all(|p| p.availability == PageAvailability::Connectable));
}

#[tokio::test]
async fn reconnect_renews_an_expired_token() {
    let server = start("installed_token_expired").await;
    let IntegrationState::Installed(i) = state(&server).await else { panic!() };
    assert_eq!(i.pages[0].health, PageHealth::TokenExpired);
    let (_, result) = server.grant_all(InstallStartRequest::Reconnect).await;
    let InstallResult::Completed { installation, not_renewed } = result else { panic!("{result:?}") };
    assert_eq!(not_renewed, [], "every Page was ticked");
    assert_eq!(installation.pages[0].health, PageHealth::Healthy);
}

#[tokio::test]
async fn reconnect_without_an_install_is_refused_up_front() {
    let server = start("fresh").await;
    let res = server.post("/api/integrations/facebook/install", json!({"purpose": "reconnect"})).await;
    expect_error(res, 409, ErrorCode::NotInstalled).await;
    let res =
        server.post("/api/integrations/facebook/install", json!({"purpose": "rerequest", "permissions": []})).await;
    expect_error(res, 400, ErrorCode::InvalidRequest).await;
}

#[tokio::test]
async fn declining_a_permission_on_reconnect_shows_as_permissions_missing_then_a_rerequest_heals_it() {
    let server = start("installed").await;
    let start = server.start_flow(InstallStartRequest::Reconnect).await;
    server.dialog(&start, "continue", |s| s != "pages_read_engagement", |_| true).await;
    let InstallResult::Failed { error } = server.result(&start.state).await else { panic!() };
    assert_eq!(error.details.missing_permissions, [Permission::PagesReadEngagement]);
    let IntegrationState::Installed(i) = state(&server).await else { panic!() };
    assert_eq!(i.pages[0].health, PageHealth::PermissionsMissing { missing: vec![Permission::PagesReadEngagement] });

    let (_, result) =
        server.grant_all(InstallStartRequest::Rerequest { permissions: vec![Permission::PagesReadEngagement] }).await;
    assert!(matches!(result, InstallResult::Completed { .. }), "{result:?}");
}

async fn checks(server: &Server) -> Vec<CheckResult> {
    let mut out = Vec::new();
    for check in CheckId::ALL {
        out.push(
            ok_json(server.get(&format!("/api/integrations/facebook/diagnostics/{}", check.as_str())).await).await,
        );
    }
    out
}

#[tokio::test]
async fn diagnostics_pass_on_a_healthy_install() {
    let server = start("installed").await;
    for result in checks(&server).await {
        assert_eq!(result.status, CheckStatus::Pass, "{result:?}");
        assert_eq!(result.fix, None);
    }
    expect_error(server.get("/api/integrations/facebook/diagnostics/nope").await, 404, ErrorCode::NotFound).await;
}

#[tokio::test]
async fn diagnostics_name_the_fix_for_an_expired_token_and_a_restriction() {
    let server = start("installed_token_expired").await;
    let results = checks(&server).await;
    assert_eq!((results[0].status, results[0].fix), (CheckStatus::Fail, Some(FixCode::Reconnect)));
    assert!(results[1..].iter().any(|r| r.status == CheckStatus::Skipped));

    let server = start("page_restricted").await;
    let results = checks(&server).await;
    let restriction = results.iter().find(|r| r.check == CheckId::PageRestriction).unwrap();
    assert_eq!((restriction.status, restriction.fix), (CheckStatus::Fail, Some(FixCode::AppealRestriction)));
    let typed = restriction.restriction.as_ref().expect("the restriction, typed");
    assert!(typed.reason.contains("Messenger policy"), "{typed:?}");
    assert!(typed.appeal_url.starts_with("https://www.facebook.com/"), "{typed:?}");
    assert_eq!(restriction.page.as_ref().map(|p| p.name.as_str()), Some("Sakura Trading Official"));
}

#[tokio::test]
async fn diagnostics_name_the_missing_scopes_as_a_list() {
    let server = start("installed_permission_missing").await;
    let results = checks(&server).await;
    let permissions = results.iter().find(|r| r.check == CheckId::PermissionsGranted).unwrap();
    assert_eq!(permissions.fix, Some(FixCode::GrantPermissions));
    assert_eq!(permissions.missing_permissions, [Permission::PagesMessaging]);
}

#[tokio::test]
async fn page_role_is_the_role_on_the_facebook_page_and_names_who_can_grant_it() {
    let mut server = start("installed").await;
    let role = |results: Vec<CheckResult>| results.into_iter().find(|r| r.check == CheckId::PageRole).unwrap();
    let haruto = role(checks(&server).await);
    assert_eq!(haruto.status, CheckStatus::Pass);
    assert!(haruto.page_tasks.contains(&PageTask::Manage));

    // Aiko is an admin of the CRM, but on Facebook she may only answer messages on the Page.
    let res = server
        .post(
            "/sim/page-tasks",
            json!({"page": "Sakura Trading Official", "user": "Aiko Tanaka", "tasks": ["MESSAGING"]}),
        )
        .await;
    assert_eq!(res.status(), 204);
    server.post("/sim/current-user", json!({"name": "Aiko Tanaka"})).await;
    assert_eq!(server.sign_in().await.role, Role::Admin);
    let aiko = role(checks(&server).await);
    assert_eq!((aiko.status, aiko.fix), (CheckStatus::Fail, Some(FixCode::AskForPageAdminRole)));
    assert_eq!(aiko.page_tasks, [PageTask::Messaging]);
    assert_eq!(aiko.can_grant.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Haruto Sato"]);
}

#[tokio::test]
async fn diagnostics_need_an_install() {
    let server = start("fresh").await;
    expect_error(server.get("/api/integrations/facebook/diagnostics/token_valid").await, 409, ErrorCode::NotInstalled)
        .await;
}
