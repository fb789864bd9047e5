use leptos::prelude::*;

use crate::api::use_api;
use crate::i18n::*;
use crate::nav::use_nav;
use crate::oauth_popup;

/// How long a wizard in another tab has to answer that it took the result: tabs of one browser
/// answer within milliseconds.
const HAND_OVER_WAIT_MS: u32 = 600;

/// `/settings/messaging/facebook/complete?state=`: where Facebook's sign-in ends.
/// In the popup, it hands the result to the opener and closes. Without an opener, it hands it
/// to a wizard waiting in another tab (a host's COOP cut the popup off) and closes; with none
/// waiting (the full-page fallback), it resumes the wizard in this window.
#[component]
pub fn OAuthCompletePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let nav = use_nav();
    let state = nav.query("state").unwrap_or_default();
    match oauth_popup::opener() {
        Some(opener) => {
            leptos::task::spawn_local(async move {
                // On failure the opener sees the window close and asks the server itself.
                if let Ok(result) = api.install_result_json(&state).await {
                    oauth_popup::post(&opener, &state, &result);
                }
                let _ = window().close();
            });
        }
        None => leptos::task::spawn_local(async move {
            if let Ok(result) = api.install_result_json(&state).await {
                if oauth_popup::hand_over(&state, &result, HAND_OVER_WAIT_MS).await {
                    let _ = window().close();
                    return;
                }
            }
            let to = format!("/settings/messaging/facebook/connect?state={}", js_sys::encode_uri_component(&state));
            nav.navigate(&to, true);
        }),
    }
    view! {
        <section class="msg-screen" aria-labelledby="msg-complete-title">
            <h1 id="msg-complete-title" class="msg-screen__title">
                {t!(i18n, wizard.title)}
            </h1>
            <p>{t!(i18n, wizard.checking)}</p>
        </section>
    }
}
