use contract::Visibility;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::shared::failure_alert::failure_alert;
use crate::components::shared::visibility_choice::VisibilityChoice;
use crate::components::status_region::use_status;
use crate::domain::install_failure::InstallFailure;
use crate::i18n::*;

/// Private or Shared, saved as soon as it is chosen. Read-only for those who cannot manage it.
#[component]
pub fn VisibilityControl(
    initial: Visibility,
    /// Admins and the installer may change it.
    can_manage: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let status = use_status();
    // What the server has, and what is being saved: a failed save falls back to the server's.
    let current = RwSignal::new(initial);
    let chosen = RwSignal::new(None::<Visibility>);
    let save = Action::new_local(move |visibility: &Visibility| {
        let visibility = *visibility;
        async move { api.set_visibility(visibility).await }
    });
    let error = RwSignal::new(None::<InstallFailure>);
    Effect::new(move || match save.value().get() {
        Some(Ok(installation)) => {
            current.set(installation.visibility);
            chosen.set(None);
            error.set(None);
            status.announce(td_string!(i18n.get_locale_untracked(), settings.visibility_saved));
        }
        Some(Err(e)) => {
            chosen.set(None);
            error.set(Some(e.into()));
        }
        None => {}
    });
    let choose = Callback::new(move |value: Visibility| {
        chosen.set(Some(value));
        save.dispatch(value);
    });
    let option = move |value: Visibility| {
        view! {
            <VisibilityChoice
                group="msg-visibility"
                value
                checked=Signal::derive(move || chosen.get().unwrap_or(current.get()) == value)
                // Only the other radio waits while saving: the focused one keeps its focus.
                disabled=Signal::derive(move || !can_manage || (save.pending().get() && chosen.get() != Some(value)))
                on_choose=choose
            />
        }
    };
    view! {
        <fieldset class="msg-fieldset">
            <legend>{t!(i18n, settings.visibility_legend)}</legend>
            {option(Visibility::Shared)}
            {option(Visibility::Private)}
            <Show when=move || current.get() == Visibility::Unknown>
                <p class="msg-hint">{t!(i18n, settings.visibility_unknown)}</p>
            </Show>
            {(!can_manage).then(|| view! { <p class="msg-hint">{t!(i18n, settings.visibility_readonly)}</p> })}
            <Show when=move || save.pending().get()>
                <p class="msg-hint" aria-busy="true">
                    {t!(i18n, settings.visibility_saving)}
                </p>
            </Show>
            {failure_alert(error)}
        </fieldset>
    }
}
