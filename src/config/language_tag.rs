//! A language tag (BCP 47), as `lang` and `hreflang` take it: `en-GB`, `ru`, `pt-BR`.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

/// A language tag that `icu_locale_core` reads as a locale: a language subtag, then
/// optionally a script, a region, variants and extensions. It is kept as written, since
/// it is written into every page's `lang`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageTag(String);

impl LanguageTag {
    /// The tag `tag`, or none if it is not one.
    pub fn parse(tag: &str) -> Option<LanguageTag> {
        icu_locale_core::Locale::try_from_str(tag)
            .is_ok()
            .then(|| LanguageTag(tag.to_owned()))
    }

    /// `und`: the language is not known (a site whose settings could not be read).
    pub fn undetermined() -> LanguageTag {
        LanguageTag("und".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language subtag, in lowercase: `en` for `en-GB`.
    pub fn primary(&self) -> String {
        primary(&self.0)
    }
}

/// The first subtag of what is written as a language tag, in lowercase: `en` for `en-GB`.
pub fn primary(tag: &str) -> String {
    tag.split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

impl Deref for LanguageTag {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Templates see the tag as written.
impl Serialize for LanguageTag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_by_icu_and_kept_as_written() {
        for good in [
            "en",
            "en-GB",
            "ru",
            "pt-BR",
            "sr-Latn-RS",
            "zh-Hant",
            "de-CH-1996",
        ] {
            assert_eq!(LanguageTag::parse(good).as_deref(), Some(good), "{good}");
        }
        assert_eq!(LanguageTag::parse("EN-gb").unwrap().primary(), "en");
        for bad in [
            "",
            "english please",
            "e",
            "en_GB",
            "en-",
            "123",
            "en-GB-toolongsubtag",
        ] {
            assert_eq!(LanguageTag::parse(bad), None, "{bad}");
        }
    }
}
