use leptos::prelude::*;

use crate::domain::attachment::size_label;
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
                                {mime_type.starts_with("image/").then(|| view! { <Thumbnail file /> })}
                                <span class="msg-composer__file-name">{name}</span>
                                <span class="msg-hint">{size_label(size)}</span>
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

/// A chosen picture, small, beside its name: read as a `data:` URL, which the strict CSP's
/// `img-src 'self' data:` already allows (a `blob:` URL would need the host to allow more).
/// Decorative: the name beside it says what it is.
#[component]
fn Thumbnail(file: web_sys::File) -> impl IntoView {
    let src = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Some(url) = data_url(&file).await {
            src.try_set(Some(url));
        }
    });
    move || src.get().map(|src| view! { <img class="msg-composer__thumb" src=src alt="" width="48" height="48" /> })
}

async fn data_url(file: &web_sys::File) -> Option<String> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let reader = web_sys::FileReader::new().ok()?;
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        let on_load = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        reader.set_onloadend(Some(on_load.unchecked_ref()));
    });
    reader.read_as_data_url(file).ok()?;
    wasm_bindgen_futures::JsFuture::from(done).await.ok()?;
    reader.result().ok()?.as_string()
}
