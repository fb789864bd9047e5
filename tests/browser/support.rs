//! Mounting helpers shared by the browser tests.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A fresh, attached element to mount into, with both languages registered: the tests have no
/// loader to fetch them.
pub fn fresh_root() -> web_sys::HtmlElement {
    msg_ui::i18n::register_all_for_tests();
    let document = document();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Puts the browser at `path` so the router renders that route.
pub fn go_to(path: &str) {
    window().history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path)).unwrap();
}

pub fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

pub fn button_named(root: &web_sys::Element, name: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name}"))
}

/// Lets effects and the DOM settle.
pub async fn settle() {
    gloo_timers::future::TimeoutFuture::new(0).await;
    leptos::task::tick().await;
}
