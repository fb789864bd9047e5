use contract::Permission;
use leptos::prelude::*;

use super::failure_layout::FailureLayout;
use crate::i18n::*;

/// Seed mode 3: lists exactly the missing permissions and why each is needed; Connect asks for only those.
#[component]
pub fn MissingPermissionsScreen(
    missing: Vec<Permission>,
    /// Starts a re-request of exactly these.
    on_rerequest: Callback<Vec<Permission>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = missing
        .iter()
        .map(|p| {
            let reason = match p {
                Permission::PagesMessaging => t!(i18n, failure.perm_pages_messaging).into_any(),
                Permission::PagesManageMetadata => t!(i18n, failure.perm_pages_manage_metadata).into_any(),
                Permission::PagesShowList => t!(i18n, failure.perm_pages_show_list).into_any(),
                Permission::PagesReadEngagement => t!(i18n, failure.perm_pages_read_engagement).into_any(),
                Permission::BusinessManagement => t!(i18n, failure.perm_business_management).into_any(),
                Permission::Other(_) => t!(i18n, failure.perm_other).into_any(),
            };
            view! {
                <li>
                    <code>{p.scope().to_owned()}</code>
                    ": "
                    {reason}
                </li>
            }
        })
        .collect_view();
    view! {
        <FailureLayout title=t!(i18n, failure.missing_title).into_any()>
            <p>{t!(i18n, failure.missing_body)}</p>
            <ul class="msg-permissions">{items}</ul>
            <div class="msg-actions">
                <button
                    type="button"
                    class="msg-button msg-button--connect"
                    on:click=move |_| on_rerequest.run(missing.clone())
                >
                    {t!(i18n, settings.connect)}
                </button>
            </div>
        </FailureLayout>
    }
}
