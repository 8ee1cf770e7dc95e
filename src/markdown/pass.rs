//! The seam for Markdown features: a [`Pass`] sees a page's events one by one, in order,
//! and hands on what the passes after it should see. Each feature is one pass in a file of
//! its own; [`super::to_html`] runs them in a fixed order.

use pulldown_cmark::Event;

use super::References;
use crate::page::{Page, PageText};
use crate::problem::{LineIndex, Problem};

/// An event and its byte offset in the page's Markdown body, for locating problems.
pub type Spanned<'a> = (Event<'a>, usize);

/// One Markdown feature.
pub trait Pass<'a> {
    /// Takes the next event and pushes onto `out` what later passes should see instead:
    /// the event itself, a changed one, several, or none (held back or dropped). Events a
    /// pass makes carry the offset of the event they came from.
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, out: &mut Vec<Spanned<'a>>);

    /// After the last event, with the page's HTML written: what the pass learnt goes into
    /// the body.
    fn finish(&mut self, _cx: &mut Context, _body: &mut super::Body) {}
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

/// Where in a page's file something is, found while its text is at hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The line itself, to quote under a problem.
    pub source_line: String,
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
        let problem =
            Problem::new(&self.page.source, line, column, message).with_source(self.text.text());
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
