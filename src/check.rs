//! `explainer check`: build the site in memory and report every problem, without writing
//! anything or touching the network (unless asked to: `--online`, [`crate::online`]).
//!
//! It reports what stops a build (invalid front matter, broken links and anchors, unknown
//! sources, template errors) and what a build lets through: skipped heading levels, images
//! without alt text, links to files the site doesn't have, sources never cited, and pages
//! that no other page links to.

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostics::error::{Error, Result};
use crate::diagnostics::problem::{self, Problem};
use crate::markdown::targets::file_target;
use crate::text::markup;
use crate::urls::SitePath;
use crate::{BuildOptions, build_in_memory};

pub use crate::config::Online;

/// Every problem of the site at `options.root`, errors and warnings, sorted; empty when
/// the site is clean. `Err` only when the machine refused something.
pub fn check(options: &BuildOptions) -> Result<Vec<Problem>> {
    check_with(options, None)
}

/// As [`check`], and with `online`, the problems of fetching every address of the
/// sources: dead ones, ones that lead to another site, sources with no archived copy.
pub fn check_with(options: &BuildOptions, online: Option<Online>) -> Result<Vec<Problem>> {
    let (built, library) = match build_in_memory(options) {
        Ok(built) => built,
        Err(Error::Site(problems)) => return Ok(problems),
        Err(other) => return Err(other),
    };
    let mut problems = built.warnings;
    // Links from content pages only: the 404 page lists every page, but no reader
    // navigates from it.
    let pages: Vec<(&SitePath, &Path, &str)> = library
        .pages
        .iter()
        .filter_map(|p| Some((&p.path, p.file.source(), built.files.get(&p.path)?.as_str())))
        .collect();
    let homes: HashSet<&SitePath> = library
        .pages
        .iter()
        .filter(|p| p.is_home())
        .map(|p| &p.path)
        .collect();
    problems.extend(unlinked_pages(&pages, &homes));
    if let Some(online) = online {
        problems.extend(fetched(options, &library, online));
    }
    Ok(problem::sorted(problems))
}

#[cfg(feature = "online")]
fn fetched(
    options: &BuildOptions,
    library: &crate::library::Library,
    online: Online,
) -> Vec<Problem> {
    let sources = &library.default_volume().data.sources;
    crate::online::check_sources(&options.root, sources, online)
}

#[cfg(not(feature = "online"))]
fn fetched(_: &BuildOptions, _: &crate::library::Library, _: Online) -> Vec<Problem> {
    let message =
        "this explainer was built without its `online` feature, so it can't fetch addresses";
    let hint = "install it with its default features: cargo install --locked --path .";
    vec![Problem::flag("--online", message).with_hint(hint)]
}

/// Pages no other page links to: readers can't reach them, so they are missing from the
/// navigation. The home pages (one an edition) are reached by their address. `pages` are
/// each page's site path, source and HTML.
fn unlinked_pages(pages: &[(&SitePath, &Path, &str)], homes: &HashSet<&SitePath>) -> Vec<Problem> {
    let mut linked = HashSet::new();
    for (path, _, html) in pages {
        for href in hrefs(html) {
            if let Some(target) = file_target(href, path)
                && &&target != path
            {
                linked.insert(target);
            }
        }
    }
    pages
        .iter()
        .filter(|(path, _, _)| !homes.contains(path) && !linked.contains(*path))
        .map(|(path, source, _)| {
            Problem::file(*source, format!("no page links to {path}, so readers can't reach it"))
                .with_hint("the templates' navigation lists every page in `pages`; check that it is used, and that the page is not a draft")
                .warning()
        })
        .collect()
}

/// The values of `href="..."` attributes in the HTML this generator writes.
fn hrefs(html: &str) -> impl Iterator<Item = &str> {
    markup::tags(html).flat_map(|tag| {
        let hrefs = tag
            .attributes
            .into_iter()
            .filter(|a| a.name.eq_ignore_ascii_case("href"));
        hrefs.map(|a| a.raw)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_nobody_links_to_is_reported() {
        let html = [
            r#"<a href="a.html">A</a>"#,
            r#"<a href="index.html">Home</a> <a href="a.html#x">me</a>"#,
            r#"<a href="a.html">A</a>"#,
        ];
        let paths: Vec<_> = ["index", "a", "b"]
            .iter()
            .map(|n| {
                (
                    SitePath::new(format!("{n}.html")),
                    std::path::PathBuf::from(format!("content/{n}.md")),
                )
            })
            .collect();
        let pages: Vec<_> = paths
            .iter()
            .zip(html)
            .map(|((p, s), h)| (p, s.as_path(), h))
            .collect();
        let home = SitePath::new("index.html");
        let problems = unlinked_pages(&pages, &[&home].into());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("no page links to b.html"));
    }
}
