use contract::{InstallStartRequest, PageHealth, PageId};
use leptos::prelude::*;

use crate::components::shared::app_link::AppLink;
use crate::components::shared::notice::{Intent, Notice};
use crate::domain::flow_purpose::wizard_href;
use crate::domain::page_health::health_of;
use crate::domain::safe_url::followable;
use crate::format;
use crate::i18n::*;
use crate::inbox::use_inbox;

/// Seed mode 6, an expired token, a missing permission: why nobody can send through the Page
/// (`page_id`, or the only one), and where to fix it.
#[component]
pub fn PageStatusBanner(#[prop(optional, into)] page_id: Option<Signal<Option<PageId>>>) -> impl IntoView {
    let i18n = use_i18n();
    let inbox = use_inbox();
    let health = move || {
        let page_id = page_id.and_then(|p| p.get());
        health_of(inbox.integration.get(), page_id.as_ref())
    };
    move || match health() {
        Some(PageHealth::Restricted(r)) => {
            let date = format::date(r.since, i18n.get_locale());
            let body = interpolate(
                td_string!(i18n.get_locale(), conversations.restricted_body),
                &[("date", &date), ("reason", &r.reason)],
            );
            view! {
                <Notice intent=Intent::Danger alert=true title=t!(i18n, conversations.restricted_title)>
                    <p>{body}</p>
                    {followable(&r.appeal_url)
                        .map(|href| {
                            view! {
                                <p>
                                    <a
                                        class="msg-button"
                                        href=href.to_owned()
                                        target="_blank"
                                        rel="noopener noreferrer"
                                    >
                                        {t!(i18n, conversations.appeal)}
                                    </a>
                                </p>
                            }
                        })}
                </Notice>
            }
            .into_any()
        }
        Some(PageHealth::TokenExpired | PageHealth::AppRemoved) => view! {
            <Notice intent=Intent::Warning alert=true title=t!(i18n, conversations.token_title)>
                <p>{t!(i18n, conversations.token_body)}</p>
                <p>
                    <AppLink to="/settings/messaging" class="msg-button">
                        {t!(i18n, conversations.to_settings)}
                    </AppLink>
                </p>
            </Notice>
        }
        .into_any(),
        Some(PageHealth::PermissionsMissing { missing }) => {
            let href = wizard_href(&InstallStartRequest::Rerequest { permissions: missing.clone() });
            view! {
                <Notice intent=Intent::Warning alert=true title=t!(i18n, conversations.permissions_title)>
                    <p>
                        {t!(
                            i18n, conversations.permissions_body, list = format::permissions(&missing, i18n.get_locale())
                        )}
                    </p>
                    <p>
                        <AppLink to=href class="msg-button">
                            {t!(i18n, settings.fix_grant)}
                        </AppLink>
                    </p>
                </Notice>
            }
            .into_any()
        }
        Some(PageHealth::Healthy | PageHealth::Unknown) | None => ().into_any(),
    }
}
