use leptos::prelude::*;

use crate::api::HttpError;
use crate::components::install_failures::failure_screen::FailureScreen;
use crate::domain::install_failure::InstallFailure;

/// Where a page's data errors end: its children return `Result`s, and the first error becomes
/// the typed failure screen (a read has none of the install flow's own screens), which after a network or server failure keeps trying by itself
/// (leptos `examples/fetch`). No page matches `Err` by hand.
#[component]
pub fn LoadFailureBoundary(
    /// Loads the page's data again.
    on_retry: Callback<()>,
    children: Children,
) -> impl IntoView {
    view! {
        <ErrorBoundary fallback=move |errors| {
            let failure = Memo::new(move |_| errors.with(|e| e.iter().next().map(|(_, e)| failure_of(e))));
            move || failure.get().map(|failure| view! { <FailureScreen failure on_retry keep_trying=true /> })
        }>{children()}</ErrorBoundary>
    }
}

fn failure_of(error: &leptos::error::Error) -> InstallFailure {
    // Only `HttpError`s are thrown below a page; anything else is an answer we cannot read.
    error.downcast_ref::<HttpError>().cloned().map_or(InstallFailure::Malformed, InstallFailure::from)
}
