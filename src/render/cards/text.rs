//! A card's text broken into lines by the widths it will be drawn with. Each candidate line
//! is shaped whole by the shaper resvg uses (harfrust), with the same embedded font, so a
//! measured line is exactly as wide as the drawn one, kerning included. The drawing itself
//! is in the parent module.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};

pub const SERIF_BOLD: &[u8] = include_bytes!("fonts/NotoSerif-Bold.ttf");
pub const SANS_BOLD: &[u8] = include_bytes!("fonts/NotoSans-Bold.ttf");
pub const SANS: &[u8] = include_bytes!("fonts/NotoSans-Regular.ttf");

/// The question's face, in which [`wrap`] and [`fit`] measure.
pub static QUESTION: LazyLock<Face> = LazyLock::new(|| Face::new(SERIF_BOLD, 0.0));
/// The section's face, with the letter spacing the card gives it (0.1 em at 24 px).
pub static SECTION: LazyLock<Face> = LazyLock::new(|| Face::new(SANS_BOLD, 2.4));
/// The site title's face.
pub static SITE_TITLE: LazyLock<Face> = LazyLock::new(|| Face::new(SANS, 0.0));

thread_local! {
    /// Lines already shaped on this thread, by face (its font's address) and text, with
    /// their width in em.
    static MEASURED: RefCell<HashMap<(usize, String), f32>> = RefCell::new(HashMap::new());
}
const MEASURED_AT_MOST: usize = 4096;

/// What a line ends with when the text goes on beyond the last line that fits.
const ELLIPSIS: &str = "…";

/// An embedded font as the card sets it, with the tables its shaper reads parsed once.
pub struct Face {
    data: &'static [u8],
    shaper: ShaperData,
    /// Extra advance after every character but the last, in px, as SVG's `letter-spacing`.
    letter_spacing: f32,
}

impl Face {
    fn new(data: &'static [u8], letter_spacing: f32) -> Face {
        let font = FontRef::new(data).expect("the embedded fonts are valid");
        Face {
            data,
            shaper: ShaperData::new(&font),
            letter_spacing,
        }
    }

    /// How wide `text` is in px, set on one line at `font_size` px.
    pub fn width(&self, text: &str, font_size: f32) -> f32 {
        // resvg spaces characters, not glyphs, and not after the last one.
        let gaps = text.chars().count().saturating_sub(1) as f32;
        self.em_width(text) * font_size + gaps * self.letter_spacing
    }

    /// How wide `text` is in em: shaped once, as breaking a text into lines at every size
    /// measures the same candidate lines again and again (sizes only scale the width).
    fn em_width(&self, text: &str) -> f32 {
        let key = (self.data.as_ptr() as usize, text.to_owned());
        if let Some(&width) = MEASURED.with_borrow(|m| m.get(&key).copied()).as_ref() {
            return width;
        }
        let font = FontRef::new(self.data).expect("the embedded fonts are valid");
        let shaper = self.shaper.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, ShapeOptions::new());
        let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
        let width = units as f32 / shaper.units_per_em() as f32;
        MEASURED.with_borrow_mut(|measured| {
            // A card measures a few hundred lines; a build, millions.
            if measured.len() >= MEASURED_AT_MOST {
                measured.clear();
            }
            measured.insert(key, width);
        });
        width
    }

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

    /// `text` at the largest of `sizes` at which it takes at most `max_lines(size)` lines,
    /// balanced (see [`Face::balance`]); if none, at the smallest, its last line ending in
    /// "…".
    ///
    /// # Panics
    /// If `sizes` is empty.
    pub fn fit(
        &self,
        text: &str,
        sizes: &[f32],
        max_width: f32,
        max_lines: impl Fn(f32) -> usize,
    ) -> (f32, Vec<String>) {
        let mut sizes = sizes.to_vec();
        sizes.sort_by(|a, b| b.total_cmp(a));
        let smallest = *sizes.last().expect("fit needs at least one size");
        let words = text.split(breaking_space).filter(|w| !w.is_empty());
        let one_line = words.collect::<Vec<_>>().join(" ");
        for &size in &sizes {
            // Quicker than breaking it: at this size, it is longer than all its lines.
            let breaks = max_lines(size) as f32 * self.width(" ", size);
            if self.width(&one_line, size) - breaks > max_lines(size) as f32 * max_width {
                continue;
            }
            let lines = self.wrap(text, size, max_width);
            if lines.len() <= max_lines(size) {
                return (size, self.balance(text, size, lines, max_width));
            }
        }
        let lines = self.wrap(text, smallest, max_width);
        let lines = self.ellipsize(lines, smallest, max_width, max_lines(smallest));
        (smallest, lines)
    }

    /// `text` in as many lines as `lines` (its lines at `max_width`), but as even as they can
    /// be: the narrowest width that still gives that many, as CSS's `text-wrap: balance`
    /// (the site's headings), so that a last line is not one word alone.
    fn balance(
        &self,
        text: &str,
        font_size: f32,
        lines: Vec<String>,
        max_width: f32,
    ) -> Vec<String> {
        if lines.len() < 2 {
            return lines;
        }
        // Lines can't all be narrower than their average (less a space at each break).
        let spaces = self.width(" ", font_size) * (lines.len() - 1) as f32;
        let all = self.width(&lines.join(" "), font_size) - spaces;
        let (mut too_narrow, mut wide_enough) = (all / lines.len() as f32, max_width);
        while wide_enough - too_narrow > 1.0 {
            let middle = (too_narrow + wide_enough) / 2.0;
            match self.wrap(text, font_size, middle).len() <= lines.len() {
                true => wide_enough = middle,
                false => too_narrow = middle,
            }
        }
        self.wrap(text, font_size, wide_enough)
    }

    /// The first `max_lines` of `lines`, the last of them cut at a word so that "…" fits
    /// after it.
    fn ellipsize(
        &self,
        mut lines: Vec<String>,
        font_size: f32,
        max_width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        lines.truncate(max_lines);
        let Some(last) = lines.pop() else {
            return lines;
        };
        let mut kept = last.as_str();
        loop {
            // A comma or a dash before the ellipsis reads as a typo.
            kept = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
            let line = format!("{kept}{ELLIPSIS}");
            if kept.is_empty() || self.width(&line, font_size) <= max_width {
                lines.push(line);
                return lines;
            }
            kept = shorter(kept);
        }
    }
}

