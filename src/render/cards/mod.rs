//! Share cards: the 1200×630 PNG that a link to a page shows when it is shared (its Open
//! Graph image), with the page's section, its question, and the site's title and address.
//!
//! This file is the feature as the renderer sees it: on a site that has cards
//! (`share_cards` and a base URL), where each page's card is published, what the page's
//! template says about it (`page.card`), and the card itself, rendered from the `card.svg`
//! template and drawn only when the live site does not already have it as it would be
//! drawn. The rest is in a file a job: `layout.rs` (a [`Card`]'s values and the box they
//! are fitted to), `measure.rs`, `breaks.rs` and `fit.rs` (how wide text is, where its lines
//! break, the size it is set at), `fonts.rs` (the only fonts a card uses), `draw.rs` (the
//! filled-in SVG drawn with resvg) and `png_file.rs` (the PNG's bytes, labelled so that a
//! rebuild can tell it need not draw a card again).

mod breaks;
mod draw;
mod fit;
pub mod fonts;
mod layout;
mod measure;
mod png_file;
#[cfg(test)]
mod testing;

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use tera::Context;

use super::Sink;
use super::context::Summary;
use crate::config::settings::Settings;
use crate::config::strings;
use crate::content::page::Page;
use crate::diagnostics::problem::Problem;
use crate::library::Library;
use crate::templates::Templates;
use crate::text::date::PartialDate;
use crate::text::locale;
use crate::urls::SitePath;

pub use breaks::wrap;
pub use draw::{check, draw, is_drawn_from};
pub use fit::fit;
pub use layout::{Card, DEFAULT_TEMPLATE, HEIGHT, Line, WIDTH};
pub use measure::width;

pub const TEMPLATE: &str = "card.svg";
const FOLDER: &str = "cards";

/// Whether this build publishes cards: a shared link's picture needs an absolute address.
pub fn enabled(settings: &Settings) -> bool {
    settings.share_cards && settings.base_url.is_some()
}

/// Where the card of the page at `page` is published: `cards/ru/demands.png` for
/// `ru/demands.html`.
pub fn path_of(page: &SitePath) -> SitePath {
    let stem = page.as_str().strip_suffix(".html").unwrap_or(page.as_str());
    SitePath::new(format!("{FOLDER}/{stem}.png"))
}

/// What templates see of a page's card, as `page.card`, for its Open Graph tags.
#[derive(Debug, Serialize)]
pub struct CardLink {
    /// Absolute, under the base URL.
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// What the card says, for readers who can't see it: the page's question.
    pub alt: String,
}

/// The card of the page of `summary`, if the site publishes one.
pub fn link(settings: &Settings, summary: &Summary) -> Option<CardLink> {
    let base = settings.base_url.as_deref().filter(|_| enabled(settings))?;
    Some(CardLink {
        url: format!("{base}{}", path_of(summary.url)),
        width: WIDTH,
        height: HEIGHT,
        alt: question_and_section(summary).0.to_owned(),
    })
}

/// What a page's card shows large, and the section above it: the page's question under
/// its title, or, for a page that asks nothing, its title alone.
fn question_and_section<'a>(summary: &Summary<'a>) -> (&'a str, &'a str) {
    match summary.question {
        Some(question) => (question, summary.title),
        None => (summary.title, ""),
    }
}

/// How many cards a build drew, and how many it found already drawn on the live site.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CardCount {
    pub drawn: usize,
    pub unchanged: usize,
}

/// Makes the cards of a build's pages, on all cores, and counts them.
pub struct Painter<'a> {
    library: &'a Library,
    /// Each edition's templates, by edition.
    templates: &'a [Templates],
    /// The site's address as the cards show it.
    address: &'a str,
    drawn: AtomicUsize,
    unchanged: AtomicUsize,
}

impl<'a> Painter<'a> {
    /// The painter of a site with cards; `None` for one without.
    pub fn new(library: &'a Library, templates: &'a [Templates]) -> Option<Painter<'a>> {
        let settings = &library.settings;
        let address = settings.address().filter(|_| enabled(settings))?;
        Some(Painter {
            library,
            templates,
            address,
            drawn: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    pub fn count(&self) -> CardCount {
        CardCount {
            drawn: self.drawn.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        }
    }

    /// "Last updated 2 December 2026", in the page's language; empty for an undated page.
    fn dated(&self, page: &Page, summary: &Summary) -> String {
        let Some(updated) = summary.updated else {
            return String::new();
        };
        let volume = self.library.volume(page.edition);
        let label = strings::plain(&volume.strings, "last_updated").unwrap_or("Last updated");
        let language = locale::language(volume.edition.language.as_str());
        format!("{label} {}", language.date(&PartialDate::from(updated)))
    }

    /// The card of `page` (whose summary is `summary`) for `sink`, where it goes and its
    /// PNG bytes: its template rendered, then the live site's card if that was drawn from
    /// the same SVG, or a new drawing. `None` for a sink that keeps no pictures (a
    /// preview), which still gets the template's and the SVG's mistakes.
    pub fn make(
        &self,
        (page, summary): (&Page, &Summary),
        sink: &dyn Sink,
    ) -> Result<Option<(SitePath, Vec<u8>)>, Problem> {
        let edition = &self.library.volume(page.edition).edition;
        let templates = &self.templates[page.edition.0];
        let (question, section) = question_and_section(summary);
        let site = (edition.title.as_str(), self.address);
        let dated = self.dated(page, summary);
        let card = Card::dated(section, question, site, (&edition.language, &dated));
        let context = Context::from_serialize(&card).expect("a card is a map of plain values");
        let svg = templates.render(TEMPLATE, &context, Some(page.file.source()))?;
        let not_svg = |message: String| {
            Problem::file(
                templates.shown(TEMPLATE),
                format!("{message} (the share card of {})", page.file.source().display()),
            )
            .with_hint("the card template must give well-formed SVG: check its tags, quotes and `&`s (values are escaped for you)")
        };
        if !sink.keeps_pictures() {
            return check(&svg).map(|()| None).map_err(not_svg);
        }
        let path = path_of(&page.path);
        if let Some(live) = sink.published(&path)
            && is_drawn_from(&live, &svg)
        {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(Some((path, live)));
        }
        let png = draw(&svg).map_err(not_svg)?;
        self.drawn.fetch_add(1, Ordering::Relaxed);
        Ok(Some((path, png)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_card_is_beside_it_under_cards() {
        let path = |p: &str| path_of(&SitePath::new(p)).to_string();
        assert_eq!(path("index.html"), "cards/index.png");
        assert_eq!(path("ru/demands.html"), "cards/ru/demands.png");
    }
}
