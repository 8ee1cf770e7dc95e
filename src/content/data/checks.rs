//! The data files checked against each other, and the lines problems point at.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{DIR, Data, SourceId, Texts};
use crate::diagnostics::problem::{Problem, did_you_mean};

/// Checks across entries and files: unique ids, every cited source and every country's
/// group known, every event sourced. `texts` are the files this folder gave (an edition's
/// may give only some, the others being the default edition's); each check runs only on
/// those, and only if the files it reads loaded.
pub fn across_files(data: &Data, texts: &Texts) -> Vec<Problem> {
    let usable = |stem: &str| data.files.contains(stem) && !data.broken.contains(stem);
    let loaded = |stem: &str| texts.contains_key(stem) && usable(stem);
    let mut problems = Vec::new();
    let ids = [
        ("sources", "id", data.source_ids().collect::<Vec<_>>()),
        (
            "glossary",
            "id",
            data.glossary.iter().map(|t| t.id.as_str()).collect(),
        ),
        (
            "groups",
            "id",
            data.groups.iter().map(|g| g.id.as_str()).collect(),
        ),
        (
            "countries",
            "code",
            data.countries.iter().map(|c| c.code.as_str()).collect(),
        ),
    ];
    for (stem, key, ids) in ids {
        if loaded(stem) {
            problems.extend(duplicates(&texts[stem], key, ids));
        }
    }
    if usable("sources") {
        for stem in ["timeline", "countries"].into_iter().filter(|s| loaded(s)) {
            problems.extend(unknown_sources(data, stem, &texts[stem]));
        }
    }
    if loaded("countries") {
        problems.extend(unknown_groups(data, texts, usable("groups")));
    }
    if loaded("timeline") {
        problems.extend(unsourced_events(data, &texts["timeline"]));
    }
    problems
}

