//! Writing the built site without ever showing a half-written one.
//!
//! The output folder (`public/`) always holds a complete build. Beside it, a hidden
//! "spare" folder (`.public.explainer-spare`) holds an older build. A new build turns the
//! spare into the new site, writing only the files whose bytes differ and removing the
//! ones that are gone, then swaps the two folders in one atomic rename. The old output
//! becomes the next build's spare, so nothing is ever deleted wholesale (slow on large
//! sites) and unchanged files are not rewritten. When there is no spare yet, it starts as
//! hard links to the output's files; a changed file then replaces its name in the spare
//! and never overwrites the (shared) file, so the live site is never touched.
//!
//! A build that fails, or is killed, before the swap leaves the output as it was; a spare
//! left half-updated is simply corrected by the next build. It also refuses to touch a
//! folder that is not ours (see [`check_output_dir`]).

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::assets::Assets;
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

/// Where rendered files go: the output folder, or memory.
pub trait Sink: Sync {
    fn put(&self, site_path: &str, bytes: &[u8]) -> Result<()>;
}

impl Sink for Writer {
    fn put(&self, site_path: &str, bytes: &[u8]) -> Result<()> {
        Writer::put(self, site_path, bytes)
    }
}

/// Keeps rendered files in memory (for `serve` and `check`), by site path.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<std::collections::BTreeMap<String, String>>);

impl Collect {
    pub fn into_files(self) -> std::collections::BTreeMap<String, String> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, site_path: &str, bytes: &[u8]) -> Result<()> {
        let text = String::from_utf8_lossy(bytes).into_owned();
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(site_path.to_owned(), text);
        Ok(())
    }
}

/// Writes a new site into the spare folder, file by file as pages are rendered, and swaps
/// it into place with [`Writer::finish`]. Dropped without `finish`, it leaves the output
/// as it was. It can be shared between threads.
pub struct Writer {
    spare: PathBuf,
    output: PathBuf,
    /// The spare was started from nothing by this build, so a failed first build removes
    /// it rather than leave a half-written folder beside an output that doesn't exist.
    started_empty: bool,
    finished: bool,
}

impl Writer {
    /// Checks the output folder, readies the spare to receive exactly the files in `planned`
    /// (site paths) plus the published files of `static/`: removes every other file and
    /// folder, creates the folders needed, and copies the static files that differ.
    pub fn prepare(
        root: &Path,
        output: &Path,
        planned: &BTreeSet<String>,
        assets: &Assets,
    ) -> Result<Writer> {
        check_output_dir(root, output)?;
        let spare = sibling(output, "spare");
        check_spare(&spare)?;
        // Left by versions that staged into a fresh folder; never needed now.
        remove_if_present(&sibling(output, "staging"))?;
        let no_spare = fs::symlink_metadata(&spare).is_err();
        if no_spare && output.is_dir() {
            mirror_by_hard_links(output, &spare);
        }
        fs::create_dir_all(&spare).map_err(|e| Error::io("can't create", &spare, e))?;

        let wanted = |path: &str| {
            planned.contains(path) || assets.files.contains_key(path) || path == MARKER
        };
        let wanted_dirs: BTreeSet<&str> = planned
            .iter()
            .chain(assets.files.keys())
            .flat_map(|path| path.match_indices('/').map(move |(i, _)| &path[..i]))
            .collect();
        // Deepest first, so a folder is looked at after its contents.
        for entry in WalkDir::new(&spare).min_depth(1).contents_first(true) {
            let entry = entry.map_err(|e| Error::io("can't read", &spare, e.into()))?;
            let path =
                crate::urls::site_path(entry.path().strip_prefix(&spare).unwrap_or(entry.path()));
            let keep = if entry.file_type().is_dir() {
                wanted_dirs.contains(path.as_str())
            } else {
                wanted(&path)
            };
            if !keep {
                remove_any(entry.path())?;
            }
        }
        for dir in &wanted_dirs {
            let dir = spare.join(dir);
            if !dir.is_dir() {
                fs::create_dir_all(&dir).map_err(|e| Error::io("can't create", &dir, e))?;
            }
        }
        let writer = Writer {
            spare,
            output: output.to_path_buf(),
            started_empty: no_spare && !output.exists(),
            finished: false,
        };
        writer.put(MARKER, MARKER_TEXT)?;
        for (path, published) in &assets.files {
            let bytes = published
                .read()
                .map_err(|e| Error::io("can't read the source of", path, e))?;
            writer.put(path, &bytes)?;
        }
        Ok(writer)
    }

    /// Writes one file of the new site, unless the spare already holds these bytes. A
    /// changed file replaces the old name rather than overwriting its contents, because the
    /// old file may be a hard link shared with the live output; a file the spare lacks is
    /// simply created.
    pub fn put(&self, site_path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.spare.join(site_path);
        match fs::metadata(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match write_new(&target, bytes) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                done => return done.map_err(|e| Error::io("can't write", &target, e)),
            },
            Ok(meta)
                if meta.len() == bytes.len() as u64
                    && fs::read(&target).is_ok_and(|old| old == bytes) =>
            {
                return Ok(());
            }
            _ => {}
        }
        let mut temporary = target.clone().into_os_string();
        temporary.push(".explainer-new");
        let temporary = PathBuf::from(temporary);
        fs::write(&temporary, bytes).map_err(|e| Error::io("can't write", &temporary, e))?;
        fs::rename(&temporary, &target).map_err(|e| Error::io("can't write", &target, e))
    }

    /// Makes the new site the output, in one atomic step when there is an output to
    /// replace; the old output becomes the spare.
    pub fn finish(mut self) -> Result<()> {
        swap_into_place(&self.spare, &self.output)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.started_empty && !self.finished {
            let _ = fs::remove_dir_all(&self.spare);
        }
    }
}

/// Starts a spare that is a copy of `output` made of hard links: a file for every file,
/// sharing its contents, so that the next build writes only what changed instead of the
/// whole site. Best effort: whatever is not linked is simply written by the build.
fn mirror_by_hard_links(output: &Path, spare: &Path) {
    for entry in WalkDir::new(output).into_iter().filter_map(|e| e.ok()) {
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let target = spare.join(relative);
        let done = if entry.file_type().is_dir() {
            fs::create_dir_all(&target).is_ok()
        } else {
            fs::hard_link(entry.path(), &target).is_ok()
        };
        if !done {
            return;
        }
    }
}

/// Creates `path`, which must not exist yet, holding `bytes`. If the build stops halfway,
/// the next one finds the file's bytes wrong and replaces it.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
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
