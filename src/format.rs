//! Dates and lists in the user's language. Dates go through the browser's `Intl` rather than a crate.

use contract::{EpochMs, Permission};

use crate::i18n::Locale;

/// "2026年11月20日" or "November 20, 2026".
pub fn date(at: EpochMs, locale: Locale) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    let tag = locale.as_str();
    js_sys::Date::new(&(at as f64).into()).to_locale_date_string(tag, &options).into()
}

/// "a, b, c" / "a、b、c": the lists named here are permission scopes and Page names, where a
/// plain separator reads better than "and".
pub fn list(items: &[String], locale: Locale) -> String {
    match locale {
        Locale::Ja => items.join("、"),
        Locale::En => items.join(", "),
    }
}

/// The permissions' Facebook scope names, as a list.
pub fn permissions(permissions: &[Permission], locale: Locale) -> String {
    list(&permissions.iter().map(|p| p.scope().to_owned()).collect::<Vec<_>>(), locale)
}
