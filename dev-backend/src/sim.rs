//! `/sim/*`: controls for demos and tests, and the simulated Facebook login dialog.
//! Only the dev backend has these; they are not part of the contract.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use contract::{ErrorCode, Message, Permission};
use serde::Deserialize;

use crate::api::Body;
use crate::clock::{Rng, HOUR_MS};
use crate::failure::{ApiResult, Failure};
use crate::faults::FaultConfig;
use crate::install::CALLBACK_PATH;
use crate::scenarios::{Scenario, ScenarioInfo};
use crate::state::AppState;
use crate::world::World;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/scenarios", get(scenarios))
        .route("/reset", post(reset))
        .route("/faults", post(faults))
        .route("/inbound", post(inbound))
        .route("/clock", post(clock))
        .route("/current-user", post(current_user))
        .route("/sign-out", post(sign_out))
        .route("/rotate-csrf", post(rotate_csrf))
        .route("/stats", get(stats))
        .route("/answer-urls", post(answer_urls))
        .route("/customer", post(customer))
        .route("/page-tasks", post(page_tasks))
        .route("/rate-limit", post(rate_limit))
        .route("/long-thread", post(long_thread))
        .route("/facebook/dialog", get(dialog).post(dialog_submit))
        .route("/facebook/dialog.css", get(dialog_css))
        .route("/facebook/webhook", post(webhook))
        .with_state(state)
}

/// Facebook's webhook notifications (`messages`, `message_deliveries`, `message_reads`,
/// `messaging_policy_enforcement`), as Facebook sends them; answers how many were applied.
async fn webhook(
    State(state): State<AppState>,
    Body(notification): Body<crate::webhook::Notification>,
) -> ApiResult<Json<serde_json::Value>> {
    let applied = state.mutate(|w| w.webhook(notification))?;
    Ok(Json(serde_json::json!({ "applied": applied })))
}

/// The dialog's look, as a file: the strict CSP (`--csp`) allows no inline style.
async fn dialog_css() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "text/css")],
        "body{font:15px system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1c1e21}\n\
         fieldset{border:1px solid #ccd0d5;border-radius:6px;margin:1rem 0}label{display:block;padding:.3rem 0}\n\
         .note{background:#fff4e0;padding:.5rem .75rem;border-radius:6px}button{font:inherit;padding:.45rem 1.1rem;margin-right:.5rem}\n",
    )
}

async fn scenarios() -> Json<Vec<ScenarioInfo>> {
    Json(Scenario::ALL.iter().map(|s| s.info()).collect())
}

#[derive(Deserialize)]
struct ResetRequest {
    scenario: String,
}

async fn reset(State(state): State<AppState>, Body(r): Body<ResetRequest>) -> ApiResult<Json<ScenarioInfo>> {
    let scenario = Scenario::parse(&r.scenario)
        .ok_or_else(|| Failure::new(ErrorCode::InvalidRequest, format!("Unknown scenario {:?}.", r.scenario)))?;
    state.mutate(|w| w.reset(|next| scenario.apply(next)));
    state.changed().notify_waiters();
    Ok(Json(scenario.info()))
}

async fn faults(State(state): State<AppState>, Body(config): Body<FaultConfig>) -> ApiResult<Json<FaultConfig>> {
    if !(0.0..=1.0).contains(&config.rate) {
        return Err(Failure::new(ErrorCode::InvalidRequest, "rate must be between 0 and 1."));
    }
    let mut w = state.world();
    w.fault_rng = Rng::new(config.seed.unwrap_or(w.generation));
    w.faults = config.clone();
    Ok(Json(config))
}

#[derive(Deserialize)]
struct InboundRequest {
    customer: String,
    /// May be empty when attachments are given.
    #[serde(default)]
    text: String,
    #[serde(default)]
    attachments: Vec<crate::attachments::Sample>,
}

async fn inbound(
    State(state): State<AppState>,
    Body(r): Body<InboundRequest>,
) -> ApiResult<(StatusCode, Json<Message>)> {
    state
        .mutate(|w| {
            if r.text.is_empty() && r.attachments.is_empty() {
                return Err(Failure::new(ErrorCode::InvalidRequest, "Give text, attachments or both."));
            }
            let attachments = r.attachments.iter().map(|a| w.sample_attachment(a)).collect::<ApiResult<Vec<_>>>()?;
            w.inbound(&r.customer, &r.text, attachments)
        })
        .map(|m| (StatusCode::CREATED, Json(m)))
}

