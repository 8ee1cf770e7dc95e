//! This explainer's own content, checked through the site it builds: the source article's
//! claims, the quotations and sources, the timeline and map, how current the pages say they
//! are, the editions in Russian and Ukrainian, and the real site's pages, links, weight and
//! publication. The engine's tests are the other targets in `tests/`, on fixture sites.
//!
//! The real site is built once per run of this target (`RealSite`), with and without a base
//! URL, and every module reads that one build. A test's comment that names a problem of
//! issue 12 or 19 is about a mistake the review of that issue found.

#[path = "../common/mod.rs"]
mod common;

mod article;
mod budget;
mod currency;
mod editions;
mod pages;
mod publishing;
mod quotes;
mod sources;
mod timeline_and_map;
mod wording;

use std::path::Path;

use common::{RealSite as Site, decode, normalize, strip_tags};

pub fn assert_mentions(site: &Site, page: &str, needles: &[&str]) {
    let text = site.text(page);
    for needle in needles {
        assert!(text.contains(needle), "{page} does not mention {needle:?}");
    }
}

/// A page's own text: without the "Facts current to …" line every page's header carries,
/// and without the home page's cards, which quote the other pages.
pub fn own_words(site: &Site, page: &str) -> String {
    let html = site.html(page);
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let main = main.split("<section class=\"sections\"").next().unwrap();
    normalize(&decode(&strip_tags(main))).replace("Facts current to June 2026", "")
}

/// The site's own data files, read as the generator reads them.
pub fn data<T: serde::de::DeserializeOwned>(file: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/data")
        .join(file);
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Whether `a` is earlier than `b` at the precision both of them know: a source of
/// "February 2026" is not earlier than an event of 17 February 2026, one of
/// 13 February 2026 is.
pub fn earlier(
    a: &explainer::text::date::PartialDate,
    b: &explainer::text::date::PartialDate,
) -> bool {
    let key = |d: &explainer::text::date::PartialDate, month: bool, day: bool| {
        (
            d.year,
            if month { d.month } else { None },
            if day { d.day } else { None },
        )
    };
    let month = a.month.is_some() && b.month.is_some();
    let day = month && a.day.is_some() && b.day.is_some();
    key(a, month, day) < key(b, month, day)
}
