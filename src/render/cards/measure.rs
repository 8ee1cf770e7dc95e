//! How wide a card's text is, in the face it will be drawn in. Each line is shaped whole by
//! the shaper resvg uses (harfrust), with the same embedded font, so a measured line is
//! exactly as wide as the drawn one, kerning included. Where a line may break is
//! `breaks.rs`'s job, and the size a text is set at `fit.rs`'s.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};

use super::fonts::{SANS, SANS_BOLD, SERIF_BOLD};

/// The question's face, in which [`wrap`](super::wrap) and [`fit`](super::fit()) measure.
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
}

/// How wide `text` is in px in the question's face at `font_size`: what
/// [`wrap`](super::wrap) measures.
pub fn width(text: &str, font_size: f32) -> f32 {
    QUESTION.width(text, font_size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::cards::testing::RUSSIAN;

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
}
