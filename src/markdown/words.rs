//! The words of a page's prose, counted as a reader counts them ([`WordCount`]): not code
//! blocks, not the ids inside citations.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::{Body, Context, Observe, citations};
use crate::text::words::WordCount;

/// The pass: sees every event as the author wrote it, and passes each on unchanged.
#[derive(Default)]
pub struct Words {
    count: WordCount,
    in_code_block: bool,
    in_citation: bool,
}

impl<'a> Observe<'a> for Words {
    #[inline]
    fn see(&mut self, event: &Event<'a>, _: usize, _: &mut Context) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                if !self.in_code_block && !self.in_citation {
                    self.count.push(text);
                }
            }
            // A citation's ids are not prose; an author's text before it (`[text][@id]`) is.
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => {
                self.in_citation = dest_url.starts_with(citations::SCHEME)
                    && *link_type != LinkType::ReferenceUnknown;
            }
            Event::End(TagEnd::Link) => self.in_citation = false,
            // Inline markup continues the word it is in.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            Event::Start(Tag::CodeBlock(_)) => {
                self.in_code_block = true;
                self.count.push_break();
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.count.push_break();
            }
            _ => self.count.push_break(),
        }
    }

    fn finish(&mut self, _: &mut Context, body: &mut Body) {
        body.outline.word_count = self.count.total();
    }
}
