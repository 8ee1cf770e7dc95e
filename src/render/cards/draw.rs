//! A card's SVG (its template filled in) drawn as a PNG by resvg, with the embedded fonts
//! only, never the system's, and reading no file, so that a card does not depend on what a
//! machine has installed or the folder the build runs in. What this module does not do:
//! render the template (the caller's Tera does, with autoescape on for `.svg`), decide
//! which pages get a card, or write files.

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia::Pixmap;
use resvg::usvg::{self, fontdb};

use super::fonts::{SANS, SANS_BOLD, SERIF_BOLD};
use super::layout::{HEIGHT, WIDTH};
use super::png_file;

/// The embedded fonts, and only them. Made once: every card of a build, on every core,
/// shares it.
pub(super) static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut fonts = fontdb::Database::new();
    for data in [SERIF_BOLD, SANS_BOLD, SANS] {
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
    use crate::render::cards::testing::{
        ENGLISH, LONG_RUSSIAN, RUSSIAN, UKRAINIAN, card, decode, svg, texts,
    };
    use crate::render::cards::{Card, DEFAULT_TEMPLATE};

    /// The pixels as RGBA, not premultiplied.
    fn rgba(pixmap: &Pixmap) -> Vec<[u8; 4]> {
        let straight = pixmap.pixels().iter().map(|p| p.demultiply());
        straight
            .map(|c| [c.red(), c.green(), c.blue(), c.alpha()])
            .collect()
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
