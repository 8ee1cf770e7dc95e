//! Internal links: Markdown names another page by its source file (`demands.md`,
//! `../a/b.md#anchor`); the output needs that page's relative URL.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::content::Page;

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

/// Classifies `dest`, written in the page whose source is `from` (relative to `content/`).
pub fn classify<'a>(dest: &'a str, from: &Path) -> Destination<'a> {
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
    let base = match path.strip_prefix('/') {
        Some(rest) => Path::new(rest).to_path_buf(),
        None => from.parent().unwrap_or(Path::new("")).join(path),
    };
    match normalize(&base) {
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
    let base = match path.strip_prefix('/') {
        Some(rest) => Path::new(rest).to_path_buf(),
        None => Path::new(from).parent().unwrap_or(Path::new("")).join(path),
    };
    Some(normalize(&base).unwrap_or_else(|| path.to_owned()))
}

/// `scheme:` before any `/`, `?` or `#` marks an absolute URL (`https:`, `mailto:`).
fn has_scheme(dest: &str) -> bool {
    let end = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    dest[..end].contains(':')
}

/// Resolves `.` and `..` and joins with `/`; `None` if the path climbs above its root.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    Some(parts.join("/"))
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
            .filter_map(|p| Some((normalize(&p.content_path)?, p.path.clone())))
            .collect();
        PageIndex { by_source }
    }

    /// Also knows `sources` (relative to `content/`), which exist but failed to load, so
    /// that links to them are not reported as broken. They have no site path.
    pub fn with_unloaded(mut self, sources: &[PathBuf]) -> Self {
        for source in sources {
            if let Some(source) = normalize(source) {
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
            classify(dest, Path::new("a/here.md")),
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
    }

    #[test]
    fn other_links_are_left_alone() {
        let here = Path::new("a/here.md");
        assert_eq!(classify("#top", here), Destination::Anchor("top"));
        assert_eq!(classify("https://nato.int/x.md", here), Destination::Other);
        assert_eq!(classify("mailto:a@b.c", here), Destination::Other);
        assert_eq!(classify("img/map.svg", here), Destination::Other);
        assert_eq!(classify("../../x.md", here), Destination::OutsideContent);
    }
}
