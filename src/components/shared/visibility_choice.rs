use contract::Visibility;
use leptos::prelude::*;

use crate::i18n::*;

/// One radio of the Private / Shared choice, with what it means.
#[component]
pub fn VisibilityChoice(
    /// The radio group's name.
    group: &'static str,
    value: Visibility,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into, default = Signal::stored(false))] disabled: Signal<bool>,
    on_choose: Callback<Visibility>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (label, help) = match value {
        Visibility::Private => {
            (t!(i18n, settings.visibility_private).into_any(), t!(i18n, settings.visibility_private_help).into_any())
        }
        _ => (t!(i18n, settings.visibility_shared).into_any(), t!(i18n, settings.visibility_shared_help).into_any()),
    };
    view! {
        <label class="msg-choice">
            <input
                type="radio"
                name=group
                disabled=move || disabled.get()
                prop:checked=move || checked.get()
                on:change=move |_| on_choose.run(value)
            />
            <span>
                <strong>{label}</strong>
                " — "
                {help}
            </span>
        </label>
    }
}
