//! What templates see: every value of their context, as plain serialisable structs.
//!
//! Given to every template once, as globals: `assets` (the published name of each file of
//! `static/`, e.g. `assets["style.css"]`).
//!
//! Given to each page of an edition ([`super::editions`]): `site` (site.yaml, with the
//! edition's title, description and language), `source_by_id` (each source of the
//! edition's `data.sources` by its id, so templates look sources up instead of searching
//! lists), `pages` (the edition's pages' summaries in
//! navigation order), `data` (the edition's data files), `cited_first_on` (for each cited
//! source's id, the URL of the first page in navigation order that cites it), `strings`
//! (the edition's interface words), `language` (its BCP 47 tag) and `home` (the site
//! path of its home page).
//!
//! Given per page: `page` (the page being rendered, with `translations`), `prev` and `next`
//! (summaries or none) and `root` (the relative prefix from this page to the site root,
//! e.g. `"../"`).

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::cards::{self, CardLink};
use super::editions::Alternate;
use crate::config::settings::Settings;
use crate::content::changes::{self, Change};
use crate::content::data::{Data, Event, Source, Term};
use crate::content::page::Page;
use crate::markdown::citations::entry_anchor;
use crate::markdown::{Body, Citation, TocEntry};
use crate::text::date::Date;
use crate::urls::SitePath;

/// Words a reader gets through in a minute, for `page.reading_time`.
const WORDS_PER_MINUTE: usize = 200;

/// What templates see of any page: each of `pages`, `prev` and `next`, each entry of a
/// feed, and the first fields of `page`; the sitemap and the share cards take theirs from
/// it too. The one view of a page, so a field means the same wherever a template meets it.
///
/// Seven fields, not more: every page's summary is a map in the templates' globals, and
/// a map of up to seven entries takes half the memory of one with eight.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub question: Option<&'a str>,
    pub url: &'a SitePath,
    pub weight: i64,
    /// Last revised: `updated`, or `date` without one.
    pub updated: Option<Date>,
    /// The sources the page cites, numbered as on the page.
    pub sources: Vec<CitedSource<'a>>,
}

impl<'a> Summary<'a> {
    pub fn of(page: &'a Page, citations: &'a [Citation], data: &'a Data) -> Self {
        let front = &page.front;
        Summary {
            title: &front.title,
            description: &front.description,
            question: front.question.as_deref(),
            url: &page.path,
            weight: front.weight,
            updated: page.updated,
            sources: cited_sources(citations, data),
        }
    }
}

/// A source as a page cites it: the source's fields, its number on the page, the anchor of
/// its entry in the page's list, and the anchors of the markers citing it.
#[derive(Debug, Clone, Serialize)]
pub struct CitedSource<'a> {
    pub number: usize,
    pub anchor: String,
    pub refs: &'a [String],
    #[serde(flatten)]
    pub source: &'a Source,
}

fn cited_sources<'a>(citations: &'a [Citation], data: &'a Data) -> Vec<CitedSource<'a>> {
    citations
        .iter()
        .filter_map(|c| {
            Some(CitedSource {
                number: c.number,
                anchor: entry_anchor(c.number),
                refs: &c.refs,
                source: data.source(c.id.as_str())?,
            })
        })
        .collect()
}

/// The data files as templates see them, under `data`.
#[derive(Serialize)]
pub struct DataContext<'a> {
    sources: &'a [Source],
    timeline: &'a [Event],
    glossary: &'a [Term],
    #[serde(flatten)]
    other: &'a BTreeMap<String, serde_yaml::Value>,
}

impl<'a> DataContext<'a> {
    pub fn of(data: &'a Data) -> Self {
        DataContext {
            sources: &data.sources,
            timeline: &data.timeline,
            glossary: &data.glossary,
            other: &data.other,
        }
    }
}

/// For each cited source's id, the site path of the first page in navigation order that
/// cites it.
pub fn cited_first_on<'a>(
    pages: impl Iterator<Item = (&'a Page, &'a [Citation])>,
) -> BTreeMap<&'a str, &'a SitePath> {
    let mut first = BTreeMap::new();
    for (page, citations) in pages {
        for c in citations {
            first.entry(c.id.as_str()).or_insert(&page.path);
        }
    }
    first
}

/// What templates see of the page being rendered, as `page`: its summary, and what only
/// the page itself shows.
#[derive(Debug, Serialize)]
struct PageVars<'a> {
    #[serde(flatten)]
    summary: &'a Summary<'a>,
    content: &'a str,
    toc: &'a [TocEntry],
    permalink: Option<String>,
    /// First published, if known.
    date: Option<Date>,
    key_points: &'a [String],
    word_count: usize,
    reading_time: usize,
    is_home: bool,
    source: &'a str,
    /// The page in every edition, for the language switcher and `hreflang` links.
    translations: &'a [Alternate<'a>],
    /// Its share card, if the site has them: `url`, `width`, `height` and `alt`.
    card: Option<CardLink>,
    /// What changed on it since it was first published, newest first: each with `date`,
    /// `kind` (`correction`, `clarification` or `update`), `text` and maybe `anchor`.
    changes: Vec<&'a Change>,
}

