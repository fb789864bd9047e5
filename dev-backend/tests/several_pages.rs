//! Companies with several Facebook Pages: connect several in one flow, add one later,
//! reconnect exactly the ticked ones, and check each Page on its own.
mod common;

use common::*;
use contract::*;
use reqwest::Method;
use serde_json::json;

const OFFICIAL: &str = "Sakura Trading Official";
const OUTLET: &str = "Sakura Outlet";

async fn state(server: &Server) -> Installation {
    match ok_json(server.get("/api/integrations/facebook").await).await {
        IntegrationState::Installed(i) => i,
        other => panic!("expected an install, got {other:?}"),
    }
}

fn health(installation: &Installation) -> Vec<(&str, &PageHealth)> {
    installation.pages.iter().map(|p| (p.name.as_str(), &p.health)).collect()
}

fn offered(result: &InstallResult) -> Vec<(PageId, String, PageAvailability)> {
    match result {
        InstallResult::ChoosePage { pages, .. } => {
            pages.iter().map(|p| (p.id.clone(), p.name.clone(), p.availability.clone())).collect()
        }
        other => panic!("expected ChoosePage, got {other:?}"),
    }
}

fn ids(result: &InstallResult) -> Vec<PageId> {
    offered(result).into_iter().map(|(id, ..)| id).collect()
}

async fn connect(server: &Server, state: &str, page_ids: &[PageId], visibility: &str) -> reqwest::Response {
    server
        .post(
            "/api/integrations/facebook/pages",
            json!({"state": state, "page_ids": page_ids, "visibility": visibility}),
        )
        .await
}

#[tokio::test]
async fn a_first_install_connects_both_pages_in_one_flow() {
    let server = start("fresh").await;
    let (state_id, result) = server.grant_all(InstallStartRequest::Install).await;
    let installation: Installation = ok_json(connect(&server, &state_id, &ids(&result), "shared").await).await;
    assert_eq!(health(&installation), [(OFFICIAL, &PageHealth::Healthy), (OUTLET, &PageHealth::Healthy)]);
    // The state is spent: the same request again is refused.
    expect_error(connect(&server, &state_id, &ids(&result), "shared").await, 400, ErrorCode::OauthStateInvalid).await;
}

#[tokio::test]
async fn connecting_is_all_or_nothing_and_the_error_names_the_page() {
    let server = start("app_installed_by_other_page_admin").await;
    let (state_id, result) = server.grant_all(InstallStartRequest::Install).await;
    let res = connect(&server, &state_id, &ids(&result), "shared").await;
    let error = expect_error(res, 409, ErrorCode::AppInstalledByOtherPageAdmin).await;
    assert_eq!(error.details.page.map(|p| p.name).as_deref(), Some(OFFICIAL));
    assert_eq!(
        ok_json::<IntegrationState>(server.get("/api/integrations/facebook").await).await,
        IntegrationState::NotInstalled,
        "the Outlet was not connected alone"
    );
    // Without the blocked Page, the same state connects the other.
    let outlet: Vec<PageId> = offered(&result).into_iter().filter(|(_, n, _)| n == OUTLET).map(|(id, ..)| id).collect();
    let installation: Installation = ok_json(connect(&server, &state_id, &outlet, "shared").await).await;
    assert_eq!(health(&installation), [(OUTLET, &PageHealth::Healthy)]);
}

#[tokio::test]
async fn connect_refuses_no_pages_and_pages_the_sign_in_did_not_offer() {
    let server = start("fresh").await;
    let start_ = server.start_flow(InstallStartRequest::Install).await;
    server.dialog(&start_, "continue", |_| true, |page| page == OFFICIAL).await;
    let result = server.result(&start_.state).await;
    assert_eq!(offered(&result).len(), 1, "only the ticked Page is offered");
    expect_error(connect(&server, &start_.state, &[], "shared").await, 400, ErrorCode::InvalidRequest).await;
    let outlet = PageId::new("p-sakura-outlet");
    let res = connect(&server, &start_.state, &[ids(&result)[0].clone(), outlet], "shared").await;
    expect_error(res, 400, ErrorCode::InvalidRequest).await;
    let res = server.post("/api/integrations/facebook/pages", json!({"state": start_.state, "page_id": "p"})).await;
    assert_eq!(res.status(), 400, "the old single-Page body is refused, not half-read");
}

