//! Everything the dev backend remembers: the CRM's side and Facebook's side.
//! One `World` lives behind a mutex; `/sim/reset` replaces it with a scenario's. A scenario
//! builds on the bare fixture [`World::new`] makes; the world knows none of them.

use std::collections::{BTreeSet, HashMap};

use contract::{
    Attachment, ClientMessageId, Company, ConversationId, Customer, Direction, EpochMs, ErrorCode, Message, MessageId,
    MessageStatus, MessengerApp, PageId, PageTask, Permission, Person, PersonId, Restriction, Role, UpdateEvent,
    Visibility,
};

use crate::attachments::Attachments;
use crate::clock::{Clock, Rng, DAY_MS, HOUR_MS};
use crate::failure::{ApiResult, Failure};
use crate::faults::FaultConfig;
use crate::inbox::Inbox;

pub const SAKURA: &str = "c-sakura";
pub const KITAMI: &str = "c-kitami";
pub const HARUTO: &str = "u-haruto";
pub const AIKO: &str = "u-aiko";
pub const YUI: &str = "u-yui";
pub const PAGE_OFFICIAL: &str = "p-sakura-official";
pub const PAGE_OUTLET: &str = "p-sakura-outlet";
/// The CRM's own Messenger app: the `client_id` of the authorize URL.
pub const CRM_APP_ID: &str = "sim-crm-app";
/// A chatbot the Pages also installed, which Conversation Routing may give threads to.
pub const SHOPBOT_APP_ID: &str = "784512369014726";
/// Meta's own Page Inbox (Meta Business Suite), Facebook's app id for it.
pub const PAGE_INBOX_APP_ID: &str = "263902037430900";
/// 2026-11-20T00:00:00Z, when `page_restricted` says the restriction began.
pub const RESTRICTED_SINCE: EpochMs = 1_795_132_800_000;
/// Events kept for `/api/updates`; an older cursor gets `reset: true`.
pub const EVENTS_KEPT: usize = 20_000;

#[derive(Clone, Debug)]
pub struct User {
    pub person: Person,
    pub role: Role,
    pub company: String,
}

/// A Facebook Page as Facebook sees it.
#[derive(Clone, Debug)]
pub struct FbPage {
    pub id: PageId,
    pub name: String,
    /// Which company account's integration the Page is connected to.
    pub connected_to: Option<String>,
    /// Seed mode 4: the Messenger app was installed on the Page by another Page admin.
    pub app_installed_by: Option<Person>,
    pub token_expired: bool,
    pub app_removed: bool,
    /// Whether the Page sends this app its webhook events. Only a connected Page can lose it
    /// (`/sim/webhook-subscription`); then Facebook delivers nothing for it.
    pub webhook_subscribed: bool,
    /// Conversation Routing's default app for new threads; `None`: this app.
    pub default_app: Option<MessengerApp>,
    pub restriction: Option<Restriction>,
    /// Facebook's Page roles: each person's tasks on the Page, by CRM user id.
    pub tasks: Vec<(PersonId, Vec<PageTask>)>,
}

impl FbPage {
    fn new(id: &str, name: &str) -> Self {
        use PageTask::*;
        FbPage {
            // Haruto and Aiko run the Page; Yui answers its messages.
            tasks: vec![
                (HARUTO.into(), vec![Manage, CreateContent, Moderate, Messaging, Advertise, Analyze]),
                (AIKO.into(), vec![Manage, CreateContent, Moderate, Messaging, Advertise, Analyze]),
                (YUI.into(), vec![Moderate, Messaging]),
            ],
            id: id.into(),
            name: name.into(),
            connected_to: None,
            app_installed_by: None,
            token_expired: false,
            app_removed: false,
            webhook_subscribed: false,
            default_app: None,
            restriction: None,
        }
    }

    pub fn tasks_of(&self, user: &PersonId) -> &[PageTask] {
        self.tasks.iter().find(|(u, _)| u == user).map_or(&[], |(_, t)| t.as_slice())
    }

    pub fn settings_url(&self) -> String {
        format!("https://www.facebook.com/{}/settings/?tab=business_integrations", self.id)
    }

    pub fn support_url(&self) -> String {
        format!("https://www.facebook.com/{}/settings/?tab=support", self.id)
    }
}

/// The company account's integration, as the CRM stores it.
#[derive(Clone, Debug)]
pub struct Install {
    pub company: String,
    pub installed_by: PersonId,
    pub installed_at: EpochMs,
    pub visibility: Visibility,
    pub page_ids: Vec<PageId>,
}

