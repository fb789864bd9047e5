use contract::{EpochMs, Person};
use leptos::prelude::*;

use crate::components::shared::ask_admin_actions::AskAdminActions;
use crate::components::shared::notice::{Intent, Notice};
use crate::format;
use crate::i18n::*;

/// Seed mode 1, said up front: another admin installed it privately. Names them and offers what to ask.
#[component]
pub fn PrivateInstallNotice(
    /// The admin who installed it.
    admin: Person,
    installed_at: EpochMs,
) -> impl IntoView {
    let i18n = use_i18n();
    let (n1, n2, n3) = (admin.name.clone(), admin.name.clone(), admin.name.clone());
    view! {
        <Notice intent=Intent::Warning heading=true title=t!(i18n, settings.private_title, name = n1.clone())>
            <p>
                {t!(
                    i18n, settings.installed_by, name = n2.clone(), date = format::date(installed_at, i18n.get_locale())
                )}
            </p>
            <p>{t!(i18n, settings.private_body, name = n3)}</p>
            <AskAdminActions admin />
        </Notice>
    }
}
