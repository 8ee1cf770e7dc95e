//! The headings pass: each heading gets an id derived from its text, so it stays stable as
//! the page is edited elsewhere, unique within the page; it links to itself, and it fills
//! the page's table of contents. Headings should go down one level at a time.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Body, Context, Next, Pass, TocEntry};
use crate::config::strings;
use crate::content::changes::Kind;
use crate::content::front_matter;
use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::diagnostics::spans::YamlPath;

/// The pass. A heading's events are held back until it ends, since its id depends on all
/// of its text.
pub struct Headings<'a> {
    ids: IdAllocator,
    toc: Vec<TocEntry>,
    open: Option<OpenHeading<'a>>,
    /// Level of the last heading; the template's `<h1>` comes first.
    level: u8,
}

/// A heading whose events are being collected until it ends.
struct OpenHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<CowStr<'a>>,
    text: String,
    events: Vec<(Event<'a>, usize)>,
}

impl Headings<'_> {
    /// Headings that never take an id of `reserved` (the ones the page's templates use).
    pub fn new(reserved: &HashSet<String>) -> Self {
        Headings {
            ids: IdAllocator::new(reserved),
            toc: Vec::new(),
            open: None,
            level: 1,
        }
    }
}

impl<'a> Pass<'a> for Headings<'a> {
    #[inline]
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.check_level(level as u8, at, cx);
                self.open = Some(OpenHeading {
                    level,
                    explicit_id: id,
                    text: String::new(),
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(heading) = self.open.take() {
                    self.emit(heading, at, cx, next);
                }
            }
            // The heading is itself a link to its anchor, and links can't nest.
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) if self.open.is_some() => {}
            event => match self.open.as_mut() {
                Some(heading) => {
                    if let Event::Text(text) | Event::Code(text) = &event {
                        heading.text.push_str(text);
                    }
                    heading.events.push((event, at));
                }
                None => next.take(event, at, cx),
            },
        }
    }

    fn finish(&mut self, cx: &mut Context, body: &mut Body) {
        check_anchors(&self.toc, cx);
        body.outline.toc = std::mem::take(&mut self.toc);
    }
}

impl<'a> Headings<'a> {
    /// Headings go down one level at a time, below the page's one `<h1>`.
    fn check_level(&mut self, level: u8, at: usize, cx: &mut Context) {
        if level == 1 {
            let hint = "the page's title is its only h1: start sections at ##";
            cx.warn(
                at,
                "a level-1 heading in the body".into(),
                Some(hint.into()),
            );
        } else if level > self.level + 1 {
            let hint = format!(
                "use {} here, or add the missing level above",
                "#".repeat(usize::from(self.level) + 1)
            );
            let message = format!("the heading skips from level {} to {level}", self.level);
            cx.warn(at, message, Some(hint));
        }
        self.level = level;
    }

    fn emit(&mut self, h: OpenHeading<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        let wanted = match &h.explicit_id {
            Some(id) if is_plain_id(id) => id.to_string(),
            Some(id) => slugify(id),
            None => slugify(&h.text),
        };
        let id = self.ids.allocate(&wanted);
        let level = h.level as u8;
        let open = format!("<h{level} id=\"{id}\"><a class=\"heading-link\" href=\"#{id}\">");
        next.take(Event::Html(open.into()), at, cx);
        for (event, at) in h.events {
            next.take(event, at, cx);
        }
        next.take(Event::Html(format!("</a></h{level}>\n").into()), at, cx);
        if let Some(mark) = change_mark(&id, cx) {
            next.take(Event::Html(mark.into()), at, cx);
        }
        let title = h.text.trim();
        let title = match cx.refs.spacing {
            Some(spacing) => spacing.apply(title).into_owned(),
            None => title.to_owned(),
        };
        self.toc.push(TocEntry { level, id, title });
    }
}

