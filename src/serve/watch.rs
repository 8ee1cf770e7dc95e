//! Watching the site's sources: a debounced burst of changes (an editor's save storm) to
//! `content/`, `templates/`, `static/`, `i18n/` or `site.yaml` triggers one rebuild.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use super::{ServerState, rebuild};
use crate::diagnostics::error::{Error, Result};
use crate::layout;

/// The folders of the site's sources: pages and data, templates, static files and the
/// editions' interface strings.
const WATCHED: [&str; 4] = layout::SOURCE_FOLDERS;

/// Quiet time after the last change before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// Starts watching; the watch stops when the returned value is dropped.
pub fn start(shared: Arc<ServerState>) -> Result<Debouncer<RecommendedWatcher>> {
    let root = shared.options.root.clone();
    let watched_root = root.clone();
    let mut seen = Fingerprints::of_sources(&root);
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| match result {
        Ok(events) => {
            // Every changed file is recorded, not only the first.
            let mut changed = Vec::new();
            // Folders only change with their files, and merely listing one raises an event.
            let files = events
                .iter()
                .filter(|e| !e.path.is_dir() && is_source(&watched_root, &e.path));
            for event in files {
                if seen.update(&event.path) {
                    changed.push(event.path.clone());
                }
            }
            if !changed.is_empty() {
                rebuild(&shared, &changed);
            }
        }
        Err(e) => eprintln!("Watching files failed: {e}"),
    })
    .map_err(|e| watch_error(&root, e))?;
    // The source folders, and the root itself for site.yaml (editors save by replacing
    // files, so the file's own watch would be lost). Never the whole root: it may hold
    // `target/` or the output, with thousands of folders.
    let watcher = debouncer.watcher();
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(&root, e))?;
    for dir in WATCHED {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&dir, e))?;
        }
    }
    Ok(debouncer)
}

/// What each source file looked like when last seen, to tell real changes from the
/// events that merely reading a file raises (a rebuild reads every source, which must not
/// trigger another rebuild).
#[derive(Default)]
struct Fingerprints {
    known: HashMap<PathBuf, Option<(SystemTime, u64)>>,
}

impl Fingerprints {
    /// Every source file as it is now.
    fn of_sources(root: &Path) -> Self {
        let mut known = HashMap::new();
        let files = WATCHED
            .iter()
            .flat_map(|dir| {
                walkdir::WalkDir::new(root.join(dir))
                    .into_iter()
                    .filter_map(|e| e.ok())
            })
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .chain(std::iter::once(
                root.join(crate::config::settings::FILE_NAME),
            ));
        for path in files {
            let state = stat(&path);
            known.insert(path, state);
        }
        Fingerprints { known }
    }

    /// Records `path`'s current state; true if it differs from when it was last seen (a
    /// file never seen before is new, so it changed, unless it is already gone: an
    /// editor's test file, such as vim's `4913`, made and removed within one save).
    fn update(&mut self, path: &Path) -> bool {
        let now = stat(path);
        match self.known.insert(path.to_path_buf(), now) {
            Some(before) => before != now,
            None => now.is_some(),
        }
    }
}

fn stat(path: &Path) -> Option<(SystemTime, u64)> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()))
}

fn watch_error(root: &Path, e: impl std::fmt::Display) -> Error {
    Error::io("can't watch", root, std::io::Error::other(e.to_string()))
}

/// A change to `path` matters if it is in one of the site's source folders or is
/// `site.yaml`, and is not an editor's hidden or backup file.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = relative.components();
    let first = match components.next() {
        Some(Component::Normal(name)) => name.to_string_lossy(),
        _ => return false,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.starts_with('#');
    let in_sources =
        WATCHED.contains(&&*first) || (first == layout::SETTINGS && components.next().is_none());
    in_sources && !scratch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_source_files_trigger_a_rebuild() {
        let root = Path::new("/site");
        assert!(is_source(root, Path::new("/site/content/a.md")));
        assert!(is_source(root, Path::new("/site/templates/base.html")));
        assert!(is_source(root, Path::new("/site/site.yaml")));
        assert!(is_source(root, Path::new("/site/i18n/ru.yaml")));
        assert!(!is_source(root, Path::new("/site/public/a.html")));
        assert!(!is_source(root, Path::new("/site/content/.a.md.swp")));
        assert!(!is_source(root, Path::new("/site/content/a.md~")));
        assert!(!is_source(root, Path::new("/site/target/debug/x")));
    }

    #[test]
    fn a_file_made_and_removed_within_one_save_is_no_change() {
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("a.md");
        std::fs::write(&saved, "one").unwrap();
        let mut seen = Fingerprints::default();
        assert!(seen.update(&saved), "a new file");
        assert!(!seen.update(&saved), "the same file");
        // vim's test of the folder: `4913`, made and removed before the watcher looks.
        assert!(!seen.update(&dir.path().join("4913")));
        std::fs::remove_file(&saved).unwrap();
        assert!(seen.update(&saved), "a file removed");
    }
}
