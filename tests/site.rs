//! The real explainer: it builds, every section is there, and every link resolves.

mod common;

use std::path::Path;

use common::{RealSite, attr_values, broken_links, element_text};

const SECTIONS: &[(&str, &str)] = &[
    ("content/index.md", "index.html"),
    ("content/demands.md", "demands.html"),
    ("content/nato-response.md", "nato-response.html"),
    ("content/expert-analysis.md", "expert-analysis.html"),
    ("content/likely-outcomes.md", "likely-outcomes.html"),
];

const SITE_TITLE: &str = "What does Russia want from NATO?";

/// A front matter value, read the simple way the real content writes it.
fn front_matter_value(source: &str, key: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(source)).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{key}:")))
        .unwrap();
    line[key.len() + 1..].trim().trim_matches('"').to_owned()
}

/// Undo the HTML escaping Tera applies, for comparing text.
fn unescape(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
}

#[test]
fn every_section_page_exists_with_its_title_and_description() {
    let site = RealSite::build();
    for (source, page) in SECTIONS {
        let html = std::fs::read_to_string(site.out.join(page))
            .unwrap_or_else(|_| panic!("{page} was not built"));
        let title = front_matter_value(source, "title");
        let description = front_matter_value(source, "description");
        let head_title = unescape(element_text(&html, "title").unwrap());
        // The home page is titled after the site; every other page after itself.
        let expected = if *page == "index.html" {
            SITE_TITLE
        } else {
            &title
        };
        assert!(
            head_title.contains(expected),
            "{page}: <title> {head_title:?} lacks {expected:?}"
        );
        assert!(
            unescape(&html).contains(&format!(">{title}</a>")),
            "{page}: its title {title:?} is not shown"
        );
        let metas: Vec<String> = attr_values(&html, "content")
            .into_iter()
            .map(unescape)
            .collect();
        assert!(
            metas.contains(&description),
            "{page}: no meta description {description:?}"
        );
    }
}

#[test]
fn every_page_links_to_every_other_section_in_its_navigation() {
    let site = RealSite::build();
    for (_, page) in SECTIONS {
        let html = std::fs::read_to_string(site.out.join(page)).unwrap();
        let nav = html
            .find("<nav class=\"site-nav\"")
            .and_then(|start| element_text(&html[start..], "nav"))
            .unwrap_or_else(|| panic!("{page} has no section list"));
        let links = attr_values(nav, "href");
        for (_, other) in SECTIONS.iter().filter(|(_, p)| p != page) {
            assert!(
                links.contains(other),
                "{page}'s navigation lacks a link to {other}: {links:?}"
            );
        }
    }
}

#[test]
fn every_link_resolves_under_a_sub_path_and_from_file_urls() {
    let site = RealSite::build();
    assert_eq!(broken_links(&site.out), Vec::<String>::new());
}
