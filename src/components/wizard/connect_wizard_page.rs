use contract::{InstallStartRequest, Installation, PageAvailability, PageChoice, PageId, PageRef};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::use_api;
use crate::components::install_failures::install_failure_screen::InstallFailureScreen;
use crate::components::install_failures::not_admin_screen::NotAdminScreen;
use crate::components::shared::load_failure_boundary::LoadFailureBoundary;
use crate::components::shared::loading_notice::LoadingNotice;
use crate::session::use_me;
use crate::components::status_region::use_status;
use crate::components::wizard::not_renewed_notice::NotRenewedNotice;
use crate::components::wizard::page_picker::{PagePicker, PickerChoice};
use crate::components::wizard::wizard_stepper::WizardStepper;
use crate::config::use_href;
use crate::domain::flow_purpose::{self, purpose_from_query, purpose_query};
use crate::domain::install_failure::InstallFailure;
use crate::domain::safe_url::followable;
use crate::domain::wizard::{Event, Step, Wizard};
use crate::format;
use crate::i18n::*;
use crate::oauth_popup;

/// How long the Facebook window may stay open without an answer: the life of a `state`.
const POPUP_LIMIT_MS: f64 = 10.0 * 60.0 * 1000.0;
const WATCH_EVERY_MS: u64 = 500;

/// What the page shows; ChoosePage and Connecting share the picker, so it is not rebuilt.
#[derive(Clone, PartialEq)]
enum Panel {
    LogIn { closed: bool },
    Blocked(String),
    InFacebook,
    Checking,
    Picker(Vec<PageChoice>),
    Explaining(InstallFailure),
    Done(Installation, Vec<PageRef>),
    Failed(InstallFailure),
}

impl Panel {
    /// Which kind of screen this is, for the stepper to move focus when it changes.
    fn kind(&self) -> u8 {
        match self {
            Panel::LogIn { .. } => 0,
            Panel::Blocked(_) => 1,
            Panel::InFacebook => 2,
            Panel::Checking => 3,
            Panel::Picker(_) => 4,
            Panel::Explaining(_) => 5,
            Panel::Done(..) => 6,
            Panel::Failed(_) => 7,
        }
    }
}

fn panel(w: &Wizard) -> Panel {
    match w {
        Wizard::Ready | Wizard::Starting => Panel::LogIn { closed: false },
        Wizard::PopupClosed => Panel::LogIn { closed: true },
        Wizard::PopupBlocked { authorize_url } => Panel::Blocked(authorize_url.clone()),
        Wizard::InFacebook { .. } => Panel::InFacebook,
        Wizard::Checking { .. } | Wizard::Resuming { .. } => Panel::Checking,
        Wizard::ChoosePage { pages, .. } | Wizard::Connecting { pages, .. } => Panel::Picker(pages.clone()),
        Wizard::Explaining { failure, .. } => Panel::Explaining(failure.clone()),
        Wizard::Done { installation, not_renewed } => Panel::Done(installation.clone(), not_renewed.clone()),
        Wizard::Failed { failure, .. } => Panel::Failed(failure.clone()),
    }
}

/// The purpose of the flow a `state` belongs to, kept for the full-page fallback: Facebook
/// sends the user back to `/complete?state=` only, and a reconnect must not resume as an install.
fn remember_purpose(state: &str, purpose: &InstallStartRequest) {
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.set_item(&format!("{PURPOSE_KEY}{state}"), &flow_purpose::purpose_query(purpose));
    }
}

fn remembered_purpose(state: &str) -> Option<InstallStartRequest> {
    let query = window().session_storage().ok().flatten()?.get_item(&format!("{PURPOSE_KEY}{state}")).ok()??;
    Some(flow_purpose::purpose_from_query_string(&query))
}

const PURPOSE_KEY: &str = "msg_ui_flow_purpose:";

