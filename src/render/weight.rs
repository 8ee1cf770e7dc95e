//! The 16 KB rule: since June 2025 Russian networks let only the first 16 KB of each file
//! through from many hosts ("the throttling allows Internet users to load only the first
//! 16 KB of any web asset", Cloudflare), so a page, or a stylesheet it needs, heavier than
//! that gzipped arrives cut off. Every such file is warned of; `max_file_kb` in `site.yaml`
//! sets the limit. The offline edition is a file to pass on, not one a page loads, and is
//! not weighed.

use std::path::Path;

use crate::content::assets::Assets;
use crate::content::page::Page;
use crate::diagnostics::problem::Problem;

/// gzip's header and trailer around the deflated bytes.
const GZIP_FRAME: usize = 18;
/// gzip's default level, which hosts that compress on the fly use or better.
const LEVEL: u8 = 6;

/// The warning for `page`, rendered as `html`, if it is heavier than `limit` gzipped.
pub fn of_page(page: &Page, html: &str, limit: usize) -> Option<Problem> {
    let gzipped = over(html.as_bytes(), limit)?;
    Some(warning(
        page.file.source(),
        page.path.as_str(),
        gzipped,
        limit,
    ))
}

/// A warning for each stylesheet of `static/` heavier than `limit` gzipped, as published.
pub fn of_stylesheets(assets: &Assets, limit: usize) -> Vec<Problem> {
    let stylesheets = assets
        .names
        .iter()
        .filter(|(name, _)| name.as_str().ends_with(".css"));
    stylesheets
        .filter_map(|(name, published)| {
            let bytes = assets.files.get(published)?.read().ok()?;
            let gzipped = over(&bytes, limit)?;
            let origin = Path::new(crate::layout::STATIC).join(name.as_str());
            Some(warning(&origin, published.as_str(), gzipped, limit))
        })
        .collect()
}

/// How much `bytes` weigh gzipped, if that is over `limit`. A file no bigger than the limit
/// as it is can't be over it gzipped, and is not compressed at all.
fn over(bytes: &[u8], limit: usize) -> Option<usize> {
    // Deflate's stored blocks add 5 bytes per 64 KiB: never worth more than that.
    if bytes.len() + GZIP_FRAME + 5 * (bytes.len() / 65_535 + 1) <= limit {
        return None;
    }
    let gzipped = miniz_oxide::deflate::compress_to_vec(bytes, LEVEL).len() + GZIP_FRAME;
    (gzipped > limit).then_some(gzipped)
}

/// The warning for the file `what` (a page's site path or a stylesheet), written from
/// `origin`, that weighs `gzipped` bytes.
fn warning(origin: &Path, what: &str, gzipped: usize, limit: usize) -> Problem {
    Problem::file(
        origin,
        format!(
            "{what} is {} gzipped, over the {} a throttled network lets through",
            kb(gzipped),
            kb(limit)
        ),
    )
    .with_hint("readers on throttled networks may get only its first 16 KB: shorten or split it (`max_file_kb` in site.yaml sets the limit)")
    .warning()
}

/// `13.4 KB`, in KB of 1,024 bytes.
fn kb(bytes: usize) -> String {
    let kb = format!("{:.1}", bytes as f64 / 1024.0);
    format!("{} KB", kb.strip_suffix(".0").unwrap_or(&kb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_heavier_gzipped_than_the_limit_is_over_it() {
        let text = "A page of repeated prose. ".repeat(2_000);
        assert_eq!(
            over(text.as_bytes(), 16 * 1024),
            None,
            "52 KB that gzip well"
        );
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let noise: Vec<u8> = (0..40_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 32) as u8
            })
            .collect();
        let gzipped = over(&noise, 16 * 1024).expect("40 KB of noise");
        assert!(gzipped > 39_000, "{gzipped}");
        assert_eq!(over(b"short", 100), None);
        assert_eq!(over(b"short", 10), Some(25), "gzip's frame counts");
    }

    #[test]
    fn the_warning_gives_both_weights_in_kb() {
        let w = warning(Path::new("content/a.md"), "a.html", 17_000, 16_384);
        assert!(!w.is_error());
        assert!(
            w.to_terminal(false)
                .contains("a.html is 16.6 KB gzipped, over the 16 KB"),
            "{}",
            w.to_terminal(false)
        );
    }
}
