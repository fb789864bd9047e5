use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::language_switch::LanguageSwitch;
use crate::i18n::*;

/// The app's title bar: its name, the section links and the language switch.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="msg-header">
            <p class="msg-header__name">{t!(i18n, app.name)}</p>
            <nav class="msg-header__nav" aria-label=move || t_string!(i18n, app.nav_label)>
                <A href="/settings/messaging" attr:class="msg-header__link">{t!(i18n, app.nav_settings)}</A>
                <A href="/messaging" attr:class="msg-header__link">{t!(i18n, app.nav_conversations)}</A>
            </nav>
            <LanguageSwitch/>
        </header>
    }
}
