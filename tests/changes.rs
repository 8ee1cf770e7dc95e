//! Changes kept as data: a page's `changes:` shown in its "What changed" box, its
//! corrections and clarifications gathered on each edition's corrections page and feed,
//! and a revision that says nothing of what it changed refused.

mod common;

use common::{Fixture, SITE_YAML, broken_links, page};

/// A site on the built-in theme, in English and Russian, with a base URL: a page
/// corrected once, clarified once and updated once.
fn site() -> Fixture {
    let site = Fixture::on_theme();
    site.write(
        "site.yaml",
        &format!(
            "{SITE_YAML}base_url: https://example.org/x/\nlanguage_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n"
        ),
    )
    .write("content/demands.md", DEMANDS)
    .write("content/plain.md", &page("Plain", "Never changed."))
    .write(
        "content/ru/index.md",
        "---\ntitle: Главная\ndescription: Начало.\n---\nТекст.\n",
    )
    .write("content/ru/demands.md", DEMANDS_RU);
    site
}

const DEMANDS: &str = "---
title: Demands
description: What was asked.
weight: 10
date: 2026-01-10
updated: 2026-03-01
changes:
  - date: 2026-02-01
    kind: correction
    text: \"The page said 'two' drafts; there were three.\"
    anchor: the-drafts
  - {date: 2026-02-15, kind: clarification, text: The deadline is the one Moscow set.}
  - {date: 2026-03-01, kind: update, text: Added the talks of March.}
---
## The drafts {#the-drafts}

Three drafts.

## The talks

In March.
";

