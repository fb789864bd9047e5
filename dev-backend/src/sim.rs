//! `/sim/*`: controls for demos and tests, and the simulated Facebook login dialog.
//! Only the dev backend has these; they are not part of the contract.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use contract::{ConversationSummary, ErrorCode, MessengerApp, PageRef};
use serde::{Deserialize, Serialize};

use crate::clock::{Rng, HOUR_MS};
use crate::dialog::{dialog, dialog_css, dialog_submit};
use crate::failure::{ApiResult, Failure};
use crate::faults::FaultConfig;
use crate::scenarios::{Scenario, ScenarioInfo};
use crate::session::Body;
use crate::state::AppState;
use crate::world::{Unreachable, World};

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
        .route("/customers", post(customers))
        .route("/thread-owner", post(thread_owner))
        .route("/default-app", post(default_app))
        .route("/webhook-subscription", post(webhook_subscription))
        .route("/facebook/dialog", get(dialog).post(dialog_submit))
        .route("/facebook/dialog.css", get(dialog_css))
        .route("/facebook/webhook", post(webhook))
        .route("/state", post(crate::provider_state::change))
        .with_state(state)
}

/// Facebook's webhook notifications (`messages`, `message_deliveries`, `message_reads`,
/// `messaging_handovers`, `message_reactions`, `message_edits`, `messaging_policy_enforcement`,
/// and `standby`), as Facebook sends them; answers how many were applied.
async fn webhook(
    State(state): State<AppState>,
    Body(notification): Body<crate::webhook::Notification>,
) -> ApiResult<Json<serde_json::Value>> {
    let applied = state.mutate(|w| w.webhook(notification))?;
    Ok(Json(serde_json::json!({ "applied": applied })))
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

/// `201` with the stored message; `202` with `{"delivered": false, "reason"}` when the Page's
/// webhook subscription was dropped, so Facebook never tells the CRM and nothing is stored.
async fn inbound(State(state): State<AppState>, Body(r): Body<InboundRequest>) -> ApiResult<Response> {
    state.mutate(|w| {
        if r.text.is_empty() && r.attachments.is_empty() {
            return Err(Failure::new(ErrorCode::InvalidRequest, "Give text, attachments or both."));
        }
        let index = w.customer_index(&r.customer)?;
        if w.webhook_dropped(&w.conversations[index].page_id) {
            let reason = crate::diagnostics::NOT_DELIVERED;
            let answer = serde_json::json!({ "delivered": false, "reason": reason });
            return Ok((StatusCode::ACCEPTED, Json(answer)).into_response());
        }
        let attachments = r.attachments.iter().map(|a| w.sample_attachment(a)).collect::<ApiResult<Vec<_>>>()?;
        let message = w.inbound(&r.customer, &r.text, attachments)?;
        Ok((StatusCode::CREATED, Json(message)).into_response())
    })
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
    Json(serde_json::json!({
        "sessions": w.sessions.len(),
        "flows": w.flows.len(),
        "receipts_pending": w.receipts_pending,
    }))
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
    let browser = crate::session::session_cookie(&headers).filter(|id| w.sessions.touch(id).is_some());
    let Some(old) = browser else {
        w.sessions.clear();
        return Ok(Json(user).into_response());
    };
    w.sessions.end(&old);
    let (_, cookie) = crate::session::open_session(&mut w, user.id.clone());
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
    /// `false`: Facebook refuses every send to the customer, in the words `reason` picks.
    available: bool,
    #[serde(default = "unavailable")]
    reason: Unreachable,
}

fn unavailable() -> Unreachable {
    Unreachable::Unavailable
}

/// Facebook says nothing when a customer stops receiving messages: the conversation is
/// marked only when a send is refused.
async fn customer(State(state): State<AppState>, Body(r): Body<CustomerRequest>) -> ApiResult<StatusCode> {
    let mut w = state.world();
    let index = w.customer_index(&r.customer)?;
    w.conversations[index].unreachable = (!r.available).then_some(r.reason);
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct ThreadOwnerRequest {
    customer: String,
    /// An app's name (or id); `null` gives the thread back to this app.
    app: Option<String>,
}

/// Conversation Routing gives a thread to another app (or back to this one); answers the
/// conversation as the API lists it.
async fn thread_owner(
    State(state): State<AppState>,
    Body(r): Body<ThreadOwnerRequest>,
) -> ApiResult<Json<ConversationSummary>> {
    state.mutate(|w| w.set_thread_owner(&r.customer, r.app.as_deref())).map(Json)
}

#[derive(Deserialize)]
struct DefaultAppRequest {
    /// The Page's name or id.
    page: String,
    app: Option<String>,
}

#[derive(Serialize)]
struct DefaultApp {
    page: PageRef,
    default_app: Option<MessengerApp>,
}

/// The Page's default app in Conversation Routing, which `receives_conversations` checks.
async fn default_app(State(state): State<AppState>, Body(r): Body<DefaultAppRequest>) -> ApiResult<Json<DefaultApp>> {
    let (page, default_app) = state.world().set_default_app(&r.page, r.app.as_deref())?;
    Ok(Json(DefaultApp { page, default_app }))
}

#[derive(Deserialize)]
struct WebhookSubscriptionRequest {
    /// The Page's name or id.
    page: String,
    subscribed: bool,
}

#[derive(Serialize)]
struct WebhookSubscription {
    page: PageRef,
    subscribed: bool,
}

/// A connected Page loses (or gets back) its webhook subscription to this app: while it is
/// lost, Facebook delivers nothing for it.
async fn webhook_subscription(
    State(state): State<AppState>,
    Body(r): Body<WebhookSubscriptionRequest>,
) -> ApiResult<Json<WebhookSubscription>> {
    let page = state.world().set_webhook_subscription(&r.page, r.subscribed)?;
    Ok(Json(WebhookSubscription { page, subscribed: r.subscribed }))
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

/// Adds made-up customers with their conversations on the connected Pages (`customers.rs`).
async fn customers(
    State(state): State<AppState>,
    Body(r): Body<crate::customers::CustomersRequest>,
) -> ApiResult<Json<crate::customers::CustomersAdded>> {
    state.mutate(|w| w.add_customers(r.count, r.seed)).map(Json)
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
