//! HTTP, in one place: each request names its route's template (for the OpenAPI schema), the
//! session it acts for and the CSRF token it carries. Every answer is kept, so the checks that
//! hold for all of them (`X-Server-Time`, the error envelope) look at the whole run.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Whose session a request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    A,
    B,
    Nobody,
}

/// The `X-CSRF-Token` a write carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Csrf {
    /// The token of the session the request carries.
    Own,
    /// Session B's token, on a request of session A.
    Foreign,
    /// A token no session was given.
    MadeUp,
    None,
}

pub const MADE_UP_TOKEN: &str = "conformance-made-up-token";

#[derive(Clone, Debug)]
pub struct Req {
    pub method: Method,
    /// The OpenAPI path, `/api/conversations/{id}`.
    pub template: &'static str,
    path: String,
    query: Vec<(String, String)>,
    pub who: Who,
    csrf: Csrf,
    body: Option<(Vec<u8>, &'static str)>,
}

impl Req {
    pub fn new(method: Method, template: &'static str) -> Req {
        let csrf = if method == Method::GET { Csrf::None } else { Csrf::Own };
        Req { method, template, path: template.to_owned(), query: Vec::new(), who: Who::A, csrf, body: None }
    }

    pub fn get(template: &'static str) -> Req {
        Req::new(Method::GET, template)
    }

    pub fn post(template: &'static str) -> Req {
        Req::new(Method::POST, template)
    }

    /// Fills `{name}` in the template.
    pub fn param(mut self, name: &str, value: &str) -> Req {
        self.path = self.path.replace(&format!("{{{name}}}"), &encode(value));
        self
    }

    pub fn query(mut self, name: &str, value: impl ToString) -> Req {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    pub fn who(mut self, who: Who) -> Req {
        self.who = who;
        self
    }

    pub fn csrf(mut self, csrf: Csrf) -> Req {
        self.csrf = csrf;
        self
    }

    pub fn json(mut self, body: Value) -> Req {
        self.body = Some((body.to_string().into_bytes(), "application/json"));
        self
    }

    pub fn bytes(mut self, body: &[u8]) -> Req {
        self.body = Some((body.to_vec(), "application/octet-stream"));
        self
    }

    fn target(&self) -> String {
        let query: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, query.join("&"))
        }
    }
}

/// Percent-encodes all but unreserved characters.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// An answer, and what was asked, for the report.
#[derive(Clone, Debug)]
pub struct Answer {
    pub method: Method,
    pub template: &'static str,
    /// 0 when no answer came (the connection failed).
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub elapsed: Duration,
    /// Request and answer with cookies and tokens redacted.
    pub transcript: String,
}

impl Answer {
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body read with the UI's own serde type.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_slice(&self.body).map_err(|e| format!("the UI cannot read the body: {e}"))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// `error.code`, read leniently: a check of a status reads only the code.
    pub fn error_code(&self) -> Option<String> {
        self.json()?.get("error")?.get("code")?.as_str().map(str::to_owned)
    }

    /// `error.details.<name>`.
    pub fn error_detail(&self, name: &str) -> Option<Value> {
        self.json()?.get("error")?.get("details")?.get(name).cloned()
    }

    /// Whether this is `status` with the error `code`; else why not.
    pub fn expect_error(&self, status: u16, code: &str) -> Result<(), String> {
        let got = self.error_code();
        if self.status == status && got.as_deref() == Some(code) {
            return Ok(());
        }
        Err(format!(
            "{} {}: expected {status} {code}, got {} {}",
            self.method,
            self.template,
            self.status,
            got.unwrap_or_else(|| "without an error code".into())
        ))
    }
}

pub struct Client {
    http: reqwest::Client,
    base: String,
    cookie_a: String,
    cookie_b: Option<String>,
    csrf: Mutex<(Option<String>, Option<String>)>,
    seen: Mutex<Vec<Answer>>,
}

impl Client {
    pub fn new(base: &str, cookie_a: String, cookie_b: Option<String>) -> Client {
        // No redirects followed: the OAuth callback's 303 is the answer to check.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(40))
            .build()
            .expect("a plain HTTP client builds");
        let base = base.trim_end_matches('/').to_owned();
        Client { http, base, cookie_a, cookie_b, csrf: Mutex::new((None, None)), seen: Mutex::new(Vec::new()) }
    }

    pub fn has_b(&self) -> bool {
        self.cookie_b.is_some()
    }

