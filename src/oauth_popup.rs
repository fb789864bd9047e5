//! Browser glue for the Facebook popup. The rules of which message to trust are in
//! `domain::popup`; this only reads the browser's facts and hands them over.

use wasm_bindgen::{JsCast, JsValue};

use crate::domain::popup::{self, PopupMessage, Received};

const FEATURES: &str = "popup,width=600,height=720";

/// Must run synchronously inside the click handler, or the browser blocks it.
/// `None` means the browser blocked it.
pub fn open_blank() -> Option<web_sys::Window> {
    web_sys::window()?.open_with_url_and_target_and_features("", "msg-facebook-login", FEATURES).ok().flatten()
}

pub fn navigate(popup: &web_sys::Window, url: &str) -> bool {
    popup.location().set_href(url).is_ok()
}

pub fn is_closed(popup: &web_sys::Window) -> bool {
    popup.closed().unwrap_or(true)
}

pub fn our_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The message, if it comes from our origin, from `popup`, and carries `state`.
pub fn accept(event: &web_sys::MessageEvent, popup: Option<&web_sys::Window>, state: &str) -> Option<PopupMessage> {
    let from_our_popup = match (event.source(), popup) {
        (Some(source), Some(popup)) => js_sys::Object::is(&source, popup),
        _ => false,
    };
    let data = event.data().as_string()?;
    popup::accept(&Received { origin: &event.origin(), from_our_popup, data: &data }, &our_origin(), state)
}

/// The window that opened this one, if it is still there and is this app: a CRM tab that a
/// portal opened has an opener too, and must not be treated as the wizard's popup and closed.
pub fn opener() -> Option<web_sys::Window> {
    let opener = web_sys::window()?.opener().ok()?;
    if opener.is_null() || opener.is_undefined() {
        return None;
    }
    // Not `dyn_into`: the opener's Window belongs to another realm, so `instanceof` fails.
    let opener = opener.unchecked_into::<web_sys::Window>();
    // Reading another origin's location throws, which is the answer too.
    (opener.location().origin().ok()? == our_origin()).then_some(opener)
}

/// Posts the server's `result` for `state` to `opener`, only to our own origin.
pub fn post(opener: &web_sys::Window, state: &str, result: &str) -> bool {
    let Some(data) = popup::outgoing(state, result) else { return false };
    opener.post_message(&JsValue::from_str(&data), &our_origin()).is_ok()
}
