use contract::Person;
use leptos::prelude::*;

use crate::components::shared::copy_button::CopyButton;
use crate::domain::safe_url::mailto;
use crate::i18n::*;

/// Seed mode 1's fix: ready messages asking the admin to make it Shared or to uninstall,
/// to copy or to send by email, and where they find the setting.
#[component]
pub fn AskAdminActions(
    /// The admin who installed it privately.
    admin: Person,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = admin.name.clone();
    let ask_shared = RwSignal::new(true);
    let message = Signal::derive({
        let name = name.clone();
        move || {
            let name = name.clone();
            let template = if ask_shared.get() {
                t_string!(i18n, ask.message_shared).to_string()
            } else {
                t_string!(i18n, ask.message_uninstall).to_string()
            };
            with_name(&template, &name)
        }
    });
    let mailto = {
        let email = admin.email.clone();
        move || email.as_ref().map(|email| mailto(email, t_string!(i18n, ask.mail_subject), &message.get()))
    };
    let label = {
        let name = name.clone();
        move || with_name(t_string!(i18n, ask.message_label), &name)
    };
    let email_name = name.clone();
    view! {
        <div class="msg-ask">
            <p>{t!(i18n, ask.path)}</p>
            <fieldset class="msg-ask__choice">
                <legend class="msg-visually-hidden">{t!(i18n, ask.choice_legend)}</legend>
                <label class="msg-choice">
                    <input
                        type="radio"
                        name="msg-ask"
                        prop:checked=move || ask_shared.get()
                        on:change=move |_| ask_shared.set(true)
                    />
                    {t!(i18n, ask.ask_shared)}
                </label>
                <label class="msg-choice">
                    <input
                        type="radio"
                        name="msg-ask"
                        prop:checked=move || !ask_shared.get()
                        on:change=move |_| ask_shared.set(false)
                    />
                    {t!(i18n, ask.ask_uninstall)}
                </label>
            </fieldset>
            <label class="msg-field">
                <span class="msg-field__label">{label}</span>
                <textarea class="msg-field__input" readonly rows="4" prop:value=move || message.get()></textarea>
            </label>
            <div class="msg-actions">
                <CopyButton text=message>{t!(i18n, ask.copy)}</CopyButton>
                {move || {
                    mailto()
                        .map(|href| {
                            let email_name = email_name.clone();
                            view! {
                                <a class="msg-button" href=href>
                                    {t!(i18n, ask.email, name = email_name)}
                                </a>
                            }
                        })
                }}
            </div>
        </div>
    }
}

/// The ready messages name the admin: `{{ name }}`, in both languages.
fn with_name(template: &str, name: &str) -> String {
    crate::i18n::interpolate(template, &[("name", &name)])
}
