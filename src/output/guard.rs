//! The folders a build refuses to replace: anything that is not a previous build of ours.

use std::fs;
use std::path::{Path, PathBuf};

use super::MARKER;
use crate::diagnostics::error::{Error, Result};

/// Folders and files that mark a site's sources or a project: an output folder holding one
/// of them is somebody's work, never something to replace.
const PROJECT_MARKERS: &[&str] = &[
    crate::content::pages::DIR,
    crate::templates::DIR,
    crate::content::assets::DIR,
    crate::config::settings::FILE_NAME,
    "Cargo.toml",
    ".git",
];

/// The folders of a site's sources. An output inside one would be read back as sources.
const SOURCE_DIRS: &[&str] = &[
    crate::content::pages::DIR,
    crate::templates::DIR,
    crate::content::assets::DIR,
    crate::config::strings::DIR,
];

/// Refuses an output folder that holds anything but a previous build: the project itself,
/// a folder above it, one inside its sources, the home folder, `/`, or a non-empty folder without our marker.
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
    if let Some(sources) = SOURCE_DIRS
        .iter()
        .find(|d| resolved.starts_with(root.join(d)))
    {
        return refuse(&format!(
            "it is inside `{sources}/`, which the build reads, so each build would publish the last one again; choose a folder outside it, e.g. `public`"
        ));
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
