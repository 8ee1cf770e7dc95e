//! A text in a box: the largest of the sizes offered at which its lines fit, the lines
//! balanced as the site's headings are, or, when it fits at none, cut at the smallest size
//! with "…". The lines themselves are broken by `breaks.rs`.

use super::breaks::breaking_space;
use super::measure::{Face, QUESTION};

/// What a line ends with when the text goes on beyond the last line that fits.
const ELLIPSIS: &str = "…";

impl Face {
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

/// `Face::fit` in the question's face, with the same number of lines at every size.
///
/// # Panics
/// If `sizes` is empty.
pub fn fit(text: &str, sizes: &[f32], max_width: f32, max_lines: usize) -> (f32, Vec<String>) {
    QUESTION.fit(text, sizes, max_width, |_| max_lines)
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
    use crate::render::cards::testing::{RUSSIAN, text};
    use crate::render::cards::{width, wrap};
    use proptest::prelude::*;

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

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

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