/// The context of one page, but for its edition's values. `words` counts what a reader
/// reads: its body and the data its template shows.
pub fn page(
    settings: &Settings,
    page: &Page,
    (body, words): (&Body, usize),
    (summary, translations): (&Summary, &[Alternate]),
    (prev, next): (Option<&Summary>, Option<&Summary>),
) -> Context {
    let front = &page.front;
    let vars = PageVars {
        summary,
        content: &body.html,
        toc: &body.outline.toc,
        permalink: settings
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", page.path)),
        date: front.date,
        key_points: &front.key_points,
        word_count: words,
        reading_time: words.div_ceil(WORDS_PER_MINUTE).max(1),
        is_home: page.is_home(),
        source: page.file.shown(),
        translations,
        card: cards::link(settings, summary),
        changes: changes::newest_first(&front.changes),
    };
    let mut context = Context::new();
    context.insert("page", &vars);
    context.insert("prev", &prev);
    context.insert("next", &next);
    context.insert("root", &page.path.root_prefix());
    context
}

/// The page hosts show for a missing address, rendered from the template of this name.
pub const NOT_FOUND: &str = "404.html";

/// The 404 page is served at whatever address was asked for, at any depth, so relative
/// links can't work from it: its `root` is the site's path on its host (`/explainer/`) when
/// the base URL is known, so it works on any domain (a preview deployment, say). It is in
/// the default edition; `translations` are the editions' home pages.
pub fn not_found(
    settings: &Settings,
    title: &str,
    root: Option<&str>,
    translations: &[Alternate],
) -> Context {
    let url = SitePath::new(NOT_FOUND);
    let page = (title, settings.description.as_str(), &url);
    standalone(page, (root.unwrap_or(""), None), translations)
}

/// The context of a page the engine makes without a file of `content/` (the 404 page,
/// the corrections page): its title, description and site path; `root`, the prefix of its
/// links to the site's files, and its absolute address if known; and its editions.
pub fn standalone(
    (title, description, url): (&str, &str, &SitePath),
    (root, permalink): (&str, Option<String>),
    translations: &[Alternate],
) -> Context {
    let summary = Summary {
        title,
        description,
        question: None,
        url,
        weight: 0,
        updated: None,
        sources: Vec::new(),
    };
    let vars = PageVars {
        summary: &summary,
        content: "",
        toc: &[],
        permalink,
        date: None,
        key_points: &[],
        word_count: 0,
        reading_time: 1,
        is_home: false,
        source: "",
        translations,
        card: None,
        changes: Vec::new(),
    };
    let mut context = Context::new();
    context.insert("page", &vars);
    context.insert("prev", &None::<Summary>);
    context.insert("next", &None::<Summary>);
    context.insert("root", root);
    context
}

/// A page as the feed lists it: its summary, and when it was first published.
#[derive(Serialize)]
struct FeedEntry<'a> {
    #[serde(flatten)]
    summary: &'a Summary<'a>,
    date: Option<Date>,
}

/// The context of an edition's feed: `base_url`, `feed_home` and `feed_url` (the edition's
/// home and the feed's own address) and `updated_pages`, the edition's dated pages (their
/// summaries, with `date`) with the most recently updated first. The edition's values are
/// added by the caller.
pub fn feed<'a>(
    base: &str,
    folder: Option<&str>,
    pages: impl Iterator<Item = (&'a Page, &'a Summary<'a>)>,
) -> Context {
    let mut dated: Vec<FeedEntry> = pages
        .filter(|(_, summary)| summary.updated.is_some())
        .map(|(page, summary)| FeedEntry {
            summary,
            date: page.front.date,
        })
        .collect();
    dated.sort_by(|a, b| {
        let (a, b) = (a.summary, b.summary);
        b.updated.cmp(&a.updated).then_with(|| a.url.cmp(b.url))
    });
    let home = match folder {
        Some(folder) => format!("{base}{folder}/"),
        None => base.to_owned(),
    };
    let mut context = Context::new();
    context.insert("base_url", base);
    context.insert("feed_url", &format!("{home}feed.xml"));
    context.insert("feed_home", &home);
    context.insert("updated_pages", &dated);
    context
}

/// A page as the sitemap lists it: its summary's address, made absolute, and last update.
#[derive(Serialize)]
pub struct SitemapPage {
    url: String,
    updated: Option<Date>,
}

impl SitemapPage {
    pub fn of(summary: &Summary, base: &str) -> SitemapPage {
        SitemapPage {
            url: format!("{base}{}", summary.url),
            updated: summary.updated,
        }
    }
}

/// A page and its translations, which the sitemap lists together: each with the same
/// editions.
#[derive(Serialize)]
pub struct SitemapGroup {
    pub pages: Vec<SitemapPage>,
    /// Every edition of the page (with `x-default`, the default edition's), on a site in
    /// several languages.
    pub alternates: Vec<SitemapAlternate>,
}

#[derive(Serialize)]
pub struct SitemapAlternate {
    pub language: String,
    pub url: String,
}

/// The context of the sitemap and robots.txt: `base_url`, `groups` and `multilingual`.
pub fn sitemap(base_url: Option<&str>, groups: &[SitemapGroup]) -> Context {
    let mut context = Context::new();
    context.insert("base_url", &base_url);
    context.insert("groups", groups);
    context.insert(
        "multilingual",
        &groups.iter().any(|g| !g.alternates.is_empty()),
    );
    context
}
