//! What the tests of a card's text, layout and drawing share: sample questions in the
//! site's three languages, the built-in template filled in as a build fills it, and a drawn
//! card read back, as pixels or as the texts usvg found in it.

use std::sync::Arc;

use proptest::prelude::*;
use resvg::usvg;

use super::draw::FONTS;
use super::{Card, DEFAULT_TEMPLATE};

pub const ENGLISH: &str = "What happened after Russia’s demands were turned down?";
pub const RUSSIAN: &str = "Что произошло после того, как требования России отвергли?";
pub const UKRAINIAN: &str = "Чого саме вимагала Росія?";
/// Longer than any question should be: it has to be cut.
pub const LONG_RUSSIAN: &str = "Почему переговоры о гарантиях безопасности в Европе, начатые в декабре 2021 года по инициативе Москвы, закончились ничем, и что Россия, США и НАТО предлагали друг другу до 24 февраля 2022 года?";

/// The default template filled in, as the build renders it: Tera with autoescape on.
pub fn svg(card: &Card) -> String {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".svg"]);
    tera.add_raw_template("card.svg", DEFAULT_TEMPLATE).unwrap();
    let context = tera::Context::from_serialize(card).unwrap();
    tera.render("card.svg", &context).unwrap()
}

/// The card of a page in `section` asking `question`, on the site the tests use.
pub fn card(section: &str, question: &str) -> Card {
    Card::new(
        section,
        question,
        ("The road to war, explained", "example.org/explainer"),
        "ru",
    )
}

/// The PNG's width, height and pixels, as RGBA.
pub fn decode(png: &[u8]) -> (u32, u32, Vec<[u8; 4]>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut data = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut data).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    let pixels = data.chunks(4).map(|p| [p[0], p[1], p[2], p[3]]).collect();
    (info.width, info.height, pixels)
}

/// Every text of the drawn SVG, as usvg read it.
pub fn texts(svg: &str) -> Vec<String> {
    fn walk(group: &usvg::Group, texts: &mut Vec<String>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, texts),
                usvg::Node::Text(t) => texts.extend(t.chunks().iter().map(|c| c.text().to_owned())),
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

/// Words of Latin and Cyrillic letters, some hyphenated, with punctuation.
pub fn text() -> impl Strategy<Value = String> {
    let word = "[a-zA-Zа-яА-ЯёЁіїєґІЇЄҐ’]{1,14}([-,.?!]|-[a-zа-я]{1,8})?";
    prop::collection::vec(word, 1..40).prop_map(|words| words.join(" "))
}
