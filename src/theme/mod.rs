//! The built-in theme: the templates, static files and interface words the binary carries,
//! so that a site folder can be just `site.yaml` and `content/`. A site's own
//! `templates/<name>` or `static/<name>` replaces the built-in file of that name, and its
//! `i18n/<code>.yaml` the built-in words key by key, as in mdBook and Zola.
//! `explainer theme export` writes them out for a site that wants to change them.

use std::path::{Path, PathBuf};

use crate::layout;

/// A file of the theme: its path in its folder, and its bytes.
pub type File = (&'static str, &'static [u8]);

/// Each file of a folder of `src/theme/`, by name, embedded at compile time; a test holds
/// the lists to the folders, so that a file added to one is never left out of the binary.
macro_rules! embedded {
    ($folder:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!($folder, "/", $name)))),*]
    };
}

/// The templates: the pages' layouts, their partials, the site files (`sitemap.xml`,
/// `feed.xml`, `robots.txt`, `_headers`), the share card (`card.svg`) and the PDFs'
/// layout (`print.typ`).
pub const TEMPLATES: &[File] = embedded!("templates":
    "404.html",
    "_headers",
    "base.html",
    "card.svg",
    "corrections.html",
    "corrections.xml",
    "feed.xml",
    "glossary.html",
    "index.html",
    "offline.html",
    "page.html",
    "partials/article_header.html",
    "partials/changes.html",
    "partials/components.html",
    "partials/key_points.html",
    "partials/languages.html",
    "partials/nav.html",
    "partials/pager.html",
    "partials/sources_list.html",
    "partials/toc.html",
    "partials/travel.html",
    "print.typ",
    "robots.txt",
    "sitemap.xml",
    "sources.html",
    "timeline.html",
);

/// The files published as they are: the stylesheets and the icon.
pub const STATIC: &[File] = embedded!("static": "favicon.svg", "print.css", "style.css");

/// The interface's words, by language: `<language>.yaml`.
pub const STRINGS: &[File] = embedded!("i18n":
    "de.yaml",
    "en.yaml",
    "fr.yaml",
    "ru.yaml",
    "uk.yaml",
);

/// The languages the theme has words for, as their subtags: `de`, `en`…
pub fn languages() -> impl Iterator<Item = &'static str> {
    STRINGS
        .iter()
        .filter_map(|(name, _)| name.strip_suffix(".yaml"))
}

/// The theme's words for `language` (a BCP 47 tag: `de-AT` takes `de`), if it has them.
pub fn strings_for(language: &str) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    let primary = primary.to_ascii_lowercase();
    STRINGS
        .iter()
        .find(|(name, _)| name.strip_suffix(".yaml") == Some(primary.as_str()))
        .and_then(|(_, bytes)| std::str::from_utf8(bytes).ok())
}

/// Where each file of the theme goes in a site folder at `root`: `templates/…`,
/// `static/…` and `i18n/…`, with its bytes.
pub fn files(root: &Path) -> impl Iterator<Item = (PathBuf, &'static [u8])> + '_ {
    let folders = [
        (layout::TEMPLATES, TEMPLATES),
        (layout::STATIC, STATIC),
        (layout::STRINGS, STRINGS),
    ];
    folders.into_iter().flat_map(move |(folder, files)| {
        files
            .iter()
            .map(move |(name, bytes)| (root.join(folder).join(name), *bytes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of `src/theme/<folder>`, as the lists name them.
    fn on_disk(folder: &str) -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/theme")
            .join(folder);
        let mut names: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let relative = e.path().strip_prefix(&dir).unwrap_or(e.path());
                relative.to_string_lossy().replace('\\', "/")
            })
            .collect();
        names.sort();
        names
    }

    fn listed(files: &[File]) -> Vec<String> {
        files.iter().map(|(name, _)| name.to_string()).collect()
    }

    #[test]
    fn the_binary_carries_every_file_of_the_theme() {
        assert_eq!(listed(TEMPLATES), on_disk("templates"));
        assert_eq!(listed(STATIC), on_disk("static"));
        assert_eq!(listed(STRINGS), on_disk("i18n"));
    }

    #[test]
    fn words_are_found_by_the_primary_language() {
        assert!(strings_for("de-AT").is_some_and(|t| t.contains("skip_to_content")));
        assert!(strings_for("EN").is_some());
        assert!(strings_for("es").is_none());
        assert_eq!(
            languages().collect::<Vec<_>>(),
            ["de", "en", "fr", "ru", "uk"]
        );
    }
}
