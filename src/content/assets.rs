//! The files of `static/`, and the names they are published under. Stylesheets get a
//! fingerprint in their name (`style.css` -> `style.1a2b3c4d5e.css`), so a host or CDN can
//! cache them forever: a changed stylesheet gets a new name, and every page links to it.
//! Templates find the published name as `assets["style.css"]`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::problem::Problem;
use crate::urls::SitePath;

pub const DIR: &str = crate::layout::STATIC;

/// What a published file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    /// A copy of this file.
    Copy(PathBuf),
    /// These bytes (a stylesheet, trimmed).
    Bytes(Vec<u8>),
}

impl Published {
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Published::Copy(path) => std::fs::read(path).map(std::borrow::Cow::Owned),
            Published::Bytes(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
        }
    }
}

/// What `static/` publishes.
#[derive(Debug, Default, Clone)]
pub struct Assets {
    /// What each published site path holds.
    pub files: BTreeMap<SitePath, Published>,
    /// Published site path of each file of `static/`, by its own site path.
    pub names: BTreeMap<SitePath, SitePath>,
}

impl Assets {
    /// The built-in theme's static files, each replaced by the site's own of the same name
    /// in `root/static`, which is scanned leaving out hidden files and folders, with every
    /// file that can't be read. Symbolic links are not followed, so nothing outside the
    /// project is published by accident.
    pub fn scan(root: &Path) -> (Assets, Vec<Problem>) {
        let dir = root.join(DIR);
        let mut assets = Assets::default();
        let mut problems = Vec::new();
        for (name, bytes) in crate::theme::STATIC {
            let own = dir.join(name).is_file();
            if !own {
                assets.add(SitePath::new(*name), bytes.to_vec());
            }
        }
        if !dir.is_dir() {
            return (assets, problems);
        }
        for entry in crate::source_text::walk(&dir) {
            let entry = match entry {
                Ok(entry) if entry.file_type().is_file() => entry,
                Ok(_) => continue,
                Err(e) => {
                    let path = e.path().unwrap_or(&dir);
                    let shown = Path::new(DIR).join(path.strip_prefix(&dir).unwrap_or(path));
                    problems.push(Problem::file(shown, format!("can't read: {e}")));
                    continue;
                }
            };
            let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let name = SitePath::from_relative(relative);
            if name.as_str().ends_with(".css") {
                let shown = Path::new(DIR).join(relative);
                match crate::source_text::read(entry.path(), &shown) {
                    Ok(text) => assets.add(name, text.into_bytes()),
                    Err(problem) => problems.push(problem),
                }
            } else {
                let published = Published::Copy(entry.into_path());
                assets.files.insert(name.clone(), published);
                assets.names.insert(name.clone(), name);
            }
        }
        (assets, problems)
    }

    /// Publishes `bytes` as `name`: a stylesheet trimmed and fingerprinted, anything else
    /// as it is.
    fn add(&mut self, name: SitePath, bytes: Vec<u8>) {
        let (published, bytes) = match name.as_str().ends_with(".css") {
            true => {
                let css = trim_css(&String::from_utf8_lossy(&bytes)).into_bytes();
                (fingerprinted(name.as_str(), &css), css)
            }
            false => (name.clone(), bytes),
        };
        self.files
            .insert(published.clone(), Published::Bytes(bytes));
        self.names.insert(name, published);
    }
}

/// The stylesheet without its comments, indentation and blank lines: it travels with every
/// first page view, and comments are for its authors. Nothing else is touched, so the
/// rules mean exactly what they meant.
fn trim_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = find_comment(rest) {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .split_once("*/")
            .map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Byte offset of the next `/*` outside a string.
fn find_comment(css: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut chars = css.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\\') => {
                chars.next();
            }
            (None, '"' | '\'') => quote = Some(c),
            (None, '/') if chars.peek().is_some_and(|(_, n)| *n == '*') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `css/style.css` -> `css/style.<hash>.css`, the hash taken from the contents.
fn fingerprinted(name: &str, bytes: &[u8]) -> SitePath {
    let hash = format!("{:016x}", crate::text::hash::fnv1a(bytes));
    SitePath::new(match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..10]),
        None => format!("{name}.{}", &hash[..10]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_are_named_after_their_contents() {
        let a = fingerprinted("style.css", b"body{}").to_string();
        assert!(
            a.starts_with("style.") && a.ends_with(".css") && a.len() == "style..css".len() + 10,
            "{a}"
        );
        assert_eq!(a, fingerprinted("style.css", b"body{}").as_str());
        assert_ne!(a, fingerprinted("style.css", b"body{ }").as_str());
        assert!(
            fingerprinted("css/print.css", b"x")
                .as_str()
                .starts_with("css/print.")
        );
    }

    #[test]
    fn stylesheets_lose_comments_and_indentation_but_not_strings() {
        let css = "/* a comment */\nbody {\n  color: red; /* why */\n}\n\na::before { content: \"/* kept */\"; }\n";
        assert_eq!(
            trim_css(css),
            "body {\ncolor: red;\n}\na::before { content: \"/* kept */\"; }\n"
        );
    }
}
