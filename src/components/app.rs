use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::api::provide_api;
use crate::components::app_header::AppHeader;
use crate::components::crash_screen::CrashScreen;
use crate::components::not_found_page::NotFoundPage;
use crate::components::status_region::{provide_status, StatusRegion};
use crate::config::{provide_config, use_config, AppConfig, AppView};
use crate::host::{provide_host, use_host};
use crate::i18n::*;
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
    // The crash screen, on demand, for tests of the release build (docs/embedding.md).
    let test_panic = window_event_listener_untyped(crate::host::TEST_PANIC, |ev| {
        use wasm_bindgen::JsCast;
        let detail = ev.dyn_ref::<web_sys::CustomEvent>().and_then(|e| e.detail().as_string());
        if detail.as_deref() == Some(crate::host::TEST_PANIC_DETAIL) {
            panic!("{} was dispatched: a panic on request, for tests", crate::host::TEST_PANIC);
        }
    });
    on_cleanup(move || test_panic.remove());
    let live_locale = live.locale;
    view! { <AppRoot live_locale /> }
}

#[component]
fn AppRoot(live_locale: ArcRwSignal<Option<Locale>>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move || {
        if let Some(locale) = live_locale.get() {
            if i18n.get_locale_untracked() != locale {
                i18n.set_locale(locale);
            }
        }
    });
    let config = use_config();
    let app = NodeRef::<leptos::html::Div>::new();
    let page = move || {
        view! {
            <ErrorBoundary fallback=|errors| {
                let details = move || {
                    errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("\n")
                };
                view! { <CrashScreen details=Signal::derive(details) /> }
            }>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path=use_config().view.home() /> } />
                    <Route
                        path=path!("/settings/messaging")
                        view=|| {
                            view! { <Part settings=true>{parts::settings_page()}</Part> }
                        }
                    />
                    <Route
                        path=path!("/settings/messaging/facebook/connect")
                        view=|| {
                            view! { <Part settings=true>{parts::wizard_page()}</Part> }
                        }
                    />
                    // Any element shows it: Facebook's window, or the fallback in this window, comes back here.
                    <Route path=path!("/settings/messaging/facebook/complete") view=parts::oauth_complete_page />
                    <ParentRoute
                        path=path!("/messaging")
                        view=|| {
                            view! { <Part settings=false>{parts::conversations_page()}</Part> }
                        }
                    >
                        <Route path=path!("") view=parts::choose_conversation />
                        <Route path=path!(":conversation_id") view=parts::open_conversation />
                    </ParentRoute>
                </Routes>
            </ErrorBoundary>
        }
    };
    // Built inside <Router>, whose context <Routes> needs. Without the app's own chrome it sits
    // inside a host that has its own `<main>`, so it takes a plain region: landmarks do not nest.
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
        <div class="msg-app" lang=move || i18n.get_locale().as_str() node_ref=app>
            <Router base=config
                .base_path
                .clone()>
                {config.chrome.then(|| view! { <AppHeader nav=config.view == AppView::Full /> })} {main()}
                <RouteWatcher app />
            </Router>
            <StatusRegion />
        </div>
    }
}

/// Renders a part the element shows, and sends any other part's address to the element's home.
#[component]
fn Part(
    /// The settings part (settings and wizard), or else the conversations.
    settings: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let view = use_config().view;
    let shown = if settings { view.shows_settings() } else { view.shows_conversations() };
    if shown {
        children().into_any()
    } else {
        view! { <Redirect path=view.home() /> }.into_any()
    }
}

/// Tells the host where the app is and when its first screen is up, and moves focus to the
/// new page's heading on every route change (not on the first: that would take it from the host).
#[component]
fn RouteWatcher(app: NodeRef<leptos::html::Div>) -> impl IntoView {
    let location = use_location();
    let host = use_host();
    let base = StoredValue::new(use_config().base_path);
    let app_path = move || {
        let path = location.pathname.get();
        let base = base.get_value();
        let relative = path.strip_prefix(base.as_str()).filter(|p| p.is_empty() || p.starts_with('/')).unwrap_or(&path);
        let relative = if relative.is_empty() { "/" } else { relative };
        // The router's `search` has no leading `?`.
        let search = location.search.get();
        let separator = if search.is_empty() || search.starts_with('?') { "" } else { "?" };
        format!("{relative}{separator}{search}")
    };
    Effect::new(move |previous: Option<String>| {
        let path = app_path();
        if previous.as_deref() != Some(path.as_str()) {
            host.navigate(&path);
        }
        let pathname = |p: &str| p.split('?').next().unwrap_or_default().to_owned();
        if previous.as_ref().is_some_and(|p| pathname(p) != pathname(&path)) {
            leptos::task::spawn_local(focus_heading(app, pathname(&path)));
        }
        path
    });
    // `ready` once a heading is up and nothing is loading any more; the poll stops then, or on unmount.
    let poll = StoredValue::new(None::<IntervalHandle>);
    let check = move || {
        let Some(root) = app.get_untracked() else { return };
        let has = |selector: &str| root.query_selector(selector).ok().flatten().is_some();
        if has("h1") && !has(".msg-loading") {
            host.ready(&untrack(app_path));
            poll.update_value(|p| p.take().map_or((), |h| h.clear()));
        }
    };
    poll.set_value(set_interval_with_handle(check, std::time::Duration::from_millis(50)).ok());
    on_cleanup(move || poll.try_update_value(|p| p.take().map_or((), |h| h.clear())).unwrap_or(()));
}

