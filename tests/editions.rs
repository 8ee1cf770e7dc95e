//! The editions tell the same story: every page of the English explainer has a Russian and
//! a Ukrainian edition with the same sections, the same citations in the same order and
//! the same dates and numbers, and the data files (timeline, glossary, map) hold the same
//! entries in each language. Compared on the sources, page by page, so that a difference
//! is named where an author can fix it.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{RealSite, real_root};

const EDITIONS: &[&str] = &["ru", "uk"];

/// The English pages: every `content/*.md` and the pages in its folders, except the
/// editions' own folders and the data.
fn english_pages() -> Vec<PathBuf> {
    let content = real_root().join("content");
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.strip_prefix(&content).unwrap().to_path_buf())
        .filter(|p| !EDITIONS.iter().any(|e| p.starts_with(e)))
        .collect();
    pages.sort();
    pages
}

fn read(path: &Path) -> String {
    fs::read_to_string(real_root().join("content").join(path))
        .unwrap_or_else(|e| panic!("content/{}: {e}", path.display()))
}

/// What a reader reads of a page's file: the front matter's texts (title, question,
/// description, key points), not its settings (dates, weight, template), then the body.
fn readable(file: &str) -> String {
    let rest = file.strip_prefix("---\n").unwrap_or(file);
    let (front, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
    let front: serde_yaml::Mapping = serde_yaml::from_str(front).unwrap_or_default();
    let mut text = String::new();
    for key in ["title", "question", "description", "key_points"] {
        match front.get(key) {
            Some(serde_yaml::Value::String(s)) => text.push_str(s),
            Some(serde_yaml::Value::Sequence(items)) => {
                items.iter().filter_map(|v| v.as_str()).for_each(|s| {
                    text.push_str(s);
                    text.push('\n');
                });
            }
            _ => {}
        }
        text.push('\n');
    }
    text + body
}

/// The ids of every citation, in the order written: `[@a; @b]` gives `a`, `b`.
fn citations(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (start, _) in text.match_indices("[@") {
        let inside = &text[start + 1..];
        let inside = &inside[..inside.find(']').unwrap_or(inside.len())];
        ids.extend(
            inside
                .split(';')
                .map(|id| id.trim().trim_start_matches('@').to_owned()),
        );
    }
    ids
}

/// The explicit ids of the headings (`## Title {#id}`), in order; a heading without one
/// is named by its text, which differs between languages, and so fails the comparison.
fn heading_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("## ") || l.starts_with("### ") || l.starts_with("#### "))
        .map(|l| match l.rsplit_once("{#") {
            Some((_, id)) => format!(
                "{}#{}",
                l.split(' ').next().unwrap(),
                id.trim_end().trim_end_matches('}')
            ),
            None => format!("(no id) {l}"),
        })
        .collect()
}

/// Every number a reader sees, as a value: `14,000` in English and `14 000` in Russian are
/// both `14000`; `3.5` and `3,5` are both `3.5`. Citation ids, link targets, heading ids
/// and comments are not read, nor a number that is part of a name (`Минск-2`, `СНВ-3`).
fn numbers(text: &str, english: bool) -> BTreeSet<String> {
    let mut prose = String::new();
    let mut rest = text;
    // Drop what readers don't see: [@…] citations, (link targets), {#ids}, <!-- comments -->.
    while let Some(start) = rest.find(['[', '(', '{', '<']) {
        prose.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = if tail.starts_with("[@") {
            tail.find(']')
        } else if tail.starts_with('(') && prose.ends_with(']') {
            tail.find(')')
        } else if tail.starts_with("{#") {
            tail.find('}')
        } else if tail.starts_with("<!--") {
            tail.find("-->").map(|i| i + 2)
        } else {
            prose.push_str(&tail[..1]);
            Some(0)
        };
        rest = &tail[end.map_or(tail.len(), |i| i + 1)..];
    }
    prose.push_str(rest);
    let chars: Vec<char> = prose.chars().collect();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let in_name = i >= 2 && chars[i - 1] == '-' && chars[i - 2].is_alphabetic();
        if in_name {
            let joins = |c: char| matches!(c, ',' | '.' | '\u{a0}' | '\u{202f}');
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || joins(chars[i]) && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
            {
                i += 1;
            }
            continue;
        }
        let mut value = String::new();
        while i < chars.len() {
            let c = chars[i];
            let next_digits = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            // A thousands separator: a comma in English, a space in Russian and Ukrainian.
            let thousands = if english {
                c == ','
            } else {
                matches!(c, ' ' | '\u{a0}' | '\u{202f}') && !value.is_empty() && value.len() <= 3
            };
            let decimal = if english { c == '.' } else { c == ',' };
            if c.is_ascii_digit() {
                value.push(c);
            } else if thousands && next_digits == 3 {
                // Part of the same number.
            } else if decimal && next_digits > 0 && next_digits != 3 {
                value.push('.');
            } else {
                break;
            }
            i += 1;
        }
        found.insert(value);
    }
    found
}

