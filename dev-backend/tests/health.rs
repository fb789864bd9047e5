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