/// The ids the entries of `stem` cite that `sources.yaml` lacks.
fn unknown_sources(data: &Data, stem: &str, file: &(PathBuf, String)) -> Vec<Problem> {
    let known: HashSet<&str> = data.source_ids().collect();
    let cited: Vec<(usize, &SourceId)> = match stem {
        "timeline" => data
            .timeline
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.sources.iter().map(move |s| (i, s)))
            .collect(),
        _ => data
            .countries
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.sources.iter().map(move |s| (i, s)))
            .collect(),
    };
    cited
        .into_iter()
        .filter(|(_, id)| !known.contains(id.as_str()))
        .map(|(entry, id)| {
            let hint = did_you_mean(id.as_str(), known.iter().copied()).map_or_else(
                || "add it to content/data/sources.yaml".to_owned(),
                |c| format!("did you mean `{c}`?"),
            );
            at_value(
                file,
                Some(entry),
                "sources",
                id.as_str(),
                format!("unknown source `{id}`"),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Timeline events that cite no source.
fn unsourced_events(data: &Data, (shown, text): &(PathBuf, String)) -> Vec<Problem> {
    let unsourced = data
        .timeline
        .iter()
        .enumerate()
        .filter(|(_, e)| e.sources.is_empty());
    unsourced
        .map(|(i, event)| {
            let line = entry_lines(text, i).start;
            Problem::new(
                shown,
                line,
                1,
                format!("the event `{}` cites no source", event.title),
            )
            .with_source(text)
            .with_hint("every event needs `sources: [source-id]`")
        })
        .collect()
}

/// Countries whose group `groups.yaml` doesn't define. Unchecked when `groups.yaml` failed
/// to load; an error of its own when there is none.
fn unknown_groups(data: &Data, texts: &Texts, groups_loaded: bool) -> Vec<Problem> {
    if data.countries.is_empty() || data.broken.contains("groups") {
        return Vec::new();
    }
    if !groups_loaded {
        let (shown, _) = &texts["countries"];
        return vec![
            Problem::file(shown, "the countries' groups are not defined").with_hint(
                "create content/data/groups.yaml with an `id` and a `label` for each group",
            ),
        ];
    }
    let ids: Vec<&str> = data.groups.iter().map(|g| g.id.as_str()).collect();
    data.countries
        .iter()
        .enumerate()
        .filter(|(_, c)| !ids.contains(&c.group.as_str()))
        .map(|(entry, c)| {
            let group = c.group.as_str();
            let hint = match did_you_mean(group, ids.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the groups are: {}", ids.join(", ")),
            };
            at_value(
                &texts["countries"],
                Some(entry),
                "group",
                group,
                format!(
                    "{} is in the group `{group}`, which groups.yaml doesn't define",
                    c.name
                ),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Every second and later use of an id in one file.
fn duplicates((shown, text): &(PathBuf, String), key: &str, ids: Vec<&str>) -> Vec<Problem> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    for id in ids {
        let count = seen.entry(id).or_default();
        *count += 1;
        if *count > 1 {
            let line = value_lines(text, key, id).nth(*count - 1).unwrap_or(1);
            problems.push(
                Problem::new(
                    shown,
                    line,
                    1,
                    format!("the id `{id}` is used twice in this file"),
                )
                .with_source(text)
                .with_hint("each entry needs its own id"),
            );
        }
    }
    problems
}

/// An error where `key: value` (or `key: [.., value]`, or a list item `- value` under
/// `key:`) is written: within the file's `entry`th entry if given, else where first
/// written; the column is the value's.
fn at_value(
    (shown, text): &(PathBuf, String),
    entry: Option<usize>,
    key: &str,
    value: &str,
    message: String,
) -> Problem {
    let lines = entry.map_or(1..usize::MAX, |n| entry_lines(text, n));
    let in_entry = |key| value_lines(text, key, value).find(|l| lines.contains(l));
    let line = in_entry(key)
        .or_else(|| in_entry(""))
        .unwrap_or(lines.start);
    let column = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find(value).map(|at| l[..at].chars().count() + 1))
        .unwrap_or(1);
    Problem::new(shown, line, column, message).with_source(text)
}

/// The 1-based lines of the file's `n`th top-level list entry, end excluded.
fn entry_lines(text: &str, n: usize) -> std::ops::Range<usize> {
    let mut starts = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- "))
        .map(|(i, _)| i + 1)
        .skip(n);
    let start = starts.next().unwrap_or(1);
    start..starts.next().unwrap_or(usize::MAX)
}

/// Sources neither cited (by a page, the timeline or the map) nor marked
/// `further_reading`: listed nowhere, so probably a mistake.
pub fn unused_sources<'a>(data: &Data, cited: impl Iterator<Item = &'a str>) -> Vec<Problem> {
    let mut used: HashSet<&str> = cited.collect();
    used.extend(
        data.timeline
            .iter()
            .flat_map(|e| e.sources.iter().map(|s| s.as_str())),
    );
    used.extend(
        data.countries
            .iter()
            .flat_map(|c| c.sources.iter().map(|s| s.as_str())),
    );
    let shown = Path::new(DIR).join("sources.yaml");
    data.sources
        .iter()
        .filter(|s| !s.further_reading && !used.contains(s.id.as_str()))
        .map(|s| {
            let line = data.source_lines.get(s.id.as_str()).copied().unwrap_or(1);
            Problem::new(
                &shown,
                line,
                1,
                format!("the source `{}` is never cited", s.id),
            )
            .with_hint("cite it with [@id], mark it `further_reading: true`, or remove it")
            .warning()
        })
        .collect()
}

/// Every 1-based line where `key: value` is written, in order.
fn value_lines<'t>(
    text: &'t str,
    key: &'t str,
    value: &'t str,
) -> impl Iterator<Item = usize> + 't {
    key_values(text, key)
        .filter(move |(_, v)| *v == value)
        .map(|(line, _)| line)
}

/// For each value written after `key:`, the 1-based line where it first is: one pass over
/// the text, however many values are looked up.
pub(super) fn first_value_lines<'t>(text: &'t str, key: &'t str) -> HashMap<&'t str, usize> {
    let mut lines = HashMap::new();
    for (line, value) in key_values(text, key) {
        lines.entry(value).or_insert(line);
    }
    lines
}

/// Each value written as `key: value` or `key: [a, b]` (or as a list item `- value` when
/// `key` is empty), with its 1-based line, in order.
fn key_values<'t>(text: &'t str, key: &'t str) -> impl Iterator<Item = (usize, &'t str)> + 't {
    text.lines().enumerate().flat_map(move |(i, line)| {
        let line = line.trim_start().trim_start_matches("- ").trim();
        let rest = if key.is_empty() {
            Some(line)
        } else {
            line.strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix(':'))
        };
        rest.into_iter().flat_map(move |r| {
            r.trim()
                .trim_matches(['"', '\'', '[', ']'])
                .split(',')
                .map(move |v| (i + 1, v.trim().trim_matches(['"', '\''])))
        })
    })
}

