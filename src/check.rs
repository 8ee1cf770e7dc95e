//! `explainer check`: build the site in memory and report every problem, without writing
//! anything or touching the network.
//!
//! It reports what stops a build (invalid front matter, broken links and anchors, unknown
//! sources, template errors) and what a build lets through: skipped heading levels, images
//! without alt text, links to files the site doesn't have, sources never cited, and pages
//! that no other page links to.

use std::collections::HashSet;

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::{BuildOptions, load, render};

/// Every problem of the site at `options.root`, sorted; empty when the site is clean.
/// `Err` only when the machine refused something (a file could not be read).
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>> {
    let site = match load(options) {
        Ok(site) => site,
        Err(Error::Site(problems)) => return Ok(problems),
        Err(other) => return Err(other),
    };
    let sources: Vec<(String, std::path::PathBuf)> = site
        .pages
        .iter()
        .map(|p| (p.path.clone(), p.source.clone()))
        .collect();
    let output = match render(site) {
        Ok(output) => output,
        Err(Error::Site(problems)) => return Ok(problems),
        Err(other) => return Err(other),
    };
    let mut problems = output.warnings;
    // Links from content pages only: the 404 page lists every page, but no reader
    // navigates from it.
    let pages: Vec<(String, String)> = sources
        .iter()
        .filter_map(|(path, _)| Some((path.clone(), output.files.get(path)?.clone())))
        .collect();
    problems.extend(unlinked_pages(&pages, &sources));
    match Error::site(problems) {
        Error::Site(sorted) => Ok(sorted),
        other => Err(other),
    }
}

/// Pages no other page links to: readers can't reach them, so they are missing from the
/// navigation. The home page is reached by its address.
fn unlinked_pages(
    pages: &[(String, String)],
    sources: &[(String, std::path::PathBuf)],
) -> Vec<Diagnostic> {
    let mut linked = HashSet::new();
    for (path, html) in pages {
        for href in hrefs(html) {
            if let Some(target) = crate::markdown::links::file_target(href, path)
                && &target != path
            {
                linked.insert(target);
            }
        }
    }
    sources
        .iter()
        .filter(|(path, _)| path != "index.html" && !linked.contains(path))
        .map(|(path, source)| {
            Diagnostic::file(source, format!("no page links to {path}, so readers can't reach it"))
                .with_hint("the templates' navigation lists every page in `pages`; check that it is used, and that the page is not a draft")
        })
        .collect()
}

/// The values of `href="..."` attributes in the HTML this generator writes.
fn hrefs(html: &str) -> impl Iterator<Item = &str> {
    html.split(" href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_nobody_links_to_is_reported() {
        let pages = vec![
            (
                "index.html".to_owned(),
                r#"<a href="a.html">A</a>"#.to_owned(),
            ),
            (
                "a.html".to_owned(),
                r#"<a href="index.html">Home</a> <a href="a.html#x">me</a>"#.to_owned(),
            ),
            ("b.html".to_owned(), r#"<a href="a.html">A</a>"#.to_owned()),
        ];
        let sources: Vec<_> = ["index", "a", "b"]
            .iter()
            .map(|n| {
                (
                    format!("{n}.html"),
                    std::path::PathBuf::from(format!("content/{n}.md")),
                )
            })
            .collect();
        let problems = unlinked_pages(&pages, &sources);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("no page links to b.html"));
    }
}
