use leptos::prelude::*;

use crate::domain::outbox::OutboxFile;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// The files of a message still in the outbox: each named with its size, and while it goes up,
/// a progress bar driven by the upload's own progress events.
#[component]
pub fn PendingFiles(files: Vec<OutboxFile>) -> impl IntoView {
    let i18n = use_inbox();
    let locale = use_i18n();
    files
        .into_iter()
        .map(|file| {
            let id = file.client_attachment_id.clone();
            let progress = move || i18n.uploads.with(|u| u.get(&id).copied());
            let name = file.name.clone();
            let label = move || {
                let name = name.clone();
                t!(locale, conversations.uploading, name)()
            };
            view! {
                <p class="msg-attachment__pending">
                    <span class="msg-attachment__file">{file.name.clone()}</span>
                    " "
                    <span class="msg-hint">{move || crate::format::size(file.size, locale.get_locale())}</span>
                    {move || {
                        progress()
                            .map(|(loaded, total)| {
                                view! {
                                    <progress
                                        class="msg-attachment__progress"
                                        aria-label=label.clone()
                                        // Whole bytes: printing an f64 would pull float formatting into the wasm.
                                        max=(total as u64).max(1)
                                        value=loaded as u64
                                    ></progress>
                                }
                            })
                    }}
                </p>
            }
        })
        .collect_view()
}
