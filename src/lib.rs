//! explainer: a static-site generator for one job, a fast, accurate, accessible explainer.
//!
//! A build runs four stages, one way, each a module:
//!
//! 1. [`load`]: `site.yaml`, `content/`, the data files, `templates/` and `static/`, each
//!    file read once, into one [`load::Site`];
//! 2. [`prepare`]: what needs every page: citations numbered, pages indexed for links, the
//!    glossary ready to find;
//! 3. [`render`]: each page's Markdown ([`markdown`]), then its template ([`templates`]),
//!    on all cores, streamed out page by page;
//! 4. [`write`]: the pages into a spare folder that is swapped into place at the end.
//!
//! Every stage collects all the problems it finds ([`problem`]), so one run reports them
//! all, and the output changes only if the whole site rendered. `check` and `serve` run the
//! same stages into memory. This file only wires them.

pub mod check;
pub mod date;
pub mod edition;
pub mod error;
mod escape;
mod hash;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod new_page;
pub mod page;
pub mod prepare;
pub mod problem;
pub mod render;
pub mod serve;
pub mod site_path;
pub mod slug;
pub mod templates;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub use error::{Error, Result};
use load::assets::Assets;
use prepare::Prepared;
use problem::Problem;
use site_path::SitePath;
pub use write::lock::IfBusy;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder, holding `site.yaml`, `content/`, `templates/` and `static/`.
    pub root: PathBuf,
    /// Where the site is written; relative paths are taken from the current folder.
    pub output_dir: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// What to do when another build is writing to the same output folder.
    pub if_busy: IfBusy,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>, output_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output_dir: output_dir.into(),
            base_url: None,
            drafts: false,
            if_busy: IfBusy::Wait(|_| {}),
        }
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub output_dir: PathBuf,
    /// What was left out and why (e.g. no feed without a base URL).
    pub notes: Vec<String>,
    /// The share cards drawn, and those the live site already had as they would be drawn.
    pub cards: render::share_cards::CardCount,
    /// What the build let through: `explainer check` lists these.
    pub warnings: Vec<Problem>,
}

/// A site built into memory, for `serve` and `check`.
#[derive(Debug)]
pub struct InMemory {
    /// Every generated file's text by site path: pages, 404, sitemap, feed, robots.txt.
    pub files: BTreeMap<SitePath, String>,
    /// The files of `static/`, under their published names.
    pub assets: Assets,
    pub pages: usize,
    pub warnings: Vec<Problem>,
}

/// Builds the site described by `options` and writes it to `options.output_dir`, page by
/// page as they are rendered; the new site replaces the old one only if all went well.
/// Only one build writes to an output folder at a time; the lock is taken before the
/// sources are read, so a build that waited publishes the sources as they are after the
/// other one, never an older state.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    // Before the lock, so no lock file is made beside a folder that is refused; the writer
    // checks again, as the folder may have changed while this build waited.
    write::check_output_dir(&options.root, &options.output_dir)?;
    let _lock = write::lock::take(&options.output_dir, options.if_busy)?;
    let mut prepared = prepare(options)?;
    let planned: BTreeSet<SitePath> = prepared
        .pages
        .iter()
        .map(|p| p.path.clone())
        .chain(render::planned_files(&prepared))
        .collect();
    let writer = write::Writer::prepare(
        &options.root,
        &options.output_dir,
        &planned,
        &prepared.assets,
    )?;
    let rendered = render::site(&mut prepared, &writer)?;
    writer.finish()?;
    Ok(BuildReport {
        pages: prepared.pages.len(),
        output_dir: options.output_dir.clone(),
        notes: render::left_out(&prepared).into_iter().collect(),
        cards: rendered.cards,
        warnings: rendered.warnings,
    })
}

/// Loads and prepares the site, or reports every problem it has.
pub fn prepare(options: &BuildOptions) -> Result<Prepared> {
    match load::site(options) {
        Ok(site) => Ok(prepare::site(site)),
        Err(broken) => Err(Error::site(prepare::check_broken(*broken))),
    }
}

/// Builds the site into memory, without writing anything; the prepared site is kept, to
/// re-render a page alone ([`render::page_again`]).
pub fn build_in_memory(options: &BuildOptions) -> Result<(InMemory, Prepared)> {
    let mut prepared = prepare(options)?;
    let memory = write::Memory::default();
    let rendered = render::site(&mut prepared, &memory)?;
    let built = InMemory {
        files: memory.into_files(),
        assets: prepared.assets.clone(),
        pages: prepared.pages.len(),
        warnings: rendered.warnings,
    };
    Ok((built, prepared))
}