const DEMANDS_RU: &str = "---
title: Требования
description: Чего просили.
weight: 10
date: 2026-01-10
updated: 2026-02-01
changes:
  - {date: 2026-02-01, kind: correction, text: \"Проектов было три, а не два.\", anchor: the-drafts}
---
## Проекты {#the-drafts}

Три проекта.
";

#[test]
fn a_changed_page_shows_what_changed_newest_first_and_marks_the_corrected_section() {
    let site = site();
    site.build().unwrap();
    let html = site.read("demands.html");
    let box_start = html.find("<aside id=\"changes\"").expect("the box");
    let what = &html[box_start..];
    let (update, clarification, correction) = (
        what.find("Update</strong>, <time datetime=\"2026-03-01\">1 March 2026</time>: Added")
            .expect("update"),
        what.find("Clarification</strong>, <time datetime=\"2026-02-15\">")
            .expect("clarification"),
        what.find("Correction</strong>, <time datetime=\"2026-02-01\">")
            .expect("correction"),
    );
    assert!(
        update < clarification && clarification < correction,
        "newest first: {what}"
    );
    assert!(
        what.contains("The page said ‘two’ drafts; there were three."),
        "{what}"
    );
    let mark = html
        .find("class=\"change-mark\"")
        .expect("the corrected section is marked");
    let heading = html.find("<h2 id=\"the-drafts\"").unwrap();
    let next_heading = html.find("<h2 id=\"the-talks\"").unwrap();
    assert!(
        heading < mark && mark < next_heading,
        "the mark is under its heading"
    );
    assert_eq!(html.matches("class=\"change-mark\"").count(), 1);
    let corrections = html
        .find("\"correction\":[")
        .expect("JSON-LD's corrections");
    let corrections = &html[corrections..html[corrections..].find(']').unwrap() + corrections];
    assert_eq!(
        corrections
            .matches("\"@type\":\"CorrectionComment\"")
            .count(),
        2,
        "{corrections}"
    );
    assert!(
        corrections.contains("\"datePublished\":\"2026-02-01\""),
        "{corrections}"
    );
    assert!(html.contains("\"dateModified\":\"2026-03-01\""));

    let plain = site.read("plain.html");
    assert!(!plain.contains("id=\"changes\""), "no box without changes");
    assert!(!plain.contains("\"correction\""), "{plain}");

    let ru = site
        .read("ru/demands.html")
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(ru.contains("Что изменилось"), "{ru}");
    assert!(
        ru.contains(
            "Исправление</strong>, <time datetime=\"2026-02-01\">1 февраля 2026 г.</time>: Проектов"
        ),
        "{ru}"
    );
    let broken: Vec<String> = broken_links(&site.out())
        .into_iter()
        .filter(|b| !b.starts_with("404.html"))
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn corrections_and_clarifications_are_gathered_on_each_editions_page_and_feed() {
    let site = site();
    site.build().unwrap();
    for page in ["index.html", "plain.html", "demands.html"] {
        let html = site.read(page);
        assert!(
            html.contains("<a href=\"corrections.html\">Corrections</a>"),
            "{page} links it from its footer"
        );
    }
    let list = site.read("corrections.html");
    let main = &list[list.find("<main").unwrap()..];
    assert!(
        main.contains("<h1>Corrections and clarifications</h1>"),
        "{main}"
    );
    let clarification = main
        .find("The deadline is the one Moscow set.")
        .expect("clarification");
    let correction = main.find("there were three.").expect("correction");
    assert!(clarification < correction, "newest first");
    assert!(
        !main.contains("Added the talks of March"),
        "an update is no correction"
    );
    assert!(
        main.contains("<a href=\"demands.html#the-drafts\">Demands</a>"),
        "{main}"
    );
    assert!(
        main.contains("https://example.org/x/corrections.xml"),
        "the feed is linked"
    );

    let feed = site.read("corrections.xml");
    assert!(feed.starts_with("<?xml"), "{feed}");
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    assert!(
        feed.contains("<id>https://example.org/x/demands.html#change-2026-02-15-1</id>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2026-02-15T00:00:00Z</updated>\n<author>"),
        "the newest correction dates the feed: {feed}"
    );

    let ru = site.read("ru/corrections.html").replace('\u{a0}', " ");
    assert!(ru.contains("<h1>Исправления и уточнения</h1>"), "{ru}");
    assert!(ru.contains("Проектов было три, а не два."), "{ru}");
    assert!(site.read("ru/corrections.xml").contains("xml:lang=\"ru\""));
}

#[test]
fn a_site_with_nothing_corrected_says_so() {
    let site = site();
    site.write("content/demands.md", &page("Demands", "Text."))
        .write("content/ru/demands.md", &page("Требования", "Текст."));
    site.build().unwrap();
    assert!(
        site.read("corrections.html")
            .contains("No page has been corrected or clarified so far.")
    );
    assert!(!site.read("corrections.xml").contains("<entry>"));
}

#[test]
fn check_fails_on_a_revision_that_says_nothing_of_what_it_changed() {
    let site = site();
    site.build().unwrap();
    let before = site.read("demands.html");
    common::replace_in(
        &site.root().join("content/demands.md"),
        "updated: 2026-03-01",
        "updated: 2026-04-02",
    );
    let (code, said) = site.check(&[]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("content/demands.md:6:10: `updated` is 2026-04-02, but the newest entry of `changes` is of 2026-03-01"),
        "{said}"
    );
    assert!(said.contains("a typo fix needs no entry"), "{said}");
    let err = site.build_err();
    assert!(err.contains("content/demands.md:6:10"), "{err}");
    assert_eq!(
        site.read("demands.html"),
        before,
        "the previous output is left as it was"
    );
}

#[test]
fn a_change_dated_before_the_page_was_published_is_located() {
    let site = site();
    site.write(
        "content/demands.md",
        &DEMANDS.replace("date: 2026-02-15", "date: 2025-12-01"),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/demands.md:12:12: this change is dated before the page was first published (2026-01-10)"),
        "{err}"
    );
}

#[test]
fn a_change_naming_no_heading_of_its_page_is_located() {
    let site = site();
    site.write(
        "content/demands.md",
        &DEMANDS.replace("anchor: the-drafts", "anchor: the-draft"),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/demands.md:11:13: no heading of this page has the id `the-draft`"),
        "{err}"
    );
    assert!(err.contains("did you mean `the-drafts`?"), "{err}");
}
