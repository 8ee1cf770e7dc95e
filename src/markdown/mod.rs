//! Markdown to HTML: CommonMark with GFM tables, footnotes, strikethrough and smart
//! punctuation; headings get stable unique ids, a self-link and a table-of-contents entry;
//! links to other pages' `.md` files become relative URLs.
//!
//! Links to another page's anchor can only be checked once every page is rendered, so they
//! are returned as [`AnchorRef`]s for the caller to check.

pub mod headings;
pub mod links;

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::Page;
use crate::diagnostics::{Diagnostic, LineIndex, did_you_mean};
use crate::urls;
use headings::IdAllocator;
use links::{Destination, PageIndex};

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
    pub ids: HashSet<String>,
    pub word_count: usize,
    pub anchor_refs: Vec<AnchorRef>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading whose events are being collected until it ends.
struct OpenHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<CowStr<'a>>,
    text: String,
    events: Vec<Event<'a>>,
}

/// Renders `page`'s body. Links to unknown pages are returned as diagnostics; the HTML is
/// still complete so that every other problem of the page can be found in the same run.
pub fn render(page: &Page, index: &PageIndex) -> (Rendered, Vec<Diagnostic>) {
    let body = page.body();
    let mut out = Rendered::default();
    let mut problems = Vec::new();
    let mut ids = IdAllocator::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut in_code_block = false;
    // The page's prose as plain text, for the word count; block boundaries become spaces.
    let mut prose = String::new();
    let mut lines: Option<LineIndex> = None;
    let mut locate = |offset: usize| {
        let lines = lines.get_or_insert_with(|| LineIndex::new(&page.text));
        lines.locate(&page.text, page.body_start + offset)
    };

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some(OpenHeading {
                    level,
                    explicit_id: id,
                    text: String::new(),
                    events: Vec::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    emit_heading(h, &mut ids, &mut out, &mut events);
                }
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match rewrite_link(&dest_url, page, index, range.start) {
                    Ok((url, anchor_ref)) => {
                        out.anchor_refs.extend(anchor_ref);
                        url.map_or(dest_url, CowStr::from)
                    }
                    Err((message, hint)) => {
                        let (line, column) = locate(range.start);
                        let mut d = Diagnostic::new(&page.source, line, column, message)
                            .with_source(&page.text);
                        if let Some(hint) = hint {
                            d = d.with_hint(hint);
                        }
                        problems.push(d);
                        dest_url
                    }
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                Event::Start(Tag::CodeBlock(kind))
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                Event::End(TagEnd::CodeBlock)
            }
            other => other,
        };
        match &event {
            Event::Text(text) | Event::Code(text) => {
                if !in_code_block {
                    prose.push_str(text);
                }
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(text);
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            _ => prose.push(' '),
        }
        match heading.as_mut() {
            // A heading is itself a link to its anchor, and links can't nest.
            Some(_)
                if matches!(
                    event,
                    Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link)
                ) => {}
            Some(h) => h.events.push(event),
            None => events.push(event),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out.word_count = count_words(&prose);
    (out, problems)
}

fn emit_heading<'a>(
    h: OpenHeading<'a>,
    ids: &mut IdAllocator,
    out: &mut Rendered,
    events: &mut Vec<Event<'a>>,
) {
    let wanted = match &h.explicit_id {
        Some(id) if is_plain_id(id) => id.to_string(),
        Some(id) => headings::slugify(id),
        None => headings::slugify(&h.text),
    };
    let id = ids.allocate(&wanted);
    let level = h.level as u8;
    events.push(Event::Html(
        format!("<h{level} id=\"{id}\"><a class=\"heading-link\" href=\"#{id}\">").into(),
    ));
    events.extend(h.events);
    events.push(Event::Html(format!("</a></h{level}>\n").into()));
    out.ids.insert(id.clone());
    out.toc.push(TocEntry {
        level,
        id,
        title: h.text.trim().to_owned(),
    });
}

/// Words as a reader counts them: punctuation on its own is not a word.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
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
fn rewrite_link(dest: &str, page: &Page, index: &PageIndex, offset: usize) -> LinkResult {
    let anchor_ref = |target: &str, anchor: &str| AnchorRef {
        target: target.to_owned(),
        anchor: anchor.to_owned(),
        offset: page.body_start + offset,
    };
    match links::classify(dest, &page.content_path) {
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
    use crate::content::front_matter::FrontMatter;
    use std::path::PathBuf;

    fn page(path: &str, body: &str) -> Page {
        let text = format!("---\ntitle: T\ndescription: D\n---\n{body}");
        let front: FrontMatter = serde_yaml::from_str("title: T\ndescription: D").unwrap();
        let content_path = PathBuf::from(path.replace(".html", ".md"));
        Page {
            source: PathBuf::from("content").join(&content_path),
            content_path,
            path: path.to_owned(),
            front,
            template: "page.html".to_owned(),
            body_start: text.len() - body.len(),
            text,
        }
    }

    fn render_alone(body: &str) -> (Rendered, Vec<Diagnostic>) {
        let p = page("here.html", body);
        let index = PageIndex::new(std::slice::from_ref(&p));
        render(&p, &index)
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
    }

    #[test]
    fn md_links_become_relative_urls_and_unknown_pages_are_located() {
        let a = page(
            "a/one.html",
            "See [two](two.md#why) and\n[home](../index.md) and [gone](nope.md).\n",
        );
        let two = page("a/two.html", "");
        let home = page("index.html", "");
        let pages = [a, two, home];
        let index = PageIndex::new(&pages);
        let (r, problems) = render(&pages[0], &index);
        assert!(r.html.contains(r#"href="two.html#why""#), "{}", r.html);
        assert!(r.html.contains(r#"href="../index.html""#));
        assert_eq!(r.anchor_refs.len(), 1);
        assert_eq!(r.anchor_refs[0].target, "a/two.html");
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (6, 25));
        assert!(problems[0].message.contains("nope.md"));
    }

    #[test]
    fn word_count_skips_code_blocks() {
        let (r, _) =
            render_alone("One \"two\" `three`.\n\n```\nnot counted here\n```\n\nNATO's *un*done\n");
        assert_eq!(r.word_count, 5);
    }
}
