use contract::{InstallStartRequest, Installation, Me, PageRef};
use leptos::prelude::*;

use super::connected_page_row::ConnectedPageRow;
use super::troubleshooter::Troubleshooter;
use super::uninstall_dialog::UninstallDialog;
use super::visibility_control::VisibilityControl;
use crate::components::shared::connect_button::ConnectButton;
use crate::domain::flow_purpose::wizard_href;
use crate::format;
use crate::i18n::*;

/// Installed: who and when, visibility, each Page's health with its fix, Add a Page, uninstall,
/// troubleshooter.
#[component]
pub fn InstallationPanel(
    me: Me,
    installation: Installation,
    /// The integration changed (uninstalled); reload it.
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = installation.installed_by.name.clone();
    let installed_at = installation.installed_at;
    let can_manage = installation.can_manage;
    let several = installation.pages.len() > 1;
    let pages: Vec<PageRef> =
        installation.pages.iter().map(|p| PageRef { id: p.id.clone(), name: p.name.clone() }).collect();
    let rows = installation
        .pages
        .iter()
        .cloned()
        .map(|page| {
            let on_disconnected = several.then_some(on_changed);
            view! { <ConnectedPageRow page can_manage on_disconnected server_time=installation.server_time /> }
        })
        .collect_view();
    view! {
        <div class="msg-panel">
            <h2 class="msg-panel__title">{t!(i18n, settings.installed_title)}</h2>
            <p>
                {t!(
                    i18n, settings.installed_by, name = name.clone(), date = format::date(installed_at, i18n.get_locale())
                )}
            </p>
            <VisibilityControl initial=installation.visibility can_manage />
        </div>
        <div class="msg-panel">
            <h2 class="msg-panel__title">{t!(i18n, settings.pages_title)}</h2>
            <ul class="msg-page-list">{rows}</ul>
            {can_manage
                .then(|| {
                    view! {
                        <p class="msg-hint">{t!(i18n, settings.add_page_help)}</p>
                        <div class="msg-actions">
                            <ConnectButton href=wizard_href(
                                &InstallStartRequest::AddPage,
                            )>{t!(i18n, settings.add_page)}</ConnectButton>
                        </div>
                    }
                })}
        </div>
        <Troubleshooter can_manage pages />
        {can_manage.then(|| view! { <UninstallDialog company=me.company.name on_uninstalled=on_changed /> })}
    }
}
