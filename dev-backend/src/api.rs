//! `/api/*`: the contract's routes, documented with utoipa as they are registered,
//! so the OpenAPI document cannot miss one.

use std::time::Duration;

use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Json, Router};
use contract::*;
use serde::Deserialize;
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::failure::{ApiResult, Failure};
use crate::listing::{ListRequest, RawListQuery};
use crate::messaging::Sent;
use crate::session::{browser_user, session_cookie, sign_in, Body, Params, Session};
use crate::state::AppState;

/// Longest wait a long poll of `/api/updates` may ask for.
pub const MAX_WAIT_SECONDS: u64 = 25;
/// When the simulated Facebook sends the delivery receipt, after a send,
pub const DELIVERED_AFTER: Duration = Duration::from_millis(1_500);
/// and the read receipt, after the delivery.
pub const READ_AFTER: Duration = Duration::from_millis(1_500);

#[derive(OpenApi)]
#[openapi(
    info(
        title = "CRM Messenger integration API",
        description = "What the Messenger UI needs from the CRM backend. Session cookie auth; \
            mutating requests carry X-CSRF-Token from GET /api/me; every response carries X-Server-Time; \
            errors are {\"error\": {\"code\", \"message\", \"reference\", \"details\"}}. See docs/api.md."
    ),
    components(schemas(ErrorBody, ApiError, ErrorCode, ErrorDetails, UpdateEvent))
)]
struct ApiDoc;

/// The API router and its OpenAPI document, built from the same route list.
pub fn router(state: AppState) -> Router {
    let contract = OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(me))
        .routes(routes!(integration, uninstall))
        .routes(routes!(set_visibility))
        .routes(routes!(start_install))
        .routes(routes!(install_result))
        .routes(routes!(oauth_callback))
        .routes(routes!(connect_page))
        .routes(routes!(disconnect_page))
        .routes(routes!(resubscribe_page))
        .routes(routes!(diagnostic))
        .routes(routes!(conversations))
        .routes(routes!(conversation))
        .routes(routes!(send_message))
        .routes(routes!(delete_message))
        .routes(routes!(take_control))
        .routes(routes!(pass_control))
        .routes(routes!(mark_read))
        .routes(routes!(attachment))
        .routes(routes!(upload_attachment))
        .routes(routes!(updates));
    let (routes, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api", contract).split_for_parts();
    let doc = std::sync::Arc::new(doc.clone());
    let openapi = move || {
        let doc = doc.clone();
        async move { Json((*doc).clone()) }
    };
    routes
        .route("/api/openapi.json", axum::routing::get(openapi))
        .layer(middleware::from_fn_with_state(state.clone(), csrf))
        // Room for a file at Facebook's limit; the upload itself answers a contract 413 above it.
        .layer(axum::extract::DefaultBodyLimit::max(crate::attachments::MAX_FILE_BYTES + 1))
        .with_state(state)
}

/// Mutating requests must carry the session's token in `X-CSRF-Token`.
async fn csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let expected = session_cookie(request.headers()).and_then(|id| state.world().sessions.touch(&id)).map(|s| s.csrf);
    let Some(expected) = expected else {
        return Failure::new(ErrorCode::Unauthenticated, "Sign in to the CRM again.").into_response();
    };
    let given = request.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    let breaks = state.breaks();
    let accepted = match given {
        None => breaks.has("CSRF-01"),
        Some(given) => {
            crate::clock::same_secret(given, &expected)
                || (breaks.has("CSRF-02") && state.world().sessions.has_csrf(given))
        }
    };
    if !accepted {
        return Failure::new(ErrorCode::CsrfTokenInvalid, "The X-CSRF-Token header is missing or wrong.")
            .into_response();
    }
    next.run(request).await
}

#[utoipa::path(get, path = "/health", tag = "meta", responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health { ok: true })
}

