//! Messenger integration UI for a CRM: settings, install wizard and conversations.
//!
//! `main.rs` only mounts. Everything lives here so tests can mount any part.

// The build.rs generator that replaces this macro pulls in ICU's data exporter, which
// costs minutes of build time for nothing we use; the macro generates the same module.
#[allow(deprecated)]
mod locales {
    leptos_i18n::load_locales!();
}
pub use locales::i18n;

pub mod api;
pub mod components;
pub mod config;
pub mod domain;
pub mod format;
pub mod inbox;
pub mod oauth_popup;
pub mod panic;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use components::app::App;
pub use config::AppConfig;

/// Attribute that marks every element the app is mounted into; the panic hook finds roots by it.
pub const ROOT_ATTR: &str = "data-msg-app";

/// Mounts the app into `root` with `config`. A host page may call this for any element.
pub fn mount(root: web_sys::HtmlElement, config: AppConfig) {
    panic::install_hook();
    let _ = root.set_attribute(ROOT_ATTR, "");
    leptos::mount::mount_to(root, move || view! { <App config/> }).forget();
}

/// Mounts into `#msg-app` (or `<body>`), reading the configuration from its `data-*` attributes.
pub fn mount_from_document() {
    let document = document();
    let root = document
        .get_element_by_id("msg-app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
        .expect("the host page has a <body>");
    let config = AppConfig::from_element(&root);
    mount(root, config);
}
