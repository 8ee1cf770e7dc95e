//! What depends on the language beyond its words: dates, plural forms and alphabetical
//! order, as CLDR has them (through ICU4X), never from tables of our own. `en-GB` writes 26 January 2022, `ru`
//! 26 января 2022 г., `uk` 26 січня 2022 р.; `en` (American English) January 26, 2022.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_datetime::input::Date as IcuDate;
use icu_datetime::{DateTimeFormatter, fieldsets};
use icu_locale_core::Locale;
use icu_plurals::{PluralRules, PluralRulesPreferences};

use crate::text::date::PartialDate;

/// The formatters of one language, made once per thread (they can't be shared between
/// threads) and kept: making one reads CLDR's data.
pub struct Language {
    day: DateTimeFormatter<fieldsets::YMD>,
    month: DateTimeFormatter<fieldsets::YM>,
    year: DateTimeFormatter<fieldsets::Y>,
    pub plurals: PluralRules,
    /// Alphabetical order: in Ukrainian, «Ґ» comes after «Г» and «І» after «И».
    pub collator: CollatorBorrowed<'static>,
}

/// The language of the BCP 47 `tag`. An unknown tag gets CLDR's root language, whose dates
/// are numeric.
pub fn language(tag: &str) -> Rc<Language> {
    thread_local! {
        static MADE: RefCell<HashMap<String, Rc<Language>>> = RefCell::default();
    }
    MADE.with_borrow_mut(|made| {
        let language = made
            .entry(tag.to_owned())
            .or_insert_with(|| Rc::new(Language::new(tag)));
        Rc::clone(language)
    })
}

impl Language {
    fn new(tag: &str) -> Language {
        let locale = Locale::try_from_str(tag).unwrap_or(Locale::UNKNOWN);
        let prefs = || (&locale).into();
        // CLDR's compiled data has every language these formatters need, with a fallback to
        // the root language: making them fails only if the data is broken, which is a bug.
        Language {
            day: DateTimeFormatter::try_new(prefs(), fieldsets::YMD::long())
                .expect("CLDR data for dates"),
            month: DateTimeFormatter::try_new(prefs(), fieldsets::YM::long())
                .expect("CLDR data for dates"),
            year: DateTimeFormatter::try_new(prefs(), fieldsets::Y::long())
                .expect("CLDR data for dates"),
            plurals: PluralRules::try_new_cardinal(PluralRulesPreferences::from(&locale))
                .expect("CLDR data for plurals"),
            collator: Collator::try_new((&locale).into(), CollatorOptions::default())
                .expect("CLDR data for collation"),
        }
    }

    /// `date` as this language writes it, as precisely as it is known.
    pub fn date(&self, date: &PartialDate) -> String {
        let day = |month: u8, day: u8| IcuDate::try_new_iso(i32::from(date.year), month, day);
        match (date.month, date.day) {
            (Some(m), Some(d)) => day(m, d).map(|d| self.day.format(&d).to_string()),
            (Some(m), None) => day(m, 1).map(|d| self.month.format(&d).to_string()),
            _ => day(1, 1).map(|d| self.year.format(&d).to_string()),
        }
        // A PartialDate is a real date: only a bug gets here.
        .unwrap_or_else(|_| date.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str, tag: &str) -> String {
        language(tag).date(&PartialDate::parse(s).unwrap())
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        assert_eq!(date("2022-01-26", "en-GB"), "26 January 2022");
        assert_eq!(date("2025-11", "en-GB"), "November 2025");
        assert_eq!(date("1999", "en-GB"), "1999");
        assert_eq!(date("2022-01-26", "ru"), "26 января 2022\u{202f}г.");
        assert_eq!(date("2022-01-26", "uk"), "26 січня 2022\u{202f}р.");
        assert_eq!(date("2022-01-26", "en"), "January 26, 2022");
    }

    #[test]
    fn words_sort_in_each_languages_alphabetical_order() {
        fn sort<'w>(tag: &str, words: &[&'w str]) -> Vec<&'w str> {
            let language = language(tag);
            let mut words = words.to_vec();
            words.sort_by(|a, b| language.collator.compare(a, b));
            words
        }
        assert_eq!(
            sort("uk", &["Італія", "Ґанок", "Бельгія", "Гана"]),
            ["Бельгія", "Гана", "Ґанок", "Італія"]
        );
        assert_eq!(
            sort("en-GB", &["eFP", "Article 10", "brigade"]),
            ["Article 10", "brigade", "eFP"]
        );
    }
}