/// The signed-in user. Without a session, the dev backend signs in the scenario's current user
/// (the real CRM would have done that at login) and sets the session cookie; after
/// `/sim/sign-out` it answers 401 until a page is loaded.
#[utoipa::path(get, path = "/me", tag = "me", responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn me(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mut world = state.world();
    let Some((signed_in, cookie)) = sign_in(&mut world, &headers, false) else {
        return Failure::new(ErrorCode::Unauthenticated, "Sign in to the CRM again.").into_response();
    };
    let (csrf, user) = (signed_in.csrf, world.user(&signed_in.user).clone());
    let me = Me {
        user: user.person.clone(),
        role: user.role,
        company: world.companies.iter().find(|c| c.id == user.company).cloned().expect("fixture company"),
        admins: world
            .users
            .iter()
            .filter(|u| u.company == user.company && u.role.is_admin())
            .map(|u| u.person.clone())
            .collect(),
        csrf_token: csrf,
    };
    let mut response = Json(me).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

#[utoipa::path(get, path = "/integrations/facebook", tag = "integration",
    responses((status = 200, body = IntegrationState), (status = 401, body = ErrorBody)))]
async fn integration(State(state): State<AppState>, session: Session) -> Json<IntegrationState> {
    Json(state.world().integration_state(&session.user))
}

#[utoipa::path(delete, path = "/integrations/facebook", tag = "integration",
    responses((status = 200, body = IntegrationState), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn uninstall(State(state): State<AppState>, session: Session) -> ApiResult<Json<IntegrationState>> {
    state.mutate(|w| {
        w.uninstall(&session.user)?;
        Ok(Json(w.integration_state(&session.user)))
    })
}

#[utoipa::path(put, path = "/integrations/facebook/visibility", tag = "integration", request_body = VisibilityChange,
    responses((status = 200, body = Installation), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
async fn set_visibility(
    State(state): State<AppState>,
    session: Session,
    Body(change): Body<VisibilityChange>,
) -> ApiResult<Json<Installation>> {
    state.mutate(|w| w.set_visibility(&session.user, change.visibility)).map(Json)
}

#[utoipa::path(post, path = "/integrations/facebook/install", tag = "install", request_body = StartInstall,
    responses((status = 200, body = InstallStart), (status = 400, body = ErrorBody, description = "invalid_request"),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn start_install(
    State(state): State<AppState>,
    session: Session,
    Body(body): Body<serde_json::Value>,
) -> ApiResult<Json<InstallStart>> {
    // serde would also read the tag as the variant's index: `{"purpose": 0}` is no purpose.
    let invalid = |why: String| Failure::new(ErrorCode::InvalidRequest, why);
    if !body.get("purpose").is_some_and(serde_json::Value::is_string) {
        return Err(invalid("purpose must be install, reconnect, add_page or rerequest.".into()));
    }
    let request: StartInstall = serde_json::from_value(body).map_err(|e| invalid(e.to_string()))?;
    let complete_path = request
        .checked_complete_path()
        .ok_or_else(|| {
            Failure::new(ErrorCode::InvalidRequest, "complete_path must be a path ending in the completion route.")
        })?
        .to_owned();
    state
        .mutate(|w| w.start_flow(&session.user, &session.id, request.purpose, complete_path, request.share_pages))
        .map(Json)
}

#[utoipa::path(get, path = "/integrations/facebook/install/{state}", tag = "install",
    params(("state" = String, Path, description = "The state from POST /install")),
    responses((status = 200, body = InstallResult), (status = 400, body = ErrorBody, description = "oauth_state_invalid")))]
async fn install_result(
    State(state): State<AppState>,
    session: Session,
    Path(flow): Path<String>,
) -> ApiResult<Json<InstallResult>> {
    let w = state.world();
    let breaks = state.breaks();
    let known = w.flows.get(&flow);
    if breaks.has("OAUTH-01") && known.is_none() {
        return Ok(Json(InstallResult::Pending));
    }
    // OAUTH-02 broken: the flow is looked up by its state alone, whichever session asks.
    let owner = known.filter(|_| breaks.has("OAUTH-02")).map_or(session.id.clone(), |f| f.session.clone());
    let mut result = w.flow_result(&session.user, &owner, &flow)?;
    if let InstallResult::Failed { error } = &mut result {
        error.code = crate::breaks::mistyped_flow_error(breaks, error.code);
    }
    Ok(Json(result))
}

/// Facebook redirects the popup here; it completes the exchange and redirects to the app's
/// completion route, which fetches the result by `state`.
#[utoipa::path(get, path = "/integrations/facebook/callback", tag = "install", params(crate::install::FacebookRedirect),
    responses((status = 303, description = "To the flow's complete_path (default /settings/messaging/facebook/complete) with ?state="),
        (status = 400, body = ErrorBody, description = "invalid_request: no state")))]
