//! The real site's pages: every section is there with its title and description and in
//! every page's navigation, every link resolves, the check finds nothing, and a data page's
//! reading time counts its data.

use std::path::Path;

use crate::common::{RealSite, assert_success, attr_values, broken_links, element_text, explainer};
use crate::data;

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

#[test]
fn the_real_site_passes_check() {
    let run = explainer()
        .args(["check", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    assert_success(&run);
}

/// The "N min read" in the page's header.
fn reading_time(html: &str) -> usize {
    let end = html.find(" min read").expect("a reading time");
    let start = html[..end].rfind('>').unwrap() + 1;
    html[start..end].trim().parse().unwrap()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Issue 12, problem 15: a page's reading time counts the data its template shows.
#[test]
fn the_reading_time_of_a_data_page_counts_its_data() {
    let site = RealSite::build();
    let events: Vec<explainer::content::data::Event> = data("timeline.yaml");
    let timeline_words: usize = events
        .iter()
        .map(|e| words(&e.title) + words(&e.text))
        .sum();
    let terms: Vec<explainer::content::data::Term> = data("glossary.yaml");
    let glossary_words: usize = terms
        .iter()
        .map(|t| words(&t.term) + words(&t.definition))
        .sum();
    for (page, data_words) in [
        ("timeline.html", timeline_words),
        ("glossary.html", glossary_words),
    ] {
        let minutes = reading_time(&site.html(page));
        assert!(
            minutes * 200 >= data_words,
            "{page} says {minutes} min read for {data_words} words of data"
        );
    }
    assert!(reading_time(&site.html("timeline.html")) > 1);
}