#[derive(Deserialize)]
struct ClockRequest {
    advance_hours: f64,
}

#[derive(serde::Serialize)]
struct ClockState {
    server_time: i64,
}

async fn clock(State(state): State<AppState>, Body(r): Body<ClockRequest>) -> ApiResult<Json<ClockState>> {
    if !r.advance_hours.is_finite() {
        return Err(Failure::new(ErrorCode::InvalidRequest, "advance_hours must be a number."));
    }
    let mut w = state.world();
    w.clock.advance((r.advance_hours * HOUR_MS as f64) as i64);
    Ok(Json(ClockState { server_time: w.now() }))
}

#[derive(Deserialize)]
struct CurrentUserRequest {
    name: String,
}

#[derive(Deserialize)]
struct AnswerUrls {
    url: Option<String>,
}

/// From now on the API answers `url` for every appeal, Page settings and dialog URL (`null`
/// goes back to the real ones): `javascript:…`, `data:…`, another host.
async fn answer_urls(State(state): State<AppState>, Body(r): Body<AnswerUrls>) -> StatusCode {
    state.world().url_override = r.url;
    StatusCode::NO_CONTENT
}

/// How much the backend holds, to show it stays bounded.
async fn stats(State(state): State<AppState>) -> Json<serde_json::Value> {
    let w = state.world();
    Json(serde_json::json!({ "sessions": w.sessions.len(), "flows": w.flows.len() }))
}

/// Every session gets a new CSRF token: the one the app holds is refused from now on.
async fn rotate_csrf(State(state): State<AppState>) -> StatusCode {
    state.world().sessions.rotate_tokens();
    StatusCode::NO_CONTENT
}

/// The CRM session ends: every session is gone, and only a page load signs in again.
async fn sign_out(State(state): State<AppState>) -> StatusCode {
    let mut w = state.world();
    w.sessions.clear();
    w.signed_out = true;
    StatusCode::NO_CONTENT
}

/// A fixture person, by name as `/sim` takes it.
fn user_named<'w>(w: &'w World, name: &str) -> ApiResult<&'w crate::world::User> {
    w.users
        .iter()
        .find(|u| u.person.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| Failure::new(ErrorCode::InvalidRequest, format!("No user named {name:?}.")))
}

/// Someone else signs in to the CRM. From a browser with a session, in that browser: its
/// session ends and a new one for the user starts, with a new cookie and token, as a CRM's
/// login would do (another browser keeps its own user). Without a session, every browser is
/// signed out and signs in again as the user on its next request.
async fn current_user(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Body(r): Body<CurrentUserRequest>,
) -> ApiResult<Response> {
    let mut w = state.world();
    let user = user_named(&w, &r.name)?.person.clone();
    w.login_user = user.id.clone();
    let browser = crate::api::session_cookie(&headers).filter(|id| w.sessions.touch(id).is_some());
    let Some(old) = browser else {
        w.sessions.clear();
        return Ok(Json(user).into_response());
    };
    w.sessions.end(&old);
    let (_, cookie) = crate::api::open_session(&mut w, user.id.clone());
    let mut response = Json(user).into_response();
    response.headers_mut().insert(axum::http::header::SET_COOKIE, cookie);
    Ok(response)
}

#[derive(Deserialize)]
struct PageTasksRequest {
    page: String,
    user: String,
    tasks: Vec<contract::PageTask>,
}

