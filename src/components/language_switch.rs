use leptos::prelude::*;

use crate::components::status_region::use_status;
use crate::i18n::*;

/// One toggle button per language, each named in its own language (日本語, English, Deutsch…);
/// the pressed one is the current language. A language's messages load before it is shown.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_status();
    let choice = move |locale: Locale| {
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
                {locale.name()}
            </button>
        }
    };
    view! {
        <div class="msg-lang" role="group" aria-label=move || t_string!(i18n, app.language_label)>
            // The two the app began with first, then the others.
            {[Locale::Ja, Locale::En]
                .into_iter()
                .chain(Locale::ALL.into_iter().filter(|l| !matches!(l, Locale::Ja | Locale::En)))
                .map(choice)
                .collect_view()}
        </div>
    }
}
