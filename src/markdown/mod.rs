//! Markdown to HTML: CommonMark with GFM tables, footnotes, strikethrough and smart
//! punctuation; headings get stable unique ids, a self-link and a table-of-contents entry;
//! links to other pages' `.md` files become relative URLs.
//!
//! Links to another page's anchor can only be checked once every page is rendered, so they
//! are returned as [`AnchorRef`]s for the caller to check.

pub mod citations;
pub mod glossary;
pub mod headings;
pub mod links;
pub mod sanitize;
mod words;

use std::collections::HashSet;

use pulldown_cmark::{
    Alignment, BrokenLinkCallback, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::content::{Page, PageText};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, LineIndex, did_you_mean};
use crate::urls;
pub use citations::Citation;
use citations::Citations;
pub use glossary::Glossary;
use headings::IdAllocator;
use links::{Destination, PageIndex};
pub use words::WordCount;

/// One heading, as templates see it in `page.toc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to `#anchor` on the page at `target` (a site path), to be checked later.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    pub target: String,
    pub anchor: String,
    /// Byte offset of the link in the linking page's file.
    pub offset: usize,
}

/// A page's body, rendered.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub anchor_refs: Vec<AnchorRef>,
    /// The sources the page cites, in the order of their numbers.
    pub citations: Vec<Citation>,
    /// Problems that don't stop a build but that `explainer check` reports: skipped
    /// heading levels, images without alt text, links to files that don't exist.
    pub warnings: Vec<Diagnostic>,
}

/// The one way a page's body is parsed, so that the citation scan and the render read the
/// same events and number citations alike.
fn parser(body: &str) -> Parser<'_, impl BrokenLinkCallback<'_>> {
    Parser::new_with_broken_link_callback(body, options(), Some(citations::broken_link_callback))
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What a page's Markdown can refer to besides itself.
pub struct References<'a> {
    pub pages: &'a PageIndex,
    pub data: &'a Data,
    pub glossary: Option<&'a Glossary>,
    /// Raw HTML in Markdown is passed through as written instead of sanitised.
    pub trust_html: bool,
    /// Site paths of every file the site will have (pages and static files), to check
    /// links and images that name a file.
    pub files: &'a HashSet<String>,
}

/// A heading whose events are being collected until it ends.
struct OpenHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<CowStr<'a>>,
    text: String,
    events: Vec<Event<'a>>,
}

/// Where the event stream is, for the events that depend on it.
#[derive(Default)]
struct State<'a> {
    heading: Option<OpenHeading<'a>>,
    /// Inside a link (an author's, or a citation's placeholder link).
    in_link: bool,
    /// Inside a citation: its text is replaced by the reference numbers.
    in_citation: bool,
    in_code_block: bool,
    /// An image being read: where it starts, and its alt text so far.
    image: Option<(usize, String)>,
    table: Option<Table>,
}

/// A table being read, to open its aligned cells.
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    /// The column of the next cell.
    column: usize,
}

/// A page's body in one pass: its HTML, what it holds (headings, anchors, citations,
/// words) and its mistakes (unknown pages, anchors or sources), every one of them.
pub fn render(page: &Page, text: &PageText, refs: &References) -> (Rendered, Vec<Diagnostic>) {
    let mut renderer = PageRenderer {
        page,
        text,
        refs,
        out: Rendered::default(),
        problems: Vec::new(),
        ids: IdAllocator::default(),
        citations: Citations::default(),
        linked_terms: HashSet::new(),
        words: WordCount::default(),
        lines: None,
        raw_html: false,
        heading_level: 1,
    };
    let parser = parser(text.body());
    let mut state = State::default();
    let mut events = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        renderer.handle(event, range.start, &mut state, &mut events);
    }
    let mut out = renderer.out;
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    if renderer.raw_html && !refs.trust_html {
        out.html = sanitize::clean(&out.html);
    }
    out.word_count = renderer.words.total();
    out.citations = renderer.citations.into_list();
    (out, renderer.problems)
}

