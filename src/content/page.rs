//! The page record: one content file, from the moment it is loaded to the moment it is
//! written. Each stage fills in what it learns (prepare numbers its citations, render
//! records its headings), so a page's data lives in one place, found by its [`PageId`].

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use super::outline::{Citation, Outline};
use crate::config::editions::EditionId;
use crate::content::front_matter::FrontMatter;
use crate::diagnostics::problem::Problem;
use crate::urls::SitePath;

/// A page's place in navigation order, which is also its index in the site's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub usize);

/// One content file, loaded and known good.
#[derive(Debug)]
pub struct Page {
    pub id: PageId,
    /// The edition (language) the page belongs to.
    pub edition: EditionId,
    /// Its path below its edition's folder in `content/`, which its translations share:
    /// `demands.md` for both `content/demands.md` and `content/ru/demands.md`.
    pub key: String,
    /// Path shown to the user, relative to the site root: `content/demands.md`.
    pub source: PathBuf,
    /// Path relative to `content/`, `/`-separated, which is how Markdown links name pages:
    /// `demands.md`.
    pub content_path: String,
    /// Where the page is written: `demands.html`.
    pub path: SitePath,
    pub front: FrontMatter,
    pub template: String,
    /// The file as read, the only time it is read in a build. Rendering takes it, so that
    /// a page's text is held only until the page is written.
    pub text: PageText,
    /// The sources the page cites, numbered: known once the site is prepared.
    pub citations: Vec<Citation>,
    /// The page's headings and the links it makes to other pages' headings: known once it
    /// is rendered.
    pub outline: Outline,
}

/// A page's file as read, BOM and CRLF removed: its range of a block of text that the
/// pages read together share.
#[derive(Debug, Default, Clone)]
pub struct PageText {
    block: Arc<String>,
    range: Range<usize>,
    /// Byte offset at which the Markdown body starts in the text.
    pub body_start: usize,
}

impl PageText {
    /// The text at `range` of `block`, whose body starts at `body_start`.
    pub fn new(block: Arc<String>, range: Range<usize>, body_start: usize) -> Self {
        PageText {
            block,
            range,
            body_start,
        }
    }

    /// A text of its own, not shared.
    pub fn alone(text: String, body_start: usize) -> Self {
        let range = 0..text.len();
        PageText::new(Arc::new(text), range, body_start)
    }

    /// The whole file.
    pub fn text(&self) -> &str {
        &self.block[self.range.clone()]
    }

    pub fn body(&self) -> &str {
        &self.text()[self.body_start..]
    }
}

impl Page {
    /// Whether this is its edition's home page.
    pub fn is_home(&self) -> bool {
        self.key == crate::content::pages::HOME_KEY
    }

    /// An error on `line` of the page's file, quoting it while the text is still held.
    pub fn problem_at_line(&self, line: usize, message: impl Into<String>) -> Problem {
        Problem::new(&self.source, line, 1, message).with_source(self.text.text())
    }
}

#[cfg(test)]
impl Page {
    /// A page as if loaded from `content/<site path>.md`, with a minimal front matter and
    /// `body`: for tests of the later stages.
    pub(crate) fn in_memory(path: &str, body: &str) -> Page {
        let yaml = "title: T\ndescription: D\n";
        let text = format!("---\n{yaml}---\n{body}");
        let content_path = path.replace(".html", ".md");
        let body_start = text.len() - body.len();
        Page {
            id: PageId(0),
            edition: EditionId::DEFAULT,
            key: content_path.clone(),
            source: std::path::Path::new(crate::content::pages::DIR).join(&content_path),
            content_path,
            path: SitePath::new(path),
            front: serde_yaml::from_str(yaml).expect("valid front matter"),
            template: "page.html".to_owned(),
            text: PageText::alone(text, body_start),
            citations: Vec::new(),
            outline: Outline::default(),
        }
    }
}
