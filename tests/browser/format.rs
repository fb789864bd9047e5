use msg_ui::format;
use msg_ui::i18n::{keys, Locale};
use wasm_bindgen_test::wasm_bindgen_test;

/// `format::date` puts the long date together itself (the browser's formatter is slow to start):
/// it must read exactly as `Intl`'s long date style, in both languages, through a year of days.
#[wasm_bindgen_test]
fn a_long_date_is_what_intl_writes() {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into()).unwrap();
    let start = js_sys::Date::new_with_year_month_day(2026, 0, 1).get_time();
    for day in 0..400 {
        // Noon, so no clock change moves it to another day.
        let at = start + f64::from(day) * 86_400_000.0 + 43_200_000.0;
        for locale in Locale::ALL {
            let intl: String = js_sys::Date::new(&at.into()).to_locale_date_string(locale.as_str(), &options).into();
            assert_eq!(format::date(at as i64, locale), intl, "{locale:?}");
        }
    }
}

/// `format::ago` puts "3 minutes ago" together itself: it must read exactly as
/// `Intl.RelativeTimeFormat` (`numeric: "always"`) in both languages, for every unit it uses.
#[wasm_bindgen_test]
fn how_long_ago_is_what_intl_writes() {
    use msg_ui::domain::reply_window::AgoUnit;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"numeric".into(), &"always".into()).unwrap();
    for locale in Locale::ALL {
        let intl = js_sys::Intl::RelativeTimeFormat::new(&js_sys::Array::of1(&locale.as_str().into()), &options);
        for unit in AgoUnit::ALL {
            for value in (1..=130).chain([999, 1_000, 12_345, 1_234_567]) {
                let expected: String = intl.format(-(value as f64), unit.as_str()).into();
                assert_eq!(format::ago(value, unit, locale), expected, "{locale:?} {unit:?}");
            }
        }
    }
}

/// A count picks its form through `Intl.PluralRules`: "1 character left", never "1 characters".
#[wasm_bindgen_test]
fn a_count_reads_in_its_plural_form() {
    use msg_ui::i18n::counted;
    msg_ui::i18n::register_all_for_tests();
    let chars_left = |l: Locale| l.strings().get(keys::conversations::chars_left);
    assert_eq!(counted(Locale::En, chars_left(Locale::En), 1, &[]), "1 character left");
    assert_eq!(counted(Locale::En, chars_left(Locale::En), 0, &[]), "0 characters left");
    assert_eq!(counted(Locale::En, chars_left(Locale::En), 2, &[]), "2 characters left");
    assert_eq!(counted(Locale::Ja, chars_left(Locale::Ja), 1, &[]), "残り 1 文字");
    let pages = |l: Locale| l.strings().get(keys::wizard::connect_pages);
    assert_eq!(counted(Locale::En, pages(Locale::En), 2, &[]), "Connect 2 Pages");
}

/// A file's size in the languages other than English and Japanese is `Intl`'s: a decimal comma
/// and the language's own unit, rounded up to a tenth as the English label is.
#[wasm_bindgen_test]
fn a_size_reads_in_each_language() {
    // French puts a no-break space, narrow or not as the browser's CLDR has it, before the unit.
    let spaced = |s: String| s.replace(['\u{a0}', '\u{202f}'], " ");
    assert_eq!(format::size(2_340_000, Locale::En), "2.4 MB");
    assert_eq!(spaced(format::size(2_340_000, Locale::De)), "2,4 MB");
    assert_eq!(spaced(format::size(2_340_000, Locale::Fr)), "2,4 Mo");
    assert_eq!(spaced(format::size(182_400, Locale::Fr)), "183 ko");
}
