//! A drawn card as PNG bytes, labelled with what it was drawn from, so that the next build
//! can tell whether the card it published is still the one it would draw.

use std::collections::HashMap;

use resvg::tiny_skia::{Pixmap, PremultipliedColorU8};

/// The keyword of the PNG text chunk that holds a card's [`Label`].
const KEYWORD: &str = "explainer-card";
/// The PNG's last chunk, as every complete file ends: a length of 0, `IEND` and its CRC.
const END: &[u8] = b"\0\0\0\0IEND\xae\x42\x60\x82";

/// What a card was drawn from: the SVG and the drawing engine that drew it (a new version
/// may draw the same SVG differently). The same on every machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label(String);

impl Label {
    pub fn of(svg: &str) -> Label {
        let engine = concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION"), "\n");
        let hash = crate::text::hash::fnv1a(format!("{engine}{svg}").as_bytes());
        Label(format!("{hash:016x} {len}", len = svg.len()))
    }

    /// Whether `png` is a whole card drawn from what this label names; false for anything
    /// else, including a cut-off or unreadable file.
    pub fn is_on(&self, png: &[u8]) -> bool {
        if !png.ends_with(END) {
            return false;
        }
        let Ok(reader) = png::Decoder::new(std::io::Cursor::new(png)).read_info() else {
            return false;
        };
        reader
            .info()
            .uncompressed_latin1_text
            .iter()
            .any(|chunk| chunk.keyword == KEYWORD && chunk.text == self.0)
    }
}

/// `pixmap` as a PNG labelled `label`. A card has a few dozen colours (its palette and the
/// shades of its letters' edges), so it is stored as indexes into them: lossless, a third
/// of the bytes of RGB and quick to compress. A picture with more colours, or see-through,
/// is stored whole.
pub fn encode(pixmap: &Pixmap, label: &Label) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    let failed = |e: png::EncodingError| format!("can't encode the card as PNG: {e}");
    encoder
        .add_text_chunk(KEYWORD.to_owned(), label.0.clone())
        .map_err(failed)?;
    let data = match indexed(pixmap.pixels()) {
        Some((palette, indexes)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            encoder.set_compression(png::Compression::Fast);
            indexes
        }
        None => {
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_compression(png::Compression::Balanced);
            let straight = pixmap.pixels().iter().map(|p| p.demultiply());
            straight
                .flat_map(|c| [c.red(), c.green(), c.blue(), c.alpha()])
                .collect()
        }
    };
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&data).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(bytes)
}

/// The colours of opaque `pixels` in the order they first appear, as RGB, and each
/// pixel's index among them; `None` if one is see-through or there are more than 256.
fn indexed(pixels: &[PremultipliedColorU8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut palette = Vec::new();
    let mut colours: HashMap<[u8; 3], u8> = HashMap::new();
    let mut indexes = Vec::with_capacity(pixels.len());
    let mut last: Option<([u8; 3], u8)> = None;
    for pixel in pixels {
        if pixel.alpha() != u8::MAX {
            return None;
        }
        let rgb = [pixel.red(), pixel.green(), pixel.blue()];
        let i = match last {
            // Most pixels are the colour of the one before: no need to look them up.
            Some((colour, i)) if colour == rgb => i,
            _ => {
                let i = match colours.get(&rgb) {
                    Some(&i) => i,
                    None => {
                        let i = u8::try_from(colours.len()).ok()?;
                        colours.insert(rgb, i);
                        palette.extend(rgb);
                        i
                    }
                };
                last = Some((rgb, i));
                i
            }
        };
        indexes.push(i);
    }
    Some((palette, indexes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(colour: [u8; 4]) -> Pixmap {
        let mut pixmap = Pixmap::new(4, 2).unwrap();
        pixmap.fill(resvg::tiny_skia::Color::from_rgba8(
            colour[0], colour[1], colour[2], colour[3],
        ));
        pixmap
    }

    #[test]
    fn a_card_is_known_by_its_label_and_only_when_whole() {
        let label = Label::of("<svg/>");
        let png = encode(&card([1, 2, 3, 255]), &label).unwrap();
        assert!(label.is_on(&png));
        assert!(!Label::of("<svg />").is_on(&png));
        assert!(!label.is_on(&png[..png.len() - 1]));
        assert!(!label.is_on(b"not a png"));
        let unlabelled = {
            let mut png = Vec::new();
            let mut encoder = png::Encoder::new(&mut png, 1, 1);
            encoder.set_color(png::ColorType::Grayscale);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&[0]).unwrap();
            writer.finish().unwrap();
            png
        };
        assert!(!label.is_on(&unlabelled));
    }
}
