//! The one place the host page configures the app.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::domain::route::{self, Part};
use crate::i18n::Locale;

/// Which part of the app an element shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AppView {
    /// Every part, with the app's own section links.
    #[default]
    Full,
    /// One part's screens alone (`view="settings"`, `view="conversations"`).
    Only(Part),
}

impl AppView {
    /// The `view` attribute's value: a part's name; anything else is the full app.
    pub fn parse(value: &str) -> Self {
        Part::from_name(value).map_or(AppView::Full, AppView::Only)
    }

    /// Where `/` leads (`routes.json`).
    pub fn home(self) -> &'static str {
        match self {
            AppView::Full => route::HOME_FULL,
            AppView::Only(part) => part.home(),
        }
    }

    /// Whether the element shows `part`'s screens.
    pub fn shows(self, part: Part) -> bool {
        self == AppView::Full || self == AppView::Only(part)
    }
}

/// Everything the host decides. Provided as context at mount; there are no globals.
#[derive(Clone, Debug, PartialEq)]
pub struct AppConfig {
    /// Base URL of the backend REST API, without a trailing slash (for example `/api`).
    pub api_base: String,
    /// Locale the host forces; `None` follows the remembered choice, then the browser.
    pub locale: Option<Locale>,
    /// CSRF token the host already has; `None` means take it from `GET /me`.
    pub csrf_token: Option<String>,
    /// URL prefix under which the host serves the app's routes: `""` or `/crm`, never a trailing slash.
    pub base_path: String,
    pub view: AppView,
    /// Whether the app shows its own header and language switch.
    pub chrome: bool,
    /// When embedded in an iframe, the parent's exact origin, to which events are posted too.
    pub host_origin: Option<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            api_base: route::API_BASE.into(),
            locale: None,
            csrf_token: None,
            base_path: String::new(),
            view: AppView::Full,
            chrome: true,
            host_origin: None,
        }
    }
}

impl AppConfig {
    /// Reads the options object of `mount(element, options)` as the loader normalised them
    /// (`embed/options.js`, the one place that reads the attributes); absent ones are defaults.
    pub fn from_options(options: &JsValue) -> Self {
        let get = |key: &str| js_sys::Reflect::get(options, &JsValue::from_str(key)).ok().and_then(|v| v.as_string());
        let defaults = Self::default();
        Self {
            // `` is the origin's root.
            api_base: get("apiBase").unwrap_or(defaults.api_base),
            locale: get("locale").and_then(|l| l.parse().ok()),
            csrf_token: get("csrfToken"),
            base_path: get("basePath").unwrap_or_default(),
            view: get("view").map(|v| AppView::parse(&v)).unwrap_or_default(),
            chrome: get("chrome").is_none_or(|c| c != "none"),
            host_origin: get("hostOrigin"),
        }
    }

    /// `path` (app-relative, starting with `/`) as the browser sees it under the host's prefix.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }
}

#[derive(Clone)]
struct ConfigContext(StoredValue<AppConfig>);

pub fn provide_config(config: AppConfig) {
    provide_context(ConfigContext(StoredValue::new(config)));
}

/// The configuration given at mount.
pub fn use_config() -> AppConfig {
    expect_context::<ConfigContext>().0.get_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_go_under_the_base_path() {
        let config = AppConfig { base_path: "/crm".into(), ..AppConfig::default() };
        assert_eq!(config.href("/settings/messaging"), "/crm/settings/messaging");
    }

    #[test]
    fn views_choose_their_home() {
        assert_eq!(AppView::parse("conversations").home(), "/messaging");
        assert_eq!(AppView::parse("settings").home(), "/settings/messaging");
        assert_eq!(AppView::parse("nonsense"), AppView::Full);
        assert!(!AppView::parse("settings").shows(Part::Conversations));
        assert!(!AppView::parse("conversations").shows(Part::Settings));
        assert!(AppView::Full.shows(Part::Conversations));
    }
}
