//! `POST /sim/state`: the conformance kit's test-state hook, in Pact's provider-state wire format
//! (`{"state", "params", "action": "setup" | "teardown"}`), over the same world the `/sim`
//! controls drive. `docs/conformance.md` lists the states; a backend team implements the same
//! hook over its own test doubles. Answers only with `--state-secret`, given as a bearer token.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;
use contract::{ConversationId, ErrorCode, Permission, Restriction};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::clock::HOUR_MS;
use crate::failure::{ApiResult, Failure};
use crate::install::FacebookRedirect;
use crate::session::Body;
use crate::state::AppState;
use crate::world::{Unreachable, World};

#[derive(Deserialize)]
pub struct StateChange {
    state: String,
    #[serde(default)]
    params: Map<String, Value>,
    #[serde(default)]
    action: Action,
}

#[derive(Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Action {
    #[default]
    Setup,
    Teardown,
}

pub async fn change(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(change): Body<StateChange>,
) -> ApiResult<Json<Value>> {
    let Some(secret) = state.state_secret() else {
        return Err(Failure::new(ErrorCode::NotFound, "No test-state hook: start with --state-secret."));
    };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|given| crate::clock::same_secret(given, secret)) {
        return Err(Failure::new(ErrorCode::Unauthenticated, "The hook's secret is missing or wrong."));
    }
    let setup = change.action == Action::Setup;
    let params = Params(&change.params);
    state.mutate(|w| match change.state.as_str() {
        "a customer writes" => customer_writes(w, &params, setup),
        "the reply window is closed" => window_closed(w, &params, setup),
        "Facebook refuses sends" => refuses_sends(w, &params, setup),
        "the Facebook dialog ends" => dialog_ends(w, &params, setup),
        other => Err(Failure::new(ErrorCode::NotFound, format!("No provider state {other:?}."))),
    })?;
    state.changed().notify_waiters();
    Ok(Json(Value::Object(Map::new())))
}

struct Params<'a>(&'a Map<String, Value>);

impl Params<'_> {
    fn get(&self, name: &str) -> ApiResult<&str> {
        self.0
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| Failure::new(ErrorCode::InvalidRequest, format!("params.{name} is missing.")))
    }

    /// The index of the conversation `conversation_id` names.
    fn conversation(&self, w: &World) -> ApiResult<usize> {
        let id = ConversationId::new(self.get("conversation_id")?);
        w.by_id.get(&id).copied().ok_or_else(|| Failure::new(ErrorCode::NotFound, "No such conversation."))
    }
}

fn customer_writes(w: &mut World, params: &Params, setup: bool) -> ApiResult<()> {
    if setup {
        params.conversation(w)?;
        w.inbound(params.get("conversation_id")?, params.get("text")?, Vec::new())?;
    }
    Ok(())
}

/// Eight days pass; at teardown the customer writes again, which opens the window again.
fn window_closed(w: &mut World, params: &Params, setup: bool) -> ApiResult<()> {
    params.conversation(w)?;
    if setup {
        w.clock.advance(8 * 24 * HOUR_MS);
    } else {
        w.inbound(params.get("conversation_id")?, "(the window opens again)", Vec::new())?;
    }
    Ok(())
}

/// Facebook refuses every send to the conversation with `params.code`, until teardown.
fn refuses_sends(w: &mut World, params: &Params, setup: bool) -> ApiResult<()> {
    let index = params.conversation(w)?;
    let page_id = w.conversations[index].page_id.clone();
    // The `/sim` controls name a customer by their conversation's id.
    let customer = w.conversations[index].id.clone();
    let page = w.page_mut(&page_id).ok_or_else(|| Failure::new(ErrorCode::NotFound, "The Page is gone."))?;
    match params.get("code")? {
        "page_restricted" => {
            let appeal_url = page.support_url();
            let since = w.now();
            let page = w.page_mut(&page_id).expect("found above");
            page.restriction = setup.then(|| Restriction { reason: "Conformance test".into(), since, appeal_url });
        }
        "token_expired" => page.token_expired = setup,
        "missing_permissions" if setup => drop(w.fb_grants.remove(&Permission::PagesMessaging)),
        "missing_permissions" => drop(w.fb_grants.insert(Permission::PagesMessaging)),
        "recipient_unavailable" => w.conversations[index].unreachable = setup.then_some(Unreachable::Unavailable),
        "thread_owned_by_other_app" => drop(w.set_thread_owner(customer.as_str(), setup.then_some("ShopBot"))?),
        "rate_limited" => w.sends_per_minute = if setup { 0 } else { 120 },
        other => return Err(Failure::new(ErrorCode::NotFound, format!("No refusal {other:?} to simulate."))),
    }
    Ok(())
}

/// The Facebook dialog of the flow `params.state` ends with `params.outcome`, and Facebook
/// redirects to the callback: `cancelled`, `missing_permissions` (a scope unticked) or
/// `facebook_error`. Teardown grants every permission again.
fn dialog_ends(w: &mut World, params: &Params, setup: bool) -> ApiResult<()> {
    if !setup {
        w.fb_grants = Permission::required().into_iter().collect();
        return Ok(());
    }
    let state = params.get("state")?.to_owned();
    let flow = w.flows.get_mut(&state).ok_or_else(|| Failure::new(ErrorCode::NotFound, "No such flow."))?;
    let session = flow.session.clone();
    let redirect = |code: Option<&str>, error: Option<&str>, reason: Option<&str>| FacebookRedirect {
        state: state.clone(),
        code: code.map(Into::into),
        error: error.map(Into::into),
        error_reason: reason.map(Into::into),
        error_description: error.map(|_| "Conformance test".into()),
    };
    let redirect = match params.get("outcome")? {
        "cancelled" => redirect(None, Some("access_denied"), Some("user_denied")),
        "facebook_error" => redirect(None, Some("server_error"), None),
        "missing_permissions" => {
            let granted = Permission::required().into_iter().filter(|p| *p != Permission::PagesMessaging).collect();
            let page_ids = w.pages.iter().map(|p| p.id.clone()).collect();
            let grant = crate::world::Grant { code: "conformance".into(), cancelled: false, granted, page_ids };
            w.flows.get_mut(&state).expect("found above").code = Some(grant);
            redirect(Some("conformance"), None, None)
        }
        other => return Err(Failure::new(ErrorCode::NotFound, format!("No outcome {other:?} to simulate."))),
    };
    let user = w.sessions.touch(&session).map_or_else(|| w.login_user.clone(), |s| s.user);
    w.callback(&user, &session, &state, &redirect)
}
