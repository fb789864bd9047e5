//! The app's languages, as data: each is a table of messages that the loader fetches beside the
//! wasm (`embed/messenger-integration.js`) and hands to `mount`, and that `register` keeps for
//! the app's life. A message is `keys::section::key`, its index in every table (see `build.rs`),
//! so the wasm holds no language's text and no code per message.
//!
//! `t!(i18n, section.key)` is a reactive view of a message, `t!(i18n, section.key, name = value)`
//! fills `{{ name }}`; `t_string!` reads the current text, `td_string!` the text of a given locale.
//! A message with a count is a `Plural`, and `counted` picks its form with `Intl.PluralRules`.

use std::cell::RefCell;
use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

mod strings {
    include!(concat!(env!("OUT_DIR"), "/strings.rs"));
}
pub use strings::keys;

/// Name of the cookie that remembers the chosen language (`routes.json`, which the loader reads
/// too); prefixed so it cannot clash with the host's.
pub use crate::domain::route::LOCALE_COOKIE;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Ja,
    De,
    Fr,
    Es,
    PtBr,
    Ko,
    ZhHans,
    Ar,
    /// Pseudo-locales, for testing: English accented and longer, in brackets (`[Ŝéţţîñĝš]`), and
    /// English mirrored right to left. Chosen only by their exact tag, never offered.
    EnXa,
    ArXb,
}

impl Locale {
    /// The languages a user chooses from, in build.rs's `LOCALES` order.
    pub const ALL: [Locale; 9] = [
        Locale::En,
        Locale::Ja,
        Locale::De,
        Locale::Fr,
        Locale::Es,
        Locale::PtBr,
        Locale::Ko,
        Locale::ZhHans,
        Locale::Ar,
    ];
    pub const PSEUDO: [Locale; 2] = [Locale::EnXa, Locale::ArXb];

    /// The BCP 47 tag, for `lang` and `Intl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ja => "ja",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
            Locale::PtBr => "pt-BR",
            Locale::Ko => "ko",
            Locale::ZhHans => "zh-Hans",
            Locale::Ar => "ar",
            Locale::EnXa => "en-XA",
            Locale::ArXb => "ar-XB",
        }
    }

    /// Its own name ("Deutsch", "한국어"), as the switcher lists it.
    pub fn name(self) -> &'static str {
        Locale::ALL.iter().position(|l| *l == self).map_or(self.as_str(), |at| strings::NAMES[at])
    }

    /// Written right to left: the app root's `dir`.
    pub fn is_rtl(self) -> bool {
        matches!(self, Locale::Ar | Locale::ArXb)
    }

    /// The language dates, numbers and lists are written in: a pseudo-locale's is English.
    pub fn formats_as(self) -> Locale {
        match self {
            Locale::EnXa | Locale::ArXb => Locale::En,
            other => other,
        }
    }

    /// Its messages, once registered; until then English's or another registered one's, or none
    /// (every message empty): never a key.
    pub fn strings(self) -> &'static Strings {
        LOADED.with_borrow(|loaded| {
            let find = |wanted: Locale| loaded.iter().find(|(l, _)| *l == wanted).map(|(_, s)| *s);
            find(self).or_else(|| find(Locale::En)).or_else(|| loaded.first().map(|(_, s)| *s)).unwrap_or(&NONE)
        })
    }

    fn is_loaded(self) -> bool {
        LOADED.with_borrow(|loaded| loaded.iter().any(|(l, _)| *l == self))
    }
}

/// One message's place in a language's table; `T` is `&'static str`, or `Plural` for a message
/// with a count. Made only by build.rs's `keys`.
pub struct Key<T>(u16, PhantomData<fn() -> T>);

impl<T> Key<T> {
    pub const fn at(index: u16) -> Self {
        Key(index, PhantomData)
    }
}

impl<T> Clone for Key<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Key<T> {}

