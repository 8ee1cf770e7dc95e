//! What `site.yaml` says of the site's own data files, to which the engine gives no meaning
//! (`books.yaml`, `shelves.yaml`): which values must name an entry of another file
//! (`references`), which strings are prose a reader reads (`prose`), and which keys every
//! entry should have (`expected`: one without it is a warning at the entry).
//!
//! ```yaml
//! references:
//!   books.shelf: shelves.id     # each book's `shelf` is the `id` of a shelf
//!   books.sources: sources.id   # a list: each item must be
//! prose:
//!   books.title: spaced         # spaced as pages are (Russian, Ukrainian), and counted
//!   books.extra: as written     # counted in the reading time, left as written
//! expected:
//!   shelves.colour: a colour of the palette  # what goes there, said in the warning
//! ```

use std::fmt;

use serde::Deserialize;

use crate::diagnostics::spans::Position;

/// A place in a data file's entries: the file's stem, then keys. A list met on the way is
/// gone through item by item, so `books.shelf` is the `shelf` of every book and
/// `books.sources` every item of every book's `sources`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPath {
    pub file: String,
    pub keys: Vec<String>,
}

impl KeyPath {
    pub fn parse(text: &str) -> Result<KeyPath, String> {
        let mut parts = text.trim().split('.').map(str::to_owned);
        let file = parts.next().unwrap_or_default();
        let keys: Vec<String> = parts.collect();
        let bad = |s: &String| s.is_empty() || s.contains(char::is_whitespace);
        if bad(&file) || keys.is_empty() || keys.iter().any(bad) {
            return Err(format!(
                "`{text}` is not a key path: write a data file's name and a key, e.g. `books.shelf`"
            ));
        }
        Ok(KeyPath { file, keys })
    }

    /// The file, as it is named in `content/data/`.
    pub fn file_name(&self) -> String {
        format!("{}.yaml", self.file)
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}.{}", self.file, self.keys.join("."))
    }
}

/// Each value at `from` must be one of the values at `to`.
#[derive(Debug, Clone)]
pub struct Reference {
    pub from: KeyPath,
    pub to: KeyPath,
    /// Where `site.yaml` declares it.
    pub declared_at: Position,
}

/// How a reader reads the strings at a key path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Prose {
    /// Prose in the edition's language: its spaces bound as a page's are.
    #[serde(rename = "spaced")]
    Spaced,
    /// Shown as written: counted, never changed.
    #[serde(rename = "as written")]
    AsWritten,
}

/// Everything `site.yaml` declares of the data files.
#[derive(Debug, Clone, Default)]
pub struct DataRules {
    pub references: Vec<Reference>,
    pub prose: Vec<(KeyPath, Prose)>,
    /// A key every entry at the path's parent should have, and what goes there.
    pub expected: Vec<(KeyPath, String)>,
}

impl DataRules {
    /// The declared prose of the file `stem`, if any is declared.
    pub fn prose_of<'a>(&'a self, stem: &'a str) -> impl Iterator<Item = &'a (KeyPath, Prose)> {
        self.prose.iter().filter(move |(path, _)| path.file == stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_path_is_a_file_and_at_least_one_key() {
        let path = KeyPath::parse("books.extra.isbn").unwrap();
        assert_eq!(path.file, "books");
        assert_eq!(path.keys, ["extra", "isbn"]);
        assert_eq!(path.to_string(), "books.extra.isbn");
        for bad in ["books", "books.", ".shelf", "a..b", "a.b c"] {
            assert!(KeyPath::parse(bad).is_err(), "{bad}");
        }
    }
}
