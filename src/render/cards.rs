//! A page's share card: the 1200×630 PNG that a link to the page shows when it is shared
//! (its Open Graph image), with the page's section, its question, and the site's title and
//! address.
//!
//! A card is an SVG template ([`DEFAULT_TEMPLATE`], which a site may replace) filled in with
//! a [`Card`]'s values, then drawn by [`draw`] with resvg. Only the fonts shipped in
//! `cards/fonts/` are ever used, never the system's, and nothing is read from disk, so a
//! card does not depend on what a machine has installed. What this module does not do:
//! render the template (the caller's Tera does, with autoescape on for `.svg`), decide
//! which pages get a card, or write files.

mod png_file;
mod text;

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia::Pixmap;
use resvg::usvg::{self, fontdb};
use serde::Serialize;

pub use text::{fit, width, wrap};

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
        let (font_size, lines) =
            text::QUESTION.fit(question, &QUESTION_SIZES, TEXT_WIDTH, question_lines);
        let address = one_line(
            &text::SITE_TITLE,
            address,
            SITE_TITLE_SIZE,
            TEXT_WIDTH / 2.0,
        );
        let beside = match address.is_empty() {
            true => 0.0,
            false => text::SITE_TITLE.width(&address, SITE_TITLE_SIZE) + ADDRESS_GAP,
        };
        let site_title = match site_title.trim() == question.trim() {
            true => String::new(),
            false => one_line(
                &text::SITE_TITLE,
                site_title,
                SITE_TITLE_SIZE,
                TEXT_WIDTH - beside,
            ),
        };
        Card {
            section: one_line(
                &text::SECTION,
                &section.to_uppercase(),
                SECTION_SIZE,
                TEXT_WIDTH,
            ),
            question: question.to_owned(),
            lines: baselines(lines, font_size),
            font_size,
            site_title,
            address,
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
fn one_line(face: &text::Face, text: &str, font_size: f32, max_width: f32) -> String {
    let (_, mut lines) = face.fit(text, &[font_size], max_width, |_| 1);
    lines.pop().unwrap_or_default()
}

/// The embedded fonts, and only them. Made once: every card of a build, on every core,
/// shares it.
static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut fonts = fontdb::Database::new();
    for data in [text::SERIF_BOLD, text::SANS_BOLD, text::SANS] {
        fonts.load_font_source(fontdb::Source::Binary(Arc::new(data)));
    }
    // A family the fonts don't have falls back to the serif one (usvg's rule), so it
    // must be one of them too.
    fonts.set_serif_family("Noto Serif");
    fonts.set_sans_serif_family("Noto Sans");
    fonts.set_monospace_family("Noto Sans");
    fonts.set_cursive_family("Noto Sans");
    fonts.set_fantasy_family("Noto Sans");
    Arc::new(fonts)
});

/// The card `svg` (a filled-in template) drawn as a [`WIDTH`]×[`HEIGHT`] PNG. An SVG of
/// another size is scaled to fill the card. The same SVG always gives the same bytes, and
/// the PNG says what it was drawn from (see [`is_drawn_from`]).
pub fn draw(svg: &str) -> Result<Vec<u8>, String> {
    png_file::encode(&pixmap(svg)?, &png_file::Label::of(svg))
}

/// Whether `png` is the whole card that [`draw`] makes of `svg` with this version of the
/// engine, so it need not be drawn again.
pub fn is_drawn_from(png: &[u8], svg: &str) -> bool {
    png_file::Label::of(svg).is_on(png)
}

/// The error [`draw`] would give for `svg`, without drawing it.
pub fn check(svg: &str) -> Result<(), String> {
    tree(svg).map(drop)
}