/// `/settings/messaging/facebook/connect`: the installation wizard. Admins only.
#[component]
pub fn ConnectWizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let query = use_query_map().get_untracked();
    let purpose = RwSignal::new(match (query.get("purpose"), query.get("state")) {
        (None, Some(state)) => remembered_purpose(&state).unwrap_or(InstallStartRequest::Install),
        (purpose, _) => purpose_from_query(purpose, query.get("permissions")),
    });
    let title = move || {
        let locale = i18n.get_locale();
        if purpose.with(|p| *p == InstallStartRequest::AddPage) {
            td_string!(locale, wizard.title_add_page)
        } else {
            td_string!(locale, wizard.title)
        }
    };
    view! {
        <section class="msg-screen msg-wizard" aria-labelledby="msg-wizard-title">
            <h1 id="msg-wizard-title" class="msg-screen__title">{title}</h1>
            <Suspense fallback=LoadingNotice>
                <LoadFailureBoundary on_retry=Callback::new(move |_| me.refetch())>
                    {move || Suspend::new(async move {
                        me.await.map(|me| {
                            if me.role.is_admin() { view! { <ConnectWizard purpose/> }.into_any() } else { view! { <NotAdminScreen/> }.into_any() }
                        })
                    })}
                </LoadFailureBoundary>
            </Suspense>
        </section>
    }
}

