//! Quotations, citations and sources: every quotation word for word from the fact base,
//! every citation linked both ways, every source cited or listed as further reading, and
//! each source's address honest about where it was read.

use std::collections::HashSet;
use std::path::Path;

use crate::common::{RealSite as Site, attr_values, explainer, normalize};
use crate::quotes::ALLOWED_QUOTES;
use crate::{assert_mentions, data, earlier};

#[test]
fn every_quotation_is_word_for_word_from_the_fact_base() {
    let site = Site::build();
    let allowed: Vec<String> = ALLOWED_QUOTES.iter().map(|q| normalize(q)).collect();
    let mut wrong = Vec::new();
    for page in site.pages() {
        let text = site.text(page);
        let curly = text
            .split('“')
            .skip(1)
            .filter_map(|rest| rest.split('”').next());
        let straight = text.split('"').skip(1).step_by(2);
        for quote in curly.chain(straight) {
            let quote = normalize(quote);
            if !allowed.iter().any(|a| a.contains(&quote)) {
                wrong.push(format!("{page}: “{quote}”"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "quotations not in the fact base:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_citation_links_to_an_entry_that_links_back() {
    let site = Site::build();
    let mut citations = 0;
    for page in site.pages() {
        let html = site.html(page);
        let ids: HashSet<&str> = attr_values(&html, "id").into_iter().collect();
        for marker in html.split("<sup class=\"citation\">").skip(1) {
            let marker = &marker[..marker.find("</sup>").unwrap()];
            for href in attr_values(marker, "href") {
                citations += 1;
                let entry = href.trim_start_matches('#');
                assert!(
                    ids.contains(entry),
                    "{page}: citation to #{entry} has no entry"
                );
                let li = &html[html.find(&format!("id=\"{entry}\"")).unwrap()..];
                let li = &li[..li.find("</li>").unwrap()];
                for back in attr_values(li, "href")
                    .into_iter()
                    .filter(|h| h.starts_with("#cite-"))
                {
                    assert!(
                        ids.contains(&back[1..]),
                        "{page}: back-link {back} goes nowhere"
                    );
                }
                assert!(
                    attr_values(li, "href")
                        .iter()
                        .any(|h| h.starts_with("#cite-")),
                    "{page}: #{entry} has no back-link"
                );
            }
        }
    }
    assert!(citations > 50, "only {citations} citations on the site");
}

#[test]
fn every_source_is_cited_or_listed_as_further_reading() {
    let run = explainer()
        .args(["check", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("is never cited"), "{stderr}");
    assert!(run.status.success(), "check found problems:\n{stderr}");
    // The sources page lists every source in the data file.
    let site = Site::build();
    let sources = site.text("sources.html");
    let data = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data/sources.yaml"),
    )
    .unwrap();
    let data: Vec<explainer::content::data::Source> = serde_yaml::from_str(&data).unwrap();
    for source in data {
        assert!(
            sources.contains(&normalize(&source.title)),
            "the sources page lacks {:?}",
            source.title
        );
    }
}

#[test]
fn the_sources_page_groups_sources_by_the_pages_that_cite_them() {
    let site = Site::build();
    let html = site.html("sources.html");
    for page in site.english_pages().filter(|p| *p != "sources.html") {
        if site.html(page).contains("<sup class=\"citation\">") {
            assert!(
                html.contains(&format!("<h2><a href=\"{page}#page-sources\">")),
                "the sources page has no group for {page}"
            );
        }
    }
    assert!(
        html.contains("Also cites, listed above:"),
        "repeated sources are named briefly, not listed twice"
    );
}

/// Issue 12, problem 3: the Geneva round of 17–18 February 2026 is cited to a report of the round.
#[test]
fn the_geneva_round_of_february_2026_cites_a_report_of_the_round_itself() {
    let sources: Vec<explainer::content::data::Source> = data("sources.yaml");
    let round = explainer::text::date::PartialDate::parse("2026-02-17").unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/since-2025.md"),
    )
    .unwrap();
    let paragraph = text
        .split("\n\n")
        .find(|p| p.contains("Geneva on 17–18 February"))
        .expect("since-2025.md describes the Geneva round");
    let cited: Vec<&explainer::content::data::Source> = sources
        .iter()
        .filter(|s| paragraph.contains(&format!("@{}", s.id.as_str())))
        .collect();
    assert!(
        cited.iter().any(|s| !earlier(&s.date, &round)),
        "the Geneva round cites only sources dated before it: {:?}",
        cited.iter().map(|s| s.id.as_str()).collect::<Vec<_>>()
    );
}

/// Issue 12, problems 4, 5 and 12: a copy says it is a copy, and an address from general knowledge
/// says so.
#[test]
fn sources_read_through_a_copy_name_the_copy_and_guessed_addresses_say_so() {
    let sources: Vec<explainer::content::data::Source> = data("sources.yaml");
    // Issuing bodies and the sites that are theirs.
    let own: &[(&str, &[&str])] = &[
        ("NATO", &["nato.int"]),
        ("SHAPE (NATO)", &["nato.int"]),
        ("U.S. Department of State", &["state.gov"]),
        (
            "Ministry of Foreign Affairs of the Russian Federation",
            &["mid.ru"],
        ),
        ("United Nations", &["un.org"]),
        ("United Nations Security Council", &["undocs.org", "un.org"]),
        ("Security Council Report", &["securitycouncilreport.org"]),
    ];
    for s in &sources {
        let host = s.url.split('/').nth(2).unwrap();
        if let Some((_, hosts)) = own.iter().find(|(p, _)| *p == s.publisher) {
            assert!(
                hosts.iter().any(|h| host.ends_with(h)) || s.via.is_some(),
                "{}: labelled {} but links to {host} without saying it is a copy",
                s.id.as_str(),
                s.publisher
            );
        }
        let note = s.note.as_deref().unwrap_or_default();
        if note.contains("read via") {
            assert!(
                s.via.is_some(),
                "{}: read via a copy, but no `via`",
                s.id.as_str()
            );
        }
        for guessed in [
            "mid.ru/",
            "undocs.org/",
            "official_texts_17120",
            "official_texts_25468",
        ] {
            if s.url.contains(guessed) {
                assert!(
                    note.contains("general knowledge"),
                    "{}: its address is from general knowledge, and the note should say so",
                    s.id.as_str()
                );
            }
        }
    }
    let site = Site::build();
    assert_mentions(
        site,
        "timeline.html",
        &["NATO (copy at alliansfriheten.se)"],
    );
}

/// Issue 19, problem 7: Russia's draft agreement is printed at the ministry's own address (FACTS
/// §1), not the archived copy it was read through.
#[test]
fn the_draft_agreement_is_printed_at_mid_ru() {
    let sources: Vec<explainer::content::data::Source> = data("sources.yaml");
    let draft = sources
        .iter()
        .find(|s| s.id.as_str() == "mid-2021-12-17-draft-agreement-nato")
        .unwrap();
    assert!(
        draft.url.starts_with("https://mid.ru/") && draft.via.is_none(),
        "{}",
        draft.url
    );
    let site = Site::build();
    let demands = site.html("demands.html");
    assert!(
        demands.contains("href=\"https://mid.ru/ru/foreign_policy/rso/nato/1790803/?lang=en\"")
    );
    assert!(!demands.contains("href=\"https://archive.md/"));
}

/// Issue 22: the sources checked in the research of November and December 2026 (FACTS
/// §10b, §10c) say when they were read, in every edition; the older sections give no
/// research date, so their sources claim none.
#[test]
fn the_sources_of_2026_say_when_they_were_read() {
    let sources: Vec<explainer::content::data::Source> = data("sources.yaml");
    let read: Vec<&explainer::content::data::Source> =
        sources.iter().filter(|s| s.accessed.is_some()).collect();
    // 17 sources of §10b's table, 22 of §10c's, matched by their addresses.
    assert_eq!(read.len(), 39, "sources with `accessed`");
    for source in &sources {
        if let Some(accessed) = source.accessed {
            let day = accessed.to_string();
            assert!(
                day == "2026-11-29" || day == "2026-12-02",
                "{}: {day}",
                source.id
            );
        }
    }
    let site = Site::build();
    let page = site.html("may-june-2026.html");
    assert!(
        page.contains("<small>(read 2 December 2026)</small>"),
        "may-june-2026.html"
    );
    let ru = site
        .html("ru/may-june-2026.html")
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        ru.contains("<small>(просмотрено 2 декабря 2026 г.)</small>"),
        "ru/may-june-2026.html"
    );
}