/// A translation's `sources.yaml` translates the default edition's: the same sources in the
/// same order, each at the same address with the same date, so that a citation's number
/// and link are the same in every edition; only what a reader reads (publisher, title,
/// note) is the translation's own.
pub fn translated_sources(
    default: &Data,
    translated: &Data,
    file @ (_, text): &(PathBuf, String),
) -> Vec<Problem> {
    let ids = first_value_lines(text, "id");
    let at_id = |id: &str, message: String, hint: String| {
        let line = ids.get(id).copied().unwrap_or(1);
        Problem::new(&file.0, line, 1, message)
            .with_source(text)
            .with_hint(hint)
    };
    let mut problems = Vec::new();
    let original: Vec<&str> = default.source_ids().collect();
    for (n, source) in translated.sources.iter().enumerate() {
        let id = source.id.as_str();
        let Some(of) = default.source(id) else {
            let hint = did_you_mean(id, original.iter().copied())
                .map(|near| format!("did you mean `{near}`?"))
                .unwrap_or_else(|| format!("translate only the sources of {DIR}/sources.yaml"));
            problems.push(at_id(
                id,
                format!("`{id}` is not a source of {DIR}/sources.yaml"),
                hint,
            ));
            continue;
        };
        if original.get(n) != Some(&id) {
            problems.push(at_id(
                id,
                format!("`{id}` is not in the place it has in {DIR}/sources.yaml"),
                "keep the sources in the order of the file they translate".to_owned(),
            ));
        }
        let same = [
            ("url", of.url == source.url),
            ("date", of.date == source.date),
            ("via", of.via == source.via),
            (
                "further_reading",
                of.further_reading == source.further_reading,
            ),
        ];
        for (field, _) in same.iter().filter(|(_, same)| !same) {
            let lines = entry_lines(text, n);
            let line = text
                .lines()
                .enumerate()
                .skip(lines.start - 1)
                .take(lines.len())
                .find(|(_, l)| {
                    l.trim_start_matches(['-', ' '])
                        .starts_with(&format!("{field}:"))
                })
                .map_or(lines.start, |(i, _)| i + 1);
            let message = format!("`{field}` of `{id}` differs from {DIR}/sources.yaml");
            problems.push(Problem::new(&file.0, line, 1, message).with_source(text).with_hint(format!(
                "a translated source is the same source: copy its `{field}` from {DIR}/sources.yaml"
            )));
        }
    }
    let have: HashSet<&str> = translated.source_ids().collect();
    for id in original.iter().filter(|id| !have.contains(*id)) {
        problems.push(
            Problem::file(&file.0, format!("the source `{id}` is not translated")).with_hint(
                format!("copy its entry from {DIR}/sources.yaml and translate it"),
            ),
        );
    }
    problems
}
