//! The third stage: each page's Markdown, then its template and, on a site that has them,
//! its share card ([`cards`]), on all cores, handed to a [`Sink`] as soon as they are
//! ready, so that the whole site is never held in memory; then
//! the files beside the pages ([`site_files`]), and the check of every link to another
//! page's heading.

pub mod cards;
pub mod context;
mod editions;
mod site_files;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::content::data::{self, Source};
use crate::content::page::{Page, PageId, PageText};
use crate::diagnostics::error::{Error, Result};
use crate::diagnostics::problem::{Problem, any_error};
use crate::library::Prepared;
use crate::markdown::targets::broken_anchors;
use crate::markdown::{self, Body};
use crate::templates::Templates;
use crate::urls::SitePath;
mod sink;
use cards::{CardCount, Painter};
use context::Summary;
use editions::Translations;
pub use sink::Sink;
pub use site_files::left_out;

/// What rendering a site gave besides its files.
#[derive(Debug)]
pub struct Rendered {
    /// What the build let through: `explainer check` lists these.
    pub warnings: Vec<Problem>,
    pub cards: CardCount,
}

/// Site paths of every file [`site`] writes but the pages.
pub fn planned_files(prepared: &Prepared) -> Vec<SitePath> {
    let mut planned = site_files::planned(prepared);
    if cards::enabled(&prepared.settings) {
        planned.extend(prepared.pages.iter().map(|p| cards::path_of(&p.path)));
    }
    planned
}

/// Renders every page and file of the site into `sink`. Any error fails the whole, with
/// all of them reported; what a build lets through comes back as warnings.
pub fn site(prepared: &mut Prepared, sink: &dyn Sink) -> Result<Rendered> {
    set_globals(prepared);
    let templates = editions::templates(prepared);
    let translations = Translations::new(prepared);
    let painter = Painter::new(&prepared.settings, &prepared.editions, &templates);
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
            let refs = prepared.references(page.edition);
            let (mut body, mut problems) = markdown::to_html(page, &text, &refs);
            debug_assert_eq!(body.citations, page.citations, "scan and render agree");
            if !any_error(&problems) {
                match page_html(prepared, (&templates, &translations), page, &body) {
                    Ok(html) => sink.put(&page.path, html.as_bytes())?,
                    Err(problem) => problems.push(problem),
                }
            }
            if let Some(painter) = painter.as_ref().filter(|_| !any_error(&problems)) {
                match painter.make(page, sink) {
                    Ok(Some((path, png))) => sink.put(&path, &png)?,
                    Ok(None) => {}
                    Err(problem) => problems.push(problem),
                }
            }
            body.html = String::new();
            Ok((body, problems))
        })
        .collect::<Result<_>>()?;
    let mut problems = std::mem::take(&mut prepared.warnings);
    for (page, (body, page_problems)) in prepared.pages.iter_mut().zip(rendered) {
        page.outline = body.outline;
        problems.extend(page_problems);
    }
    problems.extend(site_files::write(
        prepared,
        &templates,
        &translations,
        sink,
    )?);
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
    problems.extend(data::unused_sources(&prepared.data[0], cited));
    Ok(Rendered {
        warnings: problems,
        cards: painter.map(|p| p.count()).unwrap_or_default(),
    })
}

/// Gives the templates what is the same for every edition, once: `source_by_id` and
/// `assets`. Each edition's copy of the templates has these too.
fn set_globals(prepared: &mut Prepared) {
    let Prepared {
        data,
        templates,
        assets,
        ..
    } = prepared;
    let source_by_id: BTreeMap<&str, &Source> =
        data[0].sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let globals = templates.globals();
    globals.insert("source_by_id", &source_by_id);
    globals.insert("assets", &assets.names);
}

/// A page's HTML: its rendered body in its template.
fn page_html(
    prepared: &Prepared,
    (templates, translations): (&[Templates], &Translations),
    page: &Page,
    body: &Body,
) -> Result<String, Problem> {
    let data = &prepared.data[page.edition.0];
    let (prev, next) = prepared.neighbours(page.id);
    let prev = prev.map(|p| Summary::of(p, data));
    let next = next.map(|p| Summary::of(p, data));
    let shown_words: usize = page
        .front
        .shows_data
        .iter()
        .map(|stem| data.prose_words(stem))
        .sum();
    let alternates = translations.of(prepared, page);
    let context = context::page(
        &prepared.settings,
        page,
        (body, body.outline.word_count + shown_words),
        (&Summary::of(page, data), &alternates),
        (prev.as_ref(), next.as_ref()),
    );
    templates[page.edition.0].render(&page.template, &context, Some(&page.source))
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
    let mut page = match crate::content::pages::load_file(root, changed, &prepared.editions) {
        Ok(page) => page,
        Err(problems) => return Some(Err(Error::site(problems))),
    };
    let old = &prepared.pages[i];
    if page.front != old.front || page.path != old.path || page.template != old.template {
        return None;
    }
    page.id = old.id;
    page.citations = markdown::scan_citations(&page.text, &prepared.data[page.edition.0]);
    if page.citations != old.citations {
        return None;
    }
    let refs = prepared.references(page.edition);
    let (mut body, problems) = markdown::to_html(&page, &page.text, &refs);
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
    let (templates, translations) = (editions::templates(prepared), Translations::new(prepared));
    Some(
        page_html(prepared, (&templates, &translations), page, &body)
            .map(|html| (page.path.clone(), html))
            .map_err(|p| Error::site(vec![p])),
    )
}
