use leptos::prelude::*;
use msg_ui::components::wizard::wizard_stepper::WizardStepper;
use msg_ui::domain::popup;
use msg_ui::domain::wizard::Step;
use msg_ui::i18n::*;
use msg_ui::oauth_popup;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn the_stepper_marks_the_current_step_and_moves_focus_to_its_heading() {
    let root = fresh_root();
    let step = RwSignal::new(Step::LogIn);
    let screen = RwSignal::new(0u8);
    leptos::mount::mount_to(root.clone(), move || {
        provide_i18n(Some(Locale::En), false);
        view! { <WizardStepper step screen /> }
    })
    .forget();
    settle().await;
    assert_eq!(text_of(&root, "h2"), "Step 1 of 4: Log in with Facebook");
    assert_eq!(text_of(&root, "[aria-current=step]").trim_start_matches('1'), "Log in with Facebook");
    let heading = root.query_selector("h2").unwrap().unwrap();
    assert_ne!(document().active_element(), Some(heading.clone()), "no focus theft on first render");

    step.set(Step::Grant);
    settle().await;
    assert_eq!(text_of(&root, "h2"), "Step 2 of 4: Grant permissions");
    assert_eq!(root.query_selector_all("[aria-current=step]").unwrap().length(), 1);
    assert!(text_of(&root, "[aria-current=step]").ends_with("Grant permissions"));
    assert_eq!(document().active_element(), Some(heading.clone()), "focus moves to the new step's heading");

    // A failure at the same step replaces the focused control: focus goes back to the heading.
    let other = document().create_element("button").unwrap().unchecked_into::<web_sys::HtmlElement>();
    root.append_child(&other).unwrap();
    other.focus().unwrap();
    screen.set(7);
    settle().await;
    assert_eq!(document().active_element(), Some(heading), "a new screen at the same step takes focus too");
    root.remove();
}