/// Only the sources a page cites, numbered as [`render`] numbers them: what the site
/// needs of every page before it renders any, since each page's summary lists them. A
/// page whose text can't hold a citation is not parsed at all.
pub fn scan_citations(text: &PageText, data: &Data) -> Vec<Citation> {
    if !citations::may_cite(text.body()) {
        return Vec::new();
    }
    let mut found = Citations::default();
    for event in parser(text.body()) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && dest_url.starts_with(citations::SCHEME)
        {
            for id in citations::parse_ids(&dest_url) {
                if data.source(id).is_some() {
                    found.cite(id);
                }
            }
        }
    }
    found.into_list()
}

struct PageRenderer<'p, 'r> {
    page: &'p Page,
    text: &'p PageText,
    refs: &'r References<'r>,
    out: Rendered,
    problems: Vec<Diagnostic>,
    ids: IdAllocator,
    citations: Citations,
    /// Glossary terms already linked on this page: only a term's first use is linked.
    linked_terms: HashSet<String>,
    /// The words of the page's prose; code blocks and citations are not prose.
    words: WordCount,
    lines: Option<LineIndex>,
    /// The author wrote raw HTML, so the page must be sanitised.
    raw_html: bool,
    /// Level of the last heading; the template's `<h1>` comes first.
    heading_level: u8,
}

