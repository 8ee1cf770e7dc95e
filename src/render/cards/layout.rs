//! A card's values, and the layout they are fitted to: the card's size, the box its text
//! stays in, the sizes the question is tried at, and where each of its lines goes. The
//! numbers are those of the built-in template ([`DEFAULT_TEMPLATE`]), which draws the
//! lines where this module puts them; a site's own template must keep its text in the same
//! box. Measuring and breaking the text is `measure.rs`'s, `breaks.rs`'s and `fit.rs`'s job;
//! drawing the filled-in template is `draw.rs`'s.

use serde::Serialize;

use super::measure::{Face, QUESTION, SECTION, SITE_TITLE};

/// A card's size in px: the 1.91:1 picture link previews show.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The built-in card template, a Tera template of an SVG; its values are a [`Card`]'s.
pub use crate::templates::CARD_TEMPLATE as DEFAULT_TEMPLATE;

// The layout, in px, as DEFAULT_TEMPLATE draws it: the text is measured here for the box
// the template puts it in.
/// The distance from every edge within which no text is drawn.
const MARGIN: f32 = 80.0;
const TEXT_WIDTH: f32 = WIDTH as f32 - 2.0 * MARGIN;
const SECTION_SIZE: f32 = 24.0;
const SITE_TITLE_SIZE: f32 = 28.0;
/// The date line's size, beside the section.
const DATE_SIZE: f32 = 24.0;
/// The least room between the site's title and its address.
const ADDRESS_GAP: f32 = 48.0;
/// The question's sizes, tried from the largest: a short question is set large.
const QUESTION_SIZES: [f32; 5] = [84.0, 72.0, 64.0, 56.0, 48.0];
/// Where the question's capitals start, below the section.
const QUESTION_TOP: f32 = 172.0;
/// How low the question's descenders may reach, above the rule over the site's title.
const QUESTION_BOTTOM: f32 = 450.0;
/// Baseline to baseline, in em: tight, as the site's headings.
const LINE_HEIGHT: f32 = 1.12;
/// Noto Serif's capital height and the depth of its descenders (`у`, `g`), in em.
const CAP_HEIGHT: f32 = 0.714;
const DESCENT: f32 = 0.24;

/// The values the card template gets, its text already fitted to the card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    /// The page's section, in capitals, cut to one line; empty if the page has none.
    pub section: String,
    /// The page's question (or its title), whole.
    pub question: String,
    /// The question broken into the lines to draw.
    pub lines: Vec<Line>,
    /// The size of the question's lines, in px.
    pub font_size: f32,
    /// The site's title, cut to fit beside the address; empty when the question says the
    /// same (on the home page, say), so the card doesn't show it twice.
    pub site_title: String,
    /// Where the site is, as people write it (`example.org/explainer`), cut to half the
    /// card's width; drawn at the right of the site's title.
    pub address: String,
    /// When the page was last updated, in its language ("Last updated 2 December 2026"),
    /// so that an old page shared today is not taken for news; drawn at the right of the
    /// section, which is cut to leave it room. Empty for an undated page.
    pub dated: String,
    /// The page's language, BCP 47.
    pub language: String,
}

/// A line of the question and the height of its baseline, in px from the card's top.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub text: String,
    pub y: u32,
}

impl Card {
    /// The card of a page in `section` (may be empty) asking `question`, on the site titled
    /// `site_title` at `address` (may be empty), in `language`.
    pub fn new(
        section: &str,
        question: &str,
        (site_title, address): (&str, &str),
        language: &str,
    ) -> Card {
        Card::dated(section, question, (site_title, address), (language, ""))
    }

