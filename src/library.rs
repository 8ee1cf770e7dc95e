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
use crate::content::Site;
use crate::content::assets::Assets;
use crate::content::changes;
use crate::content::data::Data;
use crate::content::page::{Page, PageId, PageText};
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
    /// Each edition with what its pages refer to, the default edition first, each at the
    /// index of its [`EditionId`].
    pub volumes: Vec<Volume>,
    /// In navigation order, edition by edition, each at the index of its [`PageId`].
    pub pages: Vec<Page>,
    /// The sources each page cites, numbered as on the page, by [`PageId`].
    pub citations: Vec<Vec<Citation>>,
    /// None when they could not be loaded.
    pub templates: Option<Templates>,
    pub assets: Assets,
    pub index: PageIndex,
    /// Every file the site will have that content may link to: its pages and the
    /// published files of `static/`.
    pub files: HashSet<SitePath>,
    /// The ids the templates give elements themselves, which no heading may take.
    pub reserved_ids: HashSet<String>,
    /// What loading found, errors and warnings.
    pub problems: Vec<Problem>,
}

/// One edition with what its pages refer to: its data, its interface strings, and its
/// glossary ready to find.
pub struct Volume {
    pub edition: Edition,
    pub data: Data,
    pub strings: Strings,
    /// None if its data has no terms or it has no page to list them on (whose absence
    /// loading reported).
    pub glossary: Option<Glossary>,
}

/// Prepares a loaded site: numbers every page's citations, on all cores. The pages' texts
/// come back beside the library, for rendering to read once and let go.
pub fn new(site: Site) -> (Library, Vec<PageText>) {
    let Site {
        settings,
        volumes,
        pages,
        texts,
        unloaded,
        templates,
        assets,
        problems,
    } = site;
    let citations = pages
        .par_iter()
        .zip(&texts)
        .map(|(page, text)| markdown::scan_citations(text, &volumes[page.edition.0].data))
        .collect();
    let volumes: Vec<Volume> = volumes
        .into_iter()
        .map(|v| Volume {
            glossary: Glossary::new(
                &v.data.glossary,
                pages.iter().filter(|p| p.edition == v.edition.id),
            ),
            edition: v.edition,
            data: v.data,
            strings: v.strings,
        })
        .collect();
    let library = Library {
        citations,
        index: PageIndex::new(&pages, &unloaded),
        files: files(
            &pages,
            &assets,
            corrections_pages(&volumes, templates.as_ref()),
        ),
        reserved_ids: templates.as_ref().map(Templates::ids).unwrap_or_default(),
        settings,
        volumes,
        pages,
        templates,
        assets,
        problems,
    };
    (library, texts)
}

impl Library {
    /// Whether loading found a mistake: the site is checked, not published.
    pub fn is_broken(&self) -> bool {
        any_error(&self.problems)
    }

    /// What the Markdown of a page of `edition` can refer to.
    pub fn references(&self, edition: EditionId) -> References<'_> {
        let volume = self.volume(edition);
        References {
            pages: &self.index,
            data: &volume.data,
            glossary: volume.glossary.as_ref(),
            strings: &volume.strings,
            trust_html: self.settings.trust_html,
            files: &self.files,
            reserved_ids: &self.reserved_ids,
            spacing: Spacing::of(&volume.edition.language),
        }
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    /// The sources page `id` cites, numbered as on the page.
    pub fn citations(&self, id: PageId) -> &[Citation] {
        &self.citations[id.0]
    }

    pub fn volume(&self, id: EditionId) -> &Volume {
        &self.volumes[id.0]
    }

    /// The default edition's volume, whose sources every edition cites.
    pub fn default_volume(&self) -> &Volume {
        &self.volumes[0]
    }

    /// Every edition, the default first.
    pub fn editions(&self) -> impl ExactSizeIterator<Item = &Edition> + Clone {
        self.volumes.iter().map(|v| &v.edition)
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

fn files(
    pages: &[Page],
    assets: &Assets,
    made: impl Iterator<Item = SitePath>,
) -> HashSet<SitePath> {
    let mut files: HashSet<SitePath> = assets.files.keys().cloned().collect();
    files.extend(pages.iter().map(|p| p.path.clone()));
    files.extend(made);
    files
}

/// The corrections page of each edition, which a page may link to: when the templates
/// have one.
fn corrections_pages<'a>(
    volumes: &'a [Volume],
    templates: Option<&Templates>,
) -> impl Iterator<Item = SitePath> + 'a {
    let published = templates.is_some_and(|t| t.contains(changes::CORRECTIONS_PAGE));
    let editions = if published { volumes } else { &[] };
    editions
        .iter()
        .map(|v| changes::address(&v.edition, changes::CORRECTIONS_PAGE))
}
