//! The one place that talks HTTP. Components call the endpoint functions; they never build URLs.
//!
//! Every failure is a typed [`HttpError`]: the status is checked before the body is parsed,
//! a request whose future is dropped (its resource went away) is aborted, and a slow one times out.

use std::cell::Cell;
use std::rc::Rc;

use contract::*;
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use crate::config::AppConfig;
use crate::domain::storage_scope::StorageScope;
use crate::host::{use_host, Host};
use crate::retry::{self, RequestKind};

mod conversations;
mod error;
mod upload;
pub use error::HttpError;

/// Longest a request may take before it is aborted as [`HttpError::Timeout`].
pub const TIMEOUT_MS: u32 = 15_000;

const ME_PATH: &str = "/me";

/// The API client: base URL and CSRF token. `Copy`, so closures can take it freely.
#[derive(Clone, Copy)]
pub struct Api {
    base: StoredValue<String>,
    csrf: RwSignal<Option<String>>,
    /// Who `GET /me` last said is signed in.
    owner: RwSignal<Option<StorageScope>>,
    /// The OAuth completion route under the host's prefix; `None` at the root.
    complete_path: StoredValue<Option<String>>,
    /// Hears what the host must know: a lost session, the integration's state.
    host: Host,
    /// Start-up reads the loader began before the wasm arrived, by path; each adopted once.
    prefetched: StoredValue<Prefetched, LocalStorage>,
    /// Reads go out once: a loop that retries under its own policy made this client (`for_loop`).
    reads_once: bool,
}

/// `GET` answers under way, by API path (`/me`), from `mount()`'s `prefetch` option.
pub type Prefetched = std::collections::HashMap<String, Prefetch>;

/// One start-up read the loader began: the fetch's promise of `{status, text}`, the controller
/// that aborts it, and that same `{status, text}` if it had come back before the app mounted.
pub struct Prefetch {
    pub answer: js_sys::Promise,
    pub controller: web_sys::AbortController,
    pub settled: Option<wasm_bindgen::JsValue>,
}

/// Abandons every prefetched read not adopted, as a request of the app's own would be.
fn abandon(prefetched: StoredValue<Prefetched, LocalStorage>) {
    prefetched.try_update_value(|p| p.drain().for_each(|(_, read)| read.controller.abort()));
}

/// How long after mount a prefetched answer may still be adopted: start-up asks at once, and an
/// answer asked for later (after a retry, say) must be a new one.
const PREFETCH_WINDOW: std::time::Duration = std::time::Duration::from_secs(5);

pub fn provide_api(config: &AppConfig, prefetched: Prefetched) -> Api {
    let prefetched = StoredValue::new_local(prefetched);
    if prefetched.with_value(|p| !p.is_empty()) {
        set_timeout(move || abandon(prefetched), PREFETCH_WINDOW);
    }
    let api = Api {
        prefetched,
        base: StoredValue::new(config.api_base.clone()),
        csrf: RwSignal::new(config.csrf_token.clone()),
        owner: RwSignal::new(None),
        complete_path: StoredValue::new((!config.base_path.is_empty()).then(|| config.href(contract::COMPLETE_ROUTE))),
        host: use_host(),
        reads_once: false,
    };
    provide_context(api);
    api
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}

