//! The corrections page of each edition (`corrections.html`, `ru/corrections.html`): every
//! correction and clarification of the edition's pages, newest first, from their
//! `changes:`; linked from every page's footer, and, when the base URL is known, an Atom
//! feed of them beside it (`corrections.xml`). Both come from templates of the same name,
//! built in or the site's own; a site whose templates leave `corrections.html` out has
//! neither.

use serde::Serialize;
use tera::Context;

use super::context::{self, Summary};
use super::editions::Alternate;
use crate::config::editions::Edition;
use crate::config::strings;
use crate::content::changes::Change;
use crate::library::Library;
use crate::urls::SitePath;

pub use crate::content::changes::address as path;
pub use crate::content::changes::{CORRECTIONS_FEED as FEED, CORRECTIONS_PAGE as PAGE};

/// Whether the site has corrections pages: its templates have `corrections.html`.
pub fn published(library: &Library) -> bool {
    library.templates.as_ref().is_some_and(|t| t.contains(PAGE))
}

/// One correction or clarification as the corrections page and feed list it: the change,
/// and the page it was made on (`page.title`, `page.url`…).
#[derive(Debug, Serialize)]
pub struct Correction<'a> {
    #[serde(flatten)]
    pub change: &'a Change,
    pub page: &'a Summary<'a>,
    /// Its date and place among the page's changes of that day (`2026-11-29-2`): the same
    /// however many changes are added later, for the feed's ids.
    pub key: String,
}

/// The corrections and clarifications of `pages` (in navigation order), newest first; one
/// day's in the pages' order.
pub fn of<'a>(pages: impl Iterator<Item = (&'a [Change], &'a Summary<'a>)>) -> Vec<Correction<'a>> {
    let mut found: Vec<Correction> = pages
        .flat_map(|(changes, page)| {
            changes
                .iter()
                .enumerate()
                .filter(|(_, c)| c.kind.corrects())
                .map(move |(i, change)| {
                    let same_day = changes[..i]
                        .iter()
                        .filter(|c| c.date == change.date)
                        .count();
                    let key = format!("{}-{}", change.date, same_day + 1);
                    Correction { change, page, key }
                })
        })
        .collect();
    found.sort_by_key(|c| std::cmp::Reverse(c.change.date));
    found
}

/// The context of `edition`'s corrections page, whose list is among the edition's
/// globals (`corrections`): the page as `base.html` needs it, in every edition.
pub fn page_context(library: &Library, edition: &Edition) -> Context {
    let here = path(edition, PAGE);
    let paths: Vec<SitePath> = library.editions().map(|e| path(e, PAGE)).collect();
    let base = library.settings.base_url.as_deref();
    let translations: Vec<Alternate> = library
        .editions()
        .zip(&paths)
        .map(|(e, there)| Alternate {
            code: &e.code,
            language: &e.language,
            name: &e.name,
            path: Some(there),
            href: Some(match base {
                Some(base) => format!("{base}{there}"),
                None => here.url_to(there),
            }),
            current: e.id == edition.id,
        })
        .collect();
    let words = &library.volume(edition.id).strings;
    let text = |key: &str| strings::plain(words, key).unwrap_or_default();
    let page = (text("corrections_title"), text("corrections_intro"), &here);
    let permalink = base.map(|base| format!("{base}{here}"));
    let mut context = context::standalone(page, (&here.root_prefix(), permalink), &translations);
    let feed = base.map(|base| format!("{base}{}", path(edition, FEED)));
    context.insert("corrections_feed", &feed);
    context
}

/// The context of `edition`'s corrections feed, at the site's address `base`: `feed_url`,
/// `feed_home` (the corrections page), `base_url` and `updated` (the newest correction's
/// date, or else the newest revision of a page); the list is among the globals.
pub fn feed_context(library: &Library, base: &str, edition: &Edition) -> Context {
    let pages = library.pages_of(edition.id);
    let changes = pages
        .clone()
        .flat_map(|p| &p.front.changes)
        .filter(|c| c.kind.corrects());
    let newest = changes.map(|c| c.date).max();
    let updated = newest.or_else(|| pages.filter_map(|p| p.updated).max());
    let mut context = Context::new();
    context.insert(
        "updated",
        &updated.map_or_else(|| "1970-01-01".to_owned(), |d| d.to_string()),
    );
    context.insert("base_url", base);
    context.insert("feed_url", &format!("{base}{}", path(edition, FEED)));
    context.insert("feed_home", &format!("{base}{}", path(edition, PAGE)));
    context
}
