use contract::Person;
use leptos::prelude::*;

use super::failure_layout::FailureLayout;
use super::try_again_button::TryAgainButton;
use crate::components::shared::copy_button::CopyButton;
use crate::i18n::*;

/// Seed mode 4, second case: another Page admin installed the Messenger app. Names them and what to ask.
#[component]
pub fn AppInstalledByOtherPageAdminScreen(
    admin: Option<Person>,
    page: Option<String>,
    reference: String,
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = match admin.map(|a| a.name) {
        Some(name) => t!(i18n, failure.other_admin_title, name).into_any(),
        None => t!(i18n, failure.other_admin_title_unnamed).into_any(),
    };
    let page = page.unwrap_or_else(|| "—".into());
    let reference_text = reference.clone();
    view! {
        <FailureLayout title>
            <p>{t!(i18n, failure.other_admin_body, page)}</p>
            <p>{t!(i18n, failure.other_admin_ask)}</p>
            <p class="msg-reference">
                {t!(i18n, failure.reference, reference)}" "
                <CopyButton text=Signal::derive(move || {
                    reference_text.clone()
                })>{t!(i18n, failure.copy_reference)}</CopyButton>
            </p>
            <div class="msg-actions">
                <TryAgainButton on_retry />
            </div>
        </FailureLayout>
    }
}
