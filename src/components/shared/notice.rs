use leptos::prelude::*;

/// What a notice says about the state of things; its colours are in `notice.css`, beside this.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Intent {
    /// Something to know; nothing is wrong.
    #[default]
    Info,
    Success,
    /// Something stops working until the user acts.
    Warning,
    /// Something is blocked by someone else (Facebook, a restriction).
    Danger,
}

impl Intent {
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Info => "msg-notice",
            Intent::Success => "msg-notice msg-notice--success",
            Intent::Warning => "msg-notice msg-notice--warning",
            Intent::Danger => "msg-notice msg-notice--danger",
        }
    }
}

/// A titled box that says what happened and offers what to do: the text and actions are its
/// children. Every notice of the app is one of these (thaw's `message_bar` is the model).
#[component]
pub fn Notice(
    #[prop(optional)] intent: Intent,
    /// Read out at once (`role="alert"`): only for what needs attention now.
    #[prop(optional)]
    alert: bool,
    /// The title is a heading (`h2`) when the notice is a section of the page on its own.
    #[prop(optional)]
    heading: bool,
    /// Tracked: `t!(i18n, section.key)` follows the language.
    #[prop(into)]
    title: TextProp,
    children: Children,
) -> impl IntoView {
    let title = move || title.get();
    let title = if heading {
        view! { <h2 class="msg-notice__title">{title}</h2> }.into_any()
    } else {
        view! { <p class="msg-notice__title">{title}</p> }.into_any()
    };
    view! {
        <div class=intent.as_str() role=alert.then_some("alert")>
            {title}
            {children()}
        </div>
    }
}
