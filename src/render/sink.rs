//! Where rendering puts what it makes: the output folder or memory
//! ([`crate::output`] has both), so that rendering never knows which.

use crate::diagnostics::error::Result;
use crate::urls::SitePath;

/// Where rendered files go: the output folder, or memory.
pub trait Sink: Sync {
    fn put(&self, path: &SitePath, bytes: &[u8]) -> Result<()>;

    /// Whether it takes pictures (share cards): a preview in memory holds only text.
    fn keeps_pictures(&self) -> bool {
        false
    }

    /// The file at `path` as the live site has it, if any: what is slow to make (a share
    /// card) need not be made again when it would come out the same.
    fn published(&self, _path: &SitePath) -> Option<Vec<u8>> {
        None
    }
}
