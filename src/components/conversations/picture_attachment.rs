use leptos::prelude::*;

use crate::i18n::*;

/// A photo in the thread: its space is kept before it loads, so the thread never jumps. A
/// button, so a click or Enter opens it larger in a modal dialog; Escape closes it, and focus
/// goes back to the picture.
#[component]
pub fn PictureAttachment(
    /// On the API origin (`Api::attachment_url`).
    src: String,
    /// "Photo from Ken Watanabe": never empty.
    alt: String,
    width: Option<u32>,
    height: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = NodeRef::<leptos::html::Button>::new();
    let open = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    // Whatever closed it (Escape, the button), the user is back where they were.
    let closed = move |_| {
        if let Some(b) = opener.get() {
            let _ = b.focus();
        }
    };
    let name = alt.clone();
    let label = alt.clone();
    let enlarge = move || {
        let name = name.clone();
        t!(i18n, conversations.picture_enlarge, name)()
    };
    view! {
        <button
            type="button"
            class="msg-attachment__picture"
            aria-haspopup="dialog"
            title=enlarge
            node_ref=opener
            on:click=open
        >
            <img src=src.clone() alt=alt.clone() width=width.unwrap_or(240) height=height.unwrap_or(160) />
        </button>
        <dialog class="msg-dialog msg-picture-viewer" node_ref=dialog aria-label=label on:close=closed>
            <img src=src alt=alt />
            <div class="msg-actions">
                <button type="button" class="msg-button" on:click=close>
                    {t!(i18n, conversations.picture_viewer_close)}
                </button>
            </div>
        </dialog>
    }
}
