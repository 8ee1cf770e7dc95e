//! The data files checked against each other. A problem points at the value it is about,
//! found by its path in the file (`[3].sources[1]`): entries are checked in the file's order.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{DIR, Data, DataFile, SourceId, Texts};
use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::diagnostics::spans::YamlPath;
use crate::diagnostics::yaml::YamlFile;

/// Checks across entries and files: unique ids, every source the timeline cites known,
/// every event sourced (what the site declares of its own files is [`super::declared`]'s). `texts` are the files this folder gave (an edition's
/// may give only some, the others being the default edition's); each check runs only on
/// those, and only if the files it reads loaded.
pub fn across_files(data: &Data, texts: &Texts) -> Vec<Problem> {
    let usable = |stem: &str| data.files.contains(stem) && !data.broken.contains(stem);
    let loaded = |stem: &str| texts.contains_key(stem) && usable(stem);
    let mut problems = Vec::new();
    let (sources, timeline) = (DataFile::Sources.stem(), DataFile::Timeline.stem());
    let ids = [
        (sources, data.source_ids().collect::<Vec<_>>()),
        (
            DataFile::Glossary.stem(),
            data.glossary.iter().map(|t| t.id.as_str()).collect(),
        ),
    ];
    for (stem, ids) in ids {
        if loaded(stem) {
            problems.extend(duplicates(&texts[stem], "id", ids));
        }
    }
    if usable(sources) && loaded(timeline) {
        problems.extend(unknown_sources(data, &texts[timeline]));
    }
    if loaded(timeline) {
        problems.extend(unsourced_events(data, &texts[timeline]));
    }
    problems
}

/// The ids the timeline's events cite that `sources.yaml` lacks.
fn unknown_sources(data: &Data, file: &YamlFile) -> Vec<Problem> {
    let known: HashSet<&str> = data.source_ids().collect();
    let lists: Vec<&[SourceId]> = data.timeline.iter().map(|e| e.sources.as_slice()).collect();
    let cited = lists.into_iter().enumerate().flat_map(|(entry, ids)| {
        let at = move |n| YamlPath::root().index(entry).key("sources").index(n);
        ids.iter().enumerate().map(move |(n, id)| (at(n), id))
    });
    cited
        .filter(|(_, id)| !known.contains(id.as_str()))
        .map(|(path, id)| {
            let hint = did_you_mean(id.as_str(), known.iter().copied()).map_or_else(
                || "add it to content/data/sources.yaml".to_owned(),
                |c| format!("did you mean `{c}`?"),
            );
            file.error_at(&path, format!("unknown source `{id}`"))
                .with_hint(hint)
        })
        .collect()
}

/// Timeline events that cite no source.
fn unsourced_events(data: &Data, file: &YamlFile) -> Vec<Problem> {
    let unsourced = data
        .timeline
        .iter()
        .enumerate()
        .filter(|(_, e)| e.sources.is_empty());
    unsourced
        .map(|(i, event)| {
            // At its empty `sources`, or at the event when it has none.
            let path = YamlPath::root().index(i).key("sources");
            file.error_at(
                &path,
                format!("the event `{}` cites no source", event.title),
            )
            .with_hint("every event needs `sources: [source-id]`")
        })
        .collect()
}

/// Every second and later use of an id in one file, at the id.
fn duplicates(file: &YamlFile, key: &str, ids: Vec<&str>) -> Vec<Problem> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut problems = Vec::new();
    for (entry, id) in ids.into_iter().enumerate() {
        if !seen.insert(id) {
            let path = YamlPath::root().index(entry).key(key);
            problems.push(
                file.error_at(&path, format!("the id `{id}` is used twice in this file"))
                    .with_hint("each entry needs its own id"),
            );
        }
    }
    problems
}

/// Sources neither cited (by a page, the timeline or a declared reference) nor marked
/// `further_reading`: listed nowhere, so probably a mistake.
pub fn unused_sources<'a>(data: &Data, cited: impl Iterator<Item = &'a str>) -> Vec<Problem> {
    let mut used: HashSet<&str> = cited.collect();
    used.extend(
        data.timeline
            .iter()
            .flat_map(|e| e.sources.iter().map(|s| s.as_str())),
    );
    used.extend(data.sources_named.iter().map(String::as_str));
    let shown = Path::new(DIR).join("sources.yaml");
    data.sources
        .iter()
        .filter(|s| !s.further_reading && !used.contains(s.id.as_str()))
        .map(|s| {
            let at = data.source_positions.get(s.id.as_str());
            Problem::new(
                &shown,
                at.map_or(1, |at| at.line),
                at.map_or(1, |at| at.column),
                format!("the source `{}` is never cited", s.id),
            )
            .with_hint("cite it with [@id], mark it `further_reading: true`, or remove it")
            .warning()
        })
        .collect()
}

/// A translation's `sources.yaml` translates the default edition's: the same sources in the
/// same order, each at the same address with the same date, so that a citation's number
/// and link are the same in every edition; only what a reader reads (publisher, title,
/// note) is the translation's own.
pub fn translated_sources(default: &Data, translated: &Data, file: &YamlFile) -> Vec<Problem> {
    // At the id of the source's first entry: a source written twice is a duplicate.
    let mut firsts: HashMap<&str, usize> = HashMap::new();
    for (n, source) in translated.sources.iter().enumerate() {
        firsts.entry(source.id.as_str()).or_insert(n);
    }
    let at_id = |id: &str, message: String, hint: String| {
        let path = YamlPath::root().index(firsts[id]).key("id");
        file.error_at(&path, message).with_hint(hint)
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
            ("accessed", of.accessed == source.accessed),
            ("archived", of.archived == source.archived),
            (
                "further_reading",
                of.further_reading == source.further_reading,
            ),
        ];
        for (field, _) in same.iter().filter(|(_, same)| !same) {
            // At the field, or at the entry when the field is left out.
            let path = YamlPath::root().index(n).key(field);
            let message = format!("`{field}` of `{id}` differs from {DIR}/sources.yaml");
            problems.push(file.error_at(&path, message).with_hint(format!(
                "a translated source is the same source: copy its `{field}` from {DIR}/sources.yaml"
            )));
        }
    }
    let have: HashSet<&str> = translated.source_ids().collect();
    for id in original.iter().filter(|id| !have.contains(*id)) {
        problems.push(
            Problem::file(&file.shown, format!("the source `{id}` is not translated")).with_hint(
                format!("copy its entry from {DIR}/sources.yaml and translate it"),
            ),
        );
    }
    problems
}
