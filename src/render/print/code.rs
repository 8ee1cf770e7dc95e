//! A part of the offline edition, HTML, as Typst code for the PDF: each element as the
//! Typst function that means the same (`<h2>` a heading, `<ul>` a list, `<a href>` a
//! link), its text as string literals, so that nothing in the text is ever read as Typst.
//! What only a screen needs (navigation, buttons) is left out; ids become labels that the
//! links inside the document go to. Two things are the template's to decide, by the
//! functions it may define: `element(attrs, body)` gets every element with a `class`
//! (and hidden ones with one: a colour swatch), `svg(attrs, raw)` every inline SVG.

use std::collections::HashSet;

use crate::text::markup::{self, Tag};
use crate::text::tree::{self, Element, Node, collapsed};

mod embedded;
mod lists;

/// Elements with nothing for a printed page: navigation (a contents list, the pager) and
/// what works only on a screen.
const SKIPPED: &[&str] = &[
    "nav", "script", "style", "template", "button", "form", "input", "select", "textarea",
    "noscript", "dialog", "iframe", "video", "audio", "object",
];

/// Elements whose children are all elements: the spaces between them are only layout.
const CONTAINERS: &[&str] = &[
    "colgroup", "dl", "ol", "table", "tbody", "tfoot", "thead", "tr", "ul",
];

/// Elements that are blocks of their own, as a browser lays them out.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// A picture a part carries inside it (a `data:` URL), for the document to read by path.
pub struct Picture {
    /// `/pictures/3.png`
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The parts of one document as Typst code, each a code block, and the pictures they show.
pub struct Converted {
    pub bodies: Vec<String>,
    pub pictures: Vec<Picture>,
}

/// The parts (each the HTML of one page's part), in order, as the bodies of one
/// document: a link goes to an id only if some part gives an element that id, so that
/// no link points at nothing.
pub fn parts(parts: &[&str]) -> Converted {
    let trees: Vec<Vec<Node>> = parts
        .iter()
        .map(|html| tree::parse(html, &["svg"]))
        .collect();
    let (mut defined, mut linked) = (HashSet::new(), HashSet::new());
    for nodes in &trees {
        anchors(nodes, &mut defined, &mut linked);
    }
    // An id nothing links to is no label: each is one more thing for Typst to place.
    let labels: HashSet<String> = defined.intersection(&linked).cloned().collect();
    let mut writer = Writer {
        labels: &labels,
        pictures: Vec::new(),
        in_heading: false,
    };
    let bodies = trees.iter().map(|nodes| writer.block(nodes)).collect();
    Converted {
        bodies,
        pictures: writer.pictures,
    }
}

/// Whether an element is left out of the document, its children with it.
fn skipped(element: &Element) -> bool {
    let tag = &element.tag;
    SKIPPED.iter().any(|s| tag.is(s)) || tag.get("hidden").is_some()
}

/// Whether an element is hidden from assistive technology: decoration, which the
/// template may still draw.
fn decoration(element: &Element) -> bool {
    element.tag.get("aria-hidden").as_deref() == Some("true")
}

/// The labels of every element the document will have that has an id (`defined`), and
/// of every id its links go to (`linked`).
fn anchors(nodes: &[Node], defined: &mut HashSet<String>, linked: &mut HashSet<String>) {
    for node in nodes {
        let Node::Element(element) = node else {
            continue;
        };
        if skipped(element) || decoration(element) {
            continue;
        }
        if let Some(id) = element.tag.get("id") {
            defined.insert(label(&id));
        }
        if element.tag.is("a")
            && let Some(href) = element.tag.get("href")
            && let Some(id) = href.strip_prefix('#')
        {
            linked.insert(label(id));
        }
        anchors(&element.children, defined, linked);
    }
}

/// An id as a Typst label: letters, digits and `-_.:` as they are, anything else by its
/// code point, so that two ids never share a label.
fn label(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '.' | ':' => out.push(c),
            _ => out.push_str(&format!("_{:x}_", c as u32)),
        }
    }
    out
}

/// `text` as a Typst string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of nodes, as a screen reader would read it.
fn text_of(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(raw) => out.push_str(&markup::decode(raw)),
            Node::Element(e) if !skipped(e) => out.push_str(&text_of(&e.children)),
            Node::Element(_) => {}
        }
    }
    out
}

struct Writer<'a> {
    labels: &'a HashSet<String>,
    pictures: Vec<Picture>,
    /// A heading's own link (`<a class="heading-link">`) is no link in print.
    in_heading: bool,
}

