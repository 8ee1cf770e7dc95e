//! The same story in each edition, compared on the sources: the same sections, citations
//! and numbers on every page, the same entries in every data file, and the same sections
//! on every edition's home page.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::{EDITIONS, data, english_pages, read, readable};
use crate::common::{self, RealSite, real_root};

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

/// A change of a page's `changes:`: its date, kind and the section it marks.
type Change = (String, String, Option<String>);

/// A page's first and last dates (`date`, and `updated` or else `date`) and its changes,
/// in the order written.
fn changes(file: &str) -> (String, String, Vec<Change>) {
    let rest = file.strip_prefix("---\n").unwrap_or(file);
    let (front, _) = rest.split_once("\n---\n").unwrap_or_default();
    let front: serde_yaml::Value = serde_yaml::from_str(front).unwrap_or(serde_yaml::Value::Null);
    let text = |v: &serde_yaml::Value| v.as_str().map(str::to_owned);
    let first = text(&front["date"]).unwrap_or_default();
    let last = text(&front["updated"]).unwrap_or_else(|| first.clone());
    let list = front["changes"]
        .as_sequence()
        .map(|list| {
            list.iter()
                .map(|c| {
                    (
                        text(&c["date"]).unwrap_or_default(),
                        text(&c["kind"]).unwrap_or_default(),
                        text(&c["anchor"]),
                    )
                })
                .collect::<Vec<Change>>()
        })
        .unwrap_or_default();
    (first, last, list)
}

#[test]
fn every_edition_records_the_same_changes_on_each_page() {
    // What changed on a page is the same story in each language: the same revisions, of the
    // same kinds, marking the same sections. Compared over the days both editions of the
    // page had: an edition first published later, or revised once more on its own, has
    // changes of its own outside them.
    let mut differences = Vec::new();
    for page in english_pages() {
        let english = changes(&read(&page));
        for edition in EDITIONS {
            let path = Path::new(edition).join(&page);
            let Ok(file) = fs::read_to_string(real_root().join("content").join(&path)) else {
                continue;
            };
            let translated = changes(&file);
            let from = english.0.clone().max(translated.0.clone());
            let to = english.1.clone().min(translated.1.clone());
            let shared = |list: &[Change]| -> Vec<Change> {
                list.iter()
                    .filter(|c| c.0 >= from && c.0 <= to)
                    .cloned()
                    .collect()
            };
            let (en, tr) = (
                shared(english.2.as_slice()),
                shared(translated.2.as_slice()),
            );
            if en != tr {
                differences.push(format!(
                    "content/{}: changes {tr:?}, English {en:?}",
                    path.display()
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "the editions record different changes:\n{}",
        differences.join("\n")
    );
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
        (
            "sources.yaml",
            &["id", "url", "date", "via", "further_reading"],
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
