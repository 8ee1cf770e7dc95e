//! Markdown to HTML: CommonMark with GFM tables, footnotes, strikethrough and smart
//! punctuation, and this generator's features over pulldown-cmark's events, each in a file
//! of its own. First, the features that read the page as written ([`Observe`]rs):
//!
//! - [`words`]: counts the prose;
//! - [`raw_html`]: notes HTML the author wrote, to clean it once the page is written;
//! - [`images`]: checks images' files and alt text.
//!
//! Then the features that change it, each a [`Pass`], in this order:
//!
//! 1. [`citations`]: turns `[@id]` into numbered markers, so no later pass sees its text;
//! 2. [`footnotes`]: letters footnotes, so their markers are not taken for citations;
//! 3. [`glossary`]: links the first use of each glossary term, outside links, code and
//!    headings;
//! 4. [`links`]: rewrites links to `.md` files as relative URLs and checks them;
//! 5. [`headings`]: gives headings ids and self-links, and fills the table of contents;
//! 6. [`tables`]: opens aligned table cells with a class instead of a style;
//! 7. [`spacing`]: keeps the spaces the language's typography binds from breaking.
//!
//! A new feature is a new observer or pass, added in [`to_html`]. Links to another page's
//! headings can only be checked once every page is rendered, so they are returned in the
//! page's [`Outline`] for the caller to check.

pub mod citations;
mod footnotes;
pub mod glossary;
pub mod headings;
mod images;
pub mod links;
pub(crate) mod pass;
pub mod raw_html;
pub mod spacing;
mod tables;
pub mod targets;
pub mod terms;
mod words;

use std::collections::HashSet;

use pulldown_cmark::{BrokenLinkCallback, Event, Options, Parser, Tag};

use crate::config::strings::Strings;
use crate::content::data::Data;
pub use crate::content::outline::{AnchorRef, Citation, Location, Outline, TocEntry};
use crate::content::page::{Page, PageText};
use crate::diagnostics::problem::Problem;
use crate::markdown::targets::PageIndex;
use crate::markdown::terms::Glossary;
use crate::urls::SitePath;
pub use pass::{Context, Next, Observe, Pass, Then};

/// A page's body, rendered.
#[derive(Debug, Default)]
pub struct Body {
    pub html: String,
    pub outline: Outline,
    /// The sources the page cites, in the order of their numbers.
    pub citations: Vec<Citation>,
}

/// What a page's Markdown can refer to besides itself.
pub struct References<'a> {
    pub pages: &'a PageIndex,
    pub data: &'a Data,
    pub glossary: Option<&'a Glossary>,
    /// The page's edition's interface strings, for the engine's own words in the page.
    pub strings: &'a Strings,
    /// Raw HTML in Markdown is passed through as written instead of sanitised.
    pub trust_html: bool,
    /// Ids the page's templates give elements themselves: no heading takes one.
    pub reserved_ids: &'a HashSet<String>,
    /// The no-break spaces of the edition's language, if it has such rules.
    pub spacing: Option<crate::text::spacing::Spacing>,
    /// Site paths of every file the site will have (pages and static files), to check
    /// links and images that name a file.
    pub files: &'a HashSet<SitePath>,
}

/// The one way a page's body is parsed, so that the citation scan and the render read the
/// same events and number citations alike.
fn parser(body: &str) -> Parser<'_, impl BrokenLinkCallback<'_>> {
    Parser::new_with_broken_link_callback(body, options(), Some(citations::broken_link_callback))
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A page's body in one pass over its Markdown: its HTML, what it holds (headings,
/// anchors, citations, words) and its problems (errors and warnings), every one of them.
pub fn to_html(page: &Page, text: &PageText, refs: &References) -> (Body, Vec<Problem>) {
    let mut cx = Context::new(page, text, refs);
    let mut observers = (
        words::Words::default(),
        raw_html::RawHtml::default(),
        images::Images::default(),
    );
    let mut chain = pass::chain![
        citations::Cite::default(),
        footnotes::Footnotes::default(),
        glossary::Terms::default(),
        links::Links::default(),
        headings::Headings::new(refs.reserved_ids),
        tables::Tables::default(),
        spacing::Spaces::new(refs.spacing),
    ];
    for (event, range) in parser(text.body()).into_offset_iter() {
        observers.see(&event, range.start, &mut cx);
        chain.take(event, range.start, &mut cx);
    }
    let mut body = Body::default();
    let events = std::mem::take(chain.events());
    pulldown_cmark::html::push_html(&mut body.html, events.into_iter());
    observers.finish(&mut cx, &mut body);
    chain.finish(&mut cx, &mut body);
    (body, cx.problems)
}

/// Only the sources a page cites, numbered as [`to_html`] numbers them: what the site
/// needs of every page before it renders any, since each page's summary lists them. A
/// page whose text can't hold a citation is not parsed at all.
pub fn scan_citations(text: &PageText, data: &Data) -> Vec<Citation> {
    if !citations::may_cite(text.body()) {
        return Vec::new();
    }
    let mut found = citations::Numbering::default();
    for event in parser(text.body()) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && dest_url.starts_with(citations::SCHEME)
        {
            for id in citations::parse_ids(&dest_url) {
                if let Some(source) = data.source(id) {
                    found.cite(&source.id);
                }
            }
        }
    }
    found.into_list()
}

#[cfg(test)]
mod tests;
