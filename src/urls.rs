//! The URL scheme: where each page is written, and how pages link to each other.
//!
//! A page `content/<dirs>/<name>.md` is written to `<dirs>/<name>.html` (or `<slug>.html`
//! when its front matter sets one); `index.md` becomes that folder's `index.html`. Pages
//! link to each other with relative URLs that name the file, as mdBook does, so one output
//! folder works unchanged at a domain root, under a sub-path and opened from disk
//! (`file://` has no directory index, so a link never ends in `/`).

use std::fmt;
use std::path::{Component, Path};

use serde::Serialize;

use crate::text::slug::Slug;

/// Where a file is in the built site: relative to the output's root, `/`-separated, with
/// no leading `/` (`history/early.html`). Templates see it as a string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SitePath(String);

impl SitePath {
    /// The site path of a file given by its path relative to a folder (`content/`,
    /// `static/`, the output): `/`-separated on every platform.
    pub fn from_relative(relative: &Path) -> SitePath {
        let parts: Vec<_> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        SitePath(parts.join("/"))
    }

    /// A site path the generator writes itself (`404.html`, `sitemap.xml`).
    pub fn new(path: impl Into<String>) -> SitePath {
        SitePath(path.into())
    }

    /// The site path a page is written to. `source` is relative to `content/`.
    pub fn for_page(source: &Path, slug: Option<&Slug>) -> Result<SitePath, String> {
        let mut parts = Vec::new();
        let components: Vec<_> = source.components().collect();
        let (file, dirs) = components.split_last().ok_or("empty path")?;
        for dir in dirs {
            let Component::Normal(name) = dir else {
                return Err(format!(
                    "`{}` is not a plain folder name",
                    dir.as_os_str().to_string_lossy()
                ));
            };
            let name = name.to_string_lossy();
            Slug::parse(&name).map_err(|_| {
                format!("the folder name `{name}` can't be part of a URL: use lowercase a-z, 0-9 and hyphens")
            })?;
            parts.push(name.into_owned());
        }
        let stem = Path::new(file.as_os_str())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = match slug {
            Some(_) if stem == "index" => {
                return Err("an index page can't have a `slug`: it is always its folder's index.html".into());
            }
            Some(slug) => slug.as_str().to_owned(),
            None if stem == "index" => stem,
            None => Slug::parse(&stem)
                .map_err(|_| {
                    format!(
                        "the file name `{stem}` can't be part of a URL: rename the file, or set `slug:` in its front matter"
                    )
                })?
                .to_string(),
        };
        parts.push(format!("{name}.html"));
        Ok(SitePath(parts.join("/")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The prefix that leads from this page back to the site root: `""` or `"../"`s.
    pub fn root_prefix(&self) -> String {
        "../".repeat(self.0.matches('/').count())
    }

    /// The shortest relative URL from this page to `to`.
    pub fn url_to(&self, to: &SitePath) -> String {
        let from_dirs: Vec<&str> = self.0.split('/').collect();
        let from_dirs = &from_dirs[..from_dirs.len() - 1];
        let to_parts: Vec<&str> = to.0.split('/').collect();
        let common = from_dirs
            .iter()
            .zip(&to_parts[..to_parts.len() - 1])
            .take_while(|(a, b)| a == b)
            .count();
        let mut url = "../".repeat(from_dirs.len() - common);
        url.push_str(&to_parts[common..].join("/"));
        url
    }

    /// The folders above the file, innermost last: `a/b/c.html` gives `a` and `a/b`.
    pub fn folders(&self) -> impl Iterator<Item = &str> {
        self.0.match_indices('/').map(|(i, _)| &self.0[..i])
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for SitePath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(source: &str, slug: Option<&str>) -> Result<String, String> {
        let slug = slug.map(|s| Slug::parse(s).unwrap());
        SitePath::for_page(Path::new(source), slug.as_ref()).map(|p| p.0)
    }

    #[test]
    fn pages_become_html_files_named_after_their_source_or_slug() {
        assert_eq!(page("index.md", None).unwrap(), "index.html");
        assert_eq!(page("demands.md", None).unwrap(), "demands.html");
        assert_eq!(
            page("history/page-1.md", None).unwrap(),
            "history/page-1.html"
        );
        assert_eq!(
            page("a/demands.md", Some("russia")).unwrap(),
            "a/russia.html"
        );
    }

    #[test]
    fn names_that_are_not_url_safe_are_refused() {
        assert!(page("My Page.md", None).is_err());
        assert!(page("Old/page.md", None).is_err());
        assert!(page("index.md", Some("home")).is_err());
    }

    #[test]
    fn relative_urls_climb_only_as_far_as_needed() {
        let url = |from: &str, to: &str| SitePath::new(from).url_to(&SitePath::new(to));
        assert_eq!(url("index.html", "demands.html"), "demands.html");
        assert_eq!(url("a/b.html", "a/c.html"), "c.html");
        assert_eq!(url("a/b.html", "index.html"), "../index.html");
        assert_eq!(url("a/b.html", "c/d.html"), "../c/d.html");
        assert_eq!(url("index.html", "a/b/c.html"), "a/b/c.html");
        assert_eq!(SitePath::new("a/b/c.html").root_prefix(), "../../");
        assert_eq!(SitePath::new("index.html").root_prefix(), "");
        let deep = SitePath::new("a/b/c.html");
        let folders: Vec<_> = deep.folders().collect();
        assert_eq!(folders, ["a", "a/b"]);
    }
}
