use leptos::prelude::*;

use crate::components::status_region::use_status;
use crate::i18n::*;

/// Two toggle buttons, 日本語 and English; the pressed one is the current language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_status();
    let choice = move |locale: Locale, label: &'static str| {
        view! {
            <button
                type="button"
                class="msg-lang__option"
                lang=locale.as_str()
                aria-pressed=move || (i18n.get_locale() == locale).to_string()
                on:click=move |_| {
                    if i18n.get_locale_untracked() != locale {
                        leptos::task::spawn_local(async move {
                            if i18n.switch_to(locale).await {
                                status.announce(td_string!(locale, language.switched));
                            }
                        });
                    }
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="msg-lang" role="group" aria-label=move || t_string!(i18n, app.language_label)>
            // Each language's own name, the same in every language's table.
            {choice(Locale::Ja, td_string!(i18n.get_locale_untracked(), language.ja))}
            {choice(Locale::En, td_string!(i18n.get_locale_untracked(), language.en))}
        </div>
    }
}