async fn oauth_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(q): Params<crate::install::FacebookRedirect>,
) -> Redirect {
    let session = session_cookie(&headers).unwrap_or_default();
    let complete_path = state.mutate(|w| {
        let user = browser_user(w, &headers);
        if let Err(failure) = w.callback(&user, &session, &q.state, &q) {
            if let Some(flow) = w.flows.get_mut(&q.state).filter(|f| f.session == session && f.result.is_none()) {
                flow.result = Some(InstallResult::Failed { error: *failure.0 });
            }
        }
        // Only a flow of this session says where to go; anything else lands on the default route.
        w.flows
            .get(&q.state)
            .filter(|f| f.session == session)
            .map_or_else(|| COMPLETE_ROUTE.to_owned(), |f| f.complete_path.clone())
    });
    Redirect::to(&format!("{complete_path}?state={}", crate::install::urlencode(&q.state)))
}

#[utoipa::path(post, path = "/integrations/facebook/pages", tag = "install", request_body = ConnectPageRequest,
    responses((status = 200, body = Installation),
        (status = 400, body = ErrorBody, description = "invalid_request, oauth_state_invalid"),
        (status = 409, body = ErrorBody,
        description = "installed_privately_by_other_admin, page_connected_to_other_company, app_installed_by_other_page_admin")))]
async fn connect_page(
    State(state): State<AppState>,
    session: Session,
    Body(request): Body<ConnectPageRequest>,
) -> ApiResult<Json<Installation>> {
    state
        .mutate(|w| w.connect_pages(&session.user, &session.id, &request.state, &request.page_ids, request.visibility))
        .map(Json)
}

#[utoipa::path(delete, path = "/integrations/facebook/pages/{page_id}", tag = "integration",
    params(("page_id" = String, Path, description = "A connected Page")),
    responses((status = 200, body = Installation), (status = 400, body = ErrorBody, description = "the last Page: uninstall instead"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "not_installed")))]
async fn disconnect_page(
    State(state): State<AppState>,
    session: Session,
    Path(page_id): Path<PageId>,
) -> ApiResult<Json<Installation>> {
    state.mutate(|w| w.disconnect_page(&session.user, &page_id)).map(Json)
}

/// Subscribes the Page's webhook to this app again with its token (Facebook's
/// `POST /{page-id}/subscribed_apps`): the fix of a failed `webhook_subscribed` check, which
/// it answers again. An expired token cannot: `422 token_expired`, reconnect instead.
#[utoipa::path(post, path = "/integrations/facebook/pages/{page_id}/subscription", tag = "integration",
    params(("page_id" = String, Path, description = "A connected Page")),
    responses((status = 200, body = CheckResult, description = "webhook_subscribed, passing"),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "not_installed"),
        (status = 422, body = ErrorBody, description = "token_expired")))]
async fn resubscribe_page(
    State(state): State<AppState>,
    session: Session,
    Path(page_id): Path<PageId>,
) -> ApiResult<Json<CheckResult>> {
    state.mutate(|w| w.resubscribe(&session.user, &page_id)).map(Json)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct DiagnosticQuery {
    /// The connected Page to check; the first one when absent.
    page: Option<String>,
}

/// One check, answered after a Graph-like delay so the UI can show each as it completes.
#[utoipa::path(get, path = "/integrations/facebook/diagnostics/{check}", tag = "diagnostics",
    params(("check" = CheckId, Path, description = "One of the checks, in order"), DiagnosticQuery),
    responses((status = 200, body = CheckResult), (status = 404, body = ErrorBody,
        description = "no such check, or the Page is not connected"), (status = 409, body = ErrorBody)))]
async fn diagnostic(
    State(state): State<AppState>,
    session: Session,
    Path(check): Path<String>,
    Params(q): Params<DiagnosticQuery>,
) -> ApiResult<Json<CheckResult>> {
    let check = CheckId::parse(&check).ok_or_else(|| Failure::new(ErrorCode::NotFound, "No such check."))?;
    tokio::time::sleep(Duration::from_millis(250)).await;
    let page = q.page.map(PageId::from);
    state.world().diagnose(&session.user, check, page.as_ref()).map(Json)
}

