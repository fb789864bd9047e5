use leptos::prelude::*;

/// The frame of every failure screen: announced as an alert, title first, then the fix.
#[component]
pub fn FailureLayout(
    /// Names the cause in one sentence.
    title: AnyView,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="msg-failure" role="alert">
            <h2 class="msg-failure__title">{title}</h2>
            {children()}
        </section>
    }
}
