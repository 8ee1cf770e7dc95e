//! The seams for Markdown features, one file each. A feature that only reads the page as
//! its author wrote it (counting words, say) is an [`Observe`]r: it sees each event first,
//! by reference. A feature that changes the page is a [`Pass`]: it sees the events one by
//! one, in order, and hands on to the [`Next`] pass what it should see; [`super::to_html`]
//! chains the passes in a fixed order with [`Then`], so that an event goes from pass to
//! pass without being stored between them.

use pulldown_cmark::Event;

use super::{Body, Location, References};
use crate::content::page::{Page, PageText};
use crate::diagnostics::problem::{LineIndex, Problem};

/// One Markdown feature.
pub trait Pass<'a> {
    /// Takes the next event and hands `next` what later passes should see instead: the
    /// event itself, a changed one, several, or none (held back or dropped). Events a pass
    /// makes carry the offset `at` of the event they came from.
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>);

    /// After the last event, with the page's HTML written: what the pass learnt goes into
    /// the body.
    fn finish(&mut self, _cx: &mut Context, _body: &mut Body) {}
}

/// A feature that reads the events as the author wrote them, before any pass changes them.
pub trait Observe<'a> {
    fn see(&mut self, event: &Event<'a>, at: usize, cx: &mut Context);

    /// After the last event, with the page's HTML written.
    fn finish(&mut self, _cx: &mut Context, _body: &mut Body) {}
}

/// Several observers, each seeing every event in turn.
impl<'a, A: Observe<'a>, B: Observe<'a>, C: Observe<'a>> Observe<'a> for (A, B, C) {
    fn see(&mut self, event: &Event<'a>, at: usize, cx: &mut Context) {
        self.0.see(event, at, cx);
        self.1.see(event, at, cx);
        self.2.see(event, at, cx);
    }

    fn finish(&mut self, cx: &mut Context, body: &mut Body) {
        self.0.finish(cx, body);
        self.1.finish(cx, body);
        self.2.finish(cx, body);
    }
}

/// Where a pass hands its events: the rest of the chain.
pub trait Next<'a> {
    fn take(&mut self, event: Event<'a>, at: usize, cx: &mut Context);

    /// The chain's passes finish, in order.
    fn finish(&mut self, cx: &mut Context, body: &mut Body);

    /// The events that came out of the end of the chain.
    fn events(&mut self) -> &mut Vec<Event<'a>>;
}

/// `chain![a, b, c]`: the passes in the order events go through them, then the page's
/// list of events.
macro_rules! chain {
    ($pass:expr $(, $rest:expr)* $(,)?) => {
        $crate::markdown::Then($pass, $crate::markdown::pass::chain![$($rest),*])
    };
    () => {
        Vec::new()
    };
}
pub(crate) use chain;

/// A pass, then the rest of the chain.
pub struct Then<P, N>(pub P, pub N);

impl<'a, P: Pass<'a>, N: Next<'a>> Next<'a> for Then<P, N> {
    fn take(&mut self, event: Event<'a>, at: usize, cx: &mut Context) {
        self.0.event(event, at, cx, &mut self.1);
    }

    fn finish(&mut self, cx: &mut Context, body: &mut Body) {
        self.0.finish(cx, body);
        self.1.finish(cx, body);
    }

    fn events(&mut self) -> &mut Vec<Event<'a>> {
        self.1.events()
    }
}

/// The end of the chain: the page's events, ready to be written as HTML.
impl<'a> Next<'a> for Vec<Event<'a>> {
    fn take(&mut self, event: Event<'a>, _: usize, _: &mut Context) {
        self.push(event);
    }

    fn finish(&mut self, _: &mut Context, _: &mut Body) {}

    fn events(&mut self) -> &mut Vec<Event<'a>> {
        self
    }
}

/// What every pass may need of the page: where it is, what it can refer to, and where its
/// problems go.
pub struct Context<'p> {
    pub page: &'p Page,
    pub text: &'p PageText,
    pub refs: &'p References<'p>,
    /// Errors and warnings, in the order found.
    pub problems: Vec<Problem>,
    lines: Option<LineIndex>,
}

impl<'p> Context<'p> {
    pub fn new(page: &'p Page, text: &'p PageText, refs: &'p References<'p>) -> Self {
        Context {
            page,
            text,
            refs,
            problems: Vec::new(),
            lines: None,
        }
    }

    /// The place of byte `at` of the body in the page's file.
    pub fn locate(&mut self, at: usize) -> Location {
        let text = self.text.text();
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(text));
        let (line, column) = lines.locate(text, self.text.body_start + at);
        Location {
            line,
            column,
            source_line: text.lines().nth(line - 1).unwrap_or_default().to_owned(),
        }
    }

    /// A problem at byte `at` of the body.
    pub fn problem(&mut self, at: usize, message: String, hint: Option<String>) -> Problem {
        let Location { line, column, .. } = self.locate(at);
        let problem = Problem::new(self.page.file.source(), line, column, message)
            .with_source(self.text.text());
        match hint {
            Some(hint) => problem.with_hint(hint),
            None => problem,
        }
    }

    pub fn error(&mut self, at: usize, message: String, hint: Option<String>) {
        let problem = self.problem(at, message, hint);
        self.problems.push(problem);
    }

    pub fn warn(&mut self, at: usize, message: String, hint: Option<String>) {
        let problem = self.problem(at, message, hint).warning();
        self.problems.push(problem);
    }
}