impl<'a> PageRenderer<'_, '_> {
    fn handle(
        &mut self,
        event: Event<'a>,
        offset: usize,
        state: &mut State<'a>,
        events: &mut Vec<Event<'a>>,
    ) {
        self.count_prose(&event, state);
        let event = match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.check_level(level as u8, offset);
                state.heading = Some(OpenHeading {
                    level,
                    explicit_id: id,
                    text: String::new(),
                    events: Vec::new(),
                });
                return;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = state.heading.take() {
                    self.emit_heading(h, events);
                }
                return;
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with(citations::SCHEME) => {
                state.in_link = true;
                state.in_citation = true;
                let html = self.cite(&dest_url, offset);
                push(state, events, Event::InlineHtml(html.into()));
                return;
            }
            Event::End(TagEnd::Link) if state.in_citation => {
                state.in_link = false;
                state.in_citation = false;
                return;
            }
            _ if state.in_citation => return,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                state.in_link = true;
                let dest_url = self.rewrite_link(dest_url, offset);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                state.in_link = false;
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.check_file(&dest_url, offset);
                state.image = Some((offset, String::new()));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = state.image.take()
                    && alt.trim().is_empty()
                {
                    self.warn(
                        start,
                        "an image without alt text".into(),
                        Some("describe the image: ![What it shows](file.png)".into()),
                    );
                }
                Event::End(TagEnd::Image)
            }
            Event::Start(Tag::Table(alignments)) => {
                // Aligned cells are opened here, with a class: the `style` attribute the
                // HTML writer would give them is blocked by a Content-Security-Policy
                // without 'unsafe-inline' styles.
                let unaligned = vec![Alignment::None; alignments.len()];
                state.table = Some(Table {
                    alignments,
                    in_head: false,
                    column: 0,
                });
                Event::Start(Tag::Table(unaligned))
            }
            Event::Start(row @ (Tag::TableHead | Tag::TableRow)) => {
                if let Some(table) = state.table.as_mut() {
                    table.in_head = matches!(row, Tag::TableHead);
                    table.column = 0;
                }
                Event::Start(row)
            }
            Event::Start(Tag::TableCell) => match aligned_cell(&mut state.table) {
                Some(html) => Event::InlineHtml(html.into()),
                None => Event::Start(Tag::TableCell),
            },
            Event::End(TagEnd::Table) => {
                state.table = None;
                Event::End(TagEnd::Table)
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                state.in_code_block = true;
                Event::Start(Tag::CodeBlock(kind))
            }
            Event::End(TagEnd::CodeBlock) => {
                state.in_code_block = false;
                Event::End(TagEnd::CodeBlock)
            }
            Event::Html(html) => {
                self.raw_html = true;
                Event::Html(html)
            }
            Event::InlineHtml(html) => {
                self.raw_html = true;
                Event::InlineHtml(html)
            }
            Event::Text(text)
                if !state.in_link && !state.in_code_block && state.heading.is_none() =>
            {
                for piece in self.link_terms(text) {
                    events.push(piece);
                }
                return;
            }
            other => other,
        };
        push(state, events, event);
    }

    fn count_prose(&mut self, event: &Event, state: &mut State) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = state.image.as_mut() {
                    alt.push_str(text);
                }
                if !state.in_code_block && !state.in_citation {
                    self.words.push(text);
                }
                if let Some(h) = state.heading.as_mut().filter(|_| !state.in_citation) {
                    h.text.push_str(text);
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            _ => self.words.push_break(),
        }
    }

    fn locate(&mut self, offset: usize) -> (usize, usize) {
        let text = &self.text.text;
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(text));
        lines.locate(text, self.text.body_start + offset)
    }

    fn diagnostic(&mut self, offset: usize, message: String, hint: Option<String>) -> Diagnostic {
        let (line, column) = self.locate(offset);
        let d =
            Diagnostic::new(&self.page.source, line, column, message).with_source(&self.text.text);
        match hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }
    }

    fn error(&mut self, offset: usize, message: String, hint: Option<String>) {
        let d = self.diagnostic(offset, message, hint);
        self.problems.push(d);
    }

    fn warn(&mut self, offset: usize, message: String, hint: Option<String>) {
        let d = self.diagnostic(offset, message, hint);
        self.out.warnings.push(d);
    }

    /// Headings go down one level at a time, below the page's one `<h1>`.
    fn check_level(&mut self, level: u8, offset: usize) {
        if level == 1 {
            let hint = "the page's title is its only h1: start sections at ##";
            self.warn(
                offset,
                "a level-1 heading in the body".into(),
                Some(hint.into()),
            );
        } else if level > self.heading_level + 1 {
            let hint = format!(
                "use {} here, or add the missing level above",
                "#".repeat(usize::from(self.heading_level) + 1)
            );
            let message = format!(
                "the heading skips from level {} to {level}",
                self.heading_level
            );
            self.warn(offset, message, Some(hint));
        }
        self.heading_level = level;
    }

    /// A relative link or image that names a file must name one the site will have.
    fn check_file(&mut self, dest: &str, offset: usize) {
        let Some(target) = links::file_target(dest, &self.page.path) else {
            return;
        };
        if !self.refs.files.contains(&target) {
            self.warn(
                offset,
                format!("`{dest}` points to {target}, which the site does not have"),
                Some(
                    "put the file in static/, or fix the path (it is relative to this page)".into(),
                ),
            );
        }
    }

    fn emit_heading(&mut self, h: OpenHeading<'a>, events: &mut Vec<Event<'a>>) {
        let wanted = match &h.explicit_id {
            Some(id) if is_plain_id(id) => id.to_string(),
            Some(id) => headings::slugify(id),
            None => headings::slugify(&h.text),
        };
        let id = self.ids.allocate(&wanted);
        let level = h.level as u8;
        events.push(Event::Html(
            format!("<h{level} id=\"{id}\"><a class=\"heading-link\" href=\"#{id}\">").into(),
        ));
        events.extend(h.events);
        events.push(Event::Html(format!("</a></h{level}>\n").into()));
        self.out.toc.push(TocEntry {
            level,
            id,
            title: h.text.trim().to_owned(),
        });
    }

    /// The citation markers for `[@id; @other]`, numbered in order of first citation.
    fn cite(&mut self, dest: &str, offset: usize) -> String {
        let ids = citations::parse_ids(dest);
        let mut markers = Vec::new();
        for id in ids {
            if self.refs.data.source(id).is_none() {
                let hint = did_you_mean(id, self.refs.data.source_ids())
                    .map(|c| format!("did you mean `@{c}`?"))
                    .or_else(|| Some("cite an `id` from content/data/sources.yaml".to_owned()));
                self.error(offset, format!("unknown source `{id}`"), hint);
                continue;
            }
            markers.push(self.citations.cite(id));
        }
        citations::markers_html(&markers)
    }

    fn rewrite_link(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let destination = links::classify(&dest, &self.page.path);
        if destination == Destination::Other {
            self.check_file(&dest, offset);
        }
        match rewrite_link(
            &dest,
            destination,
            self.page,
            self.refs.pages,
            self.text.body_start + offset,
        ) {
            Ok((url, anchor_ref)) => {
                self.out.anchor_refs.extend(anchor_ref);
                url.map_or(dest, CowStr::from)
            }
            Err((message, hint)) => {
                self.error(offset, message, hint);
                dest
            }
        }
    }

    /// The text, with the first use on this page of each glossary term linked to its entry.
    fn link_terms(&mut self, text: CowStr<'a>) -> Vec<Event<'a>> {
        let Some(glossary) = self.refs.glossary.filter(|g| g.page != self.page.path) else {
            return vec![Event::Text(text)];
        };
        let spans = glossary.first_uses(&text, &mut self.linked_terms);
        if spans.is_empty() {
            return vec![Event::Text(text)];
        }
        let base = urls::relative(&self.page.path, &glossary.page);
        let mut pieces = Vec::new();
        let mut at = 0;
        for (range, id) in spans {
            pieces.push(Event::Text(text[at..range.start].to_owned().into()));
            pieces.push(Event::InlineHtml(
                format!("<a class=\"term\" href=\"{base}#{id}\">").into(),
            ));
            pieces.push(Event::Text(text[range.clone()].to_owned().into()));
            pieces.push(Event::InlineHtml("</a>".into()));
            at = range.end;
        }
        pieces.push(Event::Text(text[at..].to_owned().into()));
        pieces
    }
}

