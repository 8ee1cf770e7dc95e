//! Where each key and value of a YAML text is, by its path (`translations[0].code`,
//! `[3].url`), from one pass over the parser's events: so that a problem found after parsing
//! (a duplicate id, an unknown reference, an empty title) points at what it is about, however
//! the YAML is written (quoted, in flow style `- {id: x}`, spread over lines).
//!
//! Why a second pass rather than spans from the deserialiser. `serde-saphyr`'s `Spanned<T>`
//! does carry spans through `deny_unknown_fields` and `deserialize_with`, but it would put a
//! wrapper in every field a check reads (`Source::id`, `Term::id`, each translation's
//! `code`), which the stages after loading read as plain values; it loses its spans inside
//! untagged enums (the interface strings' `Text`); and it would replace `yaml_serde` as the
//! deserialiser, changing the wording of every YAML error and how untyped data files (given
//! to templates as written) read their scalars. A map from paths to positions leaves the
//! types and the deserialiser as they are, and is built only when a problem needs it.
//! `yaml_serde` keeps its libyaml events private, so the pass uses `saphyr-parser`: a safe
//! event parser whose positions are in characters, as [`Problem`](super::problem::Problem)'s
//! columns are.

use std::collections::HashMap;
use std::fmt;

use saphyr_parser::{Event, Parser};

/// A place in a file: 1-based line and column, the column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A node's place in a YAML document, written as `yaml_serde` writes it in its messages:
/// `translations[0].code`; `[3].url` in a document that is a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct YamlPath(Vec<Step>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Step {
    Key(String),
    Index(usize),
}

impl YamlPath {
    /// The document itself.
    pub fn root() -> YamlPath {
        YamlPath::default()
    }

    /// The value of `key` in the mapping at this path.
    pub fn key(mut self, key: &str) -> YamlPath {
        self.0.push(Step::Key(key.to_owned()));
        self
    }