    /// Remembers a session's CSRF token, from its `GET /api/me`.
    pub fn set_csrf(&self, who: Who, token: Option<String>) {
        let mut csrf = self.csrf.lock().expect("not poisoned");
        match who {
            Who::A => csrf.0 = token,
            Who::B => csrf.1 = token,
            Who::Nobody => {}
        }
    }

    pub fn csrf_of(&self, who: Who) -> Option<String> {
        let csrf = self.csrf.lock().expect("not poisoned");
        match who {
            Who::A => csrf.0.clone(),
            Who::B => csrf.1.clone(),
            Who::Nobody => None,
        }
    }

    pub async fn send(&self, req: Req) -> Answer {
        let target = req.target();
        let mut builder = self.http.request(req.method.clone(), format!("{}{target}", self.base));
        let mut transcript = format!("> {} {target}\n", req.method);
        let cookie = match req.who {
            Who::A => Some(&self.cookie_a),
            Who::B => self.cookie_b.as_ref(),
            Who::Nobody => None,
        };
        if let Some(cookie) = cookie {
            builder = builder.header("cookie", cookie);
            transcript.push_str("> cookie: [redacted]\n");
        }
        let token = match req.csrf {
            Csrf::Own => self.csrf_of(req.who),
            Csrf::Foreign => self.csrf_of(Who::B),
            Csrf::MadeUp => Some(MADE_UP_TOKEN.to_owned()),
            Csrf::None => None,
        };
        if let Some(token) = token {
            builder = builder.header(contract::CSRF_HEADER, token);
            let shown = if req.csrf == Csrf::MadeUp { MADE_UP_TOKEN } else { "[redacted]" };
            transcript.push_str(&format!("> x-csrf-token: {shown}\n"));
        }
        if let Some((body, content_type)) = &req.body {
            builder = builder.header("content-type", *content_type).body(body.clone());
            transcript.push_str(&format!("> {}\n", shown_body(body, content_type)));
        }
        let started = Instant::now();
        let (status, headers, body) = match builder.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let headers = response.headers().clone();
                let body = response.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
                (status, headers, body)
            }
            Err(e) => {
                transcript.push_str(&format!("< no answer: {e}\n"));
                (0, HeaderMap::new(), Vec::new())
            }
        };
        let elapsed = started.elapsed();
        if status != 0 {
            transcript.push_str(&format!("< {status} ({} ms)\n", elapsed.as_millis()));
            for (name, value) in &headers {
                let value = value.to_str().unwrap_or("(not text)");
                let value = if name == "set-cookie" { "[redacted]" } else { value };
                transcript.push_str(&format!("< {name}: {value}\n"));
            }
            let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
            transcript.push_str(&format!("< {}\n", shown_body(&body, content_type)));
        }
        let answer = Answer { method: req.method, template: req.template, status, headers, body, elapsed, transcript };
        self.seen.lock().expect("not poisoned").push(answer.clone());
        answer
    }

    /// Every answer of the run so far.
    pub fn seen(&self) -> Vec<Answer> {
        self.seen.lock().expect("not poisoned").clone()
    }
}

/// A body for the report: JSON with its tokens redacted, else its length and type.
fn shown_body(body: &[u8], content_type: &str) -> String {
    const MAX: usize = 1500;
    if !content_type.starts_with("application/json") {
        return format!(
            "({} bytes of {})",
            body.len(),
            if content_type.is_empty() { "no stated type" } else { content_type }
        );
    }
    let text = match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            redact(&mut value);
            value.to_string()
        }
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    };
    if text.len() > MAX {
        let cut = (0..=MAX).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        format!("{}… ({} bytes)", &text[..cut], text.len())
    } else {
        text
    }
}

/// Secrets in a body: the CSRF token of `GET /api/me`.
fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "csrf_token" {
                    *value = Value::from("[redacted]");
                } else {
                    redact(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_never_reach_the_report() {
        let body = serde_json::json!({"user": {"id": "u"}, "csrf_token": "csrf_secret"}).to_string();
        let shown = shown_body(body.as_bytes(), "application/json");
        assert!(!shown.contains("csrf_secret") && shown.contains("[redacted]"), "{shown}");
    }

    #[test]
    fn a_path_parameter_is_encoded() {
        let req = Req::get("/api/conversations/{id}").param("id", "a/b c").query("q", "x&y");
        assert_eq!(req.target(), "/api/conversations/a%2Fb%20c?q=x%26y");
    }
}
