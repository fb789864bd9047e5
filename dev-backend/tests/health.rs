mod common;

#[tokio::test]
async fn health_answers_ok_over_http() {
    let server = common::start("installed").await;
    let res = server.client.get(server.url("/api/health")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<contract::Health>().await.unwrap(), contract::Health { ok: true });
}

#[tokio::test]
async fn static_dir_serves_index_for_client_routes() {
    let dir = std::env::temp_dir().join(format!("msg-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let server = common::start_with(dev_backend::Options { static_dir: Some(dir), ..Default::default() }).await;
    let res = server.client.get(server.url("/settings/messaging/facebook/connect")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("<title>app</title>"));

    // A mistyped API route is a 404 in the error shape, not the app.
    let res = server.client.get(server.url("/api/integrations/facebok")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn each_address_gets_the_page_that_preloads_its_part() {
    let dir = std::env::temp_dir().join(format!("msg-part-pages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<title>settings part</title>").unwrap();
    std::fs::write(dir.join("messaging.html"), "<title>conversations part</title>").unwrap();
    let server = common::start_with(dev_backend::Options { static_dir: Some(dir), ..Default::default() }).await;
    let page = |path: &'static str| {
        let request = server.client.get(server.url(path)).send();
        async move { request.await.unwrap().text().await.unwrap() }
    };
    for path in ["/messaging", "/messaging/ken", "/messaging/ken?x=1"] {
        assert!(page(path).await.contains("conversations part"), "{path}");
    }
    for path in ["/", "/settings/messaging", "/messagingx", "/settings/messaging/facebook/connect"] {
        assert!(page(path).await.contains("settings part"), "{path}");
    }
}

#[tokio::test]
async fn hashed_files_are_cached_for_good_and_the_rest_asked_again() {
    let dir = std::env::temp_dir().join(format!("msg-cache-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<title>app</title>").unwrap();
    std::fs::write(dir.join("msg-settings-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("messenger-integration.js"), "export {}").unwrap();
    let server = common::start_with(dev_backend::Options { static_dir: Some(dir), ..Default::default() }).await;
    let policy = |path: &'static str| {
        let request = server.client.get(server.url(path)).send();
        async move { request.await.unwrap().headers()["cache-control"].to_str().unwrap().to_owned() }
    };
    assert_eq!(policy("/msg-settings-0123456789abcdef_bg.wasm").await, "public, max-age=31536000, immutable");
    assert_eq!(policy("/messenger-integration.js").await, "no-cache");
    assert_eq!(policy("/settings/messaging").await, "no-cache");
    assert!(dev_backend::has_content_hash("messenger-integration-a59bdd5ad7d467e3.css"));
    assert!(dev_backend::has_content_hash("msg-conversations-0e99bb888c46f937.js"));
    assert!(!dev_backend::has_content_hash("messenger-integration.js"));
    assert!(!dev_backend::has_content_hash("msg-settings-0123456789abcdeg_bg.wasm"));
    // Trunk writes its u64 hash with `{:x}`, without leading zeros: one build in 16 has 15 digits.
    assert!(dev_backend::has_content_hash("msg-settings-f36313a170b15e6_bg.wasm"));
    assert!(!dev_backend::has_content_hash("host-demo.css"));
}

#[tokio::test]
async fn csp_and_host_demo_are_served_as_a_strict_crm_would() {
    let root = std::env::temp_dir().join(format!("msg-host-{}", std::process::id()));
    let (app, demo) = (root.join("dist"), root.join("demo"));
    std::fs::create_dir_all(&app).unwrap();
    std::fs::create_dir_all(&demo).unwrap();
    std::fs::write(app.join("index.html"), "<title>app</title>").unwrap();
    std::fs::write(demo.join("index.html"), "<title>crm</title>").unwrap();
    std::fs::write(demo.join("host-demo.js"), "export {};").unwrap();
    let react = root.join("react");
    std::fs::create_dir_all(react.join("assets")).unwrap();
    std::fs::write(react.join("index.html"), "<title>react</title>").unwrap();
    std::fs::write(react.join("assets/index-B1.js"), "export {};").unwrap();
    let options = dev_backend::Options {
        static_dir: Some(app),
        host_demo_dir: Some(demo),
        host_pages: vec![("/react-host".into(), react)],
        csp: true,
        sim: true,
        ..Default::default()
    };
    let server = common::start_with(options).await;
    for path in [
        "/api/health",
        "/settings/messaging",
        "/host-demo/messaging/ken",
        "/react-host/messaging",
        "/sim/facebook/dialog.css",
    ] {
        let res = server.client.get(server.url(path)).send().await.unwrap();
        assert_eq!(res.headers()["content-security-policy"], dev_backend::STRICT_CSP, "{path}");
        assert_eq!(res.headers()["cross-origin-opener-policy"], "same-origin-allow-popups", "{path}");
    }
    // Every address under the prefix is the CRM page, so the app's routes reload there; files stay files.
    let page = |path: &'static str| {
        let (client, url) = (server.client.clone(), server.url(path));
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    assert!(page("/host-demo/settings/messaging/facebook/complete?state=x").await.contains("<title>crm</title>"));
    assert!(page("/host-demo/").await.contains("<title>crm</title>"));
    assert_eq!(page("/host-demo/host-demo.js").await, "export {};");
    assert!(page("/react-host/settings/messaging/facebook/connect").await.contains("<title>react</title>"));
    assert!(page("/react-host/").await.contains("<title>react</title>"));
    assert_eq!(page("/react-host/assets/index-B1.js").await, "export {};");
    assert!(page("/messaging/ken").await.contains("<title>app</title>"));

    // Without --csp, no header.
    let plain = common::start("installed").await;
    let res = plain.client.get(plain.url("/api/health")).send().await.unwrap();
    assert!(res.headers().get("content-security-policy").is_none());
}

#[test]
fn a_host_page_is_a_prefix_and_a_dir() {
    let parsed = dev_backend::parse_host_page("/react-host=target/hosts/react");
    assert_eq!(parsed, Ok(("/react-host".into(), "target/hosts/react".into())));
    for bad in ["react-host=dir", "/react-host", "/=dir", "/react-host/=dir", "/api=dir", "/sim/x=dir", "/x="] {
        assert!(dev_backend::parse_host_page(bad).is_err(), "{bad}");
    }
}

#[tokio::test]
async fn a_page_load_signs_in_so_the_first_api_requests_can_run_together() {
    let dir = std::env::temp_dir().join(format!("msg-signin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dir.join("app.js"), "export {};").unwrap();
    let server =
        common::start_with(dev_backend::Options { static_dir: Some(dir), sim: true, ..Default::default() }).await;
    let browser = common::client();
    let get = |path: &str| browser.get(server.url(path)).send();

    // A script or API answer signs nobody in; the page (HTML) does, as the CRM's login would.
    assert!(get("/app.js").await.unwrap().headers().get("set-cookie").is_none());
    let page = get("/settings/messaging").await.unwrap();
    assert!(page.headers()["set-cookie"].to_str().unwrap().starts_with("msg_session="));
    let (me, integration) = tokio::join!(get("/api/me"), get("/api/integrations/facebook"));
    let me = me.unwrap();
    assert!(me.headers().get("set-cookie").is_none(), "the page's session is used");
    assert_eq!(integration.unwrap().status(), 200);
    assert!(get("/settings/messaging").await.unwrap().headers().get("set-cookie").is_none());

    // The CRM session ends: everything is 401, `/me` included, until a page is loaded again.
    server.client.post(server.url("/sim/sign-out")).send().await.unwrap();
    assert_eq!(get("/api/integrations/facebook").await.unwrap().status(), 401);
    assert_eq!(get("/api/me").await.unwrap().status(), 401);
    get("/").await.unwrap();
    assert_eq!(get("/api/integrations/facebook").await.unwrap().status(), 200);
}
