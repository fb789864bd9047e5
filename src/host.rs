//! What the host page hears from the app: `messenger:*` CustomEvents on the mount element,
//! and, inside an iframe given a `host_origin`, the same events posted to the parent.
//! The `detail` shapes are documented in `docs/embedding.md` and `embed/messenger-integration.d.ts`.

use contract::{IntegrationState, PageHealth, Visibility};
use leptos::prelude::*;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::install_failure::InstallFailure;

pub const READY: &str = "messenger:ready";
pub const INTEGRATION_CHANGE: &str = "messenger:integration-change";
pub const AWAITING_REPLY: &str = "messenger:awaiting-reply";
pub const NAVIGATE: &str = "messenger:navigate";
pub const SESSION_EXPIRED: &str = "messenger:session-expired";
pub const ERROR: &str = "messenger:error";
/// To the loader only, on the element and not bubbling: this build lacks the part at the
/// current address (`settings` or `conversations`); start the build that has it.
pub const PART: &str = "msg-ui:part";

/// `messenger:integration-change`: the install state and each Page's health.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntegrationChange {
    /// `not_installed`, `installed`, `installed_privately_by_other_admin` or `unknown`.
    pub state: &'static str,
    pub visibility: Option<&'static str>,
    pub pages: Vec<PageStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageStatus {
    pub id: contract::PageId,
    pub name: String,
    /// `healthy`, `token_expired`, `permissions_missing`, `restricted`, `app_removed` or `unknown`.
    pub health: &'static str,
}

impl IntegrationChange {
    pub fn of(state: &IntegrationState) -> Self {
        let (state, visibility, pages) = match state {
            IntegrationState::NotInstalled => ("not_installed", None, Vec::new()),
            IntegrationState::InstalledPrivatelyByOtherAdmin { .. } => {
                ("installed_privately_by_other_admin", None, Vec::new())
            }
            IntegrationState::Unknown => ("unknown", None, Vec::new()),
            IntegrationState::Installed(installation) => {
                let visibility = match installation.visibility {
                    Visibility::Private => "private",
                    Visibility::Shared => "shared",
                    Visibility::Unknown => "unknown",
                };
                let pages = installation
                    .pages
                    .iter()
                    .map(|p| PageStatus { id: p.id.clone(), name: p.name.clone(), health: health_name(&p.health) })
                    .collect();
                ("installed", Some(visibility), pages)
            }
        };
        Self { state, visibility, pages }
    }
}

fn health_name(health: &PageHealth) -> &'static str {
    match health {
        PageHealth::Healthy => "healthy",
        PageHealth::TokenExpired => "token_expired",
        PageHealth::PermissionsMissing { .. } => "permissions_missing",
        PageHealth::Restricted(_) => "restricted",
        PageHealth::AppRemoved => "app_removed",
        PageHealth::Unknown => "unknown",
    }
}

/// `messenger:awaiting-reply`: the CRM's unread badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AwaitingReplyDetail {
    /// Conversations whose last message is the customer's and whose reply window is open.
    pub count: u32,
    /// Of those, how many close within 24 hours.
    pub closing_within_24h: u32,
}

/// `messenger:navigate`.
#[derive(Serialize)]
struct Navigate<'a> {
    /// The app-relative path, without the host's `base-path`, with its query.
    path: &'a str,
}

/// `messenger:error`.
#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    reference: Option<&'a str>,
}

/// `messenger:session-expired`.
#[derive(Serialize)]
struct SessionExpired {}

/// `messenger:ready`.
#[derive(Serialize)]
struct Ready<'a> {
    /// The app-relative path of the first screen.
    path: &'a str,
}

/// Where the element keeps what its host last heard of each event (as JSON), for every build
/// that mounts in it: going to the other part starts that part's build in the same element,
/// which must not tell the host again that it is ready, or the same path and state. The loader
/// empties it when the element mounts anew.
const HEARD: &str = "__messengerHeard";

/// The bridge to the host. `Copy`; every method is a no-op once the app is unmounted.
#[derive(Clone, Copy)]
pub struct Host {
    element: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    host_origin: StoredValue<Option<String>>,
    heard: StoredValue<js_sys::Object, LocalStorage>,
    /// `messenger:session-expired` was sent, and no request has succeeded since.
    session_lost: StoredValue<bool>,
}

pub fn provide_host(element: Option<web_sys::HtmlElement>, host_origin: Option<String>) -> Host {
    let kept = element.as_ref().and_then(|e| js_sys::Reflect::get(e, &HEARD.into()).ok()).filter(JsValue::is_object);
    let heard = kept.map(JsCast::unchecked_into).unwrap_or_else(|| {
        let heard = js_sys::Object::new();
        if let Some(element) = &element {
            let _ = js_sys::Reflect::set(element, &HEARD.into(), &heard);
        }
        heard
    });
    let host = Host {
        element: StoredValue::new_local(element),
        host_origin: StoredValue::new(host_origin),
        heard: StoredValue::new_local(heard),
        session_lost: StoredValue::new(false),
    };
    provide_context(host);
    host
}

/// The bridge, or a silent one where the app is mounted without a host (component tests).
pub fn use_host() -> Host {
    use_context::<Host>().unwrap_or_else(|| provide_host(None, None))
}

impl Host {
    fn emit(self, name: &str, detail: &impl Serialize) {
        let Ok(json) = serde_json::to_string(detail) else { return };
        self.emit_json(name, &json);
    }