/// Aborts the fetch when the future that owns it is dropped.
struct AbortOnDrop(web_sys::AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A request's limits. Dropped with the future that owns it (its resource went away), it aborts
/// the request; after [`TIMEOUT_MS`] it aborts it as [`HttpError::Timeout`].
struct Deadline {
    _guard: AbortOnDrop,
    timed_out: Rc<Cell<bool>>,
    _timer: gloo_timers::callback::Timeout,
}

impl Deadline {
    fn new(controller: web_sys::AbortController) -> Self {
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (timed_out, controller) = (timed_out.clone(), controller.clone());
            gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        Deadline { _guard: AbortOnDrop(controller), timed_out, _timer: timer }
    }

    /// Why the request got no answer: it ran out of time, or the network failed it.
    fn failure(&self) -> HttpError {
        if self.timed_out.get() {
            HttpError::Timeout
        } else {
            HttpError::Network
        }
    }
}

/// What came back: the status and the body, not yet read as any type.
struct Answer {
    status: u16,
    text: String,
}

impl Answer {
    /// The contract's error body of a failed answer, if it has one.
    fn error_body(&self) -> Option<ErrorBody> {
        let failed = !(200..300).contains(&self.status);
        failed.then(|| serde_json::from_str::<ErrorBody>(&self.text).ok()).flatten()
    }
}

fn install_result_path(state: &str) -> String {
    format!("/integrations/facebook/install/{}", encode(state))
}

/// A start-up read the loader began (`embed/messenger-integration.js`), taken as this app's own
/// answer: the same status and body, the same [`Deadline`], and a retry goes out as any other.
/// An answer already in is taken without awaiting anything, so a screen's first read of it
/// completes as it is made (see `read::Read`).
async fn adopt(read: Prefetch) -> Result<Answer, HttpError> {
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    let answer = match read.settled {
        Some(answer) => answer,
        None => {
            let deadline = Deadline::new(read.controller);
            JsFuture::from(read.answer).await.map_err(|_| deadline.failure())?
        }
    };
    let field = |key: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(key)).ok();
    let status = field("status").and_then(|s| s.as_f64()).ok_or(HttpError::Network)?;
    let text = field("text").and_then(|t| t.as_string()).ok_or(HttpError::Network)?;
    Ok(Answer { status: status as u16, text })
}

