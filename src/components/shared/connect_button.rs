use leptos::prelude::*;

use crate::components::shared::app_link::AppLink;
use crate::i18n::*;

/// The green Connect button: opens the installation wizard.
#[component]
pub fn ConnectButton(
    /// Wizard address (app-relative), with `?purpose=` for a reconnect or a re-request.
    #[prop(default = "/settings/messaging/facebook/connect".into(), into)]
    href: String,
    /// The label; "Connect" when absent.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = match children {
        Some(children) => children().into_any(),
        None => t!(i18n, settings.connect).into_any(),
    };
    view! {
        <AppLink to=href class="msg-button msg-button--connect">
            {label}
        </AppLink>
    }
}