#[tokio::test]
async fn add_a_page_keeps_the_connected_one_and_its_visibility() {
    let server = start("installed").await;
    let res = server.send(Method::PUT, "/api/integrations/facebook/visibility", json!({"visibility": "private"})).await;
    assert_eq!(res.status(), 200);
    let (state_id, result) = server.grant_all(InstallStartRequest::AddPage).await;
    let choices = offered(&result);
    assert_eq!(
        choices.iter().map(|(_, n, a)| (n.as_str(), a.clone())).collect::<Vec<_>>(),
        [(OFFICIAL, PageAvailability::AlreadyConnected), (OUTLET, PageAvailability::Connectable)]
    );
    let outlet: Vec<PageId> = choices.into_iter().filter(|(_, n, _)| n == OUTLET).map(|(id, ..)| id).collect();
    // The visibility asked for is ignored: the install keeps its own.
    let installation: Installation = ok_json(connect(&server, &state_id, &outlet, "shared").await).await;
    assert_eq!(installation.visibility, Visibility::Private);
    assert_eq!(health(&installation), [(OFFICIAL, &PageHealth::Healthy), (OUTLET, &PageHealth::Healthy)]);
    assert_eq!(installation.installed_by.name, "Haruto Sato");
}

#[tokio::test]
async fn add_a_page_needs_an_install_and_someone_who_may_manage_it() {
    let server = start("fresh").await;
    let res = server.post("/api/integrations/facebook/install", json!({"purpose": "add_page"})).await;
    expect_error(res, 409, ErrorCode::NotInstalled).await;

    let mut server = start("installed").await;
    server.post("/sim/current-user", json!({"name": "Yui Suzuki"})).await;
    server.sign_in().await;
    let res = server.post("/api/integrations/facebook/install", json!({"purpose": "add_page"})).await;
    expect_error(res, 403, ErrorCode::NotAdmin).await;
}

#[tokio::test]
async fn a_reconnect_renews_exactly_the_ticked_pages_and_names_the_others() {
    let server = start("installed_two_pages_token_expired").await;
    let before = state(&server).await;
    assert_eq!(health(&before), [(OFFICIAL, &PageHealth::TokenExpired), (OUTLET, &PageHealth::TokenExpired)]);

    let start_ = server.start_flow(InstallStartRequest::Reconnect).await;
    server.dialog(&start_, "continue", |_| true, |page| page == OFFICIAL).await;
    let InstallResult::Completed { installation, not_renewed } = server.result(&start_.state).await else {
        panic!("a reconnect completes")
    };
    assert_eq!(health(&installation), [(OFFICIAL, &PageHealth::Healthy), (OUTLET, &PageHealth::TokenExpired)]);
    assert_eq!(not_renewed.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), [OUTLET]);
    assert_eq!(health(&state(&server).await), health(&installation), "as the settings show it");

    // Ticking the Outlet alone renews it and leaves the Official as it is now (healthy).
    let start_ = server.start_flow(InstallStartRequest::Reconnect).await;
    server.dialog(&start_, "continue", |_| true, |page| page == OUTLET).await;
    let InstallResult::Completed { installation, not_renewed } = server.result(&start_.state).await else { panic!() };
    assert_eq!(health(&installation), [(OFFICIAL, &PageHealth::Healthy), (OUTLET, &PageHealth::Healthy)]);
    assert_eq!(not_renewed.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), [OFFICIAL]);
}

#[tokio::test]
async fn a_reconnect_with_no_page_ticked_renews_nothing() {
    let server = start("installed_two_pages_token_expired").await;
    let start_ = server.start_flow(InstallStartRequest::Reconnect).await;
    server.dialog(&start_, "continue", |_| true, |_| false).await;
    let InstallResult::Completed { installation, not_renewed } = server.result(&start_.state).await else { panic!() };
    assert_eq!(not_renewed.len(), 2);
    assert!(installation.pages.iter().all(|p| p.health == PageHealth::TokenExpired));
}

#[tokio::test]
async fn the_troubleshooter_checks_the_page_it_is_asked_about() {
    let server = start("installed_two_pages").await;
    let installation = state(&server).await;
    let check = |page: Option<&str>| {
        let path = match page {
            Some(id) => format!("/api/integrations/facebook/diagnostics/page_restriction?page={id}"),
            None => "/api/integrations/facebook/diagnostics/page_restriction".to_owned(),
        };
        let server = &server;
        async move { server.get(&path).await }
    };
    let [official, outlet] = [&installation.pages[0], &installation.pages[1]];
    let result: CheckResult = ok_json(check(Some(official.id.as_str())).await).await;
    assert_eq!((result.status, result.page.map(|p| p.name)), (CheckStatus::Pass, Some(OFFICIAL.into())));
    let result: CheckResult = ok_json(check(Some(outlet.id.as_str())).await).await;
    assert_eq!((result.status, result.fix), (CheckStatus::Fail, Some(FixCode::AppealRestriction)));
    assert_eq!(result.page.map(|p| p.name).as_deref(), Some(OUTLET));
    let result: CheckResult = ok_json(check(None).await).await;
    assert_eq!(result.page.map(|p| p.name).as_deref(), Some(OFFICIAL), "without a Page: the first");
    expect_error(check(Some("p-nope")).await, 404, ErrorCode::NotFound).await;
}