#[doc(hidden)]
pub enum Message {
    Text(&'static str),
    Counted(Plural),
}

/// A language's messages, by `Key`.
pub struct Strings(Vec<Message>);

static NONE: Strings = Strings(Vec::new());

thread_local! {
    /// Each language registered: a table made once, and kept (leaked) for the app's life.
    static LOADED: RefCell<Vec<(Locale, &'static Strings)>> = const { RefCell::new(Vec::new()) };
    /// The loader's `loadStrings(tag)`: a language's table as JSON text, fetched once.
    static FETCH: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

impl Strings {
    pub fn get<T: FromMessage>(&self, key: Key<T>) -> T {
        T::from_message(self.0.get(usize::from(key.0)))
    }
}

#[doc(hidden)]
pub trait FromMessage {
    fn from_message(message: Option<&Message>) -> Self;
}

impl FromMessage for &'static str {
    fn from_message(message: Option<&Message>) -> Self {
        match message {
            Some(Message::Text(text)) => text,
            _ => "",
        }
    }
}

impl FromMessage for Plural {
    fn from_message(message: Option<&Message>) -> Self {
        match message {
            Some(Message::Counted(plural)) => *plural,
            _ => Plural(&[]),
        }
    }
}

/// Keeps `locale`'s table, once: the JSON text of `[CHECKSUM, message…]`, a message a string or
/// an object of plural forms. False, keeping nothing, for a table of other keys than this build's.
pub fn register(locale: Locale, json: &str) -> bool {
    // A build's tables never change: another element mounting in this language keeps the first.
    if locale.is_loaded() {
        return true;
    }
    let Some(messages) = parse(json) else { return false };
    let strings: &'static Strings = Box::leak(Box::new(Strings(messages)));
    LOADED.with_borrow_mut(|loaded| loaded.push((locale, strings)));
    true
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The browser's `JSON.parse`, not serde: no parser in the wasm.
#[cfg(target_arch = "wasm32")]
fn parse(json: &str) -> Option<Vec<Message>> {
    let table: js_sys::Array = js_sys::JSON::parse(json).ok()?.dyn_into().ok()?;
    if table.length() as usize != strings::COUNT + 1 || table.get(0).as_f64() != Some(f64::from(strings::CHECKSUM)) {
        return None;
    }
    let message = |value: wasm_bindgen::JsValue| match value.as_string() {
        Some(text) => Message::Text(leak(text)),
        None if value.is_object() => Message::Counted(Plural(Vec::leak(
            js_sys::Object::entries(value.unchecked_ref())
                .iter()
                .filter_map(|entry| {
                    let entry: js_sys::Array = entry.unchecked_into();
                    Some((leak(entry.get(0).as_string()?), leak(entry.get(1).as_string()?)))
                })
                .collect(),
        ))),
        // Another part's message: this build never shows it.
        None => Message::Text(""),
    };
    Some(table.iter().skip(1).map(message).collect())
}

#[cfg(not(target_arch = "wasm32"))]
fn parse(json: &str) -> Option<Vec<Message>> {
    use serde_json::Value;
    let table: Vec<Value> = serde_json::from_str(json).ok()?;
    if table.len() != strings::COUNT + 1 || table[0].as_u64() != Some(u64::from(strings::CHECKSUM)) {
        return None;
    }
    let message = |value: &Value| match value {
        Value::String(text) => Message::Text(leak(text.clone())),
        Value::Object(forms) => Message::Counted(Plural(Vec::leak(
            forms
                .iter()
                .filter_map(|(name, text)| Some((leak(name.clone()), leak(text.as_str()?.to_owned()))))
                .collect(),
        ))),
        _ => Message::Text(""),
    };
    Some(table[1..].iter().map(message).collect())
}

/// Every language's whole table as build.rs wrote it, for tests, which have no loader.
pub fn register_all_for_tests() {
    macro_rules! table {
        ($tag:literal) => {
            include_str!(concat!(env!("OUT_DIR"), "/strings-", $tag, ".json"))
        };
    }
    let tables = [
        table!("en"),
        table!("ja"),
        table!("de"),
        table!("fr"),
        table!("es"),
        table!("pt-BR"),
        table!("ko"),
        table!("zh-Hans"),
        table!("ar"),
    ];
    for (locale, table) in Locale::ALL.into_iter().zip(tables) {
        assert!(register(locale, table), "{locale:?}: build.rs's table is not this build's");
    }
}

/// The loader's `loadStrings`, which `load` calls for a language not registered yet.
pub fn set_fetch(fetch: Option<js_sys::Function>) {
    FETCH.with_borrow_mut(|f| *f = fetch);
}

/// Registers `locale` if it is not yet, from the loader. False if it could not be loaded.
async fn load(locale: Locale) -> bool {
    if locale.is_loaded() {
        return true;
    }
    let Some(fetch) = FETCH.with_borrow(Clone::clone) else { return false };
    let Ok(promise) = fetch.call1(&wasm_bindgen::JsValue::NULL, &locale.as_str().into()) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    match wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|text| text.as_string()) {
        Some(json) => register(locale, &json),
        None => false,
    }
}

/// A locale's own tag (`ja`, `en`): the loader reads a host's BCP 47 tags (`embed/options.js`)
/// and chooses the starting language, and the app takes its result.
impl FromStr for Locale {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Locale::ALL.into_iter().chain(Locale::PSEUDO).find(|l| l.as_str() == s).ok_or(())
    }
}

/// The app's language, from context (`use_i18n`). Choosing one remembers it in a cookie.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
    remember: bool,
}