/// One page of the list, newest activity first; `next_cursor` asks for the next. See docs/api.md.
#[utoipa::path(get, path = "/conversations", tag = "conversations", params(RawListQuery),
    responses((status = 200, body = ConversationList),
        (status = 400, body = ErrorBody, description = "invalid_request: `details.parameter` names the refused one"),
        (status = 409, body = ErrorBody)))]
async fn conversations(
    State(state): State<AppState>,
    session: Session,
    // A parameter given twice is the one way the strings fail to read.
    Params(mut raw): Params<RawListQuery>,
) -> ApiResult<Json<ConversationList>> {
    let breaks = state.breaks();
    if breaks.has("PAGE-03") && raw.filter.as_deref() == Some("unread") {
        raw.filter = None;
    }
    let request = match ListRequest::parse(raw.clone()) {
        Err(_) if breaks.has("PAGE-02") && raw.cursor.is_some() => {
            ListRequest::parse(RawListQuery { cursor: None, ..raw })?
        }
        parsed => parsed?,
    };
    let w = state.world();
    let mut list = w.conversation_list(&session.user, &request)?;
    if breaks.has("PAGE-01") && list.next_cursor.is_some() && list.conversations.len() > 1 {
        // The next page starts one row early: its first row repeats this page's last.
        let shorter = ListRequest { limit: list.conversations.len() - 1, ..request };
        list.next_cursor = w.conversation_list(&session.user, &shorter)?.next_cursor;
    }
    Ok(Json(list))
}

/// Moves this user's read mark forward (never back) and tells their other tabs (`read_mark`).
#[utoipa::path(post, path = "/conversations/{id}/read", tag = "conversations", params(("id" = String, Path)),
    request_body = MarkReadRequest,
    responses((status = 200, body = ReadMark), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "not_installed")))]
async fn mark_read(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<ConversationId>,
    Body(request): Body<MarkReadRequest>,
) -> ApiResult<Json<ReadMark>> {
    let breaks = state.breaks();
    if breaks.has("READ-01") {
        // Never moves the mark (no seq is below 0), and answers where it is.
        return state.mutate(|w| w.mark_read(&session.user, &id, 0)).map(Json);
    }
    if breaks.has("READ-02") {
        state.mutate(|w| w.forget_read_mark(&session.user, &id));
    }
    state.mutate(|w| w.mark_read(&session.user, &id, request.seq)).map(Json)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PageQuery {
    /// Only messages with a smaller `seq`.
    before: Option<u64>,
    /// At most this many (default 200, at most 1000).
    limit: Option<usize>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct UploadQuery {
    /// Made by the client before the first attempt and reused on every retry.
    client_attachment_id: String,
    /// The file's name; its extension must agree with its bytes.
    name: Option<String>,
}

/// Uploads one file, its bytes as the body. `201` with the stored attachment, or `200` with
/// the same one when this `client_attachment_id` was uploaded before: a retry never stores twice.
/// The type comes from the bytes: `413 attachment_too_large` above 25 MB (pictures: 8 MB),
/// `415 attachment_type_refused` for a type the Send API does not take or a name that lies.
#[utoipa::path(post, path = "/attachments", tag = "conversations", params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Uploaded), (status = 200, body = Uploaded, description = "A repeat"),
        (status = 400, body = ErrorBody, description = "invalid_request: no client_attachment_id"),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody)))]
