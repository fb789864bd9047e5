use leptos::prelude::*;

use crate::api::use_api;
use crate::domain::conversation_list::ListQuery;
use crate::i18n::*;
use crate::inbox::{list, use_inbox};

/// How long typing pauses before the search goes out: short enough that results paint well
/// within 300 ms of the last key, long enough that a word typed fast asks once.
const SETTLE_MS: u64 = 150;

/// "Search conversations": the customers' names and the messages' text, on the server.
#[component]
pub fn ListSearch() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let inbox = use_inbox();
    let typed = RwSignal::new(inbox.asked.get_untracked().q);
    // Cleared elsewhere (No conversation matches: Clear search): the field follows.
    Effect::new(move || {
        let q = inbox.asked.with(|asked| asked.q.clone());
        if typed.get_untracked() != q {
            typed.set(q);
        }
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let search = move |q: String| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let query = ListQuery { q: q.clone(), ..inbox.asked.get_untracked() };
                if query != inbox.asked.get_untracked() {
                    list::show(api, inbox, query);
                }
            },
            std::time::Duration::from_millis(SETTLE_MS),
        );
        pending.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    view! {
        <div class="msg-inbox__search" role="search">
            <input
                type="search"
                class="msg-field__input"
                aria-label=move || t_string!(i18n, conversations.search_label)
                placeholder=move || t_string!(i18n, conversations.search_label)
                prop:value=typed
                on:input=move |ev| {
                    let q = event_target_value(&ev);
                    typed.set(q.clone());
                    search(q);
                }
            />
        </div>
    }
}
