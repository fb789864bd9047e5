use leptos::prelude::*;

use msg_ui::components::install_failures::install_failure_screen::InstallFailureScreen;
use msg_ui::components::status_region::provide_status;
use msg_ui::domain::install_failure::InstallFailure;
use msg_ui::i18n::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn mount_something_went_wrong(installed: bool) -> web_sys::HtmlElement {
    let root = fresh_root();
    leptos::mount::mount_to(root.clone(), move || {
        provide_status();
        provide_i18n(Some(Locale::En), false);
        msg_ui::nav::provide_nav(String::new());
        view! {
            <InstallFailureScreen
                failure=InstallFailure::SomethingWentWrong {
                    reference: "REF-0A1B2C".into(),
                }
                on_retry=Callback::new(|_| ())
                installed
            />
        }
    })
    .forget();
    root
}

fn links(root: &web_sys::Element) -> Vec<(String, String)> {
    let found = root.query_selector_all("a").unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i))
        .map(|n| {
            let a: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(n);
            (a.text_content().unwrap_or_default(), a.get_attribute("href").unwrap_or_default())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn something_went_wrong_points_to_the_troubleshooter_only_when_there_is_something_to_check() {
    let root = mount_something_went_wrong(false);
    settle().await;
    assert!(text_of(&root, ".msg-reference").contains("REF-0A1B2C"));
    let first_install = links(&root);
    assert!(first_install
        .iter()
        .any(|(text, href)| text == "Open Business Integrations" && href.contains("tab=business_tools")));
    assert!(!first_install.iter().any(|(_, href)| href.contains("troubleshooter")), "{first_install:?}");
    root.remove();

    let root = mount_something_went_wrong(true);
    settle().await;
    let reconnect = links(&root);
    assert!(reconnect
        .iter()
        .any(|(text, href)| text == "Open the troubleshooter" && href.ends_with("#msg-troubleshooter")));
    root.remove();
}
