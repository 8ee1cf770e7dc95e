//! The third stage: each page's Markdown, then its template, on all cores, handed to a
//! [`Sink`] as soon as it is ready, so that the whole site is never held in memory; then
//! the files beside the pages (the 404 page, `robots.txt`, and with a base URL the sitemap
//! and the feed), and the check of every link to another page's heading.

pub mod context;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::load::data::{self, Source};
use crate::markdown::{self, Body};
use crate::page::{Page, PageId, PageText};
use crate::prepare::Prepared;
use crate::prepare::links::broken_anchors;
use crate::problem::{Problem, any_error};
use crate::site_path::SitePath;
use crate::write::Sink;
use context::{DataContext, NOT_FOUND, Summary};

/// What a rendered site adds to its output besides the pages, and when.
const SITEMAP: &str = "sitemap.xml";
const FEED: &str = "feed.xml";
const ROBOTS: &str = "robots.txt";

/// Renders every page and file of the site into `sink`. Any error fails the whole, with
/// all of them reported; what a build lets through comes back as warnings.
pub fn site(prepared: &mut Prepared, sink: &dyn Sink) -> Result<Vec<Problem>> {
    set_globals(prepared);
    let texts: Vec<PageText> = prepared
        .pages
        .iter_mut()
        .map(|p| std::mem::take(&mut p.text))
        .collect();
    let rendered: Vec<(Body, Vec<Problem>)> = texts
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| {
            let page = prepared.page(PageId(i));
            let (mut body, mut problems) = markdown::to_html(page, &text, &prepared.references());
            debug_assert_eq!(body.citations, page.citations, "scan and render agree");
            if !any_error(&problems) {
                match page_html(prepared, page, &body) {
                    Ok(html) => sink.put(&page.path, html.as_bytes())?,
                    Err(problem) => problems.push(problem),
                }
            }
            body.html = String::new();
            Ok((body, problems))
        })
        .collect::<Result<_>>()?;
    let mut problems = Vec::new();
    for (page, (body, page_problems)) in prepared.pages.iter_mut().zip(rendered) {
        page.outline = body.outline;
        problems.extend(page_problems);
    }
    problems.extend(site_files(prepared, sink)?);
    problems.extend(broken_anchors(
        prepared.pages.iter().map(|p| (p, &p.outline)),
    ));
    if any_error(&problems) {
        return Err(Error::site(problems));
    }
    let cited = prepared
        .pages
        .iter()
        .flat_map(|p| &p.citations)
        .map(|c| c.id.as_str());
    problems.extend(data::unused_sources(&prepared.data, cited));
    Ok(problems)
}

/// Site paths of every file [`site`] writes besides the pages and static files.
pub fn planned_files(prepared: &Prepared) -> Vec<SitePath> {
    site_file_names(prepared)
        .into_iter()
        .map(SitePath::new)
        .collect()
}

fn site_file_names(prepared: &Prepared) -> Vec<&'static str> {
    let mut names = vec![ROBOTS];
    if prepared.settings.base_url.is_some() {
        names.extend([SITEMAP, FEED]);
    }
    if prepared.templates.contains(NOT_FOUND) {
        names.push(NOT_FOUND);
    }
    names
}

/// What the build summary says it left out, if anything.
pub fn left_out(prepared: &Prepared) -> Option<String> {
    let not_found = match prepared.templates.contains(NOT_FOUND) {
        true => ", and 404.html links work only at the top level",
        false => "",
    };
    prepared
        .settings
        .base_url
        .is_none()
        .then(|| format!("no base_url, so {SITEMAP} and {FEED} were left out{not_found}"))
}

/// The 404 page, robots.txt, and with a base URL the sitemap and the feed.
fn site_files(prepared: &Prepared, sink: &dyn Sink) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    let settings = &prepared.settings;
    for name in site_file_names(prepared) {
        let context = match name {
            NOT_FOUND => context::not_found(settings),
            FEED => context::site_file(settings, Some(&prepared.pages)),
            _ => context::site_file(settings, None),
        };
        match prepared.templates.render(name, &context, None) {
            Ok(text) => sink.put(&SitePath::new(name), text.as_bytes())?,
            Err(problem) => problems.push(problem),
        }
    }
    Ok(problems)
}

/// Gives the templates `site`, `pages`, `data`, `source_by_id`, `cited_first_on` and
/// `assets`, once: a clone of a Tera value is cheap, a re-serialisation per page is not.
fn set_globals(prepared: &mut Prepared) {
    let Prepared {
        settings,
        pages,
        data,
        templates,
        assets,
        ..
    } = prepared;
    let summaries: Vec<Summary> = pages.iter().map(|p| Summary::of(p, data)).collect();
    let source_by_id: BTreeMap<&str, &Source> =
        data.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let globals = templates.globals();
    globals.insert("site", settings);
    globals.insert("pages", &summaries);
    globals.insert("data", &DataContext::of(data));
    globals.insert("source_by_id", &source_by_id);
    globals.insert("cited_first_on", &context::cited_first_on(pages));
    globals.insert("assets", &assets.names);
}

/// A page's HTML: its rendered body in its template.
fn page_html(prepared: &Prepared, page: &Page, body: &Body) -> Result<String, Problem> {
    let data = &prepared.data;
    let (prev, next) = prepared.neighbours(page.id);
    let prev = prev.map(|p| Summary::of(p, data));
    let next = next.map(|p| Summary::of(p, data));
    let shown_words: usize = page
        .front
        .shows_data
        .iter()
        .map(|stem| data.prose_words(stem))
        .sum();
    let context = context::page(
        &prepared.settings,
        page,
        (body, body.outline.word_count + shown_words),
        &Summary::of(page, data),
        (prev.as_ref(), next.as_ref()),
    );
    prepared
        .templates
        .render(&page.template, &context, Some(page))
}

/// After the content file `changed` (a path under the site's root) was saved: its page
/// re-rendered alone, if nothing else can depend on the change (its front matter and its
/// sources are as they were, so navigation and other pages are unchanged). `None` when a
/// full build is needed instead; an error when the page now has mistakes (including
/// links that other pages make to its headings).
pub fn page_again(
    prepared: &mut Prepared,
    root: &std::path::Path,
    changed: &std::path::Path,
) -> Option<Result<(SitePath, String)>> {
    let i = prepared
        .pages
        .iter()
        .position(|p| root.join(&p.source) == changed)?;
    let mut page = match crate::load::pages::load_file(root, changed) {
        Ok(page) => page,
        Err(problems) => return Some(Err(Error::site(problems))),
    };
    let old = &prepared.pages[i];
    if page.front != old.front || page.path != old.path || page.template != old.template {
        return None;
    }
    page.id = old.id;
    page.citations = markdown::scan_citations(&page.text, &prepared.data);
    if page.citations != old.citations {
        return None;
    }
    let (mut body, problems) = markdown::to_html(&page, &page.text, &prepared.references());
    if any_error(&problems) {
        return Some(Err(Error::site(problems)));
    }
    page.outline = std::mem::take(&mut body.outline);
    page.text = PageText::default();
    let old = std::mem::replace(&mut prepared.pages[i], page);
    let problems = broken_anchors(prepared.pages.iter().map(|p| (p, &p.outline)));
    if !problems.is_empty() {
        prepared.pages[i] = old;
        return Some(Err(Error::site(problems)));
    }
    let page = &prepared.pages[i];
    body.outline = page.outline.clone();
    Some(
        page_html(prepared, page, &body)
            .map(|html| (page.path.clone(), html))
            .map_err(|p| Error::site(vec![p])),
    )
}
