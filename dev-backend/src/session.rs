//! Who a request acts for: the session cookie the CRM sets at login, the session it names,
//! and the extractors the handlers share (`Session`, `Body`). Apart from the routes, so
//! `/api` and `/sim` handlers in any module can use them.

use axum::extract::{FromRequestParts, Request};
use axum::http::{header, request::Parts, HeaderMap};
use axum::Json;
use contract::{ErrorCode, PersonId};

use crate::failure::Failure;
use crate::state::AppState;
use crate::world::{SignedIn, World};

pub const SESSION_COOKIE: &str = "msg_session";

/// A valid session, from the `msg_session` cookie, and whom it signed in.
pub struct Session {
    pub id: String,
    pub user: PersonId,
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == SESSION_COOKIE).then(|| v.to_owned())
    })
}

impl FromRequestParts<AppState> for Session {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(id) = session_cookie(&parts.headers) else {
            if state.breaks().has("AUTH-01") {
                return Ok(Session { id: String::new(), user: state.world().login_user.clone() });
            }
            return Err(Failure::new(ErrorCode::Unauthenticated, "Sign in to the CRM again."));
        };
        state
            .world()
            .sessions
            .touch(&id)
            .map(|s| Session { id, user: s.user })
            .ok_or_else(|| Failure::new(ErrorCode::Unauthenticated, "Sign in to the CRM again."))
    }
}

/// Malformed bodies answer with the contract's error shape, not axum's plain text.
pub struct Body<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| Body(v))
            .map_err(|e| Failure::new(ErrorCode::InvalidRequest, e.body_text()))
    }
}

/// Query parameters that do not read (a missing `client_attachment_id`, `since=abc`) answer
/// with the contract's error shape too, not axum's plain text.
pub struct Params<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Params(v))
            .map_err(|e| Failure::new(ErrorCode::InvalidRequest, e.body_text()))
    }
}

/// The browser's session, or a new one for whom the CRM signs in next (`login_user`) with the
/// `Set-Cookie` that starts it: what the CRM's own login would have done. Only a page load
/// signs in after `/sim/sign-out`.
pub fn sign_in(
    world: &mut World,
    headers: &HeaderMap,
    page_load: bool,
) -> Option<(SignedIn, Option<axum::http::HeaderValue>)> {
    if let Some(signed_in) = session_cookie(headers).and_then(|id| world.sessions.touch(&id)) {
        return Some((signed_in, None));
    }
    if world.signed_out && !page_load {
        return None;
    }
    world.signed_out = false;
    let user = world.login_user.clone();
    let (signed_in, cookie) = open_session(world, user);
    Some((signed_in, Some(cookie)))
}

/// A new session for `user`, and the cookie that carries it.
pub fn open_session(world: &mut World, user: PersonId) -> (SignedIn, axum::http::HeaderValue) {
    let id = crate::clock::secret("sess_");
    let csrf = crate::clock::secret("csrf_");
    world.sessions.open(id.clone(), csrf.clone(), user.clone());
    let cookie = format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax");
    (SignedIn { csrf, user }, cookie.parse().expect("token is ascii"))
}

/// Whom a browser acts for on the routes it reaches without the API's session check (the
/// OAuth callback, the simulated dialog): its session's user, or without a live session
/// whom the CRM would sign it in as (`login_user`).
pub fn browser_user(world: &mut World, headers: &HeaderMap) -> PersonId {
    match session_cookie(headers).and_then(|id| world.sessions.touch(&id)) {
        Some(signed_in) => signed_in.user,
        None => world.login_user.clone(),
    }
}
