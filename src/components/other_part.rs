use leptos::prelude::*;

use crate::components::shared::loading_notice::LoadingNotice;
use crate::host::use_host;

/// An address of the part this build does not hold: each part of the app is its own wasm, so
/// a host downloads only what it shows. The loader swaps in the build that has this address.
#[component]
pub fn OtherPart(part: &'static str) -> impl IntoView {
    let host = use_host();
    Effect::new(move || host.load_part(part));
    view! { <LoadingNotice /> }
}
