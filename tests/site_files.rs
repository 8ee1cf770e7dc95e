//! The files beside the pages, from the templates built into the generator (`robots.txt`,
//! `_headers`, `sitemap.xml`, each edition's `feed.xml`) and the 404 page a site's own
//! template makes from what the engine gives it, on a small site in two languages, as
//! snapshots (`tests/snapshots/site_files__*.snap`). Dates are the pages' own, and the base
//! URL is fixed, so the snapshots are the same on every machine and every day.

mod common;

use common::{Fixture, SITE_YAML};

const BASE_URL: &str = "https://example.org/site/";

/// A 404 page that shows what the engine gives its template: `root` (the site's path on
/// its host when the base URL is known), the stylesheet's published name, the pages and
/// the editions' home pages.
const NOT_FOUND: &str = r#"<!DOCTYPE html>
<html lang="{{ site.language }}"><head><link rel="stylesheet" href="{{ root }}{{ assets["style.css"] }}"></head>
<body><nav>{% for p in pages %}<a href="{{ root }}{{ p.url }}">{{ p.title }}</a> {% endfor %}</nav>
<ul>{% for t in page.translations %}<li><a href="{{ root }}{{ t.path }}" hreflang="{{ t.language }}">{{ t.name }}</a></li>{% endfor %}</ul></body></html>
"#;

/// A site in English and Russian: a dated home page and a page with a question in both,
/// and an English page with no date and no translation; a stylesheet (published under a
/// fingerprinted name) and an icon (published as it is).
fn two_languages(base_url: Option<&str>) -> Fixture {
    let site = Fixture::new();
    let base = base_url.map_or(String::new(), |url| format!("base_url: {url}\n"));
    site.write(
        "site.yaml",
        &format!(
            "{SITE_YAML}{base}language_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n"
        ),
    )
    .write("templates/404.html", NOT_FOUND)
    .write("static/favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
    .write("content/index.md", "---\ntitle: Home\ndescription: Where to start.\ndate: 2022-01-10\nupdated: 2022-01-26\nchanges: [{date: 2022-01-26, kind: update, text: Added the talks.}]\n---\nSee [the demands](demands.md) and [about](about.md).\n")
    .write("content/demands.md", "---\ntitle: Demands\ndescription: What was asked.\nquestion: What did Russia ask for?\ndate: 2021-12-17\nweight: 10\n---\nText.\n")
    .write("content/about.md", "---\ntitle: About\ndescription: Who wrote this.\nweight: 20\n---\nText.\n")
    .write("content/ru/index.md", "---\ntitle: Главная\ndescription: С чего начать.\ndate: 2022-01-10\nupdated: 2022-02-01\nchanges: [{date: 2022-02-01, kind: update, text: Добавлены переговоры.}]\n---\nСм. [требования](demands.md).\n")
    .write("content/ru/demands.md", "---\ntitle: Требования\ndescription: Чего просили.\nquestion: Чего просила Россия?\ndate: 2021-12-17\nweight: 10\n---\nТекст.\n");
    site.build().unwrap();
    site
}

#[test]
fn robots_txt_allows_everything_and_names_the_sitemap() {
    let site = two_languages(Some(BASE_URL));
    insta::assert_snapshot!("robots_txt", site.read("robots.txt"));
}

#[test]
fn robots_txt_without_a_base_url_names_no_sitemap() {
    let site = two_languages(None);
    insta::assert_snapshot!("robots_txt_without_a_base_url", site.read("robots.txt"));
}

#[test]
fn headers_give_the_whole_site_its_security_headers_and_fingerprinted_files_a_year() {
    let site = two_languages(Some(BASE_URL));
    insta::assert_snapshot!("headers", site.read("_headers"));
}

#[test]
fn headers_without_a_base_url_start_at_the_top_of_the_host() {
    let site = two_languages(None);
    insta::assert_snapshot!("headers_without_a_base_url", site.read("_headers"));
}

#[test]
fn the_sitemap_lists_every_page_of_every_edition_with_its_date_and_alternates() {
    let site = two_languages(Some(BASE_URL));
    insta::assert_snapshot!("sitemap_xml", site.read("sitemap.xml"));
}

#[test]
fn the_feed_lists_the_editions_dated_pages_most_recently_updated_first() {
    let site = two_languages(Some(BASE_URL));
    insta::assert_snapshot!("feed_xml", site.read("feed.xml"));
}

#[test]
fn each_edition_has_a_feed_of_its_own_in_its_language() {
    let site = two_languages(Some(BASE_URL));
    insta::assert_snapshot!("feed_xml_of_an_edition", site.read("ru/feed.xml"));
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_no_feed() {
    let site = two_languages(None);
    for file in ["sitemap.xml", "feed.xml", "ru/feed.xml"] {
        assert!(!site.out().join(file).exists(), "{file} was written");
    }
}

#[test]
fn the_404_page_links_from_the_sites_path_so_it_works_at_any_depth() {
    let site = two_languages(Some(BASE_URL));
    insta::assert_snapshot!("not_found_page", site.read("404.html"));
}

#[test]
fn the_404_page_without_a_base_url_links_relatively_from_the_top() {
    let site = two_languages(None);
    insta::assert_snapshot!("not_found_page_without_a_base_url", site.read("404.html"));
}
