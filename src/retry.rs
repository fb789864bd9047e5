//! Carries out the retry policy (`domain::retry`, `docs/retries.md`): the waits between
//! attempts, with this module's one random source for their jitter.

use leptos::prelude::*;

use crate::api::HttpError;
pub use crate::domain::retry::RequestKind;

/// A uniform pick in `[0, 1)` for a retry's jitter: spread apart, many browsers do not return
/// to a recovering server at once.
pub fn jitter_unit() -> f64 {
    js_sys::Math::random()
}

/// The wait before retry `attempt` of a `kind` of request, or `None` once it gives up.
pub fn wait_ms(kind: RequestKind, attempt: u32) -> Option<u32> {
    kind.wait_ms(attempt, jitter_unit())
}

/// Whether a `kind` of request tries again after `error`, as its retry `attempt`: the error
/// may pass, it is not a timeout the kind leaves be, and the kind has not given up.
pub fn retries(kind: RequestKind, attempt: u32, error: &HttpError) -> bool {
    error.is_transient() && (*error != HttpError::Timeout || kind.policy().after_timeout) && !kind.gives_up(attempt)
}

/// Whether `error` is worth retry `attempt` of a `kind` of request (`retries`): after waiting
/// for it. `false` at once otherwise.
pub async fn again(kind: RequestKind, attempt: u32, error: &HttpError) -> bool {
    retries(kind, attempt, error) && pause(kind, attempt).await
}

/// Waits before retry `attempt` of `kind`; `false` at once if the kind has given up.
pub async fn pause(kind: RequestKind, attempt: u32) -> bool {
    let Some(wait) = wait_ms(kind, attempt) else { return false };
    gloo_timers::future::TimeoutFuture::new(wait).await;
    true
}

/// Runs `retry` once after the wait before retry `attempt` of `kind`, unless the owner is
/// cleaned up first.
pub fn later(kind: RequestKind, attempt: u32, retry: Callback<()>) {
    let Some(wait) = wait_ms(kind, attempt) else { return };
    let timer = set_timeout_with_handle(move || retry.run(()), std::time::Duration::from_millis(wait.into()));
    if let Ok(timer) = timer {
        on_cleanup(move || timer.clear());
    }
}
