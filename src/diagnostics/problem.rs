//! What is wrong with a site, as its author reads it: a [`Problem`] located at a file, line
//! and column, with a hint, and a [`Severity`]: an error stops a build, a warning is only
//! reported by `explainer check`.
//!
//! Every stage collects its problems instead of stopping at the first one, so an author sees
//! all of them in one run. This module describes and prints problems; the stages decide
//! which ones there are.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site can't be built as it is: nothing is written.
    Error,
    /// The site builds, but something is probably a mistake (an image without alt text, a
    /// source nobody cites, a page not yet translated). `explainer check` lists these.
    Warning,
}

/// Where a problem is: a file of the site, a template the engine ships, or a flag of the
/// command line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Relative to the site root: `content/demands.md`.
    File(Box<Path>),
    /// A built-in template the site does not replace: `card.svg`.
    BuiltIn(Box<str>),
    /// `--base-url`.
    Flag(&'static str),
}

impl Origin {
    /// The file, if the problem is in one of the site's.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Origin::File(path) => Some(path),
            _ => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => f.write_str(&display_path(path)),
            Origin::BuiltIn(name) => write!(f, "(built-in template) {name}"),
            Origin::Flag(flag) => f.write_str(flag),
        }
    }
}

impl From<PathBuf> for Origin {
    fn from(path: PathBuf) -> Self {
        Origin::File(path.into_boxed_path())
    }
}

impl From<&Path> for Origin {
    fn from(path: &Path) -> Self {
        Origin::File(path.into())
    }
}

impl From<&PathBuf> for Origin {
    fn from(path: &PathBuf) -> Self {
        Origin::File(path.as_path().into())
    }
}

impl From<&str> for Origin {
    fn from(path: &str) -> Self {
        Origin::File(Path::new(path).into())
    }
}

impl From<String> for Origin {
    fn from(path: String) -> Self {
        PathBuf::from(path).into()
    }
}

/// One mistake, or likely mistake, in the site's sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// Where it is: a file (relative to the site root, e.g. `content/demands.md`), a
    /// built-in template, or a flag.
    pub origin: Origin,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// The offending source line, shown under the message with a caret.
    pub source_line: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Problem {
    /// An error at a place in a file.
    pub fn new(
        origin: impl Into<Origin>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity: Severity::Error,
            origin: origin.into(),
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
            source_line: None,
            hint: None,
        }
    }

    /// An error about a whole file rather than a place in it.
    pub fn file(origin: impl Into<Origin>, message: impl Into<String>) -> Self {
        Self::new(origin, 1, 1, message)
    }

    /// An error in the value of a command-line flag (`--base-url`).
    pub fn flag(flag: &'static str, message: impl Into<String>) -> Self {
        Self::new(Origin::Flag(flag), 1, 1, message)
    }

    /// The same problem, as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attach the source line the problem points at, taken from the file's full text.
    pub fn with_source(mut self, text: &str) -> Self {
        self.source_line = text.lines().nth(self.line - 1).map(str::to_owned);
        self
    }
}

impl Problem {
    /// Where it is, as `path:line:column` (a flag alone for a flag's).
    pub fn place(&self) -> String {
        match &self.origin {
            Origin::Flag(flag) => flag.to_string(),
            origin => format!("{origin}:{}:{}", self.line, self.column),
        }
    }

    /// The problem as a compiler would print it: `path:line:col: message`, then the source
    /// line with a caret under the place and the hint. `color` adds terminal colours.
    pub fn to_terminal(&self, color: bool) -> String {
        let header = match &self.origin {
            Origin::Flag(flag) => format!("{flag}: {}", self.message),
            origin => format!("{origin}:{}:{}: {}", self.line, self.column, self.message),
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level);
        if let Some(source) = &self.source_line {
            group = group.element(
                Snippet::source(source.as_str())
                    .line_start(self.line)
                    .annotation(AnnotationKind::Primary.span(caret_span(source, self.column))),
            );
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let body = if self.source_line.is_some() || self.hint.is_some() {
            renderer.render(&[group])
        } else {
            String::new()
        };
        let header = if color {
            format!("\x1b[1m{header}\x1b[0m")
        } else {
            header
        };
        if body.is_empty() {
            header
        } else {
            format!("{header}\n{body}")
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_terminal(false))
    }
}

/// `problems` by file and position, each once, so that what is printed is reproducible.
pub fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by(|a, b| (&a.origin, a.line, a.column).cmp(&(&b.origin, b.line, b.column)));
    problems.dedup();
    problems
}

/// Whether `problems` hold one that stops the build.
pub fn any_error(problems: &[Problem]) -> bool {
    problems.iter().any(Problem::is_error)
}

/// Whether to colour messages on standard error: only on a terminal, and never when
/// `NO_COLOR` is set (<https://no-color.org>).
pub fn color_on_stderr() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Byte range under the caret: the word starting at `column` (1-based, in characters),
/// at least one character.
fn caret_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i);
    let len: usize = line[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | ',' | ')' | ']'))
        .map(char::len_utf8)
        .sum();
    let len = if len == 0 {
        line[start..].chars().next().map_or(0, char::len_utf8)
    } else {
        len
    };
    start..start + len
}

/// Paths are shown with `/` on every platform, so messages and tests read the same.
fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Converts byte offsets in a text into 1-based line and column numbers.
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { line_starts }
    }

    /// Line and column (both 1-based, column in characters) of a byte offset in `text`.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters_from_one() {
        let text = "ab\ncé d\n";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0), (1, 1));
        assert_eq!(index.locate(text, 3), (2, 1));
        // 'd' comes after a two-byte 'é' and a space: third character of line 2.
        assert_eq!(index.locate(text, 7), (2, 4));
    }

    #[test]
    fn display_shows_location_source_caret_and_hint() {
        let d = Problem::new("content/a.md", 2, 3, "bad thing")
            .with_source("---\ntitel: x\n---\n")
            .with_hint("do this");
        assert_eq!(
            d.to_string(),
            "content/a.md:2:3: bad thing\n  |\n2 | titel: x\n  |   ^^^\n  |\n  = help: do this"
        );
    }

    #[test]
    fn did_you_mean_finds_close_words_only() {
        assert_eq!(
            did_you_mean("titel", ["title", "description"]),
            Some("title")
        );
        assert_eq!(did_you_mean("zzz", ["title", "description"]), None);
    }
}
