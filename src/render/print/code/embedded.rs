//! What a part carries besides its text: pictures (as `data:` URLs) and inline SVGs.

use base64::Engine;

use super::{Picture, Writer, string, text_of};
use crate::text::markup::Tag;
use crate::text::tree::{self, Element, Node};

impl Writer<'_> {
    /// A picture carried as a `data:` URL, shown from its own file; one the document can't
    /// carry is its description.
    pub(super) fn picture(&mut self, tag: &Tag) -> Option<String> {
        let alt = tag.get("alt").map(|a| a.into_owned()).unwrap_or_default();
        let src = tag.get("src").unwrap_or_default();
        let carried = src.strip_prefix("data:").and_then(|rest| {
            let (kind, data) = rest.split_once(";base64,")?;
            let extension = match kind {
                "image/png" => "png",
                "image/jpeg" => "jpg",
                "image/gif" => "gif",
                "image/svg+xml" => "svg",
                "image/webp" => "webp",
                _ => return None,
            };
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .ok()?;
            Some((extension, bytes))
        });
        let Some((extension, bytes)) = carried else {
            return (!alt.is_empty()).then(|| format!("emph({})", string(&alt)));
        };
        let path = format!("/pictures/{}.{extension}", self.pictures.len() + 1);
        let code = format!("image({}, alt: {})", string(&path), string(&alt));
        self.pictures.push(Picture { path, bytes });
        Some(code)
    }

    /// An inline SVG, for the template's `svg(attrs, raw)`: its class, its name (its
    /// `aria-label`, or its `<title>`) and its text.
    pub(super) fn svg(&mut self, element: &Element) -> String {
        let tag = &element.tag;
        let title = tag
            .get("aria-label")
            .map(|l| l.into_owned())
            .or_else(|| first_title(&tree::parse(element.raw, &[])));
        format!(
            "svg((class: {}, title: {}), {})",
            string(&tag.get("class").unwrap_or_default()),
            title.map_or("none".to_owned(), |t| string(t.trim())),
            string(element.raw)
        )
    }
}

/// The first `<title>` of an SVG's tree, as text.
fn first_title(nodes: &[Node]) -> Option<String> {
    nodes.iter().find_map(|node| match node {
        Node::Element(e) if e.tag.is("title") => Some(text_of(&e.children)),
        Node::Element(e) => first_title(&e.children),
        Node::Text(_) => None,
    })
}
