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
//! left half-updated is simply corrected by the next build. What the swap guarantees on
//! each platform is in [`swap`]. The writer also refuses to touch a folder that is not
//! ours (see [`guard`]), and lets one build at a time write to an output (see [`lock`]).

mod guard;
pub mod lock;
mod swap;

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::content::assets::Assets;
use crate::diagnostics::error::{Error, Result};
pub use crate::render::Sink;
use crate::urls::SitePath;
pub use guard::check_output_dir;

/// Present in every output folder this tool writes; its absence means "not ours".
pub const MARKER: &str = ".explainer-output";
const MARKER_TEXT: &[u8] = b"This folder was written by explainer and is replaced by each build.\n";

/// A sink that keeps nothing: what a site with mistakes renders into, for its problems.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &SitePath, _: &[u8]) -> Result<()> {
        Ok(())
    }
}

impl Sink for Writer {
    fn put(&self, path: &SitePath, bytes: &[u8]) -> Result<()> {
        Writer::put(self, path.as_str(), bytes)
    }

    fn keeps_pictures(&self) -> bool {
        true
    }

    fn published(&self, path: &SitePath) -> Option<Vec<u8>> {
        fs::read(self.output.join(path.as_str())).ok()
    }
}

/// Keeps rendered files in memory (for `serve` and `check`), by site path.
#[derive(Default)]
pub struct Memory(std::sync::Mutex<std::collections::BTreeMap<SitePath, String>>);

impl Memory {
    pub fn into_files(self) -> std::collections::BTreeMap<SitePath, String> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, path: &SitePath, bytes: &[u8]) -> Result<()> {
        let text = String::from_utf8_lossy(bytes).into_owned();
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.clone(), text);
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
        planned: &BTreeSet<SitePath>,
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
            .flat_map(SitePath::folders)
            .collect();
        // Deepest first, so a folder is looked at after its contents.
        for entry in WalkDir::new(&spare).min_depth(1).contents_first(true) {
            let entry = entry.map_err(|e| Error::io("can't read", &spare, e.into()))?;
            let path =
                SitePath::from_relative(entry.path().strip_prefix(&spare).unwrap_or(entry.path()));
            let keep = if entry.file_type().is_dir() {
                wanted_dirs.contains(path.as_str())
            } else {
                wanted(path.as_str())
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
                .map_err(|e| Error::io("can't read the source of", path.as_str(), e))?;
            writer.put(path.as_str(), &bytes)?;
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
        swap::into_place(&self.spare, &self.output)?;
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
pub(super) fn sibling(output: &Path, what: &str) -> PathBuf {
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
