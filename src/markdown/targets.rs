//! The link index: Markdown names another page by its source file (`demands.md`,
//! `../a/b.md#anchor`), which the index turns into the page's site path; and, once every
//! page is rendered, the check that each link to a heading finds one.

use std::collections::HashMap;

use crate::content::page::Page;
use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::markdown::Outline;
use crate::urls::SitePath;

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
pub fn classify<'a>(dest: &'a str, from: &SitePath) -> Destination<'a> {
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
    match resolve(from.as_str(), path) {
        Some(source) => Destination::Page { source, anchor },
        None => Destination::OutsideContent,
    }
}

/// The site path a relative link to a file (not a page's `.md`) points at, from the page
/// at site path `from`; `None` for anything else (other sites, anchors, `.md` links).
pub fn file_target(dest: &str, from: &SitePath) -> Option<SitePath> {
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    if path.is_empty() || has_scheme(dest) || dest.starts_with("//") || path.ends_with(".md") {
        return None;
    }
    Some(SitePath::new(
        resolve(from.as_str(), path).unwrap_or_else(|| path.to_owned()),
    ))
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

/// Every page's site path, by its path relative to `content/`.
#[derive(Debug, Default)]
pub struct PageIndex {
    /// `None` for a file that exists but failed to load: links to it are unchecked.
    by_source: HashMap<String, Option<SitePath>>,
}

impl PageIndex {
    /// The index of `pages`, which also knows `unloaded` (content paths of files that exist
    /// but failed to load), so that links to them are not reported as broken.
    pub fn new(pages: &[Page], unloaded: &[String]) -> Self {
        let loaded = pages
            .iter()
            .map(|p| (p.file.content_path().to_owned(), Some(p.path.clone())));
        let unloaded = unloaded.iter().map(|source| (source.clone(), None));
        PageIndex {
            by_source: unloaded.chain(loaded).collect(),
        }
    }

    /// The page written from `content/<source>`: `Some(None)` if it failed to load.
    pub fn page(&self, source: &str) -> Option<Option<&SitePath>> {
        self.by_source.get(source).map(Option::as_ref)
    }

    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.by_source.keys().map(String::as_str)
    }
}

/// Every link to a heading that its target page doesn't have: `outlines` are the rendered
/// pages' outlines, with the page each belongs to.
pub fn broken_anchors<'a>(
    outlines: impl Iterator<Item = (&'a Page, &'a Outline)> + Clone,
) -> Vec<Problem> {
    let by_path: HashMap<&SitePath, &Outline> =
        outlines.clone().map(|(p, o)| (&p.path, o)).collect();
    let mut problems = Vec::new();
    for (page, outline) in outlines {
        for link in &outline.anchor_refs {
            let Some(target) = by_path.get(&link.target) else {
                continue;
            };
            if target.toc.iter().any(|t| t.id == link.anchor) {
                continue;
            }
            let hint = match did_you_mean(&link.anchor, target.toc.iter().map(|t| t.id.as_str())) {
                Some(close) => format!("did you mean `#{close}`?"),
                None => "link to a heading's id: its text in lowercase, with hyphens for spaces"
                    .to_owned(),
            };
            let mut problem = Problem::new(
                page.file.source(),
                link.at.line,
                link.at.column,
                format!(
                    "link to `#{}`: {} has no heading with that id",
                    link.anchor, link.target
                ),
            )
            .with_hint(hint);
            problem.source_line = Some(link.at.source_line.clone());
            problems.push(problem);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(dest: &str, source: &str, anchor: Option<&str>) {
        assert_eq!(
            classify(dest, &SitePath::new("a/here.html")),
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
            classify("x.md", &SitePath::new("index.html")),
            Destination::Page {
                source: "x.md".into(),
                anchor: None
            }
        );
    }

    #[test]
    fn file_links_resolve_to_site_paths() {
        let target =
            |dest: &str| file_target(dest, &SitePath::new("a/b.html")).map(|p| p.to_string());
        assert_eq!(target("img/a.png").as_deref(), Some("a/img/a.png"));
        assert_eq!(target("/img/a.png?v=1").as_deref(), Some("img/a.png"));
        assert_eq!(target("../../a.png").as_deref(), Some("../../a.png"));
        assert_eq!(target("https://x.org/a.png"), None);
        assert_eq!(target("c.md"), None);
    }

    #[test]
    fn other_links_are_left_alone() {
        let here = &SitePath::new("a/here.html");
        assert_eq!(classify("#top", here), Destination::Anchor("top"));
        assert_eq!(classify("https://nato.int/x.md", here), Destination::Other);
        assert_eq!(classify("mailto:a@b.c", here), Destination::Other);
        assert_eq!(classify("img/map.svg", here), Destination::Other);
        assert_eq!(classify("../../x.md", here), Destination::OutsideContent);
    }
}
