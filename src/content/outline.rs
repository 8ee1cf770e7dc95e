//! What rendering a page's Markdown finds out about it that other stages need: the
//! sources it cites, in the order of their numbers, and its outline (headings, links to
//! other pages' headings, words). Plain data, so that a page can hold it.

use serde::Serialize;

use super::data::SourceId;
use crate::urls::SitePath;

/// One source cited on a page: its number there and the ids of the markers citing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub id: SourceId,
    pub number: usize,
    /// Anchor ids of the markers, for links back from the list of sources.
    pub refs: Vec<String>,
}

/// One heading, as templates see it in `page.toc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to `#anchor` on the page at `target`, to be checked once every page's headings
/// are known.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub target: SitePath,
    pub anchor: String,
    /// Where the link is in the linking page's file.
    pub at: Location,
}

/// What a page's body holds besides its HTML, kept after the page is written: what other
/// pages' links are checked against, and what serve needs to re-render a page alone.
#[derive(Debug, Default, Clone)]
pub struct Outline {
    pub toc: Vec<TocEntry>,
    pub anchor_refs: Vec<AnchorRef>,
    pub word_count: usize,
}

/// Where in a page's file something is, found while its text is at hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The line itself, to quote under a problem.
    pub source_line: String,
}
