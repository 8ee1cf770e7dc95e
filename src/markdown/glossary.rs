//! The glossary pass: the first use on a page of each glossary term links to its entry on
//! the glossary page. Text inside links, code and headings is left alone, and so is the
//! glossary page itself.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Context, Pass, Spanned};

#[derive(Default)]
pub struct Terms {
    /// Terms already linked on this page, by index.
    linked: Vec<bool>,
    in_link: bool,
    in_code_block: bool,
    in_heading: bool,
}

impl<'a> Pass<'a> for Terms {
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, out: &mut Vec<Spanned<'a>>) {
        match &event {
            Event::Start(Tag::Link { .. }) => self.in_link = true,
            Event::End(TagEnd::Link) => self.in_link = false,
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Heading { .. }) => self.in_heading = true,
            Event::End(TagEnd::Heading(_)) => self.in_heading = false,
            Event::Text(_) if !(self.in_link || self.in_code_block || self.in_heading) => {
                if let Event::Text(text) = event {
                    self.link_terms(text, at, cx, out);
                }
                return;
            }
            _ => {}
        }
        out.push((event, at));
    }
}

impl Terms {
    /// `text`, with the first use on this page of each term linked to its entry.
    fn link_terms<'a>(
        &mut self,
        text: CowStr<'a>,
        at: usize,
        cx: &Context,
        out: &mut Vec<Spanned<'a>>,
    ) {
        let glossary = cx.refs.glossary.filter(|g| g.page != cx.page.path);
        let spans = glossary.map(|g| (g, g.first_uses(&text, &mut self.linked)));
        let Some((glossary, spans)) = spans.filter(|(_, s)| !s.is_empty()) else {
            out.push((Event::Text(text), at));
            return;
        };
        let base = cx.page.path.url_to(&glossary.page);
        let mut from = 0;
        for (range, id) in spans {
            out.push((Event::Text(text[from..range.start].to_owned().into()), at));
            let open = format!("<a class=\"term\" href=\"{base}#{id}\">");
            out.push((Event::InlineHtml(open.into()), at));
            out.push((Event::Text(text[range.clone()].to_owned().into()), at));
            out.push((Event::InlineHtml("</a>".into()), at));
            from = range.end;
        }
        out.push((Event::Text(text[from..].to_owned().into()), at));
    }
}
