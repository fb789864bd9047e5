use contract::{ConnectedPage, PageHealth};
use leptos::prelude::*;

use crate::components::settings::connected_page_row::health_label;
use crate::components::shared::notice::{Intent, Notice};
use crate::format;
use crate::i18n::*;

/// After a reconnect: the connected Pages that were not ticked in Facebook's window, each with
/// the state it kept, and the way to renew them too.
#[component]
pub fn NotRenewedNotice(
    pages: Vec<ConnectedPage>,
    /// No Page at all was ticked: this is the whole outcome, not a footnote.
    nothing_renewed: bool,
    on_reconnect: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let names: Vec<String> = pages.iter().map(|p| p.name.clone()).collect();
    let title = move || {
        let pages = format::list(&names, i18n.get_locale());
        if nothing_renewed {
            t_string!(i18n, wizard.nothing_renewed_title).to_owned()
        } else {
            t!(i18n, wizard.not_renewed_title, pages)()
        }
    };
    let needs_renewal = pages.iter().any(|p| p.health != PageHealth::Healthy);
    let rows = pages
        .into_iter()
        .map(|page| {
            let healthy = page.health == PageHealth::Healthy;
            view! {
                <li class="msg-page-row__head">
                    <span class="msg-page-row__name">{page.name}</span>
                    <span class="msg-badge" class:msg-badge--ok=healthy class:msg-badge--problem=!healthy>
                        {health_label(&page.health)}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <Notice intent=Intent::Warning title>
            <p>{t!(i18n, wizard.not_renewed_body)}</p>
            <ul class="msg-not-renewed">{rows}</ul>
            {needs_renewal.then(|| view! { <p>{t!(i18n, wizard.not_renewed_fix)}</p> })}
            <div class="msg-actions">
                <button type="button" class="msg-button msg-button--connect" on:click=move |_| on_reconnect.run(())>
                    {t!(i18n, wizard.reconnect_again)}
                </button>
            </div>
        </Notice>
    }
}
