use contract::{Installation, PageId, PageRef};
use leptos::prelude::*;

use super::not_renewed_notice::NotRenewedNotice;
use super::share_pages_help::SharePagesHelp;
use crate::components::shared::app_link::AppLink;
use crate::components::shared::notice::{Intent, Notice};
use crate::format;
use crate::i18n::*;

/// The last step: which Pages are connected (or renewed), which a reconnect left as they
/// were, and the ways on.
#[component]
pub fn DoneStep(
    installation: Installation,
    /// Connected Pages that were not ticked in Facebook's window.
    not_renewed: Vec<PageRef>,
    on_reconnect: Callback<()>,
    /// A reconnect that left Pages alone may share more of them in Facebook's window.
    on_share_more: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let left_alone = |id: &PageId| not_renewed.iter().any(|n| &n.id == id);
    let renewed: Vec<String> =
        installation.pages.iter().filter(|p| !left_alone(&p.id)).map(|p| p.name.clone()).collect();
    let nothing_renewed = renewed.is_empty();
    let success = (!nothing_renewed).then(|| {
        let body = if renewed.len() == 1 {
            let page = renewed[0].clone();
            t!(i18n, wizard.done_body, page).into_any()
        } else {
            let pages = format::list(&renewed, i18n.get_locale());
            t!(i18n, wizard.done_body_many, pages).into_any()
        };
        view! {
            <Notice intent=Intent::Success title=t!(i18n, wizard.done_title)>
                <p>{body}</p>
            </Notice>
        }
    });
    let left: Vec<_> = installation.pages.iter().filter(|p| left_alone(&p.id)).cloned().collect();
    view! {
        {success}
        {(!left.is_empty())
            .then(|| {
                view! {
                    <NotRenewedNotice pages=left nothing_renewed on_reconnect />
                    <SharePagesHelp on_share_more busy=false />
                }
            })}
        <div class="msg-actions">
            <AppLink to="/messaging" class="msg-button msg-button--primary">
                {t!(i18n, wizard.to_conversations)}
            </AppLink>
            <AppLink to="/settings/messaging" class="msg-button">
                {t!(i18n, wizard.to_settings)}
            </AppLink>
        </div>
    }
}
