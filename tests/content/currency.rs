//! How current the pages say they are: every page dated from its first publication, the
//! facts current to June 2026 wherever events are reported, and nothing after that told as
//! more than the fact base has (the Ankara summit only scheduled).

use std::path::Path;

use crate::common::{RealSite as Site, decode, normalize, strip_tags};
use crate::{assert_mentions, data, own_words};

/// The page's JSON-LD structured data.
fn structured_data(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// Issue 12, problem 2: pages are dated from when the site was written, not from the article.
#[test]
fn every_page_is_dated_from_its_first_publication_in_november_2026() {
    let site = Site::build();
    // The corrections page is the engine's list of the pages' changes, not a page of its own
    // with a first publication.
    for page in site.english_pages().filter(|p| *p != "corrections.html") {
        let data = structured_data(&site.html(page));
        let published = data["datePublished"].as_str().unwrap_or_else(|| {
            panic!("{page} has no datePublished");
        });
        let modified = data["dateModified"].as_str().unwrap();
        assert!(
            published >= "2026-11-26" && !published.starts_with("2022"),
            "{page}: datePublished {published}, before the site was written"
        );
        assert!(
            modified >= published,
            "{page}: dateModified {modified} before datePublished {published}"
        );
        assert_eq!(
            data["temporalCoverage"], "../2026-06",
            "{page}: the facts are current to June 2026"
        );
        assert!(
            site.text(page).contains("Facts current to June 2026"),
            "{page} does not say how far its facts are current"
        );
    }
}

/// "Current to June 2026" where readers look for it, and no page left at an earlier date.
#[test]
fn the_pages_that_report_events_say_they_are_current_to_june_2026() {
    let site = Site::build();
    for page in [
        "what-happened-next.html",
        "since-2025.html",
        "may-june-2026.html",
        "timeline.html",
        "about.html",
        "index.html",
    ] {
        assert!(
            own_words(site, page).contains("current to June 2026"),
            "{page} does not say in its own words that it is current to June 2026"
        );
    }
    for page in site.english_pages() {
        for stale in [
            "current to February 2026",
            "current to April 2026",
            "as of April 2026",
        ] {
            assert!(
                !site.text(page).contains(stale),
                "{page} still says {stale:?}"
            );
        }
    }
    assert_mentions(site, "about.html", &["early July 2026"]);
}

/// Absence of a ceasefire is a claim about a date: it is always "as of June 2026".
#[test]
fn no_page_says_there_is_no_ceasefire_without_saying_as_of_june_2026() {
    let site = Site::build();
    for page in site.english_pages() {
        for sentence in site.text(page).split(['.', ';']) {
            let lower = sentence.to_lowercase();
            if lower.contains("no ceasefire") || lower.contains("no comprehensive ceasefire") {
                assert!(
                    lower.contains("as of june 2026"),
                    "{page}: {sentence:?} does not say as of when"
                );
            }
        }
    }
}

/// A built page's words, all of them: its text, and what its head says of it.
fn words(site: &Site, page: &str) -> String {
    normalize(&decode(&strip_tags(&site.html(page))))
}

/// Every revision says what it changed, where readers look for it: a page updated after it
/// was first published has an entry of `changes:` dated that update, no entry is dated
/// outside the page's dates, each entry is on the built page, and its corrections and
/// clarifications (not its updates) are on its edition's corrections page too. The about
/// page no longer keeps a log of its own but says where the changes are, and the site has
/// no invented address.
#[test]
fn every_revision_says_on_its_own_page_what_it_changed() {
    let site = Site::build();
    let mut wrong = Vec::new();
    let mut revisions = std::collections::BTreeSet::new();
    for edition in ["", "ru/", "uk/"] {
        let corrections = words(site, &format!("{edition}corrections.html"));
        for source in crate::editions::english_pages() {
            let source = Path::new(edition).join(source);
            let page = source
                .with_extension("html")
                .to_string_lossy()
                .replace('\\', "/");
            let front = front_matter(&source);
            let field = |key: &str| front.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            let (date, updated) = (field("date"), field("updated"));
            let changes = front
                .get("changes")
                .and_then(|v| v.as_sequence())
                .cloned()
                .unwrap_or_default();
            let newest = changes.iter().filter_map(|c| c["date"].as_str()).max();
            if let (Some(date), Some(updated)) = (&date, &updated)
                && updated > date
                && newest != Some(updated.as_str())
            {
                wrong.push(format!(
                    "{page}: updated {updated}, but the newest change is of {newest:?}"
                ));
            }
            let html = words(site, &page);
            for change in &changes {
                let (day, kind, text) = (
                    change["date"].as_str().unwrap_or_default(),
                    change["kind"].as_str().unwrap_or_default(),
                    normalize(change["text"].as_str().unwrap_or_default()),
                );
                revisions.insert(day.to_owned());
                if date.as_deref().is_some_and(|d| day < d)
                    || updated.as_deref().is_some_and(|u| day > u)
                {
                    wrong.push(format!("{page}: a change of {day}, outside its dates"));
                }
                if !html.contains(&text) {
                    wrong.push(format!("{page} does not show its change {text:?}"));
                }
                let listed = corrections.contains(&text);
                if listed != (kind != "update") {
                    wrong.push(format!(
                        "{edition}corrections.html: the {kind} {text:?} of {page} is listed: {listed}"
                    ));
                }
                if let Some(anchor) = change["anchor"].as_str()
                    && !site.html(&page).contains(&format!("id=\"{anchor}\""))
                {
                    wrong.push(format!("{page}: no heading #{anchor}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The revisions the update log used to list are each recorded on the pages.
    for day in ["2026-11-29", "2026-12-02"] {
        assert!(
            revisions.contains(day),
            "no page records the revision of {day}"
        );
    }
    let about = site.text("about.html");
    assert!(
        !about.contains("Update log"),
        "the about page still keeps a log"
    );
    assert!(!about.contains("13 January 2022: first published"));
    assert!(about.contains("What changed") && about.contains("corrections page"));
    for about in ["about.html", "ru/about.html", "uk/about.html"] {
        assert!(
            site.html(about).contains("href=\"corrections.html\""),
            "{about} does not link to its corrections page"
        );
    }
    for page in site.english_pages() {
        assert!(
            !site.html(page).contains("mailto:"),
            "{page} gives an address the team doesn't have"
        );
    }
}

/// A page's front matter, as the YAML it is.
fn front_matter(page: &Path) -> serde_yaml::Mapping {
    let text = crate::editions::read(page);
    let rest = text.strip_prefix("---\n").unwrap_or(&text);
    let (front, _) = rest.split_once("\n---\n").unwrap_or_default();
    serde_yaml::from_str(front).unwrap_or_else(|e| panic!("content/{}: {e}", page.display()))
}

/// The pages after 2024 say in their titles, which the navigation shows, and in their
/// questions how far each one goes, so a reader skimming the navigation does not take
/// either to run to today.
#[test]
fn the_pages_since_2025_say_their_limit_in_their_titles_and_questions() {
    let site = Site::build();
    let nav_title = |html: &str, page: &str| -> String {
        let nav = &html[html.find("class=\"site-nav\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        let link = &nav[nav.find(&format!("href=\"{page}\"")).unwrap()..];
        decode(&strip_tags(
            &link[link.find('>').unwrap() + 1..link.find("</a>").unwrap()],
        ))
    };
    let home = site.html("index.html");
    for (page, limit) in [
        ("since-2025.html", "April 2026"),
        ("may-june-2026.html", "June 2026"),
    ] {
        let title = nav_title(&home, page);
        assert!(
            title.contains(limit),
            "{page}: the navigation says {title:?}"
        );
        let html = site.html(page);
        let h1 = &html[html.find("<h1>").unwrap() + 4..html.find("</h1>").unwrap()];
        assert!(h1.contains(limit), "{page}: the question is {h1:?}");
    }
}

/// The Ankara summit of 7–8 July 2026 is only ever scheduled: its outcome could not be
/// confirmed, and no page says what it decided.
#[test]
fn the_ankara_summit_is_only_scheduled() {
    let site = Site::build();
    for page in site.english_pages() {
        for sentence in site.text(page).split(['.', ';']) {
            if !sentence.contains("Ankara") {
                continue;
            }
            let lower = sentence.to_lowercase();
            assert!(
                lower.contains("scheduled")
                    || lower.contains("could not be confirmed")
                    || lower.contains("not even the outcome"),
                "{page}: {sentence:?} reports the Ankara summit as more than scheduled"
            );
            for outcome in ["declaration", "decided", "attended", "agreed in ankara"] {
                assert!(!lower.contains(outcome), "{page}: {sentence:?}");
            }
        }
    }
    let events: Vec<explainer::content::data::Event> = data("timeline.yaml");
    let ankara = events.iter().find(|e| e.title.contains("Ankara")).unwrap();
    assert!(ankara.scheduled && ankara.text.contains("could not be confirmed"));
    assert_eq!(
        events.last().map(|e| e.title.as_str()),
        Some(ankara.title.as_str())
    );
}

/// FACTS §10c: the events of May and June 2026 are on the site, with the wording the fact
/// base asks for, and what it says to leave out is left out.
#[test]
fn may_and_june_2026_are_covered_as_the_fact_base_has_them() {
    let site = Site::build();
    assert_mentions(
        site,
        "may-june-2026.html",
        &[
            "9-11 May",
            "205 prisoners each",
            "no report was found that the full exchange of 1,000 for 1,000 took place",
            "cut by about 5,000 troops and one brigade",
            "Sprūds",
            "Baltic Air Policing",
            "Forward Land Forces Finland",
            "open letter",
            "London",
            "Magyar",
            "Lavrov",
            "As of June 2026",
        ],
    );
    assert_mentions(
        site,
        "since-2025.html",
        &["9 March", "23 February and a Chinese one on 24 February"],
    );
    let all: String = site.english_pages().map(|p| site.text(p)).collect();
    for left_out in [
        "moratorium",
        "oil waiver",
        " rude",
        "Ankara declaration",
        "prime minister resigned",
        "Istanbul on 11 March",
    ] {
        assert!(!all.contains(left_out), "the site says {left_out:?}");
    }
}