/// The card `svg` drawn, as pixels.
fn pixmap(svg: &str) -> Result<Pixmap, String> {
    let tree = tree(svg)?;
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("a card is not empty");
    let size = tree.size();
    let scale = resvg::tiny_skia::Transform::from_scale(
        WIDTH as f32 / size.width(),
        HEIGHT as f32 / size.height(),
    );
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// The card `svg` read, its text laid out with the embedded fonts.
fn tree(svg: &str) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        fontdb: Arc::clone(&FONTS),
        font_family: "Noto Sans".to_owned(),
        // An `<image>` may embed a picture (a data: URL) but not read a file: what a
        // card shows can't depend on the folder the build runs in.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_string: Box::new(|_, _| None),
            ..usvg::ImageHrefResolver::default()
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| format!("the card is not valid SVG: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "What happened after Russia’s demands were turned down?";
    const RUSSIAN: &str = "Что произошло после того, как требования России отвергли?";
    const UKRAINIAN: &str = "Чого саме вимагала Росія?";
    /// Longer than any question should be: it has to be cut.
    const LONG_RUSSIAN: &str = "Почему переговоры о гарантиях безопасности в Европе, начатые в декабре 2021 года по инициативе Москвы, закончились ничем, и что Россия, США и НАТО предлагали друг другу до 24 февраля 2022 года?";
    const BACKGROUND: [u8; 4] = [0xfb, 0xfa, 0xf7, 0xff];
    const ACCENT: [u8; 4] = [0xb3, 0x26, 0x1e, 0xff];

    /// The default template filled in, as the build renders it: Tera with autoescape on.
    fn svg(card: &Card) -> String {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".svg"]);
        tera.add_raw_template("card.svg", DEFAULT_TEMPLATE).unwrap();
        let context = tera::Context::from_serialize(card).unwrap();
        tera.render("card.svg", &context).unwrap()
    }

    fn card(section: &str, question: &str) -> Card {
        Card::new(
            section,
            question,
            ("The road to war, explained", "example.org/explainer"),
            "ru",
        )
    }

    /// The PNG's width, height and pixels, as RGBA.
    fn decode(png: &[u8]) -> (u32, u32, Vec<[u8; 4]>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
        let mut reader = decoder.read_info().unwrap();
        let mut data = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut data).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgba);
        let pixels = data.chunks(4).map(|p| [p[0], p[1], p[2], p[3]]).collect();
        (info.width, info.height, pixels)
    }

    /// The pixels as RGBA, not premultiplied.
    fn rgba(pixmap: &Pixmap) -> Vec<[u8; 4]> {
        let straight = pixmap.pixels().iter().map(|p| p.demultiply());
        straight
            .map(|c| [c.red(), c.green(), c.blue(), c.alpha()])
            .collect()
    }

    /// Every text of the drawn SVG, as usvg read it.
    fn texts(svg: &str) -> Vec<String> {
        fn walk(group: &usvg::Group, texts: &mut Vec<String>) {
            for node in group.children() {
                match node {
                    usvg::Node::Group(g) => walk(g, texts),
                    usvg::Node::Text(t) => {
                        texts.extend(t.chunks().iter().map(|c| c.text().to_owned()))
                    }
                    _ => {}
                }
            }
        }
        let options = usvg::Options {
            fontdb: Arc::clone(&FONTS),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &options).unwrap();
        let mut texts = Vec::new();
        walk(tree.root(), &mut texts);
        texts
    }

    #[test]
    fn a_card_is_a_1200_by_630_png() {
        let png = draw(&svg(&card("Переговоры", RUSSIAN))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let (width, height, _) = decode(&png);
        assert_eq!((width, height), (1200, 630));
    }

    #[test]
    fn the_png_has_every_pixel_as_drawn() {
        let card = pixmap(&svg(&card("Переговоры", RUSSIAN))).unwrap();
        let png = png_file::encode(&card, &png_file::Label::of("")).unwrap();
        assert_eq!(png[25], 3, "a card's few colours are stored as a palette");
        assert_eq!(decode(&png).2, rgba(&card));
        // A site's card with a gradient has more colours than a palette holds, and one
        // with a see-through background needs alpha.
        let gradient = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><linearGradient id="g"><stop offset="0" stop-color="#b3261e"/><stop offset="1" stop-color="#0a5394" stop-opacity="0.5"/></linearGradient><rect width="1200" height="630" fill="url(#g)"/></svg>"##;
        let gradient = pixmap(gradient).unwrap();
        let png = png_file::encode(&gradient, &png_file::Label::of("")).unwrap();
        assert_eq!(png[25], 6, "RGBA");
        assert_eq!(decode(&png).2, rgba(&gradient));
    }

    #[test]
    fn the_same_card_is_always_the_same_bytes() {
        let svg = svg(&card("Переговоры", RUSSIAN));
        let first = draw(&svg).unwrap();
        let on_other_threads: Vec<Vec<u8>> = std::thread::scope(|scope| {
            let drawing: Vec<_> = (0..2)
                .map(|_| scope.spawn(|| draw(&svg).unwrap()))
                .collect();
            drawing.into_iter().map(|t| t.join().unwrap()).collect()
        });
        assert!(on_other_threads.iter().all(|png| *png == first));
        assert_ne!(first, draw(&svg.replace("России", "Украины")).unwrap());
    }

    #[test]
    fn a_card_with_a_long_cyrillic_question_is_under_100_kb() {
        for question in [LONG_RUSSIAN, RUSSIAN, UKRAINIAN, ENGLISH] {
            let png = draw(&svg(&card("Переговоры о безопасности", question))).unwrap();
            assert!(png.len() < 100_000, "{} bytes for {question}", png.len());
        }
    }

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
    fn the_section_is_in_capitals_and_empty_without_one() {
        assert_eq!(card("Хроника", ENGLISH).section, "ХРОНИКА");
        assert_eq!(card("", ENGLISH).section, "");
        assert!(!svg(&card("", ENGLISH)).contains("letter-spacing"));
    }

    #[test]
    fn markup_in_the_text_is_drawn_as_text() {
        let question = r#"Is 1 < 2 & 3 > 2, "said" the <b>author</b>'s note?"#;
        let card = Card::new(
            "Q&A <i>",
            question,
            ("Tom & Jerry's \"site\"", "a.org/?q=1&b=<2>"),
            "en",
        );
        let svg = svg(&card);
        assert!(svg.contains("Q&amp;A &lt;I&gt;"), "{svg}");
        let drawn = texts(&svg);
        assert!(drawn.contains(&"Q&A <I>".to_owned()), "{drawn:?}");
        assert!(
            drawn.contains(&"Tom & Jerry's \"site\"".to_owned()),
            "{drawn:?}"
        );
        assert!(drawn.contains(&"a.org/?q=1&b=<2>".to_owned()), "{drawn:?}");
        let question_lines: Vec<String> = card.lines.iter().map(|l| l.text.clone()).collect();
        assert_eq!(drawn[1..drawn.len() - 2], question_lines);
        assert!(draw(&svg).is_ok());
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
        assert!(text::SITE_TITLE.width(&page.site_title, SITE_TITLE_SIZE) <= room);
        let no_address = Card::new("Map", "Where?", (long_title, ""), "en");
        assert_eq!(no_address.site_title, long_title);
    }

    fn width_of_address(address: &str) -> f32 {
        text::SITE_TITLE.width(address, SITE_TITLE_SIZE)
    }

    #[test]
    fn svg_that_is_not_well_formed_is_an_error_not_a_blank_card() {
        let unescaped = DEFAULT_TEMPLATE.replace("{{ site_title }}", "Tom & Jerry");
        let err = draw(&unescaped).unwrap_err();
        assert!(err.starts_with("the card is not valid SVG"), "{err}");
    }

    #[test]
    fn a_card_reads_no_file_and_no_system_font() {
        let dir = tempfile::tempdir().unwrap();
        let red = dir.path().join("red.svg");
        std::fs::write(&red, r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>"#).unwrap();
        let svg = |body: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="white"/>{body}</svg>"#
            )
        };
        let drawn = |svg: String| rgba(&pixmap(&svg).unwrap());
        let blank = drawn(svg(""));
        let image = format!(
            r#"<image href="{}" width="1200" height="630"/>"#,
            red.display()
        );
        assert!(drawn(svg(&image)) == blank, "the file's picture was drawn");
        // DejaVu Sans is on this machine (and on CI's); a card falls back to its own serif.
        let text = |family: &str| {
            svg(&format!(
                r#"<text x="80" y="300" font-size="60" font-family="{family}">Шрифт</text>"#
            ))
        };
        assert!(
            drawn(text("DejaVu Sans")) == drawn(text("Noto Serif")),
            "a system font was used"
        );
        assert!(drawn(text("Noto Sans")) != drawn(text("Noto Serif")));
    }
}
