//! Each edition reads as its language writes: a quotation marked as a translation of its
//! original, reading times and dates in the language's forms, and a source list with no
//! English note and its English titles marked.

use std::fs;
use std::path::Path;

use super::{EDITIONS, data, read};
use crate::common::{self, RealSite, real_root};

/// Names written in « » that are not anyone's words: page titles of the edition, proper
/// names (an agreement, a newspaper, the self-proclaimed republics), a word the English
/// also marks.
fn is_a_name(quoted: &str) -> bool {
    const NAMES: &[&str] = &[
        "Минск-2",
        "Мінськ-2",
        "ДНР",
        "ЛНР",
        "Известия",
        "Известиям",
        "Википедии",
        "референдуму",
        "референдума",
    ];
    NAMES.contains(&quoted) || quoted.contains("народн")
}

#[test]
fn every_quotation_in_the_editions_is_marked_as_a_translation_of_its_original() {
    let site = RealSite::build();
    let allowed: Vec<String> = crate::quotes::ALLOWED_QUOTES
        .iter()
        .map(|q| common::normalize(q))
        .collect();
    let mut wrong = Vec::new();
    let mut translated = 0;
    for page in site
        .pages()
        .filter(|p| p.starts_with("ru/") || p.starts_with("uk/"))
    {
        let html = site.html(page);
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        // The edition's own words: its pages' titles and headings, which its text may name,
        // and the headings its interface gives a page's parts (the note under a corrected
        // section names the page's «Что изменилось»).
        let titles: Vec<String> = site
            .pages()
            .filter(|p| p.split('/').next() == page.split('/').next())
            .flat_map(|p| {
                let html = site.html(p);
                let title = common::element_text(&html, "title")
                    .map(|t| t.split(" – ").next().unwrap().to_owned());
                let headings: Vec<String> = html
                    .split("class=\"heading-link\" href=\"#")
                    .skip(1)
                    .filter_map(|h| Some(h.split_once('>')?.1.split("</a>").next()?.to_owned()))
                    .collect();
                let parts: Vec<String> = html
                    .split("<h2")
                    .skip(1)
                    .filter_map(|h| h.split_once('>')?.1.split("</h2>").next())
                    .filter(|h| !h.contains('<'))
                    .map(|h| h.trim().to_owned())
                    .collect();
                title.into_iter().chain(headings).chain(parts)
            })
            .collect();
        let mut rest = main;
        while let Some(start) = rest.find('«') {
            let mut depth = 0;
            let end = rest[start..]
                .char_indices()
                .find(|(_, c)| {
                    depth += match c {
                        '«' => 1,
                        '»' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map(|(i, c)| start + i + c.len_utf8())
                .unwrap_or(rest.len());
            let quoted = common::strip_tags(&rest[start + '«'.len_utf8()..end - '»'.len_utf8()]);
            let after = &rest[end..];
            if let Some(marker) = after.strip_prefix("<sup class=\"footnote-reference\"><a id=\"") {
                let id = marker.split('"').nth(2).unwrap().trim_start_matches('#');
                let note = &main[main
                    .find(&format!("id=\"{id}\""))
                    .unwrap_or_else(|| panic!("{page}: no note #{id}"))..];
                let note = common::normalize(&common::decode(&common::strip_tags(
                    &note[..note.find("</div>").unwrap()],
                )));
                let original = note
                    .split('“')
                    .nth(1)
                    .and_then(|q| q.split('”').next())
                    .unwrap_or_default();
                if original.is_empty() || !allowed.iter().any(|a| a.contains(original)) {
                    wrong.push(format!("{page}: «{quoted}» has the note {note:?}, not an original from the fact base"));
                }
                translated += 1;
            } else if !is_a_name(quoted.trim())
                && !titles.iter().any(|t| t == quoted.trim())
                && !allowed.iter().any(|a| a == &common::normalize(&quoted))
            {
                wrong.push(format!("{page}: «{quoted}» is not marked as a translation"));
            }
            rest = &rest[end..];
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        translated > 50,
        "only {translated} translated quotations found"
    );
}

#[test]
fn reading_times_and_dates_are_written_as_each_language_does() {
    let strings = |code: &str| -> serde_yaml::Value {
        serde_yaml::from_str(
            &fs::read_to_string(real_root().join(format!("src/theme/i18n/{code}.yaml"))).unwrap(),
        )
        .unwrap()
    };
    // The plural category CLDR gives each number, in Russian and Ukrainian alike.
    let categories = [
        (1, "one"),
        (2, "few"),
        (5, "many"),
        (21, "one"),
        (22, "few"),
    ];
    for (code, forms) in [
        (
            "ru",
            ["1 минута", "2 минуты", "5 минут", "21 минута", "22 минуты"],
        ),
        (
            "uk",
            [
                "1 хвилина",
                "2 хвилини",
                "5 хвилин",
                "21 хвилина",
                "22 хвилини",
            ],
        ),
    ] {
        let strings = strings(code);
        for ((n, category), expected) in categories.iter().zip(forms) {
            let form = strings["reading_time"][*category]
                .as_str()
                .unwrap()
                .replace("{n}", &n.to_string());
            assert!(form.starts_with(expected), "{code} {n}: {form}");
        }
    }
    // And in the built pages: the engine picks the category.
    let site = RealSite::build();
    let ru = site.html("ru/demands.html");
    assert!(
        ru.contains("8 минут чтения")
            || ru.contains("минуты чтения")
            || ru.contains("минута чтения"),
        "a Russian reading time"
    );
    // The date each edition's page was last updated, as its front matter gives it.
    let updated = |page: &str| -> (u32, usize, u32) {
        let text = read(Path::new(page));
        let date = text
            .lines()
            .find_map(|l| l.strip_prefix("updated: "))
            .unwrap_or_else(|| panic!("content/{page}: no updated date"));
        let mut parts = date.trim().split('-').map(|p| p.parse::<u32>().unwrap());
        let (y, m, d) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        (d, m as usize - 1, y)
    };
    const RU: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    const UK: [&str; 12] = [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (d, m, y) = updated("ru/demands.md");
    let expected = format!("{d} {} {y}\u{202f}г.", RU[m]);
    assert!(ru.contains(&expected), "a Russian date: {expected}");
    let (d, m, y) = updated("uk/demands.md");
    let expected = format!("{d} {} {y}\u{202f}р.", UK[m]);
    assert!(
        site.html("uk/demands.html").contains(&expected),
        "a Ukrainian date: {expected}"
    );
    let (d, m, y) = updated("demands.md");
    let expected = format!("{d} {} {y}", EN[m]);
    assert!(
        site.html("demands.html").contains(&expected),
        "an English date: {expected}"
    );
}

/// A translated edition's lists of sources read in its language: no note the English
/// edition prints is left in English, and a title kept as published in English says so
/// (`lang="en"`), on the sources page and in a page's own list.
#[test]
fn a_translated_source_list_has_no_english_note_and_marks_english_titles() {
    let site = RealSite::build();
    let notes: Vec<String> = data(None, "sources.yaml")
        .iter()
        .filter_map(|m| m.get("note").and_then(|v| v.as_str()))
        .map(common::normalize)
        .collect();
    for edition in EDITIONS {
        let page = format!("{edition}/sources.html");
        let text = site.text(&page);
        let left: Vec<&String> = notes.iter().filter(|n| text.contains(n.as_str())).collect();
        assert!(left.is_empty(), "{page} prints English notes: {left:?}");
        assert!(site.html(&page).contains(" lang=\"en\">"), "{page}");
        let html = site.html(&page);
        let dates: Vec<&str> = html
            .split("<small>(")
            .skip(1)
            .filter_map(|rest| rest.split(")</small>").next())
            .collect();
        assert!(!dates.is_empty(), "{page}");
        let english: Vec<&&str> = dates
            .iter()
            .filter(|d| d.chars().any(|c| c.is_ascii_alphabetic()))
            .collect();
        assert!(english.is_empty(), "{page}: dates in English: {english:?}");
        let demands = format!("{edition}/demands.html");
        assert!(site.html(&demands).contains(" lang=\"en\">"), "{demands}");
    }
}

/// The timeline names each event's sources by their publishers, in the edition's words:
/// the translation's own `sources.yaml`, not the English one.
#[test]
fn the_timeline_names_sources_in_the_editions_words() {
    let site = RealSite::build();
    let english = data(None, "sources.yaml");
    for edition in EDITIONS {
        let page = format!("{edition}/timeline.html");
        let html = site.html(&page);
        let named: Vec<&str> = html
            .split("<p class=\"sources-line\">")
            .skip(1)
            .filter_map(|line| line.split("</p>").next())
            .flat_map(|line| line.split("\">").skip(1))
            .filter_map(|link| link.split("</a>").next())
            .collect();
        assert!(!named.is_empty(), "{page}");
        let translated = data(Some(edition), "sources.yaml");
        for (en, tr) in english.iter().zip(&translated) {
            let publisher = |m: &serde_yaml::Mapping| {
                m.get("publisher")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let (Some(en), Some(tr)) = (publisher(en), publisher(tr)) else {
                continue;
            };
            if en != tr {
                let en = en.replace('&', "&amp;");
                assert!(
                    !named.contains(&en.as_str()),
                    "{page} names `{en}` in English"
                );
            }
        }
    }
}