    /// As [`Card::new`], with the date line `dated` (may be empty).
    pub fn dated(
        section: &str,
        question: &str,
        (site_title, address): (&str, &str),
        (language, dated): (&str, &str),
    ) -> Card {
        let dated = one_line(&SITE_TITLE, dated, DATE_SIZE, TEXT_WIDTH / 2.0);
        let section_width = match dated.is_empty() {
            true => TEXT_WIDTH,
            false => TEXT_WIDTH - SITE_TITLE.width(&dated, DATE_SIZE) - ADDRESS_GAP,
        };
        let (font_size, lines) =
            QUESTION.fit(question, &QUESTION_SIZES, TEXT_WIDTH, question_lines);
        let address = one_line(&SITE_TITLE, address, SITE_TITLE_SIZE, TEXT_WIDTH / 2.0);
        let beside = match address.is_empty() {
            true => 0.0,
            false => SITE_TITLE.width(&address, SITE_TITLE_SIZE) + ADDRESS_GAP,
        };
        let site_title = match site_title.trim() == question.trim() {
            true => String::new(),
            false => one_line(
                &SITE_TITLE,
                site_title,
                SITE_TITLE_SIZE,
                TEXT_WIDTH - beside,
            ),
        };
        Card {
            section: one_line(
                &SECTION,
                &section.to_uppercase(),
                SECTION_SIZE,
                section_width,
            ),
            question: question.to_owned(),
            lines: baselines(lines, font_size),
            font_size,
            site_title,
            address,
            dated,
            language: language.to_owned(),
        }
    }
}

/// How many lines of the question fit between its top and bottom at `font_size`.
fn question_lines(font_size: f32) -> usize {
    let first = (CAP_HEIGHT + DESCENT) * font_size;
    let room = QUESTION_BOTTOM - QUESTION_TOP - first;
    1 + (room / (LINE_HEIGHT * font_size)).floor().max(0.0) as usize
}

/// `lines` at `font_size`, each with its baseline: the first line's capitals at
/// [`QUESTION_TOP`].
fn baselines(lines: Vec<String>, font_size: f32) -> Vec<Line> {
    let first = QUESTION_TOP + CAP_HEIGHT * font_size;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| Line {
            text,
            y: (first + i as f32 * LINE_HEIGHT * font_size).round() as u32,
        })
        .collect()
}

