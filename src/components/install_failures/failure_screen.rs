use leptos::prelude::*;

use super::failure_layout::FailureLayout;
use super::try_again_button::TryAgainButton;
use crate::components::shared::app_link::AppLink;
use crate::domain::install_failure::InstallFailure;
use crate::host::use_host;
use crate::i18n::*;
use crate::nav::Nav;
use crate::retry::RequestKind;

/// A failure told in a title, a sentence and its action (Try again, Reload), with a way back to
/// Messaging settings. All a read can show (`LoadFailureBoundary`), so a part without the
/// wizard carries none of the install flow's screens (docs/performance.md).
#[component]
pub fn FailureScreen(
    failure: InstallFailure,
    /// Starts over: a new Facebook sign-in, or a new load.
    on_retry: Callback<()>,
    /// A failed load (not a Facebook sign-in): after a network or server failure it runs
    /// `on_retry` by itself every few seconds, so the page comes back with the server. Not after
    /// a timeout: a retry would hang as long again and hold back the user's own Try again
    /// (a resource runs one fetch at a time).
    #[prop(optional)]
    keep_trying: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    use_host().error(&failure);
    let keep_trying = keep_trying && matches!(failure, InstallFailure::Network | InstallFailure::Server { .. });
    if keep_trying {
        retry_later(on_retry);
    }
    let keeps_trying = move || keep_trying.then(|| view! { <p>{t!(i18n, failure.keeps_trying)}</p> });
    let retry_button = move || {
        view! { <TryAgainButton on_retry /> }
    };
    let reload_button = move || {
        let reload = move |_| {
            let _ = window().location().reload();
        };
        view! {
            <button type="button" class="msg-button msg-button--primary" on:click=reload>
                {t!(i18n, failure.reload)}
            </button>
        }
        .into_any()
    };
    // Not offered on the settings page itself, where it would lead nowhere.
    let on_settings = use_context::<Nav>().is_some_and(|nav| nav.path_untracked() == "/settings/messaging");
    let back = move || {
        (!on_settings).then(move || {
            view! {
                <AppLink to="/settings/messaging" class="msg-button">
                    {t!(i18n, failure.to_settings)}
                </AppLink>
            }
        })
    };
    let simple = move |title: AnyView, body: AnyView, action: AnyView| {
        view! {
            <FailureLayout title>
                <p>{body}</p>
                {keeps_trying()}
                <div class="msg-actions">{action}{back()}</div>
            </FailureLayout>
        }
        .into_any()
    };
    let server = move |reference: Option<String>| {
        let body = view! {
            {t!(i18n, failure.server_body)}
            {reference
                .map(|reference| {
                    view! {
                        " "
                        {t!(i18n, failure.reference, reference)}
                    }
                })}
        };
        simple(t!(i18n, failure.server_title).into_any(), body.into_any(), retry_button().into_any())
    };
    match failure {
        InstallFailure::Cancelled => simple(
            t!(i18n, failure.cancelled_title).into_any(),
            t!(i18n, failure.cancelled_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::StateInvalid => simple(
            t!(i18n, failure.state_title).into_any(),
            t!(i18n, failure.state_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::SessionExpired => simple(
            t!(i18n, failure.session_title).into_any(),
            t!(i18n, failure.session_body).into_any(),
            reload_button(),
        ),
        InstallFailure::NotInstalled => simple(
            t!(i18n, failure.not_installed_title).into_any(),
            t!(i18n, failure.not_installed_body).into_any(),
            ().into_any(),
        ),
        InstallFailure::Network => simple(
            t!(i18n, failure.network_title).into_any(),
            t!(i18n, failure.network_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::Timeout => simple(
            t!(i18n, failure.timeout_title).into_any(),
            t!(i18n, failure.timeout_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::NoAnswer => simple(
            t!(i18n, failure.no_answer_title).into_any(),
            t!(i18n, failure.no_answer_body).into_any(),
            retry_button().into_any(),
        ),
        InstallFailure::Server { reference } => server(reference),
        InstallFailure::Malformed => simple(
            t!(i18n, failure.malformed_title).into_any(),
            t!(i18n, failure.malformed_body).into_any(),
            reload_button(),
        ),
        // Never the answer to a read: told as the server's failure, with its reference.
        own => server(own.reference().map(str::to_owned)),
    }
}

/// Runs `retry` once, after `RequestKind::FailedScreen`'s wait; a screen that fails again
/// starts its own.
pub fn retry_later(retry: Callback<()>) {
    crate::retry::later(RequestKind::FailedScreen, 0, retry);
}
