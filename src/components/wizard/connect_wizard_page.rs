use contract::{InstallStartRequest, Installation, PageAvailability, PageChoice, PageId, PageRef};
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::install_failures::install_failure_screen::InstallFailureScreen;
use crate::components::install_failures::not_admin_screen::NotAdminScreen;
use crate::components::shared::app_link::AppLink;
use crate::components::shared::load_failure_boundary::LoadFailureBoundary;
use crate::components::shared::loading_notice::LoadingNotice;
use crate::components::status_region::use_status;
use crate::components::wizard::done_step::DoneStep;
use crate::components::wizard::in_facebook_step::InFacebookStep;
use crate::components::wizard::log_in_step::LogInStep;
use crate::components::wizard::page_fix_step::PageFixStep;
use crate::components::wizard::page_picker::{PagePicker, PickerChoice};
use crate::components::wizard::popup_blocked_step::PopupBlockedStep;
use crate::components::wizard::wizard_stepper::WizardStepper;
use crate::domain::flow_purpose::{purpose_from_query, purpose_query};
use crate::domain::install_failure::InstallFailure;
use crate::domain::safe_url::followable;
use crate::domain::wizard::{Event, Step, Wizard};
use crate::i18n::*;
use crate::nav::use_nav;
use crate::oauth_popup;
use crate::session::use_me;
use crate::wizard_store::{remember_purpose, remembered_purpose};

use super::facebook_window::watch_facebook_window;

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

/// `/settings/messaging/facebook/connect`: the installation wizard. Admins only.
#[component]
pub fn ConnectWizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let nav = use_nav();
    let purpose = RwSignal::new(match (nav.query("purpose"), nav.query("state")) {
        (None, Some(state)) => remembered_purpose(&state).unwrap_or(InstallStartRequest::Install),
        (purpose, _) => purpose_from_query(purpose, nav.query("permissions")),
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
            <h1 id="msg-wizard-title" class="msg-screen__title">
                {title}
            </h1>
            <Suspense fallback=LoadingNotice>
                <LoadFailureBoundary on_retry=Callback::new(move |_| {
                    me.refetch()
                })>
                    {move || Suspend::new(async move {
                        me.await
                            .map(|me| {
                                if me.role.is_admin() {
                                    view! { <ConnectWizard purpose /> }.into_any()
                                } else {
                                    view! { <NotAdminScreen /> }.into_any()
                                }
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
    let nav = use_nav();
    let wizard = RwSignal::new(Wizard::initial(nav.query("state")));
    let last_state = RwSignal::new(nav.query("state"));
    let attempts = RwSignal::new(0u32);
    let picker_choice = RwSignal::new(PickerChoice::default());
    let popup = StoredValue::new_local(None::<web_sys::Window>);
    // While Facebook's window is open to share more Pages: the flow that listed them before.
    let sharing_from = StoredValue::new(None::<String>);
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
        nav.navigate(&url, true);
    });

    // Opens the popup synchronously (inside the click), then asks the backend where to send it.
    // `share_pages` reopens Facebook's Page choice and keeps the ticks and visibility made here.
    let start = move |request: InstallStartRequest, share_pages: bool| {
        let before = wizard.get_untracked();
        if matches!(before, Wizard::Failed { .. }) {
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
        let listed = match &before {
            Wizard::ChoosePage { state, .. } if share_pages => Some(state.clone()),
            _ => None,
        };
        sharing_from.set_value(listed);
        // A new sign-in may share other Pages: the picker ticks its default again. Sharing more
        // keeps the ticks, unless there were none because nothing could be ticked.
        picker_choice.update(|c| {
            if !share_pages || c.ticked.as_ref().is_some_and(Vec::is_empty) {
                c.ticked = None;
            }
        });
        leptos::task::spawn_local(async move {
            match api.start_install(&request, share_pages).await {
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

    watch_facebook_window(api, wizard, popup, opened_at, dispatch);

    // Requests that belong to a state: ask for the result, or connect the chosen Page.
    Effect::new(move || match wizard.get() {
        Wizard::PopupClosed => {
            if let Some(state) = sharing_from.get_value() {
                sharing_from.set_value(None);
                dispatch(Event::ReturnTo { state });
            }
        }
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
    let starting = Signal::derive(move || wizard.get() == Wizard::Starting);
    let on_retry = Callback::new(move |_| start(purpose.get_untracked(), false));
    let on_share_more = Callback::new(move |_| start(purpose.get_untracked(), true));
    let on_rerequest = Callback::new(move |permissions| start(InstallStartRequest::Rerequest { permissions }, false));
    let on_connect = Callback::new(move |page_ids: Vec<PageId>| {
        dispatch(Event::PickPages(page_ids));
    });
    let on_explain = Callback::new(move |failure| dispatch(Event::Explain(failure)));
    let connecting = Signal::derive(move || matches!(wizard.get(), Wizard::Connecting { .. }));

    let on_start = Callback::new(move |()| start(purpose.get_untracked(), false));
    let on_back = Callback::new(move |()| dispatch(Event::BackToPages));

    view! {
        <WizardStepper step screen />
        <div class="msg-wizard__body">
            {move || match shown.get() {
                Panel::LogIn { closed } => view! { <LogInStep closed purpose starting on_start /> }.into_any(),
                Panel::Blocked(authorize_url) => view! { <PopupBlockedStep authorize_url /> }.into_any(),
                Panel::InFacebook => {
                    view! { <InFacebookStep popup=popup.get_value() on_start_again=on_start /> }.into_any()
                }
                Panel::Checking => view! { <p aria-busy="true">{t!(i18n, wizard.checking)}</p> }.into_any(),
                Panel::Picker(pages) => {
                    let choose_visibility = purpose.get_untracked() != InstallStartRequest::AddPage
                        && !pages.iter().any(|p| p.availability == PageAvailability::AlreadyConnected);
                    // A new install chooses its visibility; one that exists keeps its own.
                    view! {
                        <PagePicker
                            pages
                            choice=picker_choice
                            busy=connecting
                            choose_visibility
                            on_connect
                            on_explain
                            on_start_again=on_retry
                            on_share_more
                        />
                    }
                        .into_any()
                }
                Panel::Explaining(failure) => view! { <PageFixStep failure on_retry on_rerequest on_back /> }.into_any(),
                Panel::Done(installation, not_renewed) => {
                    view! { <DoneStep installation not_renewed on_reconnect=on_retry on_share_more /> }.into_any()
                }
                Panel::Failed(failure) => {
                    view! {
                        <InstallFailureScreen
                            failure
                            on_retry
                            on_rerequest
                            attempt=attempts.get_untracked()
                            installed=!matches!(purpose.get_untracked(), InstallStartRequest::Install)
                        />
                    }
                        .into_any()
                }
            }}
        </div>
        // Nothing is left to cancel once it is done: the Done step has its own ways on.
        <Show when=move || step.get() != Step::Done>
            <p class="msg-wizard__cancel">
                <AppLink to="/settings/messaging">{t!(i18n, wizard.cancel)}</AppLink>
            </p>
        </Show>
    }
}
