//! The second stage: what needs every page before any page renders. Each page's citations
//! are numbered (every page's navigation lists the sources each page cites), pages are
//! indexed by their source file for links, and the glossary's terms are made ready to
//! find. A site whose loading failed is still checked here, page by page, so that one run
//! reports every mistake.

pub mod glossary;
pub mod links;

use std::collections::HashSet;

use rayon::prelude::*;

use crate::load::assets::Assets;
use crate::load::data::Data;
use crate::load::settings::Settings;
use crate::load::{Broken, Site};
use crate::markdown::{self, References};
use crate::page::{Page, PageId};
use crate::problem::Problem;
use crate::site_path::SitePath;
use crate::templates::Templates;
use glossary::Glossary;
use links::PageIndex;

/// A site ready to render: its pages loaded, their citations numbered, its links indexed.
pub struct Prepared {
    pub settings: Settings,
    /// In navigation order, each at the index of its [`PageId`].
    pub pages: Vec<Page>,
    pub data: Data,
    pub templates: Templates,
    pub assets: Assets,
    pub index: PageIndex,
    pub glossary: Option<Glossary>,
    /// Every file the site will have that content may link to: its pages and the
    /// published files of `static/`.
    pub files: HashSet<SitePath>,
}

/// Prepares a loaded site: numbers every page's citations, on all cores.
pub fn site(site: Site) -> Prepared {
    let Site {
        settings,
        mut pages,
        data,
        templates,
        assets,
    } = site;
    pages
        .par_iter_mut()
        .for_each(|page| page.citations = markdown::scan_citations(&page.text, &data));
    Prepared {
        index: PageIndex::new(&pages, &[]),
        glossary: glossary_of(&data, &pages),
        files: files(&pages, &assets),
        settings,
        pages,
        data,
        templates,
        assets,
    }
}

impl Prepared {
    pub fn references(&self) -> References<'_> {
        References {
            pages: &self.index,
            data: &self.data,
            glossary: self.glossary.as_ref(),
            trust_html: self.settings.trust_html,
            files: &self.files,
        }
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    /// The pages before and after `id` in navigation order.
    pub fn neighbours(&self, id: PageId) -> (Option<&Page>, Option<&Page>) {
        let prev = id.0.checked_sub(1).map(|i| &self.pages[i]);
        (prev, self.pages.get(id.0 + 1))
    }
}

/// Every problem of a site that failed to load, with the mistakes in the bodies of the
/// pages that did load (links to missing pages or headings, unknown sources), so that an
/// author sees everything at once.
pub fn check_broken(broken: Box<Broken>) -> Vec<Problem> {
    let Broken {
        pages,
        unloaded,
        data,
        assets,
        mut problems,
    } = *broken;
    let index = PageIndex::new(&pages, &unloaded);
    let glossary = glossary_of(&data, &pages);
    let files = files(&pages, &assets);
    let refs = References {
        pages: &index,
        data: &data,
        glossary: glossary.as_ref(),
        trust_html: false,
        files: &files,
    };
    let bodies: Vec<_> = pages
        .par_iter()
        .map(|page| markdown::to_html(page, &page.text, &refs))
        .collect();
    let mut outlines = Vec::with_capacity(bodies.len());
    for (body, body_problems) in bodies {
        problems.extend(body_problems.into_iter().filter(Problem::is_error));
        outlines.push(body.outline);
    }
    problems.extend(links::broken_anchors(pages.iter().zip(&outlines)));
    problems
}

/// The glossary, if the data has terms and the page to list them on (whose absence load
/// has reported).
fn glossary_of(data: &Data, pages: &[Page]) -> Option<Glossary> {
    Glossary::new(&data.glossary, pages)
}

fn files(pages: &[Page], assets: &Assets) -> HashSet<SitePath> {
    let mut files: HashSet<SitePath> = assets.files.keys().cloned().collect();
    files.extend(pages.iter().map(|p| p.path.clone()));
    files
}
