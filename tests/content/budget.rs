//! The real site's weight: every page, with its stylesheet, arrives in the first round trip
//! of a new connection, and nothing is loaded from another origin.

use std::io::Write;
use std::path::Path;

use crate::common::{self, RealSite, attr_values, html_files};

/// A page and its stylesheet must arrive in the first round trip of a new connection. The
/// Russian and Ukrainian editions, whose Cyrillic text takes about a third more bytes, are
/// held to the budget of issue 13: the page alone.
const PAGE_BUDGET_GZIPPED: usize = 14 * 1024;

/// The folders of the editions in other languages, from site.yaml.
fn edition_folders() -> Vec<String> {
    let settings: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(common::real_root().join("site.yaml")).unwrap(),
    )
    .unwrap();
    settings["translations"]
        .as_sequence()
        .into_iter()
        .flatten()
        .map(|t| format!("{}/", t["code"].as_str().unwrap()))
        .collect()
}

/// The site's own address in the published build; the 404 page links through it.
const BASE_URL: &str = "https://example.org/explainer/";
const BASE_PATH: &str = "/explainer/";

fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

#[test]
fn every_page_with_its_stylesheet_fits_in_14_kb_gzipped_and_loads_nothing_from_elsewhere() {
    let out = &RealSite::published().out;
    let editions = edition_folders();
    assert!(
        !editions.is_empty(),
        "the explainer has editions in other languages"
    );
    let mut report = Vec::new();
    // The offline files are downloads to keep, not pages a browser fetches to show.
    for page in html_files(out)
        .into_iter()
        .filter(|p| !p.starts_with("offline/"))
    {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        let dir = Path::new(&page).parent().unwrap().to_path_buf();
        let stylesheets: Vec<&str> = html
            .split("<link ")
            .skip(1)
            // A print stylesheet doesn't hold up the page on screen.
            .filter(|tag| tag.contains("rel=\"stylesheet\"") && !tag.contains("media=\"print\""))
            .flat_map(|tag| attr_values(tag.split('>').next().unwrap(), "href"))
            .collect();
        assert!(!stylesheets.is_empty(), "{page} has no stylesheet");
        let mut css = Vec::new();
        for href in &stylesheets {
            // Absolute, path-absolute (the 404 page's) or relative.
            let from_root = href
                .strip_prefix(BASE_URL)
                .or_else(|| href.strip_prefix(BASE_PATH));
            let file = match from_root {
                Some(from_root) => out.join(from_root),
                None => out.join(&dir).join(href),
            };
            css.extend(std::fs::read(file).unwrap());
        }
        // What a browser fetches: `src`s, and the `<link>`s that load something (not
        // canonical or alternate links, which only name an address).
        let fetched_links = html
            .split("<link ")
            .skip(1)
            .filter_map(|t| t.split('>').next())
            .filter(|t| {
                ["stylesheet", "icon", "preload", "manifest"]
                    .iter()
                    .any(|r| t.contains(&format!("rel=\"{r}\"")))
            })
            .flat_map(|t| attr_values(t, "href"));
        for url in attr_values(&html, "src").into_iter().chain(fetched_links) {
            let elsewhere = url.contains("//") && !url.starts_with(BASE_URL);
            assert!(!elsewhere, "{page} loads {url} from another origin");
        }
        let (page_gz, css_gz) = (gzipped_len(html.as_bytes()), gzipped_len(&css));
        report.push(format!(
            "{page}: {} B raw, {page_gz} B + {css_gz} B CSS gzipped",
            html.len()
        ));
        let edition = editions.iter().any(|e| page.starts_with(e.as_str()));
        let (weight, what) = match edition {
            true => (page_gz, "alone"),
            false => (page_gz + css_gz, "with its CSS"),
        };
        assert!(
            weight <= PAGE_BUDGET_GZIPPED,
            "{page} {what} is {weight} B gzipped, over the {PAGE_BUDGET_GZIPPED} B budget"
        );
    }
    eprintln!("{}", report.join("\n"));
}
