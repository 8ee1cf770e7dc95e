//! The interface's words, one file per edition: `i18n/<code>.yaml`, a key for each thing the
//! templates (and the engine's own markup) write around the content, in that language. A
//! value is a text, or texts by the language's plural categories (CLDR: `zero`, `one`,
//! `two`, `few`, `many`, `other`) for texts with a number in them.
//!
//! A site without an `i18n/` folder has no strings: its templates write their own words.
//! With one, every edition needs its file, with the default edition's keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::editions::Edition;
use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::diagnostics::yaml::{self, YamlSource, key_line};
use crate::source_text;

pub const DIR: &str = "i18n";

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
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for edition in editions {
        let shown = Path::new(DIR).join(format!("{}.yaml", edition.code));
        let (strings, text) = match read(root, &shown) {
            Ok(read) => read,
            Err(problem) => {
                problems.push(problem);
                (Strings::new(), String::new())
            }
        };
        problems.extend(plural_problems(&strings, &shown, &text));
        all.push(strings);
        files.push((shown, text));
    }
    for (strings, (shown, text)) in all.iter().zip(&files).skip(1) {
        if !text.is_empty() {
            problems.extend(key_problems(&all[0], &files[0], strings, shown, text));
        }
    }
    (all, problems)
}

fn read(root: &Path, shown: &Path) -> Result<(Strings, String), Problem> {
    let path = root.join(shown);
    if !path.is_file() {
        return Err(
            Problem::file(shown, "this edition's interface strings are missing").with_hint(
                format!("copy {DIR}/ of the default language and translate every value"),
            ),
        );
    }
    let text = source_text::read(&path, shown)?;
    let source = YamlSource {
        path: shown,
        file_text: &text,
        first_line: 1,
    };
    let strings = yaml::parse(&text, &source, &[])?;
    Ok((strings, text))
}

/// Plural texts need `other`, and name only CLDR categories.
fn plural_problems(strings: &Strings, shown: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, value) in strings {
        let Text::Plural(forms) = value else { continue };
        let line = key_line(text, key).unwrap_or(1);
        let at = |message: String| Problem::new(shown, line, 1, message).with_source(text);
        if !forms.contains_key("other") {
            problems.push(
                at(format!("`{key}` has no `other` form"))
                    .with_hint("every language has the `other` plural category; give it a text"),
            );
        }
        for category in forms.keys().filter(|c| !CATEGORIES.contains(&c.as_str())) {
            problems.push(
                at(format!("`{category}` is not a plural category"))
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
    (default_shown, default_text): &(PathBuf, String),
    strings: &Strings,
    shown: &Path,
    text: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for key in default.keys().filter(|k| !strings.contains_key(*k)) {
        let line = key_line(default_text, key).unwrap_or(1);
        problems.push(
            Problem::file(shown, format!("the key `{key}` is missing")).with_hint(format!(
                "translate it from {}:{line}",
                default_shown.display()
            )),
        );
    }
    for key in strings.keys().filter(|k| !default.contains_key(*k)) {
        let line = key_line(text, key).unwrap_or(1);
        let hint = match did_you_mean(key, default.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("{} has no such key", default_shown.display()),
        };
        problems.push(
            Problem::new(shown, line, 1, format!("unknown key `{key}`"))
                .with_source(text)
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