async fn upload_attachment(
    State(state): State<AppState>,
    session: Session,
    Params(q): Params<UploadQuery>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<Response> {
    use crate::attachments::Refusal;
    let name = q.name.as_deref().filter(|n| !n.trim().is_empty());
    let file_name = name.unwrap_or("attachment").to_owned();
    let too_large = |file_name: String| {
        Failure::new(ErrorCode::AttachmentTooLarge, "Facebook takes files up to 25 MB, and pictures up to 8 MB.")
            .with(|d| d.file_name = Some(file_name))
    };
    let id = q.client_attachment_id.trim();
    if id.is_empty() || id.len() > 100 {
        return Err(Failure::new(ErrorCode::InvalidRequest, "client_attachment_id must be 1 to 100 characters."));
    }
    let bytes = body.map_err(|_| too_large(file_name.clone()))?;
    let breaks = state.breaks();
    let mut id = id.to_owned();
    if breaks.has("UPLOAD-IDEMPOTENT-02") && !state.world().attachments.has_upload(&session.user, &id) {
        id = crate::breaks::race(id).await;
    }
    let stored = state.world().attachments.upload(&session.user, &id, name, bytes.to_vec());
    match stored {
        Ok((attachment, repeat)) => {
            let status =
                if repeat && !breaks.has("UPLOAD-IDEMPOTENT-01") { StatusCode::OK } else { StatusCode::CREATED };
            Ok((status, Json(Uploaded { attachment })).into_response())
        }
        Err(Refusal::TooLarge) => Err(too_large(file_name)),
        Err(Refusal::UnknownType | Refusal::NameDisagrees) => Err(Failure::new(
            ErrorCode::AttachmentTypeRefused,
            "Facebook does not take this type of file, or its name says another type.",
        )
        .with(|d| d.file_name = Some(file_name))),
    }
}

/// An attachment's bytes, from the API origin. Its true type (`nosniff`); pictures, audio and
/// video `inline`; anything else a download (`attachment`, with its name) under
/// `Content-Security-Policy: sandbox`.
#[utoipa::path(get, path = "/attachments/{id}", tag = "conversations", params(("id" = String, Path)),
    responses((status = 200, description = "The bytes", content_type = "application/octet-stream"),
        (status = 404, body = ErrorBody)))]
async fn attachment(
    State(state): State<AppState>,
    _session: Session,
    Path(id): Path<contract::AttachmentId>,
) -> ApiResult<Response> {
    let stored = state.world().attachments.get(&id).cloned();
    let stored = stored.ok_or_else(|| Failure::new(ErrorCode::NotFound, "No such attachment."))?;
    let mut response = axum::body::Body::from(stored.bytes.to_vec()).into_response();
    for (name, value) in crate::attachments::headers(&stored) {
        if let Ok(value) = axum::http::HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}

#[utoipa::path(get, path = "/conversations/{id}", tag = "conversations", params(("id" = String, Path), PageQuery),
    responses((status = 200, body = ConversationDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "not_installed")))]
async fn conversation(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<ConversationId>,
    Params(q): Params<PageQuery>,
) -> ApiResult<Json<ConversationDetail>> {
    state.world().conversation_detail(&session.user, &id, q.before, q.limit).map(Json)
}

/// 201 with the new message, or 200 with the one already sent under this `client_message_id`.
#[utoipa::path(post, path = "/conversations/{id}/messages", tag = "conversations", params(("id" = String, Path)),
    request_body = SendMessageRequest,
    responses((status = 201, body = Message), (status = 200, body = Message, description = "A repeat"),
        (status = 400, body = ErrorBody, description = "invalid_request"), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "thread_owned_by_other_app, naming the app; not_installed"),
        (status = 422, body = ErrorBody, description = "reply_window_closed, page_restricted, token_expired, recipient_unavailable"),
        (status = 429, body = ErrorBody, description = "rate_limited, with Retry-After")))]
async fn send_message(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<ConversationId>,
    Body(mut request): Body<SendMessageRequest>,
) -> ApiResult<Response> {
    let breaks = state.breaks();
    if breaks.has("SEND-IDEMPOTENT-02") && !state.world().has_client_message(&id, &request.client_message_id) {
        let id = request.client_message_id.as_str().to_owned();
        request.client_message_id = ClientMessageId::new(crate::breaks::race(id).await);
    }
    let (sent, generation) = state.mutate(|w| w.send(&session.user, &id, request).map(|s| (s, w.generation)))?;
    Ok(match sent {
        Sent::Repeat(message) if breaks.has("SEND-IDEMPOTENT-01") => {
            (StatusCode::CREATED, Json(message)).into_response()
        }
        Sent::Repeat(message) => (StatusCode::OK, Json(message)).into_response(),
        Sent::New(message) => {
            schedule_receipts(state, generation, id, message.id.clone());
            (StatusCode::CREATED, Json(message)).into_response()
        }
    })
}