/// A Page admin changes someone's tasks on the Facebook Page (what `page_role` checks).
async fn page_tasks(State(state): State<AppState>, Body(r): Body<PageTasksRequest>) -> ApiResult<StatusCode> {
    let mut w = state.world();
    let user = user_named(&w, &r.user)?.person.id.clone();
    let page = w
        .pages
        .iter_mut()
        .find(|p| p.name.eq_ignore_ascii_case(&r.page))
        .ok_or_else(|| Failure::new(ErrorCode::InvalidRequest, format!("No Page named {:?}.", r.page)))?;
    page.tasks.retain(|(u, _)| *u != user);
    page.tasks.push((user, r.tasks));
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct CustomerRequest {
    customer: String,
    /// `false`: Facebook answers every send with error 551.
    available: bool,
}

async fn customer(State(state): State<AppState>, Body(r): Body<CustomerRequest>) -> ApiResult<StatusCode> {
    let mut w = state.world();
    let c = w
        .conversations
        .iter_mut()
        .find(|c| c.customer.name.eq_ignore_ascii_case(&r.customer))
        .ok_or_else(|| Failure::new(ErrorCode::NotFound, "No conversation with that customer."))?;
    c.unavailable = !r.available;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct LongThreadRequest {
    customer: String,
    messages: usize,
}

/// Adds `messages` older exchanges to a conversation, for the long-thread benchmark.
async fn long_thread(State(state): State<AppState>, Body(r): Body<LongThreadRequest>) -> ApiResult<StatusCode> {
    state.mutate(|w| w.long_thread(&r.customer, r.messages.min(100_000))).map(|()| StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct RateLimitRequest {
    sends_per_minute: usize,
}

/// Lowers (or raises) the Graph-like send limit, to demonstrate `rate_limited`.
async fn rate_limit(State(state): State<AppState>, Body(r): Body<RateLimitRequest>) -> StatusCode {
    state.world().sends_per_minute = r.sends_per_minute;
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct DialogQuery {
    state: String,
    scope: String,
    redirect_uri: String,
    #[serde(default)]
    auth_type: Option<String>,
}

/// The simulated "Log in with Facebook" dialog: one checkbox per scope and per Page.
async fn dialog(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Query(q): Query<DialogQuery>,
) -> Response {
    if q.redirect_uri != CALLBACK_PATH {
        return (StatusCode::BAD_REQUEST, Html("redirect_uri is not registered for this app")).into_response();
    }
    let mut w = state.world();
    let user = crate::api::browser_user(&mut w, &headers);
    let rerequest = q.auth_type.as_deref() == Some("rerequest");
    let me = w.user(&user).person.name.clone();
    let scopes: Vec<Permission> = q.scope.split(',').filter(|s| !s.is_empty()).map(Permission::from_scope).collect();
    let mut html = String::new();
    html.push_str(&format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in with Facebook (simulated)</title>\
         <link rel=\"stylesheet\" href=\"/sim/facebook/dialog.css\">\
         </head><body><main><h1>Log in with Facebook</h1>\
         <p class=\"note\">Simulated by the dev backend. No data leaves this machine.</p>\
         <p>Logged in as {}. The CRM app asks for these permissions{}.</p>\
         <form method=\"post\" action=\"/sim/facebook/dialog\"><input type=\"hidden\" name=\"state\" value=\"{}\">\
         <fieldset><legend>Permissions</legend>",
        escape(&me),
        if rerequest { " again" } else { "" },
        escape(&q.state)
    ));
    for p in &scopes {
        let s = escape(p.scope());
        html.push_str(&format!("<label><input type=\"checkbox\" name=\"scope\" value=\"{s}\" checked> {s}</label>"));
    }
    html.push_str("</fieldset>");
    if !rerequest {
        html.push_str("<fieldset><legend>Pages</legend>");
        for page in &w.pages {
            html.push_str(&format!(
                "<label><input type=\"checkbox\" name=\"page\" value=\"{}\" checked> {}</label>",
                escape(page.id.as_str()),
                escape(&page.name)
            ));
        }
        html.push_str("</fieldset>");
    }
    html.push_str(
        "<button type=\"submit\" name=\"action\" value=\"continue\">Continue</button>\
         <button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button></form></main></body></html>",
    );
    Html(html).into_response()
}

/// Continue or Cancel: Facebook redirects the popup back to the CRM's callback.
async fn dialog_submit(State(state): State<AppState>, body: Bytes) -> Redirect {
    let (mut flow, mut cancelled) = (String::new(), false);
    let (mut scopes, mut pages) = (Vec::<String>::new(), Vec::<contract::PageId>::new());
    for (k, v) in form_urlencoded::parse(&body) {
        match &*k {
            "state" => flow = v.into_owned(),
            "action" => cancelled = v == "cancel",
            "scope" => scopes.push(v.into_owned()),
            "page" => pages.push(v.into_owned().into()),
            _ => {}
        }
    }
    let to = state.mutate(|w| w.submit_dialog(&flow, cancelled, &scopes, &pages));
    Redirect::to(&to)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
