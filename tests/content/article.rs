//! The source article's claims, one by one (FACTS.md, "The article's claims, one by one"):
//! each is on the page that answers it, and the pages about what came next say how current
//! they are.

use crate::common::RealSite as Site;
use crate::{assert_mentions, own_words};

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
    let all: String = site.english_pages().map(|p| site.text(p)).collect();
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
    assert_mentions(site, "what-happened-next.html", &["24 February 2022"]);
    for page in ["since-2025.html", "may-june-2026.html"] {
        assert_mentions(site, page, &["early July 2026", "Ankara"]);
    }
    for page in [
        "what-happened-next.html",
        "since-2025.html",
        "may-june-2026.html",
    ] {
        assert!(
            own_words(site, page).contains("current to June 2026"),
            "{page} does not say it is current to June 2026"
        );
    }
}