impl Api {
    /// One round trip. Not generic, so the fetch code exists once in the wasm, not once per type.
    async fn fetch(self, method: &Method, path: &str, body: Option<&str>) -> Result<Answer, HttpError> {
        if *method == Method::GET {
            if let Some(read) = self.prefetched.try_update_value(|p| p.remove(path)).flatten() {
                let answer = adopt(read).await;
                if answer.is_err() {
                    // The server is not answering as it did: what else began then is no better.
                    abandon(self.prefetched);
                }
                return answer;
            }
        }
        // The app that asked is gone (the host removed the element while a read was waiting to
        // retry): nothing more goes out, and nothing touches its disposed state.
        let Some(base) = self.base.try_get_value() else { return Err(HttpError::Network) };
        let url = format!("{base}{path}");
        let controller = web_sys::AbortController::new().map_err(|_| HttpError::Network)?;
        let signal = controller.signal();
        let deadline = Deadline::new(controller);
        let mut builder = RequestBuilder::new(&url).method(method.clone()).abort_signal(Some(&signal));
        if *method != Method::GET {
            if let Some(token) = self.csrf.try_get_untracked().flatten() {
                builder = builder.header(CSRF_HEADER, &token);
            }
        }
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|_| HttpError::Malformed)?;
        let response = request.send().await.map_err(|_| deadline.failure())?;
        let status = response.status();
        let text = response.text().await.map_err(|_| deadline.failure())?;
        Ok(Answer { status, text })
    }

    /// A request with its session. A 401 signs in once through `GET /me` and asks again, so a
    /// start-up request may run beside `/me` instead of after it; only a 401 that stays is a lost
    /// session, which the host hears. A refused CSRF token (it rotates with the session) is
    /// renewed the same way, once, for every mutating request. If the renewal finds another
    /// user, nothing is repeated: what this user asked must not go out under their session.
    async fn exchange(self, method: Method, path: &str, body: Option<&str>) -> Result<String, HttpError> {
        // An error's body is read once per answer, for the renewal check and for the error itself.
        let mut answer = self.fetch(&method, path, body).await?;
        let mut error = answer.error_body();
        let stale_token =
            answer.status == 403 && error.as_ref().is_some_and(|b| b.error.code == ErrorCode::CsrfTokenInvalid);
        if (answer.status == 401 || stale_token) && path != ME_PATH {
            self.csrf.try_set(None);
            let me = self.fetch(&Method::GET, ME_PATH, None).await?;
            if me.status == 200 {
                if let Ok(me) = serde_json::from_str::<Me>(&me.text) {
                    let same_user = self.signed_in(&me);
                    if !same_user {
                        return Err(HttpError::UserChanged);
                    }
                    answer = self.fetch(&method, path, body).await?;
                    error = answer.error_body();
                }
            }
        }
        self.settle(answer, error)
    }

    /// The final answer as the caller's text, or its typed error; the host hears of a lost or
    /// living session. `error` is the answer's contract error body, if it has one.
    fn settle(self, answer: Answer, error: Option<ErrorBody>) -> Result<String, HttpError> {
        if answer.status == 401 {
            self.host.session_expired();
        }
        if (200..300).contains(&answer.status) {
            self.host.session_alive();
            // An empty 204 reads as JSON `null`, which `()` accepts.
            Ok(if answer.text.is_empty() { "null".into() } else { answer.text })
        } else {
            Err(match error {
                Some(body) => HttpError::Api { status: answer.status, error: Box::new(body.error) },
                None => HttpError::Status(answer.status),
            })
        }
    }

    async fn request<T: DeserializeOwned>(
        self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, HttpError> {
        let text = self.exchange(method, path, body.as_deref()).await?;
        serde_json::from_str(&text).map_err(|_| HttpError::Malformed)
    }

    /// A read: repeated by itself through a passing server hiccup (see [`Api::read`]).
    async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, HttpError> {
        let mut value = None;
        self.read(path, &mut |text| {
            value = Some(serde_json::from_str(text).map_err(|_| HttpError::Malformed)?);
            Ok(())
        })
        .await?;
        value.ok_or(HttpError::Malformed)
    }

    /// GETs are idempotent, so a transient failure (a 5xx, a dropped connection, an unreadable
    /// answer) is asked again as `RequestKind::Read` says, before any error screen shows; under
    /// `for_loop`, once, for the loop to try again. Not generic: `parse` keeps the typed part
    /// outside, so this loop exists once in the wasm.
    async fn read(self, path: &str, parse: &mut dyn FnMut(&str) -> Result<(), HttpError>) -> Result<(), HttpError> {
        let mut attempt = 0;
        loop {
            let result = match self.exchange(Method::GET, path, None).await {
                Ok(text) => parse(&text),
                Err(error) => Err(error),
            };
            match result {
                Err(error) if !self.reads_once && retry::again(RequestKind::Read, attempt, &error).await => {
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// This client, for a loop that retries under a policy of its own (the inbox's updates):
    /// each read goes out once, so no retry loop runs inside the loop's.
    pub fn for_loop(self) -> Api {
        Api { reads_once: true, ..self }
    }

    async fn send<T: DeserializeOwned>(
        self,
        method: Method,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, HttpError> {
        let body = serde_json::to_string(body).map_err(|_| HttpError::Malformed)?;
        self.ensure_csrf_token().await?;
        self.request(method, path, Some(body)).await
    }

    /// A mutating request needs the session's CSRF token: fetched first when there is none.
    /// Whoever asked must still be the one signed in (a shared browser).
    async fn ensure_csrf_token(self) -> Result<(), HttpError> {
        if self.csrf.try_get_untracked().flatten().is_none() {
            let me: Me = self.get(ME_PATH).await?;
            if !self.signed_in(&me) {
                return Err(HttpError::UserChanged);
            }
        }
        Ok(())
    }

    /// The server refused the token (it rotates with the session): the next mutating request fetches a new one.
    pub fn forget_csrf_token(self) {
        self.csrf.try_set(None);
    }

    /// The host renewed the session and hands over its token.
    pub fn set_csrf_token(self, token: String) {
        self.host.session_alive();
        self.csrf.try_set(Some(token));
    }

    /// Also keeps the CSRF token for later mutating requests.
    pub async fn me(self) -> Result<Me, HttpError> {
        let me: Me = self.get(ME_PATH).await?;
        self.signed_in(&me);
        Ok(me)
    }

    /// Keeps the session's token and user; false if the user is not the one signed in before.
    fn signed_in(self, me: &Me) -> bool {
        let owner = StorageScope::of(me);
        // `try_`: an answer may land after the app was removed.
        let same = self.owner.try_with_untracked(|before| before.as_ref().is_none_or(|b| *b == owner)).unwrap_or(false);
        self.csrf.try_set(Some(me.csrf_token.clone()));
        if self.owner.try_with_untracked(|before| before.as_ref() != Some(&owner)) == Some(true) {
            self.owner.try_set(Some(owner));
        }
        same
    }

    /// The API's base, as a name: the long poll's tabs share one leader per API (`inbox::leader`).
    pub fn base(self) -> Option<String> {
        self.base.try_get_value()
    }

    /// Who is signed in now, untracked: for the sender, which runs outside any view.
    pub fn owner_now(self) -> Option<StorageScope> {
        self.owner.try_get_untracked().flatten()
    }

    /// Who is signed in, once `GET /me` has said (tracked): the owner of stored drafts and outbox.
    pub fn owner(self) -> Option<StorageScope> {
        self.owner.try_get().flatten()
    }

    /// Every answer about the integration also tells the host, which shows its own badge.
    fn heard(self, state: IntegrationState) -> IntegrationState {
        self.host.integration(&state);
        state
    }

    fn heard_installation(self, installation: Installation) -> Installation {
        self.heard(IntegrationState::Installed(installation.clone()));
        installation
    }

    pub async fn integration(self) -> Result<IntegrationState, HttpError> {
        self.get("/integrations/facebook").await.map(|s| self.heard(s))
    }

    pub async fn set_visibility(self, visibility: Visibility) -> Result<Installation, HttpError> {
        let path = "/integrations/facebook/visibility";
        self.send(Method::PUT, path, &VisibilityChange { visibility }).await.map(|i| self.heard_installation(i))
    }

    pub async fn uninstall(self) -> Result<IntegrationState, HttpError> {
        self.send(Method::DELETE, "/integrations/facebook", &()).await.map(|s| self.heard(s))
    }

    /// `share_pages`: open Facebook's window at its Page choice again, for Pages left unshared.
    pub async fn start_install(
        self,
        purpose: &InstallStartRequest,
        share_pages: bool,
    ) -> Result<InstallStart, HttpError> {
        let complete_path = self.complete_path.try_get_value().flatten();
        let request = StartInstall { purpose: purpose.clone(), complete_path, share_pages };
        self.send(Method::POST, "/integrations/facebook/install", &request).await
    }

    pub async fn install_result(self, state: &str) -> Result<InstallResult, HttpError> {
        self.get(&install_result_path(state)).await
    }

    /// The same answer as the server's JSON, unread: the popup hands it to the wizard.
    pub async fn install_result_json(self, state: &str) -> Result<String, HttpError> {
        let mut json = String::new();
        self.read(&install_result_path(state), &mut |text| {
            json = text.to_owned();
            Ok(())
        })
        .await?;
        Ok(json)
    }

    pub async fn connect_page(self, request: &ConnectPageRequest) -> Result<Installation, HttpError> {
        self.send(Method::POST, "/integrations/facebook/pages", request).await.map(|i| self.heard_installation(i))
    }

    pub async fn disconnect_page(self, page_id: &PageId) -> Result<Installation, HttpError> {
        let path = format!("/integrations/facebook/pages/{}", encode(page_id.as_str()));
        self.send(Method::DELETE, &path, &()).await.map(|i| self.heard_installation(i))
    }

    /// Subscribes the Page's webhook again with its token; answers the check, now passing.
    pub async fn subscribe_page(self, page_id: &PageId) -> Result<CheckResult, HttpError> {
        let path = format!("/integrations/facebook/pages/{}/subscription", encode(page_id.as_str()));
        self.send(Method::POST, &path, &()).await
    }

    /// One check of one connected Page (the server's first when `page` is `None`).
    pub async fn diagnostic(self, check: CheckId, page: Option<&PageId>) -> Result<CheckResult, HttpError> {
        let page = page.map(|id| format!("?page={}", encode(id.as_str()))).unwrap_or_default();
        self.get(&format!("/integrations/facebook/diagnostics/{}{page}", check.as_str())).await
    }
}

fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}
