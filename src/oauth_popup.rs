//! Browser glue for the Facebook popup. The rules of which message to trust are in
//! `domain::popup`; this only reads the browser's facts and hands them over.

use wasm_bindgen::closure::Closure;
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

/// The app's tabs in this browser. A Facebook window that lost its opener (the host page sent
/// `Cross-Origin-Opener-Policy: same-origin`) hands its result to the waiting wizard here: the
/// browser keeps a channel to one origin, and the result is bound to the wizard's `state`.
const CHANNEL: &str = "msg-ui-oauth";

pub fn channel() -> Option<web_sys::BroadcastChannel> {
    web_sys::BroadcastChannel::new(CHANNEL).ok()
}

/// A result handed over on the channel, if it is for `state`. The channel is this origin's by
/// the browser's rule, and no window can be compared: the `state` binds it to this wizard.
pub fn handed_over(data: &str, state: &str) -> Option<PopupMessage> {
    let origin = our_origin();
    popup::accept(&Received { origin: &origin, from_our_popup: true, data }, &origin, state)
}

/// Hands the server's `result` for `state` to a wizard waiting in another tab of this browser.
/// True if one answered, within `wait_ms`, that it took it.
pub async fn hand_over(state: &str, result: &str, wait_ms: u32) -> bool {
    let (Some(channel), Some(data)) = (channel(), popup::outgoing(state, result)) else { return false };
    let took = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new({
        let (took, taken) = (took.clone(), popup::taken(state));
        move |event: web_sys::MessageEvent| took.set(took.get() || event.data().as_string() == Some(taken.clone()))
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let _ = channel.post_message(&JsValue::from_str(&data));
    gloo_timers::future::TimeoutFuture::new(wait_ms).await;
    channel.close();
    took.get()
}
