//! The footnotes pass: footnotes are lettered (a, b, c…) in the order they are first
//! referred to, so that a footnote's marker is never taken for a citation's number, which
//! is a figure. Each marker links to its note, and the note's letter back to the first
//! marker.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Context, Next, Pass};

#[derive(Default)]
pub struct Footnotes {
    /// Each footnote's letter and how many markers refer to it so far, by label.
    seen: HashMap<String, (String, usize)>,
}

impl<'a> Pass<'a> for Footnotes {
    #[inline]
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        let event = match event {
            Event::FootnoteReference(label) => {
                let id = anchor(&label);
                let (letter, refs) = self.letter(&label);
                *refs += 1;
                let marker = match *refs {
                    1 => format!("fnref-{id}"),
                    n => format!("fnref-{id}-{n}"),
                };
                Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\"><a id=\"{marker}\" href=\"#fn-{id}\">{letter}</a></sup>"
                    )
                    .into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = anchor(&label);
                let (letter, _) = self.letter(&label);
                Event::Html(
                    format!(
                        "<div class=\"footnote-definition\" id=\"fn-{id}\"><a class=\"footnote-definition-label\" href=\"#fnref-{id}\">{letter}</a>\n"
                    )
                    .into(),
                )
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            other => other,
        };
        next.take(event, at, cx);
    }
}

impl Footnotes {
    /// The footnote's letter, given on first sight, and its count of markers.
    fn letter(&mut self, label: &CowStr) -> &mut (String, usize) {
        let count = self.seen.len();
        self.seen
            .entry(label.to_string())
            .or_insert_with(|| (lettered(count), 0))
    }
}

/// `a` for 0, `z` for 25, `aa` for 26…
fn lettered(mut n: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A footnote's label as part of an id: letters, digits, `-` and `_` kept, anything else
/// as `-`, so that it needs no escaping.
fn anchor(label: &str) -> String {
    label
        .chars()
        .map(|c| match c.is_alphanumeric() || c == '-' || c == '_' {
            true => c,
            false => '-',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_are_lettered_in_order() {
        let letters: Vec<String> = [0, 1, 25, 26, 27, 701, 702].map(lettered).into();
        assert_eq!(letters, ["a", "b", "z", "aa", "ab", "zz", "aaa"]);
    }
}
