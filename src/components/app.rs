use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::api::provide_api;
use crate::components::app_header::AppHeader;
use crate::components::crash_screen::CrashScreen;
use crate::components::not_found_page::NotFoundPage;
use crate::components::status_region::{provide_status, StatusRegion};
use crate::config::{provide_config, use_config, AppConfig, AppView};
use crate::domain::route::{self, Screen};
use crate::host::{provide_host, use_host};
use crate::i18n::*;
use crate::nav::{provide_nav, use_nav};
use crate::session::provide_me;

/// What the host may change on a live app without a remount.
#[derive(Clone, Default)]
pub struct LiveSettings {
    pub locale: ArcRwSignal<Option<Locale>>,
    pub csrf_token: ArcRwSignal<Option<String>>,
}

/// The whole app: configuration, language, routes, and the error boundary.
#[component]
pub fn App(
    /// What the host page decided: API base, forced locale, CSRF token, prefix, view.
    config: AppConfig,
    /// Settings the host changes later (`setLocale`, `setCsrfToken`).
    #[prop(optional)]
    live: LiveSettings,
    /// The element the app is mounted into, which dispatches the `messenger:*` events.
    #[prop(optional)]
    element: Option<web_sys::HtmlElement>,
    /// Start-up reads the loader already began, for the app to adopt.
    #[prop(optional)]
    prefetched: crate::api::Prefetched,
) -> impl IntoView {
    provide_i18n(config.locale, true);
    provide_host(element, config.host_origin.clone());
    let api = provide_api(&config, prefetched);
    provide_config(config);
    provide_me();
    provide_status();
    let csrf_token = live.csrf_token.clone();
    Effect::new(move || {
        if let Some(token) = csrf_token.get() {
            api.set_csrf_token(token);
        }
    });
    let live_locale = live.locale;
    view! { <AppRoot live_locale /> }
}

#[component]
fn AppRoot(live_locale: ArcRwSignal<Option<Locale>>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move || {
        if let Some(locale) = live_locale.get() {
            if i18n.get_locale_untracked() != locale {
                leptos::task::spawn_local(async move {
                    i18n.switch_to(locale).await;
                });
            }
        }
    });
    let config = use_config();
    let nav = provide_nav(config.base_path.clone());
    let app = NodeRef::<leptos::html::Div>::new();
    // The screen, not the path: opening another conversation keeps the conversations screen.
    let screen = Memo::new(move |_| nav.with_path(route::screen));
    let page = move || {
        view! {
            <ErrorBoundary fallback=|errors| {
                let details = move || {
                    errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("\n")
                };
                view! { <CrashScreen details=Signal::derive(details) /> }
            }>{move || screen_view(screen.get())}</ErrorBoundary>
        }
    };
    // Without the app's own chrome it sits inside a host that has its own `<main>`, so it takes
    // a plain region: landmarks do not nest.
    let chrome = config.chrome;
    let main = move || {
        if chrome {
            view! { <main class="msg-app__main">{page()}</main> }.into_any()
        } else {
            view! { <div class="msg-app__main">{page()}</div> }.into_any()
        }
    };

    view! {
        // The host page owns <html lang>; we set `lang` on our own root instead.
        <div
            class="msg-app"
            lang=move || i18n.get_locale().as_str()
            dir=move || if i18n.get_locale().is_rtl() { "rtl" } else { "ltr" }
            node_ref=app
        >
            {config.chrome.then(|| view! { <AppHeader nav=config.view == AppView::Full /> })}
            {main()}
            <RouteWatcher app />
            <StatusRegion />
        </div>
    }
}

/// What each screen shows. A screen of a part the element does not show sends it to its home.
fn screen_view(screen: Screen) -> AnyView {
    let view = use_config().view;
    match screen.route() {
        Some(route) if route.every_view || view.shows(route.part) => pages::page(screen),
        None if screen == Screen::NotFound => view! { <NotFoundPage /> }.into_any(),
        _ => view! { <Redirect to=view.home() /> }.into_any(),
    }
}

/// Goes to `to` in place of the current address, once drawn.
#[component]
fn Redirect(to: &'static str) -> impl IntoView {
    let nav = use_nav();
    // After this render: the address changes the screen that is being drawn.
    Effect::new(move |_| nav.navigate(to, true));
}

/// Tells the host where the app is and when its first screen is up, moves focus to the new
/// page's heading on every route change (not on the first: that would take it from the host),
/// and brings a `#fragment` gone to into view. Each waits for the screen to be drawn: a heading
/// up and no loading notice, as the app's root says when it changes (a `MutationObserver`) and
/// in the frame after an address changes. No timer looks at the DOM.
#[component]
fn RouteWatcher(app: NodeRef<leptos::html::Div>) -> impl IntoView {
    let nav = use_nav();
    let host = use_host();
    let app_path = move || format!("{}{}", nav.path(), nav.search());
    let ready = StoredValue::new(false);
    // The path whose heading takes the focus once drawn.
    let focus = StoredValue::new(None::<String>);
    let settle = move || {
        let Some(root) = app.try_get_untracked().flatten() else { return };
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        if find(".msg-loading").is_some() || find("h1").is_none() {
            return;
        }
        if !ready.get_value() {
            ready.set_value(true);
            host.ready(&untrack(app_path));
        }
        if let Some(path) = focus.try_update_value(Option::take).flatten() {
            // An open conversation's heading is the customer's name, not "Conversations".
            let heading = path.starts_with("/messaging/").then(|| find("#msg-thread-title")).flatten();
            if let Some(heading) = heading.or_else(|| find(".msg-app__main h1")) {
                focus_heading(heading);
            }
        }
        nav.scroll_to_fragment();
    };
    Effect::new(move |previous: Option<String>| {
        let path = app_path();
        if previous.as_deref() != Some(path.as_str()) {
            host.navigate(&path);
        }
        let pathname = |p: &str| p.split('?').next().unwrap_or_default().to_owned();
        if previous.as_ref().is_some_and(|p| pathname(p) != pathname(&path)) {
            focus.set_value(Some(pathname(&path)));
        }
        // Tracked too: a fragment gone to on the same screen.
        nav.fragment();
        // The frame after: the new screen is drawn by then, or its loading notice is up.
        request_animation_frame(settle);
        path
    });
    // Every change of the app's DOM may be the screen being drawn: its data came, a notice went.
    let observer = StoredValue::new_local(None::<(web_sys::MutationObserver, Closure<dyn Fn()>)>);
    app.on_load(move |root| {
        let changed = Closure::<dyn Fn()>::new(settle);
        let Ok(watcher) = web_sys::MutationObserver::new(changed.as_ref().unchecked_ref()) else { return };
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        let _ = watcher.observe_with_options(&root, &options);
        observer.set_value(Some((watcher, changed)));
    });
    on_cleanup(move || {
        if let Some((watcher, _)) = observer.try_update_value(Option::take).flatten() {
            watcher.disconnect();
        }
    });
}

fn focus_heading(heading: web_sys::Element) {
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
        let _ = heading.focus();
    }
}

/// Each route's page, written by build.rs from routes.json: in a build without its part (one
/// feature, see docs/performance.md), the request to the loader for the build that has it.
mod pages {
    use leptos::prelude::*;

    use crate::domain::route::Screen;

    include!(concat!(env!("OUT_DIR"), "/pages.rs"));
}