/// The note under a heading whose passage a correction or clarification of the page's
/// `changes:` names by its id, linking to the page's list of changes.
fn change_mark(id: &str, cx: &Context) -> Option<String> {
    let change = cx
        .page
        .front
        .changes
        .iter()
        .rev()
        .find(|c| c.kind.corrects() && c.anchor.as_deref() == Some(id))?;
    let key = match change.kind {
        Kind::Correction => "corrected_here",
        _ => "clarified_here",
    };
    let words = strings::plain(cx.refs.strings, key)
        .unwrap_or("This section has changed: see what changed.");
    Some(format!(
        "<p class=\"change-mark\"><a href=\"#{CHANGES_ID}\">{}</a></p>\n",
        crate::text::escape::escape(words)
    ))
}

/// Where the page lists its changes: the id its template gives that list.
pub const CHANGES_ID: &str = "changes";

/// Every `anchor` of the page's changes names one of its headings.
fn check_anchors(toc: &[TocEntry], cx: &mut Context) {
    for (index, change) in cx.page.front.changes.iter().enumerate() {
        let Some(anchor) = change.anchor.as_deref() else {
            continue;
        };
        if toc.iter().any(|t| t.id == anchor) {
            continue;
        }
        let node = YamlPath::root().key("changes").index(index).key("anchor");
        let at = front_matter::position(cx.text.text(), &node);
        let (line, column) = at.map_or((1, 1), |p| (p.line, p.column));
        let ids = toc.iter().map(|t| t.id.as_str());
        let hint = match did_you_mean(anchor, ids) {
            Some(id) => format!("did you mean `{id}`?"),
            None => "an anchor is the id of one of the page's headings (`## Title {#id}`)".into(),
        };
        let problem = Problem::new(
            cx.page.file.source(),
            line,
            column,
            format!("no heading of this page has the id `{anchor}`"),
        )
        .with_source(cx.text.text())
        .with_hint(hint);
        cx.problems.push(problem);
    }
}

/// An author's `{#id}` is used as written when it needs no escaping anywhere.
fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

/// Ids the engine gives elements of a page's body itself; a heading never takes one of
/// them, nor one that the site's templates use ([`crate::templates::Templates::ids`]).
pub const RESERVED_IDS: &[&str] = &["footnotes"];

/// The id a heading's text gives: lowercase letters and digits, runs of spaces, hyphens and
/// underscores turned into one `-`, everything else dropped. "Why 27 May 1997?" gives
/// `why-27-may-1997`.
pub fn slugify(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_dash = true;
        }
    }
    if id.is_empty() {
        "section".to_owned()
    } else {
        id
    }
}

/// Hands out ids that are unique within one page: the second "Sources" becomes `sources-1`.
#[derive(Debug)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// An allocator that never hands out the engine's own ids or any of `reserved`.
    pub fn new(reserved: &HashSet<String>) -> Self {
        let mut used = reserved.clone();
        used.extend(RESERVED_IDS.iter().map(|&s| s.to_owned()));
        IdAllocator { used }
    }
}

impl IdAllocator {
    /// A unique id based on `wanted`.
    pub fn allocate(&mut self, wanted: &str) -> String {
        let mut id = wanted.to_owned();
        let mut n = 1;
        while self.used.contains(&id) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(slugify("Why 27 May 1997?"), "why-27-may-1997");
        assert_eq!(
            slugify("What did NATO's reply offer?"),
            "what-did-natos-reply-offer"
        );
        assert_eq!(slugify("  Ukraine -- and  Georgia_"), "ukraine-and-georgia");
        assert_eq!(slugify("Češi a Slováci"), "češi-a-slováci");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn repeated_and_reserved_ids_get_a_suffix() {
        let mut ids = IdAllocator::new(&HashSet::from(["main".to_owned()]));
        assert_eq!(ids.allocate("sources"), "sources");
        assert_eq!(ids.allocate("sources"), "sources-1");
        assert_eq!(ids.allocate("sources"), "sources-2");
        assert_eq!(ids.allocate("main"), "main-1");
        assert_eq!(ids.allocate("footnotes"), "footnotes-1");
    }
}
