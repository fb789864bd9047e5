use leptos::prelude::*;

use crate::components::language_switch::LanguageSwitch;
use crate::components::shared::app_link::AppLink;
use crate::i18n::*;

/// The app's title bar: its name, the section links and the language switch.
#[component]
pub fn AppHeader(
    /// Whether to link the two sections; an element pinned to one `view` has nowhere else to go.
    nav: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let links = nav.then(|| {
        view! {
            <nav class="msg-header__nav" aria-label=move || t_string!(i18n, app.nav_label)>
                <AppLink to="/settings/messaging" class="msg-header__link">
                    {t!(i18n, app.nav_settings)}
                </AppLink>
                <AppLink to="/messaging" class="msg-header__link">
                    {t!(i18n, app.nav_conversations)}
                </AppLink>
            </nav>
        }
    });
    view! {
        <header class="msg-header">
            <p class="msg-header__name">{t!(i18n, app.name)}</p>
            {links}
            <LanguageSwitch />
        </header>
    }
}
