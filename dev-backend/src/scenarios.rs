//! Named start states with fixed fixture data. `docs/api.md` describes each.

use contract::{ConversationId, Direction, PageId, Permission, Person, PersonId, Restriction, Visibility};
use serde::Serialize;

use crate::clock::Clock;
use crate::world::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    Fresh,
    FreshRegularUser,
    PrivateInstallByOtherAdmin,
    PageOnOtherCompany,
    FacebookError,
    AppInstalledByOtherPageAdmin,
    Installed,
    InstalledTokenExpired,
    InstalledPermissionMissing,
    PageRestricted,
    InstalledTwoPages,
    InstalledTwoPagesTokenExpired,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ScenarioInfo {
    pub name: &'static str,
    pub description: &'static str,
}

impl Scenario {
    /// What the server starts with unless told otherwise (`--scenario`, [`crate::Options`]).
    pub const DEFAULT: Scenario = Scenario::Installed;

    pub const ALL: [Scenario; 12] = [
        Scenario::Fresh,
        Scenario::FreshRegularUser,
        Scenario::PrivateInstallByOtherAdmin,
        Scenario::PageOnOtherCompany,
        Scenario::FacebookError,
        Scenario::AppInstalledByOtherPageAdmin,
        Scenario::Installed,
        Scenario::InstalledTokenExpired,
        Scenario::InstalledPermissionMissing,
        Scenario::PageRestricted,
        Scenario::InstalledTwoPages,
        Scenario::InstalledTwoPagesTokenExpired,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Fresh => "fresh",
            Scenario::FreshRegularUser => "fresh_regular_user",
            Scenario::PrivateInstallByOtherAdmin => "private_install_by_other_admin",
            Scenario::PageOnOtherCompany => "page_on_other_company",
            Scenario::FacebookError => "facebook_error",
            Scenario::AppInstalledByOtherPageAdmin => "app_installed_by_other_page_admin",
            Scenario::Installed => "installed",
            Scenario::InstalledTokenExpired => "installed_token_expired",
            Scenario::InstalledPermissionMissing => "installed_permission_missing",
            Scenario::PageRestricted => "page_restricted",
            Scenario::InstalledTwoPages => "installed_two_pages",
            Scenario::InstalledTwoPagesTokenExpired => "installed_two_pages_token_expired",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Scenario::Fresh => "Nothing installed. Granting everything and picking Sakura Trading Official connects it.",
            Scenario::FreshRegularUser => "Nothing installed. The current user is Yui Suzuki, a regular user.",
            Scenario::PrivateInstallByOtherAdmin => {
                "Aiko Tanaka installed the integration privately with Sakura Trading Official (seed mode 1)."
            }
            Scenario::PageOnOtherCompany => "Sakura Outlet is connected to Kitami Foods (seed mode 2).",
            Scenario::FacebookError => "Completing the install fails on the Facebook side, with a reference id (seed mode 4).",
            Scenario::AppInstalledByOtherPageAdmin => {
                "The Messenger app on Sakura Trading Official was installed by another Page admin, Daichi Mori (seed mode 4)."
            }
            Scenario::Installed => "Haruto installed it, Shared, with Sakura Trading Official healthy, and four conversations.",
            Scenario::InstalledTokenExpired => "As installed, but the Page's token expired.",
            Scenario::InstalledPermissionMissing => {
                "As installed, but pages_messaging was removed on Facebook: nothing can be sent until it is granted again."
            }
            Scenario::PageRestricted => {
                "As installed, but the Page is restricted for a Messenger policy violation since 2026-11-20 (seed mode 6)."
            }
            Scenario::InstalledTwoPages => {
                "Both Pages connected: Sakura Trading Official healthy, with the installed conversations; Sakura Outlet \
                 restricted since 2026-11-20, where Hana Kato wrote 1 hour ago."
            }
            Scenario::InstalledTwoPagesTokenExpired => {
                "Both Pages connected, and both Pages' tokens expired: a reconnect renews exactly the Pages \
                 ticked in Facebook's window, and the others stay expired."
            }
        }
    }

    pub fn parse(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn info(self) -> ScenarioInfo {
        ScenarioInfo { name: self.name(), description: self.description() }
    }

    /// The world a server starts with in this scenario.
    pub fn world(self) -> World {
        self.world_with(Clock::default())
    }

    /// The same, on `clock` (`--fixed-time` gives a fixed one).
    pub fn world_with(self, clock: Clock) -> World {
        let mut world = World::new(1, 0);
        world.clock = clock;
        self.apply(&mut world);
        world
    }

    /// Puts the scenario's state into the bare fixture `w`.
    pub fn apply(self, w: &mut World) {
        let (official, outlet) = (PageId::new(PAGE_OFFICIAL), PageId::new(PAGE_OUTLET));
        let (haruto, aiko) = (PersonId::new(HARUTO), PersonId::new(AIKO));
        match self {
            Scenario::Fresh => {}
            Scenario::FreshRegularUser => w.login_user = YUI.into(),
            Scenario::PrivateInstallByOtherAdmin => {
                connect(w, &aiko, Visibility::Private, &official, days(12));
            }
            Scenario::PageOnOtherCompany => {
                w.page_mut(&outlet).expect("fixture page").connected_to = Some(KITAMI.into());
            }
            Scenario::FacebookError => w.facebook_fails = true,
            Scenario::AppInstalledByOtherPageAdmin => {
                w.page_mut(&official).expect("fixture page").app_installed_by =
                    Some(Person { id: PersonId::new("fb-daichi"), name: "Daichi Mori".into(), email: None });
            }
            Scenario::Installed
            | Scenario::InstalledTokenExpired
            | Scenario::InstalledPermissionMissing
            | Scenario::PageRestricted => {
                connect(w, &haruto, Visibility::Shared, &official, days(30));
                seed_conversations(w);
                if self == Scenario::InstalledPermissionMissing {
                    w.fb_grants.remove(&Permission::PagesMessaging);
                }
                let page = w.page_mut(&official).expect("fixture page");
                if self == Scenario::InstalledTokenExpired {
                    page.token_expired = true;
                }
                if self == Scenario::PageRestricted {
                    restrict(page);
                }
            }
            Scenario::InstalledTwoPages | Scenario::InstalledTwoPagesTokenExpired => {
                connect(w, &haruto, Visibility::Shared, &official, days(30));
                connect(w, &haruto, Visibility::Shared, &outlet, days(30));
                seed_conversations(w);
                w.seed_conversation_on(
                    outlet.clone(),
                    ConversationId::new("hana"),
                    "Hana Kato",
                    &[(Direction::Inbound, "Are the outlet prices valid online too?", hours(1))],
                );
                if self == Scenario::InstalledTwoPages {
                    restrict(w.page_mut(&outlet).expect("fixture page"));
                } else {
                    for page in [&official, &outlet] {
                        w.page_mut(page).expect("fixture page").token_expired = true;
                    }
                }
            }
        }
    }
}