/// One OAuth round trip, keyed by its `state`.
#[derive(Clone, Debug)]
pub struct Flow {
    pub session: String,
    pub purpose: contract::InstallStartRequest,
    /// Where the callback sends the popup: the app's completion route under the host's prefix.
    pub complete_path: String,
    /// "Share more Pages": the dialog asks for the Pages again, those shared before ticked.
    pub share_pages: bool,
    pub requested: Vec<Permission>,
    pub expires_at: EpochMs,
    /// Set by the dialog; the callback exchanges it once.
    pub code: Option<Grant>,
    pub callback_done: bool,
    pub result: Option<contract::InstallResult>,
    pub consumed: bool,
}

/// What the user chose in the dialog, stored under the authorization code.
#[derive(Clone, Debug)]
pub struct Grant {
    pub code: String,
    pub cancelled: bool,
    pub granted: Vec<Permission>,
    pub page_ids: Vec<PageId>,
}

#[derive(Clone, Debug)]
pub struct Conversation {
    pub id: ConversationId,
    pub customer: Customer,
    /// The Page the customer wrote to.
    pub page_id: PageId,
    /// Seed mode 5: sends succeed as "sent" and are never delivered.
    pub blocked_page: bool,
    /// Facebook refuses every send to this customer (`/sim/customer`), and says why this way.
    pub unreachable: Option<Unreachable>,
    /// The first refused send since the customer last wrote or a send was accepted.
    pub cannot_receive_since: Option<EpochMs>,
    /// Conversation Routing: the app that owns the thread; `None`: this app.
    pub owner_app: Option<MessengerApp>,
    /// The app this app took the thread from, to hand it back to.
    pub taken_from: Option<MessengerApp>,
    pub messages: Vec<Message>,
    /// Each user's read mark: the `seq` they have read up to (absent: nothing read).
    pub read_marks: Vec<(PersonId, u64)>,
}

/// Why Facebook refuses sends to a customer; both are `recipient_unavailable` to the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreachable {
    /// (#551) "This person isn't available right now".
    Unavailable,
    /// (#200) "This person isn't receiving messages from you right now".
    NotReceiving,
}

impl Unreachable {
    pub fn graph_message(self) -> &'static str {
        match self {
            Unreachable::Unavailable => "(#551) This person isn't available right now",
            Unreachable::NotReceiving => "(#200) This person isn't receiving messages from you right now",
        }
    }
}

impl Conversation {
    pub fn last_inbound_at(&self) -> Option<EpochMs> {
        self.messages.iter().rev().find(|m| m.direction == Direction::Inbound).map(|m| m.created_at)
    }
}

/// Who wrote a message: the customer (inbound), or an agent of the company (outbound).
#[derive(Clone, Debug)]
pub enum Author {
    Customer,
    Agent(Person),
}

pub struct World {
    /// Bumped on every reset so timers scheduled before it do nothing.
    pub generation: u64,
    pub clock: Clock,
    /// For fault injection: seeded by `/sim/faults`, so a run can be repeated.
    pub fault_rng: Rng,
    /// Whom the CRM signs in next, on a page load or `GET /api/me` without a session: the
    /// scenario's user, or whom `/sim/current-user` named. A request acts for its session's
    /// user, which the world is told with each call, never this.
    pub login_user: PersonId,
    pub users: Vec<User>,
    pub companies: Vec<Company>,
    pub pages: Vec<FbPage>,
    /// Facebook's memory of what the app-user granted.
    pub fb_grants: BTreeSet<Permission>,
    /// The Pages each Facebook user last shared with the app, by the CRM user who logged in as
    /// them; a re-request does not ask again, and "Share more Pages" ticks them.
    pub fb_page_grants: HashMap<PersonId, Vec<PageId>>,
    /// The Messenger apps Facebook knows (this one first), for Conversation Routing.
    pub apps: Vec<MessengerApp>,
    /// Facebook's message id (`mid`) of each message that came through the webhook, for the
    /// reactions and edits that name it. An agent's message is its own mid (`m-12`).
    pub mids: HashMap<String, MessageId>,
    pub installs: Vec<Install>,
    pub sessions: Sessions,
    /// `/sim/sign-out` ended the CRM session: `GET /api/me` no longer opens one; a page load does.
    pub signed_out: bool,
    /// `/sim/answer-urls`: every appeal, Page settings and dialog URL the API answers is this
    /// instead, to show what the app does with a hostile one.
    pub url_override: Option<String>,
    pub flows: HashMap<String, Flow>,
    pub conversations: Vec<Conversation>,
    /// Each conversation's number in `conversations`, by id: the list's deep links and events.
    pub by_id: HashMap<ConversationId, usize>,
    /// What `GET /api/conversations` pages, filters and searches; follows every change.
    pub inbox: Inbox,
    /// Each with the cursor it came at, and the one user it is for (`None`: everyone).
    pub events: Vec<(u64, Option<PersonId>, UpdateEvent)>,
    pub cursor: u64,
    /// The cursor when this world began; an older `since` predates a reset.
    pub base_cursor: u64,
    pub next_seq: u64,
    pub faults: FaultConfig,
    /// Scenario `facebook_error`: the code exchange fails on Facebook's side.
    pub facebook_fails: bool,
    /// Send times per user (sent or refused by Facebook alike), for the rate limit.
    pub recent_sends: HashMap<PersonId, Vec<EpochMs>>,
    /// Every attachment's bytes, served at `GET /api/attachments/{id}`.
    pub attachments: Attachments,
    pub sends_per_minute: usize,
    /// How many flow secrets a fixed clock's world has made (see `flow_secret`).
    pub flow_secrets: u64,
    /// Sent messages whose receipts the simulated Facebook has yet to send (`/sim/stats`).
    pub receipts_pending: usize,
}

