//! The Russian edition: its sources are the English entries described in Russian, and its
//! wording keeps the fixes its review asked for.

use std::path::Path;

use super::{data, english_pages, read};

/// The Russian edition's sources: `content/ru/data/sources.yaml`.
fn russian_sources() -> Vec<serde_yaml::Mapping> {
    data(Some("ru"), "sources.yaml")
}

#[test]
fn the_russian_sources_are_the_english_entries_described_in_russian() {
    let english = data(None, "sources.yaml");
    let russian = russian_sources();
    let text = |m: &serde_yaml::Mapping, key: &str| -> Option<String> {
        m.get(serde_yaml::Value::from(key))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let cyrillic = |s: &str| {
        s.chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()))
    };
    let mut wrong = Vec::new();
    let en_ids: Vec<_> = english.iter().map(|m| text(m, "id")).collect();
    let ru_ids: Vec<_> = russian.iter().map(|m| text(m, "id")).collect();
    if en_ids != ru_ids {
        wrong.push(format!("ids differ: {ru_ids:?}\nEnglish {en_ids:?}"));
    }
    for (en, ru) in english.iter().zip(&russian) {
        let id = text(ru, "id").unwrap_or_default();
        // What a source is does not change with the language it is described in.
        for key in ["id", "url", "date", "via", "further_reading"] {
            let key = serde_yaml::Value::from(key);
            if en.get(&key) != ru.get(&key) {
                wrong.push(format!(
                    "{id}: {:?} is {:?}, English {:?}",
                    key.as_str().unwrap(),
                    ru.get(&key),
                    en.get(&key)
                ));
            }
        }
        // A note is ours: always in Russian, and only where the English has one.
        match (text(en, "note"), text(ru, "note")) {
            (Some(_), None) => {
                wrong.push(format!("{id}: the English has a note, the Russian none"))
            }
            (_, Some(note)) if !cyrillic(&note) => {
                wrong.push(format!("{id}: note in English: {note}"))
            }
            _ => {}
        }
        // A title is either a description (ours, in Russian) or a published title marked
        // with its language; a published title is one the English prints too.
        let title = text(ru, "title").unwrap_or_default();
        match text(ru, "title_lang").as_deref() {
            Some("en") => {
                let en_title = text(en, "title").unwrap_or_default();
                if !en_title.contains(&title) {
                    wrong.push(format!(
                        "{id}: published title {title:?} is not the English entry's {en_title:?}"
                    ));
                }
            }
            Some(other) => wrong.push(format!("{id}: title_lang {other:?}")),
            None if !cyrillic(&title) => wrong.push(format!(
                "{id}: an English title without title_lang: {title}"
            )),
            None => {}
        }
        // No guillemets: a source list has no footnotes to mark a translation.
        for value in [text(ru, "title"), text(ru, "note"), text(ru, "publisher")]
            .into_iter()
            .flatten()
        {
            if value.contains('«') && !value.contains("«Минск-2»") {
                wrong.push(format!("{id}: «» in {value:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "content/ru/data/sources.yaml:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_russian_edition_dates_the_pause_in_talks_and_names_rusi_in_full() {
    let page = read(Path::new("ru/since-2025.md"));
    // "Приостановлены" alone is an open-ended present: the pause is dated wherever it is stated.
    for line in page
        .lines()
        .filter(|l| l.contains("приостановлен") || l.contains("на паузе"))
    {
        assert!(
            line.contains("2026"),
            "ru/since-2025.md: an undated pause: {line}"
        );
    }
    for page in english_pages() {
        let text = read(&Path::new("ru").join(&page));
        assert!(
            !text.contains("Королевского института оборонных")
                && !text.contains("численностью до батальона"),
            "content/ru/{}: RUSI is the Royal United Services Institute, and battlegroups are battalion-sized",
            page.display()
        );
    }
}
