//! The links pass: a link to another page's `.md` file becomes that page's relative URL; a
//! link to a page that doesn't exist, or out of `content/`, is an error; a link to a file
//! the site won't have is a warning. Links to headings are recorded, to be checked once
//! every page's headings are known.

use pulldown_cmark::{CowStr, Event, Tag};

use super::{AnchorRef, Context, Next, Pass};
use crate::diagnostics::problem::did_you_mean;
use crate::markdown::targets::{self, Destination};

#[derive(Default)]
pub struct Links {
    anchor_refs: Vec<AnchorRef>,
}

impl<'a> Pass<'a> for Links {
    #[inline]
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.rewrite(dest_url, at, cx),
                title,
                id,
            }),
            other => other,
        };
        next.take(event, at, cx);
    }

    fn finish(&mut self, _: &mut Context, body: &mut super::Body) {
        body.outline.anchor_refs = std::mem::take(&mut self.anchor_refs);
    }
}

impl Links {
    /// The link's new destination: unchanged unless it names a page.
    fn rewrite<'a>(&mut self, dest: CowStr<'a>, at: usize, cx: &mut Context) -> CowStr<'a> {
        let from = &cx.page.path;
        match targets::classify(&dest, from) {
            Destination::Other => {
                check_file(&dest, at, cx);
                dest
            }
            Destination::Anchor(anchor) => {
                let anchor_ref = AnchorRef {
                    target: from.clone(),
                    anchor: anchor.to_owned(),
                    at: cx.locate(at),
                };
                self.anchor_refs.push(anchor_ref);
                dest
            }
            Destination::OutsideContent => {
                let message = format!("link to `{dest}` leaves the content folder");
                cx.error(
                    at,
                    message,
                    Some("link to pages inside content/ only".into()),
                );
                dest
            }
            Destination::Page { source, anchor } => match cx.refs.pages.page(&source) {
                // A page that failed to load: its own problems are reported instead.
                Some(None) => dest,
                Some(Some(target)) => {
                    let url = from.url_to(target);
                    let Some(anchor) = anchor else {
                        return url.into();
                    };
                    self.anchor_refs.push(AnchorRef {
                        target: target.clone(),
                        anchor: anchor.to_owned(),
                        at: cx.locate(at),
                    });
                    format!("{url}#{anchor}").into()
                }
                None => {
                    let hint = did_you_mean(&source, cx.refs.pages.sources())
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| {
                            "link to a file in content/, relative to this page".into()
                        });
                    let message = format!("link to `{dest}`: there is no page content/{source}");
                    cx.error(at, message, Some(hint));
                    dest
                }
            },
        }
    }
}

/// A relative link or image that names a file must name one the site will have.
pub(super) fn check_file(dest: &str, at: usize, cx: &mut Context) {
    let Some(target) = targets::file_target(dest, &cx.page.path) else {
        return;
    };
    if !cx.refs.files.contains(&target) {
        cx.warn(
            at,
            format!("`{dest}` points to {target}, which the site does not have"),
            Some("put the file in static/, or fix the path (it is relative to this page)".into()),
        );
    }
}
