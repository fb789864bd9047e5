use leptos::prelude::*;

use super::failure_layout::FailureLayout;
use crate::components::shared::app_link::AppLink;
use crate::components::shared::copy_button::CopyButton;
use crate::i18n::*;
use crate::retry::{self, RequestKind};

/// Where a Page admin sees which apps are installed on their Pages.
const BUSINESS_INTEGRATIONS_URL: &str = "https://www.facebook.com/settings/?tab=business_tools";

/// Seed mode 4: the seed's checklist to tick, the reference to quote, and Try again after a growing wait.
#[component]
pub fn SomethingWentWrongScreen(
    /// The server's reference for support.
    reference: String,
    on_retry: Callback<()>,
    /// Earlier attempts; each one makes the wait before the next longer.
    attempt: u32,
    /// Something is installed (a reconnect failed), so the troubleshooter has something to check.
    installed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let wait_ms =
        attempt.checked_sub(1).and_then(|earlier| retry::wait_ms(RequestKind::TryAgain, earlier)).unwrap_or(0);
    let seconds_left = RwSignal::new(wait_ms.div_ceil(1000));
    if wait_ms > 0 {
        let handle = set_interval_with_handle(
            move || seconds_left.update(|s| *s = s.saturating_sub(1)),
            std::time::Duration::from_secs(1),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    }
    let checklist = [
        t!(i18n, failure.checklist_installed).into_any(),
        t!(i18n, failure.checklist_retry).into_any(),
        t!(i18n, failure.checklist_support).into_any(),
        t!(i18n, failure.checklist_other_admin).into_any(),
    ];
    let reference_text = reference.clone();
    view! {
        <FailureLayout title=t!(i18n, failure.wrong_title).into_any()>
            <p>{t!(i18n, failure.wrong_body)}</p>
            <fieldset class="msg-checklist">
                <legend>{t!(i18n, failure.checklist_label)}</legend>
                {checklist
                    .into_iter()
                    .map(|item| {
                        view! {
                            <label class="msg-choice">
                                <input type="checkbox" />
                                {item}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <p class="msg-reference">
                {t!(i18n, failure.reference, reference)}" "
                <CopyButton text=Signal::derive(move || {
                    reference_text.clone()
                })>{t!(i18n, failure.copy_reference)}</CopyButton>
            </p>
            <div class="msg-actions">
                <button
                    type="button"
                    class="msg-button msg-button--primary"
                    disabled=move || { seconds_left.get() > 0 }
                    on:click=move |_| on_retry.run(())
                >
                    {t!(i18n, wizard.try_again)}
                </button>
                {if installed {
                    view! {
                        <AppLink to="/settings/messaging#msg-troubleshooter" class="msg-button">
                            {t!(i18n, failure.open_troubleshooter)}
                        </AppLink>
                    }
                        .into_any()
                } else {
                    // Nothing installed yet: the first check of the list is on Facebook's side.
                    view! {
                        <a class="msg-button" href=BUSINESS_INTEGRATIONS_URL target="_blank" rel="noopener noreferrer">
                            {t!(i18n, failure.open_business_integrations)}
                        </a>
                    }
                        .into_any()
                }}
            </div>
        </FailureLayout>
        // Outside the alert, which would otherwise read the whole screen out every second.
        <Show when=move || { seconds_left.get() > 0 }>
            <p class="msg-hint">
                {move || counted(
                    i18n.get_locale(),
                    t_string!(i18n, failure.retrying_in),
                    seconds_left.get() as usize,
                    &[],
                )}
            </p>
        </Show>
    }
}
