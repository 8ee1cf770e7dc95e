//! Writing the built site without ever showing a half-written one.
//!
//! The output folder (`public/`) always holds a complete build. Beside it, a hidden
//! "spare" folder (`.public.explainer-spare`) holds an older build. A new build turns the
//! spare into the new site, writing only the files whose bytes differ and removing the
//! ones that are gone, then swaps the two folders in one atomic rename. The old output
//! becomes the next build's spare, so nothing is ever deleted wholesale (slow on large
//! sites) and unchanged files are not rewritten.
//!
//! A build that fails, or is killed, before the swap leaves the output as it was; a spare
//! left half-updated is simply corrected by the next build. It also refuses to touch a
//! folder that is not ours (see [`check_output_dir`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::assets::{Assets, Published};
use crate::error::{Error, Result};

/// Present in every output folder this tool writes; its absence means "not ours".
pub const MARKER: &str = ".explainer-output";
const MARKER_TEXT: &[u8] = b"This folder was written by explainer and is replaced by each build.\n";

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

/// Writes `files` (site path, contents) and the published files of `static/` as the new
/// contents of `output`.
pub fn write_site(
    root: &Path,
    output: &Path,
    files: &[(String, String)],
    assets: &Assets,
) -> Result<()> {
    check_output_dir(root, output)?;
    let spare = sibling(output, "spare");
    check_spare(&spare)?;
    // Left by versions that staged into a fresh folder; never needed now.
    remove_if_present(&sibling(output, "staging"))?;

    let mut wanted: BTreeMap<&str, Contents> = assets
        .files
        .iter()
        .map(|(path, published)| (path.as_str(), Contents::Asset(published)))
        .collect();
    for (path, text) in files {
        wanted.insert(path, Contents::Bytes(text.as_bytes()));
    }
    wanted.insert(MARKER, Contents::Bytes(MARKER_TEXT));
    sync(&spare, &wanted)?;
    swap_into_place(&spare, output)
}

/// What one file of the new site holds.
enum Contents<'a> {
    Bytes(&'a [u8]),
    Asset(&'a Published),
}

/// Makes `dir` hold exactly `files`: removes what is not wanted, writes what differs.
fn sync(dir: &Path, files: &BTreeMap<&str, Contents>) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io("can't create", dir, e))?;
    let wanted_dirs: BTreeSet<&str> = files
        .keys()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| &path[..i]))
        .collect();

    // Deepest first, so a folder is looked at after its contents.
    for entry in WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| Error::io("can't read", dir, e.into()))?;
        let path = crate::urls::site_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
        let unwanted = if entry.file_type().is_dir() {
            !wanted_dirs.contains(path.as_str())
        } else {
            !files.contains_key(path.as_str())
        };
        if unwanted {
            remove_any(entry.path())?;
        }
    }
    for sub in &wanted_dirs {
        let sub = dir.join(sub);
        if !sub.is_dir() {
            fs::create_dir_all(&sub).map_err(|e| Error::io("can't create", &sub, e))?;
        }
    }
    for (path, contents) in files {
        let target = dir.join(path);
        let bytes = match contents {
            Contents::Bytes(bytes) => std::borrow::Cow::Borrowed(*bytes),
            Contents::Asset(published) => published
                .read()
                .map_err(|e| Error::io("can't read the source of", &target, e))?,
        };
        if fs::read(&target).is_ok_and(|old| old == *bytes) {
            continue;
        }
        fs::write(&target, &bytes).map_err(|e| Error::io("can't write", &target, e))?;
    }
    Ok(())
}

fn remove_any(path: &Path) -> Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(_) => Ok(()),
    };
    result.map_err(|e| Error::io("can't remove", path, e))
}

/// Makes the synced `spare` the output, in one atomic step when there is an output to
/// replace; the old output becomes the spare.
fn swap_into_place(spare: &Path, output: &Path) -> Result<()> {
    if fs::symlink_metadata(output).is_err() {
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io("can't create", parent, e))?;
        }
        return fs::rename(spare, output).map_err(|e| Error::io("can't move into place", spare, e));
    }
    exchange(spare, output).map_err(|e| Error::io("can't swap in the new site at", output, e))
}

/// Swaps two folders atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(());
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        // The file system can't exchange: fall back to three renames.
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP) => exchange_by_renames(a, b),
        _ => Err(err),
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    exchange_by_renames(a, b)
}

/// Not atomic: used only where the system can't exchange two folders.
fn exchange_by_renames(a: &Path, b: &Path) -> std::io::Result<()> {
    let parked = sibling(b, "parked");
    let _ = fs::remove_dir_all(&parked);
    fs::rename(b, &parked)?;
    fs::rename(a, b)?;
    fs::rename(&parked, a)
}

/// The spare is ours by name, but is reused only if it carries the marker too.
fn check_spare(spare: &Path) -> Result<()> {
    match fs::symlink_metadata(spare) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_dir() && (spare.join(MARKER).is_file() || is_empty_dir(spare)) => {
            Ok(())
        }
        Ok(_) => Err(Error::UnsafeOutput {
            path: spare.to_path_buf(),
            reason: format!(
                "explainer keeps its previous build here, but this was not written by explainer (no {MARKER} file); move it away"
            ),
        }),
    }
}

fn is_empty_dir(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
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
    let Ok(meta) = fs::symlink_metadata(output) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() {
        return refuse("it is a symbolic link; give the real folder's path");
    }
    if !meta.is_dir() {
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
