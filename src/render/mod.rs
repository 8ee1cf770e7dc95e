//! The third stage: each page's Markdown, then its template and, on a site that has them,
//! its share card ([`cards`]), on all cores, handed to a [`Sink`] as soon as they are
//! ready, so that the whole site is never held in memory; then
//! the files beside the pages ([`site_files`]), and the check of every link to another
//! page's heading.

pub mod cards;
pub mod context;
mod corrections;
mod editions;
pub mod offline;
pub mod print;
mod site_files;
mod weight;

use rayon::prelude::*;

use crate::content::data;
use crate::content::outline::Outline;
use crate::content::page::{Page, PageId, PageText};
use crate::diagnostics::error::{Error, Result};
use crate::diagnostics::problem::{Problem, any_error};
use crate::library::Library;
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
    /// Each page's headings and links to other pages' headings, by [`PageId`]: what a
    /// later change to one page is checked against.
    pub outlines: Vec<Outline>,
}

/// Site paths of every file [`site`] writes but the pages.
pub fn planned_files(library: &Library) -> Vec<SitePath> {
    let mut planned = site_files::planned(library);
    planned.extend(offline::planned(library));
    planned.extend(print::planned(library));
    if cards::enabled(&library.settings) {
        planned.extend(library.pages.iter().map(|p| cards::path_of(&p.path)));
    }
    planned
}

/// Renders every page and file of the site into `sink`, each page from its text in
/// `texts` (by [`PageId`]), which are let go before the files beside the pages are made.
/// Any error fails the whole, with all of them reported; what a build lets through comes
/// back as warnings. The library is only read: rendering it again gives the same files.
pub fn site(library: &Library, texts: Vec<PageText>, sink: &dyn Sink) -> Result<Rendered> {
    // A site with mistakes is checked, not published: each page's body is rendered for
    // its own mistakes, and nothing reaches the sink.
    let publish = library.templates.as_ref().filter(|_| !library.is_broken());
    let made = publish.map(|base| Made::new(library, base));
    let painter = made
        .as_ref()
        .and_then(|m| Painter::new(library, &m.templates));
    debug_assert_eq!(texts.len(), library.pages.len(), "a text for each page");
    let limit = library.settings.max_file_bytes;
    let rendered: Vec<(Outline, Vec<Problem>, Option<offline::Section>)> = library
        .pages
        .par_iter()
        .zip(texts)
        .map(|(page, text)| {
            let (body, mut problems) = body(library, page, &text);
            let Some(made) = made.as_ref().filter(|_| !any_error(&problems)) else {
                return Ok((body.outline, problems, None));
            };
            let mut section = None;
            match page_html(library, made, page, &body) {
                Ok(html) => {
                    problems.extend(weight::of_page(page, &html, limit));
                    section = made.offline.as_ref().and_then(|plan| {
                        let part = plan.section(library, page, &html);
                        part.map_err(|problem| problems.push(problem)).ok()
                    });
                    sink.put(&page.path, html.as_bytes())?;
                }
                Err(problem) => problems.push(problem),
            }
            if let Some(painter) = painter.as_ref().filter(|_| !any_error(&problems)) {
                match painter.make((page, made.summary(page)), sink) {
                    Ok(Some((path, png))) => sink.put(&path, &png)?,
                    Ok(None) => {}
                    Err(problem) => problems.push(problem),
                }
            }
            Ok((body.outline, problems, section))
        })
        .collect::<Result<_>>()?;
    let mut problems = library.problems.clone();
    let mut outlines = Vec::with_capacity(rendered.len());
    let mut sections = Vec::with_capacity(rendered.len());
    for (outline, page_problems, section) in rendered {
        outlines.push(outline);
        problems.extend(page_problems);
        sections.push(section);
    }
    problems.extend(weight::of_stylesheets(&library.assets, limit));
    if let Some(made) = &made {
        let plan = made.offline.as_ref();
        let portable = plan.filter(|_| library.settings.portable);
        let styles = portable.map(|_| offline::styles(library, &sections));
        let offline_styles = styles.as_deref().unwrap_or_default();
        problems.extend(site_files::write(library, made, offline_styles, sink)?);
        if let (Some(plan), Some(styles)) = (portable, styles) {
            let parts = (&sections[..], styles);
            problems.extend(offline::write((library, made, plan), parts, sink)?);
        }
        #[cfg(feature = "print")]
        if let Some(plan) = plan.filter(|_| library.settings.print) {
            problems.extend(print::write((library, plan), &sections, sink)?);
        }
    }
    problems.extend(broken_anchors(library.pages.iter().zip(&outlines)));
    if any_error(&problems) {
        return Err(Error::site(problems));
    }
    let cited = library.citations.iter().flatten().map(|c| c.id.as_str());
    problems.extend(data::unused_sources(&library.default_volume().data, cited));
    Ok(Rendered {
        warnings: problems,
        cards: painter.map(|p| p.count()).unwrap_or_default(),
        outlines,
    })
}

