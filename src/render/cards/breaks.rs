//! Where a card's lines break: at spaces, after a hyphen inside a word, never before a dash
//! or at a no-break space, and between the characters of a word too wide for a line. Lines
//! are filled greedily to a width measured by `measure.rs`; which width and size to fill
//! them to is `fit.rs`'s choice.

use super::measure::{Face, QUESTION};

impl Face {
    /// `text` in lines no wider than `max_width` at `font_size`: broken at spaces, after a
    /// hyphen inside a word, and, for a word wider than a line on its own, between its
    /// characters. Runs of white space become one space.
    pub fn wrap(&self, text: &str, font_size: f32, max_width: f32) -> Vec<String> {
        let fits = |line: &str| self.width(line, font_size) <= max_width;
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for (glue, piece) in pieces(text) {
            let longer = format!("{line}{glue}{piece}");
            if line.is_empty() {
                line = piece;
            } else if fits(&longer) {
                line = longer;
            } else {
                lines.push(std::mem::replace(&mut line, piece));
            }
            if !fits(&line) {
                let mut parts = split_word(&line, fits);
                line = parts.pop().unwrap_or_default();
                lines.extend(parts);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// `Face::wrap` in the question's face (bold serif).
pub fn wrap(text: &str, font_size: f32, max_width: f32) -> Vec<String> {
    QUESTION.wrap(text, font_size, max_width)
}

/// The pieces between which a line may break, each with what joins it to the one before:
/// a space, or nothing after a hyphen. A dash standing alone stays with the word before
/// it, so that no line starts with one.
fn pieces(text: &str) -> Vec<(&'static str, String)> {
    let mut pieces: Vec<(&'static str, String)> = Vec::new();
    for word in text.split(breaking_space).filter(|w| !w.is_empty()) {
        match pieces.last_mut() {
            Some((_, last)) if is_dash(word) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => {
                let mut glue = " ";
                for part in after_hyphens(word) {
                    pieces.push((glue, part.to_owned()));
                    glue = "";
                }
            }
        }
    }
    pieces
}

/// White space a line may break at: not the no-break spaces, which authors put where a
/// line must not break (`5 000`, `т. е.`).
pub(super) fn breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "–" | "—")
}

/// `word` split after each hyphen (or en dash, as in `1939–1945`) that has a letter or a
/// digit on both sides: `северо-западный` is `северо-` and `западный`.
fn after_hyphens(word: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for pair in chars.windows(3) {
        let [(_, before), (i, c), (_, after)] = [pair[0], pair[1], pair[2]];
        if matches!(c, '-' | '\u{2010}' | '–')
            && before.is_alphanumeric()
            && after.is_alphanumeric()
        {
            let end = i + c.len_utf8();
            parts.push(&word[start..end]);
            start = end;
        }
    }
    parts.push(&word[start..]);
    parts
}

/// A word wider than a line on its own, in pieces that each `fit`, broken between
/// characters (never before a combining mark).
fn split_word(word: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    for c in word.chars() {
        let longer = format!("{part}{c}");
        if part.is_empty() || is_combining(c) || fits(&longer) {
            part = longer;
        } else {
            // A dash kept with its word is joined to it by a space, where it may break.
            let next = if c == ' ' {
                String::new()
            } else {
                c.to_string()
            };
            parts.push(std::mem::replace(&mut part, next));
        }
    }
    parts.push(part);
    parts
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::cards::measure::width;
    use crate::render::cards::testing::{RUSSIAN, text};
    use proptest::prelude::*;

    /// The words of `text`, as a line shows them once joined again.
    fn words(text: &str) -> Vec<String> {
        text.split(breaking_space)
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Whether `lines` are `text`'s words in order, each line ending where `text` has a
    /// space or after a hyphen.
    fn breaks_only_at_spaces_and_hyphens(text: &str, lines: &[String]) -> bool {
        let text = words(text).join(" ");
        let mut rest = text.as_str();
        for line in lines {
            let Some(after) = rest.strip_prefix(line.as_str()) else {
                return false;
            };
            rest = match after.strip_prefix(' ') {
                Some(after_space) => after_space,
                None if after.is_empty() || line.ends_with(['-', '–']) => after,
                None => return false,
            };
        }
        rest.is_empty()
    }

    #[test]
    fn a_long_question_is_broken_at_spaces_into_lines_that_fit() {
        let lines = wrap(RUSSIAN, 72.0, 1040.0);
        assert_eq!(
            lines,
            [
                "Что произошло после того,",
                "как требования России",
                "отвергли?"
            ]
        );
        assert!(lines.iter().all(|l| width(l, 72.0) <= 1040.0));
    }

    #[test]
    fn a_short_text_is_one_line_with_its_spaces_collapsed() {
        assert_eq!(
            wrap("  Чого саме\n вимагала\tРосія? ", 72.0, 1040.0),
            ["Чого саме вимагала Росія?"]
        );
        assert!(wrap(" \n ", 72.0, 1040.0).is_empty());
    }

    #[test]
    fn a_hyphenated_word_breaks_after_its_hyphen_when_it_does_not_fit() {
        let limit = width("Пакт о ненападении северо-", 40.0) + 1.0;
        let lines = wrap("Пакт о ненападении северо-западный", 40.0, limit);
        assert_eq!(lines, ["Пакт о ненападении северо-", "западный"]);
    }

    #[test]
    fn a_dash_never_starts_a_line() {
        let limit = width("Россия —", 40.0) + 1.0;
        let lines = wrap("Россия — это страна", 40.0, limit);
        assert_eq!(lines[0], "Россия —");
        assert!(lines.iter().all(|l| !l.starts_with('—')));
    }

    #[test]
    fn a_no_break_space_keeps_its_words_together() {
        let limit = width("в 1939", 40.0) + 1.0;
        let lines = wrap("в\u{a0}1939 году", 40.0, limit);
        assert_eq!(lines[0], "в\u{a0}1939");
    }

    #[test]
    fn a_word_wider_than_a_line_is_broken_between_its_characters() {
        let word = "Donaudampfschifffahrtsgesellschaftskapitänswitwe";
        let lines = wrap(word, 72.0, 500.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| width(l, 72.0) <= 500.0));
        assert_eq!(lines.concat(), word);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn no_line_is_wider_than_the_limit_and_every_word_is_kept(
            text in text(),
            size in 20.0f32..90.0,
            max_width in 400.0f32..1100.0,
        ) {
            let lines = wrap(&text, size, max_width);
            for line in &lines {
                prop_assert!(width(line, size) <= max_width, "{line:?} is too wide");
                prop_assert!(!line.starts_with(' ') && !line.ends_with(' '));
            }
            // A word wider than a whole line is the only one that may be split elsewhere.
            let unsplit = words(&text)
                .iter()
                .all(|w| after_hyphens(w).iter().all(|p| width(p, size) <= max_width));
            prop_assert!(breaks_only_at_spaces_and_hyphens(&text, &lines) || !unsplit);
            prop_assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }
}
