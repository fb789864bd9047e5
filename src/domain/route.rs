//! The app's addresses: which screen a path shows, and which links are current. Six routes need
//! no routing library (leptos_router was about 10 KiB of each part: docs/performance.md).

/// An address of `routes.json`: the screen it shows and the part that holds it. `below`: pages
/// under it are that part's too (`/messaging/{id}`). `every_view`: any element shows it, whatever
/// its `view` (the OAuth completion: Facebook's window, or the fallback in this one, comes back
/// there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub path: &'static str,
    pub screen: Screen,
    pub part: Part,
    pub below: bool,
    pub every_view: bool,
}

// `Part`, `Screen`, the routes and the defaults, written once in routes.json (build.rs).
mod tables {
    use super::Route;
    include!(concat!(env!("OUT_DIR"), "/routes.rs"));
}
pub use tables::{Part, Screen, API_BASE, HOME_FULL, LOCALE_COOKIE, ROUTES, UNKNOWN_PART};

impl Part {
    /// The part a `view` attribute names.
    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.iter().copied().find(|part| part.name() == name)
    }
}

impl Screen {
    /// Its route; none for the home and Page not found, which every part shows.
    pub fn route(self) -> Option<&'static Route> {
        ROUTES.iter().find(|r| r.screen == self)
    }

    /// The part that holds the screen.
    pub fn part(self) -> Part {
        self.route().map_or(UNKNOWN_PART, |r| r.part)
    }
}

/// A trailing slash names the same screen: `/messaging/` is `/messaging`.
fn trimmed(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}

pub fn screen(path: &str) -> Screen {
    let path = trimmed(path);
    if path == "/" {
        return Screen::Home;
    }
    match ROUTES.iter().find(|r| r.path == path) {
        Some(route) => route.screen,
        None if conversation_segment(path).is_some() => Screen::Conversations,
        None => Screen::NotFound,
    }
}

/// The `{id}` segment of `/messaging/{id}`, as it stands in the (decoded) path.
pub fn conversation_segment(path: &str) -> Option<&str> {
    trimmed(path).strip_prefix("/messaging/").filter(|id| !id.is_empty() && !id.contains('/'))
}

/// What follows `prefix` in `path` when `path` is `prefix` or a page under it (whole segments:
/// `/crmx` is not under `/crm`).
fn below<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    path.strip_prefix(prefix).filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The browser's path as the app's routes see it: without the host's prefix `base` (`""` or
/// `/crm`), or whole when it is not under it.
pub fn app_path(base: &str, pathname: &str) -> String {
    match below(pathname, base) {
        Some("") => "/".to_owned(),
        Some(rest) => rest.to_owned(),
        None => pathname.to_owned(),
    }
}

/// Whether a link to `link` (app-relative, maybe with `?` or `#`) is where the user is: the same
/// path, or a page under it (Conversations stays current in an open conversation).
pub fn is_current(link: &str, path: &str) -> bool {
    below(trimmed(path), trimmed(path_of(link))).is_some()
}

/// The path of `to` (app-relative), without its `?query` and `#fragment`.
fn path_of(to: &str) -> &str {
    to.split(['?', '#']).next().unwrap_or_default()
}