/// A page's body, rendered from its text with what its edition's pages can refer to.
fn body(library: &Library, page: &Page, text: &PageText) -> (Body, Vec<Problem>) {
    let refs = library.references(page.edition);
    let (body, problems) = markdown::to_html(page, text, &refs);
    debug_assert_eq!(
        body.citations,
        library.citations(page.id),
        "scan and render agree"
    );
    (body, problems)
}

/// Renders one page alone from its text, as [`site`] renders it among the others: its
/// HTML and its outline, or its problems (errors and warnings).
pub fn page(
    library: &Library,
    id: PageId,
    text: &PageText,
) -> std::result::Result<(String, Outline), Vec<Problem>> {
    let page = library.page(id);
    let (body, mut problems) = body(library, page, text);
    if any_error(&problems) {
        return Err(problems);
    }
    let Some(base) = library.templates.as_ref() else {
        return Err(problems);
    };
    match page_html(library, &Made::new(library, base), page, &body) {
        Ok(html) => Ok((html, body.outline)),
        Err(problem) => {
            problems.push(problem);
            Err(problems)
        }
    }
}

/// What a run makes once, before any page, for every page and site file to use: each
/// edition's templates, every page's translations, every page's summary (the one view of
/// a page that templates get), and, on a portable site, what its offline files need.
struct Made<'a> {
    /// By edition.
    templates: Vec<Templates>,
    translations: Translations,
    /// By [`PageId`].
    summaries: Vec<Summary<'a>>,
    offline: Option<offline::Plan<'a>>,
}

impl<'a> Made<'a> {
    fn new(library: &'a Library, base: &Templates) -> Made<'a> {
        let summaries: Vec<Summary> = library
            .pages
            .iter()
            .map(|page| {
                let data = &library.volume(page.edition).data;
                Summary::of(page, library.citations(page.id), data)
            })
            .collect();
        Made {
            templates: editions::templates(library, &summaries, base),
            translations: Translations::new(library),
            summaries,
            offline: offline::Plan::new(library),
        }
    }

    fn summary(&self, page: &Page) -> &Summary<'a> {
        &self.summaries[page.id.0]
    }
}

/// A page's HTML: its rendered body in its template.
fn page_html(library: &Library, made: &Made, page: &Page, body: &Body) -> Result<String, Problem> {
    let data = &library.volume(page.edition).data;
    let (prev, next) = library.neighbours(page.id);
    let (prev, next) = (prev.map(|p| made.summary(p)), next.map(|p| made.summary(p)));
    let shown_words: usize = page
        .front
        .shows_data
        .iter()
        .map(|stem| data.prose_words(stem))
        .sum();
    let alternates = made.translations.of(library, page);
    let context = context::page(
        &library.settings,
        page,
        (body, body.outline.word_count + shown_words),
        (made.summary(page), &alternates),
        (prev, next),
    );
    made.templates[page.edition.0].render(&page.template, &context, Some(page.file.source()))
}
