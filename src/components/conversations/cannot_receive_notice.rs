use contract::ConversationId;
use leptos::prelude::*;

use crate::components::shared::notice::{Intent, Notice};
use crate::format;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// Facebook refused a message because the customer cannot receive any (Graph error 551 or
/// 200). It never says why, so neither do we; we say what it may be, and that retrying
/// rarely helps. The server keeps it, so every agent sees it, until the customer writes again.
#[component]
pub fn CannotReceiveNotice(conversation_id: ConversationId) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let since = Memo::new(move |_| {
        inbox.summary(&conversation_id).and_then(|c| c.cannot_receive_since.map(|s| (c.customer.name, s)))
    });
    move || {
        since.get().map(|(name, at)| {
            let when = format::date_time(at, i18n.get_locale());
            let title_name = name.clone();
            view! {
                <Notice intent=Intent::Warning title=t!(i18n, conversations.cannot_receive_title, name = title_name)>
                    <p>{t!(i18n, conversations.cannot_receive_body, name, when)}</p>
                    <p>{t!(i18n, conversations.cannot_receive_why)}</p>
                </Notice>
            }
        })
    }
}
