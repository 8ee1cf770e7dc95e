//! Data files: `content/data/*.yaml`, given to every template as `data.<file name>`.
//!
//! Three files have a meaning to the generator and are typed and checked: `sources.yaml`
//! (what citations cite), `timeline.yaml` (dated events, each citing sources, sorted by
//! date) and `glossary.yaml` (terms linked from their first use). Any other file is the
//! site's own, passed to templates as it is: what `site.yaml` declares of it (references to
//! other files, its prose) is checked and applied by [`declared`].
//!
//! A file that fails to load reports its own problems and nothing that merely depends on
//! it: with `sources.yaml` broken, no citation is called unknown.

mod checks;
mod declared;
pub mod types;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::config::data_rules::{DataRules, KeyPath, Prose};
use crate::config::editions::Edition;
use crate::diagnostics::problem::Problem;
use crate::diagnostics::spans::{Position, YamlPath};
use crate::diagnostics::yaml::YamlFile;
use crate::source_text;
use crate::text::spacing::Spacing;
use crate::text::words::WordCount;
pub use checks::unused_sources;
pub use types::{Event, Source, SourceId, Term};

pub const DIR: &str = crate::layout::DATA;

/// A data file by what it is to the generator: one of the three it reads, or the site's
/// own, named by its stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile<'a> {
    Sources,
    Timeline,
    Glossary,
    Other(&'a str),
}

impl<'a> DataFile<'a> {
    /// The file whose name without `.yaml` is `stem`.
    pub fn of(stem: &'a str) -> DataFile<'a> {
        match stem {
            "sources" => DataFile::Sources,
            "timeline" => DataFile::Timeline,
            "glossary" => DataFile::Glossary,
            other => DataFile::Other(other),
        }
    }

    /// Its name without `.yaml`, which templates find it under in `data`.
    pub fn stem(self) -> &'a str {
        match self {
            DataFile::Sources => "sources",
            DataFile::Timeline => "timeline",
            DataFile::Glossary => "glossary",
            DataFile::Other(stem) => stem,
        }
    }
}

/// Every data file of one edition, as far as it loaded.
#[derive(Debug, Default, Clone)]
pub struct Data {
    pub sources: Vec<Source>,
    pub timeline: Vec<Event>,
    pub glossary: Vec<Term>,
    /// Files the generator gives no meaning to, by file stem.
    pub other: BTreeMap<String, serde_yaml::Value>,
    /// Where each source's id is written in sources.yaml, to point at it later.
    pub source_positions: HashMap<String, Position>,
    /// The stem of every data file that was read, typed or not.
    pub files: BTreeSet<String>,
    /// The stems of files that failed to load: what depends on them goes unchecked.
    pub broken: BTreeSet<String>,
    /// The stems of the files an edition has in its own language; the others are the
    /// default edition's.
    pub translated: BTreeSet<String>,
    /// The prose `site.yaml` declares in the files the generator gives no meaning to.
    pub prose: Vec<(KeyPath, Prose)>,
    /// The sources those files name, by declared references to `sources.id`.
    pub sources_named: Vec<String>,
}

impl Data {
    /// Changes every string of prose readers see with `change` (typography, as a page's
    /// text gets). Terms and their other names stay as written: they are matched in the
    /// pages' text.
    fn each_prose(&mut self, change: impl Fn(&str) -> std::borrow::Cow<'_, str>) {
        let changed = |s: &mut String| {
            if let std::borrow::Cow::Owned(new) = change(s) {
                *s = new;
            }
        };
        for source in &mut self.sources {
            [&mut source.publisher, &mut source.title]
                .into_iter()
                .chain(&mut source.note)
                .for_each(changed);
        }
        for event in &mut self.timeline {
            changed(&mut event.title);
            changed(&mut event.text);
        }
        self.glossary
            .iter_mut()
            .for_each(|t| changed(&mut t.definition));
        declared::each_spaced(self, &mut |s: &mut String| changed(s));
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.as_str() == id)
    }

    pub fn source_ids(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| s.id.as_str())
    }

    /// Whether `sources.yaml` loaded, so that a citation of an id it lacks is a mistake.
    pub fn sources_known(&self) -> bool {
        !self.broken.contains(DataFile::Sources.stem())
    }

    /// The words a reader reads in the data file `stem` when a page shows it: the prose
    /// fields of typed entries (not ids, dates or codes); in other files, the strings of the
    /// prose `site.yaml` declares, or every string when it declares none.
    pub fn prose_words(&self, stem: &str) -> usize {
        let mut words = WordCount::default();
        let mut add = |text: &str| {
            words.push(text);
            words.push_break();
        };
        match DataFile::of(stem) {
            DataFile::Sources => self.sources.iter().for_each(|s| {
                [&s.publisher, &s.title]
                    .into_iter()
                    .chain(&s.note)
                    .for_each(|t| add(t))
            }),
            DataFile::Timeline => self.timeline.iter().for_each(|e| {
                add(&e.title);
                add(&e.text);
            }),
            DataFile::Glossary => self.glossary.iter().for_each(|t| {
                std::iter::once(&t.term)
                    .chain(&t.aliases)
                    .chain([&t.definition])
                    .for_each(|t| add(t))
            }),
            DataFile::Other(other) => declared::prose_strings(self, other, &mut add),
        }
        words.total()
    }
}