#[test]
fn every_page_has_each_edition_with_the_same_sections_citations_and_numbers() {
    let mut differences = Vec::new();
    for page in english_pages() {
        let english = read(&page);
        for edition in EDITIONS {
            let path = Path::new(edition).join(&page);
            let Ok(translated) = fs::read_to_string(real_root().join("content").join(&path)) else {
                differences.push(format!("content/{}: missing", path.display()));
                continue;
            };
            let shown = format!("content/{}", path.display());
            if heading_ids(&english) != heading_ids(&translated) {
                differences.push(format!(
                    "{shown}: headings {:?}, English {:?}",
                    heading_ids(&translated),
                    heading_ids(&english)
                ));
            }
            if citations(&english) != citations(&translated) {
                differences.push(format!(
                    "{shown}: citations {:?}, English {:?}",
                    citations(&translated),
                    citations(&english)
                ));
            }
            let (en, tr) = (
                numbers(&readable(&english), true),
                numbers(&readable(&translated), false),
            );
            let missing: Vec<_> = en.difference(&tr).collect();
            let added: Vec<_> = tr.difference(&en).collect();
            if !missing.is_empty() || !added.is_empty() {
                differences.push(format!(
                    "{shown}: numbers missing {missing:?}, not in English {added:?}"
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "the editions differ:\n{}",
        differences.join("\n")
    );
}

/// A data file as plain YAML values.
fn data(edition: Option<&str>, file: &str) -> Vec<serde_yaml::Mapping> {
    let dir = match edition {
        Some(e) => format!("content/{e}/data"),
        None => "content/data".to_owned(),
    };
    let text = fs::read_to_string(real_root().join(&dir).join(file))
        .unwrap_or_else(|e| panic!("{dir}/{file}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{dir}/{file}: {e}"))
}

#[test]
fn every_data_file_has_the_same_entries_in_each_edition() {
    // What must not change between languages, by file: the fields that are facts or keys.
    let same = [
        ("timeline.yaml", &["date", "sources", "scheduled"][..]),
        ("glossary.yaml", &["id"]),
        ("groups.yaml", &["id", "border"]),
        (
            "countries.yaml",
            &["code", "group", "joined", "col", "row", "sources"],
        ),
    ];
    let mut differences = Vec::new();
    for (file, keys) in same {
        let english = data(None, file);
        for edition in EDITIONS {
            let translated = data(Some(edition), file);
            if translated.len() != english.len() {
                differences.push(format!(
                    "content/{edition}/data/{file}: {} entries, English {}",
                    translated.len(),
                    english.len()
                ));
                continue;
            }
            for (i, (en, tr)) in english.iter().zip(&translated).enumerate() {
                for key in keys {
                    let key = serde_yaml::Value::from(*key);
                    if en.get(&key) != tr.get(&key) {
                        differences.push(format!(
                            "content/{edition}/data/{file}, entry {}: {:?} is {:?}, English {:?}",
                            i + 1,
                            key.as_str().unwrap(),
                            tr.get(&key),
                            en.get(&key)
                        ));
                    }
                }
            }
        }
    }
    for edition in EDITIONS {
        let sources = real_root().join(format!("content/{edition}/data/sources.yaml"));
        if sources.exists() {
            differences.push(format!(
                "{}: sources stay in their own language, in content/data/sources.yaml only",
                sources.display()
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "the editions' data differ:\n{}",
        differences.join("\n")
    );
}

#[test]
fn numbers_are_read_as_each_language_writes_them() {
    let en = numbers(
        "In 2022, 14,000 people; 3.5% and 1,000-for-1,000 [@id-2021] ([x](a-1.md)).",
        true,
    );
    assert_eq!(
        en,
        ["1000", "14000", "2022", "3.5"].map(String::from).into()
    );
    let ru = numbers(
        "В 2022 году — 14 000 человек; 3,5 % и 1000 на 1000, 12–13 января, «Минск-2».",
        false,
    );
    assert_eq!(
        ru,
        ["1000", "12", "13", "14000", "2022", "3.5"]
            .map(String::from)
            .into()
    );
    assert_eq!(
        heading_ids("## Почему? {#why}\n### Без id\n"),
        ["###why", "(no id) ### Без id"].map(String::from)
    );
}

// ---- The built editions ----

/// Every `<link rel="alternate" hreflang>` of a page: (language, href).
fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (language, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (language.to_owned(), href.to_owned())
        })
        .collect()
}

#[test]
fn every_page_names_its_editions_and_each_names_it_back() {
    let site = RealSite::published();
    const BASE: &str = "https://example.org/explainer/";
    let mut checked = 0;
    for page in site.pages() {
        let html = site.html(page);
        let links = alternates(&html);
        let languages: Vec<&str> = links.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(languages, ["en-GB", "ru", "uk", "x-default"], "{page}");
        for (language, href) in &links {
            let target = href
                .strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{page}: {href} is not absolute under the base URL"));
            let back = alternates(&site.html(target));
            assert!(
                back.iter()
                    .any(|(_, h)| h.as_str() == format!("{BASE}{page}")),
                "{target} ({language}) does not name {page} back"
            );
            checked += 1;
        }
    }
    assert!(checked >= 36 * 4, "only {checked} alternates checked");
}

#[test]
fn every_page_is_in_its_editions_language_and_switches_to_the_same_page() {
    let site = RealSite::build();
    for page in site.pages() {
        let html = site.html(page);
        let (edition, language) = match page.split_once('/') {
            Some(("ru", _)) => ("ru", "ru"),
            Some(("uk", _)) => ("uk", "uk"),
            _ => ("en", "en-GB"),
        };
        assert!(
            html.contains(&format!("<html lang=\"{language}\">")),
            "{page}"
        );
        assert!(
            html.contains(&format!("\"inLanguage\":\"{language}\"")),
            "{page}"
        );
        let key = page.trim_start_matches("ru/").trim_start_matches("uk/");
        let switcher = &html[html
            .find("<nav class=\"languages\"")
            .unwrap_or_else(|| panic!("{page} has no switcher"))..];
        let switcher = &switcher[..switcher.find("</nav>").unwrap()];
        for (other, tag, name) in [
            ("en", "en-GB", "English"),
            ("ru", "ru", "Русский"),
            ("uk", "uk", "Українська"),
        ] {
            if other == edition {
                assert!(
                    switcher.contains(&format!(
                        "<span aria-current=\"true\" lang=\"{tag}\">{name}</span>"
                    )),
                    "{page}"
                );
                continue;
            }
            let target = match other {
                "en" => key.to_owned(),
                _ => format!("{other}/{key}"),
            };
            let href = common::attr_values(switcher, "href")
                .into_iter()
                .find(|h| h.ends_with(&target))
                .unwrap_or_else(|| panic!("{page}'s switcher has no link to {target}"));
            assert!(
                switcher.contains(&format!(
                    "href=\"{href}\" hreflang=\"{tag}\" lang=\"{tag}\">{name}</a>"
                )),
                "{page}: {switcher}"
            );
            assert!(
                site.files.contains_key(&target),
                "{page} switches to {target}, which doesn't exist"
            );
        }
    }
}

#[test]
fn each_edition_has_its_own_feed_and_the_sitemap_lists_the_alternates() {
    let site = RealSite::published();
    for (feed, title) in [
        ("feed.xml", "What does Russia want from NATO?"),
        ("ru/feed.xml", "Чего Россия хочет от НАТО?"),
        ("uk/feed.xml", "Чого Росія хоче від НАТО?"),
    ] {
        let xml = site.html(feed);
        assert!(xml.contains(&format!("<title>{title}</title>")), "{feed}");
        assert!(
            xml.contains(&format!(
                "<link rel=\"self\" href=\"https://example.org/explainer/{feed}\"/>"
            )),
            "{feed}"
        );
        assert_eq!(
            xml.matches("<entry>").count(),
            12,
            "{feed}: one entry per page of its edition"
        );
    }
    let sitemap = site.html("sitemap.xml");
    assert_eq!(sitemap.matches("<url>").count(), 36);
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/explainer/demands.html\"/><xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://example.org/explainer/demands.html\"/><xhtml:link rel=\"alternate\" hreflang=\"ru\" href=\"https://example.org/explainer/ru/demands.html\"/><xhtml:link rel=\"alternate\" hreflang=\"uk\" href=\"https://example.org/explainer/uk/demands.html\"/>"), "{sitemap}");
}

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
    ];
    NAMES.contains(&quoted) || quoted.contains("народн")
}

#[test]
fn every_quotation_in_the_editions_is_marked_as_a_translation_of_its_original() {
    let site = RealSite::build();
    let allowed: Vec<String> = common::quotes::ALLOWED_QUOTES
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
        // The edition's own words: its pages' titles and headings, which its text may name.
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
                title.into_iter().chain(headings)
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
            &fs::read_to_string(real_root().join(format!("i18n/{code}.yaml"))).unwrap(),
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
    assert!(ru.contains("29 ноября 2026\u{202f}г."), "a Russian date");
    assert!(
        site.html("uk/demands.html")
            .contains("29 листопада 2026\u{202f}р."),
        "a Ukrainian date"
    );
    assert!(
        site.html("demands.html").contains("29 November 2026"),
        "an English date"
    );
}

/// The links of a built home page's list of sections, below its edition's folder.
fn home_sections(site: &RealSite, home: &str) -> Vec<String> {
    let html = site.html(home);
    let list = html
        .split_once("<section class=\"sections\"")
        .and_then(|(_, rest)| rest.split_once("</section>"))
        .unwrap_or_else(|| panic!("{home} has no list of sections"))
        .0;
    common::attr_values(list, "href")
        .into_iter()
        .map(|href| href.rsplit('/').next().unwrap_or(href).to_owned())
        .collect()
}

#[test]
fn every_editions_home_page_lists_the_same_sections_in_the_same_order() {
    let site = RealSite::build();
    let english = home_sections(site, "index.html");
    assert!(english.len() >= 10, "{english:?}");
    for edition in EDITIONS {
        assert_eq!(
            home_sections(site, &format!("{edition}/index.html")),
            english,
            "{edition}/index.html lists its sections as the English home page does"
        );
    }
}
