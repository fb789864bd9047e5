use contract::ConversationId;
use leptos::prelude::*;

use super::chosen_files::{Chosen, ChosenFiles};
use crate::api::use_api;
use crate::domain::attachment::{check_file, FileRefusal};
use crate::domain::outbox::OutboxFile;
use crate::domain::page_health::page_can_send;
use crate::domain::reply_window::WindowState;
use crate::domain::storage_scope::StorageScope;
use crate::i18n::*;
use crate::inbox::{file_store, load_draft, save_draft, use_inbox};

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
    let owner = StoredValue::new(None::<StorageScope>);
    // `try_`: also called when the files are stored, which may end after the composer is gone.
    let keep = move |text: &str| {
        let Some(conversation) = id.try_get_value() else { return };
        owner.try_with_value(|o| o.as_ref().map(|o| save_draft(o, &conversation, text)));
    };
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
    // Another app owns the thread (Conversation Routing): the composer waits for Take over.
    let owner_app = Memo::new(move |_| inbox.summary(&id.get_value()).and_then(|c| c.owner_app).map(|a| a.name));
    let cannot_receive =
        Memo::new(move |_| inbox.summary(&id.get_value()).is_some_and(|c| c.cannot_receive_since.is_some()));
    let can_send = Memo::new(move |_| {
        WindowState::at(reply_by.get(), inbox.server_now()).can_reply()
            && page_can_send(inbox.integration.get(), inbox.page_of(&id.get_value()).as_ref())
            && owner_app.with(Option::is_none)
    });
    let left = move || contract::MAX_TEXT_CHARS.saturating_sub(draft.with(|d| d.chars().count()));
    // Photos and files for the next message: checked against Facebook's limits as they come
    // (the Attach button, a drop, a paste), before a byte is uploaded.
    // Browser objects (`web_sys::File`), so a signal of this thread only.
    let chosen = RwSignal::new_local(Vec::<Chosen>::new());
    let refusals = RwSignal::new(Vec::<String>::new());
    let storing = RwSignal::new(false);
    let picker = NodeRef::<leptos::html::Input>::new();
    let add = move |list: web_sys::FileList| {
        let mut refused = Vec::new();
        chosen.update(|c| {
            for file in (0..list.length()).filter_map(|i| list.get(i)) {
                let (name, size) = (file.name(), file.size() as u64);
                if c.len() >= contract::MAX_ATTACHMENTS {
                    let limit = t_string!(i18n, conversations.too_many_files);
                    refused.push(counted(i18n.get_locale_untracked(), limit, contract::MAX_ATTACHMENTS, &[]));
                    break;
                }
                match check_file(&name, size, &file.type_()) {
                    Ok(mime) => c.push(Chosen { id: crate::inbox::new_id(), name, size, mime_type: mime.into(), file }),
                    Err(refusal) => refused.push(refusal_text(refusal, name, size)),
                }
            }
        });
        refusals.set(refused);
    };
    let has_text = move || draft.with(|d| !d.trim().is_empty());
    let send = move || {
        let text = draft.get_untracked().trim().to_owned();
        let files = chosen.get_untracked();
        if (text.is_empty() && files.is_empty()) || !can_send.get_untracked() || storing.get_untracked() {
            return;
        }
        if files.is_empty() {
            inbox.enqueue(&id.get_value(), text, Vec::new());
            draft.set(String::new());
            keep("");
            return;
        }
        // The bytes are kept first: a message is queued only with files this browser holds.
        // The composer is emptied at once, so what the agent chooses or types meanwhile is
        // the next message's and stays; the saved draft goes only once this one is queued.
        let Some(owner) = api.owner_now() else { return };
        let conversation = id.get_value();
        chosen.set(Vec::new());
        draft.set(String::new());
        storing.set(true);
        leptos::task::spawn_local(async move {
            for (i, c) in files.iter().enumerate() {
                if file_store::put(&owner, &c.id, &c.file).await.is_err() {
                    for kept in &files[..i] {
                        file_store::delete(&owner, &kept.id).await;
                    }
                    let name = c.name.clone();
                    refusals.try_set(vec![t!(i18n, conversations.store_refused, name)()]);
                    // Nothing is lost: the files and the text go back in front of anything newer.
                    chosen.try_update(|now| {
                        now.splice(0..0, files);
                    });
                    draft.try_update(|now| *now = if now.is_empty() { text } else { format!("{text}\n{now}") });
                    keep(&draft.try_get_untracked().unwrap_or_default());
                    storing.try_set(false);
                    return;
                }
            }
            let files = files
                .into_iter()
                .map(|c| OutboxFile {
                    client_attachment_id: c.id,
                    name: c.name,
                    size: c.size,
                    mime_type: c.mime_type,
                    uploaded: None,
                })
                .collect();
            inbox.enqueue(&conversation, text, files);
            refusals.try_set(Vec::new());
            // What was typed meanwhile is already saved by `on:input`; otherwise this clears it.
            keep(&draft.try_get_untracked().unwrap_or_default());
            storing.try_set(false);
        });
    };
    let label = move || {
        interpolate(
            td_string!(i18n.get_locale(), conversations.composer_label),
            &[("name", &name.get().unwrap_or_default())],
        )
    };
    view! {
        <form
            class="msg-composer"
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                    add(files);
                }
            }
        >
            <label class="msg-field">
                <span class="msg-field__label">{label}</span>
                <textarea
                    class="msg-field__input msg-composer__input"
                    rows="3"
                    maxlength=contract::MAX_TEXT_CHARS
                    // Read-only, not disabled: a locked draft can still be focused, read and copied.
                    readonly=move || !can_send.get()
                    aria-disabled=move || (!can_send.get()).then_some("true")
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        keep(&value);
                        draft.set(value);
                    }
                    on:paste=move |ev: leptos::ev::ClipboardEvent| {
                        let files = ev.clipboard_data().and_then(|d| d.files()).filter(|f| f.length() > 0);
                        if let Some(files) = files {
                            ev.prevent_default();
                            add(files);
                        }
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
            {move || {
                owner_app
                    .get()
                    .map(|app| {
                        view! { <p class="msg-hint">{t!(i18n, conversations.composer_owned, app)}</p> }
                    })
            }}
            <ChosenFiles chosen refusals />
            <input
                type="file"
                multiple
                hidden
                node_ref=picker
                on:change=move |ev| {
                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                    if let Some(files) = input.files() {
                        add(files);
                    }
                    input.set_value("");
                }
            />
            <div class="msg-composer__bar">
                <span class="msg-hint">
                    {move || {
                        counted(i18n.get_locale(), td_string!(i18n.get_locale(), conversations.chars_left), left(), &[])
                    }}
                </span>
                <span class="msg-composer__buttons">
                    <button
                        type="button"
                        class="msg-button"
                        disabled=move || !can_send.get()
                        on:click=move |_| {
                            if let Some(input) = picker.get() {
                                input.click();
                            }
                        }
                    >
                        {t!(i18n, conversations.attach)}
                    </button>
                    <button
                        type="submit"
                        class="msg-button msg-button--primary"
                        disabled=move || !can_send.get() || storing.get() || (!has_text() && chosen.with(Vec::is_empty))
                    >
                        {t!(i18n, conversations.send)}
                    </button>
                </span>
            </div>
            // Under the buttons, so it never moves Send. One more try is the agent's choice; nothing retries by itself.
            <Show when=move || can_send.get() && cannot_receive.get()>
                <p class="msg-hint msg-composer__warning">{t!(i18n, conversations.composer_cannot_receive)}</p>
            </Show>
        </form>
    }
}

/// "brochure.pdf is 26 MB. Facebook takes files up to 25 MB."
fn refusal_text(refusal: FileRefusal, name: String, size: u64) -> String {
    let i18n = use_i18n();
    let size = crate::format::size(size, i18n.get_locale());
    match refusal {
        FileRefusal::TooLarge { limit_mb: limit } if limit < contract::MAX_FILE_BYTES / 1_000_000 => {
            t!(i18n, conversations.picture_too_large, name, size, limit)()
        }
        FileRefusal::TooLarge { limit_mb: limit } => t!(i18n, conversations.file_too_large, name, size, limit)(),
        FileRefusal::NotTaken => t!(i18n, conversations.file_type_refused, name)(),
    }
}
