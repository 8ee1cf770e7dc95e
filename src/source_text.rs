//! Reading the site's source files: which files a source folder holds, and their text, in
//! one place that deals with hidden files, byte-order marks, Windows line endings and bytes
//! that are not UTF-8, so every later stage sees clean text.

use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::problem::{LineIndex, Problem};

/// Every entry under `dir`, sorted by name, leaving out hidden files and folders (editor
/// swap files, `.git`). Symbolic links are not followed, so nothing outside the project is
/// ever read or published.
pub fn walk(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
}

/// The largest source file accepted, so that a stray huge file can't exhaust memory or
/// stall the build. Real pages are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

fn cant_read(shown: &Path, e: std::io::Error) -> Problem {
    Problem::file(shown, format!("can't read the file: {e}"))
}

/// A file's size, checked against the limit.
fn size(shown: &Path, meta: std::io::Result<std::fs::Metadata>) -> Result<u64, Problem> {
    let size = meta.map_err(|e| cant_read(shown, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(Problem::file(
            shown,
            format!(
                "the file is {:.1} MiB; the limit is {} MiB",
                size as f64 / 1048576.0,
                MAX_FILE_BYTES / 1048576
            ),
        )
        .with_hint("split it into several pages"));
    }
    Ok(size)
}

/// Many files' texts, read on all cores into one block of memory: each file is read once
/// and held until the last page that needs it is written, and one block leaves no holes
/// in the allocator's per-thread arenas as pages are freed one by one. `files` are each
/// file's path and the path shown to the user; each gets the range of its text in the
/// block, or its problem.
pub fn read_many(
    files: &[(PathBuf, PathBuf)],
) -> (Arc<String>, Vec<Result<Range<usize>, Problem>>) {
    let sizes: Vec<Result<usize, Problem>> = files
        .par_iter()
        .map(|(path, shown)| size(shown, std::fs::metadata(path)).map(|s| s as usize))
        .collect();
    let mut block = vec![0u8; sizes.iter().flatten().sum()];
    let mut slots = Vec::with_capacity(files.len());
    let (mut rest, mut start) = (block.as_mut_slice(), 0);
    for size in &sizes {
        let (slot, after) = rest.split_at_mut(*size.as_ref().unwrap_or(&0));
        start += slot.len();
        slots.push((start - slot.len(), slot));
        rest = after;
    }
    let ranges = files
        .par_iter()
        .zip(sizes)
        .zip(slots)
        .map(|((file, size), (start, slot))| {
            size.and_then(|_| fill(file, slot))
                .map(|len| start..start + len)
        })
        .collect();
    // Each slot holds UTF-8 text followed by zeros, so the whole block is UTF-8.
    let block = String::from_utf8(block).expect("every slot holds UTF-8 text or zeros");
    (Arc::new(block), ranges)
}

/// Reads the file into `slot`, which is as long as the file was, and makes it clean text
/// in place; the length of the text, the rest of the slot zeroed. On a problem, the whole
/// slot is zeroed.
fn fill((path, shown): &(PathBuf, PathBuf), slot: &mut [u8]) -> Result<usize, Problem> {
    let result = read_into(path, shown, slot).and_then(|()| clean(slot, shown));
    let len = *result.as_ref().unwrap_or(&0);
    slot[len..].fill(0);
    result
}

fn read_into(path: &Path, shown: &Path, slot: &mut [u8]) -> Result<(), Problem> {
    let changed = || {
        Problem::file(shown, "the file changed while it was being read").with_hint("build again")
    };
    let mut file = std::fs::File::open(path).map_err(|e| cant_read(shown, e))?;
    file.read_exact(slot).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => changed(),
        _ => cant_read(shown, e),
    })?;
    match file.read(&mut [0]) {
        Ok(0) => Ok(()),
        Ok(_) => Err(changed()),
        Err(e) => Err(cant_read(shown, e)),
    }
}

/// Checks that `bytes` are UTF-8, then removes a byte-order mark and Windows line
/// endings in place; the clean text's length.
fn clean(bytes: &mut [u8], shown: &Path) -> Result<usize, Problem> {
    std::str::from_utf8(bytes).map_err(|e| not_utf8(&bytes[..e.valid_up_to()], shown))?;
    let mut read = if bytes.starts_with("\u{feff}".as_bytes()) {
        3
    } else {
        0
    };
    if read == 0 && memchr::memchr(b'\r', bytes).is_none() {
        return Ok(bytes.len());
    }
    // Each run up to a "\r\n" moves back over the `\r`s dropped before it.
    let mut write = 0;
    while let Some(i) = memchr::memmem::find(&bytes[read..], b"\r\n") {
        bytes.copy_within(read..read + i, write);
        write += i;
        read += i + 1;
    }
    bytes.copy_within(read.., write);
    Ok(write + bytes.len() - read)
}

/// The problem of a file that is not UTF-8, located after its last valid character.
fn not_utf8(valid: &[u8], shown: &Path) -> Problem {
    // Everything before the bad byte is valid, so it can be located as text.
    let valid = std::str::from_utf8(valid).unwrap_or_default();
    let (line, column) = LineIndex::new(valid).locate(valid, valid.len());
    Problem::new(shown, line, column, "the file is not valid UTF-8 text")
        .with_hint("save the file as UTF-8 in your editor")
}

/// Reads `path` (shown to the user as `shown`) as UTF-8 text without a BOM and with `\n`
/// line endings.
pub fn read(path: &Path, shown: &Path) -> Result<String, Problem> {
    let cant_read = |e| cant_read(shown, e);
    let file = std::fs::File::open(path).map_err(cant_read)?;
    let size = size(shown, file.metadata())?;
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(cant_read)?;
    decode(bytes, shown)
}

/// The decoding half of [`read`], for bytes already in memory.
fn decode(mut bytes: Vec<u8>, shown: &Path) -> Result<String, Problem> {
    let len = clean(&mut bytes, shown)?;
    bytes.truncate(len);
    // `clean` checked the bytes and removed only whole characters.
    Ok(String::from_utf8(bytes).expect("clean text is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_removed() {
        let text = decode(
            b"\xEF\xBB\xBF---\r\ntitle: A\r\n".to_vec(),
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(text, "---\ntitle: A\n");
    }

    #[test]
    fn many_files_share_one_block_each_clean_or_with_its_problem() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(PathBuf, PathBuf)> = [
            ("a.md", &b"\xEF\xBB\xBFone\r\ntwo\r\n"[..]),
            ("b.md", b"ok\nab\xFFc"),
            ("c.md", "\u{e9}t\u{e9}\n".as_bytes()),
        ]
        .iter()
        .map(|(name, bytes)| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            (path, PathBuf::from(name))
        })
        .chain([(dir.path().join("gone.md"), PathBuf::from("gone.md"))])
        .collect();
        let (block, ranges) = read_many(&files);
        let text = |i: usize| ranges[i].clone().map(|r| &block[r]);
        assert_eq!(text(0).unwrap(), "one\ntwo\n");
        assert_eq!(text(1).unwrap_err().line, 2);
        assert_eq!(text(2).unwrap(), "\u{e9}t\u{e9}\n");
        assert!(text(3).unwrap_err().message.contains("can't read the file"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"ok\nab\xFFc".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
    }
}
