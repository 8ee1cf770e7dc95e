//! The second stage: what needs every page before any page renders, made from the loaded
//! [`Site`] into a [`Library`]: each page's citations numbered (every page's navigation
//! lists the sources each page cites), pages indexed by their source file for links, and
//! the glossary's terms made ready to find. A site with mistakes is made into a library
//! too, of the pages that loaded, so that rendering it finds the rest of its mistakes.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::config::editions::{Edition, EditionId};
use crate::config::settings::Settings;
use crate::config::strings::Strings;
use crate::content::assets::Assets;
use crate::content::data::Data;
use crate::content::page::{Page, PageId};
use crate::content::Site;
use crate::diagnostics::problem::{Problem, any_error};
use crate::markdown::targets::PageIndex;
use crate::markdown::terms::Glossary;
use crate::markdown::{self, Citation, References};
use crate::templates::Templates;
use crate::text::spacing::Spacing;
use crate::urls::SitePath;

/// A site ready to render: its pages loaded, their citations numbered, its links indexed.
/// Rendering only reads it.
pub struct Library {
    pub settings: Settings,
    /// The default edition first.
    pub editions: Vec<Edition>,
    /// In navigation order, edition by edition, each at the index of its [`PageId`].
    pub pages: Vec<Page>,
    /// The sources each page cites, numbered as on the page, by [`PageId`].
    pub citations: Vec<Vec<Citation>>,
    /// Each edition's data, strings and glossary, in the editions' order.
    pub data: Vec<Data>,
    pub strings: Vec<Strings>,
    pub glossaries: Vec<Option<Glossary>>,
    /// None when they could not be loaded.
    pub templates: Option<Templates>,
    pub assets: Assets,
    pub index: PageIndex,
    /// Every file the site will have that content may link to: its pages and the
    /// published files of `static/`.
    pub files: HashSet<SitePath>,
    /// What loading found, errors and warnings.
    pub problems: Vec<Problem>,
}

/// Prepares a loaded site: numbers every page's citations, on all cores.
pub fn new(site: Site) -> Library {
    let Site {
        settings,
        editions,
        pages,
        unloaded,
        data,
        strings,
        templates,
        assets,
        problems,
    } = site;
    let citations = pages
        .par_iter()
        .map(|page| markdown::scan_citations(&page.text, &data[page.edition.0]))
        .collect();
    Library {
        citations,
        index: PageIndex::new(&pages, &unloaded),
        glossaries: glossaries(&editions, &data, &pages),
        files: files(&pages, &assets),
        settings,
        editions,
        pages,
        data,
        strings,
        templates,
        assets,
        problems,
    }
}

impl Library {
    /// Whether loading found a mistake: the site is checked, not published.
    pub fn is_broken(&self) -> bool {
        any_error(&self.problems)
    }

    /// What the Markdown of a page of `edition` can refer to.
    pub fn references(&self, edition: EditionId) -> References<'_> {
        References {
            pages: &self.index,
            data: &self.data[edition.0],
            glossary: self.glossaries[edition.0].as_ref(),
            strings: &self.strings[edition.0],
            trust_html: self.settings.trust_html,
            files: &self.files,
            spacing: Spacing::of(&self.editions[edition.0].language),
        }
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    /// The sources page `id` cites, numbered as on the page.
    pub fn citations(&self, id: PageId) -> &[Citation] {
        &self.citations[id.0]
    }

    pub fn edition(&self, id: EditionId) -> &Edition {
        &self.editions[id.0]
    }

    /// The pages before and after `id` in its edition's navigation order.
    pub fn neighbours(&self, id: PageId) -> (Option<&Page>, Option<&Page>) {
        let edition = self.pages[id.0].edition;
        let same = |p: &&Page| p.edition == edition;
        let prev = id.0.checked_sub(1).map(|i| &self.pages[i]).filter(same);
        (prev, self.pages.get(id.0 + 1).filter(same))
    }

    /// The pages of `edition`, in navigation order.
    pub fn pages_of(&self, edition: EditionId) -> impl Iterator<Item = &Page> + Clone {
        self.pages.iter().filter(move |p| p.edition == edition)
    }
}

/// Each edition's glossary, if its data has terms and the page to list them on (whose
/// absence load has reported).
fn glossaries(editions: &[Edition], data: &[Data], pages: &[Page]) -> Vec<Option<Glossary>> {
    editions
        .iter()
        .map(|e| {
            let pages = pages.iter().filter(|p| p.edition == e.id);
            Glossary::new(&data[e.id.0].glossary, pages)
        })
        .collect()
}

fn files(pages: &[Page], assets: &Assets) -> HashSet<SitePath> {
    let mut files: HashSet<SitePath> = assets.files.keys().cloned().collect();
    files.extend(pages.iter().map(|p| p.path.clone()));
    files
}
