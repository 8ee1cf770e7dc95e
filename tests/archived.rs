//! Sources that outlive their links: `accessed` (when a source was read) and `archived`
//! (a copy's address) in sources.yaml, shown in every list of sources and carried by the
//! pages' structured data; a translation keeps them as the original has them.

mod common;

use common::{Fixture, SITE_YAML};

const SOURCES: &str = "- id: talks
  publisher: NATO
  title: The talks
  date: 2022-01-12
  url: https://www.nato.int/talks
  accessed: 2026-12-02
  archived: https://web.archive.org/web/2022/https://www.nato.int/talks
- id: drafts
  publisher: MID
  title: The drafts
  date: 2021-12-17
  url: https://mid.ru/drafts
";

/// A site on the built-in theme, in English and Russian, whose page cites both sources.
fn site() -> Fixture {
    let site = Fixture::on_theme();
    site.write(
        "site.yaml",
        &format!(
            "{SITE_YAML}language_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n"
        ),
    )
    .write("content/data/sources.yaml", SOURCES)
    .write("content/ru/data/sources.yaml", &SOURCES.replace("title: The talks", "title: Переговоры").replace("title: The drafts", "title: Проекты"))
    .write("content/talks.md", "---\ntitle: Talks\ndescription: Held.\n---\nThey met.[@talks] Drafts.[@drafts]\n")
    .write("content/ru/index.md", "---\ntitle: Главная\ndescription: Начало.\n---\nТекст.\n")
    .write("content/ru/talks.md", "---\ntitle: Переговоры\ndescription: Прошли.\n---\nВстретились.[@talks] Проекты.[@drafts]\n");
    site
}

#[test]
fn a_source_says_when_it_was_read_and_links_its_archived_copy() {
    let site = site();
    site.build().unwrap();
    let html = site.read("talks.html");
    assert!(
        html.contains("<small>(12 January 2022)</small> <small>(read 2 December 2026)</small> <small><a href=\"https://web.archive.org/web/2022/https://www.nato.int/talks\">archived copy</a></small>"),
        "{html}"
    );
    assert!(
        html.contains("<small>(17 December 2021)</small>\n"),
        "no date read, no copy: {html}"
    );
    assert!(
        html.contains("\"citation\":[{\"@type\":\"CreativeWork\",\"archivedAt\":\"https://web.archive.org/web/2022/https://www.nato.int/talks\""),
        "{html}"
    );
    let ru = site
        .read("ru/talks.html")
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        ru.contains("<small>(просмотрено 2 декабря 2026 г.)</small>"),
        "{ru}"
    );
    assert!(ru.contains(">архивная копия</a>"), "{ru}");
}

#[test]
fn a_translation_keeps_the_originals_dates_and_copy() {
    let site = site();
    site.write(
        "content/ru/data/sources.yaml",
        &SOURCES
            .replace("accessed: 2026-12-02", "accessed: 2026-12-01")
            .replace(
                "  archived: https://web.archive.org/web/2022/https://www.nato.int/talks\n",
                "",
            ),
    );
    let err = site.build_err();
    assert!(err.contains("content/ru/data/sources.yaml:6:13: `accessed` of `talks` differs from content/data/sources.yaml"), "{err}");
    assert!(err.contains("`archived` of `talks` differs"), "{err}");
}

#[test]
fn an_archived_copy_must_be_a_web_address() {
    let site = site();
    site.write(
        "content/data/sources.yaml",
        &SOURCES.replace("archived: https://web", "archived: web"),
    );
    let err = site.build_err();
    assert!(err.contains("content/data/sources.yaml:7:13:"), "{err}");
    assert!(err.contains("is not a web address"), "{err}");
}
