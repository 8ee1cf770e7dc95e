//! explainer: a static-site generator for one job, a fast, accurate, accessible explainer.
//!
//! The modules, each importing only from those above it (`tests/architecture.rs` keeps
//! it so):
//!
//! - [`diagnostics`]: problems located in their files, and the errors commands fail with;
//! - [`text`]: dates, slugs, escaping, hashes, word counts, typography;
//! - [`urls`]: the paths of a site's files, and links resolved between them;
//! - [`layout`]: the names of a site's folders and files;
//! - [`source_text`]: reading a site's source files, each once;
//! - [`config`]: the build's options, `site.yaml`, the editions and their strings;
//! - [`templates`]: the site's Tera templates and the built-in ones, loaded together;
//! - [`content`]: the pages and data files, loaded and checked: the [`content::Site`];
//! - [`markdown`]: a page's Markdown to HTML, as passes over pulldown-cmark's events;
//! - [`library`]: what needs every page: citations numbered, link targets, glossaries;
//! - [`render`]: pages and site files from the library, on all cores, into a sink;
//! - [`output`]: the sinks: the output folder (swapped into place at the end) or memory;
//! - [`check`], [`new_page`], [`serve`]: the author's commands, on top of the pipeline.
//!
//! Every stage collects all the problems it finds, so one run reports them all, and the
//! output changes only if the whole site rendered. This file only wires the stages.

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod init;
pub mod layout;
pub mod library;
pub mod markdown;
pub mod new_page;
#[cfg(feature = "online")]
pub mod online;
pub mod output;
pub mod placeholders;
pub mod render;
pub mod serve;
pub mod source_text;
pub mod templates;
pub mod text;
pub mod theme;
pub mod urls;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub use config::{BuildOptions, IfBusy};
use content::assets::Assets;
use content::page::PageText;
pub use diagnostics::error::{Error, Result};
use diagnostics::problem::Problem;
use library::Library;
use urls::SitePath;

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub output_dir: PathBuf,
    /// What was left out and why (e.g. no feed without a base URL).
    pub notes: Vec<String>,
    /// The share cards drawn, and those the live site already had as they would be drawn.
    pub cards: render::cards::CardCount,
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
    /// Each page's headings and links to headings, by page id: what serve checks a page
    /// it re-renders alone against.
    pub outlines: Vec<content::outline::Outline>,
}

/// Builds the site described by `options` and writes it to `options.output_dir`, page by
/// page as they are rendered; the new site replaces the old one only if all went well.
/// Only one build writes to an output folder at a time; the lock is taken before the
/// sources are read, so a build that waited publishes the sources as they are after the
/// other one, never an older state.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    // Before the lock, so no lock file is made beside a folder that is refused; the writer
    // checks again, as the folder may have changed while this build waited.
    output::check_output_dir(&options.root, &options.output_dir)?;
    let _lock = output::lock::take(&options.output_dir, options.if_busy)?;
    let (library, texts) = prepare(options);
    if library.is_broken() {
        return Err(problems_of(&library, texts));
    }
    let planned: BTreeSet<SitePath> = library
        .pages
        .iter()
        .map(|p| p.path.clone())
        .chain(render::planned_files(&library))
        .collect();
    let writer = output::Writer::prepare(
        &options.root,
        &options.output_dir,
        &planned,
        &library.assets,
    )?;
    let rendered = render::site(&library, texts, &writer)?;
    writer.finish()?;
    Ok(BuildReport {
        pages: library.pages.len(),
        output_dir: options.output_dir.clone(),
        notes: render::left_out(&library).into_iter().collect(),
        cards: rendered.cards,
        warnings: rendered.warnings,
    })
}

/// Loads and prepares the site: a library even of a site with mistakes, which rendering
/// then reports all together, and its pages' texts to render.
pub fn prepare(options: &BuildOptions) -> (Library, Vec<PageText>) {
    library::new(content::load(options))
}

/// Every problem of a site with mistakes: it goes through the same stages as a good one,
/// into a sink that keeps nothing.
fn problems_of(library: &Library, texts: Vec<PageText>) -> Error {
    match render::site(library, texts, &output::Discard) {
        Err(error) => error,
        // A broken library always renders to errors: its own are among them.
        Ok(_) => Error::site(library.problems.clone()),
    }
}

/// Builds the site into memory, without writing anything; the library is kept, to
/// re-render a page alone (`serve`).
pub fn build_in_memory(options: &BuildOptions) -> Result<(InMemory, Library)> {
    let (library, texts) = prepare(options);
    let memory = output::Memory::default();
    let rendered = render::site(&library, texts, &memory)?;
    let built = InMemory {
        files: memory.into_files(),
        assets: library.assets.clone(),
        pages: library.pages.len(),
        warnings: rendered.warnings,
        outlines: rendered.outlines,
    };
    Ok((built, library))
}
