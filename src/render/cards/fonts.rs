//! The fonts a card is set in, embedded in the binary: the same bytes are measured (see
//! `measure.rs`) and drawn (see `draw.rs`), so a line measured to fit is drawn to fit, on
//! any machine whatever fonts it has installed. What they are and their licence:
//! `fonts/README.md` and `fonts/OFL.txt`.

/// Noto Serif Bold: the question.
pub const SERIF_BOLD: &[u8] = include_bytes!("fonts/NotoSerif-Bold.ttf");
/// Noto Sans Bold: the section.
pub const SANS_BOLD: &[u8] = include_bytes!("fonts/NotoSans-Bold.ttf");
/// Noto Sans: the site's title and address.
pub const SANS: &[u8] = include_bytes!("fonts/NotoSans-Regular.ttf");