/// `text` on one line no wider than `max_width`, cut with "…" if it is longer.
fn one_line(face: &Face, text: &str, font_size: f32, max_width: f32) -> String {
    let (_, mut lines) = face.fit(text, &[font_size], max_width, |_| 1);
    lines.pop().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::cards::testing::{
        ENGLISH, LONG_RUSSIAN, RUSSIAN, UKRAINIAN, card, decode, svg, texts,
    };
    use crate::render::cards::{draw, width, wrap};

    const BACKGROUND: [u8; 4] = [0xfb, 0xfa, 0xf7, 0xff];
    const ACCENT: [u8; 4] = [0xb3, 0x26, 0x1e, 0xff];

    #[test]
    fn no_text_is_drawn_outside_the_margins() {
        let overlong_words = "Donaudampfschifffahrtsgesellschaftskapitänswitwe ".repeat(5);
        let overlong_section = "Хроника переговоров ".repeat(8);
        for (section, question) in [
            (overlong_section.as_str(), LONG_RUSSIAN),
            ("Хроника", overlong_words.as_str()),
            (
                "Ґрунт",
                "ЇЖАК ЙОД ЩУКА Ё ҐАНОК ЄВРО ЇЇ ЙЙ ЩЩ УУ ЦЦ ДД ЙОД ЩУКА ҐАНОК ЇЖАК",
            ),
            ("", ENGLISH),
        ] {
            let card = Card::new(
                section,
                question,
                (&overlong_section, &overlong_section),
                "uk",
            );
            let (_, _, pixels) = decode(&draw(&svg(&card)).unwrap());
            for (i, pixel) in pixels.iter().enumerate() {
                let (x, y) = ((i % WIDTH as usize) as f32, (i / WIDTH as usize) as f32);
                let expected = match y < 12.0 {
                    true => ACCENT,
                    false => BACKGROUND,
                };
                // Lines are measured by their letters' advances, as type is set: a serif
                // may reach a pixel or two past the line's start or end.
                let inside = (MARGIN - 2.0..WIDTH as f32 - MARGIN + 2.0).contains(&x)
                    && (MARGIN..HEIGHT as f32 - MARGIN).contains(&y);
                assert!(
                    inside || *pixel == expected,
                    "ink at ({x}, {y}) of {question:?}"
                );
            }
        }
    }

    #[test]
    fn a_long_question_is_set_smaller_and_a_short_one_large() {
        let short = card("", UKRAINIAN);
        assert_eq!(short.font_size, QUESTION_SIZES[0]);
        assert!(short.lines.len() <= 2);
        let long = card("", LONG_RUSSIAN);
        assert_eq!(long.font_size, *QUESTION_SIZES.last().unwrap());
        assert!(long.lines.last().unwrap().text.ends_with('…'));
        assert_eq!(long.lines.len(), question_lines(long.font_size));
        let english = card("", ENGLISH);
        let ys: Vec<u32> = english.lines.iter().map(|l| l.y).collect();
        assert!(ys.windows(2).all(|w| w[1] > w[0]), "{ys:?}");
    }

    #[test]
    fn the_lines_are_balanced_not_greedy() {
        let card = card("", RUSSIAN);
        let lines: Vec<&str> = card.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines.len(), wrap(RUSSIAN, card.font_size, TEXT_WIDTH).len());
        let widths: Vec<f32> = lines.iter().map(|l| width(l, card.font_size)).collect();
        let (narrowest, widest) = (
            widths.iter().copied().fold(f32::MAX, f32::min),
            widths.iter().copied().fold(0.0, f32::max),
        );
        assert!(narrowest > widest * 0.6, "{lines:?}");
    }

    #[test]
    fn the_date_line_is_drawn_beside_the_section_which_leaves_it_room() {
        let section = "A section whose name runs on past half the card and more besides";
        let site = ("The site", "example.org/explainer");
        let undated = Card::new(section, "Why?", site, "en");
        let dated = Card::dated(
            section,
            "Why?",
            site,
            ("en", "Last updated 2 December 2026"),
        );
        assert_eq!(dated.dated, "Last updated 2 December 2026");
        assert!(dated.section.ends_with('…') && dated.section.len() < undated.section.len());
        let room = TEXT_WIDTH - ADDRESS_GAP - SITE_TITLE.width(&dated.dated, DATE_SIZE);
        assert!(SECTION.width(&dated.section, SECTION_SIZE) <= room);
        assert!(texts(&svg(&dated)).contains(&"Last updated 2 December 2026".to_owned()));
        assert!(undated.dated.is_empty());
        assert!(!svg(&undated).contains(
            "text-anchor=\"end\" fill=\"#585b61\" font-family=\"Noto Sans\" font-size=\"24\""
        ));
    }

    #[test]
    fn the_section_is_in_capitals_and_empty_without_one() {
        assert_eq!(card("Хроника", ENGLISH).section, "ХРОНИКА");
        assert_eq!(card("", ENGLISH).section, "");
        assert!(!svg(&card("", ENGLISH)).contains("letter-spacing"));
    }

    #[test]
    fn the_site_title_is_left_out_where_the_question_says_it_and_fits_beside_the_address() {
        let title = "What does Russia want from NATO?";
        let home = Card::new("Overview", title, (title, "example.org/explainer"), "en");
        assert_eq!(home.site_title, "");
        assert_eq!(home.address, "example.org/explainer");
        let drawn = texts(&svg(&home)).concat();
        assert_eq!(drawn.matches("NATO").count(), 1, "{drawn}");
        let long_title = "A site whose title runs on and on past any reasonable length";
        let page = Card::new("Map", "Where?", (long_title, "example.org/explainer"), "en");
        assert!(page.site_title.ends_with('…'), "{}", page.site_title);
        let room = TEXT_WIDTH - ADDRESS_GAP - width_of_address(&page.address);
        assert!(SITE_TITLE.width(&page.site_title, SITE_TITLE_SIZE) <= room);
        let no_address = Card::new("Map", "Where?", (long_title, ""), "en");
        assert_eq!(no_address.site_title, long_title);
    }

    fn width_of_address(address: &str) -> f32 {
        SITE_TITLE.width(address, SITE_TITLE_SIZE)
    }
}
