//! The explainer's content: every claim of the source article is on the site, every quote
//! is word for word from the fact base, every citation resolves, and the timeline and map
//! agree with their data.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{RealSite as Site, attr_values, explainer, normalize};

/// Every quotation the fact base (`shared/FACTS.md`) allows, as it gives it. A quotation on
/// the site must be one of these or a part of one, word for word.
const ALLOWED_QUOTES: &[&str] = &[
    "Agreement on measures to ensure the security of the Russian Federation and member States of the North Atlantic Treaty Organization",
    "All formerly part of the Moscow-led Cold War alliance",
    "All member States of the North Atlantic Treaty Organization commit themselves to refrain from any further enlargement of NATO, including the accession of Ukraine as well as other States.",
    "Donetsk People's Republic",
    "Estonia hosts the UK-led NATO mission Operation Cabrit.",
    "Featured on BFBS",
    "Founding Act on Mutual Relations, Cooperation and Security between NATO and the Russian Federation",
    "It seems the risk of war in the OSCE area is now greater than ever before in the last 30 years.",
    "Luhansk People's Republic",
    "NATO and Russia do not consider each other as adversaries.",
    "NATO must leave Latvia, Lithuania, Poland, Estonia, Czech Republic, Slovakia, Hungary, Romania, Bulgaria and Albania",
    "NATO welcomes Ukraine's and Georgia's Euro-Atlantic aspirations for membership in NATO. We agreed today that these countries will become members of NATO.",
    "Package of Measures for the Implementation of the Minsk Agreements",
    "Protocol on the results of consultations of the Trilateral Contact Group",
    "Russia does not have a veto",
    "Russia does not have a veto.",
    "Territorial integrity of Ukraine",
    "The Parties may, by unanimous agreement, invite any other European State in a position to further the principles of this Treaty and to contribute to the security of the North Atlantic area to accede to this Treaty.",
    "The Russian Federation is the most significant and direct threat to Allies' security ...",
    "The United States of America shall take measures to prevent further eastward expansion of the North Atlantic Treaty Organization and deny accession to the Alliance to the former USSR republics.",
    "There are significant differences between NATO allies and Russia on this issue",
    "There will be no change",
    "There's no deal until there's a deal",
    "Treaty between the United States of America and the Russian Federation on security guarantees",
    "Ukraine's future is in NATO",
    "Watch: NATO and Russia agree more high-level talks despite building tensions",
    "We reiterate the decision made at the 2008 Bucharest Summit that Ukraine will become a member of the Alliance",
    "We will be in a position to extend an invitation to Ukraine to join the Alliance when Allies agree and conditions are met",
    "We will not allow anyone to slam closed NATO's Open Door policy",
    "What does Russia want from NATO?",
    "an enhanced forward presence in Estonia, Latvia, Lithuania and Poland ... Beginning in early 2017 ... four battalion-sized battlegroups ... on a voluntary, sustainable, and rotational basis",
    "concrete guarantees",
    "conditions-based reciprocal transparency measures and reciprocal commitments by both the US and Russia to refrain from deploying offensive ground-launched missile systems and permanent forces with a combat mission in the territory of Ukraine",
    "conduct any military activity on the territory of Ukraine as well as other States in the Eastern Europe, in the South Caucasus and in Central Asia",
    "continuously updated",
    "deploy land-based intermediate- and short-range missiles in areas allowing them to reach the territory of the other Parties",
    "equal and indivisible security",
    "expressed the need to dialogue and explore a schedule of future meetings",
    "in parallel with the United States",
    "including Bulgaria and Romania",
    "long-term threat to Euro-Atlantic security",
    "most likely",
    "new",
    "no intention, no plan and no reason to deploy nuclear weapons on the territory of new members",
    "non-paper",
    "old",
    "on its irreversible path to full Euro-Atlantic integration, including NATO membership",
    "political will",
    "quite constructive",
    "reaffirm that they do not consider each other as adversaries",
    "referendum",
    "security architecture",
    "security proposals that are simply non-starters",
    "sets out a serious diplomatic path forward should Russia choose it",
    "somewhat of an aggressive act",
    "special military operation",
    "the Russian Federation and all the Parties that were member States of NATO as of 27 May 1997",
    "the consent of all the Parties",
    "the name of the UK operational deployment to Estonia where British troops are leading a multinational battlegroup as part of the enhanced Forward Presence",
    "the right of states to choose their own security arrangements and alliances",
    "the risk of war in the OSCE area is now greater than ever before in the last 30 years",
    "the withdrawal of foreign forces, equipment and weapons ... to return to the 1997 configuration",
    "unofficial translation",
    "within its sphere of political and security interests",
];

/// The ten countries the article says NATO "must leave".
const ARTICLE_TEN: &[&str] = &[
    "Latvia",
    "Lithuania",
    "Poland",
    "Estonia",
    "Czech Republic",
    "Slovakia",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Albania",
];

fn assert_mentions(site: &Site, page: &str, needles: &[&str]) {
    let text = site.text(page);
    for needle in needles {
        assert!(text.contains(needle), "{page} does not mention {needle:?}");
    }
}

// ---- The article's claims (FACTS.md, "The article's claims, one by one") ----

