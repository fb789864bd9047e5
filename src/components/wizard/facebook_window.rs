//! Facebook's window while the wizard waits on it: its answer, accepted only from our origin,
//! our window and our `state` (or, from a window the host's COOP cut off, over the app's
//! channel with our `state`); closed by the user; or silent for too long. Without a window
//! (after a reload) the backend is asked by `state` instead.

use leptos::prelude::*;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::Api;
use crate::domain::popup;
use crate::domain::wizard::{Event, Wizard};
use crate::oauth_popup;

/// How long the Facebook window may stay open without an answer: the life of a `state`.
const POPUP_LIMIT_MS: f64 = 10.0 * 60.0 * 1000.0;
const WATCH_EVERY_MS: u64 = 500;

/// Starts watching; stops with the wizard.
pub fn watch_facebook_window(
    api: Api,
    wizard: RwSignal<Wizard>,
    popup: StoredValue<Option<web_sys::Window>, LocalStorage>,
    opened_at: StoredValue<f64>,
    dispatch: impl Fn(Event) + Copy + 'static,
) {
    // The popup's answer: only from our origin, our window, with our state.
    let listener = window_event_listener(leptos::ev::message, move |event| {
        let (Wizard::InFacebook { state } | Wizard::Checking { state, .. }) = wizard.get_untracked() else { return };
        if let Some(message) = oauth_popup::accept(&event, popup.get_value().as_ref(), &state) {
            dispatch(Event::Result(message.result));
        }
    });
    on_cleanup(move || listener.remove());

    // The same answer from a window the host's COOP cut off from this page: it comes over the
    // app's channel, for our `state`, even after this page saw the window as closed.
    let last_state = StoredValue::new(None::<String>);
    Effect::new(move || {
        if let Wizard::InFacebook { state } = wizard.get() {
            last_state.set_value(Some(state));
        }
    });
    if let Some(channel) = oauth_popup::channel() {
        let answer = channel.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(data) = event.data().as_string() else { return };
            let (waiting, closed) = match wizard.get_untracked() {
                Wizard::InFacebook { state } | Wizard::Checking { state, .. } => (Some(state), false),
                Wizard::PopupClosed => (last_state.get_value(), true),
                _ => (None, false),
            };
            let Some(state) = waiting else { return };
            let Some(message) = oauth_popup::handed_over(&data, &state) else { return };
            let _ = answer.post_message(&popup::taken(&state).into());
            dispatch(if closed { Event::ReturnTo { state } } else { Event::Result(message.result) });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let kept = StoredValue::new_local(Some((channel, on_message)));
        on_cleanup(move || {
            if let Some((channel, _)) = kept.try_update_value(Option::take).flatten() {
                channel.close();
            }
        });
    }

    // Watches the popup: closed by the user, or no answer in time. Without a popup (after a
    // reload) it polls the backend by state instead, within the same time limit.
    let ticks = StoredValue::new(0u32);
    let watcher = set_interval_with_handle(
        move || {
            let Wizard::InFacebook { state } = wizard.get_untracked() else { return };
            ticks.update_value(|t| *t += 1);
            let waited_ms = match popup.get_value() {
                Some(_) => js_sys::Date::now() - opened_at.get_value(),
                None => f64::from(ticks.get_value()) * WATCH_EVERY_MS as f64,
            };
            match popup.get_value() {
                Some(p) if oauth_popup::is_closed(&p) => dispatch(Event::PopupGone { by_user: true }),
                _ if waited_ms > POPUP_LIMIT_MS => {
                    if let Some(p) = popup.get_value() {
                        let _ = p.close();
                    }
                    dispatch(Event::PopupGone { by_user: false });
                }
                Some(_) => {}
                None if ticks.get_value() % 4 == 0 => leptos::task::spawn_local(async move {
                    match api.install_result(&state).await {
                        Ok(result) => dispatch(Event::Result(result)),
                        Err(error) if !error.is_transient() => dispatch(Event::Failed(error.into())),
                        Err(_) => {}
                    }
                }),
                None => {}
            }
        },
        std::time::Duration::from_millis(WATCH_EVERY_MS),
    );
    if let Ok(watcher) = watcher {
        on_cleanup(move || watcher.clear());
    }
}
