use leptos::prelude::*;

use crate::host::use_host;
use crate::i18n::*;

/// Shown by the top-level error boundary: says what happened and offers a reload.
#[component]
pub fn CrashScreen(
    /// Technical details for support, shown folded.
    #[prop(into)]
    details: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    use_host().crash();
    let reload = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <section class="msg-screen msg-screen--error" role="alert" aria-labelledby="msg-crash-title">
            <h1 id="msg-crash-title" class="msg-screen__title">
                {t!(i18n, crash.title)}
            </h1>
            <p>{t!(i18n, crash.body)}</p>
            <p>
                <button type="button" class="msg-button msg-button--primary" on:click=reload>
                    {t!(i18n, crash.reload)}
                </button>
            </p>
            <details class="msg-screen__details">
                <summary>{t!(i18n, crash.details)}</summary>
                <pre>{move || details.get()}</pre>
            </details>
        </section>
    }
}
