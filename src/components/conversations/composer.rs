use contract::ConversationId;
use leptos::prelude::*;

use super::page_status_banner::page_can_send;
use crate::api::use_api;
use crate::domain::owner::Owner;
use crate::domain::reply_window::WindowState;
use crate::i18n::*;
use crate::inbox::{load_draft, save_draft, use_inbox};

const MAX_CHARS: usize = 2_000;

/// The reply box. Its draft lives here and in this device's storage, under the signed-in
/// user's name, so typing never re-renders the thread, a reload keeps it, and the next person
/// at a shared computer never sees it.
#[component]
pub fn Composer(conversation_id: ConversationId) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let api = use_api();
    let id = StoredValue::new(conversation_id);
    let draft = RwSignal::new(String::new());
    let owner = StoredValue::new(None::<Owner>);
    let keep = move |text: &str| owner.with_value(|o| o.as_ref().map(|o| save_draft(o, &id.get_value(), text)));
    // Once the user is known, and whenever another signs in: their own draft. Typed before
    // anyone was known, the text stays and becomes theirs.
    Effect::new(move || {
        let Some(signed_in) = api.owner() else { return };
        let first = owner.with_value(Option::is_none);
        owner.set_value(Some(signed_in));
        if first && draft.with_untracked(|d| !d.is_empty()) {
            keep(&draft.get_untracked());
        } else {
            draft.set(owner.with_value(|o| o.as_ref().map(|o| load_draft(o, &id.get_value()))).unwrap_or_default());
        }
    });
    let reply_by = Memo::new(move |_| inbox.summary(&id.get_value()).and_then(|c| c.reply_window.reply_by));
    let name = Memo::new(move |_| inbox.summary(&id.get_value()).map(|c| c.customer.name));
    let can_send = Memo::new(move |_| {
        WindowState::at(reply_by.get(), inbox.server_now()).can_reply()
            && page_can_send(inbox.integration.get(), inbox.page_of(&id.get_value()).as_ref())
    });
    let left = move || MAX_CHARS.saturating_sub(draft.with(|d| d.chars().count()));
    let send = move || {
        let text = draft.get_untracked().trim().to_owned();
        if text.is_empty() || !can_send.get_untracked() {
            return;
        }
        inbox.enqueue(&id.get_value(), text, Vec::new());
        draft.set(String::new());
        keep("");
    };
    let label = move || {
        td_string!(i18n.get_locale(), conversations.composer_label).replace("%name%", &name.get().unwrap_or_default())
    };
    view! {
        <form
            class="msg-composer"
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
        >
            <label class="msg-field">
                <span class="msg-field__label">{label}</span>
                <textarea
                    class="msg-field__input msg-composer__input"
                    rows="3"
                    maxlength=MAX_CHARS
                    // Read-only, not disabled: a locked draft can still be focused, read and copied.
                    readonly=move || !can_send.get()
                    aria-disabled=move || (!can_send.get()).then_some("true")
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        keep(&value);
                        draft.set(value);
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                            ev.prevent_default();
                            send();
                        }
                    }
                ></textarea>
            </label>
            <Show when=move || !can_send.get() && draft.with(|d| !d.trim().is_empty())>
                <p class="msg-hint">{t!(i18n, conversations.draft_saved)}</p>
            </Show>
            <div class="msg-composer__bar">
                <span class="msg-hint">
                    {move || {
                        td_string!(i18n.get_locale(), conversations.chars_left).replace("%n%", &left().to_string())
                    }}
                </span>
                <button
                    type="submit"
                    class="msg-button msg-button--primary"
                    disabled=move || !can_send.get() || draft.with(|d| d.trim().is_empty())
                >
                    {t!(i18n, conversations.send)}
                </button>
            </div>
        </form>
    }
}