/// The simulated Facebook delivers, then the customer reads, unless the world was reset meanwhile.
fn schedule_receipts(state: AppState, generation: u64, conversation: ConversationId, message: MessageId) {
    let mut w = state.world();
    if w.generation != generation {
        return;
    }
    w.receipts_pending += 1;
    drop(w);
    tokio::spawn(async move {
        for (delay, read) in [(DELIVERED_AFTER, false), (READ_AFTER, true)] {
            tokio::time::sleep(delay).await;
            state.mutate(|w| {
                if w.generation == generation {
                    w.facebook_receipt(&conversation, &message, read);
                    w.receipts_pending -= usize::from(read);
                }
            });
        }
    });
}

#[utoipa::path(delete, path = "/conversations/{id}/messages/{message_id}", tag = "conversations",
    params(("id" = String, Path), ("message_id" = String, Path, description = "The message id or its client_message_id")),
    responses((status = 204), (status = 400, body = ErrorBody, description = "Only failed messages can be deleted"),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "not_installed")))]
async fn delete_message(
    State(state): State<AppState>,
    session: Session,
    Path((id, message_id)): Path<(ConversationId, String)>,
) -> ApiResult<StatusCode> {
    state.mutate(|w| w.delete_message(&session.user, &id, &message_id)).map(|()| StatusCode::NO_CONTENT)
}

/// Takes the thread over from the app that owns it (Facebook's `take_thread_control`), so
/// sends go through; remembers that app in `taken_from`. Idempotent.
#[utoipa::path(post, path = "/conversations/{id}/take-control", tag = "conversations", params(("id" = String, Path)),
    responses((status = 200, body = ConversationSummary), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn take_control(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<ConversationId>,
) -> ApiResult<Json<ConversationSummary>> {
    state.mutate(|w| w.take_control(&session.user, &id)).map(Json)
}

/// Hands the thread back to the app it was taken from (Facebook's `pass_thread_control`).
#[utoipa::path(post, path = "/conversations/{id}/pass-control", tag = "conversations", params(("id" = String, Path)),
    responses((status = 200, body = ConversationSummary),
        (status = 400, body = ErrorBody, description = "invalid_request: taken from no app"),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn pass_control(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<ConversationId>,
) -> ApiResult<Json<ConversationSummary>> {
    state.mutate(|w| w.pass_control(&session.user, &id)).map(Json)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct UpdatesQuery {
    /// The `cursor` of the last answer (or of a conversation snapshot); 0 for everything kept.
    #[serde(default)]
    since: u64,
    /// Seconds to wait for something new; 0 answers at once. At most 25.
    #[serde(default)]
    wait: u64,
}

#[utoipa::path(get, path = "/updates", tag = "conversations", params(UpdatesQuery),
    responses((status = 200, body = Updates), (status = 400, body = ErrorBody, description = "invalid_request: since or wait")))]
async fn updates(
    State(state): State<AppState>,
    session: Session,
    Params(mut q): Params<UpdatesQuery>,
) -> Json<Updates> {
    let breaks = state.breaks();
    if breaks.has("POLL-01") {
        q.wait = 0;
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(q.wait.min(MAX_WAIT_SECONDS));
    loop {
        let notified = state.changed().notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let w = state.world();
            let oldest_kept = w.events.first().map_or(w.cursor, |(c, ..)| c - 1);
            let reset = (q.since > w.cursor || q.since < w.base_cursor.max(oldest_kept)) && !breaks.has("POLL-02");
            // Someone who cannot see the install learns only that it changed, never its messages.
            let visible = w.install_visible_to(&session.user).is_some();
            let events: Vec<_> = if reset { Vec::new() } else { w.events_for(&session.user, q.since, visible) };
            if reset || !events.is_empty() || tokio::time::Instant::now() >= deadline {
                // The badges with any event about conversations (a reply ends "awaiting reply" by
                // its message alone): the client asks for no list to learn them.
                let counted = events.iter().any(|e| !matches!(e, UpdateEvent::Integration | UpdateEvent::Unknown));
                let counts = counted.then(|| w.counts_for(&session.user));
                return Json(Updates { server_time: w.now(), cursor: w.cursor, reset, events, counts });
            }
        }
        if breaks.has("INBOUND-01") {
            // Never woken: what arrived meanwhile waits for the end of `wait`.
            tokio::time::sleep_until(deadline).await;
        } else {
            let _ = tokio::time::timeout_at(deadline, notified).await;
        }
    }
}
