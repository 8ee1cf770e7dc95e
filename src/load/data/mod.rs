//! Data files: `content/data/*.yaml`, given to every template as `data.<file name>`.
//!
//! Five files have a meaning to the generator and are typed and checked: `sources.yaml`
//! (what citations cite), `timeline.yaml`, `groups.yaml` and `countries.yaml` (the map and
//! its groups) and `glossary.yaml` (terms linked from their first use). Any other file is
//! passed to templates as it is.
//!
//! A file that fails to load reports its own problems and nothing that merely depends on
//! it: with `sources.yaml` broken, no citation is called unknown.

pub mod types;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::source_text;
use super::yaml::{self, YamlSource};
use crate::markdown::WordCount;
use crate::problem::{Problem, did_you_mean};
pub use types::{Border, Country, Event, Group, Source, SourceId, Term};

pub const DIR: &str = "content/data";

/// Every data file, as far as it loaded.
#[derive(Debug, Default)]
pub struct Data {
    pub sources: Vec<Source>,
    pub timeline: Vec<Event>,
    pub groups: Vec<Group>,
    pub countries: Vec<Country>,
    pub glossary: Vec<Term>,
    /// Files the generator gives no meaning to, by file stem.
    pub other: BTreeMap<String, serde_yaml::Value>,
    /// Line of each source's `id:` in sources.yaml, to point at it later.
    pub source_lines: HashMap<String, usize>,
    /// The stem of every data file that was read, typed or not.
    pub files: BTreeSet<String>,
    /// The stems of files that failed to load: what depends on them goes unchecked.
    pub broken: BTreeSet<String>,
}

impl Data {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.as_str() == id)
    }

    pub fn source_ids(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| s.id.as_str())
    }

    /// Whether `sources.yaml` loaded, so that a citation of an id it lacks is a mistake.
    pub fn sources_known(&self) -> bool {
        !self.broken.contains("sources")
    }

    /// The words a reader reads in the data file `stem` when a page shows it: the prose
    /// fields of typed entries (not ids, dates or codes), every string of other files.
    pub fn prose_words(&self, stem: &str) -> usize {
        let mut words = WordCount::default();
        let mut add = |text: &str| {
            words.push(text);
            words.push_break();
        };
        match stem {
            "sources" => self.sources.iter().for_each(|s| {
                [&s.publisher, &s.title]
                    .into_iter()
                    .chain(&s.note)
                    .for_each(|t| add(t))
            }),
            "timeline" => self.timeline.iter().for_each(|e| {
                add(&e.title);
                add(&e.text);
            }),
            "groups" => self.groups.iter().for_each(|g| add(&g.label)),
            "countries" => self.countries.iter().for_each(|c| {
                add(&c.name);
                c.extra.values().for_each(|v| yaml_strings(v, &mut add));
            }),
            "glossary" => self.glossary.iter().for_each(|t| {
                std::iter::once(&t.term)
                    .chain(&t.aliases)
                    .chain([&t.definition])
                    .for_each(|t| add(t))
            }),
            other => {
                if let Some(value) = self.other.get(other) {
                    yaml_strings(value, &mut add);
                }
            }
        }
        words.total()
    }
}

fn yaml_strings(value: &serde_yaml::Value, add: &mut impl FnMut(&str)) {
    match value {
        serde_yaml::Value::String(s) => add(s),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| yaml_strings(v, add)),
        serde_yaml::Value::Mapping(map) => map.values().for_each(|v| yaml_strings(v, add)),
        serde_yaml::Value::Tagged(tagged) => yaml_strings(&tagged.value, add),
        _ => {}
    }
}

/// Each data file's path as shown and its text, by stem, for locating problems.
type Texts = HashMap<String, (PathBuf, String)>;

