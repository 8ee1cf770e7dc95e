//! Parsing YAML into typed values, with errors located in the file the YAML came from.
//!
//! YAML reaches us from `site.yaml`, the data files and front matter, where the YAML starts
//! some lines into a Markdown file; `first_line` shifts the parser's positions to the file's.
//! A problem found in the parsed values is located by [`Spans`], from the parser too.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::diagnostics::spans::{Position, Spans, YamlPath};

/// Where a YAML text sits in its file.
pub struct YamlSource<'a> {
    /// Path shown to the user.
    pub path: &'a Path,
    /// The whole file, to quote the offending line.
    pub file_text: &'a str,
    /// 1-based line of the file on which the YAML text starts.
    pub first_line: usize,
}

/// Parses `yaml` into `T`. `fields` are the keys `T` accepts, used to suggest a fix for a
/// misspelt key.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    source: &YamlSource,
    fields: &[&str],
) -> Result<T, Problem> {
    serde_yaml::from_str(yaml).map_err(|err| to_problem(&err, source, fields))
}

/// A file that is all YAML (`site.yaml`, a data file, an edition's strings), as read: parsed
/// into values by [`YamlFile::parse`], and located, for the problems found in those values,
/// by [`Spans`] made when a problem first asks.
#[derive(Debug)]
pub struct YamlFile {
    /// Path shown to the user.
    pub shown: PathBuf,
    pub text: String,
    spans: OnceCell<Spans>,
}

impl YamlFile {
    pub fn new(shown: impl Into<PathBuf>, text: impl Into<String>) -> YamlFile {
        YamlFile {
            shown: shown.into(),
            text: text.into(),
            spans: OnceCell::new(),
        }
    }

    /// Parses the file into `T`; `fields` as for [`parse`].
    pub fn parse<T: DeserializeOwned>(&self, fields: &[&str]) -> Result<T, Problem> {
        let source = YamlSource {
            path: &self.shown,
            file_text: &self.text,
            first_line: 1,
        };
        parse(&self.text, &source, fields)
    }

    pub fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| Spans::of(&self.text, 1))
    }

    /// An error at the value at `path` or, when that isn't written, at the nearest node
    /// that holds it.
    pub fn error_at(&self, path: &YamlPath, message: impl Into<String>) -> Problem {
        self.error(self.spans().nearest(path), message)
    }

    /// An error at the key of the entry at `path` (see [`Spans::key`]), or as
    /// [`YamlFile::error_at`] when it isn't written.
    pub fn error_at_key(&self, path: &YamlPath, message: impl Into<String>) -> Problem {
        let at = self.spans().key(path);
        self.error(at.unwrap_or_else(|| self.spans().nearest(path)), message)
    }

    fn error(&self, at: Position, message: impl Into<String>) -> Problem {
        Problem::new(&self.shown, at.line, at.column, message).with_source(&self.text)
    }
}

fn to_problem(err: &serde_yaml::Error, source: &YamlSource, fields: &[&str]) -> Problem {
    let (line, column) = err
        .location()
        .map_or((1, 1), |loc| (loc.line(), loc.column()));
    let message = clean_message(&err.to_string());
    let problem = Problem::new(source.path, source.first_line + line - 1, column, &message)
        .with_source(source.file_text);
    match hint_for(&message, fields) {
        Some(hint) => problem.with_hint(hint),
        None => problem,
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print the location ourselves.
fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Deserialises a string through a parsing function. The error is raised while the YAML
/// parser still stands on the value, so it is located at the value, not at the mapping.
pub(crate) struct ParseVisitor<T> {
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
}

impl<T> ParseVisitor<T> {
    pub(crate) fn new(expecting: &'static str, parse: fn(&str) -> Result<T, String>) -> Self {
        ParseVisitor { expecting, parse }
    }
}

impl<T> serde::de::Visitor<'_> for ParseVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).map_err(E::custom)
    }
}

fn hint_for(message: &str, fields: &[&str]) -> Option<String> {
    if let Some(unknown) = between_backticks(message, "unknown field `") {
        if unknown.contains(' ') {
            return Some(
                "that is text, not a key: quote a value that has a comma in a `{…}` entry"
                    .to_owned(),
            );
        }
        // A nested entry's keys are the ones serde lists, not the file's.
        let listed = expected_keys(message);
        let keys = if listed.is_empty() {
            fields.to_vec()
        } else {
            listed
        };
        return Some(match did_you_mean(unknown, keys.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the accepted keys are: {}", keys.join(", ")),
        });
    }
    if let Some(missing) = between_backticks(message, "missing field `") {
        return Some(format!("add a line `{missing}: ...`"));
    }
    if message.contains("unexpected end of stream") {
        return Some("a quote or bracket was opened and not closed".to_owned());
    }
    if message.contains("did not find expected")
        || message.contains("mapping values are not allowed")
    {
        return Some(
            "check the indentation, and quote values that contain `: ` or start with a special character"
                .to_owned(),
        );
    }
    None
}

/// The keys of serde's "expected one of `a`, `b`" at the end of `message`.
fn expected_keys(message: &str) -> Vec<&str> {
    let Some(at) = message.find("expected one of ") else {
        return Vec::new();
    };
    let list = &message[at..];
    list.split('`').skip(1).step_by(2).collect()
}

fn between_backticks<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    Some(&rest[..rest.find('`')?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        weight: Option<i64>,
    }

    fn source(text: &str) -> YamlSource<'_> {
        YamlSource {
            path: Path::new("content/a.md"),
            file_text: text,
            first_line: 2,
        }
    }

    #[test]
    fn unknown_key_is_located_in_the_file_and_gets_a_suggestion() {
        let file = "---\ntitle: A\ntitel: B\n---\n";
        let err =
            parse::<Fm>("title: A\ntitel: B\n", &source(file), &["title", "weight"]).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(
            err.message.starts_with("unknown field `titel`"),
            "{}",
            err.message
        );
        assert_eq!(err.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(err.source_line.as_deref(), Some("titel: B"));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let file = "---\ntitle: A\nweight: heavy\n---\n";
        let err = parse::<Fm>("title: A\nweight: heavy\n", &source(file), &[]).unwrap_err();
        assert_eq!((err.line, err.column), (3, 9));
        assert!(err.message.contains("invalid type"), "{}", err.message);
    }
}
