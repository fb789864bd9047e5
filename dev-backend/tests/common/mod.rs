//! Starts a real server on a loopback port for each test.
#![allow(dead_code)]

use dev_backend::{router, Options};

pub struct Server {
    pub base: String,
    pub client: reqwest::Client,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

pub async fn start(scenario: &str) -> Server {
    start_with(Options { scenario: scenario.into(), ..Default::default() }).await
}

pub async fn start_with(options: Options) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(options)).await.unwrap() });
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Server { base: format!("http://{addr}"), client }
}
