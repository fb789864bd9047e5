//! The app's address in the browser, and moving it with the History API. Screens read it with
//! `use_nav`; links are `AppLink`. Which screen a path shows is `domain::route`.
//!
//! Unlike leptos_router, nothing listens for clicks on the whole window: the host's own links stay
//! the host's, and an unmounted app leaves no listener behind but `popstate`'s, which it removes.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::domain::route;

#[derive(Clone, Copy)]
pub struct Nav {
    /// The path under the host's prefix, decoded as `decodeURI` does: `/messaging/ken`.
    path: RwSignal<String>,
    /// The query with its `?`, or empty.
    search: RwSignal<String>,
    /// The host's prefix: `""` or `/crm`.
    base: StoredValue<String>,
    /// A `#fragment` gone to, to bring into view once the screen is drawn (`RouteWatcher`).
    fragment: RwSignal<Option<String>>,
    /// The address's `#fragment` as it stands, with its `#`, or empty: what it points at is
    /// marked (CSS `:target` does not follow `pushState`).
    hash: RwSignal<String>,
}

/// Reads the address now and follows Back and Forward. `base` is the host's prefix.
pub fn provide_nav(base: String) -> Nav {
    let nav = Nav {
        path: RwSignal::new(String::new()),
        search: RwSignal::new(String::new()),
        base: StoredValue::new(base),
        fragment: RwSignal::new(None),
        hash: RwSignal::new(String::new()),
    };
    nav.read_location();
    let popstate = window_event_listener(leptos::ev::popstate, move |_| nav.read_location());
    on_cleanup(move || popstate.remove());
    provide_context(nav);
    nav
}

pub fn use_nav() -> Nav {
    expect_context()
}

impl Nav {
    /// The path under the host's prefix (tracked).
    pub fn path(&self) -> String {
        self.path.get()
    }

    pub fn path_untracked(&self) -> String {
        self.path.get_untracked()
    }

    /// The path, read in place (tracked).
    pub fn with_path<T>(&self, read: impl FnOnce(&str) -> T) -> T {
        self.path.with(|path| read(path))
    }

    /// The `#fragment` last gone to and not yet brought into view (tracked).
    pub fn fragment(&self) -> Option<String> {
        self.fragment.get()
    }

    /// Brings the `#fragment` gone to into view, if its element is drawn, and forgets it.
    pub fn scroll_to_fragment(&self) {
        let Some(id) = self.fragment.try_get_untracked().flatten() else { return };
        if let Some(element) = document().get_element_by_id(&id) {
            element.scroll_into_view();
        }
        self.fragment.try_set(None);
    }

    /// The address's `#fragment` with its `#`, or empty (tracked).
    pub fn hash(&self) -> String {
        self.hash.get()
    }

    /// The query with its `?`, or empty (tracked).
    pub fn search(&self) -> String {
        self.search.get()
    }

    /// A parameter of the query, decoded, as it stands now.
    pub fn query(&self, name: &str) -> Option<String> {
        web_sys::UrlSearchParams::new_with_str(&self.search.get_untracked()).ok()?.get(name)
    }

    /// `path` (app-relative) as the browser sees it, under the host's prefix.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.base.get_value())
    }

    /// Goes to `to` (app-relative, with any `?query` and `#fragment`) without a reload. `replace`
    /// takes the place of the current entry in the history instead of adding one.
    pub fn navigate(&self, to: &str, replace: bool) {
        let href = self.href(to);
        if let Ok(history) = window().history() {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&href))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&href))
            };
        }
        self.read_location();
        if let Some(fragment) = route::fragment(to) {
            self.fragment.set(Some(fragment.to_owned()));
        }
    }

    fn read_location(&self) {
        let location = window().location();
        let pathname = location.pathname().unwrap_or_default();
        let decoded = js_sys::decode_uri(&pathname).map(String::from).unwrap_or(pathname);
        let path = route::app_path(&self.base.try_get_value().unwrap_or_default(), &decoded);
        let search = location.search().unwrap_or_default();
        // Only a change notifies: the same address again rebuilds nothing.
        if self.path.try_get_untracked().is_some_and(|p| p != path) {
            self.path.try_set(path);
        }
        if self.search.try_get_untracked().is_some_and(|s| s != search) {
            self.search.try_set(search);
        }
        let hash = location.hash().unwrap_or_default();
        if self.hash.try_get_untracked().is_some_and(|h| h != hash) {
            self.hash.try_set(hash);
        }
    }
}
