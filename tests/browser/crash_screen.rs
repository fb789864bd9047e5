use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
fn crash_screen_replaces_each_root_in_its_language_and_keeps_details_as_text() {
    let root = fresh_root();
    root.set_attribute(msg_ui::ROOT_ATTR, "").unwrap();
    root.set_inner_html(r#"<div class="msg-app" lang="ja"><p>content</p></div>"#);
    msg_ui::panic::mounted(&root);
    // Another instance's app (the other part, or another element): never this one's to replace.
    let other = fresh_root();
    other.set_attribute(msg_ui::ROOT_ATTR, "").unwrap();
    other.set_inner_html(r#"<div class="msg-app" lang="en"><p>other</p></div>"#);

    msg_ui::panic::show_crash_screens("index out of bounds <b>not bold</b>");
    msg_ui::panic::unmounted(&root);
    assert_eq!(other.text_content().as_deref(), Some("other"), "another instance's root is left alone");
    other.remove();

    let alert = root.query_selector("[role=alert]").unwrap().expect("an alert is shown");
    assert_eq!(text_of(&alert, "h1"), "メッセージングで問題が発生しました");
    assert_eq!(text_of(&alert, "a"), "再読み込み");
    let reload = alert.query_selector("a").unwrap().unwrap();
    assert_eq!(reload.get_attribute("rel").as_deref(), Some("external"), "left to the browser, not the router");
    assert_eq!(text_of(&alert, "pre"), "index out of bounds <b>not bold</b>");
    assert!(root.query_selector("b").unwrap().is_none(), "details are text, never HTML");
    assert!(!root.text_content().unwrap().contains("content"));
    root.remove();
}
