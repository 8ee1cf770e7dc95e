//! Internal links: Markdown names another page by its source file (`demands.md`,
//! `../a/b.md#anchor`); the output needs that page's relative URL.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::content::Page;
use crate::urls;

/// What a link destination written in Markdown points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Destination<'a> {
    /// Another page, by its path relative to `content/` (normalised), with an optional anchor.
    Page {
        source: String,
        anchor: Option<&'a str>,
    },
    /// A heading on the same page.
    Anchor(&'a str),
    /// An escape from the content folder (`../../x.md`).
    OutsideContent,
    /// Anything else: another site, a static file, an e-mail address. Left as it is.
    Other,
}

/// Classifies `dest`, written in the page at site path `from`. A page's site path is in the
/// same folder as its source in `content/`, so either resolves a relative link.
pub fn classify<'a>(dest: &'a str, from: &str) -> Destination<'a> {
    if let Some(anchor) = dest.strip_prefix('#') {
        return Destination::Anchor(anchor);
    }
    if has_scheme(dest) || dest.starts_with("//") {
        return Destination::Other;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (dest, None),
    };
    if !path.ends_with(".md") {
        return Destination::Other;
    }
    match resolve(from, path) {
        Some(source) => Destination::Page { source, anchor },
        None => Destination::OutsideContent,
    }
}

/// The site path a relative link to a file (not a page's `.md`) points at, from the page
/// at site path `from`; `None` for anything else (other sites, anchors, `.md` links).
pub fn file_target(dest: &str, from: &str) -> Option<String> {
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    if path.is_empty() || has_scheme(dest) || dest.starts_with("//") || path.ends_with(".md") {
        return None;
    }
    Some(resolve(from, path).unwrap_or_else(|| path.to_owned()))
}

/// The site path that `path`, written in the page at site path `from`, names: relative to
/// that page's folder, or to the root if it starts with `/`. `None` if it climbs above the
/// root.
fn resolve(from: &str, path: &str) -> Option<String> {
    let folder = match path.strip_prefix('/') {
        Some(_) => "",
        None => from.rsplit_once('/').map_or("", |(folder, _)| folder),
    };
    normalize(folder.split('/').chain(path.split('/')))
}

/// `scheme:` before any `/`, `?` or `#` marks an absolute URL (`https:`, `mailto:`).
fn has_scheme(dest: &str) -> bool {
    let end = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    dest[..end].contains(':')
}

/// Joins path segments with `/`, resolving `.` and `..` and dropping empty ones; `None` if
/// the path climbs above its root.
fn normalize<'a>(segments: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in segments {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// A path relative to `content/`, as a normalised `/`-separated string.
fn content_key(path: &std::path::Path) -> Option<String> {
    normalize(urls::site_path(path).split('/'))
}

/// Every page's site path, by source path relative to `content/`.
#[derive(Debug, Default)]
pub struct PageIndex {
    by_source: HashMap<String, String>,
}

impl PageIndex {
    pub fn new(pages: &[Page]) -> Self {
        let by_source = pages
            .iter()
            .filter_map(|p| Some((content_key(&p.content_path)?, p.path.clone())))
            .collect();
        PageIndex { by_source }
    }

    /// Also knows `sources` (relative to `content/`), which exist but failed to load, so
    /// that links to them are not reported as broken. They have no site path.
    pub fn with_unloaded(mut self, sources: &[PathBuf]) -> Self {
        for source in sources {
            if let Some(source) = content_key(source) {
                self.by_source.entry(source).or_default();
            }
        }
        self
    }

    /// Site path of the page written in `content/<source>`.
    pub fn site_path(&self, source: &str) -> Option<&str> {
        self.by_source.get(source).map(String::as_str)
    }

    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.by_source.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(dest: &str, source: &str, anchor: Option<&str>) {
        assert_eq!(
            classify(dest, "a/here.html"),
            Destination::Page {
                source: source.to_owned(),
                anchor
            },
            "{dest}"
        );
    }

    #[test]
    fn md_links_resolve_relative_to_the_linking_page() {
        page("there.md", "a/there.md", None);
        page("there.md#why", "a/there.md", Some("why"));
        page("../demands.md", "demands.md", None);
        page("/demands.md#x", "demands.md", Some("x"));
        page("./b/../c.md", "a/c.md", None);
        page("..//b/./c.md", "b/c.md", None);
        assert_eq!(
            classify("x.md", "index.html"),
            Destination::Page {
                source: "x.md".into(),
                anchor: None
            }
        );
    }

    #[test]
    fn file_links_resolve_to_site_paths() {
        assert_eq!(
            file_target("img/a.png", "a/b.html").as_deref(),
            Some("a/img/a.png")
        );
        assert_eq!(
            file_target("/img/a.png?v=1", "a/b.html").as_deref(),
            Some("img/a.png")
        );
        assert_eq!(
            file_target("../../a.png", "a/b.html").as_deref(),
            Some("../../a.png")
        );
        assert_eq!(file_target("https://x.org/a.png", "a/b.html"), None);
        assert_eq!(file_target("c.md", "a/b.html"), None);
    }

    #[test]
    fn other_links_are_left_alone() {
        let here = "a/here.html";
        assert_eq!(classify("#top", here), Destination::Anchor("top"));
        assert_eq!(classify("https://nato.int/x.md", here), Destination::Other);
        assert_eq!(classify("mailto:a@b.c", here), Destination::Other);
        assert_eq!(classify("img/map.svg", here), Destination::Other);
        assert_eq!(classify("../../x.md", here), Destination::OutsideContent);
    }
}
