//! The interface's words, one file per edition: `i18n/<code>.yaml`, a key for each thing the
//! templates (and the engine's own markup) write around the content, in that language. A
//! value is a text, or texts by the language's plural categories (CLDR: `zero`, `one`,
//! `two`, `few`, `many`, `other`) for texts with a number in them.
//!
//! A site without an `i18n/` folder has no strings: its templates write their own words.
//! With one, every edition needs its file, with the default edition's keys.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::editions::Edition;
use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::diagnostics::spans::YamlPath;
use crate::diagnostics::yaml::YamlFile;
use crate::source_text;

pub const DIR: &str = crate::layout::STRINGS;

/// The plural categories a value may have, as CLDR names them.
const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// One text of the interface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    /// By plural category: `one`, `few`, `many`, `other`…
    Plural(BTreeMap<String, String>),
}

/// One edition's interface texts, by key.
pub type Strings = BTreeMap<String, Text>;

/// Every edition's strings, in the editions' order; all empty without an `i18n/` folder.
pub fn load(root: &Path, editions: &[Edition]) -> (Vec<Strings>, Vec<Problem>) {
    let mut problems = Vec::new();
    // Unreadable settings leave the editions unknown (their code empty), and so which
    // strings they need: the settings' own problem is the one to report.
    let unknown = editions.iter().any(|e| e.code.is_empty());
    if unknown || !root.join(DIR).is_dir() {
        return (vec![Strings::new(); editions.len()], problems);
    }
    let mut all: Vec<Strings> = Vec::new();
    let mut files: Vec<YamlFile> = Vec::new();
    for edition in editions {
        let shown = Path::new(DIR).join(format!("{}.yaml", edition.code));
        let (strings, file) = match read(root, &shown) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                (Strings::new(), YamlFile::new(shown, ""))
            }
        };
        problems.extend(plural_problems(&strings, &file));
        all.push(strings);
        files.push(file);
    }
    for (strings, file) in all.iter().zip(&files).skip(1) {
        if !file.text.is_empty() {
            problems.extend(key_problems(&all[0], &files[0], strings, file));
        }
    }
    (all, problems)
}

fn read(root: &Path, shown: &Path) -> Result<(Strings, YamlFile), Problem> {
    let path = root.join(shown);
    if !path.is_file() {
        return Err(
            Problem::file(shown, "this edition's interface strings are missing").with_hint(
                format!("copy {DIR}/ of the default language and translate every value"),
            ),
        );
    }
    let file = YamlFile::new(shown, source_text::read(&path, shown)?);
    let strings = file.parse(&[])?;
    Ok((strings, file))
}

/// Plural texts need `other`, and name only CLDR categories.
fn plural_problems(strings: &Strings, file: &YamlFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, value) in strings {
        let Text::Plural(forms) = value else { continue };
        let at_key = YamlPath::root().key(key);
        if !forms.contains_key("other") {
            problems.push(
                file.error_at_key(&at_key, format!("`{key}` has no `other` form"))
                    .with_hint("every language has the `other` plural category; give it a text"),
            );
        }
        for category in forms.keys().filter(|c| !CATEGORIES.contains(&c.as_str())) {
            let path = at_key.clone().key(category);
            let message = format!("`{category}` is not a plural category");
            problems.push(
                file.error_at_key(&path, message)
                    .with_hint(format!("the categories are: {}", CATEGORIES.join(", "))),
            );
        }
    }
    problems
}

/// A translation's keys must be the default edition's: a missing one, and one the default
/// doesn't have (a typo), are errors.
fn key_problems(
    default: &Strings,
    default_file: &YamlFile,
    strings: &Strings,
    file: &YamlFile,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let default_shown = default_file.shown.display();
    for key in default.keys().filter(|k| !strings.contains_key(*k)) {
        let at = default_file.spans().key(&YamlPath::root().key(key));
        let line = at.map_or(1, |at| at.line);
        problems.push(
            Problem::file(&file.shown, format!("the key `{key}` is missing"))
                .with_hint(format!("translate it from {default_shown}:{line}")),
        );
    }
    for key in strings.keys().filter(|k| !default.contains_key(*k)) {
        let hint = match did_you_mean(key, default.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("{default_shown} has no such key"),
        };
        let path = YamlPath::root().key(key);
        problems.push(
            file.error_at_key(&path, format!("unknown key `{key}`"))
                .with_hint(hint),
        );
    }
    problems
}

/// The text of `key` for the number `n` in the language of `rules`, `{n}` replaced.
pub fn plural(text: &Text, n: usize, rules: &icu_plurals::PluralRules) -> String {
    let form = match text {
        Text::Plain(text) => text,
        Text::Plural(forms) => {
            let category = match rules.category_for(n) {
                icu_plurals::PluralCategory::Zero => "zero",
                icu_plurals::PluralCategory::One => "one",
                icu_plurals::PluralCategory::Two => "two",
                icu_plurals::PluralCategory::Few => "few",
                icu_plurals::PluralCategory::Many => "many",
                icu_plurals::PluralCategory::Other => "other",
            };
            forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map_or("", String::as_str)
        }
    };
    form.replace("{n}", &n.to_string())
}
