//! Messenger integration UI for a CRM: settings, install wizard and conversations.
//!
//! `main.rs` only exports `mount`; a host calls it (or uses the `<messenger-integration>`
//! element of `embed/messenger-integration.js`). Everything lives here so tests can mount any part.

pub mod api;
pub mod components;
pub mod config;
pub mod domain;
pub mod format;
pub mod host;
pub mod i18n;
pub mod inbox;
pub mod oauth_popup;
pub mod panic;
pub mod session;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub use components::app::{App, LiveSettings};
pub use config::AppConfig;

use crate::i18n::Locale;

pub use panic::ROOT_ATTR;

/// A mounted app, as the host holds it: `unmount()`, `setLocale()`, `setCsrfToken()`.
/// Dropping it (or `unmount`) removes the app and stops every loop, timer and listener it owns.
#[wasm_bindgen]
pub struct MountHandle {
    root: web_sys::HtmlElement,
    app: Option<Box<dyn std::any::Any>>,
    live: LiveSettings,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the app. Queued messages stay in storage for the next mount.
    pub fn unmount(&mut self) {
        if self.app.take().is_some() {
            let _ = self.root.remove_attribute(ROOT_ATTR);
        }
    }

    /// `ja` or `en`; anything else (or nothing) leaves the language as it is.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, locale: Option<String>) {
        if let Some(locale) = locale.and_then(|l| l.parse::<Locale>().ok()) {
            self.live.locale.set(Some(locale));
        }
    }

    /// The host re-authenticated: the next mutating request uses this token.
    #[wasm_bindgen(js_name = setCsrfToken)]
    pub fn set_csrf_token(&self, token: Option<String>) {
        self.live.csrf_token.set(token.filter(|t| !t.trim().is_empty()));
    }
}

/// Mounts the app into `root` with `config`. A host page may call this for any element.
pub fn mount(root: web_sys::HtmlElement, config: AppConfig) -> MountHandle {
    panic::install_hook();
    // The panic hook reads the host's origin here: by then no Rust state can be trusted.
    let _ = root.set_attribute(ROOT_ATTR, config.host_origin.as_deref().unwrap_or(""));
    let live = LiveSettings::default();
    let app = {
        let (live, element) = (live.clone(), root.clone());
        leptos::mount::mount_to(root.clone(), move || view! { <App config live element /> })
    };
    MountHandle { root, app: Some(Box::new(app)), live }
}

/// `mount(element, options)` for JavaScript (exported by `main.rs`); `options` holds `apiBase`,
/// `locale`, `csrfToken`, `basePath`, `view`, `chrome` and `hostOrigin`, all optional (see
/// `embed/messenger-integration.d.ts`).
pub fn mount_element(element: web_sys::HtmlElement, options: JsValue) -> MountHandle {
    mount(element, AppConfig::from_options(&options))
}
