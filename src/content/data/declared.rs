//! The data files the engine gives no meaning to, read by what `site.yaml` declares of them
//! ([`DataRules`]): their references to each other checked, their prose spaced and counted.
//!
//! A reference is checked only where both files loaded: a file with a mistake reports its
//! own problems and nothing that depends on it.

use std::collections::HashSet;

use serde_yaml::Value;

use super::{DIR, Data, DataFile, Texts};
use crate::config::data_rules::{DataRules, KeyPath, Prose, Reference};
use crate::config::settings::FILE_NAME;
use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::diagnostics::spans::YamlPath;

/// The nodes at `keys` below `value` (itself at `at`), with their paths: a list met on the
/// way, or at the end, is gone through item by item.
fn walk<'v>(value: &'v Value, keys: &[String], at: YamlPath, out: &mut Vec<(YamlPath, &'v Value)>) {
    match (value, keys.split_first()) {
        (Value::Sequence(items), _) => {
            for (n, item) in items.iter().enumerate() {
                walk(item, keys, at.clone().index(n), out);
            }
        }
        (Value::Tagged(tagged), _) => walk(&tagged.value, keys, at, out),
        (Value::Mapping(map), Some((key, rest))) => {
            if let Some(inner) = map.get(key.as_str()) {
                walk(inner, rest, at.key(key), out);
            }
        }
        (_, None) => out.push((at, value)),
        (_, Some(_)) => {}
    }
}

/// Every string below `value`, in the order written.
pub(super) fn strings(value: &Value, add: &mut impl FnMut(&str)) {
    match value {
        Value::String(s) => add(s),
        Value::Sequence(items) => items.iter().for_each(|v| strings(v, add)),
        Value::Mapping(map) => map.values().for_each(|v| strings(v, add)),
        Value::Tagged(tagged) => strings(&tagged.value, add),
        _ => {}
    }
}

fn strings_mut(value: &mut Value, keys: &[String], change: &mut impl FnMut(&mut String)) {
    match (value, keys.split_first()) {
        (Value::Sequence(items), _) => items.iter_mut().for_each(|v| strings_mut(v, keys, change)),
        (Value::Tagged(tagged), _) => strings_mut(&mut tagged.value, keys, change),
        (Value::String(s), None) => change(s),
        (Value::Mapping(map), None) => map.values_mut().for_each(|v| strings_mut(v, &[], change)),
        (Value::Mapping(map), Some((key, rest))) => {
            if let Some(inner) = map.get_mut(key.as_str()) {
                strings_mut(inner, rest, change);
            }
        }
        _ => {}
    }
}

/// Changes the strings declared `spaced` prose (typography, as a page's text gets): the
/// others are as written.
pub(super) fn each_spaced(data: &mut Data, change: &mut impl FnMut(&mut String)) {
    let prose = std::mem::take(&mut data.prose);
    for (path, _) in prose.iter().filter(|(_, p)| *p == Prose::Spaced) {
        if let Some(value) = data.other.get_mut(&path.file) {
            strings_mut(value, &path.keys, change);
        }
    }
    data.prose = prose;
}

/// The strings a reader reads in the untyped file `stem`: those its declared prose holds or,
/// when none is declared, every string of it.
pub(super) fn prose_strings(data: &Data, stem: &str, add: &mut impl FnMut(&str)) {
    let Some(value) = data.other.get(stem) else {
        return;
    };
    let declared: Vec<&KeyPath> = data
        .prose
        .iter()
        .filter(|(p, _)| p.file == stem)
        .map(|(p, _)| p)
        .collect();
    if declared.is_empty() {
        return strings(value, add);
    }
    for path in declared {
        let mut nodes = Vec::new();
        walk(value, &path.keys, YamlPath::root(), &mut nodes);
        nodes.into_iter().for_each(|(_, v)| strings(v, add));
    }
}

/// A file as a value, typed or not, to be walked by key paths.
fn value_of(data: &Data, stem: &str) -> Option<Value> {
    let typed = match DataFile::of(stem) {
        DataFile::Sources => serde_yaml::to_value(&data.sources),
        DataFile::Timeline => serde_yaml::to_value(&data.timeline),
        DataFile::Glossary => serde_yaml::to_value(&data.glossary),
        DataFile::Other(other) => return data.other.get(other).cloned(),
    };
    typed.ok()
}