    fn emit_json(self, name: &str, json: &str) {
        let Ok(detail) = js_sys::JSON::parse(json) else { return };
        if let Some(Some(element)) = self.element.try_get_value() {
            dispatch(&element, name, &detail, true);
        }
        if let Some(Some(origin)) = self.host_origin.try_get_value() {
            post_to_parent(name, &detail, &origin);
        }
    }

    /// `name` with `detail`, unless the host last heard exactly that from this element (or,
    /// `once`, heard it at all).
    fn emit_new(self, name: &str, detail: &impl Serialize, once: bool) {
        let (Ok(json), Some(heard)) = (serde_json::to_string(detail), self.heard.try_get_value()) else { return };
        let last = js_sys::Reflect::get(&heard, &name.into()).ok().and_then(|v| v.as_string());
        if last.as_deref() == Some(json.as_str()) || (once && last.is_some()) {
            return;
        }
        let _ = js_sys::Reflect::set(&heard, &name.into(), &json.as_str().into());
        self.emit_json(name, &json);
    }

    /// Once, when the first screen is on the page.
    pub fn ready(self, path: &str) {
        self.emit_new(READY, &Ready { path }, true);
    }

    /// Only when the state or a Page's health differs from what the host last heard.
    pub fn integration(self, state: &IntegrationState) {
        self.emit_new(INTEGRATION_CHANGE, &IntegrationChange::of(state), false);
    }

    pub fn awaiting_reply(self, detail: AwaitingReplyDetail) {
        self.emit_new(AWAITING_REPLY, &detail, false);
    }

    /// After a route change: the same path again (the other part's build starting there) is none.
    pub fn navigate(self, path: &str) {
        self.emit_new(NAVIGATE, &Navigate { path }, false);
    }

    /// Once per lost session: again only after the session came back ([`Host::session_alive`]).
    pub fn session_expired(self) {
        if self.session_lost.try_get_value() == Some(false) {
            self.session_lost.set_value(true);
            self.emit(SESSION_EXPIRED, &SessionExpired {});
        }
    }

    /// A request succeeded, or the host handed over a new CSRF token: a later 401 is a new loss.
    pub fn session_alive(self) {
        if self.session_lost.try_get_value() == Some(true) {
            self.session_lost.set_value(false);
        }
    }

    /// Every error screen shown, for the host's telemetry.
    pub fn error(self, failure: &InstallFailure) {
        self.emit(ERROR, &ErrorDetail { code: failure.code(), reference: failure.reference() });
    }

    pub fn crash(self) {
        self.emit(ERROR, &CRASH);
    }

    /// Asks the loader (`embed/messenger-integration.js`) for the build of another part.
    pub fn load_part(self, part: &str) {
        if let Some(Some(element)) = self.element.try_get_value() {
            dispatch(&element, PART, &JsValue::from_str(part), false);
        }
    }
}

const CRASH: ErrorDetail<'static> = ErrorDetail { code: "crash", reference: None };

/// `messenger:error` with code `crash`, from the panic hook: plain DOM, since no Rust state can
/// be trusted by then, on `element` and, inside a frame, to the `origin` the host named.
pub fn announce_crash(element: &web_sys::HtmlElement, origin: Option<&str>) {
    let Ok(json) = serde_json::to_string(&CRASH) else { return };
    let Ok(detail) = js_sys::JSON::parse(&json) else { return };
    dispatch(element, ERROR, &detail, true);
    if let Some(origin) = origin {
        post_to_parent(ERROR, &detail, origin);
    }
}

/// An event on the element: a `messenger:*` one `out` to the host (it bubbles, through a shadow
/// root too), or one for the loader alone, which listens on the element itself.
fn dispatch(element: &web_sys::HtmlElement, name: &str, detail: &JsValue, out: bool) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(out);
    init.set_composed(out);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = element.dispatch_event(&event);
    }
}

/// Only inside a frame, and only to the exact origin the host named: never `*`.
fn post_to_parent(name: &str, detail: &JsValue, origin: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &name.into());
    let _ = js_sys::Reflect::set(&message, &"detail".into(), detail);
    let _ = parent.post_message(&message, origin);
}

#[cfg(test)]
mod tests {
    use contract::{ConnectedPage, Installation, Person, Restriction};

    use super::*;

    #[test]
    fn integration_change_names_the_state_and_each_pages_health() {
        let page = |id: &str, health| ConnectedPage {
            id: id.into(),
            name: format!("Page {id}"),
            health,
            settings_url: String::new(),
            last_message_at: None,
        };
        let installation = Installation {
            installed_by: Person { id: "u1".into(), name: "Haruto Sato".into(), email: None },
            installed_at: 0,
            visibility: Visibility::Shared,
            granted_permissions: vec![],
            pages: vec![
                page("p1", PageHealth::Healthy),
                page(
                    "p2",
                    PageHealth::Restricted(Restriction { reason: "spam".into(), since: 0, appeal_url: String::new() }),
                ),
            ],
            can_manage: true,
            server_time: None,
        };
        let change = IntegrationChange::of(&IntegrationState::Installed(installation));
        assert_eq!(
            serde_json::to_value(&change).unwrap(),
            serde_json::json!({
                "state": "installed",
                "visibility": "shared",
                "pages": [
                    {"id": "p1", "name": "Page p1", "health": "healthy"},
                    {"id": "p2", "name": "Page p2", "health": "restricted"},
                ],
            })
        );
        assert_eq!(IntegrationChange::of(&IntegrationState::NotInstalled).state, "not_installed");
    }
}
