//! "Share more Pages": Facebook's Page choice again (`auth_type=rerequest`), the Pages each
//! Facebook user shared before still ticked, and exactly the ticked ones offered after.
mod common;

use common::*;
use contract::*;
use serde_json::json;

const OFFICIAL: &str = "p-sakura-official";
const OUTLET: &str = "p-sakura-outlet";

async fn share_flow(server: &Server, purpose: &str) -> InstallStart {
    let body = json!({"purpose": purpose, "share_pages": true});
    ok_json(server.post("/api/integrations/facebook/install", body).await).await
}

/// Whether the dialog ticks the Page's checkbox.
fn ticked(html: &str, page_id: &str) -> bool {
    let input = html.split(&format!("value=\"{page_id}\"")).nth(1).expect("the Page is offered");
    input.split('>').next().unwrap().contains("checked")
}

fn offered(result: &InstallResult) -> Vec<String> {
    match result {
        InstallResult::ChoosePage { pages, .. } => pages.iter().map(|p| p.id.to_string()).collect(),
        other => panic!("expected ChoosePage, got {other:?}"),
    }
}

#[tokio::test]
async fn sharing_more_pages_ticks_the_ones_shared_before_and_offers_what_is_ticked_now() {
    let server = start("fresh").await;
    let first = server.start_flow(InstallStartRequest::Install).await;
    let html = server.get(&first.authorize_url).await.text().await.unwrap();
    assert!(ticked(&html, OFFICIAL) && ticked(&html, OUTLET), "an ordinary flow ticks every Page");
    assert!(!first.authorize_url.contains("auth_type"));
    server.dialog(&first, "continue", |_| true, |page| page == "Sakura Trading Official").await;
    assert_eq!(offered(&server.result(&first.state).await), [OFFICIAL]);

    let again = share_flow(&server, "install").await;
    assert!(again.authorize_url.contains("auth_type=rerequest"), "{}", again.authorize_url);
    let html = server.get(&again.authorize_url).await.text().await.unwrap();
    assert!(ticked(&html, OFFICIAL), "shared before");
    assert!(!ticked(&html, OUTLET), "left out before");
    assert!(html.contains("Choose the Pages the CRM app may use. The ones you shared before are ticked."));
    let labels: Vec<_> = checkboxes(&html).into_iter().map(|(_, _, label)| label).collect();
    assert_eq!(labels.len(), 7, "every scope and both Pages: {labels:?}");

    server.dialog(&again, "continue", |_| true, |_| true).await;
    assert_eq!(offered(&server.result(&again.state).await), [OFFICIAL, OUTLET]);
    // Facebook remembers the new choice.
    let third = share_flow(&server, "install").await;
    let html = server.get(&third.authorize_url).await.text().await.unwrap();
    assert!(ticked(&html, OFFICIAL) && ticked(&html, OUTLET));
}

#[tokio::test]
async fn a_first_window_with_no_page_ticked_offers_none_and_sharing_then_ticks_none() {
    let server = start("fresh").await;
    let first = server.start_flow(InstallStartRequest::Install).await;
    server.dialog(&first, "continue", |_| true, |_| false).await;
    assert_eq!(offered(&server.result(&first.state).await), Vec::<String>::new());

    let again = share_flow(&server, "install").await;
    let html = server.get(&again.authorize_url).await.text().await.unwrap();
    assert!(!ticked(&html, OFFICIAL) && !ticked(&html, OUTLET));
    server.dialog(&again, "continue", |_| true, |page| page == "Sakura Outlet").await;
    assert_eq!(offered(&server.result(&again.state).await), [OUTLET]);
}

#[tokio::test]
async fn facebook_remembers_each_users_pages_apart() {
    let server = start("fresh").await;
    let first = server.start_flow(InstallStartRequest::Install).await;
    server.dialog(&first, "continue", |_| true, |page| page == "Sakura Trading Official").await;

    // Aiko logs in to Facebook as herself: she shared nothing yet.
    let aiko = server.browser_of("Aiko Tanaka").await;
    let hers = share_flow(&aiko, "install").await;
    let html = aiko.get(&hers.authorize_url).await.text().await.unwrap();
    assert!(html.contains("Logged in as Aiko Tanaka"));
    assert!(!ticked(&html, OFFICIAL) && !ticked(&html, OUTLET));
    aiko.dialog(&hers, "continue", |_| true, |_| true).await;

    let his = share_flow(&server, "install").await;
    let html = server.get(&his.authorize_url).await.text().await.unwrap();
    assert!(ticked(&html, OFFICIAL) && !ticked(&html, OUTLET), "Aiko's choice is not Haruto's");
}

#[tokio::test]
async fn add_a_page_and_reconnect_share_pages_too() {
    let server = start("installed").await;
    // The installer shared Sakura Trading Official when installing.
    let add = share_flow(&server, "add_page").await;
    let html = server.get(&add.authorize_url).await.text().await.unwrap();
    assert!(ticked(&html, OFFICIAL) && !ticked(&html, OUTLET));
    server.dialog(&add, "continue", |_| true, |_| true).await;
    let result = server.result(&add.state).await;
    assert_eq!(offered(&result), [OFFICIAL, OUTLET]);
    let InstallResult::ChoosePage { pages, .. } = result else { unreachable!() };
    assert_eq!(pages[0].availability, PageAvailability::AlreadyConnected);

    // A reconnect renews exactly the ticked Pages, as without share_pages.
    let server = start("installed_two_pages_token_expired").await;
    let reconnect = share_flow(&server, "reconnect").await;
    let html = server.get(&reconnect.authorize_url).await.text().await.unwrap();
    assert!(ticked(&html, OFFICIAL) && ticked(&html, OUTLET), "both were shared at install");
    server.dialog(&reconnect, "continue", |_| true, |page| page == "Sakura Outlet").await;
    let InstallResult::Completed { installation, not_renewed } = server.result(&reconnect.state).await else {
        panic!("a reconnect completes")
    };
    assert_eq!(not_renewed.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), [OFFICIAL]);
    let health: Vec<_> = installation.pages.iter().map(|p| p.health.clone()).collect();
    assert_eq!(health, [PageHealth::TokenExpired, PageHealth::Healthy]);
}

#[tokio::test]
async fn a_permission_rerequest_cannot_share_pages() {
    let server = start("installed_permission_missing").await;
    let body = json!({"purpose": "rerequest", "permissions": ["pages_messaging"], "share_pages": true});
    let error =
        expect_error(server.post("/api/integrations/facebook/install", body).await, 400, ErrorCode::InvalidRequest)
            .await;
    assert!(error.message.contains("share_pages"), "{}", error.message);
    // Without it, a re-request still shows no Pages.
    let start =
        server.start_flow(InstallStartRequest::Rerequest { permissions: vec![Permission::PagesMessaging] }).await;
    let html = server.get(&start.authorize_url).await.text().await.unwrap();
    assert!(!html.contains("name=\"page\""));
}
