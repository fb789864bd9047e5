//! The last line of defence: a panic replaces the roots this wasm instance mounted, and no
//! other, with a translated error screen.
//!
//! Release builds abort on panic, so the screen is plain DOM built here, and its reload
//! action is a link: after the abort no Rust code, and so no event handler, runs again. The
//! abort ends this instance only: the loader gives every element an instance of its own, so an
//! app beside it (the other part, or another element of this one) keeps working.

use std::cell::RefCell;
use std::sync::Once;

use crate::host;
use crate::i18n::{keys, Locale};

/// Marks every element the app is mounted into, with the host's origin as its value (empty
/// when there is none); the panic hook reads whom to tell from it.
pub const ROOT_ATTR: &str = "data-msg-app";

/// Installs the hook once, however many times the app is mounted.
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            web_sys::console::error_1(&info.to_string().into());
            // With no app of this instance on the page, the panic is a leftover task of one that
            // was unmounted (the other part's wasm may own the element now): it shows nothing.
            show_crash_screens(&info.to_string());
            previous(info);
        }));
    });
}

thread_local! {
    /// The elements this instance has an app mounted in now.
    static ROOTS: RefCell<Vec<web_sys::HtmlElement>> = const { RefCell::new(Vec::new()) };
}

/// `root` has an app of this instance now (`crate::mount`).
pub fn mounted(root: &web_sys::HtmlElement) {
    ROOTS.with_borrow_mut(|roots| roots.push(root.clone()));
}

/// `root` has no app of this instance any more.
pub fn unmounted(root: &web_sys::HtmlElement) {
    ROOTS.with_borrow_mut(|roots| roots.retain(|r| !js_sys::Object::is(r, root)));
}

/// Tells each host of this instance's apps (`messenger:error` with code `crash`), then replaces
/// the content of each element they are mounted into with the crash screen.
pub fn show_crash_screens(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    // `try_`: a panic inside `mounted` or `unmounted` finds the list borrowed.
    let roots = ROOTS.with(|roots| roots.try_borrow().map(|r| r.clone()).unwrap_or_default());
    for root in roots {
        let origin = root.get_attribute(ROOT_ATTR).filter(|o| !o.is_empty());
        host::announce_crash(&root, origin.as_deref());
        let _ = render_crash_screen(&document, &root, details);
    }
}

fn root_locale(root: &web_sys::Element) -> Locale {
    root.query_selector(".msg-app")
        .ok()
        .flatten()
        .and_then(|app| app.get_attribute("lang"))
        .and_then(|lang| lang.parse().ok())
        .unwrap_or(Locale::En)
}

fn render_crash_screen(
    document: &web_sys::Document,
    root: &web_sys::Element,
    details: &str,
) -> Result<(), wasm_bindgen::JsValue> {
    let locale = root_locale(root);
    let crash = locale.strings();
    let (title, body, reload, more) = (
        crash.get(keys::crash::title),
        crash.get(keys::crash::body),
        crash.get(keys::crash::reload),
        crash.get(keys::crash::details),
    );
    let app = document.create_element("div")?;
    app.set_class_name("msg-app");
    app.set_attribute("lang", locale.as_str())?;
    app.set_attribute("dir", if locale.is_rtl() { "rtl" } else { "ltr" })?;
    let section = append(document, &app, "section", "msg-screen msg-screen--error", "")?;
    section.set_attribute("role", "alert")?;
    append(document, &section, "h1", "msg-screen__title", title)?;
    append(document, &section, "p", "", body)?;
    let here = document.location().and_then(|l| l.href().ok()).unwrap_or_default();
    let action = append(document, &section, "p", "", "")?;
    let link = append(document, &action, "a", "msg-button msg-button--primary", reload)?;
    link.set_attribute("href", &here)?;
    // The router's click handler still listens, but the aborted wasm behind it cannot render:
    // `external` makes it leave the click to the browser, which loads the page again.
    link.set_attribute("rel", "external")?;
    let folded = append(document, &section, "details", "msg-screen__details", "")?;
    append(document, &folded, "summary", "", more)?;
    append(document, &folded, "pre", "", details)?;
    root.replace_children_with_node_1(&app);
    Ok(())
}

/// Appends `<tag class>text</tag>` to `parent`; the text is set as text, never parsed as HTML.
fn append(
    document: &web_sys::Document,
    parent: &web_sys::Element,
    tag: &str,
    class: &str,
    text: &str,
) -> Result<web_sys::Element, wasm_bindgen::JsValue> {
    let el = document.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    parent.append_child(&el)?;
    Ok(el)
}