impl I18n {
    pub fn get_locale(&self) -> Locale {
        self.locale.get()
    }

    pub fn get_locale_untracked(&self) -> Locale {
        self.locale.get_untracked()
    }

    /// Switches to `locale` once its messages are in (fetched the first time): until then the
    /// app stays in the current one, never showing a key. True if it switched.
    pub async fn switch_to(self, locale: Locale) -> bool {
        if !load(locale).await {
            return false;
        }
        self.locale.set(locale);
        if self.remember {
            write_cookie(locale);
        }
        true
    }

    /// The current language's messages; tracked, so a reader re-runs when the language changes.
    pub fn strings(&self) -> &'static Strings {
        self.get_locale().strings()
    }
}

/// Provides the language: `initial`, which the loader chose (the host's, the remembered choice,
/// the browser's: `startLocale`), or English. `remember` off keeps the cookie untouched
/// (component tests).
pub fn provide_i18n(initial: Option<Locale>, remember: bool) -> I18n {
    let locale = initial.unwrap_or(Locale::En);
    let i18n = I18n { locale: RwSignal::new(locale), remember };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context().expect("provide_i18n() runs in App")
}

/// A message with a count: its text for each plural category its language has, as CLDR names
/// them and `Intl.PluralRules` selects them. build.rs checks that every form is there.
#[derive(Clone, Copy, Debug)]
pub struct Plural(pub &'static [(&'static str, &'static str)]);

impl Plural {
    /// The form for `category`, or `other`, which every language has.
    pub fn form(self, category: &str) -> &'static str {
        let find = |wanted: &str| self.0.iter().find(|(name, _)| *name == wanted).map(|(_, text)| *text);
        find(category).or_else(|| find("other")).unwrap_or_default()
    }
}

/// `plural`'s form for `count` in `locale`, with `{{ count }}` and the other `values` filled.
pub fn counted(locale: Locale, plural: Plural, count: usize, values: &[(&str, &dyn Display)]) -> String {
    let mut all: Vec<(&str, &dyn Display)> = vec![("count", &count)];
    all.extend_from_slice(values);
    interpolate(plural.form(&plural_category(locale, count)), &all)
}

/// `Intl.PluralRules`' category for `count` ("one", "other", …), a formatter per language made once.
fn plural_category(locale: Locale, count: usize) -> String {
    thread_local! {
        static RULES: std::cell::RefCell<Vec<(Locale, js_sys::Intl::PluralRules)>> = Default::default();
    }
    RULES.with_borrow_mut(|rules| {
        let at = rules.iter().position(|(l, _)| *l == locale).unwrap_or_else(|| {
            // A pseudo-locale's forms are English's.
            let tags = js_sys::Array::of1(&locale.formats_as().as_str().into());
            rules.push((locale, js_sys::Intl::PluralRules::new(&tags, &js_sys::Object::new())));
            rules.len() - 1
        });
        rules[at].1.select(count as f64).into()
    })
}

