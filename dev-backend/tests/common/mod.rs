//! Starts a real server on a loopback port for each test, and speaks to it like the app does.
#![allow(dead_code)]

use contract::{ErrorBody, ErrorCode, InstallResult, InstallStart, InstallStartRequest, Me};
use dev_backend::{router, Options};
use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

pub struct Server {
    pub base: String,
    pub client: reqwest::Client,
    pub csrf: String,
}

pub async fn start(scenario: &str) -> Server {
    start_with(Options { scenario: scenario.into(), sim: true, ..Default::default() }).await
}

pub async fn start_with(options: Options) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(options)).await.unwrap() });
    let mut server = Server { base: format!("http://{addr}"), client: client(), csrf: String::new() };
    server.sign_in().await;
    server
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET /api/me` with this client's cookie jar; remembers the CSRF token.
    pub async fn sign_in(&mut self) -> Me {
        let me: Me = self.client.get(self.url("/api/me")).send().await.unwrap().json().await.unwrap();
        self.csrf = me.csrf_token.clone();
        me
    }

    /// A second browser: its own cookies, same server.
    pub async fn other_session(&self) -> Server {
        let mut other = Server { base: self.base.clone(), client: client(), csrf: String::new() };
        other.sign_in().await;
        other
    }

    /// Another browser, signed in as the fixture user `name` (as a CRM login would); this
    /// browser keeps its own user.
    pub async fn browser_of(&self, name: &str) -> Server {
        let mut other = self.other_session().await;
        let res = other.post("/sim/current-user", json!({ "name": name })).await;
        assert_eq!(res.status(), StatusCode::OK, "sign in as {name}");
        other.sign_in().await;
        other
    }

    /// The events after `since`, answered at once.
    pub async fn events_since(&self, since: u64) -> Vec<contract::UpdateEvent> {
        let updates: contract::Updates = ok_json(self.get(&format!("/api/updates?since={since}&wait=0")).await).await;
        assert!(!updates.reset, "the cursor is still valid");
        updates.events
    }

    /// The cursor now, for `events_since`.
    pub async fn cursor(&self) -> u64 {
        let updates: contract::Updates = ok_json(self.get("/api/updates?since=0&wait=0").await).await;
        updates.cursor
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn send(&self, method: Method, path: &str, body: Value) -> Response {
        self.client
            .request(method, self.url(path))
            .header(contract::CSRF_HEADER, &self.csrf)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.send(Method::POST, path, body).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.send(Method::DELETE, path, json!({})).await
    }

    pub async fn reset(&mut self, scenario: &str) {
        let res = self.post("/sim/reset", json!({ "scenario": scenario })).await;
        assert_eq!(res.status(), 200, "reset to {scenario}");
        self.sign_in().await;
    }

    /// Starts a flow and returns its `state` and the dialog's URL.
    pub async fn start_flow(&self, purpose: InstallStartRequest) -> InstallStart {
        let res = self.post("/api/integrations/facebook/install", serde_json::to_value(purpose).unwrap()).await;
        ok_json(res).await
    }

    /// Opens the dialog, ticks what `keep_scope` and `keep_page` allow, presses the button,
    /// follows Facebook's redirect to the callback, and returns where the popup lands.
    pub async fn dialog(
        &self,
        start: &InstallStart,
        action: &str,
        keep_scope: impl Fn(&str) -> bool,
        keep_page: impl Fn(&str) -> bool,
    ) -> String {
        let html = self.get(&start.authorize_url).await.text().await.unwrap();
        let mut form = vec![("state".to_owned(), start.state.clone()), ("action".to_owned(), action.to_owned())];
        for (name, value, label) in checkboxes(&html) {
            let keep = if name == "scope" { keep_scope(&label) } else { keep_page(&label) };
            if keep {
                form.push((name, value));
            }
        }
        let res = self.client.post(self.url("/sim/facebook/dialog")).form(&form).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let callback = location(&res);
        let res = self.get(&callback).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        location(&res)
    }

    pub async fn result(&self, state: &str) -> InstallResult {
        ok_json(self.get(&format!("/api/integrations/facebook/install/{state}")).await).await
    }

    /// The whole dialog with everything ticked, returning the flow's result.
    pub async fn grant_all(&self, purpose: InstallStartRequest) -> (String, InstallResult) {
        let start = self.start_flow(purpose).await;
        self.dialog(&start, "continue", |_| true, |_| true).await;
        let result = self.result(&start.state).await;
        (start.state, result)
    }
}

pub fn location(res: &Response) -> String {
    res.headers().get("location").unwrap().to_str().unwrap().to_owned()
}

/// `(name, value, label text)` of every checkbox in the dialog.
pub fn checkboxes(html: &str) -> Vec<(String, String, String)> {
    html.split("<label>")
        .skip(1)
        .filter_map(|chunk| {
            let attr = |a: &str| chunk.split(&format!("{a}=\"")).nth(1)?.split('"').next().map(str::to_owned);
            let label = chunk.split('>').nth(1)?.split('<').next()?.trim().to_owned();
            Some((attr("name")?, attr("value")?, label))
        })
        .collect()
}

pub async fn ok_json<T: DeserializeOwned>(res: Response) -> T {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "expected success, got {status}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Asserts the status and the error code, and returns the typed error.
pub async fn expect_error(res: Response, status: u16, code: ErrorCode) -> contract::ApiError {
    assert_eq!(res.status().as_u16(), status, "status");
    let body: ErrorBody = res.json().await.unwrap();
    assert_eq!(body.error.code, code, "{}", body.error.message);
    assert!(!body.error.reference.is_empty(), "every error has a reference");
    body.error
}
