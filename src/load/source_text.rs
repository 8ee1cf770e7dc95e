//! Reading the site's source files: which files a source folder holds, and their text, in
//! one place that deals with hidden files, byte-order marks, Windows line endings and bytes
//! that are not UTF-8, so every later stage sees clean text.

use std::path::Path;

use crate::problem::{LineIndex, Problem};

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

/// Reads `path` (shown to the user as `shown`) as UTF-8 text without a BOM and with `\n`
/// line endings.
pub fn read(path: &Path, shown: &Path) -> Result<String, Problem> {
    let cant_read = |e: std::io::Error| Problem::file(shown, format!("can't read the file: {e}"));
    let file = std::fs::File::open(path).map_err(cant_read)?;
    let size = file.metadata().map_err(cant_read)?.len();
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
fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Problem> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // Everything before the bad byte is valid, so it can be located as text.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = LineIndex::new(valid).locate(valid, valid.len());
        Problem::new(shown, line, column, "the file is not valid UTF-8 text")
            .with_hint("save the file as UTF-8 in your editor")
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
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
    fn invalid_utf8_is_located() {
        let err = decode(b"ok\nab\xFFc".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
    }
}