fn message_event(origin: &str, source: Option<&web_sys::Window>, state: &str) -> web_sys::MessageEvent {
    // As the popup posts it (`oauth_popup::post`).
    let message = popup::outgoing(state, r#"{"outcome": "pending"}"#).unwrap();
    let init = web_sys::MessageEventInit::new();
    init.set_origin(origin);
    init.set_data(&message.into());
    if let Some(source) = source {
        init.set_source(Some(source.unchecked_ref()));
    }
    web_sys::MessageEvent::new_with_event_init_dict("message", &init).unwrap()
}

#[wasm_bindgen_test]
fn popup_messages_are_accepted_only_from_our_origin_our_window_and_our_state() {
    // A same-origin frame stands in for the popup window.
    let frame: web_sys::HtmlIFrameElement = document().create_element("iframe").unwrap().unchecked_into();
    document().body().unwrap().append_child(&frame).unwrap();
    let popup = frame.content_window().unwrap();
    let stranger = window();
    let ours = oauth_popup::our_origin();

    let accepted = oauth_popup::accept(&message_event(&ours, Some(&popup), "st_1"), Some(&popup), "st_1");
    assert_eq!(accepted.map(|m| m.state), Some("st_1".to_owned()));

    let wrong_origin = message_event("https://attacker.example", Some(&popup), "st_1");
    assert!(oauth_popup::accept(&wrong_origin, Some(&popup), "st_1").is_none(), "a wrong origin is ignored");
    let wrong_window = message_event(&ours, Some(&stranger), "st_1");
    assert!(oauth_popup::accept(&wrong_window, Some(&popup), "st_1").is_none(), "another window is ignored");
    let no_popup = message_event(&ours, Some(&popup), "st_1");
    assert!(oauth_popup::accept(&no_popup, None, "st_1").is_none(), "nothing is accepted without a popup");
    let wrong_state = message_event(&ours, Some(&popup), "st_forged");
    assert!(oauth_popup::accept(&wrong_state, Some(&popup), "st_1").is_none(), "another flow's state is ignored");
    frame.remove();
}

fn choice(id: &str, availability: contract::PageAvailability) -> contract::PageChoice {
    contract::PageChoice {
        id: id.into(),
        name: id.into(),
        availability,
        settings_url: format!("https://www.facebook.com/{id}/settings"),
    }
}

fn checkbox(root: &web_sys::Element, page: &str) -> web_sys::HtmlInputElement {
    root.query_selector(&format!("input[aria-describedby=msg-page-reason-{page}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no checkbox for {page}"))
        .unchecked_into()
}

fn click(input: &web_sys::HtmlInputElement) {
    input.click();
}

#[wasm_bindgen_test]
async fn the_page_picker_connects_every_ticked_page_in_the_order_shown() {
    use contract::{PageAvailability, Visibility};
    use msg_ui::components::wizard::page_picker::{PagePicker, PickerChoice};

    let root = fresh_root();
    let connected = RwSignal::new(None::<Vec<contract::PageId>>);
    let picked = RwSignal::new(PickerChoice::default());
    let shares = RwSignal::new(0);
    let pages = vec![
        choice("official", PageAvailability::Connectable),
        choice("outlet", PageAvailability::Connectable),
        choice("kitami", PageAvailability::ConnectedToOtherCompany { company_name: "Kitami Foods".into() }),
    ];
    leptos::mount::mount_to(root.clone(), move || {
        provide_i18n(Some(Locale::En), false);
        let on_connect = Callback::new(move |chosen| connected.set(Some(chosen)));
        view! {
            <PagePicker
                pages
                choice=picked
                busy=false
                choose_visibility=true
                on_connect
                on_explain=Callback::new(|_| ())
                on_start_again=Callback::new(|_| ())
                on_share_more=Callback::new(move |_| shares.update(|n| *n += 1))
            />
        }
    })
    .forget();
    settle().await;
    assert!(checkbox(&root, "official").checked(), "the first connectable Page starts ticked");
    assert!(!checkbox(&root, "outlet").checked());
    assert!(checkbox(&root, "kitami").disabled(), "another company's Page cannot be ticked");
    // Facebook shows only the Pages shared in its window: always said, with the way to share more.
    assert!(root
        .text_content()
        .unwrap()
        .contains("Don't see a Page? Facebook shows us only the Pages you shared in its window."));
    button_named(&root, "Share more Pages").click();
    assert_eq!(shares.get_untracked(), 1);

    // Ticked in the other order: the request follows the list.
    click(&checkbox(&root, "official"));
    click(&checkbox(&root, "outlet"));
    click(&checkbox(&root, "official"));
    // Private is the second radio; the choice it writes is what the wizard sends.
    let radios = root.query_selector_all("input[type=radio]").unwrap();
    click(&radios.item(1).unwrap().dyn_into().unwrap());
    settle().await;
    button_named(&root, "Connect 2 Pages").click();
    settle().await;
    let expected: Vec<contract::PageId> = vec!["official".into(), "outlet".into()];
    assert_eq!(connected.get_untracked(), Some(expected));
    assert_eq!(picked.get_untracked().visibility, Visibility::Private);

    // Nothing ticked: the button waits and says why.
    click(&checkbox(&root, "official"));
    click(&checkbox(&root, "outlet"));
    settle().await;
    let button = button_named(&root, "Connect this Page");
    assert_eq!(button.get_attribute("disabled").as_deref(), Some(""));
    assert!(root.text_content().unwrap().contains("Tick at least one Page to connect."));
    root.remove();
}

#[wasm_bindgen_test]
async fn adding_a_page_shows_the_connected_one_ticked_and_asks_no_visibility() {
    use contract::PageAvailability;
    use msg_ui::components::wizard::page_picker::PagePicker;

    let root = fresh_root();
    let pages =
        vec![choice("official", PageAvailability::AlreadyConnected), choice("outlet", PageAvailability::Connectable)];
    leptos::mount::mount_to(root.clone(), move || {
        provide_i18n(Some(Locale::En), false);
        view! {
            <PagePicker
                pages
                choice=RwSignal::new(Default::default())
                busy=false
                choose_visibility=false
                on_connect=Callback::new(|_| ())
                on_explain=Callback::new(|_| ())
                on_start_again=Callback::new(|_| ())
                on_share_more=Callback::new(|_| ())
            />
        }
    })
    .forget();
    settle().await;
    let official = checkbox(&root, "official");
    assert!(official.checked() && official.disabled(), "connected: shown ticked, and it stays");
    assert_eq!(text_of(&root, "#msg-page-reason-official"), "Already connected");
    assert!(checkbox(&root, "outlet").checked(), "the new Page starts ticked");
    assert!(root.query_selector("input[type=radio]").unwrap().is_none(), "no visibility choice");
    root.remove();
}
