use contract::EpochMs;
use leptos::prelude::*;

use crate::format;
use crate::i18n::*;

/// When a message was sent: "14:05" on the bubble, and its full date and time on hover and
/// for assistive technology, in the app's language and the browser's time zone.
#[component]
pub fn MessageTime(at: EpochMs) -> impl IntoView {
    let i18n = use_i18n();
    let iso = String::from(js_sys::Date::new(&(at as f64).into()).to_iso_string());
    let short = move || format::time(at, i18n.get_locale());
    let full = move || format::date_time(at, i18n.get_locale());
    view! {
        <p class="msg-bubble__time">
            <time datetime=iso title=full>
                <span aria-hidden="true">{short}</span>
                <span class="msg-visually-hidden">{full}</span>
            </time>
        </p>
    }
}
