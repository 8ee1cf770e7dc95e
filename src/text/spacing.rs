//! The spaces a language's typography keeps from breaking: in Russian and Ukrainian, a
//! one-letter word (a preposition or conjunction: «в», «с», «і») never ends a line, and a
//! dash never starts one. The space after the word and the space before the dash become
//! no-break spaces. Languages without such rules are left as written.

use std::borrow::Cow;

const NBSP: char = '\u{a0}';

/// One language's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spacing {
    /// The one-letter words that are bound to the next word, in lower case.
    short_words: &'static [char],
}

const RUSSIAN: Spacing = Spacing {
    short_words: &['а', 'в', 'и', 'к', 'о', 'с', 'у', 'я'],
};
const UKRAINIAN: Spacing = Spacing {
    short_words: &['а', 'в', 'з', 'і', 'й', 'о', 'у', 'я'],
};

impl Spacing {
    /// The rules of the language tagged `language` (`ru`, `uk-UA`), if it has any.
    pub fn of(language: &str) -> Option<Spacing> {
        let primary = language.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "ru" => Some(RUSSIAN),
            "uk" => Some(UKRAINIAN),
            _ => None,
        }
    }

    /// `text` with the spaces that must not break made no-break; text that needs none is
    /// returned as it is.
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let chars: Vec<char> = text.chars().collect();
        let binds = |i: usize| {
            chars[i] == ' '
                && (self.before_dash(&chars, i) || (i > 0 && self.after_short_word(&chars, i)))
        };
        if !(0..chars.len()).any(binds) {
            return Cow::Borrowed(text);
        }
        let out = (0..chars.len())
            .map(|i| if binds(i) { NBSP } else { chars[i] })
            .collect();
        Cow::Owned(out)
    }

    fn before_dash(&self, chars: &[char], space: usize) -> bool {
        space > 0 && matches!(chars.get(space + 1), Some('—' | '–'))
    }

    /// The space at `space` follows a word of one letter that is one of the language's
    /// short words.
    fn after_short_word(&self, chars: &[char], space: usize) -> bool {
        let letter = chars[space - 1];
        let starts_word = space < 2
            || chars[space - 2].is_whitespace()
            || matches!(chars[space - 2], '(' | '[' | '«' | '„' | '“' | '"');
        let lower = letter.to_lowercase().next().unwrap_or(letter);
        starts_word && self.short_words.contains(&lower)
    }
}

#[cfg(test)]
mod tests {
    use super::Spacing;

    fn ru(text: &str) -> String {
        Spacing::of("ru")
            .unwrap()
            .apply(text)
            .replace('\u{a0}', "~")
    }

    #[test]
    fn a_one_letter_preposition_is_bound_to_the_next_word() {
        assert_eq!(ru("встреча в Женеве и в Риме"), "встреча в~Женеве и~в~Риме");
        assert_eq!(ru("В Женеве"), "В~Женеве");
        assert_eq!(ru("(с 2022 года)"), "(с~2022 года)");
    }

    #[test]
    fn a_dash_is_bound_to_the_word_before_it() {
        assert_eq!(ru("НАТО — альянс"), "НАТО~— альянс");
        assert_eq!(ru("1997 – 2022"), "1997~– 2022");
    }

    #[test]
    fn the_end_of_a_longer_word_is_not_a_short_word() {
        assert_eq!(ru("слова и дела"), "слова и~дела");
        assert_eq!(ru("НАТО в"), "НАТО в");
        assert_eq!(ru("тест-с проверкой"), "тест-с проверкой");
    }

    #[test]
    fn ukrainian_has_its_own_short_words_and_english_none() {
        let uk = Spacing::of("uk").unwrap();
        assert_eq!(uk.apply("Україна і НАТО"), "Україна і\u{a0}НАТО");
        assert_eq!(uk.apply("и так"), "и так");
        assert!(Spacing::of("en-GB").is_none());
        assert!(matches!(
            Spacing::of("ru").unwrap().apply("без правил"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
