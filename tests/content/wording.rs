//! Wording the fact base supports: an expert's words kept apart from the explainer's
//! reading, no firmer claim than the sources make, every glossary term used, and the
//! mistakes the reviews of issues 12 and 19 found kept out.

use std::collections::HashSet;
use std::path::Path;

use crate::common::{RealSite as Site, attr_values};
use crate::{assert_mentions, data};

/// Issue 12, problems 6 to 8: Ferris's words are kept apart, our reading is marked as ours, and a
/// 2025 detail is not dated 2022.
#[test]
fn the_expert_page_keeps_ferriss_statements_apart_and_marks_our_reading() {
    let site = Site::build();
    for page in site.english_pages() {
        let text = site.text(page);
        for (i, _) in text.match_indices("sphere") {
            let before = &text[text[..i].char_indices().rev().nth(80).map_or(0, |(j, _)| j)..i];
            assert!(
                before.contains("Ukraine"),
                "{page}: 'sphere' was said of countries like Ukraine, not of NATO's forces: ...{before}sphere"
            );
        }
    }
    let expert = site.text("expert-analysis.html");
    assert!(expert.contains("this explainer's interpretation"));
    for sentence in expert.split(". ") {
        assert!(
            !(sentence.contains("January 2022")
                && sentence.contains("International Security Studies")),
            "a 2025 detail given as true of January 2022: {sentence}"
        );
    }
}

/// Issue 12, problems 9, 11–14: wording the fact base does not support stays out.
#[test]
fn the_pages_say_no_more_than_the_fact_base_confirms() {
    let site = Site::build();
    let all: String = site.english_pages().map(|p| site.text(p)).collect();
    for firmer in [
        "had just ended",
        "29th member",
        "by the end of the Cold War",
        "which was not in the Warsaw Pact",
        "came closest",
        "accession dates come from the White House, NATO",
    ] {
        assert!(!all.contains(firmer), "the site still says {firmer:?}");
    }
    // The Donbas sentence is sourced.
    let html = site.html("likely-outcomes.html");
    let at = html
        .find("Fighting also broke out")
        .expect("the Donbas sentence");
    let paragraph = &html[at..at + html[at..].find("</p>").unwrap()];
    assert!(
        paragraph.contains("<sup class=\"citation\">"),
        "{paragraph}"
    );
    // Lavrov's key point says when.
    let response = site.html("nato-response.html");
    let points = &response[response.find("id=\"key-points\"").unwrap()..];
    let points = &points[..points.find("</aside>").unwrap()];
    let lavrov = points.split("<li>").find(|p| p.contains("Lavrov")).unwrap();
    assert!(lavrov.contains("14 February 2022"), "{lavrov}");
}

/// Issue 12, problem 15: every glossary term is used on a page, and the article has its own entry
/// on the timeline.
#[test]
fn every_glossary_term_is_used_and_the_article_is_on_the_timeline() {
    let site = Site::build();
    let terms: Vec<explainer::content::data::Term> = data("glossary.yaml");
    let linked: HashSet<&str> = site
        .pages()
        .filter(|p| *p != "glossary.html")
        .flat_map(|p| attr_values(self_html(site, p), "href"))
        .filter_map(|h| h.strip_prefix("glossary.html#"))
        .collect();
    for t in &terms {
        assert!(
            linked.contains(t.id.as_str()),
            "the glossary's {:?} is used on no page",
            t.term
        );
    }
    for needed in [
        "INF Treaty",
        "Aegis Ashore",
        "non-paper",
        "Strategic Stability Dialogue",
        "Strategic Concept",
        "brigade",
        "New START",
        "Joint Force Commands",
        "Supreme Allied Commander Europe",
        "Allied Maritime Command",
    ] {
        assert!(
            terms.iter().any(|t| t.term == needed),
            "no glossary entry for {needed}"
        );
    }
    let events: Vec<explainer::content::data::Event> = data("timeline.yaml");
    let article = events
        .iter()
        .find(|e| {
            e.sources
                .iter()
                .any(|s| s.as_str() == "forces-news-what-russia-wants")
        })
        .expect("a timeline entry for the article");
    assert!(article.text.contains("inferred") && article.text.contains("12–13 January 2022"));
}

/// The built page's HTML, borrowed from the site (attr_values borrows from it).
fn self_html<'a>(site: &'a Site, page: &str) -> &'a str {
    std::str::from_utf8(&site.files[page]).unwrap()
}

/// Issue 19, problems 9 to 12: wording the fact base does not support, and stale present tenses.
#[test]
fn the_fixes_of_issue_19_stay_fixed() {
    let site = Site::build();
    let all: String = site.english_pages().map(|p| site.text(p)).collect();
    for wrong in [
        "Neither draft names Georgia",
        "now being renamed",
        "which is being renamed",
        "is being renamed",
        "from the invasion of February 2022",
        "pages now give the date they were first published",
        "how to report an error",
        "The explainer team",
        "joined NATO 2020",
    ] {
        assert!(!all.contains(wrong), "the site still says {wrong:?}");
    }
    // The map's tiles say since when a country has been a member.
    let map = site.html("map.html");
    assert!(map.contains("<title>North Macedonia (MK): NATO member since 2020</title>"));
    // No MAP at Bucharest is cited to the report that confirms it (FACTS §7).
    let demands =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/demands.md"))
            .unwrap();
    let sentence = demands
        .split(". ")
        .find(|s| s.contains("Membership Action Plan (MAP) at Bucharest"))
        .unwrap();
    assert!(
        sentence.contains("@postimees-bucharest-no-map"),
        "{sentence}"
    );
    // The Vienna Document's description is marked as general knowledge.
    let terms: Vec<explainer::content::data::Term> = data("glossary.yaml");
    let vienna = terms.iter().find(|t| t.term == "Vienna Document").unwrap();
    assert!(vienna.definition.contains("general knowledge"));
    assert_mentions(site, "nato-response.html", &["by general knowledge"]);
}
