use leptos::prelude::*;

use crate::domain::route;
use crate::nav::Nav;

/// A link to one of the app's own pages: it moves the address without a reload, and says
/// `aria-current="page"` where the user is. `to` is app-relative (`/messaging/ken`); the link
/// carries the host's prefix. Without the app around it (a component test), a plain link.
#[component]
pub fn AppLink(
    #[prop(into)] to: String,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let nav = use_context::<Nav>();
    let href = nav.map_or_else(|| to.clone(), |nav| nav.href(&to));
    let current = {
        let to = to.clone();
        move || nav.is_some_and(|nav| nav.with_path(|path| route::is_current(&to, path))).then_some("page")
    };
    view! {
        <a href=href class=class aria-current=current on:click=move |ev| follow(nav, &to, &ev)>
            {children()}
        </a>
    }
}

/// A click on a link to `to`, one of the app's pages: the address moves without a reload.
pub fn follow(nav: Option<Nav>, to: &str, ev: &web_sys::MouseEvent) {
    // A new tab or window, or a click someone else handled, stays the browser's.
    let modified = ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key();
    if ev.default_prevented() || ev.button() != 0 || modified {
        return;
    }
    if let Some(nav) = nav {
        ev.prevent_default();
        nav.navigate(to, false);
    }
}
