//! The editions tell the same story: every page of the English explainer has a Russian and
//! a Ukrainian edition with the same sections, the same citations in the same order and
//! the same dates and numbers, and the data files (timeline, glossary, map) hold the same
//! entries in each language. Compared on the sources, page by page, so that a difference
//! is named where an author can fix it (`parity`). The built editions lead to each other
//! (`built`) and read as their language writes (`language`), and each keeps the wording its
//! review fixed (`russian`, `ukrainian`).

mod built;
mod language;
mod parity;
mod russian;
mod ukrainian;

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::real_root;

pub const EDITIONS: &[&str] = &["ru", "uk"];

/// The English pages: every `content/*.md` and the pages in its folders, except the
/// editions' own folders and the data.
pub fn english_pages() -> Vec<PathBuf> {
    let content = real_root().join("content");
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.strip_prefix(&content).unwrap().to_path_buf())
        .filter(|p| !EDITIONS.iter().any(|e| p.starts_with(e)))
        .collect();
    pages.sort();
    pages
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(real_root().join("content").join(path))
        .unwrap_or_else(|e| panic!("content/{}: {e}", path.display()))
}

/// What a reader reads of a page's file: the front matter's texts (title, question,
/// description, key points), not its settings (dates, weight, template), then the body.
pub fn readable(file: &str) -> String {
    let rest = file.strip_prefix("---\n").unwrap_or(file);
    let (front, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
    let front: serde_yaml::Mapping = serde_yaml::from_str(front).unwrap_or_default();
    let mut text = String::new();
    for key in ["title", "question", "description", "key_points"] {
        match front.get(key) {
            Some(serde_yaml::Value::String(s)) => text.push_str(s),
            Some(serde_yaml::Value::Sequence(items)) => {
                items.iter().filter_map(|v| v.as_str()).for_each(|s| {
                    text.push_str(s);
                    text.push('\n');
                });
            }
            _ => {}
        }
        text.push('\n');
    }
    text + body
}

/// A data file as plain YAML values.
pub fn data(edition: Option<&str>, file: &str) -> Vec<serde_yaml::Mapping> {
    let dir = match edition {
        Some(e) => format!("content/{e}/data"),
        None => "content/data".to_owned(),
    };
    let text = fs::read_to_string(real_root().join(&dir).join(file))
        .unwrap_or_else(|e| panic!("{dir}/{file}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{dir}/{file}: {e}"))
}