/// Each data file as read, by stem, for locating problems.
pub(super) type Texts = HashMap<String, YamlFile>;

/// Loads the data of every edition, with what went wrong: the default edition's from
/// `root/content/data/*.yaml`, and each translation's from `content/<code>/data/`, where a
/// file replaces the default edition's file of the same name. A missing folder is an empty
/// data set, or the default edition's. `rules` are what `site.yaml` declares of the files
/// the generator gives no meaning to.
pub fn load(root: &Path, editions: &[Edition], rules: &DataRules) -> (Vec<Data>, Vec<Problem>) {
    let (default, mut problems) = load_folder(root, DIR, None, rules);
    problems.extend(declared::undeclared_files(&default, rules));
    let mut all = vec![default];
    for edition in editions.iter().filter_map(Edition::folder) {
        let folder = format!("content/{edition}/data");
        let (data, found) = load_folder(root, &folder, Some(&all[0]), rules);
        problems.extend(found);
        all.push(data);
    }
    for (data, edition) in all.iter_mut().zip(editions) {
        // The smart punctuation of a page's Markdown, so that an apostrophe typed straight
        // in a data file reads as one typed in a page; then the language's spaces.
        data.each_prose(crate::text::smart::punctuate);
        if let Some(spacing) = Spacing::of(&edition.language) {
            data.each_prose(|s| spacing.apply(s));
        }
    }
    (all, problems)
}

/// The data in `root/<folder>`, over `base` (the default edition's) if given.
fn load_folder(
    root: &Path,
    folder: &str,
    base: Option<&Data>,
    rules: &DataRules,
) -> (Data, Vec<Problem>) {
    let mut data = base.cloned().unwrap_or_default();
    data.translated.clear();
    data.prose.clone_from(&rules.prose);
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
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
        let shown = Path::new(folder).join(file.file_name().unwrap_or_default());
        data.files.insert(stem.clone());
        data.translated.insert(stem.clone());
        data.broken.remove(&stem);
        let file = match source_text::read(&file, &shown) {
            Ok(text) => {
                problems.extend(crate::placeholders::left_in(&shown, &text));
                YamlFile::new(shown, text)
            }
            Err(d) => {
                problems.push(d);
                data.broken.insert(stem);
                continue;
            }
        };
        match parse_file(&mut data, &stem, &file) {
            Err(d) => {
                problems.push(d);
                data.broken.insert(stem.clone());
            }
            Ok(()) => {
                // With the default edition's sources broken, there is nothing to compare.
                let comparable =
                    |d: &&Data| DataFile::of(&stem) == DataFile::Sources && d.sources_known();
                if let Some(default) = base.filter(comparable) {
                    problems.extend(checks::translated_sources(default, &data, &file));
                }
            }
        }
        texts.insert(stem, file);
    }
    problems.extend(checks::across_files(&data, &texts));
    problems.extend(declared::check_references(&data, &texts, rules));
    problems.extend(declared::check_expected(&data, &texts, rules));
    data.sources_named = declared::sources_named(&data, rules);
    if let Some(file) = texts.get(DataFile::Sources.stem()) {
        data.source_positions.clear();
        for (n, source) in data.sources.iter().enumerate() {
            let at = file.spans().value(&YamlPath::root().index(n).key("id"));
            if let Some(at) = at {
                let id = source.id.to_string();
                data.source_positions.entry(id).or_insert(at);
            }
        }
    }
    data.timeline.sort_by_key(|e| e.date);
    (data, problems)
}

/// Parses the data file `stem` into its place in `data`.
fn parse_file(data: &mut Data, stem: &str, file: &YamlFile) -> Result<(), Problem> {
    match DataFile::of(stem) {
        DataFile::Sources => parse_into(file, &mut data.sources, types::SOURCE_FIELDS),
        DataFile::Timeline => parse_into(file, &mut data.timeline, types::EVENT_FIELDS),
        DataFile::Glossary => parse_into(file, &mut data.glossary, types::TERM_FIELDS),
        DataFile::Other(stem) => {
            parse_into(file, data.other.entry(stem.to_owned()).or_default(), &[])
        }
    }
}

fn parse_into<T: DeserializeOwned>(
    file: &YamlFile,
    into: &mut T,
    fields: &[&str],
) -> Result<(), Problem> {
    *into = file.parse(fields)?;
    Ok(())
}