/// Loads `root/content/data/*.yaml`, with what went wrong. A missing folder is an empty
/// data set.
pub fn load(root: &Path) -> (Data, Vec<Problem>) {
    let dir = root.join(DIR);
    let mut data = Data::default();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (data, problems);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    let mut texts = Texts::new();
    for file in files {
        let stem = file
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let shown = Path::new(DIR).join(file.file_name().unwrap_or_default());
        data.files.insert(stem.clone());
        let text = match source_text::read(&file, &shown) {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                data.broken.insert(stem);
                continue;
            }
        };
        let result = match stem.as_str() {
            "sources" => parse_into(&text, &shown, &mut data.sources, types::SOURCE_FIELDS),
            "timeline" => parse_into(&text, &shown, &mut data.timeline, types::EVENT_FIELDS),
            "groups" => parse_into(&text, &shown, &mut data.groups, types::GROUP_FIELDS),
            "countries" => parse_into(&text, &shown, &mut data.countries, types::COUNTRY_FIELDS),
            "glossary" => parse_into(&text, &shown, &mut data.glossary, types::TERM_FIELDS),
            _ => parse_into(
                &text,
                &shown,
                data.other.entry(stem.clone()).or_default(),
                &[],
            ),
        };
        if let Err(d) = result {
            problems.push(d);
            data.broken.insert(stem.clone());
        }
        texts.insert(stem, (shown, text));
    }
    problems.extend(check(&data, &texts));
    if let Some((_, text)) = texts.get("sources") {
        let lines = first_value_lines(text, "id");
        for source in &data.sources {
            let line = lines.get(source.id.as_str()).copied().unwrap_or(1);
            data.source_lines.insert(source.id.to_string(), line);
        }
    }
    data.timeline.sort_by_key(|e| e.date);
    (data, problems)
}

fn parse_into<T: DeserializeOwned>(
    text: &str,
    shown: &Path,
    into: &mut T,
    fields: &[&str],
) -> Result<(), Problem> {
    let source = YamlSource {
        path: shown,
        file_text: text,
        first_line: 1,
    };
    *into = yaml::parse(text, &source, fields)?;
    Ok(())
}

/// Checks across entries and files: unique ids, every cited source and every country's
/// group known. Each check runs only if the files it reads loaded.
fn check(data: &Data, texts: &Texts) -> Vec<Problem> {
    let mut problems = Vec::new();
    let loaded = |stem: &str| texts.contains_key(stem) && !data.broken.contains(stem);
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
    if loaded("sources") {
        let known: HashSet<&str> = data.source_ids().collect();
        let cited = [
            (
                "timeline",
                data.timeline
                    .iter()
                    .flat_map(|e| &e.sources)
                    .collect::<Vec<_>>(),
            ),
            (
                "countries",
                data.countries.iter().flat_map(|c| &c.sources).collect(),
            ),
        ];
        for (stem, ids) in cited.iter().filter(|(stem, _)| loaded(stem)) {
            let unknown = ids.iter().filter(|id| !known.contains(id.as_str()));
            problems.extend(unknown.map(|id| {
                let hint = did_you_mean(id.as_str(), known.iter().copied()).map_or_else(
                    || "add it to content/data/sources.yaml".to_owned(),
                    |c| format!("did you mean `{c}`?"),
                );
                at_value(
                    &texts[*stem],
                    "sources",
                    id.as_str(),
                    format!("unknown source `{id}`"),
                )
                .with_hint(hint)
            }));
        }
    }
    if loaded("countries") {
        problems.extend(unknown_groups(data, texts, loaded("groups")));
    }
    if loaded("timeline") {
        let (shown, text) = &texts["timeline"];
        for (i, event) in data.timeline.iter().enumerate() {
            if event.sources.is_empty() {
                let line = nth_entry_line(text, i).unwrap_or(1);
                problems.push(
                    Problem::new(
                        shown,
                        line,
                        1,
                        format!("the event `{}` cites no source", event.title),
                    )
                    .with_source(text)
                    .with_hint("every event needs `sources: [source-id]`"),
                );
            }
        }
    }
    problems
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
        .filter(|c| !ids.contains(&c.group.as_str()))
        .map(|c| {
            let group = c.group.as_str();
            let hint = match did_you_mean(group, ids.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the groups are: {}", ids.join(", ")),
            };
            at_value(
                &texts["countries"],
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

/// An error on the line where `key: value` (or `key: [.., value]`, or a list item
/// `- value` under `key:`) is first written in a file.
fn at_value((shown, text): &(PathBuf, String), key: &str, value: &str, message: String) -> Problem {
    let line = value_line(text, key, value)
        .or_else(|| value_line(text, "", value))
        .unwrap_or(1);
    Problem::new(shown, line, 1, message).with_source(text)
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

/// 1-based line where `key: value` (or a list item `- value` when `key` is empty) is
/// first written, to point a check at it.
fn value_line(text: &str, key: &str, value: &str) -> Option<usize> {
    value_lines(text, key, value).next()
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
fn first_value_lines<'t>(text: &'t str, key: &'t str) -> HashMap<&'t str, usize> {
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

/// 1-based line of the `n`th top-level list entry.
fn nth_entry_line(text: &str, n: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- "))
        .nth(n)
        .map(|(i, _)| i + 1)
}
