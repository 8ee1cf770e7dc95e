//! The URL scheme: where each page is written, and how pages link to each other.
//!
//! A page `content/<dirs>/<name>.md` is written to `<dirs>/<name>.html` (or `<slug>.html`
//! when its front matter sets one); `index.md` becomes that folder's `index.html`. Pages
//! link to each other with relative URLs that name the file, as mdBook does, so one output
//! folder works unchanged at a domain root, under a sub-path and opened from disk
//! (`file://` has no directory index, so a link never ends in `/`).
//!
//! Paths here are "site paths": relative to the output root, `/`-separated, no leading `/`.

use std::path::{Component, Path};

use crate::content::slug::Slug;

/// The site path a page is written to. `source` is relative to `content/`.
pub fn page_path(source: &Path, slug: Option<&Slug>) -> Result<String, String> {
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
    Ok(parts.join("/"))
}

/// The site path of a file given by its path relative to a folder: `/`-separated on every
/// platform.
pub fn site_path(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The prefix that leads from the page at `from` back to the site root: `""` or `"../"`s.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The shortest relative URL from the page at site path `from` to site path `to`.
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from_dirs.len() - common);
    url.push_str(&to_parts[common..].join("/"));
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_html_files_named_after_their_source_or_slug() {
        assert_eq!(
            page_path(Path::new("index.md"), None).unwrap(),
            "index.html"
        );
        assert_eq!(
            page_path(Path::new("demands.md"), None).unwrap(),
            "demands.html"
        );
        assert_eq!(
            page_path(Path::new("history/page-1.md"), None).unwrap(),
            "history/page-1.html"
        );
        let slug = Slug::parse("russia").unwrap();
        assert_eq!(
            page_path(Path::new("a/demands.md"), Some(&slug)).unwrap(),
            "a/russia.html"
        );
    }

    #[test]
    fn names_that_are_not_url_safe_are_refused() {
        assert!(page_path(Path::new("My Page.md"), None).is_err());
        assert!(page_path(Path::new("Old/page.md"), None).is_err());
        assert!(page_path(Path::new("index.md"), Some(&Slug::parse("home").unwrap())).is_err());
    }

    #[test]
    fn relative_urls_climb_only_as_far_as_needed() {
        assert_eq!(relative("index.html", "demands.html"), "demands.html");
        assert_eq!(relative("a/b.html", "a/c.html"), "c.html");
        assert_eq!(relative("a/b.html", "index.html"), "../index.html");
        assert_eq!(relative("a/b.html", "c/d.html"), "../c/d.html");
        assert_eq!(relative("index.html", "a/b/c.html"), "a/b/c.html");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }
}