/// Waits for the new page's heading to render (it may sit behind a loading state, and the old
/// page may still be on screen for a moment), then focuses it.
async fn focus_heading(app: NodeRef<leptos::html::Div>, path: String) {
    // An open conversation's heading is the customer's name, not "Conversations".
    let preferred = if path.starts_with("/messaging/") { "#msg-thread-title" } else { ".msg-app__main h1" };
    // `try_`: the app may be unmounted while this waits, and its node disposed with it.
    let root = || app.try_get_untracked().flatten();
    let find = |selector: &str| root().and_then(|root| root.query_selector(selector).ok().flatten());
    let old = find(preferred);
    for attempt in 0..40 {
        if root().is_none() {
            return;
        }
        let selector = if attempt < 30 { preferred } else { ".msg-app__main h1" };
        // The old page's heading, until the new one replaces it; a heading kept across the
        // change (a nested route) is taken after a while.
        let fresh = |h: &web_sys::Element| attempt >= 10 || old.as_ref().is_none_or(|o| !js_sys::Object::is(o, h));
        if let Some(heading) = find(selector).filter(fresh) {
            if !heading.has_attribute("tabindex") {
                let _ = heading.set_attribute("tabindex", "-1");
            }
            if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
            return;
        }
        gloo_timers::future::TimeoutFuture::new(25).await;
    }
}

/// Each part's pages, or, in a build without that part (`--no-default-features`, one feature:
/// see docs/performance.md), the request to the loader for the build that has it. Only what is
/// named here is linked in, so each part's wasm holds its own screens and the shared core.
mod parts {
    use leptos::prelude::*;

    #[cfg(not(all(feature = "settings", feature = "conversations")))]
    use crate::components::other_part::OtherPart;

    #[cfg(feature = "settings")]
    pub fn settings_page() -> AnyView {
        use crate::components::settings::messaging_settings_page::MessagingSettingsPage;
        view! { <MessagingSettingsPage /> }.into_any()
    }

    #[cfg(feature = "settings")]
    pub fn wizard_page() -> AnyView {
        use crate::components::wizard::connect_wizard_page::ConnectWizardPage;
        view! { <ConnectWizardPage /> }.into_any()
    }

    #[cfg(feature = "settings")]
    pub fn oauth_complete_page() -> AnyView {
        use crate::components::wizard::oauth_complete_page::OAuthCompletePage;
        view! { <OAuthCompletePage /> }.into_any()
    }

    #[cfg(not(feature = "settings"))]
    pub fn settings_page() -> AnyView {
        view! { <OtherPart part="settings" /> }.into_any()
    }

    #[cfg(not(feature = "settings"))]
    pub fn wizard_page() -> AnyView {
        settings_page()
    }

    #[cfg(not(feature = "settings"))]
    pub fn oauth_complete_page() -> AnyView {
        settings_page()
    }

    #[cfg(feature = "conversations")]
    pub fn conversations_page() -> AnyView {
        use crate::components::conversations::conversations_page::ConversationsPage;
        view! { <ConversationsPage /> }.into_any()
    }

    #[cfg(feature = "conversations")]
    pub fn choose_conversation() -> AnyView {
        use crate::components::conversations::choose_conversation::ChooseConversation;
        view! { <ChooseConversation /> }.into_any()
    }

    #[cfg(feature = "conversations")]
    pub fn open_conversation() -> AnyView {
        use crate::components::conversations::open_conversation::OpenConversation;
        view! { <OpenConversation /> }.into_any()
    }

    #[cfg(not(feature = "conversations"))]
    pub fn conversations_page() -> AnyView {
        view! { <OtherPart part="conversations" /> }.into_any()
    }

    #[cfg(not(feature = "conversations"))]
    pub fn choose_conversation() -> AnyView {
        ().into_any()
    }

    #[cfg(not(feature = "conversations"))]
    pub fn open_conversation() -> AnyView {
        ().into_any()
    }
}
