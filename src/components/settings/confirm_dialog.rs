use leptos::prelude::*;

use crate::api::HttpError;
use crate::components::shared::failure_alert::failure_alert;
use crate::components::status_region::use_status;
use crate::domain::install_failure::InstallFailure;
use crate::i18n::*;

/// A destructive action behind a modal confirmation that says what will stop working. The
/// trigger opens it, Cancel is focused first, and `action` runs on confirm; once the server
/// has confirmed, the dialog closes, `done` is announced and `on_done` runs.
#[component]
pub fn ConfirmDialog(
    /// Unique on the page: the ids of the title and the body.
    id: String,
    /// The trigger's accessible name, when its text alone is ambiguous (one per Page).
    #[prop(optional, into)]
    trigger_name: Option<TextProp>,
    #[prop(into)] trigger: TextProp,
    #[prop(into)] title: TextProp,
    #[prop(into)] body: TextProp,
    #[prop(into)] confirm: TextProp,
    #[prop(into)] done: TextProp,
    action: Action<(), Result<(), HttpError>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = use_status();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let error = RwSignal::new(None::<InstallFailure>);
    let announced = done.clone();
    Effect::new(move || match action.value().get() {
        Some(Ok(())) => {
            if let Some(d) = dialog.get() {
                d.close();
            }
            status.announce(announced.get().to_string());
            on_done.run(());
        }
        Some(Err(e)) => error.set(Some(e.into())),
        None => {}
    });
    let open = move |_| {
        error.set(None);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let (title_id, body_id) = (format!("{id}-title"), format!("{id}-body"));
    let (labelled_by, described_by) = (title_id.clone(), body_id.clone());
    let trigger_name = trigger_name.map(|name| move || name.get());
    view! {
        <button type="button" class="msg-button msg-button--danger" aria-label=trigger_name on:click=open>
            {move || trigger.get()}
        </button>
        <dialog class="msg-dialog" node_ref=dialog aria-labelledby=labelled_by aria-describedby=described_by>
            <h2 id=title_id class="msg-dialog__title">
                {move || title.get()}
            </h2>
            <p id=body_id>{move || body.get()}</p>
            {failure_alert(error)}
            <div class="msg-actions">
                <button type="button" class="msg-button" on:click=close autofocus>
                    {t!(i18n, settings.cancel)}
                </button>
                <button
                    type="button"
                    class="msg-button msg-button--danger-solid"
                    disabled=move || action.pending().get()
                    on:click=move |_| {
                        action.dispatch(());
                    }
                >
                    {move || confirm.get()}
                </button>
            </div>
        </dialog>
    }
}
