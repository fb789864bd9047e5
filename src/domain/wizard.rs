//! The installation wizard as one enum and a pure transition function.
//!
//! 1 Log in with Facebook → 2 Grant permissions → 3 Choose Pages → 4 Done. The component
//! only performs effects (open the popup, call the API) and feeds what happened back here.

use contract::{InstallResult, Installation, PageAvailability, PageChoice, PageId, PageRef};

use super::install_failure::InstallFailure;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    LogIn = 1,
    Grant = 2,
    ChoosePage = 3,
    Done = 4,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::LogIn, Step::Grant, Step::ChoosePage, Step::Done];

    pub fn number(self) -> u8 {
        self as u8
    }

    /// The `step` URL parameter, so the address says where the user is.
    pub fn slug(self) -> &'static str {
        match self {
            Step::LogIn => "log-in",
            Step::Grant => "grant",
            Step::ChoosePage => "choose-page",
            Step::Done => "done",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Wizard {
    /// Ready to open Facebook.
    Ready,
    /// The popup is open (or being opened); asking the backend for the sign-in link.
    Starting,
    /// The browser blocked the popup: offer to continue in this window.
    PopupBlocked {
        authorize_url: String,
    },
    /// The user is in Facebook's window.
    InFacebook {
        state: String,
    },
    /// The popup went away without an answer; asking the backend by `state` before concluding.
    Checking {
        state: String,
        closed_by_user: bool,
    },
    /// The address carried a `state` (a reload, or the full-page fallback coming back).
    Resuming {
        state: String,
    },
    /// The user closed Facebook's window before finishing.
    PopupClosed,
    ChoosePage {
        state: String,
        pages: Vec<PageChoice>,
    },
    Connecting {
        state: String,
        pages: Vec<PageChoice>,
        page_ids: Vec<PageId>,
    },
    /// The fix for a Page the picker cannot connect, with the way back to the list.
    Explaining {
        state: String,
        pages: Vec<PageChoice>,
        failure: InstallFailure,
    },
    Done {
        installation: Installation,
        /// Connected Pages a reconnect left as they were: not ticked in Facebook's dialog.
        not_renewed: Vec<PageRef>,
    },
    /// A failure screen, remembering the step it interrupted.
    Failed {
        failure: InstallFailure,
        step: Step,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The user asked to open Facebook (Connect, Try again, Grant missing permissions).
    Start,
    Started {
        state: String,
        authorize_url: String,
        popup_open: bool,
    },
    /// The flow's result: from the popup's message, a fetch by `state`, or a poll.
    Result(InstallResult),
    /// The popup was closed, or gave no answer in time.
    PopupGone {
        by_user: bool,
    },
    /// The Pages ticked in the picker, to connect together.
    PickPages(Vec<PageId>),
    /// The user asked how to fix a Page that cannot be connected.
    Explain(InstallFailure),
    BackToPages,
    /// Facebook's window, reopened to share more Pages, was closed: back to the flow that
    /// listed the Pages before, whose answer the server still keeps.
    ReturnTo {
        state: String,
    },
    Connected(Installation),
    /// A request failed (starting, fetching the result, connecting).
    Failed(InstallFailure),
}

impl Wizard {
    /// Where a page load starts: at the beginning, or resuming the flow named in the address.
    pub fn initial(state_in_url: Option<String>) -> Wizard {
        match state_in_url.filter(|s| !s.is_empty()) {
            Some(state) => Wizard::Resuming { state },
            None => Wizard::Ready,
        }
    }

    pub fn step(&self) -> Step {
        match self {
            Wizard::Ready | Wizard::Starting | Wizard::PopupBlocked { .. } | Wizard::PopupClosed => Step::LogIn,
            Wizard::InFacebook { .. } | Wizard::Checking { .. } | Wizard::Resuming { .. } => Step::Grant,
            Wizard::ChoosePage { .. } | Wizard::Connecting { .. } | Wizard::Explaining { .. } => Step::ChoosePage,
            Wizard::Done { .. } => Step::Done,
            Wizard::Failed { step, .. } => *step,
        }
    }

    /// The flow's `state`, for the address and for checking popup messages.
    pub fn flow_state(&self) -> Option<&str> {
        match self {
            Wizard::InFacebook { state }
            | Wizard::Checking { state, .. }
            | Wizard::Resuming { state }
            | Wizard::ChoosePage { state, .. }
            | Wizard::Connecting { state, .. }
            | Wizard::Explaining { state, .. } => Some(state),
            _ => None,
        }
    }

    /// The next state, or `None` when the event cannot happen here (a late or duplicate answer).
    pub fn transition(&self, event: Event) -> Option<Wizard> {
        use Wizard as W;
        let step = self.step();
        Some(match (self, event) {
            // From InFacebook only after a reload, when the old window is out of reach.
            (
                W::Ready
                | W::PopupClosed
                | W::PopupBlocked { .. }
                | W::InFacebook { .. }
                | W::Failed { .. }
                | W::Explaining { .. }
                | W::ChoosePage { .. },
                Event::Start,
            ) => W::Starting,
            // A reconnect that left Pages alone may run again for them.
            (W::Done { not_renewed, .. }, Event::Start) if !not_renewed.is_empty() => W::Starting,
            (W::Starting, Event::Started { state, popup_open: true, .. }) => W::InFacebook { state },
            (W::Starting, Event::Started { authorize_url, popup_open: false, .. }) => W::PopupBlocked { authorize_url },
            (W::InFacebook { state }, Event::PopupGone { by_user }) => {
                W::Checking { state: state.clone(), closed_by_user: by_user }
            }
            (W::Checking { closed_by_user, .. }, Event::Result(InstallResult::Pending)) => {
                if *closed_by_user {
                    W::PopupClosed
                } else {
                    W::Failed { failure: InstallFailure::NoAnswer, step }
                }
            }
            (W::Resuming { state }, Event::Result(InstallResult::Pending)) => W::InFacebook { state: state.clone() },
            (W::InFacebook { .. }, Event::Result(InstallResult::Pending)) => return None,
            (W::InFacebook { state } | W::Checking { state, .. } | W::Resuming { state }, Event::Result(result)) => {
                match result {
                    InstallResult::ChoosePage { pages, .. } => W::ChoosePage { state: state.clone(), pages },
                    InstallResult::Completed { installation, not_renewed } => W::Done { installation, not_renewed },
                    InstallResult::Failed { error } => {
                        W::Failed { failure: InstallFailure::from_api(&error), step: Step::Grant }
                    }
                    InstallResult::Pending => unreachable!("matched above"),
                    InstallResult::Unknown => W::Failed { failure: InstallFailure::Malformed, step },
                }
            }
            (W::ChoosePage { state, pages }, Event::PickPages(page_ids)) => {
                let connectable =
                    |id: &PageId| pages.iter().any(|p| &p.id == id && p.availability == PageAvailability::Connectable);
                if page_ids.is_empty() || !page_ids.iter().all(connectable) {
                    return None;
                }
                W::Connecting { state: state.clone(), pages: pages.clone(), page_ids }
            }
            (W::ChoosePage { state, pages }, Event::Explain(failure)) => {
                W::Explaining { state: state.clone(), pages: pages.clone(), failure }
            }
            (W::Explaining { state, pages, .. }, Event::BackToPages) => {
                W::ChoosePage { state: state.clone(), pages: pages.clone() }
            }
            (W::PopupClosed, Event::ReturnTo { state }) => W::Resuming { state },
            (W::Connecting { .. }, Event::Connected(installation)) => W::Done { installation, not_renewed: Vec::new() },
            (W::Connecting { pages, page_ids, .. }, Event::Failed(failure)) => {
                // The picker knew the Page's Business Integrations link; the error did not. The
                // error names the Page; a lone Page is the one.
                let failure = match failure {
                    InstallFailure::PageOnOtherCompany { company, page, settings_url: None } => {
                        let named = |p: &&PageChoice| match &page {
                            Some(name) => &p.name == name,
                            None => page_ids.len() == 1 && p.id == page_ids[0],
                        };
                        let settings_url = pages.iter().find(named).map(|p| p.settings_url.clone());
                        InstallFailure::PageOnOtherCompany { company, page, settings_url }
                    }
                    other => other,
                };
                W::Failed { failure, step }
            }
            (W::Starting | W::InFacebook { .. } | W::Checking { .. } | W::Resuming { .. }, Event::Failed(failure)) => {
                W::Failed { failure, step }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::{ApiError, ErrorCode, ErrorDetails, Person, Visibility};

    fn page(id: &str, availability: PageAvailability) -> PageChoice {
        PageChoice { id: id.into(), name: id.into(), availability, settings_url: format!("https://fb.example/{id}") }
    }

    fn installation() -> Installation {
        Installation {
            installed_by: Person { id: "u".into(), name: "Haruto Sato".into(), email: None },
            installed_at: 0,
            visibility: Visibility::Shared,
            granted_permissions: vec![],
            pages: vec![],
            can_manage: true,
            server_time: None,
        }
    }

    fn started(popup_open: bool) -> Event {
        Event::Started { state: "st".into(), authorize_url: "/dialog".into(), popup_open }
    }

    fn in_facebook() -> Wizard {
        Wizard::InFacebook { state: "st".into() }
    }

    fn choose() -> Wizard {
        Wizard::ChoosePage {
            state: "st".into(),
            pages: vec![
                page("ok", PageAvailability::Connectable),
                page("kitami", PageAvailability::ConnectedToOtherCompany { company_name: "Kitami Foods".into() }),
            ],
        }
    }

    #[test]
    fn the_happy_path_walks_the_four_steps() {
        let w = Wizard::Ready;
        assert_eq!(w.step(), Step::LogIn);
        let w = w.transition(Event::Start).unwrap();
        assert_eq!(w, Wizard::Starting);
        let w = w.transition(started(true)).unwrap();
        assert_eq!((w.step(), w.flow_state()), (Step::Grant, Some("st")));
        let pages = match choose() {
            Wizard::ChoosePage { pages, .. } => pages,
            _ => unreachable!(),
        };
        let w = w.transition(Event::Result(InstallResult::ChoosePage { granted_permissions: vec![], pages })).unwrap();
        assert_eq!(w.step(), Step::ChoosePage);
        let w = w.transition(Event::PickPages(vec!["ok".into()])).unwrap();
        assert!(matches!(w, Wizard::Connecting { .. }));
        let w = w.transition(Event::Connected(installation())).unwrap();
        assert_eq!(w.step(), Step::Done);
        assert_eq!(Step::ALL.map(Step::number), [1, 2, 3, 4]);
    }

    #[test]
    fn a_blocked_popup_offers_the_same_window_then_can_start_again() {
        let w = Wizard::Starting.transition(started(false)).unwrap();
        assert_eq!(w, Wizard::PopupBlocked { authorize_url: "/dialog".into() });
        assert_eq!(w.transition(Event::Start), Some(Wizard::Starting));
    }

    #[test]
    fn a_closed_popup_asks_the_server_before_concluding() {
        let w = in_facebook().transition(Event::PopupGone { by_user: true }).unwrap();
        assert_eq!(w, Wizard::Checking { state: "st".into(), closed_by_user: true });
        assert_eq!(w.transition(Event::Result(InstallResult::Pending)), Some(Wizard::PopupClosed));
        // The message was lost but the server has the result: use it.
        let done = w
            .transition(Event::Result(InstallResult::Completed { installation: installation(), not_renewed: vec![] }))
            .unwrap();
        assert_eq!(done.step(), Step::Done);
    }

    #[test]
    fn no_answer_in_time_and_none_on_the_server_is_a_failure() {
        let w = in_facebook().transition(Event::PopupGone { by_user: false }).unwrap();
        let w = w.transition(Event::Result(InstallResult::Pending)).unwrap();
        assert_eq!(w, Wizard::Failed { failure: InstallFailure::NoAnswer, step: Step::Grant });
        assert_eq!(w.transition(Event::Start), Some(Wizard::Starting));
    }

    #[test]
    fn a_failed_result_shows_its_screen_at_the_grant_step() {
        let error = ApiError {
            code: ErrorCode::InstallCancelled,
            message: String::new(),
            reference: "r".into(),
            details: ErrorDetails::default(),
        };
        let w = in_facebook().transition(Event::Result(InstallResult::Failed { error })).unwrap();
        assert_eq!(w, Wizard::Failed { failure: InstallFailure::Cancelled, step: Step::Grant });
    }

    #[test]
    fn an_unknown_result_is_a_malformed_answer() {
        let w = in_facebook().transition(Event::Result(InstallResult::Unknown)).unwrap();
        assert_eq!(w, Wizard::Failed { failure: InstallFailure::Malformed, step: Step::Grant });
    }

    #[test]
    fn a_reload_resumes_from_the_state_in_the_address() {
        assert_eq!(Wizard::initial(None), Wizard::Ready);
        assert_eq!(Wizard::initial(Some(String::new())), Wizard::Ready);
        let w = Wizard::initial(Some("st".into()));
        assert_eq!(w.step(), Step::Grant);
        assert_eq!(w.transition(Event::Result(InstallResult::Pending)), Some(in_facebook()));
        assert_eq!(
            in_facebook().transition(Event::Start),
            Some(Wizard::Starting),
            "start again, the old window is gone"
        );
    }

    #[test]
    fn a_page_that_cannot_be_connected_cannot_be_picked_but_its_fix_can_be_shown_and_left() {
        assert_eq!(choose().transition(Event::PickPages(vec!["kitami".into()])), None);
        assert_eq!(choose().transition(Event::PickPages(vec!["missing".into()])), None);
        let why = InstallFailure::PageOnOtherCompany { company: None, page: None, settings_url: None };
        let shown = choose().transition(Event::Explain(why.clone())).unwrap();
        assert!(matches!(&shown, Wizard::Explaining { failure, .. } if *failure == why));
        assert_eq!((shown.step(), shown.flow_state()), (Step::ChoosePage, Some("st")));
        assert_eq!(shown.transition(Event::BackToPages), Some(choose()), "the same Pages, no new sign-in");
        assert_eq!(shown.transition(Event::Start), Some(Wizard::Starting));
        assert_eq!(choose().transition(Event::Start), Some(Wizard::Starting), "none of these: sign in again");
    }

    #[test]
    fn while_a_page_connects_only_its_answer_counts() {
        let connecting = choose().transition(Event::PickPages(vec!["ok".into()])).unwrap();
        let why = InstallFailure::PageOnOtherCompany { company: None, page: None, settings_url: None };
        assert_eq!(connecting.transition(Event::Explain(why)), None, "the fix buttons wait");
        let late = Event::Result(InstallResult::Completed { installation: installation(), not_renewed: vec![] });
        assert_eq!(connecting.transition(late), None, "a late poll answer");
        assert_eq!(connecting.transition(Event::Start), None);
    }

    #[test]
    fn a_connect_failure_on_another_companys_page_keeps_the_pages_settings_link() {
        let w = Wizard::Connecting {
            state: "st".into(),
            pages: vec![page("outlet", PageAvailability::Connectable)],
            page_ids: vec!["outlet".into()],
        };
        let failure =
            InstallFailure::PageOnOtherCompany { company: Some("Kitami Foods".into()), page: None, settings_url: None };
        let Wizard::Failed { failure, step } = w.transition(Event::Failed(failure)).unwrap() else { panic!() };
        assert_eq!(step, Step::ChoosePage);
        assert_eq!(
            failure,
            InstallFailure::PageOnOtherCompany {
                company: Some("Kitami Foods".into()),
                page: None,
                settings_url: Some("https://fb.example/outlet".into())
            }
        );
    }

    #[test]
    fn several_pages_connect_together_but_only_connectable_ones_and_at_least_one() {
        let two = Wizard::ChoosePage {
            state: "st".into(),
            pages: vec![
                page("official", PageAvailability::Connectable),
                page("outlet", PageAvailability::Connectable),
                page("kitami", PageAvailability::ConnectedToOtherCompany { company_name: "Kitami Foods".into() }),
                page("ours", PageAvailability::AlreadyConnected),
            ],
        };
        let both: Vec<PageId> = vec!["official".into(), "outlet".into()];
        let Some(Wizard::Connecting { page_ids, .. }) = two.transition(Event::PickPages(both.clone())) else {
            panic!()
        };
        assert_eq!(page_ids, both);
        assert_eq!(two.transition(Event::PickPages(vec![])), None, "nothing ticked");
        assert_eq!(two.transition(Event::PickPages(vec!["official".into(), "kitami".into()])), None);
        assert_eq!(two.transition(Event::PickPages(vec!["ours".into()])), None, "already connected");
    }

    #[test]
    fn a_connect_failure_finds_the_named_pages_link_among_several() {
        let w = Wizard::Connecting {
            state: "st".into(),
            pages: vec![page("Official", PageAvailability::Connectable), page("Outlet", PageAvailability::Connectable)],
            page_ids: vec!["Official".into(), "Outlet".into()],
        };
        let named = |page: Option<&str>| InstallFailure::PageOnOtherCompany {
            company: None,
            page: page.map(str::to_owned),
            settings_url: None,
        };
        let Some(Wizard::Failed { failure, .. }) = w.transition(Event::Failed(named(Some("Outlet")))) else { panic!() };
        assert!(
            matches!(failure, InstallFailure::PageOnOtherCompany { settings_url: Some(u), .. } if u.ends_with("/Outlet"))
        );
        let Some(Wizard::Failed { failure, .. }) = w.transition(Event::Failed(named(None))) else { panic!() };
        assert_eq!(failure, named(None), "unnamed among several: no guess");
    }

    #[test]
    fn a_reconnect_result_keeps_the_pages_it_left_alone() {
        let outlet = PageRef { id: "outlet".into(), name: "Sakura Outlet".into() };
        let result = InstallResult::Completed { installation: installation(), not_renewed: vec![outlet.clone()] };
        let done = in_facebook().transition(Event::Result(result)).unwrap();
        assert_eq!(done, Wizard::Done { installation: installation(), not_renewed: vec![outlet] });
        assert_eq!(done.transition(Event::Start), Some(Wizard::Starting), "Reconnect again, for the Outlet");
    }

    #[test]
    fn sharing_more_pages_keeps_the_earlier_list_when_facebooks_window_is_closed() {
        let listed = choose();
        let sharing = listed.transition(Event::Start).unwrap();
        let st2 = Event::Started { state: "st2".into(), authorize_url: "/dialog".into(), popup_open: true };
        let sharing = sharing.transition(st2).unwrap();
        let closed = sharing
            .transition(Event::PopupGone { by_user: true })
            .unwrap()
            .transition(Event::Result(InstallResult::Pending))
            .unwrap();
        assert_eq!(closed, Wizard::PopupClosed);
        let back = closed.transition(Event::ReturnTo { state: "st".into() }).unwrap();
        assert_eq!(back, Wizard::Resuming { state: "st".into() });
        // Only a closed window goes back; anywhere else the event is a late one.
        assert_eq!(listed.transition(Event::ReturnTo { state: "st".into() }), None);
        assert_eq!(Wizard::Ready.transition(Event::ReturnTo { state: "st".into() }), None);
    }

    #[test]
    fn impossible_events_are_ignored() {
        let done = Wizard::Done { installation: installation(), not_renewed: vec![] };
        assert_eq!(done.transition(Event::Start), None);
        assert_eq!(done.transition(Event::Result(InstallResult::Pending)), None);
        assert_eq!(Wizard::Ready.transition(started(true)), None, "no start was asked for");
        assert_eq!(Wizard::Ready.transition(Event::Connected(installation())), None);
        assert_eq!(in_facebook().transition(Event::Result(InstallResult::Pending)), None, "still waiting");
        assert_eq!(in_facebook().transition(Event::PickPages(vec!["ok".into()])), None);
        assert_eq!(choose().transition(Event::PopupGone { by_user: true }), None, "the popup is done by now");
        assert_eq!(Wizard::Starting.transition(Event::Start), None, "a double click opens one flow");
        let late = Event::Result(InstallResult::Completed { installation: installation(), not_renewed: vec![] });
        assert_eq!(choose().transition(late), None, "a late duplicate answer");
    }
}