/// The fragment of `to` (app-relative), without its `#`; none when empty.
pub fn fragment(to: &str) -> Option<&str> {
    to.split_once('#').map(|(_, fragment)| fragment).filter(|f| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_screen_is_in_its_part() {
        assert_eq!(Screen::Settings.part(), Part::Settings);
        assert_eq!(Screen::Wizard.part(), Part::Settings);
        assert_eq!(Screen::Conversations.part(), Part::Conversations);
        assert_eq!(Screen::NotFound.part(), Part::Settings);
        assert_eq!(ROUTES.iter().filter(|r| r.below).map(|r| r.path).collect::<Vec<_>>(), ["/messaging"]);
        assert_eq!(
            ROUTES.iter().filter(|r| r.every_view).map(|r| r.screen).collect::<Vec<_>>(),
            [Screen::OAuthComplete]
        );
    }

    #[test]
    fn a_view_names_a_part_and_its_home() {
        assert_eq!(Part::ALL, [Part::Settings, Part::Conversations]);
        assert_eq!(Part::from_name("conversations"), Some(Part::Conversations));
        assert_eq!(Part::from_name("Settings"), None);
        assert_eq!(Part::Conversations.home(), "/messaging");
        assert_eq!(screen(Part::Settings.home()).part(), Part::Settings);
        assert_eq!(screen(HOME_FULL), Screen::Settings);
    }

    #[test]
    fn each_path_shows_its_screen() {
        assert_eq!(screen("/"), Screen::Home);
        assert_eq!(screen("/settings/messaging"), Screen::Settings);
        assert_eq!(screen("/settings/messaging/"), Screen::Settings);
        assert_eq!(screen("/settings/messaging/facebook/connect"), Screen::Wizard);
        assert_eq!(screen("/settings/messaging/facebook/complete"), Screen::OAuthComplete);
        assert_eq!(screen("/messaging"), Screen::Conversations);
        assert_eq!(screen("/messaging/ken"), Screen::Conversations);
        assert_eq!(screen("/messaging/ken/"), Screen::Conversations);
        for unknown in ["/settings", "/messaging/ken/more", "/settings/messaging/facebook", "/nowhere", "/messagingx"] {
            assert_eq!(screen(unknown), Screen::NotFound, "{unknown}");
        }
    }

    #[test]
    fn the_open_conversation_is_the_last_segment() {
        assert_eq!(conversation_segment("/messaging/ken"), Some("ken"));
        assert_eq!(conversation_segment("/messaging/ken/"), Some("ken"));
        assert_eq!(conversation_segment("/messaging/t_1%3Fx"), Some("t_1%3Fx"));
        assert_eq!(conversation_segment("/messaging"), None);
        assert_eq!(conversation_segment("/messaging/"), None);
        assert_eq!(conversation_segment("/settings/messaging"), None);
    }

    #[test]
    fn the_hosts_prefix_is_taken_off_only_where_it_is_a_whole_segment() {
        assert_eq!(app_path("", "/messaging/ken"), "/messaging/ken");
        assert_eq!(app_path("/crm", "/crm/messaging/ken"), "/messaging/ken");
        assert_eq!(app_path("/crm", "/crm"), "/");
        assert_eq!(app_path("/crm", "/crm/"), "/");
        assert_eq!(app_path("/crm", "/crmx/messaging"), "/crmx/messaging");
        assert_eq!(app_path("/crm", "/other"), "/other");
    }

    #[test]
    fn a_link_is_current_on_its_page_and_below_it() {
        assert!(is_current("/messaging", "/messaging"));
        assert!(is_current("/messaging", "/messaging/ken"));
        assert!(is_current("/messaging/ken", "/messaging/ken"));
        assert!(!is_current("/messaging/ken", "/messaging/kenji"));
        assert!(!is_current("/messaging/ken", "/messaging"));
        assert!(!is_current("/messaging", "/settings/messaging"));
        assert!(is_current("/settings/messaging", "/settings/messaging/facebook/connect"));
        assert!(is_current("/settings/messaging#msg-troubleshooter", "/settings/messaging"));
        assert!(!is_current("/", "/messaging"));
    }

    #[test]
    fn an_address_has_a_path_and_maybe_a_fragment() {
        assert_eq!((path_of("/settings/messaging"), fragment("/settings/messaging")), ("/settings/messaging", None));
        assert_eq!((path_of("/a?state=x#top"), fragment("/a?state=x#top")), ("/a", Some("top")));
        assert_eq!((path_of("/a#top?no"), fragment("/a#top?no")), ("/a", Some("top?no")));
        assert_eq!((path_of("/a#"), fragment("/a#")), ("/a", None));
    }
}
