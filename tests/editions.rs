//! The editions tell the same story: every page of the English explainer has a Russian and
//! a Ukrainian edition with the same sections, the same citations in the same order and
//! the same dates and numbers, and the data files (timeline, glossary, map) hold the same
//! entries in each language. Compared on the sources, page by page, so that a difference
//! is named where an author can fix it.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::real_root;

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