/// How long a session lives without use, in real time (the sim clock jumps days in tests).
pub const SESSION_IDLE: std::time::Duration = std::time::Duration::from_secs(12 * 60 * 60);
/// Most sessions kept at once. A client that calls `/api/me` without a cookie in a loop cannot
/// grow memory past this, nor push out the browsers that use their sessions.
pub const MAX_SESSIONS: usize = 1_000;

struct SessionEntry {
    csrf: String,
    user: PersonId,
    seen: std::time::Instant,
    /// Used again after the request that opened it.
    in_use: bool,
}

/// A live session: its CSRF token and who signed in.
pub struct SignedIn {
    pub csrf: String,
    pub user: PersonId,
}

/// Signed-in browsers: session id → CSRF token and user, with when each was last used.
#[derive(Default)]
pub struct Sessions(HashMap<String, SessionEntry>);

impl Sessions {
    /// Whether some live session has this CSRF token (what a backend that checks no binding sees).
    pub fn has_csrf(&self, token: &str) -> bool {
        self.0.values().any(|entry| crate::clock::same_secret(token, &entry.csrf))
    }

    /// The session's token and user, if the session exists and is alive; using it keeps it alive.
    pub fn touch(&mut self, id: &str) -> Option<SignedIn> {
        let now = std::time::Instant::now();
        match self.0.get_mut(id) {
            Some(entry) if now.duration_since(entry.seen) > SESSION_IDLE => {
                self.0.remove(id);
                None
            }
            Some(entry) => {
                entry.seen = now;
                entry.in_use = true;
                Some(SignedIn { csrf: entry.csrf.clone(), user: entry.user.clone() })
            }
            None => None,
        }
    }

    /// Opens a session, first dropping the expired ones and, at the cap, the least recently
    /// used of those never used again (else the least recently used of all).
    pub fn open(&mut self, id: String, csrf: String, user: PersonId) {
        let now = std::time::Instant::now();
        self.0.retain(|_, entry| now.duration_since(entry.seen) <= SESSION_IDLE);
        while self.0.len() >= MAX_SESSIONS {
            let oldest = self.0.iter().min_by_key(|(_, e)| (e.in_use, e.seen)).map(|(id, _)| id.clone());
            oldest.map(|id| self.0.remove(&id));
        }
        self.0.insert(id, SessionEntry { csrf, user, seen: now, in_use: false });
    }

