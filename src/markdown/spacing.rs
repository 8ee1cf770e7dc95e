//! Keeps the spaces the edition's language binds ([`Spacing`]) from breaking, in a page's
//! text; code is left as written.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::pass::{Context, Next, Pass};
use crate::text::spacing::Spacing;

/// The pass: consecutive text events are joined (a link or emphasis can follow a
/// preposition, and the space is then at the end of the text before it), their spaces
/// bound, and handed on as one. Code is left alone.
pub struct Spaces<'a> {
    spacing: Option<Spacing>,
    held: Option<(CowStr<'a>, usize)>,
    in_code: bool,
}

impl Spaces<'_> {
    pub fn new(spacing: Option<Spacing>) -> Self {
        Spaces {
            spacing,
            held: None,
            in_code: false,
        }
    }

    fn release<'a>(
        held: &mut Option<(CowStr<'a>, usize)>,
        spacing: Spacing,
    ) -> Option<(Event<'a>, usize)> {
        let (text, at) = held.take()?;
        let text = match spacing.apply(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(spaced) => CowStr::from(spaced),
        };
        Some((Event::Text(text), at))
    }
}

impl<'a> Pass<'a> for Spaces<'a> {
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        let Some(spacing) = self.spacing else {
            return next.take(event, at, cx);
        };
        match event {
            Event::Text(text) if !self.in_code => {
                self.held = Some(match self.held.take() {
                    Some((before, start)) => (CowStr::from(format!("{before}{text}")), start),
                    None => (text, at),
                });
            }
            event => {
                if let Some((text, at)) = Self::release(&mut self.held, spacing) {
                    next.take(text, at, cx);
                }
                match &event {
                    Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
                    Event::End(TagEnd::CodeBlock) => self.in_code = false,
                    _ => {}
                }
                next.take(event, at, cx);
            }
        }
    }

    fn finish(&mut self, _: &mut Context, _: &mut super::Body) {
        // Every text ends inside a block, whose end released it; nothing is left here.
        debug_assert!(self.held.is_none());
    }
}
