use contract::EpochMs;
use leptos::prelude::*;

use crate::format;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// "Today", "Yesterday", "28 November": the day the messages after it were sent. Follows the
/// clock, so yesterday's "Today" does not stay on screen past midnight.
#[component]
pub fn DaySeparator(at: EpochMs) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let name = move || {
        let now = inbox.browser_now.get();
        let locale = i18n.get_locale();
        let day = format::day(at);
        if day == format::day(now) {
            t_string!(i18n, conversations.today).to_owned()
        } else if day == format::day(now - 24 * 60 * 60 * 1000) {
            t_string!(i18n, conversations.yesterday).to_owned()
        } else {
            format::day_name(at, now, locale)
        }
    };
    view! {
        <li class="msg-day">
            <span>{name}</span>
        </li>
    }
}
