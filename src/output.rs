//! Writing the built site: the rendered pages and a copy of `static/`, into a fresh staging
//! folder beside the output folder, swapped into place only once everything is written.
//! A build that fails before the swap leaves the previous output as it was.
//!
//! It also refuses to replace a folder that is not ours (see [`check_output_dir`]).

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

pub const STATIC_DIR: &str = "static";

/// Present in every output folder this tool writes; its absence means "not ours".
pub const MARKER: &str = ".explainer-output";

/// Folders and files that mark a site's sources or a project: an output folder holding one
/// of them is somebody's work, never something to replace.
const PROJECT_MARKERS: &[&str] = &[
    "content",
    "templates",
    "static",
    "site.yaml",
    "Cargo.toml",
    ".git",
];

/// Writes `pages` (site path, HTML) and a copy of `root/static` as the new contents of
/// `output`.
pub fn write_site(root: &Path, output: &Path, pages: &[(String, String)]) -> Result<()> {
    check_output_dir(root, output)?;
    let staging = sibling(output, "staging");
    remove_if_present(&staging)?;
    fs::create_dir_all(&staging).map_err(|e| Error::io("can't create", &staging, e))?;

    let result = write_into(&staging, root, pages);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    swap_into_place(&staging, output)
}

fn write_into(staging: &Path, root: &Path, pages: &[(String, String)]) -> Result<()> {
    let write = |path: &Path, bytes: &[u8]| {
        fs::write(path, bytes).map_err(|e| Error::io("can't write", path, e))
    };
    write(
        &staging.join(MARKER),
        b"This folder was written by explainer and is replaced by each build.\n",
    )?;

    // Create each folder once, parents first (a BTreeSet sorts `a` before `a/b`).
    let dirs: BTreeSet<&str> = pages
        .iter()
        .filter_map(|(path, _)| path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for dir in dirs {
        let dir = staging.join(dir);
        fs::create_dir_all(&dir).map_err(|e| Error::io("can't create", &dir, e))?;
    }
    for (path, html) in pages {
        write(&staging.join(path), html.as_bytes())?;
    }
    copy_static(&root.join(STATIC_DIR), staging)
}

/// Copies `static/` as it is, leaving out hidden files and folders. Symbolic links are not
/// followed, so nothing outside the project is published by accident.
fn copy_static(from: &Path, to: &Path) -> Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    let walker = WalkDir::new(from)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(from).to_path_buf();
            Error::io("can't read", path, e.into())
        })?;
        let relative = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).map_err(|e| Error::io("can't create", &target, e))?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target)
                .map_err(|e| Error::io("can't copy", entry.path(), e))?;
        }
    }
    Ok(())
}

/// Puts the staged site where the output belongs, then removes the previous output.
fn swap_into_place(staging: &Path, output: &Path) -> Result<()> {
    if output.exists() {
        let old = sibling(output, "old");
        remove_if_present(&old)?;
        fs::rename(output, &old).map_err(|e| Error::io("can't move aside", output, e))?;
        fs::rename(staging, output).map_err(|e| Error::io("can't move into place", staging, e))?;
        remove_if_present(&old)
    } else {
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io("can't create", parent, e))?;
        }
        fs::rename(staging, output).map_err(|e| Error::io("can't move into place", staging, e))
    }
}

/// A hidden folder beside `output`, on the same file system so a rename is atomic.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| OsString::from("public"), OsString::from);
    let mut hidden = OsString::from(".");
    hidden.push(name);
    hidden.push(format!(".explainer-{what}"));
    output.with_file_name(hidden)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io("can't remove", path, e))
        }
        _ => Ok(()),
    }
}

/// Refuses an output folder that holds anything but a previous build: the project itself,
/// a folder above it, the home folder, `/`, or a non-empty folder without our marker.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let refuse = |reason: &str| {
        Err(Error::UnsafeOutput {
            path: output.to_path_buf(),
            reason: reason.to_owned(),
        })
    };
    if output.file_name().is_none() {
        return refuse("it is not a folder name (`/`, `.` or `..`)");
    }
    let root = fs::canonicalize(root).map_err(|e| Error::io("can't find", root, e))?;
    let resolved = resolve(output);
    if root.starts_with(&resolved) {
        return refuse("it is the site's own folder, or a folder that contains it");
    }
    if std::env::var_os("HOME").is_some_and(|home| Path::new(&home) == resolved) {
        return refuse("it is the home folder");
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return refuse("it is a file, not a folder");
    }
    if let Some(found) = PROJECT_MARKERS.iter().find(|m| output.join(m).exists()) {
        return refuse(&format!(
            "it holds `{found}`, so it looks like a project, not a built site"
        ));
    }
    let mut entries = fs::read_dir(output).map_err(|e| Error::io("can't read", output, e))?;
    if entries.next().is_some() && !output.join(MARKER).is_file() {
        return refuse(&format!(
            "it is not empty and was not written by explainer (no {MARKER} file); empty it or choose another --output-dir"
        ));
    }
    Ok(())
}

/// `path` made absolute with symbolic links resolved, as far as it exists.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => resolve(parent).join(name),
        _ => std::env::current_dir().unwrap_or_default().join(path),
    }
}