/// An id as written: a string or a number.
fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Every declared reference from a file this folder gave (`texts`) to one that loaded,
/// checked: each value at its `from` names a value at its `to`, and the values at each `to`
/// that is not already an engine's id (sources', glossary terms') are unique.
pub(super) fn check_references(data: &Data, texts: &Texts, rules: &DataRules) -> Vec<Problem> {
    let usable = |stem: &str| data.files.contains(stem) && !data.broken.contains(stem);
    let mut problems = Vec::new();
    let mut targets: Vec<&KeyPath> = rules.references.iter().map(|r| &r.to).collect();
    targets.sort();
    targets.dedup();
    for to in targets {
        let engines = ["sources.id", "glossary.id"].contains(&to.to_string().as_str());
        if engines || !texts.contains_key(&to.file) || !usable(&to.file) {
            continue;
        }
        let Some(value) = value_of(data, &to.file) else {
            continue;
        };
        let mut nodes = Vec::new();
        walk(&value, &to.keys, YamlPath::root(), &mut nodes);
        let mut seen = HashSet::new();
        for (path, id) in nodes {
            if let Some(id) = id_text(id).filter(|id| !seen.insert(id.clone())) {
                problems.push(
                    texts[&to.file]
                        .error_at(&path, format!("the id `{id}` is used twice in this file"))
                        .with_hint("each entry needs its own id"),
                );
            }
        }
    }
    for reference in &rules.references {
        let from = &reference.from;
        if texts.contains_key(&from.file) && usable(&from.file) {
            problems.extend(check_reference(data, texts, reference));
        }
    }
    problems
}

fn check_reference(data: &Data, texts: &Texts, reference: &Reference) -> Vec<Problem> {
    let (from, to) = (&reference.from, &reference.to);
    let file = &texts[&from.file];
    let Some(value) = value_of(data, &from.file) else {
        return Vec::new();
    };
    let mut named = Vec::new();
    walk(&value, &from.keys, YamlPath::root(), &mut named);
    if named.is_empty() || data.broken.contains(&to.file) {
        return Vec::new();
    }
    if !data.files.contains(&to.file) {
        let message = format!(
            "`{from}` must name a `{to}`, and there is no {}",
            to.file_name()
        );
        let hint = format!(
            "create {DIR}/{}, or change `references` in site.yaml",
            to.file_name()
        );
        return vec![Problem::file(&file.shown, message).with_hint(hint)];
    }
    let mut known: Vec<String> = Vec::new();
    if let Some(target) = value_of(data, &to.file) {
        let mut nodes = Vec::new();
        walk(&target, &to.keys, YamlPath::root(), &mut nodes);
        known.extend(nodes.into_iter().filter_map(|(_, v)| id_text(v)));
    }
    let is_source = to.to_string() == "sources.id";
    named
        .into_iter()
        .filter(|(_, v)| id_text(v).is_none_or(|id| !known.contains(&id)))
        .map(|(path, v)| {
            let Some(id) = id_text(v) else {
                let message = format!("`{from}` must name a `{to}`: write one as text");
                return file.error_at(&path, message);
            };
            let near = did_you_mean(&id, known.iter().map(String::as_str));
            let (message, otherwise) = if is_source {
                let hint = format!("add it to {DIR}/sources.yaml");
                (format!("unknown source `{id}`"), hint)
            } else {
                let message = format!("`{id}` is not a `{to}`, which `{from}` must name");
                let hint = format!("{} has: {}", to.file_name(), known.join(", "));
                (message, hint)
            };
            let hint = near.map_or(otherwise, |c| format!("did you mean `{c}`?"));
            file.error_at(&path, message).with_hint(hint)
        })
        .collect()
}

/// A warning at each entry without a key `expected` of it: `groups.colour` names every
/// group (an item of the file, or a mapping at `groups`) that has no `colour`.
pub(super) fn check_expected(data: &Data, texts: &Texts, rules: &DataRules) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (path, what) in &rules.expected {
        let (Some((key, parents)), Some(file)) = (path.keys.split_last(), texts.get(&path.file))
        else {
            continue;
        };
        let Some(value) = value_of(data, &path.file).filter(|_| !data.broken.contains(&path.file))
        else {
            continue;
        };
        let mut entries = Vec::new();
        walk(&value, parents, YamlPath::root(), &mut entries);
        for (at, entry) in entries {
            let Value::Mapping(map) = entry else { continue };
            if map.get(key.as_str()).is_none_or(Value::is_null) {
                let name = map
                    .get("id")
                    .and_then(id_text)
                    .map_or(String::new(), |id| format!(" `{id}`"));
                problems.push(
                    file.error_at(&at, format!("the entry{name} has no `{key}`"))
                        .with_hint(format!("give it `{key}`: {what} (site.yaml's `expected`)"))
                        .warning(),
                );
            }
        }
    }
    problems
}