    /// The `index`th item (from 0) of the list at this path.
    pub fn index(mut self, index: usize) -> YamlPath {
        self.0.push(Step::Index(index));
        self
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (n, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if n == 0 => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Where one node is written.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Its key, when it is the value of a mapping's entry.
    key: Option<Position>,
    /// The node itself: a scalar's first character (its quote, if quoted), a flow
    /// collection's bracket, a block mapping's first key, a block list's first `-`.
    value: Position,
}

/// Every node of a YAML document, by path.
#[derive(Debug, Default)]
pub struct Spans {
    nodes: HashMap<YamlPath, Node>,
    /// Where the document starts, for a path that leads nowhere.
    start: Option<Position>,
}

impl Spans {
    /// The nodes of the first document of `yaml`, a text that starts on line `first_line`
    /// of its file. Text the parser can't read ends the map where it is; a path beyond it
    /// is found nowhere.
    pub fn of(yaml: &str, first_line: usize) -> Spans {
        let at = |marker: saphyr_parser::Marker| Position {
            line: marker.line() + first_line - 1,
            column: marker.col() + 1,
        };
        let mut spans = Spans {
            start: Some(Position {
                line: first_line,
                column: 1,
            }),
            ..Spans::default()
        };
        let mut open: Vec<Collection> = Vec::new();
        for event in Parser::new_from_str(yaml) {
            let Ok((event, span)) = event else { break };
            let start = at(span.start);
            match event {
                Event::Scalar(ref text, ..) if expects_key(&open) => {
                    accept_key(&mut open, Some(text), start);
                }
                Event::Alias(_) if expects_key(&open) => accept_key(&mut open, None, start),
                Event::Scalar(..) | Event::Alias(_) => {
                    spans.place(&mut open, start);
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let is_map = matches!(event, Event::MappingStart(..));
                    let path = if expects_key(&open) {
                        // A collection used as a key: nothing in it can be asked for.
                        accept_key(&mut open, None, start);
                        None
                    } else {
                        spans.place(&mut open, start)
                    };
                    open.push(Collection {
                        path,
                        items: 0,
                        pending_key: is_map.then_some(None),
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    open.pop();
                }
                Event::DocumentEnd => break,
                _ => {}
            }
        }
        spans
    }

    /// Records the node that starts at `start` in its place within the innermost open
    /// collection, and gives its path: none inside a key that is a collection.
    fn place(&mut self, open: &mut [Collection], start: Position) -> Option<YamlPath> {
        let (path, key) = match open.last_mut() {
            None => (Some(YamlPath::root()), None),
            Some(parent) => match parent.pending_key.take() {
                // The value of a mapping's entry; the mapping now expects a key again.
                Some(Some((key, key_at))) => {
                    parent.pending_key = Some(None);
                    let path = parent.path.clone().zip(key).map(|(p, k)| p.key(&k));
                    (path, Some(key_at))
                }
                // A mapping that expects a key takes it in `accept_key`, never here.
                Some(None) => (None, None),
                None => {
                    parent.items += 1;
                    (parent.path.clone().map(|p| p.index(parent.items - 1)), None)
                }
            },
        };
        if let Some(path) = &path {
            // A key written twice is yaml_serde's error; the first is the one kept.
            self.nodes
                .entry(path.clone())
                .or_insert(Node { key, value: start });
        }
        path
    }

    /// Where the node at `path` starts, if there is one.
    pub fn value(&self, path: &YamlPath) -> Option<Position> {
        self.nodes.get(path).map(|n| n.value)
    }

    /// Where the key of the entry at `path` is written (its value's place for a list item
    /// or the document), if there is one.
    pub fn key(&self, path: &YamlPath) -> Option<Position> {
        self.nodes.get(path).map(|n| n.key.unwrap_or(n.value))
    }

    /// The node at `path` or, when it isn't written (an optional key left out), the nearest
    /// node that holds it; the document's start if none does.
    pub fn nearest(&self, path: &YamlPath) -> Position {
        let mut steps = path.0.as_slice();
        loop {
            if let Some(node) = self.nodes.get(&YamlPath(steps.to_vec())) {
                return node.value;
            }
            match steps.split_last() {
                Some((_, outer)) => steps = outer,
                None => {
                    return self.start.unwrap_or(Position { line: 1, column: 1 });
                }
            }
        }
    }
}

/// A list or mapping the pass is inside.
struct Collection {
    /// None inside a key that is a collection.
    path: Option<YamlPath>,
    /// A list's items so far.
    items: usize,
    /// A mapping's state: `Some(None)` while it expects a key, `Some(Some(key))` while it
    /// expects that key's value (`None` as key text: a key that is not a scalar); `None`
    /// for a list.
    pending_key: Option<Option<(Option<String>, Position)>>,
}

fn expects_key(open: &[Collection]) -> bool {
    open.last()
        .is_some_and(|c| matches!(c.pending_key, Some(None)))
}

fn accept_key(open: &mut [Collection], text: Option<&str>, at: Position) {
    if let Some(mapping) = open.last_mut() {
        mapping.pending_key = Some(Some((text.map(str::to_owned), at)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn paths_read_as_yaml_serde_writes_them() {
        let path = YamlPath::root().key("translations").index(0).key("code");
        assert_eq!(path.to_string(), "translations[0].code");
        assert_eq!(YamlPath::root().index(3).key("url").to_string(), "[3].url");
    }

    #[test]
    fn block_values_and_keys_are_found_where_they_are_written() {
        let yaml = "title: T\ntranslations:\n  - code: \"FR\"\n    language: fr\n";
        let spans = Spans::of(yaml, 1);
        let code = YamlPath::root().key("translations").index(0).key("code");
        assert_eq!(spans.value(&code), at(3, 11));
        assert_eq!(spans.key(&code), at(3, 5));
        assert_eq!(spans.value(&YamlPath::root().key("title")), at(1, 8));
        assert_eq!(spans.key(&YamlPath::root().key("title")), at(1, 1));
    }

    #[test]
    fn flow_entries_are_found_on_their_own_line() {
        let yaml = "- {id: a, sources: [x]}\n- {id: b, sources: [x, 'y']}\n";
        let spans = Spans::of(yaml, 1);
        assert_eq!(spans.value(&YamlPath::root().index(1).key("id")), at(2, 8));
        let y = YamlPath::root().index(1).key("sources").index(1);
        assert_eq!(spans.value(&y), at(2, 24));
        assert_eq!(spans.value(&YamlPath::root().index(1)), at(2, 3));
    }

    #[test]
    fn positions_are_shifted_to_the_file_and_counted_in_characters() {
        let spans = Spans::of("title: Дом\nslug: x\n", 2);
        assert_eq!(spans.value(&YamlPath::root().key("slug")), at(3, 7));
        let spans = Spans::of("title: Дом, dom\n", 1);
        assert_eq!(spans.value(&YamlPath::root().key("title")), at(1, 8));
    }

    #[test]
    fn a_missing_node_is_located_at_the_nearest_one_that_holds_it() {
        let spans = Spans::of("- id: a\n- id: b\n  url: u\n", 1);
        let absent = YamlPath::root().index(1).key("via");
        assert_eq!(spans.value(&absent), None);
        assert_eq!(Some(spans.nearest(&absent)), at(2, 3));
        let beyond = YamlPath::root().index(5).key("id");
        assert_eq!(Some(spans.nearest(&beyond)), at(1, 1));
    }

    #[test]
    fn keys_that_are_collections_hide_what_is_in_them_and_nothing_else() {
        let spans = Spans::of("? [a, b]\n: 1\nc: {d: 2}\n", 1);
        assert_eq!(spans.value(&YamlPath::root().key("c").key("d")), at(3, 8));
        assert_eq!(spans.value(&YamlPath::root().index(0)), None);
    }

    #[test]
    fn text_the_parser_cannot_read_ends_the_map_there() {
        let spans = Spans::of("a: 1\nb: [2\n", 1);
        assert_eq!(spans.value(&YamlPath::root().key("a")), at(1, 4));
    }
}
