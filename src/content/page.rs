//! The page record: one content file, complete when it is loaded, and never changed after:
//! what later stages learn of it (its citations' numbers, its headings) they keep in their
//! own values, by its [`PageId`]. Its text is a value of its own ([`PageText`]), which
//! rendering reads once and lets go: the pages' texts together are most of a build's
//! memory, and the files made after the pages (sitemap, feeds) don't need them.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::config::editions::EditionId;
use crate::content::front_matter::FrontMatter;
use crate::content::pages;
use crate::text::date::Date;
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
    /// Where it comes from: its one identity.
    pub file: ContentPath,
    /// Where the page is written: `demands.html`.
    pub path: SitePath,
    pub front: FrontMatter,
    /// When it was last revised: `updated`, or `date` without one.
    pub updated: Option<Date>,
    pub template: String,
}

/// A page's content file, its identity: one string, read three ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentPath {
    /// As shown to the user, from the site's root, `/`-separated: `content/ru/demands.md`.
    shown: String,
    /// Where, in `shown`, the path below `content/` starts, and where the path below the
    /// edition's folder does.
    content_at: usize,
    key_at: usize,
}

impl ContentPath {
    /// The file at `content_path` below `content/` (`/`-separated), whose path below its
    /// edition's folder is its end `key`.
    pub fn new(content_path: &str, key: &str) -> ContentPath {
        debug_assert!(content_path.ends_with(key), "a key ends its content path");
        let shown = format!("{}/{content_path}", pages::DIR);
        ContentPath {
            content_at: shown.len() - content_path.len(),
            key_at: shown.len() - key.len(),
            shown,
        }
    }

    /// The path shown to the user, relative to the site's root: `content/ru/demands.md`.
    pub fn source(&self) -> &Path {
        Path::new(&self.shown)
    }

    /// The same, as text, `/`-separated on every platform: what templates see.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The path relative to `content/`, which is how Markdown links name pages:
    /// `ru/demands.md`.
    pub fn content_path(&self) -> &str {
        &self.shown[self.content_at..]
    }

    /// The path below its edition's folder, which its translations share: `demands.md` for
    /// both `content/demands.md` and `content/ru/demands.md`.
    pub fn key(&self) -> &str {
        &self.shown[self.key_at..]
    }
}

/// A page's file as read, BOM and CRLF removed, the only time it is read in a build: its
/// range of a block of text that the pages read together share.
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
        self.file.key() == pages::HOME_KEY
    }
}

#[cfg(test)]
impl Page {
    /// A page as if loaded from `content/<site path>.md`, with a minimal front matter and
    /// `body`, and its text: for tests of the later stages.
    pub(crate) fn in_memory(path: &str, body: &str) -> (Page, PageText) {
        let yaml = "title: T\ndescription: D\n";
        let text = format!("---\n{yaml}---\n{body}");
        let content_path = path.replace(".html", ".md");
        let body_start = text.len() - body.len();
        let page = Page {
            id: PageId(0),
            edition: EditionId::DEFAULT,
            file: ContentPath::new(&content_path, &content_path),
            path: SitePath::new(path),
            front: serde_yaml::from_str(yaml).expect("valid front matter"),
            updated: None,
            template: "page.html".to_owned(),
        };
        (page, PageText::alone(text, body_start))
    }
}
