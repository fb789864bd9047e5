//! Messenger integration UI for a CRM: settings, install wizard and conversations.
//!
//! The bin (`src/main.rs`, built once per part) only exports `mount`; a host calls it (or uses the `<messenger-integration>`
//! element of `embed/messenger-integration.js`). Everything lives here so tests can mount any part.

// A build of one part links only that part's screens; the other part's code is still compiled.
#![cfg_attr(not(all(feature = "settings", feature = "conversations")), allow(dead_code, unused_imports))]

pub mod api;
pub mod components;
pub mod config;
pub mod domain;
pub mod format;
pub mod host;
pub mod i18n;
pub mod inbox;
pub mod nav;
pub mod oauth_popup;
pub mod panic;
pub mod read;
pub mod retry;
pub mod session;
#[cfg(feature = "settings")]
pub mod wizard_store;

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
    /// The app's reactive root, cleaned up by force on unmount (see [`mount`]).
    owner: Option<Owner>,
    live: LiveSettings,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the app. Queued messages stay in storage for the next mount.
    pub fn unmount(&mut self) {
        if self.app.take().is_some() {
            let _ = self.root.remove_attribute(ROOT_ATTR);
            panic::unmounted(&self.root);
        }
        if let Some(owner) = self.owner.take() {
            owner.cleanup();
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
pub fn mount(root: web_sys::HtmlElement, config: AppConfig, prefetched: api::Prefetched) -> MountHandle {
    panic::install_hook();
    // The panic hook reads the host's origin here: by then no Rust state can be trusted.
    let _ = root.set_attribute(ROOT_ATTR, config.host_origin.as_deref().unwrap_or(""));
    let live = LiveSettings::default();
    // Dropping leptos's handle cleans up only if nothing else holds its owner, and something
    // does: the router's window click listener then outlived the app, preventing every later
    // link click on the page. A root of our own is cleaned up by force, children first.
    let owner = Owner::new();
    panic::mounted(&root);
    let app = {
        let (live, element) = (live.clone(), root.clone());
        owner.with(|| leptos::mount::mount_to(root.clone(), move || view! { <App config live element prefetched /> }))
    };
    MountHandle { root, app: Some(Box::new(app)), owner: Some(owner), live }
}

/// The wasm's one export, `mount(element, options)`, as `embed/messenger-integration.js` calls
/// it: the bin (`src/main.rs`) expands this. Exported from a bin, not the library: a bin
/// target's build drops the library's own exports (wasm-bindgen: "failed to find intrinsics"),
/// and a cdylib instead costs 40 KiB brotli.
#[macro_export]
macro_rules! export_mount {
    () => {
        #[wasm_bindgen::prelude::wasm_bindgen(js_name = mount)]
        pub fn mount(element: web_sys::HtmlElement, options: wasm_bindgen::JsValue) -> $crate::MountHandle {
            $crate::mount_element(element, options)
        }
    };
}

/// `free()` without `unmount()` cleans up all the same.
impl Drop for MountHandle {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// `mount(element, options)` for JavaScript (see [`export_mount`]); `options` holds `apiBase`,
/// `locale`, `csrfToken`, `basePath`, `view`, `chrome` and `hostOrigin`, all optional (see
/// `embed/messenger-integration.d.ts`).
pub fn mount_element(element: web_sys::HtmlElement, options: JsValue) -> MountHandle {
    let config = AppConfig::from_options(&options);
    // The starting language's table, which the loader fetched beside the wasm, and how to fetch
    // another when the user switches.
    let read = |key: &str| js_sys::Reflect::get(&options, &JsValue::from_str(key)).ok();
    if let Some(json) = read("strings").and_then(|s| s.as_string()) {
        i18n::register(config.locale.unwrap_or(i18n::Locale::En), &json);
    }
    i18n::set_fetch(read("loadStrings").and_then(|f| f.dyn_into().ok()));
    mount(element, config, prefetched(&options))
}

/// `options.prefetch`: `{"/me": {answer: Promise<{status, text}>, controller: AbortController,
/// settled?: {status, text}}, …}`, what the loader began before the wasm arrived, and what of it
/// is already in. Anything else in it is ignored.
fn prefetched(options: &JsValue) -> api::Prefetched {
    let Ok(prefetch) = js_sys::Reflect::get(options, &JsValue::from_str("prefetch")) else { return Default::default() };
    let Some(prefetch) = prefetch.dyn_ref::<js_sys::Object>() else { return Default::default() };
    js_sys::Object::entries(prefetch)
        .iter()
        .filter_map(|entry| {
            let entry = js_sys::Array::from(&entry);
            let read = |key: &str| js_sys::Reflect::get(&entry.get(1), &JsValue::from_str(key)).ok();
            let answer = read("answer")?.dyn_into::<js_sys::Promise>().ok()?;
            let controller = read("controller")?.dyn_into::<web_sys::AbortController>().ok()?;
            let settled = read("settled").filter(JsValue::is_object);
            Some((entry.get(0).as_string()?, api::Prefetch { answer, controller, settled }))
        })
        .collect()
}
