use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;
use leptos_use::{SameSite, UseCookieOptions};

use crate::api::provide_api;
use crate::components::app_header::AppHeader;
use crate::components::conversations::choose_conversation::ChooseConversation;
use crate::components::conversations::conversations_page::ConversationsPage;
use crate::components::conversations::open_conversation::OpenConversation;
use crate::components::crash_screen::CrashScreen;
use crate::components::not_found_page::NotFoundPage;
use crate::components::session::provide_me;
use crate::components::settings::messaging_settings_page::MessagingSettingsPage;
use crate::components::status_region::{provide_status, StatusRegion};
use crate::components::wizard::connect_wizard_page::ConnectWizardPage;
use crate::components::wizard::oauth_complete_page::OAuthCompletePage;
use crate::config::{provide_config, AppConfig};
use crate::i18n::*;

/// Name of the cookie that remembers the chosen language; prefixed so it cannot clash with the host's.
pub const LOCALE_COOKIE: &str = "msg_ui_locale";
const ONE_YEAR_MS: i64 = 365 * 24 * 60 * 60 * 1000;

/// The whole app: configuration, language, routes, and the error boundary.
#[component]
pub fn App(
    /// What the host page decided: API base, forced locale, CSRF token.
    config: AppConfig,
) -> impl IntoView {
    let forced_locale = config.locale;
    provide_api(&config);
    provide_config(config);
    provide_me();
    provide_status();
    let cookie_options = UseCookieOptions::default().path("/").max_age(ONE_YEAR_MS).same_site(SameSite::Lax);

    view! {
        // The host page owns <html lang>; we set `lang` on our own root instead.
        <I18nContextProvider
            set_lang_attr_on_html=false
            set_dir_attr_on_html=false
            cookie_name=LOCALE_COOKIE
            cookie_options
        >
            <AppRoot forced_locale/>
        </I18nContextProvider>
    }
}

#[component]
fn AppRoot(forced_locale: Option<Locale>) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(locale) = forced_locale {
        i18n.set_locale(locale);
    }

    view! {
        <div class="msg-app" lang=move || i18n.get_locale().as_str()>
            <Router>
                <AppHeader/>
                <main class="msg-app__main" id="msg-main">
                    <ErrorBoundary fallback=|errors| {
                        let details = move || {
                            errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("\n")
                        };
                        view! { <CrashScreen details=Signal::derive(details)/> }
                    }>
                        <Routes fallback=NotFoundPage>
                            <Route path=path!("/") view=|| view! { <Redirect path="/settings/messaging"/> }/>
                            <Route path=path!("/settings/messaging") view=MessagingSettingsPage/>
                            <Route path=path!("/settings/messaging/facebook/connect") view=ConnectWizardPage/>
                            <Route path=path!("/settings/messaging/facebook/complete") view=OAuthCompletePage/>
                            <ParentRoute path=path!("/messaging") view=ConversationsPage>
                                <Route path=path!("") view=ChooseConversation/>
                                <Route path=path!(":conversation_id") view=OpenConversation/>
                            </ParentRoute>
                        </Routes>
                    </ErrorBoundary>
                </main>
            </Router>
            <StatusRegion/>
        </div>
    }
}