/// [`Face::wrap`] in the question's face (bold serif).
pub fn wrap(text: &str, font_size: f32, max_width: f32) -> Vec<String> {
    QUESTION.wrap(text, font_size, max_width)
}

/// [`Face::fit`] in the question's face, with the same number of lines at every size.
///
/// # Panics
/// If `sizes` is empty.
pub fn fit(text: &str, sizes: &[f32], max_width: f32, max_lines: usize) -> (f32, Vec<String>) {
    QUESTION.fit(text, sizes, max_width, |_| max_lines)
}

/// How wide `text` is in px in the question's face at `font_size`: what [`wrap`] measures.
pub fn width(text: &str, font_size: f32) -> f32 {
    QUESTION.width(text, font_size)
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
fn breaking_space(c: char) -> bool {
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

/// `line` less its last word, or, if it is one word, less its last character.
fn shorter(line: &str) -> &str {
    match line.rfind(breaking_space) {
        Some(i) => &line[..i],
        None => {
            let mut chars = line.chars();
            chars.next_back();
            chars.as_str()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RUSSIAN: &str = "Что произошло после того, как требования России отвергли?";

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
    fn a_line_is_as_wide_as_its_glyphs_and_grows_with_the_size() {
        let small = width(RUSSIAN, 10.0);
        assert!(small > 100.0 && small < 400.0, "{small}");
        assert!((width(RUSSIAN, 80.0) - 8.0 * small).abs() < 0.01);
        assert!(width("W", 10.0) > width("i", 10.0));
    }

    #[test]
    fn letter_spacing_adds_between_characters_only() {
        let plain = Face::new(SANS_BOLD, 0.0).width("АБВ", 24.0);
        assert!((SECTION.width("АБВ", 24.0) - plain - 2.0 * 2.4).abs() < 0.01);
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

    #[test]
    fn fit_takes_the_largest_size_at_which_the_text_fits() {
        let (size, lines) = fit(RUSSIAN, &[48.0, 84.0, 64.0], 1040.0, 2);
        assert_eq!(size, 48.0, "84 and 64 px need three lines");
        assert_eq!(lines.len(), 2);
        assert!(!lines.concat().contains(ELLIPSIS));
        assert_eq!(
            fit("Чого саме вимагала Росія?", &[48.0, 84.0], 1040.0, 2).0,
            84.0
        );
    }

    #[test]
    fn fit_shrinks_before_it_cuts_and_cuts_at_the_smallest_size_with_an_ellipsis() {
        let long = format!("{RUSSIAN} {RUSSIAN} {RUSSIAN}");
        let (size, lines) = fit(&long, &[84.0, 64.0, 48.0], 1040.0, 3);
        assert_eq!(size, 48.0);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[..2], wrap(&long, 48.0, 1040.0)[..2]);
        let last = &lines[2];
        assert!(last.ends_with(ELLIPSIS), "{last}");
        assert!(
            !last.ends_with(",…"),
            "no comma before the ellipsis: {last}"
        );
        assert!(width(last, 48.0) <= 1040.0);
    }

    #[test]
    fn an_ellipsis_replaces_as_much_of_a_word_as_it_needs() {
        let word = "Donaudampfschifffahrtsgesellschaftskapitänswitwe";
        let (_, lines) = fit(word, &[72.0], 500.0, 1);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with(ELLIPSIS));
        assert!(width(&lines[0], 72.0) <= 500.0);
        assert!(fit("Что?", &[72.0], 500.0, 0).1.is_empty());
    }

    /// Words of Latin and Cyrillic letters, some hyphenated, with punctuation.
    fn text() -> impl Strategy<Value = String> {
        let word = "[a-zA-Zа-яА-ЯёЁіїєґІЇЄҐ’]{1,14}([-,.?!]|-[a-zа-я]{1,8})?";
        prop::collection::vec(word, 1..40).prop_map(|words| words.join(" "))
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

        #[test]
        fn fit_never_gives_more_lines_than_asked_nor_a_line_too_wide(
            text in text(),
            max_lines in 1usize..5,
        ) {
            let (size, lines) = fit(&text, &[72.0, 56.0, 40.0], 1040.0, max_lines);
            prop_assert!(lines.len() <= max_lines);
            prop_assert!(lines.iter().all(|l| width(l, size) <= 1040.0));
        }
    }
}
