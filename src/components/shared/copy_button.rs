use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::components::status_region::use_status;
use crate::i18n::*;

/// Copies `text` to the clipboard and says so in the live region.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// The button's visible label.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = use_status();
    let copy = move |_| {
        let text = text.get_untracked();
        leptos::task::spawn_local(async move {
            let copied = JsFuture::from(window().navigator().clipboard().write_text(&text)).await.is_ok();
            let locale = i18n.get_locale_untracked();
            status.announce(if copied { td_string!(locale, ask.copied) } else { td_string!(locale, ask.copy_failed) });
        });
    };
    view! {
        <button type="button" class="msg-button" on:click=copy>
            {children()}
        </button>
    }
}