/// Fills each `{{ name }}` of `template` with its value; an unknown name stays as written.
pub fn interpolate(template: &str, values: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once("{{") {
        out.push_str(before);
        let Some((name, tail)) = after.split_once("}}") else {
            rest = after;
            out.push_str("{{");
            break;
        };
        match values.iter().find(|(n, _)| *n == name.trim()) {
            Some((_, value)) => write!(out, "{value}").unwrap(),
            None => write!(out, "{{{{{name}}}}}").unwrap(),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn html_document() -> Option<web_sys::HtmlDocument> {
    document().dyn_into().ok()
}

fn write_cookie(locale: Locale) {
    if let Some(doc) = html_document() {
        let cookie = format!("{LOCALE_COOKIE}={}; path=/; max-age=31536000; SameSite=Lax", locale.as_str());
        let _ = doc.set_cookie(&cookie);
    }
}

/// A message of the current language, as a reactive view. Every message is this one closure
/// type, so the wasm holds one copy of the code that renders and updates a text, not one for each
/// of the ~300 places that show one (docs/performance.md).
pub fn text(i18n: I18n, key: Key<&'static str>) -> impl Fn() -> &'static str + Copy + Send + Sync {
    move || i18n.strings().get(key)
}

/// The values of a message's `{{ placeholders }}` put in, for `filled_text`.
pub type Fill = std::sync::Arc<dyn Fn(&'static str) -> String + Send + Sync>;

/// A message with its `{{ placeholders }}` filled by `fill` (tracked, so a value may be a signal's);
/// one closure type for all, as `text`.
pub fn filled_text(i18n: I18n, key: Key<&'static str>, fill: Fill) -> impl Fn() -> String + Clone + Send + Sync {
    move || fill(i18n.strings().get(key))
}

/// `t!(i18n, section.key)` or `t!(i18n, section.key, name = value, other)`: a reactive view.
#[macro_export]
macro_rules! t {
    ($i18n:expr, $section:ident . $key:ident) => {
        $crate::i18n::text($i18n, $crate::i18n::keys::$section::$key)
    };
    ($i18n:expr, $section:ident . $key:ident, $($args:tt)+) => {
        $crate::i18n::filled_text(
            $i18n,
            $crate::i18n::keys::$section::$key,
            ::std::sync::Arc::new(move |template| $crate::i18n::interpolate(template, &$crate::i18n_values!([] $($args)+))),
        )
    };
}

/// The current language's text of `section.key` (tracked), as `&'static str`.
#[macro_export]
macro_rules! t_string {
    ($i18n:expr, $section:ident . $key:ident) => {
        $i18n.strings().get($crate::i18n::keys::$section::$key)
    };
}

/// The text of `section.key` in the given locale.
#[macro_export]
macro_rules! td_string {
    ($locale:expr, $section:ident . $key:ident) => {
        $crate::i18n::Locale::strings($locale).get($crate::i18n::keys::$section::$key)
    };
}

/// Builds `[(name, &value as &dyn Display), ...]` from `name = value` and bare `name` arguments.
#[doc(hidden)]
#[macro_export]
macro_rules! i18n_values {
    ([$($done:tt)*]) => { [$($done)*] };
    ([$($done:tt)*] $name:ident = $value:expr, $($rest:tt)+) => {
        $crate::i18n_values!([$($done)* (stringify!($name), &$value as &dyn ::std::fmt::Display),] $($rest)+)
    };
    ([$($done:tt)*] $name:ident = $value:expr $(,)?) => {
        [$($done)* (stringify!($name), &$value as &dyn ::std::fmt::Display)]
    };
    ([$($done:tt)*] $name:ident, $($rest:tt)+) => {
        $crate::i18n_values!([$($done)* (stringify!($name), &$name as &dyn ::std::fmt::Display),] $($rest)+)
    };
    ([$($done:tt)*] $name:ident $(,)?) => {
        [$($done)* (stringify!($name), &$name as &dyn ::std::fmt::Display)]
    };
}

pub use crate::{t, t_string, td_string};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder_and_keeps_unknown_ones() {
        let name = "Aiko";
        assert_eq!(interpolate("By {{ name }} on {{date}}", &[("name", &name), ("date", &3)]), "By Aiko on 3");
        assert_eq!(interpolate("{{ who }} and {{", &[]), "{{ who }} and {{");
        assert_eq!(interpolate("no placeholders", &[("x", &1)]), "no placeholders");
    }

    #[test]
    fn a_plural_form_falls_back_to_other() {
        let plural = Plural(&[("one", "{{ count }} file"), ("other", "{{ count }} files")]);
        assert_eq!(plural.form("one"), "{{ count }} file");
        assert_eq!(plural.form("few"), "{{ count }} files");
        assert_eq!(Plural(&[("other", "{{ count }} 個")]).form("one"), "{{ count }} 個");
    }

    #[test]
    fn every_counted_message_has_its_languages_forms() {
        // build.rs fails the build otherwise; this holds the forms the code relies on.
        register_all_for_tests();
        let chars_left = |l: Locale| l.strings().get(keys::conversations::chars_left);
        assert_eq!(interpolate(chars_left(Locale::En).form("one"), &[("count", &1)]), "1 character left");
        assert_eq!(interpolate(chars_left(Locale::En).form("other"), &[("count", &2)]), "2 characters left");
        assert_eq!(interpolate(chars_left(Locale::Ja).form("one"), &[("count", &1)]), "残り 1 文字");
    }

    #[test]
    fn every_file_of_locales_is_a_language_and_every_language_a_file() {
        // build.rs's LOCALES and the loader (embed.mjs) take the files; the app takes this list.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok()?.strip_suffix(".json").map(str::to_owned))
            .filter(|name| name != "glossary")
            .collect();
        files.sort();
        let mut tags: Vec<String> = Locale::ALL.iter().map(|l| l.as_str().to_owned()).collect();
        tags.sort();
        assert_eq!(files, tags);
        register_all_for_tests();
        // NAMES is in build.rs's order, name() reads it in ALL's: the two orders are one.
        for locale in Locale::ALL {
            assert_eq!(locale.name(), locale.strings().get(keys::language::name), "{locale:?}");
        }
        assert_eq!(Locale::De.name(), "Deutsch");
        assert_eq!(Locale::Ko.strings().get(keys::language::name), "한국어");
        assert_eq!(Locale::EnXa.name(), "en-XA");
    }

    #[test]
    fn a_table_of_other_keys_is_refused_and_a_language_is_kept_once() {
        // Each test has a thread, and so registrations, of its own.
        assert_eq!(Locale::Fr.strings().get(keys::settings::title), "", "nothing registered: empty, never a key");
        assert!(!register(Locale::De, "[1, \"Einstellungen\"]"));
        assert!(!register(Locale::De, "not JSON"));
        assert!(!Locale::De.is_loaded());
        let table = include_str!(concat!(env!("OUT_DIR"), "/strings-de.json"));
        assert!(register(Locale::De, table));
        assert!(register(Locale::De, table));
        assert_eq!(LOADED.with_borrow(Vec::len), 1, "registered again: a second table leaked");
        assert_eq!(Locale::Fr.strings().get(keys::settings::title), Locale::De.strings().get(keys::settings::title));
    }

    #[test]
    fn a_locale_is_its_own_tag() {
        // The loader reads hosts' tags (embed/options.js); the app takes its result as it is.
        assert_eq!("ja".parse(), Ok(Locale::Ja));
        assert_eq!("en".parse(), Ok(Locale::En));
        assert_eq!("pt-BR".parse(), Ok(Locale::PtBr));
        assert_eq!("en-XA".parse(), Ok(Locale::EnXa));
        for tag in ["jp", "ja-JP", "EN", "pt", "zh", ""] {
            assert_eq!(tag.parse::<Locale>(), Err(()), "{tag}");
        }
    }

    #[test]
    fn both_locales_fill_the_same_placeholders() {
        // build.rs checks this per key; here we check a filled message reads as meant in both.
        register_all_for_tests();
        for locale in Locale::ALL {
            let text =
                interpolate(locale.strings().get(keys::settings::installed_by), &[("name", &"Aiko"), ("date", &"X")]);
            assert!(text.contains("Aiko") && text.contains('X') && !text.contains("{{"), "{text}");
        }
    }
}
