//! The glossary pass: the first use on a page of each glossary term links to its entry on
//! the glossary page. Text inside links, code and headings is left alone, and so is the
//! glossary page itself.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Context, Next, Pass};

#[derive(Default)]
pub struct Terms {
    /// Terms already linked on this page, by index.
    linked: Vec<bool>,
    in_link: bool,
    in_code_block: bool,
    in_heading: bool,
}

impl<'a> Pass<'a> for Terms {
    #[inline]
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        match &event {
            Event::Start(Tag::Link { .. }) => self.in_link = true,
            Event::End(TagEnd::Link) => self.in_link = false,
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Heading { .. }) => self.in_heading = true,
            Event::End(TagEnd::Heading(_)) => self.in_heading = false,
            Event::Text(_) if !(self.in_link || self.in_code_block || self.in_heading) => {
                if let Event::Text(text) = event {
                    self.link_terms(text, at, cx, next);
                }
                return;
            }
            _ => {}
        }
        next.take(event, at, cx);
    }
}

impl Terms {
    /// `text`, with the first use on this page of each term linked to its entry.
    fn link_terms<'a>(
        &mut self,
        text: CowStr<'a>,
        at: usize,
        cx: &mut Context,
        next: &mut impl Next<'a>,
    ) {
        let (refs, page) = (cx.refs, cx.page);
        let glossary = refs.glossary.filter(|g| g.page != page.path);
        let spans = glossary.map(|g| (g, g.first_uses(&text, &mut self.linked)));
        let Some((glossary, spans)) = spans.filter(|(_, s)| !s.is_empty()) else {
            next.take(Event::Text(text), at, cx);
            return;
        };
        let base = page.path.url_to(&glossary.page);
        let mut from = 0;
        for (range, id) in spans {
            next.take(
                Event::Text(text[from..range.start].to_owned().into()),
                at,
                cx,
            );
            let open = format!("<a class=\"term\" href=\"{base}#{id}\">");
            next.take(Event::InlineHtml(open.into()), at, cx);
            next.take(Event::Text(text[range.clone()].to_owned().into()), at, cx);
            next.take(Event::InlineHtml("</a>".into()), at, cx);
            from = range.end;
        }
        next.take(Event::Text(text[from..].to_owned().into()), at, cx);
    }
}
