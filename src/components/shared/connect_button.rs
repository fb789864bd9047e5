use leptos::prelude::*;
use leptos_router::components::A;

use crate::config::use_href;
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
        <A href=use_href(&href) attr:class="msg-button msg-button--connect">
            {label}
        </A>
    }
}
