//! Putting the new site in place of the old one.
//!
//! Where the system can exchange two folders in one call, it does, so a reader never sees
//! a missing or mixed site:
//! - Linux (any libc): `renameat2` with `RENAME_EXCHANGE`;
//! - macOS and the other Apple systems: `renamex_np` with `RENAME_SWAP`.
//!
//! Elsewhere (Windows), and on file systems that can't exchange (some network ones), the
//! old site is moved aside, the new one moved in, and the old one made the spare. For
//! the moment between the first two renames the output folder is missing; if the second
//! rename fails, the old site is moved back, so a failed build still leaves it in place.

use std::fs;
use std::path::Path;

use super::sibling;
use crate::diagnostics::error::{Error, Result};

/// Makes the synced `spare` the output, in one atomic step where the system can; the old
/// output becomes the spare.
pub fn into_place(spare: &Path, output: &Path) -> Result<()> {
    if fs::symlink_metadata(output).is_err() {
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io("can't create", parent, e))?;
        }
        return fs::rename(spare, output).map_err(|e| Error::io("can't move into place", spare, e));
    }
    exchange(spare, output).map_err(|e| Error::io("can't swap in the new site at", output, e))
}

/// Swaps two folders in one call, falling back to renames on a file system that can't.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => exchange_by_renames(a, b),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    exchange_by_renames(a, b)
}

/// Three renames, for systems that can't exchange two folders: `b` (the live site) is
/// parked, `a` takes its place, and the parked one becomes `a`. If `a` can't take its
/// place, the parked site is put back before the error is returned.
fn exchange_by_renames(a: &Path, b: &Path) -> std::io::Result<()> {
    let parked = sibling(b, "parked");
    let _ = fs::remove_dir_all(&parked);
    fs::rename(b, &parked)?;
    if let Err(e) = fs::rename(a, b) {
        return match fs::rename(&parked, b) {
            Ok(()) => Err(e),
            Err(restore) => Err(std::io::Error::other(format!(
                "{e}; the previous site could not be put back either ({restore}): it is at {}",
                parked.display()
            ))),
        };
    }
    fs::rename(&parked, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_puts_the_old_site_back_when_the_new_one_cant_move_in() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("public");
        fs::create_dir(&live).unwrap();
        fs::write(live.join("index.html"), "old").unwrap();
        let missing = dir.path().join(".public.explainer-spare");
        assert!(exchange_by_renames(&missing, &live).is_err());
        assert_eq!(fs::read_to_string(live.join("index.html")).unwrap(), "old");
        assert!(!sibling(&live, "parked").exists());
    }

    #[test]
    fn both_ways_of_swapping_exchange_the_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for (folder, text) in [(&a, "new"), (&b, "old")] {
            fs::create_dir(folder).unwrap();
            fs::write(folder.join("f"), text).unwrap();
        }
        exchange(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "new");
        exchange_by_renames(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "old");
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "new");
    }
}
