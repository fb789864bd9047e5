use contract::IntegrationState;
use leptos::prelude::*;

use super::installation_panel::InstallationPanel;
use super::not_installed_panel::NotInstalledPanel;
use super::private_install_notice::PrivateInstallNotice;
use crate::api::{use_api, HttpError};
use crate::components::shared::load_failure_boundary::LoadFailureBoundary;
use crate::components::shared::loading_notice::LoadingNotice;
use crate::i18n::*;
use crate::read::Read;
use crate::session::use_me;

/// `/settings/messaging`: the Facebook Messenger integration of the company account.
#[component]
pub fn MessagingSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let me = use_me();
    // Beside `me`, not after it: both are on the wire at once (see `Api::exchange`).
    let integration = Read::new(move || api.integration());
    let reload = Callback::new(move |_| {
        me.refetch();
        integration.refetch();
    });
    view! {
        <section class="msg-screen" aria-labelledby="msg-settings-title">
            <h1 id="msg-settings-title" class="msg-screen__title">
                {t!(i18n, settings.title)}
            </h1>
            <p class="msg-screen__intro">{t!(i18n, settings.intro)}</p>
            <Transition fallback=LoadingNotice>
                <LoadFailureBoundary on_retry=reload>
                    {move || Suspend::new(async move {
                        let me = me.await?;
                        Ok::<
                            _,
                            HttpError,
                        >(
                            match integration.await? {
                                IntegrationState::NotInstalled => view! { <NotInstalledPanel me /> }.into_any(),
                                IntegrationState::Installed(installation) => {
                                    view! { <InstallationPanel me installation on_changed=reload /> }.into_any()
                                }
                                IntegrationState::InstalledPrivatelyByOtherAdmin { installed_by, installed_at } => {
                                    view! { <PrivateInstallNotice admin=installed_by installed_at /> }.into_any()
                                }
                                IntegrationState::Unknown => return Err(HttpError::Malformed),
                            },
                        )
                    })}
                </LoadFailureBoundary>
            </Transition>
        </section>
    }
}