#[test]
fn claim_1_putin_has_given_nato_demands() {
    let site = Site::build();
    assert_mentions(site, "index.html", &["Putin", "Forces News"]);
    assert_mentions(site, "demands.html", &["17 December 2021", "draft"]);
}

#[test]
fn claim_2_halt_expansion_and_withdraw_from_neighbours_including_the_baltic_states() {
    let site = Site::build();
    assert_mentions(
        site,
        "demands.html",
        &["Ukraine", "Estonia", "Latvia", "Lithuania", "enlargement"],
    );
}

#[test]
fn claim_3_key_demands_rejected_but_talks_offered_on_arms_control_missiles_and_incidents() {
    let site = Site::build();
    assert_mentions(
        site,
        "nato-response.html",
        &[
            "26 January 2022",
            "rejected",
            "arms control",
            "missile",
            "incidents",
        ],
    );
}

#[test]
fn claim_4_ferris_on_security_architecture_as_an_aggressive_act() {
    let site = Site::build();
    assert_mentions(
        site,
        "expert-analysis.html",
        &[
            "Emily Ferris",
            "Royal United Services Institute",
            "“security architecture”",
            "“somewhat of an aggressive act”",
            "Estonia",
            "Poland",
        ],
    );
}

#[test]
fn claim_5_the_ten_countries_the_article_names_are_on_the_demands_page_and_the_map() {
    let site = Site::build();
    assert_mentions(site, "demands.html", ARTICLE_TEN);
    assert_mentions(site, "map.html", ARTICLE_TEN);
    let map = site.html("map.html");
    let svg = &map[map.find("<svg").unwrap()..map.find("</svg>").unwrap()];
    for country in ARTICLE_TEN {
        assert!(
            svg.contains(&format!("<title>{country} (")),
            "{country} is not a tile on the map"
        );
    }
    // The four the article leaves out are named too.
    assert_mentions(
        site,
        "demands.html",
        &["Slovenia", "Croatia", "Montenegro", "North Macedonia"],
    );
}

#[test]
fn claim_6_ukraine_within_russias_sphere_of_interests() {
    let site = Site::build();
    assert_mentions(
        site,
        "demands.html",
        &["“within its sphere of political and security interests”"],
    );
}

#[test]
fn claim_7_operation_cabrit_in_estonia_and_the_us_led_group_in_poland() {
    let site = Site::build();
    assert_mentions(
        site,
        "expert-analysis.html",
        &[
            "Operation Cabrit",
            "Tapa",
            "US-led",
            "Poland",
            "national name",
        ],
    );
}

#[test]
fn claim_8_the_companion_video_on_more_high_level_talks() {
    let site = Site::build();
    let all: String = site.pages().map(|p| site.text(p)).collect();
    assert!(all.contains("NATO and Russia agree more high-level talks despite building tensions"));
}

#[test]
fn claim_9_georgia_and_ukraine_membership_off_the_table_which_nato_rejected() {
    let site = Site::build();
    assert_mentions(site, "demands.html", &["Georgia", "Ukraine", "Bucharest"]);
    assert_mentions(site, "nato-response.html", &["open door", "Article 10"]);
}

#[test]
fn claim_10_no_political_will_and_a_new_generation_with_less_appetite() {
    let site = Site::build();
    assert_mentions(
        site,
        "likely-outcomes.html",
        &["“political will”", "generation"],
    );
}

#[test]
fn claim_11_another_minsk_protocol_most_likely() {
    let site = Site::build();
    assert_mentions(
        site,
        "likely-outcomes.html",
        &[
            "“most likely”",
            "Minsk Protocol",
            "2014",
            "Donbas",
            "Crimea",
            "Minsk II",
        ],
    );
}

#[test]
fn what_happened_next_says_how_current_it_is() {
    let site = Site::build();
    assert_mentions(
        site,
        "what-happened-next.html",
        &["February 2026", "24 February 2022"],
    );
}

// ---- Quotes, citations, sources ----

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
    let data: Vec<explainer::load::data::Source> = serde_yaml::from_str(&data).unwrap();
    for source in data {
        assert!(
            sources.contains(&normalize(&source.title)),
            "the sources page lacks {:?}",
            source.title
        );
    }
}

// ---- Timeline and map ----

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
        assert!(
            attr_values(event, "href")
                .iter()
                .any(|h| h.starts_with("http")),
            "the event of {date} cites no source"
        );
    }
    assert!(dates.len() >= 30, "only {} events", dates.len());
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "the timeline is not in date order");
    assert!(dates.first().unwrap().starts_with("1997"));
    assert!(dates.last().unwrap().starts_with("2026-02"));
}

#[test]
fn the_map_names_every_country_and_its_table_matches() {
    let site = Site::build();
    let data = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data/countries.yaml"),
    )
    .unwrap();
    let countries: Vec<explainer::load::data::Country> = serde_yaml::from_str(&data).unwrap();
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
        match c.joined {
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

#[test]
fn the_sources_page_groups_sources_by_the_pages_that_cite_them() {
    let site = Site::build();
    let html = site.html("sources.html");
    for page in site.pages().filter(|p| *p != "sources.html") {
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
