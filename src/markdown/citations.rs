//! Citations: `[@source-id]` (or `[@one; @two]`) in Markdown cites an entry of
//! `content/data/sources.yaml`, Pandoc style, so the text stays plain Markdown to the eye.
//!
//! A citation renders as a superscript number that links to the entry in the page's list of
//! sources; the entry links back to every place that cites it. Numbers follow the order of
//! first citation on the page.

use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Tag, TagEnd};

use super::{Body, Citation, Context, Next, Pass};
use crate::config::strings;
use crate::content::data::SourceId;
use crate::diagnostics::problem::did_you_mean;
use crate::text::escape::escape;

/// The pass: each citation becomes its markers, numbered in order of first citation. Its
/// own text (the ids) goes no further; but an author's text before it, as in
/// `[text][@id]` or a footnote right before it (`[^note][@id]`, which the parser reads as one
/// link), is kept, with the markers after it.
#[derive(Default)]
pub struct Cite {
    numbering: Numbering,
    /// Inside a citation: its markers, to put after its text, and whether the text is the
    /// author's.
    open: Option<(String, bool)>,
}

impl<'a> Pass<'a> for Cite {
    #[inline]
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if dest_url.starts_with(SCHEME) => {
                let label =
                    strings::plain(cx.refs.strings, "source_number").unwrap_or("Source {n}");
                let markers = markers_html(&self.cite(&dest_url, at, cx), label);
                self.open = Some((markers, link_type == LinkType::ReferenceUnknown));
            }
            Event::End(TagEnd::Link) if self.open.is_some() => {
                if let Some((markers, _)) = self.open.take() {
                    next.take(Event::InlineHtml(markers.into()), at, cx);
                }
            }
            Event::Text(text) if matches!(self.open, Some((_, true))) => {
                let event = match text.strip_prefix('^') {
                    Some(label) if !label.is_empty() && !label.contains(char::is_whitespace) => {
                        Event::FootnoteReference(label.to_owned().into())
                    }
                    _ => Event::Text(text),
                };
                next.take(event, at, cx);
            }
            _ if matches!(self.open, Some((_, false))) => {}
            event => next.take(event, at, cx),
        }
    }

    fn finish(&mut self, _: &mut Context, body: &mut Body) {
        body.citations = std::mem::take(&mut self.numbering).into_list();
    }
}

impl Cite {
    /// The markers for `[@id; @other]`; an id `sources.yaml` lacks is an error.
    fn cite(&mut self, dest: &str, at: usize, cx: &mut Context) -> Vec<Marker> {
        let data = cx.refs.data;
        let mut markers = Vec::new();
        for id in parse_ids(dest) {
            if let Some(source) = data.source(id) {
                markers.push(self.numbering.cite(&source.id));
            } else if data.sources_known() {
                let hint = did_you_mean(id, data.source_ids())
                    .map(|c| format!("did you mean `@{c}`?"))
                    .unwrap_or_else(|| "cite an `id` from content/data/sources.yaml".to_owned());
                cx.error(at, format!("unknown source `{id}`"), Some(hint));
            }
        }
        markers
    }
}

/// The link destination a citation is parsed into, before it is rendered.
pub const SCHEME: &str = "cite:";

/// `[@id]` is a reference link with no definition; this turns it into a link to `cite:@id`
/// so the renderer sees it, with its position, as a link event.
pub fn broken_link_callback<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    link.reference
        .trim_start()
        .starts_with('@')
        .then(|| (format!("{SCHEME}{}", link.reference).into(), "".into()))
}

/// Whether a page's text could hold a citation: a `[` followed, after any spaces, by `@`.
/// Pages without one need no parse to know they cite nothing.
pub fn may_cite(text: &str) -> bool {
    text.match_indices('@')
        .any(|(at, _)| text[..at].trim_end().ends_with('['))
}

/// The source ids in `cite:@a; @b`.
pub fn parse_ids(dest: &str) -> Vec<&str> {
    dest.trim_start_matches(SCHEME)
        .split(';')
        .map(|id| id.trim().trim_start_matches('@').trim())
        .filter(|id| !id.is_empty())
        .collect()
}

/// The citations of one page so far.
#[derive(Debug, Default)]
pub struct Numbering {
    list: Vec<Citation>,
    by_id: HashMap<SourceId, usize>,
}

/// A marker to render: the source's number on the page and the marker's own id.
pub struct Marker {
    pub number: usize,
    pub anchor: String,
}

impl Numbering {
    /// Records a citation of `id` and returns its marker.
    pub fn cite(&mut self, id: &SourceId) -> Marker {
        let next = self.list.len();
        let index = *self.by_id.entry(id.clone()).or_insert(next);
        if index == next {
            self.list.push(Citation {
                id: id.clone(),
                number: next + 1,
                refs: Vec::new(),
            });
        }
        let citation = &mut self.list[index];
        let anchor = format!("cite-{}-{}", citation.number, citation.refs.len() + 1);
        citation.refs.push(anchor.clone());
        Marker {
            number: citation.number,
            anchor,
        }
    }

    pub fn into_list(self) -> Vec<Citation> {
        self.list
    }
}

/// Anchor id of the entry numbered `number` in the page's list of sources. Numbers, not
/// source ids, keep the anchors short: every citation repeats them, and pages have a
/// size budget.
pub fn entry_anchor(number: usize) -> String {
    format!("source-{number}")
}

/// `<sup>` with one link per marker, each labelled `label` (`Source {n}`) for screen
/// readers. Ids are slugs, so they need no escaping.
pub fn markers_html(markers: &[Marker], label: &str) -> String {
    if markers.is_empty() {
        return String::new();
    }
    let links: Vec<String> = markers
        .iter()
        .map(|m| {
            let label = escape(&label.replace("{n}", &m.number.to_string()));
            format!(
                "<a id=\"{}\" href=\"#{}\" aria-label=\"{label}\">{}</a>",
                m.anchor,
                entry_anchor(m.number),
                m.number
            )
        })
        .collect();
    format!("<sup class=\"citation\">{}</sup>", links.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_from_one_or_several_citations() {
        assert_eq!(parse_ids("cite:@a"), ["a"]);
        assert_eq!(parse_ids("cite:@a; @b-2 ;@c"), ["a", "b-2", "c"]);
    }

    #[test]
    fn only_a_bracket_then_an_at_sign_may_cite() {
        assert!(may_cite("As reported [@nyt-2022]."));
        assert!(may_cite("[see][ \n @a]"));
        assert!(!may_cite(
            "Write to press@example.org or [the desk](desk.md)."
        ));
        assert!(!may_cite("No brackets at all"));
    }

    #[test]
    fn numbers_follow_first_citation_and_repeats_keep_their_number() {
        let id = |s: &str| SourceId::parse(s).unwrap();
        let mut c = Numbering::default();
        assert_eq!(c.cite(&id("b")).number, 1);
        assert_eq!(c.cite(&id("a")).number, 2);
        let again = c.cite(&id("b"));
        assert_eq!((again.number, again.anchor.as_str()), (1, "cite-1-2"));
        let list = c.into_list();
        assert_eq!(list[0].refs, ["cite-1-1", "cite-1-2"]);
    }
}