/// `purpose` is why Facebook is asked, from the address; a failure screen can change it.
#[component]
fn ConnectWizard(purpose: RwSignal<InstallStartRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let status = use_status();
    let navigate = use_navigate();
    let query = use_query_map().get_untracked();
    let wizard = RwSignal::new(Wizard::initial(query.get("state")));
    let last_state = RwSignal::new(query.get("state"));
    let attempts = RwSignal::new(0u32);
    let picker_choice = RwSignal::new(PickerChoice::default());
    let popup = StoredValue::new_local(None::<web_sys::Window>);
    let opened_at = StoredValue::new(0.0f64);

    // An ignored event must not notify: the request effect below would send its request again.
    let dispatch = move |event: Event| {
        wizard.try_maybe_update(|w| match w.transition(event) {
            Some(next) => {
                *w = next;
                (true, ())
            }
            None => (false, ()),
        });
    };

    // The address follows the step and the flow, so a reload resumes where the user was.
    Effect::new(move || {
        let w = wizard.get();
        if let Some(state) = w.flow_state() {
            last_state.set(Some(state.to_owned()));
        }
        let state =
            last_state.get().map(|s| format!("&state={}", js_sys::encode_uri_component(&s))).unwrap_or_default();
        let url = format!(
            "/settings/messaging/facebook/connect?step={}{state}{}",
            w.step().slug(),
            purpose_query(&purpose.get())
        );
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    });

    // Opens the popup synchronously (inside the click), then asks the backend where to send it.
    let start = move |request: InstallStartRequest| {
        if matches!(wizard.get_untracked(), Wizard::Failed { .. }) {
            attempts.update(|a| *a += 1);
        }
        dispatch(Event::Start);
        if wizard.get_untracked() != Wizard::Starting {
            return;
        }
        let opened = oauth_popup::open_blank();
        popup.set_value(opened.clone());
        purpose.set(request.clone());
        last_state.set(None);
        // A new sign-in may share other Pages: the picker ticks its default again.
        picker_choice.update(|c| c.ticked = None);
        leptos::task::spawn_local(async move {
            match api.start_install(&request).await {
                // An address the app may not open is an answer it cannot use.
                Ok(start) if followable(&start.authorize_url).is_none() => {
                    if let Some(p) = opened {
                        let _ = p.close();
                    }
                    dispatch(Event::Failed(InstallFailure::Malformed));
                }
                Ok(start) => {
                    let popup_open = opened.as_ref().is_some_and(|p| oauth_popup::navigate(p, &start.authorize_url));
                    opened_at.set_value(js_sys::Date::now());
                    remember_purpose(&start.state, &request);
                    dispatch(Event::Started { state: start.state, authorize_url: start.authorize_url, popup_open });
                }
                Err(error) => {
                    if let Some(p) = opened {
                        let _ = p.close();
                    }
                    dispatch(Event::Failed(error.into()));
                }
            }
        });
    };

    // The popup's answer: only from our origin, our window, with our state.
    let listener = window_event_listener(leptos::ev::message, move |event| {
        let (Wizard::InFacebook { state } | Wizard::Checking { state, .. }) = wizard.get_untracked() else { return };
        if let Some(message) = oauth_popup::accept(&event, popup.get_value().as_ref(), &state) {
            dispatch(Event::Result(message.result));
        }
    });
    on_cleanup(move || listener.remove());

    // Watches the popup: closed by the user, or no answer in time. Without a popup (after a
    // reload) it polls the backend by state instead, within the same time limit.
    let ticks = StoredValue::new(0u32);
    let watcher = set_interval_with_handle(
        move || {
            let Wizard::InFacebook { state } = wizard.get_untracked() else { return };
            ticks.update_value(|t| *t += 1);
            let waited_ms = match popup.get_value() {
                Some(_) => js_sys::Date::now() - opened_at.get_value(),
                None => f64::from(ticks.get_value()) * WATCH_EVERY_MS as f64,
            };
            match popup.get_value() {
                Some(p) if oauth_popup::is_closed(&p) => dispatch(Event::PopupGone { by_user: true }),
                _ if waited_ms > POPUP_LIMIT_MS => {
                    if let Some(p) = popup.get_value() {
                        let _ = p.close();
                    }
                    dispatch(Event::PopupGone { by_user: false });
                }
                Some(_) => {}
                None if ticks.get_value() % 4 == 0 => leptos::task::spawn_local(async move {
                    match api.install_result(&state).await {
                        Ok(result) => dispatch(Event::Result(result)),
                        Err(error) if !error.is_transient() => dispatch(Event::Failed(error.into())),
                        Err(_) => {}
                    }
                }),
                None => {}
            }
        },
        std::time::Duration::from_millis(WATCH_EVERY_MS),
    );
    if let Ok(watcher) = watcher {
        on_cleanup(move || watcher.clear());
    }

    // Requests that belong to a state: ask for the result, or connect the chosen Page.
    Effect::new(move || match wizard.get() {
        Wizard::Checking { state, .. } | Wizard::Resuming { state } => leptos::task::spawn_local(async move {
            match api.install_result(&state).await {
                Ok(result) => dispatch(Event::Result(result)),
                Err(error) => dispatch(Event::Failed(error.into())),
            }
        }),
        Wizard::Connecting { state, page_ids, .. } => leptos::task::spawn_local(async move {
            let request = contract::ConnectPageRequest {
                state,
                page_ids,
                visibility: picker_choice.with_untracked(|c| c.visibility),
            };
            match api.connect_page(&request).await {
                Ok(installation) => dispatch(Event::Connected(installation)),
                Err(error) => dispatch(Event::Failed(error.into())),
            }
        }),
        Wizard::Done { installation, not_renewed } => {
            let locale = i18n.get_locale_untracked();
            status.announce(if not_renewed.len() < installation.pages.len() {
                td_string!(locale, wizard.done_title)
            } else {
                td_string!(locale, wizard.nothing_renewed_title)
            })
        }
        _ => {}
    });

    let step = Signal::derive(move || wizard.get().step());
    let shown = Memo::new(move |_| panel(&wizard.get()));
    let screen = Signal::derive(move || shown.with(Panel::kind));
    let starting = move || wizard.get() == Wizard::Starting;
    let on_retry = Callback::new(move |_| start(purpose.get_untracked()));
    let on_rerequest = Callback::new(move |permissions| start(InstallStartRequest::Rerequest { permissions }));
    let on_connect = Callback::new(move |page_ids: Vec<PageId>| {
        dispatch(Event::PickPages(page_ids));
    });
    let on_explain = Callback::new(move |failure| dispatch(Event::Explain(failure)));
    let connecting = Signal::derive(move || matches!(wizard.get(), Wizard::Connecting { .. }));

    let log_in_intro = move || match purpose.get() {
        InstallStartRequest::Install => t!(i18n, wizard.log_in_body).into_any(),
        InstallStartRequest::Reconnect => t!(i18n, wizard.log_in_reconnect).into_any(),
        InstallStartRequest::AddPage => t!(i18n, wizard.log_in_add_page).into_any(),
        InstallStartRequest::Rerequest { permissions } => {
            let list = format::permissions(&permissions, i18n.get_locale());
            t!(i18n, wizard.log_in_rerequest, list).into_any()
        }
    };
    let continue_button = move || {
        view! {
            <button type="button" class="msg-button msg-button--connect" disabled=starting on:click=move |_| start(purpose.get_untracked())>
                {move || if starting() { t!(i18n, wizard.starting).into_any() } else { t!(i18n, wizard.connect).into_any() }}
            </button>
        }
    };

    view! {
        <WizardStepper step screen/>
        <div class="msg-wizard__body">
            {move || match shown.get() {
                Panel::LogIn { closed } => view! {
                    {closed.then(|| view! {
                        <div class="msg-notice msg-notice--warning" role="alert">
                            <p class="msg-notice__title">{t!(i18n, wizard.popup_closed_title)}</p>
                            <p>{t!(i18n, wizard.popup_closed_body)}</p>
                        </div>
                    })}
                    <p>{log_in_intro}</p>
                    <div class="msg-actions">{continue_button()}</div>
                }.into_any(),
                Panel::Blocked(url) => view! {
                    <div class="msg-notice msg-notice--warning" role="alert">
                        <p class="msg-notice__title">{t!(i18n, wizard.popup_blocked_title)}</p>
                        <p>{t!(i18n, wizard.popup_blocked_body)}</p>
                    </div>
                    <div class="msg-actions">
                        <button type="button" class="msg-button msg-button--connect" on:click=move |_| {
                            let _ = window().location().set_href(&url);
                        }>{t!(i18n, wizard.continue_here)}</button>
                    </div>
                }.into_any(),
                Panel::InFacebook => view! {
                    <p>{t!(i18n, wizard.in_facebook_body)}</p>
                    <div class="msg-actions">
                        {match popup.get_value() {
                            Some(p) => view! {
                                <button type="button" class="msg-button" on:click=move |_| { let _ = p.focus(); }>
                                    {t!(i18n, wizard.show_facebook)}
                                </button>
                            }.into_any(),
                            // After a reload the window is out of reach: offer a fresh start.
                            None => view! {
                                <button type="button" class="msg-button" on:click=move |_| start(purpose.get_untracked())>
                                    {t!(i18n, wizard.start_again)}
                                </button>
                            }.into_any(),
                        }}
                    </div>
                }.into_any(),
                Panel::Checking => view! { <p aria-busy="true">{t!(i18n, wizard.checking)}</p> }.into_any(),
                Panel::Picker(pages) => {
                    // A new install chooses its visibility; one that exists keeps its own.
                    let choose_visibility = purpose.get_untracked() != InstallStartRequest::AddPage
                        && !pages.iter().any(|p| p.availability == PageAvailability::AlreadyConnected);
                    view! { <PagePicker pages choice=picker_choice busy=connecting choose_visibility on_connect on_explain on_start_again=on_retry/> }.into_any()
                }
                Panel::Explaining(failure) => view! {
                    <InstallFailureScreen failure on_retry on_rerequest attempt=0 installed=false/>
                    <div class="msg-actions">
                        <button type="button" class="msg-button" on:click=move |_| dispatch(Event::BackToPages)>
                            {t!(i18n, wizard.back_to_pages)}
                        </button>
                    </div>
                }.into_any(),
                Panel::Done(installation, not_renewed) => {
                    let left_alone = |id: &PageId| not_renewed.iter().any(|n| &n.id == id);
                    let renewed: Vec<String> =
                        installation.pages.iter().filter(|p| !left_alone(&p.id)).map(|p| p.name.clone()).collect();
                    let nothing_renewed = renewed.is_empty();
                    let success = (!nothing_renewed).then(|| {
                        let body = if renewed.len() == 1 {
                            let page = renewed[0].clone();
                            t!(i18n, wizard.done_body, page).into_any()
                        } else {
                            let pages = format::list(&renewed, i18n.get_locale());
                            t!(i18n, wizard.done_body_many, pages).into_any()
                        };
                        view! {
                            <div class="msg-notice msg-notice--success">
                                <p class="msg-notice__title">{t!(i18n, wizard.done_title)}</p>
                                <p>{body}</p>
                            </div>
                        }
                    });
                    let left: Vec<_> = installation.pages.iter().filter(|p| left_alone(&p.id)).cloned().collect();
                    view! {
                        {success}
                        {(!left.is_empty()).then(|| view! { <NotRenewedNotice pages=left nothing_renewed on_reconnect=on_retry/> })}
                        <div class="msg-actions">
                            <A href=use_href("/messaging") attr:class="msg-button msg-button--primary">{t!(i18n, wizard.to_conversations)}</A>
                            <A href=use_href("/settings/messaging") attr:class="msg-button">{t!(i18n, wizard.to_settings)}</A>
                        </div>
                    }.into_any()
                }
                Panel::Failed(failure) => view! {
                    <InstallFailureScreen
                        failure
                        on_retry
                        on_rerequest
                        attempt=attempts.get_untracked()
                        installed=!matches!(purpose.get_untracked(), InstallStartRequest::Install)
                    />
                }.into_any(),
            }}
        </div>
        // Nothing is left to cancel once it is done: the Done step has its own ways on.
        <Show when=move || step.get() != Step::Done>
            <p class="msg-wizard__cancel">
                <A href=use_href("/settings/messaging")>{t!(i18n, wizard.cancel)}</A>
            </p>
        </Show>
    }
}
