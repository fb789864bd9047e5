use contract::Person;
use leptos::prelude::*;

use super::failure_layout::FailureLayout;
use crate::components::shared::ask_admin_actions::AskAdminActions;
use crate::i18n::*;

/// Seed mode 1: another admin installed the integration privately. Names them and offers the messages to send.
#[component]
pub fn PrivateInstallScreen(
    /// Who installed it, when the server named them.
    admin: Option<Person>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = match &admin {
        Some(a) => {
            let name = a.name.clone();
            t!(i18n, failure.private_title, name).into_any()
        }
        None => t!(i18n, failure.private_title_unnamed).into_any(),
    };
    view! {
        <FailureLayout title>
            <p>{t!(i18n, failure.private_body)}</p>
            {admin.map(|admin| view! { <AskAdminActions admin /> })}
        </FailureLayout>
    }
}
