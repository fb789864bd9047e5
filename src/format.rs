//! Dates and lists in the user's language. Dates go through the browser's `Intl` rather than a crate,
//! except the two on the settings page's first screen in Japanese and English, put together here
//! as `Intl` writes them (its formatters take 10–17 ms to start; browser tests hold them equal).

use contract::{EpochMs, Permission};

use crate::domain::attachment::{size_in_tenths, size_label};
use crate::domain::reply_window::AgoUnit;
use crate::i18n::Locale;

/// "2026年11月20日" or "November 20, 2026", in the browser's time zone: what `Intl`'s long date
/// style gives for `ja` and `en` (a browser test holds them equal). Put together here because
/// the browser's date formatter costs 10–17 ms on first use, on the settings page's first render.
pub fn date(at: EpochMs, locale: Locale) -> String {
    let (year, month, day) = day(at);
    match locale.formats_as() {
        locale @ (Locale::Ja | Locale::En) => long_date(year, month, day, locale),
        other => js_date(at).to_locale_date_string(other.as_str(), &intl_options(&[("dateStyle", "long")])).into(),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `month` counts from 0, as `Date` does.
fn long_date(year: u32, month: u32, day: u32, locale: Locale) -> String {
    match locale {
        Locale::Ja => format!("{year}年{}月{day}日", month + 1),
        _ => format!("{} {day}, {year}", MONTHS.get(month as usize).unwrap_or(&"")),
    }
}

/// "a, b, c" / "a、b、c" / "a، b": the lists named here are permission scopes and Page names,
/// where a plain separator reads better than "and".
pub fn list(items: &[String], locale: Locale) -> String {
    items.join(match locale.formats_as() {
        Locale::Ja | Locale::ZhHans => "、",
        Locale::Ar => "، ",
        _ => ", ",
    })
}

/// A file's size: "2.4 MB" in English and Japanese, as `Intl` writes it in the others ("2,4 MB",
/// "2,4 Mo").
pub fn size(bytes: u64, locale: Locale) -> String {
    match locale.formats_as() {
        Locale::En | Locale::Ja => size_label(bytes),
        other => {
            let (tenths, unit) = size_in_tenths(bytes);
            let options = intl_options(&[("style", "unit"), ("unit", unit.as_str()), ("maximumFractionDigits", "1")]);
            let tags = js_sys::Array::of1(&other.as_str().into());
            let format = js_sys::Intl::NumberFormat::new(&tags, &options).format();
            format
                .call1(&wasm_bindgen::JsValue::NULL, &(tenths as f64 / 10.0).into())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
        }
    }
}

/// The permissions' Facebook scope names, as a list.
pub fn permissions(permissions: &[Permission], locale: Locale) -> String {
    list(&permissions.iter().map(|p| p.scope().to_owned()).collect::<Vec<_>>(), locale)
}

fn intl_options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options
}

fn js_date(at: EpochMs) -> js_sys::Date {
    js_sys::Date::new(&(at as f64).into())
}

/// "14:05" / "2:05 PM": a message's time, in the browser's time zone.
pub fn time(at: EpochMs, locale: Locale) -> String {
    let options = intl_options(&[("hour", "numeric"), ("minute", "2-digit")]);
    js_date(at).to_locale_time_string_with_options(locale.formats_as().as_str(), &options).into()
}

/// "Monday, November 30, 2026 at 2:05 PM": for assistive technology and on hover.
pub fn date_time(at: EpochMs, locale: Locale) -> String {
    let options = intl_options(&[("dateStyle", "full"), ("timeStyle", "short")]);
    js_date(at).to_locale_string(locale.formats_as().as_str(), &options).into()
}

/// "3 minutes ago" / "3 分前", from `domain::reply_window::ago_parts`: what
/// `Intl.RelativeTimeFormat` writes for `en` and `ja` (a browser test holds them equal), put
/// together here because the browser's formatter costs about 12 ms to start, on the settings
/// page's first render.
pub fn ago(value: i64, unit: AgoUnit, locale: Locale) -> String {
    let n = grouped(value);
    match locale.formats_as() {
        Locale::Ja => {
            let unit = match unit {
                AgoUnit::Minute => "分",
                AgoUnit::Hour => "時間",
                AgoUnit::Day => "日",
            };
            format!("{n} {unit}前")
        }
        Locale::En => format!("{n} {}{} ago", unit.as_str(), if value == 1 { "" } else { "s" }),
        other => {
            let options = intl_options(&[("numeric", "always")]);
            let tags = js_sys::Array::of1(&other.as_str().into());
            js_sys::Intl::RelativeTimeFormat::new(&tags, &options).format(-(value as f64), unit.as_str()).into()
        }
    }
}

/// "1,234": both languages group thousands with a comma.
fn grouped(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::from(if value < 0 { "-" } else { "" });
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The calendar day `at` falls on, in the browser's time zone: a thread's messages are
/// grouped by it.
pub fn day(at: EpochMs) -> (u32, u32, u32) {
    let d = js_date(at);
    (d.get_full_year(), d.get_month(), d.get_date())
}

/// The calendar day `at` falls on, from its midnight to the next, in the browser's time zone
/// (a day of a clock change is 23 or 25 hours).
pub fn day_span(at: EpochMs) -> std::ops::Range<EpochMs> {
    let d = js_date(at);
    d.set_hours(0);
    d.set_minutes(0);
    d.set_seconds(0);
    d.set_milliseconds(0);
    let start = d.get_time() as EpochMs;
    d.set_date(d.get_date() + 1);
    start..d.get_time() as EpochMs
}

/// "28 November" / "11月28日", with the year only when it is not this year's.
pub fn day_name(at: EpochMs, now: EpochMs, locale: Locale) -> String {
    let same_year = day(at).0 == day(now).0;
    let options = if same_year {
        intl_options(&[("day", "numeric"), ("month", "long")])
    } else {
        intl_options(&[("day", "numeric"), ("month", "long"), ("year", "numeric")])
    };
    js_date(at).to_locale_date_string(locale.formats_as().as_str(), &options).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_date_reads_as_intl_writes_it() {
        assert_eq!(long_date(2026, 10, 20, Locale::En), "November 20, 2026");
        assert_eq!(long_date(2026, 10, 20, Locale::Ja), "2026年11月20日");
        assert_eq!(long_date(2027, 0, 1, Locale::En), "January 1, 2027");
        assert_eq!(long_date(2027, 0, 1, Locale::Ja), "2027年1月1日");
    }

    #[test]
    fn how_long_ago_reads_as_intl_writes_it() {
        assert_eq!(ago(1, AgoUnit::Minute, Locale::En), "1 minute ago");
        assert_eq!(ago(3, AgoUnit::Hour, Locale::En), "3 hours ago");
        assert_eq!(ago(1234, AgoUnit::Day, Locale::En), "1,234 days ago");
        assert_eq!(ago(3, AgoUnit::Minute, Locale::Ja), "3 分前");
        assert_eq!(ago(1234567, AgoUnit::Day, Locale::Ja), "1,234,567 日前");
    }
}
