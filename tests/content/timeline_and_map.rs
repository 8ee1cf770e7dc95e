//! The timeline and the map agree with their data: events in date order, each with a source
//! that reports it, every country on the map and in its table, and the map's groups defined
//! in the explainer's data, templates and stylesheet alone.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::common::{RealSite as Site, attr_values, copy_of_real_site, replace_in, run_build};
use crate::{assert_mentions, data, earlier};

/// A timeline event's source links: to the source itself, or to its entry in the list of
/// the page that cites it (`demands.html#source-3`), which must exist.
#[test]
fn the_timeline_is_in_date_order_and_every_event_has_a_source() {
    let site = Site::build();
    let html = site.html("timeline.html");
    let list = &html[html
        .find("<ol class=\"timeline\"")
        .expect("a timeline list")..];
    let list = &list[..list.find("</ol>").unwrap()];
    let mut dates = Vec::new();
    for event in list.split("<li").skip(1) {
        let date = attr_values(event, "datetime")
            .into_iter()
            .next()
            .expect("every event has a <time datetime>");
        dates.push(date.to_owned());
        let hrefs = attr_values(event, "href");
        assert!(
            hrefs
                .iter()
                .any(|h| h.starts_with("http") || h.contains("#source-")),
            "the event of {date} cites no source"
        );
        for href in hrefs.iter().filter(|h| !h.starts_with("http")) {
            let (page, anchor) = href.split_once('#').unwrap();
            assert!(
                site.html(page).contains(&format!("<li id=\"{anchor}\"")),
                "the event of {date} links to {href}, which is not a source entry"
            );
        }
    }
    assert!(dates.len() >= 60, "only {} events", dates.len());
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "the timeline is not in date order");
    assert!(dates.first().unwrap().starts_with("1997"));
    // The last entry is the Ankara summit of July 2026, listed only as scheduled.
    assert!(dates.last().unwrap().starts_with("2026-07"));
}

/// No event is dated after everything that reports it, unless its sources announce it.
#[test]
fn no_timeline_event_rests_only_on_sources_dated_before_it_unless_scheduled() {
    let sources: Vec<explainer::content::data::Source> = data("sources.yaml");
    let events: Vec<explainer::content::data::Event> = data("timeline.yaml");
    let date_of: BTreeMap<&str, _> = sources.iter().map(|s| (s.id.as_str(), &s.date)).collect();
    let mut wrong = Vec::new();
    for e in &events {
        let all_earlier = e
            .sources
            .iter()
            .all(|id| earlier(date_of[id.as_str()], &e.date));
        if all_earlier && !e.scheduled {
            wrong.push(format!("{} ({:?})", e.title, e.date));
        }
    }
    assert!(
        wrong.is_empty(),
        "events whose every source predates them; cite a report of the event or mark it scheduled:\n{}",
        wrong.join("\n")
    );
    // The Ankara summit is there, and only as scheduled.
    assert!(
        events
            .iter()
            .any(|e| e.scheduled && e.title.contains("Ankara"))
    );
}

/// What this test reads of an entry of `countries.yaml`, this explainer's own data file.
#[derive(serde::Deserialize)]
struct Country {
    name: String,
    code: String,
    joined: Option<String>,
}

#[test]
fn the_map_names_every_country_and_its_table_matches() {
    let site = Site::build();
    let data = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data/countries.yaml"),
    )
    .unwrap();
    let countries: Vec<Country> = serde_yaml::from_str(&data).unwrap();
    let html = site.html("map.html");
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    let table = &html[html.find("<table").expect("a table alternative")..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows = table.matches("<tr").count() - 1;
    assert_eq!(rows, countries.len(), "the table has a row per country");
    for c in &countries {
        assert!(
            svg.contains(&format!("<title>{} ({})", c.name, c.code)),
            "{} is not on the map",
            c.name
        );
        let row = &table[table
            .find(&format!(">{}</th>", c.name))
            .unwrap_or_else(|| panic!("{} has no row", c.name))..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains(&c.code));
        match &c.joined {
            Some(date) => assert!(
                row.contains(&format!("datetime=\"{date}\"")),
                "{}: wrong accession date",
                c.name
            ),
            None => assert!(
                !row.contains("datetime"),
                "{}: a date the data doesn't have",
                c.name
            ),
        }
    }
    assert!(
        svg.contains("<desc id=\"map-desc\">")
            && html.contains("aria-labelledby=\"map-title map-desc\"")
    );
}

/// Issue 12, problem 1: the flag marks the article's list of ten, not every country it mentions.
#[test]
fn the_map_table_says_its_flag_column_is_the_articles_list_of_ten() {
    let site = Site::build();
    let html = site.html("map.html");
    let head = &html[html.find("<thead>").expect("a table head")..];
    let head = &head[..head.find("</thead>").unwrap()];
    assert!(
        head.contains("One of the article’s ten"),
        "the table's last column should say it marks the article's ten: {head}"
    );
    assert!(!head.contains("Named in the article"), "{head}");
    assert_mentions(
        site,
        "map.html",
        &["One of the article's ten", "Russia, Ukraine and Georgia"],
    );
}

/// The map's groups are this explainer's data: one renamed in its data files (in every
/// edition) builds with its colour, and no trace of the old name. (The engine's side of
/// it, on a fixture, is in tests/topics.rs.)
#[test]
fn a_group_renamed_in_data_and_templates_builds_without_a_code_change() {
    let site = copy_of_real_site();
    let root = site.path();
    for folder in ["content/data", "content/ru/data", "content/uk/data"] {
        for file in ["groups.yaml", "countries.yaml"] {
            replace_in(
                &root.join(folder).join(file),
                "aspirant",
                "promised-in-2008",
            );
        }
    }
    replace_in(
        &root.join("content/data/groups.yaml"),
        "Promised membership in 2008, not a member",
        "Promised NATO membership at Bucharest",
    );
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(ok, "{stderr}");
    let map = fs::read_to_string(root.join("public/map.html")).unwrap();
    assert!(map.contains(
        "<g class=\"tile g-promised-in-2008 palette-5 border-dashed\"><title>Ukraine (UA)"
    ));
    assert!(map.contains("Promised NATO membership at Bucharest"));
    assert!(!map.contains("aspirant"));
}

/// A map group's colour is its data: a new group without one is drawn in the palette's next
/// colour, never black, and `check` warns at the group.
#[test]
fn a_group_without_a_colour_is_drawn_from_the_palette_and_warned_of_at_its_entry() {
    let site = copy_of_real_site();
    let root = site.path();
    replace_in(
        &root.join("content/data/groups.yaml"),
        "- id: other\n  colour: 6\n",
        "- id: other\n",
    );
    let run = crate::common::explainer()
        .args(["check", "--root"])
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(0),
        "a warning, not an error: {said}"
    );
    assert!(
        said.contains("content/data/groups.yaml:")
            && said.contains("the entry `other` has no `colour`"),
        "{said}"
    );
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(ok, "{stderr}");
    let map = fs::read_to_string(root.join("public/map.html")).unwrap();
    assert!(
        map.contains("<g class=\"tile g-other palette-6\">"),
        "the sixth group, the sixth colour"
    );
}
