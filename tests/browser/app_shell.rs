use leptos::prelude::*;
use msg_ui::i18n::Locale;
use msg_ui::{App, AppConfig};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn mount_app(path: &str, locale: Locale) -> web_sys::HtmlElement {
    go_to(path);
    let root = fresh_root();
    let config = AppConfig { locale: Some(locale), ..AppConfig::default() };
    leptos::mount::mount_to(root.clone(), move || view! { <App config /> }).forget();
    root
}

#[wasm_bindgen_test]
async fn language_switch_translates_the_page_and_announces_it() {
    let root = mount_app("/settings/messaging", Locale::En);
    settle().await;
    assert_eq!(text_of(&root, "h1"), "Messaging settings");
    let app = root.query_selector(".msg-app").unwrap().unwrap();
    assert_eq!(app.get_attribute("lang").as_deref(), Some("en"));

    let japanese = button_named(&root, "日本語");
    assert_eq!(japanese.get_attribute("aria-pressed").as_deref(), Some("false"));
    japanese.click();
    settle().await;

    assert_eq!(text_of(&root, "h1"), "メッセージング設定");
    assert_eq!(app.get_attribute("lang").as_deref(), Some("ja"));
    assert_eq!(japanese.get_attribute("aria-pressed").as_deref(), Some("true"));
    // The region is emptied first and filled a moment later, so a repeated notice is read again.
    gloo_timers::future::TimeoutFuture::new(200).await;
    assert_eq!(text_of(&root, "[role=status]"), "表示言語を日本語に切り替えました。");
    root.remove();
}

#[wasm_bindgen_test]
async fn unknown_address_shows_the_not_found_page_with_a_way_back() {
    let root = mount_app("/settings/nowhere", Locale::En);
    settle().await;
    assert_eq!(text_of(&root, "h1"), "Page not found");
    let link = root.query_selector("main a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/settings/messaging"));
    root.remove();
}

#[wasm_bindgen_test]
async fn conversation_route_renders_in_japanese_while_it_loads() {
    let root = mount_app("/messaging/c-42", Locale::Ja);
    settle().await;
    assert_eq!(text_of(&root, "h1"), "会話");
    assert_eq!(text_of(&root, ".msg-loading"), "読み込み中…");
    root.remove();
}
