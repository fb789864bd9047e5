use leptos::prelude::*;

use crate::domain::attachment::{thumbnail_size, thumbnail_type, THUMBNAIL_MAX_PX};
use crate::i18n::*;

/// A file the agent chose for the next message, not queued yet.
#[derive(Clone)]
pub struct Chosen {
    /// Its `client_attachment_id` from now on.
    pub id: String,
    pub name: String,
    pub size: u64,
    pub mime_type: String,
    pub file: web_sys::File,
}

/// The files chosen for the next message, each with a Remove button, and what was refused and
/// why ("brochure.pdf is 26 MB. Facebook takes files up to 25 MB.").
#[component]
pub fn ChosenFiles(chosen: RwSignal<Vec<Chosen>, LocalStorage>, refusals: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let items =
        move || chosen.get().into_iter().map(|c| (c.id, c.name, c.size, c.mime_type, c.file)).collect::<Vec<_>>();
    view! {
        <Show when=move || refusals.with(|r| !r.is_empty())>
            // The alert role on a wrapper: on the list itself, its items would be outside a list.
            <div role="alert">
                <ul class="msg-inline-error msg-composer__refusals">
                    {move || refusals.get().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
        <Show when=move || chosen.with(|c| !c.is_empty())>
            <ul class="msg-composer__files" aria-label=move || t_string!(i18n, conversations.files_label)>
                <For each=items key=|(id, ..)| id.clone() let:((id, name, size, mime_type, file))>
                    {
                        let remove_name = name.clone();
                        let label = move || {
                            let name = remove_name.clone();
                            t!(i18n, conversations.remove_file, name)()
                        };
                        view! {
                            <li class="msg-composer__file">
                                {mime_type.starts_with("image/").then(|| view! { <Thumbnail file mime_type /> })}
                                <span class="msg-composer__file-name">{name}</span>
                                <span class="msg-hint">{move || crate::format::size(size, i18n.get_locale())}</span>
                                <button
                                    type="button"
                                    class="msg-button msg-button--small"
                                    aria-label=label
                                    on:click=move |_| chosen.update(|c| c.retain(|f| f.id != id))
                                >
                                    {t!(i18n, conversations.remove)}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}

/// A chosen picture, small, beside its name: a copy at most [`THUMBNAIL_MAX_PX`] a side, as a
/// `data:` URL of a few KB, which the strict CSP's `img-src 'self' data:` already allows (a
/// `blob:` URL would need the host to allow more; the whole picture would put megabytes in the
/// page). A picture the browser cannot decode gets no preview. Decorative: the name beside it
/// says what it is.
#[component]
fn Thumbnail(
    /// The picture as chosen.
    file: web_sys::File,
    /// Its type as checked, which decides the preview's encoding.
    mime_type: String,
) -> impl IntoView {
    let src = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Some(url) = thumbnail_url(&file, &mime_type).await {
            src.try_set(Some(url));
        }
    });
    move || src.get().map(|src| view! { <img class="msg-composer__thumb" src=src alt="" width="48" height="48" /> })
}

/// Frees a decoded picture's pixels now, not when the garbage collector gets to it.
struct Closing(web_sys::ImageBitmap);

impl Drop for Closing {
    fn drop(&mut self) {
        self.0.close();
    }
}

async fn thumbnail_url(file: &web_sys::File, mime_type: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window()?;
    let full = Closing(JsFuture::from(window.create_image_bitmap_with_blob(file).ok()?).await.ok()?.unchecked_into());
    let (width, height) = thumbnail_size(full.0.width(), full.0.height(), THUMBNAIL_MAX_PX);
    let options = web_sys::ImageBitmapOptions::new();
    options.set_resize_width(width);
    options.set_resize_height(height);
    options.set_resize_quality(web_sys::ResizeQuality::High);
    let resized = window.create_image_bitmap_with_image_bitmap_and_image_bitmap_options(&full.0, &options).ok()?;
    let small = Closing(JsFuture::from(resized).await.ok()?.unchecked_into());
    drop(full);
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    // Drawn at the thumbnail's size, so a browser that ignores the resize options still scales.
    context.draw_image_with_image_bitmap_and_dw_and_dh(&small.0, 0.0, 0.0, width.into(), height.into()).ok()?;
    canvas.to_data_url_with_type_and_encoder_options(thumbnail_type(mime_type), &0.8.into()).ok()
}
