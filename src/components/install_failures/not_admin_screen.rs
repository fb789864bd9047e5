use leptos::prelude::*;

use super::failure_layout::FailureLayout;
use crate::i18n::*;
use crate::session::use_me;

/// The user is not an admin: names the admins to ask.
#[component]
pub fn NotAdminScreen() -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    view! {
        <FailureLayout title=t!(i18n, failure.not_admin_title).into_any()>
            <p>{t!(i18n, failure.not_admin_body)}</p>
            <Suspense>
                {move || Suspend::new(async move { me.await.ok().map(|me| view! { <AdminList admins=me.admins /> }) })}
            </Suspense>
        </FailureLayout>
    }
}

/// The company account's admins, with a mail link where the CRM shares their address.
#[component]
pub fn AdminList(admins: Vec<contract::Person>) -> impl IntoView {
    view! {
        <ul class="msg-people">
            {admins
                .into_iter()
                .map(|a| match a.email {
                    Some(email) => {
                        view! {
                            <li>
                                <a href=format!("mailto:{email}")>{a.name}</a>
                            </li>
                        }
                            .into_any()
                    }
                    None => view! { <li>{a.name}</li> }.into_any(),
                })
                .collect_view()}
        </ul>
    }
}
