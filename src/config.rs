//! The one place the host page configures the app.

use leptos::prelude::*;

use crate::i18n::Locale;

/// Everything the host decides. Provided as context at mount; there are no globals.
#[derive(Clone, Debug, PartialEq)]
pub struct AppConfig {
    /// Base URL of the backend REST API, without a trailing slash (for example `/api`).
    pub api_base: String,
    /// Locale the host forces; `None` follows the remembered choice, then the browser.
    pub locale: Option<Locale>,
    /// CSRF token the host already has; `None` means take it from `GET /me`.
    pub csrf_token: Option<String>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self { api_base: "/api".into(), locale: None, csrf_token: None }
    }
}

impl AppConfig {
    /// Reads `data-api-base`, `data-locale` and `data-csrf-token` from the mount element.
    pub fn from_element(el: &web_sys::Element) -> Self {
        let attr = |name: &str| el.get_attribute(name).filter(|v| !v.trim().is_empty());
        Self {
            api_base: attr("data-api-base")
                .map(|base| base.trim_end_matches('/').to_owned())
                .unwrap_or_else(|| Self::default().api_base),
            locale: attr("data-locale").and_then(|l| l.parse().ok()),
            csrf_token: attr("data-csrf-token"),
        }
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
