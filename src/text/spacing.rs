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
    /// returned as it is, without a copy (most of a page's text events need none).
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out: Option<String> = None;
        // The two characters before the current one, nearest last.
        let mut before: [Option<char>; 2] = [None, None];
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, c)| c);
            let binds =
                c == ' ' && (self.before_dash(before, next) || self.after_short_word(before));
            match (&mut out, binds) {
                (Some(out), _) => out.push(if binds { NBSP } else { c }),
                (None, true) => {
                    let mut copy = String::with_capacity(text.len() + 8);
                    copy.push_str(&text[..at]);
                    copy.push(NBSP);
                    out = Some(copy);
                }
                (None, false) => {}
            }
            before = [before[1], Some(c)];
        }
        out.map_or(Cow::Borrowed(text), Cow::Owned)
    }

    /// A space between a word and a dash.
    fn before_dash(&self, before: [Option<char>; 2], next: Option<char>) -> bool {
        before[1].is_some() && matches!(next, Some('—' | '–'))
    }

    /// A space after a word of one letter that is one of the language's short words.
    fn after_short_word(&self, before: [Option<char>; 2]) -> bool {
        let Some(letter) = before[1] else {
            return false;
        };
        let starts_word = before[0]
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '«' | '„' | '“' | '"'));
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