/// Declarations of `site.yaml` about a file there is none of, at the declaration.
pub(super) fn undeclared_files(data: &Data, rules: &DataRules) -> Vec<Problem> {
    let missing = |path: &KeyPath| !data.files.contains(&path.file);
    let stems: Vec<&str> = data.files.iter().map(String::as_str).collect();
    rules
        .references
        .iter()
        .filter(|r| missing(&r.from))
        .map(|r| {
            let at = r.declared_at;
            let message = format!(
                "`{}` is in no data file: there is no {DIR}/{}",
                r.from,
                r.from.file_name()
            );
            let problem = Problem::new(FILE_NAME, at.line, at.column, message);
            match did_you_mean(&r.from.file, stems.iter().copied()) {
                Some(near) => problem.with_hint(format!("did you mean `{near}`?")),
                None => problem,
            }
        })
        .collect()
}

/// The sources the untyped files name through references to `sources.id`: cited, for
/// [`super::unused_sources`].
pub(super) fn sources_named(data: &Data, rules: &DataRules) -> Vec<String> {
    let to_sources = rules
        .references
        .iter()
        .filter(|r| r.to.to_string() == "sources.id");
    let mut named = Vec::new();
    for reference in to_sources {
        if let Some(value) = value_of(data, &reference.from.file) {
            let mut nodes = Vec::new();
            walk(&value, &reference.from.keys, YamlPath::root(), &mut nodes);
            named.extend(nodes.into_iter().filter_map(|(_, v)| id_text(v)));
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::spacing::Spacing;

    fn data(yaml: &str, prose: &[(&str, Prose)]) -> Data {
        let mut data = Data::default();
        data.other
            .insert("books".to_owned(), serde_yaml::from_str(yaml).unwrap());
        data.prose = prose
            .iter()
            .map(|(p, kind)| (KeyPath::parse(p).unwrap(), *kind))
            .collect();
        data
    }

    const BOOKS: &str = "- title: в море\n  code: AB-1\n  extra: {note: и в порту, pages: 3}\n";

    fn read(data: &Data) -> Vec<String> {
        let mut read = Vec::new();
        prose_strings(data, "books", &mut |s: &str| read.push(s.to_owned()));
        read
    }

    #[test]
    fn the_declared_prose_is_what_is_read_and_every_string_without_a_declaration() {
        assert_eq!(read(&data(BOOKS, &[])), ["в море", "AB-1", "и в порту"]);
        let declared = [
            ("books.title", Prose::Spaced),
            ("books.extra", Prose::AsWritten),
        ];
        assert_eq!(read(&data(BOOKS, &declared)), ["в море", "и в порту"]);
    }

    #[test]
    fn only_the_prose_declared_spaced_is_spaced() {
        let declared = [
            ("books.title", Prose::Spaced),
            ("books.extra", Prose::AsWritten),
        ];
        let mut data = data(BOOKS, &declared);
        let spacing = Spacing::of("ru").unwrap();
        each_spaced(&mut data, &mut |s: &mut String| {
            *s = spacing.apply(s).into_owned()
        });
        assert_eq!(read(&data), ["в\u{a0}море", "и в порту"]);
    }

    #[test]
    fn key_paths_go_through_lists_and_mappings_to_the_values_they_name() {
        let value: Value = serde_yaml::from_str(
            "shelves: [{id: a}, {id: b}]\nbooks:\n  - {shelf: a, sources: [x, y]}\n",
        )
        .unwrap();
        let mut nodes = Vec::new();
        let keys = ["books".to_owned(), "sources".to_owned()];
        walk(&value, &keys, YamlPath::root(), &mut nodes);
        let paths: Vec<String> = nodes.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(paths, ["books[0].sources[0]", "books[0].sources[1]"]);
    }
}
