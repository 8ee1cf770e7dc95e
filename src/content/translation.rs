//! What the editions lack of each other: a page or a data file not yet translated is not a
//! mistake that stops a build (the edition's switcher leaves it out), but `check` lists it.

use std::collections::HashSet;

use super::data::{Data, DataFile};
use super::{content_file, data_file};
use crate::config::data_rules::DataRules;
use crate::config::editions::Edition;
use crate::content::page::Page;
use crate::diagnostics::problem::Problem;

/// A warning for each page and data file of the default edition that a translation lacks,
/// and for each page of a translation with no page in the default edition. A data file with
/// nothing for a reader to read in a language (the sources, a file of the site's own with
/// no declared `prose`) needs no translation.
pub fn missing(
    pages: &[Page],
    data: &[Data],
    editions: &[Edition],
    rules: &DataRules,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some((default, translations)) = editions.split_first() else {
        return problems;
    };
    let keys = |edition: &Edition| -> HashSet<&str> {
        pages
            .iter()
            .filter(|p| p.edition == edition.id)
            .map(|p| p.file.key())
            .collect()
    };
    let originals = keys(default);
    for edition in translations {
        let translated = keys(edition);
        let untranslated = pages
            .iter()
            .filter(|p| p.edition == default.id && !translated.contains(p.file.key()));
        problems.extend(untranslated.map(|page| {
            Problem::file(
                page.file.source(),
                format!("not yet translated into {}", edition.name),
            )
            .with_hint(format!("write {}", content_file(edition, page.file.key())))
            .warning()
        }));
        let orphans = pages
            .iter()
            .filter(|p| p.edition == edition.id && !originals.contains(p.file.key()));
        problems.extend(orphans.map(|page| {
            Problem::file(
                page.file.source(),
                "this page has no original in the default language",
            )
            .with_hint(format!(
                "its translations are linked by path: write {}",
                content_file(default, page.file.key())
            ))
            .warning()
        }));
        let own = &data[edition.id.0].translated;
        let files = data[default.id.0]
            .files
            .iter()
            .filter(|s| readable(s, rules) && !own.contains(*s));
        problems.extend(files.map(|stem| {
            Problem::file(
                data_file(default, stem),
                format!("not yet translated into {}", edition.name),
            )
            .with_hint(format!(
                "write {}; until then the edition shows this one",
                data_file(edition, stem)
            ))
            .warning()
        }));
    }
    problems
}

/// Whether the data file `stem` has words a reader reads, to translate.
fn readable(stem: &str, rules: &DataRules) -> bool {
    match DataFile::of(stem) {
        DataFile::Sources => false,
        DataFile::Timeline | DataFile::Glossary => true,
        DataFile::Other(stem) => rules.prose_of(stem).next().is_some(),
    }
}
