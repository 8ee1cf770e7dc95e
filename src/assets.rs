//! The files of `static/`, and the names they are published under. Stylesheets get a
//! fingerprint in their name (`style.css` -> `style.1a2b3c4d5e.css`), so a host or CDN can
//! cache them forever: a changed stylesheet gets a new name, and every page links to it.
//! Templates find the published name as `assets["style.css"]`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

pub const DIR: &str = "static";

/// What `static/` publishes.
#[derive(Debug, Default, Clone)]
pub struct Assets {
    /// Source file of each published site path.
    pub files: BTreeMap<String, PathBuf>,
    /// Published site path of each file of `static/`, by its own site path.
    pub names: BTreeMap<String, String>,
}

impl Assets {
    /// Scans `root/static`, leaving out hidden files and folders. Symbolic links are not
    /// followed, so nothing outside the project is published by accident.
    pub fn scan(root: &Path) -> Result<Assets> {
        let dir = root.join(DIR);
        let mut assets = Assets::default();
        if !dir.is_dir() {
            return Ok(assets);
        }
        let walker = WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&dir).to_path_buf();
                Error::io("can't read", path, e.into())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let name = crate::urls::site_path(relative);
            let published = if name.ends_with(".css") {
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| Error::io("can't read", entry.path(), e))?;
                fingerprinted(&name, &bytes)
            } else {
                name.clone()
            };
            assets.files.insert(published.clone(), entry.into_path());
            assets.names.insert(name, published);
        }
        Ok(assets)
    }
}

/// `css/style.css` -> `css/style.<hash>.css`, the hash taken from the contents.
fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", fnv1a(bytes));
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..10]),
        None => format!("{name}.{}", &hash[..10]),
    }
}

/// FNV-1a, 64 bits: tiny, and the same on every machine and Rust version (unlike the
/// standard library's hasher), so builds stay reproducible.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_are_named_after_their_contents() {
        let a = fingerprinted("style.css", b"body{}");
        assert!(
            a.starts_with("style.") && a.ends_with(".css") && a.len() == "style..css".len() + 10,
            "{a}"
        );
        assert_eq!(a, fingerprinted("style.css", b"body{}"));
        assert_ne!(a, fingerprinted("style.css", b"body{ }"));
        assert!(fingerprinted("css/print.css", b"x").starts_with("css/print."));
    }

    #[test]
    fn fnv1a_matches_its_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
