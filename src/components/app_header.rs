use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::language_switch::LanguageSwitch;
use crate::config::use_href;
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
                <A href=use_href("/settings/messaging") attr:class="msg-header__link">
                    {t!(i18n, app.nav_settings)}
                </A>
                <A href=use_href("/messaging") attr:class="msg-header__link">
                    {t!(i18n, app.nav_conversations)}
                </A>
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
