//! An HTML text as a tree of its elements and its runs of text, as far as a browser would
//! nest them for markup that closes what it opens: what a renderer that walks a finished
//! page (the PDFs) reads it as.

use crate::text::markup::{self, Tag};

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// One element or a run of text.
pub enum Node<'a> {
    /// As written: entities not yet decoded.
    Text(&'a str),
    Element(Element<'a>),
}

pub struct Element<'a> {
    pub tag: Tag<'a>,
    pub children: Vec<Node<'a>>,
    /// The element's whole text, start tag to end tag.
    pub raw: &'a str,
}

/// `html` as a tree: end tags close the element they name (and any left open inside it);
/// an end tag with nothing open to close is ignored. The elements named in `opaque`
/// (`svg`) are kept whole, as their text, with no children.
pub fn parse<'a>(html: &'a str, opaque: &[&str]) -> Vec<Node<'a>> {
    let mut stack: Vec<Element> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut at = 0;
    let mut tags = markup::tags(html);
    fn push<'a>(stack: &mut [Element<'a>], top: &mut Vec<Node<'a>>, node: Node<'a>) {
        match stack.last_mut() {
            Some(open) => open.children.push(node),
            None => top.push(node),
        }
    }
    while let Some(tag) = tags.next() {
        if tag.span.start > at {
            push(&mut stack, &mut top, Node::Text(&html[at..tag.span.start]));
        }
        at = tag.span.end;
        if tag.closing {
            let Some(open) = stack.iter().rposition(|e| e.tag.is(tag.name)) else {
                continue;
            };
            while stack.len() > open {
                let mut done = stack.pop().expect("an element is open");
                done.raw = &html[done.tag.span.start..at];
                push(&mut stack, &mut top, Node::Element(done));
            }
            continue;
        }
        let start = tag.span.start;
        if opaque.iter().any(|o| tag.is(o)) {
            let name = tag.name;
            let mut depth = 1;
            let mut end = html.len();
            for inner in tags.by_ref() {
                if inner.is(name) {
                    depth += if inner.closing { -1 } else { 1 };
                    if depth == 0 {
                        end = inner.span.end;
                        break;
                    }
                }
            }
            at = end;
            let raw = &html[start..end];
            let whole = Element {
                tag,
                children: Vec::new(),
                raw,
            };
            push(&mut stack, &mut top, Node::Element(whole));
            continue;
        }
        let void = VOID.iter().any(|v| tag.is(v)) || html[..tag.span.end].ends_with("/>");
        let element = Element {
            tag,
            children: Vec::new(),
            raw: &html[start..at],
        };
        match void {
            true => push(&mut stack, &mut top, Node::Element(element)),
            false => stack.push(element),
        }
    }
    if at < html.len() {
        push(&mut stack, &mut top, Node::Text(&html[at..]));
    }
    while let Some(mut done) = stack.pop() {
        done.raw = &html[done.tag.span.start..];
        push(&mut stack, &mut top, Node::Element(done));
    }
    top
}

/// Text as HTML shows it: entities decoded, each run of spaces and line breaks one space.
pub fn collapsed(raw: &str) -> String {
    let text = markup::decode(raw);
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\n' | '\t' | '\r' | '\x0c') {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|n| match n {
                Node::Text(t) => format!("'{t}'"),
                Node::Element(e) => format!("{}[{}]", e.tag.name, names(&e.children)),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn elements_nest_void_ones_have_no_children_and_opaque_ones_stay_whole() {
        let html = "<p>a<br>b<img src=x /><em>c</p><svg><g><title>t</title></g></svg></i>";
        let tree = parse(html, &["svg"]);
        assert_eq!(names(&tree), "p['a' br[] 'b' img[] em['c']] svg[]");
        let Node::Element(svg) = &tree[1] else {
            panic!()
        };
        assert_eq!(svg.raw, "<svg><g><title>t</title></g></svg>");
    }

    #[test]
    fn text_is_collapsed_as_a_browser_shows_it() {
        assert_eq!(collapsed("  a \n\t b&amp;c "), " a b&c ");
    }
}
