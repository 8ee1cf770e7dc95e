//! The interface's words, one set per edition: a key for each thing the templates (and the
//! engine's own markup) write around the content, in that language. The built-in theme has
//! them for the languages it knows; a site's `i18n/<code>.yaml` replaces them key by key
//! and adds its own templates' keys. A value is a text, or texts by the language's plural
//! categories (CLDR: `zero`, `one`, `two`, `few`, `many`, `other`) for texts with a number.
//!
//! Every edition needs every key the default edition has.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// The text of `key`, when it is one text (not one by plural category).
pub fn plain<'a>(strings: &'a Strings, key: &str) -> Option<&'a str> {
    match strings.get(key) {
        Some(Text::Plain(text)) => Some(text),
        _ => None,
    }
}

/// An edition's words, and where each key was given: the site's file, or the theme.
struct Found {
    strings: Strings,
    /// The site's `i18n/<code>.yaml`, as read; empty text when there is none.
    own: YamlFile,
}

/// Every edition's strings, in the editions' order.
pub fn load(root: &Path, editions: &[Edition]) -> (Vec<Strings>, Vec<Problem>) {
    let mut problems = Vec::new();
    // Unreadable settings leave the editions unknown (their code empty), and so which
    // strings they need: the settings' own problem is the one to report.
    if editions.iter().any(|e| e.code.is_empty()) {
        return (vec![Strings::new(); editions.len()], problems);
    }
    let found: Vec<Found> = editions
        .iter()
        .map(|edition| {
            let (found, edition_problems) = of_edition(root, edition);
            problems.extend(edition_problems);
            found
        })
        .collect();
    for (edition, translation) in editions.iter().zip(&found).skip(1) {
        problems.extend(key_problems(&found[0], edition, translation));
    }
    (found.into_iter().map(|f| f.strings).collect(), problems)
}

/// The theme's words for the edition's language, with the site's own file over them.
fn of_edition(root: &Path, edition: &Edition) -> (Found, Vec<Problem>) {
    let mut problems = Vec::new();
    let shown = own_file(edition);
    let built_in = crate::theme::strings_for(edition.language.as_str());
    let mut strings: Strings = built_in
        .and_then(|text| serde_yaml::from_str(text).ok())
        .unwrap_or_default();
    let own = match root.join(&shown).is_file() {
        true => read(root, &shown),
        false => Ok((Strings::new(), YamlFile::new(&shown, ""))),
    };
    let own = match own {
        Ok((own, file)) => {
            problems.extend(plural_problems(&own, &file));
            strings.extend(own);
            file
        }
        Err(problem) => {
            problems.push(problem);
            YamlFile::new(&shown, "")
        }
    };
    if built_in.is_none() && own.text.is_empty() && problems.is_empty() {
        let languages: Vec<&str> = crate::theme::languages().collect();
        let message = format!(
            "the built-in theme has no words in `{}`, and this edition has no file of its own",
            edition.language.as_str()
        );
        let hint = format!(
            "write {} with every key of the theme's en.yaml, translated (`explainer theme export DIR` writes it out); the theme has words in {}",
            shown.display(),
            languages.join(", ")
        );
        problems.push(Problem::file(&shown, message).with_hint(hint));
    }
    (Found { strings, own }, problems)
}

/// `i18n/<code>.yaml`: the edition's own words, if it has them.
fn own_file(edition: &Edition) -> PathBuf {
    Path::new(DIR).join(format!("{}.yaml", edition.code))
}

fn read(root: &Path, shown: &Path) -> Result<(Strings, YamlFile), Problem> {
    let file = YamlFile::new(shown, source_text::read(&root.join(shown), shown)?);
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

/// A translation needs every key of the default edition (the theme's and the site's own):
/// a missing one is an error, as is a key of its own file the default edition doesn't have
/// (a typo).
fn key_problems(default: &Found, edition: &Edition, found: &Found) -> Vec<Problem> {
    let mut problems = Vec::new();
    let file = &found.own;
    for key in default
        .strings
        .keys()
        .filter(|k| !found.strings.contains_key(*k))
    {
        let from = default.own.spans().key(&YamlPath::root().key(key));
        let hint = match from {
            Some(at) => format!(
                "translate it from {}:{}",
                default.own.shown.display(),
                at.line
            ),
            None => {
                "translate it from the theme's words (`explainer theme export DIR` writes them out)"
                    .to_owned()
            }
        };
        let message = format!(
            "the key `{key}` is missing in the `{}` edition",
            edition.code
        );
        problems.push(Problem::file(&file.shown, message).with_hint(hint));
    }
    let own_keys = || -> Vec<String> {
        serde_yaml::from_str::<Strings>(&file.text)
            .map(|s| s.into_keys().collect())
            .unwrap_or_default()
    };
    for key in own_keys()
        .iter()
        .filter(|k| !default.strings.contains_key(*k))
    {
        let hint = match did_you_mean(key, default.strings.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "the default edition has no such key".to_owned(),
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