    pub fn end(&mut self, id: &str) {
        self.0.remove(id);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// A new CSRF token for every session, as a CRM may issue at any time.
    pub fn rotate_tokens(&mut self) {
        for entry in self.0.values_mut() {
            entry.csrf = crate::clock::secret("csrf_");
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a message says: its text, and what came with it.
pub struct Written<'a> {
    pub text: &'a str,
    pub attachments: Vec<Attachment>,
}

impl<'a> From<&'a str> for Written<'a> {
    fn from(text: &'a str) -> Self {
        Written { text, attachments: Vec::new() }
    }
}

impl World {
    /// `url`, unless `/sim/answer-urls` set something else.
    pub fn answer_url(&self, url: String) -> String {
        self.url_override.clone().unwrap_or(url)
    }

    /// The fixture every scenario starts from: the two company accounts and their users, and
    /// Haruto's two Pages on Facebook, nothing installed and no conversation.
    pub fn new(generation: u64, cursor: u64) -> World {
        let person =
            |id: &str, name: &str, email: &str| Person { id: id.into(), name: name.into(), email: Some(email.into()) };
        World {
            generation,
            clock: Clock::default(),
            fault_rng: Rng::new(generation),
            login_user: HARUTO.into(),
            users: vec![
                User {
                    person: person(HARUTO, "Haruto Sato", "haruto.sato@sakura-trading.example"),
                    role: Role::Admin,
                    company: SAKURA.into(),
                },
                User {
                    person: person(AIKO, "Aiko Tanaka", "aiko.tanaka@sakura-trading.example"),
                    role: Role::Admin,
                    company: SAKURA.into(),
                },
                User {
                    person: person(YUI, "Yui Suzuki", "yui.suzuki@sakura-trading.example"),
                    role: Role::Regular,
                    company: SAKURA.into(),
                },
                User {
                    person: person("u-kenta", "Kenta Ono", "kenta.ono@kitami-foods.example"),
                    role: Role::Admin,
                    company: KITAMI.into(),
                },
            ],
            companies: vec![
                Company { id: SAKURA.into(), name: "Sakura Trading".into() },
                Company { id: KITAMI.into(), name: "Kitami Foods".into() },
            ],
            pages: vec![
                FbPage::new(PAGE_OFFICIAL, "Sakura Trading Official"),
                FbPage::new(PAGE_OUTLET, "Sakura Outlet"),
            ],
            fb_grants: BTreeSet::new(),
            fb_page_grants: HashMap::new(),
            apps: [
                (CRM_APP_ID, "Sakura CRM"),
                (SHOPBOT_APP_ID, "ShopBot"),
                (PAGE_INBOX_APP_ID, "Meta Business Suite Inbox"),
            ]
            .map(|(id, name)| MessengerApp { id: id.into(), name: name.into() })
            .to_vec(),
            mids: HashMap::new(),
            installs: Vec::new(),
            sessions: Sessions::default(),
            signed_out: false,
            url_override: None,
            flows: HashMap::new(),
            conversations: Vec::new(),
            by_id: HashMap::new(),
            inbox: Inbox::default(),
            events: Vec::new(),
            cursor,
            base_cursor: cursor,
            next_seq: 1,
            faults: FaultConfig::default(),
            facebook_fails: false,
            recent_sends: HashMap::new(),
            attachments: Attachments::default(),
            sends_per_minute: 120,
            flow_secrets: 0,
            receipts_pending: 0,
        }
    }

    /// Replaces this world with a new one that `seed` fills in (a scenario's state). The
    /// generation goes up, so timers set by the old world do nothing, and the cursor moves past
    /// the old world's, so every client's next poll says `reset`. A fixed clock starts again.
    pub fn reset(&mut self, seed: impl FnOnce(&mut World)) {
        let mut next = World::new(self.generation + 1, self.cursor + 1);
        next.clock = self.clock.restarted();
        if next.clock.is_fixed() {
            crate::failure::restart_references();
        }
        seed(&mut next);
        *self = next;
    }

    pub fn now(&self) -> EpochMs {
        self.clock.now()
    }

    /// An OAuth `state` or code: from the OS, or with `--fixed-time` the world's next of a
    /// fixed series, so a screen that shows one in a URL repeats.
    pub fn flow_secret(&mut self, prefix: &str) -> String {
        if !self.clock.is_fixed() {
            return crate::clock::secret(prefix);
        }
        self.flow_secrets += 1;
        let mut rng = Rng::new(self.flow_secrets);
        format!("{prefix}{:016x}{:016x}", rng.next_u64(), rng.next_u64())
    }

    pub fn user(&self, id: &PersonId) -> &User {
        self.users.iter().find(|u| u.person.id == *id).expect("users are fixed per scenario")
    }

    pub fn page(&self, id: &PageId) -> Option<&FbPage> {
        self.pages.iter().find(|p| p.id == *id)
    }

    pub fn page_mut(&mut self, id: &PageId) -> Option<&mut FbPage> {
        self.pages.iter_mut().find(|p| p.id == *id)
    }

    /// A Page by name or id, as `/sim` takes it.
    pub fn find_page_mut(&mut self, page: &str) -> ApiResult<&mut FbPage> {
        self.pages
            .iter_mut()
            .find(|p| p.id == page || p.name.eq_ignore_ascii_case(page))
            .ok_or_else(|| Failure::new(ErrorCode::NotFound, format!("No Page named {page:?}.")))
    }

    pub fn company_name(&self, id: &str) -> String {
        self.companies.iter().find(|c| c.id == id).map_or_else(|| id.to_owned(), |c| c.name.clone())
    }

    /// The integration of `user`'s company, if any.
    pub fn install(&self, user: &PersonId) -> Option<&Install> {
        let company = &self.user(user).company;
        self.installs.iter().find(|i| &i.company == company)
    }

    /// `user`'s company's integration, unless it is private and someone else installed it.
    pub fn install_visible_to(&self, user: &PersonId) -> Option<&Install> {
        self.install(user).filter(|i| i.visibility != Visibility::Private || i.installed_by == *user)
    }

    /// An event for every client. Whatever a client can see change comes with one, so the
    /// inbox's index follows the events: the conversation an event names is indexed again.
    pub fn push_event(&mut self, event: UpdateEvent) {
        let changed = match &event {
            UpdateEvent::Message { conversation_id, .. } | UpdateEvent::MessageDeleted { conversation_id, .. } => {
                self.by_id.get(conversation_id).copied()
            }
            UpdateEvent::Conversation { conversation } => self.by_id.get(&conversation.id).copied(),
            UpdateEvent::Integration | UpdateEvent::ReadMark { .. } | UpdateEvent::Unknown => None,
        };
        if let Some(index) = changed {
            self.reindex(index);
        }
        self.log_event(None, event);
    }

    /// An event only `user`'s clients hear (their read marks).
    pub fn push_event_to(&mut self, user: &PersonId, event: UpdateEvent) {
        self.log_event(Some(user.clone()), event);
    }

    fn log_event(&mut self, to: Option<PersonId>, event: UpdateEvent) {
        self.cursor += 1;
        self.events.push((self.cursor, to, event));
        if self.events.len() > EVENTS_KEPT {
            self.events.drain(..self.events.len() - EVENTS_KEPT);
        }
    }

    /// Adds a message with the next sequence number and returns a copy.
    pub fn add_message(
        &mut self,
        conversation: usize,
        author: Author,
        written: Written<'_>,
        created_at: EpochMs,
        status: MessageStatus,
        client_message_id: Option<ClientMessageId>,
    ) -> Message {
        let seq = self.next_seq;
        self.next_seq += 1;
        let (direction, sent_by) = match author {
            Author::Customer => (Direction::Inbound, None),
            Author::Agent(person) => (Direction::Outbound, Some(person)),
        };
        let message = Message {
            id: MessageId::new(format!("m-{seq}")),
            seq,
            client_message_id,
            direction,
            text: written.text.into(),
            attachments: written.attachments,
            sent_by,
            created_at,
            status,
            reaction: None,
            edited_at: None,
        };
        self.conversations[conversation].messages.push(message.clone());
        message
    }

    pub(crate) fn seed_conversation(
        &mut self,
        id: ConversationId,
        name: &str,
        script: &[(Direction, &str, EpochMs)],
    ) -> usize {
        self.seed_conversation_on(PageId::new(PAGE_OFFICIAL), id, name, script)
    }

    pub(crate) fn seed_conversation_on(
        &mut self,
        page_id: PageId,
        id: ConversationId,
        name: &str,
        script: &[(Direction, &str, EpochMs)],
    ) -> usize {
        self.conversations.push(Conversation {
            customer: Customer { id: format!("cust-{id}"), name: name.into() },
            id,
            page_id,
            blocked_page: false,
            unreachable: None,
            cannot_receive_since: None,
            owner_app: None,
            taken_from: None,
            messages: Vec::new(),
            read_marks: Vec::new(),
        });
        let index = self.conversations.len() - 1;
        self.by_id.insert(self.conversations[index].id.clone(), index);
        let now = self.now();
        // The seeded answers are Aiko's: another agent of the shared inbox.
        let aiko = self.user(&PersonId::new(AIKO)).person.clone();
        for (direction, text, ago) in script {
            let at = now - ago;
            let (author, status) = match direction {
                Direction::Outbound => (Author::Agent(aiko.clone()), MessageStatus::Read { at: at + 60_000 }),
                _ => (Author::Customer, MessageStatus::Delivered { at }),
            };
            self.add_message(index, author, (*text).into(), at, status, None);
        }
        // Every user has read what came more than 3 hours ago: Ken's and Hana's newest
        // messages are unread, the older threads are not.
        let read_up_to = self.conversations[index].messages.iter().rev().find(|m| m.created_at < now - hours(3));
        if let Some(seq) = read_up_to.map(|m| m.seq) {
            self.conversations[index].read_marks = self.users.iter().map(|u| (u.person.id.clone(), seq)).collect();
        }
        self.reindex(index);
        index
    }
}

pub const fn hours(h: i64) -> EpochMs {
    h * HOUR_MS
}

pub const fn days(d: i64) -> EpochMs {
    d * DAY_MS
}