/// Seed mode 6: Facebook restricted the Page for a Messenger policy violation.
fn restrict(page: &mut FbPage) {
    let appeal_url = page.support_url();
    page.restriction = Some(Restriction {
        reason: "Messages sent outside the allowed window without an approved tag (Messenger policy)".into(),
        since: RESTRICTED_SINCE,
        appeal_url,
    });
}

/// Connects the Page to Sakura Trading's integration, installing it first if needed.
fn connect(w: &mut World, by: &PersonId, visibility: Visibility, page_id: &PageId, ago: i64) {
    w.fb_grants = Permission::required().into_iter().collect();
    let installed_at = w.now() - ago;
    match w.installs.iter_mut().find(|i| i.company == SAKURA) {
        Some(install) => install.page_ids.push(page_id.clone()),
        None => w.installs.push(Install {
            company: SAKURA.into(),
            installed_by: by.clone(),
            installed_at,
            visibility,
            page_ids: vec![page_id.clone()],
        }),
    }
    // The installer shared the Page with the app in Facebook's window.
    w.fb_page_grants.entry(by.clone()).or_default().push(page_id.clone());
    let page = w.page_mut(page_id).expect("fixture page");
    page.connected_to = Some(SAKURA.into());
    page.webhook_subscribed = true;
}

fn seed_conversations(w: &mut World) {
    use Direction::{Inbound as In, Outbound as Out};
    w.seed_conversation(
        ConversationId::new("ken"),
        "Ken Watanabe",
        &[
            (In, "Hello, is the spring catalogue out yet?", hours(5)),
            (Out, "Hi Ken, it comes out next Monday. Shall I send it to you?", hours(4)),
            (In, "Yes please! And do you ship to Hokkaido?", hours(2)),
        ],
    );
    w.seed_conversation(
        ConversationId::new("mina"),
        "Mina Kobayashi",
        &[
            (In, "I'd like to change the delivery date of order 1042.", days(7) - hours(4) + hours(1)),
            (Out, "Certainly. Which date would suit you?", days(7) - hours(4) + hours(1) - 600_000),
            (In, "The 28th, if possible.", days(7) - hours(4)),
        ],
    );
    w.seed_conversation(
        ConversationId::new("riku"),
        "Riku Yamamoto",
        &[
            (In, "Do you have the blue teapot in stock?", days(8) + hours(1)),
            (Out, "We do. Would you like us to hold one for you?", days(8) + hours(1) - 900_000),
            (In, "I'll think about it, thanks.", days(8)),
        ],
    );
    let sora = w.seed_conversation(
        ConversationId::new("sora"),
        "Sora Ito",
        &[
            (In, "Please stop sending me promotions.", days(1) + hours(3)),
            (Out, "Sorry about that, Sora. We have removed you from the list.", days(1) + hours(2)),
            (In, "Thanks.", days(1)),
        ],
    );
    w.conversations[sora].blocked_page = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for s in Scenario::ALL {
            assert_eq!(Scenario::parse(s.name()), Some(s));
        }
        assert_eq!(Scenario::parse("nope"), None);
    }

    #[test]
    fn installed_fixture_matches_the_brief() {
        let w = Scenario::Installed.world();
        let now = w.now();
        let last = |name: &str| {
            let c = w.conversations.iter().find(|c| c.customer.name == name).unwrap();
            now - c.last_inbound_at().unwrap()
        };
        // The clock runs while the world is built: a millisecond or two may pass.
        let about = |got: i64, want: i64| assert!((want..want + 1_000).contains(&got), "{got} vs {want}");
        about(last("Ken Watanabe"), hours(2));
        about(last("Mina Kobayashi"), days(6) + hours(20));
        about(last("Riku Yamamoto"), days(8));
        assert!(w.conversations.iter().find(|c| c.customer.name == "Sora Ito").unwrap().blocked_page);
        let install = w.install(&PersonId::new(HARUTO)).unwrap();
        assert_eq!((install.installed_by.as_str(), install.visibility), (HARUTO, Visibility::Shared));
    }
}
