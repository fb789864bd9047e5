use contract::{Attachment, AttachmentKind};
use leptos::prelude::*;

use super::picture_attachment::PictureAttachment;
use crate::api::use_api;
use crate::domain::safe_url::web_link;
use crate::i18n::*;

/// One attachment of a message, inbound or outbound alike. Its bytes come from the API
/// origin by id; its name, title and address are the customer's text, shown as text.
#[component]
pub fn MessageAttachment(
    attachment: Attachment,
    /// Who sent it, for the alternative texts ("Photo from Ken Watanabe").
    from: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let src = use_api().attachment_url(&attachment.id);
    let Attachment { kind, name, size, width, height, like, title, coordinates, url, .. } = attachment;
    match kind {
        AttachmentKind::Image => {
            let alt = t!(i18n, conversations.photo_from, name = from)();
            view! { <PictureAttachment src alt width height /> }.into_any()
        }
        AttachmentKind::Sticker => {
            let alt = if like { t_string!(i18n, conversations.like) } else { t_string!(i18n, conversations.sticker) };
            view! { <img class="msg-attachment__sticker" src=src alt=alt width="64" height="64" /> }.into_any()
        }
        AttachmentKind::Video => {
            let label = t!(i18n, conversations.video_from, name = from)();
            view! { <video class="msg-attachment__video" src=src controls preload="metadata" aria-label=label></video> }
                .into_any()
        }
        AttachmentKind::Audio => {
            let label = t!(i18n, conversations.voice_from, name = from)();
            view! { <audio class="msg-attachment__audio" src=src controls preload="metadata" aria-label=label></audio> }
                .into_any()
        }
        AttachmentKind::File => {
            let name = name.unwrap_or_else(|| "attachment".into());
            let size = size.map(|size| crate::format::size(size, i18n.get_locale_untracked())).unwrap_or_default();
            let label = move || {
                let (name, size) = (name.clone(), size.clone());
                if size.is_empty() {
                    name
                } else {
                    t!(i18n, conversations.file_label, name, size)()
                }
            };
            view! {
                <a class="msg-attachment__file" href=src download="">
                    {label}
                </a>
            }
            .into_any()
        }
        AttachmentKind::Location => {
            let title = title.unwrap_or_default();
            // Through `Intl`, not Rust's float printing.
            let degrees =
                |v: f64| -> String { js_sys::Number::from(v).to_fixed(5).map(String::from).unwrap_or_default() };
            let at = coordinates.map(|c| format!("{}, {}", degrees(c.lat), degrees(c.long)));
            view! {
                <p class="msg-attachment__place">
                    {t!(i18n, conversations.location, title)}
                    {at.map(|at| view! { <span class="msg-attachment__coordinates">{at}</span> })}
                </p>
            }
            .into_any()
        }
        AttachmentKind::Fallback => {
            let url = url.unwrap_or_default();
            let title = title.unwrap_or_else(|| url.clone());
            let address = match web_link(&url) {
                Some(href) => view! {
                    <a href=href.to_owned() target="_blank" rel="noopener noreferrer nofollow">
                        {url.clone()}
                    </a>
                }
                .into_any(),
                None => view! { <span>{url.clone()}</span> }.into_any(),
            };
            view! {
                <p class="msg-attachment__link">
                    <span class="msg-attachment__link-title">{title}</span>
                    {address}
                </p>
            }
            .into_any()
        }
        AttachmentKind::Unknown => {
            view! { <p class="msg-attachment__unknown">{t!(i18n, conversations.unknown_attachment)}</p> }.into_any()
        }
    }
}