/// Adds an event to the open heading, if any, or to the page. Links inside a heading are
/// dropped: the heading is itself a link to its anchor, and links can't nest.
fn push<'a>(state: &mut State<'a>, events: &mut Vec<Event<'a>>, event: Event<'a>) {
    match state.heading.as_mut() {
        Some(_)
            if matches!(
                event,
                Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link)
            ) => {}
        Some(h) => h.events.push(event),
        None => events.push(event),
    }
}

/// The opening tag of the next cell of `table`, if its column is aligned.
fn aligned_cell(table: &mut Option<Table>) -> Option<String> {
    let table = table.as_mut()?;
    let alignment = table.alignments.get(table.column).copied();
    table.column += 1;
    let side = match alignment? {
        Alignment::None => return None,
        Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    };
    let tag = if table.in_head { "th" } else { "td" };
    Some(format!("<{tag} class=\"align-{side}\">"))
}

/// An author's `{#id}` is used as written when it needs no escaping anywhere.
fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

type LinkResult = Result<(Option<String>, Option<AnchorRef>), (String, Option<String>)>;

/// The new destination of a link (if it changes) and the anchor to check (if any).
/// `offset` is the link's byte offset in the page's file.
fn rewrite_link(
    dest: &str,
    destination: Destination,
    page: &Page,
    index: &PageIndex,
    offset: usize,
) -> LinkResult {
    let anchor_ref = |target: &str, anchor: &str| AnchorRef {
        target: target.to_owned(),
        anchor: anchor.to_owned(),
        offset,
    };
    match destination {
        Destination::Other => Ok((None, None)),
        Destination::Anchor(anchor) => Ok((None, Some(anchor_ref(&page.path, anchor)))),
        Destination::OutsideContent => Err((
            format!("link to `{dest}` leaves the content folder"),
            Some("link to pages inside content/ only".to_owned()),
        )),
        Destination::Page { source, anchor } => {
            let Some(target) = index.site_path(&source) else {
                let hint = did_you_mean(&source, index.sources())
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| {
                        Some("link to a file in content/, relative to this page".to_owned())
                    });
                return Err((
                    format!("link to `{dest}`: there is no page content/{source}"),
                    hint,
                ));
            };
            let url = urls::relative(&page.path, target);
            Ok(match anchor {
                Some(anchor) => (
                    Some(format!("{url}#{anchor}")),
                    Some(anchor_ref(target, anchor)),
                ),
                None => (Some(url), None),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, body: &str) -> (Page, PageText) {
        Page::in_memory(path, body)
    }

    /// Renders the first of `pages`, with the others as the rest of the site.
    fn render_with(
        pages: Vec<(Page, PageText)>,
        data: &Data,
        glossary: Option<&Glossary>,
    ) -> (Rendered, Vec<Diagnostic>) {
        let (pages, texts): (Vec<Page>, Vec<PageText>) = pages.into_iter().unzip();
        let index = PageIndex::new(&pages);
        let refs = References {
            pages: &index,
            data,
            glossary,
            trust_html: false,
            files: &HashSet::new(),
        };
        render(&pages[0], &texts[0], &refs)
    }

    fn render_alone(body: &str) -> (Rendered, Vec<Diagnostic>) {
        render_with(vec![page("here.html", body)], &Data::default(), None)
    }

    #[test]
    fn headings_get_unique_ids_self_links_and_toc_entries() {
        let (r, _) = render_alone("## Why 27 May 1997?\n\n### Sources\n\n## Sources\n");
        assert!(r.html.contains(
            r##"<h2 id="why-27-may-1997"><a class="heading-link" href="#why-27-may-1997">Why 27 May 1997?</a></h2>"##
        ), "{}", r.html);
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["why-27-may-1997", "sources", "sources-1"]);
        assert_eq!(r.toc[1].level, 3);
    }

    #[test]
    fn links_inside_headings_are_unwrapped() {
        let (r, _) = render_alone("## See [NATO](https://nato.int)\n");
        assert!(!r.html.contains("nato.int"), "{}", r.html);
        assert_eq!(r.toc[0].title, "See NATO");
    }

    #[test]
    fn gfm_extensions_and_smart_punctuation_are_on() {
        let (r, _) = render_alone(
            "\"Quoted\" -- ~~gone~~\n\n| a |\n|---|\n| 1 |\n\nNote[^n]\n\n[^n]: A note.\n",
        );
        assert!(r.html.contains("“Quoted” –"), "{}", r.html);
        assert!(r.html.contains("<del>gone</del>"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"));
        let (r, _) = render_alone("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        assert!(
            r.html.contains(r#"<th class="align-left">a</th>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<td class="align-right">2</td>"#));
        let (r, _) = render_alone("| a | b | c |\n|:-:|---|--:|\n| 1 | 2 | 3 |\n| 4 |\n");
        assert!(
            r.html.contains(r#"<td class="align-center">1</td>"#)
                && r.html.contains("<td>2</td>")
                && r.html.contains(r#"<td class="align-right">3</td>"#)
                && r.html.contains(r#"<td class="align-center">4</td>"#),
            "{}",
            r.html
        );
        assert!(!r.html.contains("style="), "{}", r.html);
    }

    #[test]
    fn md_links_become_relative_urls_and_unknown_pages_are_located() {
        let a = page(
            "a/one.html",
            "See [two](two.md#why) and\n[home](../index.md) and [gone](nope.md).\n",
        );
        let two = page("a/two.html", "");
        let home = page("index.html", "");
        let (r, problems) = render_with(vec![a, two, home], &Data::default(), None);
        assert!(r.html.contains(r#"href="two.html#why""#), "{}", r.html);
        assert!(r.html.contains(r#"href="../index.html""#));
        assert_eq!(r.anchor_refs.len(), 1);
        assert_eq!(r.anchor_refs[0].target, "a/two.html");
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (6, 25));
        assert!(problems[0].message.contains("nope.md"));
    }

    #[test]
    fn the_citation_scan_numbers_sources_as_the_render_does() {
        let sources: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(|id| format!("- {{id: {id}, publisher: P, title: T, date: 2022-01-01, url: 'https://example.org/'}}"))
            .collect();
        let data = Data {
            sources: serde_yaml::from_str(&sources.join("\n")).expect("valid sources"),
            ..Data::default()
        };
        let body = "## Why [@c]\n\nSee [@b; @a] and [@b] again [text][@a], \
                    [not cited](x.html) and `[@c]` in code.\n\n    [@c] indented code\n\n\
                    ![alt [@a]](i.png) and [@zz].\n";
        let (page, text) = page("here.html", body);
        let (rendered, _) = render_with(vec![(page, text)], &data, None);
        let (_, text) = self::page("here.html", body);
        assert_eq!(scan_citations(&text, &data), rendered.citations);
        let ids: Vec<_> = rendered.citations.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "a"]);
    }

    #[test]
    fn word_count_skips_code_blocks() {
        let (r, _) =
            render_alone("One \"two\" `three`.\n\n```\nnot counted here\n```\n\nNATO's *un*done\n");
        assert_eq!(r.word_count, 5);
    }
}
