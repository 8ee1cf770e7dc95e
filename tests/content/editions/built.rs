//! The built editions lead to each other: every page names its editions and is named back,
//! is in its edition's language and switches to the same page in the others, and each
//! edition has its own feed, with the sitemap listing the alternates.

use super::{EDITIONS, english_pages};
use crate::common::{self, RealSite};

/// Every `<link rel="alternate" hreflang>` of a page: (language, href).
fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (language, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (language.to_owned(), href.to_owned())
        })
        .collect()
}

#[test]
fn every_page_names_its_editions_and_each_names_it_back() {
    let site = RealSite::published();
    const BASE: &str = "https://example.org/explainer/";
    let mut checked = 0;
    for page in site.pages() {
        let html = site.html(page);
        let links = alternates(&html);
        let languages: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(languages, ["en-GB", "ru", "uk", "x-default"], "{page}");
        for (language, href) in &links {
            let target = href
                .strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{page}: {href} is not absolute under the base URL"));
            let back = alternates(&site.html(target));
            assert!(
                back.iter()
                    .any(|(_, h)| h.as_str() == format!("{BASE}{page}")),
                "{target} ({language}) does not name {page} back"
            );
            checked += 1;
        }
    }
    assert!(checked >= 36 * 4, "only {checked} alternates checked");
}

#[test]
fn every_page_is_in_its_editions_language_and_switches_to_the_same_page() {
    let site = RealSite::build();
    for page in site.pages() {
        let html = site.html(page);
        let (edition, language) = match page.split_once('/') {
            Some(("ru", _)) => ("ru", "ru"),
            Some(("uk", _)) => ("uk", "uk"),
            _ => ("en", "en-GB"),
        };
        assert!(
            html.contains(&format!("<html lang=\"{language}\">")),
            "{page}"
        );
        assert!(
            html.contains(&format!("\"inLanguage\":\"{language}\"")),
            "{page}"
        );
        let key = page.trim_start_matches("ru/").trim_start_matches("uk/");
        let switcher = &html[html
            .find("<nav class=\"languages\"")
            .unwrap_or_else(|| panic!("{page} has no switcher"))..];
        let switcher = &switcher[..switcher.find("</nav>").unwrap()];
        for (other, tag, name) in [
            ("en", "en-GB", "English"),
            ("ru", "ru", "Русский"),
            ("uk", "uk", "Українська"),
        ] {
            if other == edition {
                assert!(
                    switcher.contains(&format!(
                        "<span aria-current=\"true\" lang=\"{tag}\">{name}</span>"
                    )),
                    "{page}"
                );
                continue;
            }
            let target = match other {
                "en" => key.to_owned(),
                _ => format!("{other}/{key}"),
            };
            let href = common::attr_values(switcher, "href")
                .into_iter()
                .find(|h| h.ends_with(&target))
                .unwrap_or_else(|| panic!("{page}'s switcher has no link to {target}"));
            assert!(
                switcher.contains(&format!(
                    "href=\"{href}\" hreflang=\"{tag}\" lang=\"{tag}\">{name}</a>"
                )),
                "{page}: {switcher}"
            );
            assert!(
                site.files.contains_key(&target),
                "{page} switches to {target}, which doesn't exist"
            );
        }
    }
}

#[test]
fn each_edition_has_its_own_feed_and_the_sitemap_lists_the_alternates() {
    let site = RealSite::published();
    for (feed, title) in [
        ("feed.xml", "What does Russia want from NATO?"),
        ("ru/feed.xml", "Чего Россия хочет от НАТО?"),
        ("uk/feed.xml", "Чого Росія хоче від НАТО?"),
    ] {
        let xml = site.html(feed);
        assert!(xml.contains(&format!("<title>{title}</title>")), "{feed}");
        assert!(
            xml.contains(&format!(
                "<link rel=\"self\" href=\"https://example.org/explainer/{feed}\"/>"
            )),
            "{feed}"
        );
        assert_eq!(
            xml.matches("<entry>").count(),
            english_pages().len(),
            "{feed}: one entry per page of its edition"
        );
    }
    let sitemap = site.html("sitemap.xml");
    assert_eq!(
        sitemap.matches("<url>").count(),
        english_pages().len() * (1 + EDITIONS.len())
    );
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/explainer/demands.html\"/><xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://example.org/explainer/demands.html\"/><xhtml:link rel=\"alternate\" hreflang=\"ru\" href=\"https://example.org/explainer/ru/demands.html\"/><xhtml:link rel=\"alternate\" hreflang=\"uk\" href=\"https://example.org/explainer/uk/demands.html\"/>"), "{sitemap}");
}