impl Writer<'_> {
    /// Nodes as one Typst code block, `{ "text"; emph("word") }`, or `[]` for nothing.
    fn block(&mut self, nodes: &[Node]) -> String {
        self.sequence(nodes, false)
    }

    fn sequence(&mut self, nodes: &[Node], layout_only: bool) -> String {
        let mut items = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            match node {
                Node::Text(raw) => {
                    let text = collapsed(raw);
                    // A space beside a block is layout: in Typst it would be a paragraph.
                    let beside_block = |n: Option<&Node>| match n {
                        None => true,
                        Some(Node::Element(e)) => BLOCK_LEVEL.iter().any(|b| e.tag.is(b)),
                        Some(Node::Text(_)) => false,
                    };
                    let layout = text == " "
                        && (layout_only
                            || beside_block(i.checked_sub(1).and_then(|p| nodes.get(p)))
                            || beside_block(nodes.get(i + 1)));
                    if !text.is_empty() && !layout {
                        items.push(string(&text));
                    }
                }
                Node::Element(element) => items.extend(self.element(element)),
            }
        }
        match items.len() {
            0 => "[]".to_owned(),
            _ => format!("{{{}}}", items.join("; ")),
        }
    }

    /// The children of `element`, spaces between blocks left out.
    fn children(&mut self, element: &Element) -> String {
        let layout_only = CONTAINERS.iter().any(|b| element.tag.is(b));
        self.sequence(&element.children, layout_only)
    }

    fn element(&mut self, element: &Element) -> Option<String> {
        if skipped(element) {
            return None;
        }
        let class = element.tag.get("class").filter(|c| !c.trim().is_empty());
        let hidden = decoration(element);
        if hidden && class.is_none() {
            return None;
        }
        let mut code = match hidden {
            true => "[]".to_owned(),
            false => self.meaning(element)?,
        };
        let id = element.tag.get("id").map(|id| label(&id));
        if let Some(label) = id.filter(|l| !hidden && self.labels.contains(l)) {
            code = match heading_level(&element.tag) {
                // A heading takes its label itself, so that a link lands on it.
                Some(_) => format!("[#{code} <{label}>]"),
                None => format!("{{[#metadata(none) <{label}>]; {code}}}"),
            };
        }
        if let Some(class) = class {
            let attrs = format!(
                "(name: {}, class: {}, hidden: {hidden})",
                string(&element.tag.name.to_ascii_lowercase()),
                string(class.trim())
            );
            code = format!("element({attrs}, {code})");
        }
        if let Some((lang, region)) = element.tag.get("lang").as_deref().and_then(language) {
            let region = region.map_or(String::new(), |r| format!(", region: {}", string(&r)));
            code = format!("text(lang: {}{region}, {code})", string(&lang));
        }
        Some(code)
    }

    /// What an element means, as Typst code; `None` for nothing to show.
    fn meaning(&mut self, element: &Element) -> Option<String> {
        let tag = &element.tag;
        let name = tag.name.to_ascii_lowercase();
        if let Some(level) = heading_level(tag) {
            let was = std::mem::replace(&mut self.in_heading, true);
            let body = self.children(element);
            self.in_heading = was;
            return Some(format!("heading(level: {level}, {body})"));
        }
        let body = |w: &mut Self| w.children(element);
        Some(match name.as_str() {
            "p" => format!("{{parbreak(); {}; parbreak()}}", body(self)),
            "div" | "section" | "article" | "header" | "footer" | "aside" | "main" | "details"
            | "figure" | "address" | "fieldset" => {
                format!("{{parbreak(); {}; parbreak()}}", body(self))
            }
            "figcaption" | "summary" | "legend" => {
                format!("{{parbreak(); emph({}); parbreak()}}", body(self))
            }
            "ul" => format!("list({})", self.items(element)),
            "ol" => {
                let start = tag
                    .get("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .map_or(String::new(), |n| format!("start: {n}, "));
                format!("enum({start}{})", self.items(element))
            }
            "li" | "dd" | "dt" => body(self),
            "dl" => self.terms(element),
            "blockquote" => format!("quote(block: true, {})", body(self)),
            "q" => format!("quote({})", body(self)),
            "em" | "i" | "cite" | "dfn" | "var" => format!("emph({})", body(self)),
            "strong" | "b" => format!("strong({})", body(self)),
            "code" | "kbd" | "samp" => format!("raw({})", string(&text_of(&element.children))),
            "pre" => format!(
                "raw(block: true, {})",
                string(&markup::decode(&text_of(&element.children)))
            ),
            "sup" => format!("super({})", body(self)),
            "sub" => format!("sub({})", body(self)),
            "small" => format!("text(size: 0.85em, {})", body(self)),
            "s" | "del" => format!("strike({})", body(self)),
            "u" | "ins" => format!("underline({})", body(self)),
            "mark" => format!("highlight({})", body(self)),
            "br" => "linebreak()".to_owned(),
            "hr" => "line(length: 100%)".to_owned(),
            "wbr" => return None,
            "a" => self.link(element),
            "img" => self.picture(tag)?,
            "svg" => self.svg(element),
            "table" => self.table(element),
            "caption" => format!("strong({})", body(self)),
            _ => body(self),
        })
    }

    /// A link inside the document goes to its label, one to the web stays one; anything
    /// else (a file of the site with no address to reach it) is its text alone.
    fn link(&mut self, element: &Element) -> String {
        let body = self.children(element);
        if self.in_heading {
            return body;
        }
        let Some(href) = element.tag.get("href") else {
            return body;
        };
        if let Some(id) = href.strip_prefix('#') {
            let label = label(id);
            return match self.labels.contains(&label) {
                true => format!("link(label({}), {body})", string(&label)),
                false => body,
            };
        }
        let web = ["https://", "http://", "mailto:"];
        match web.iter().any(|w| href.starts_with(w)) {
            true => format!("link({}, {body})", string(&href)),
            false => body,
        }
    }
}

fn heading_level(tag: &Tag) -> Option<u8> {
    let name = tag.name.as_bytes();
    match name {
        [b'h' | b'H', n @ b'1'..=b'6'] => Some(n - b'0'),
        _ => None,
    }
}

/// A BCP 47 tag as Typst's `lang` and `region`: `en-GB` is `en` and `GB`; `None` for a
/// tag Typst can't take.
pub(super) fn language(tag: &str) -> Option<(String, Option<String>)> {
    let mut subtags = tag.split(['-', '_']);
    let lang = subtags.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let region = subtags
        .find(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|s| s.to_ascii_uppercase());
    Some((lang, region))
}

#[cfg(test)]
mod tests;
