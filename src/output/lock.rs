//! One build at a time per output folder. Two builds into the same output would share the
//! spare folder: both could report success while the live site is the older one. A build
//! therefore holds an operating-system lock on a file beside the output (`.public.explainer-lock`)
//! from before it reads its sources until its site is in place; the system releases it
//! when the process ends, however it ends, so a killed build never blocks the next.

use std::fs::{self, File, TryLockError};
use std::path::Path;

use super::sibling;
pub use crate::config::IfBusy;
use crate::diagnostics::error::{Error, Result};

/// Held while a build reads, renders and publishes; dropping it lets the next one in.
#[derive(Debug)]
pub struct Lock(#[allow(dead_code)] File);

/// Takes the lock of `output`, waiting for it or not as `if_busy` says. The lock file is
/// left in place afterwards: removing it would let two builds lock two different files.
pub fn take(output: &Path, if_busy: IfBusy) -> Result<Lock> {
    let path = sibling(output, "lock");
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| Error::io("can't create", parent, e))?;
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io("can't create the lock file", &path, e))?;
    match file.try_lock() {
        Ok(()) => return Ok(Lock(file)),
        Err(TryLockError::Error(e)) => return Err(Error::io("can't lock", &path, e)),
        Err(TryLockError::WouldBlock) => {}
    }
    match if_busy {
        IfBusy::Stop => Err(Error::Busy {
            output: output.to_path_buf(),
        }),
        IfBusy::Wait(say) => {
            say(output);
            file.lock().map_err(|e| Error::io("can't lock", &path, e))?;
            Ok(Lock(file))
        }
    }
}
