//! explainer: a static-site generator for one job, a fast, accurate, accessible explainer.
//!
//! The pipeline runs one way: **load** (`site.yaml`, `content/`, data files, `templates/`) into plain
//! data, **render** (Markdown, then templates), **write** (a staged output swapped into
//! place). Every stage collects all the mistakes it finds, so one run reports them all, and
//! nothing is written unless the whole site rendered.

pub mod assets;
pub mod check;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod error;
pub mod map;
pub mod markdown;
pub mod new_page;
pub mod output;
pub mod render;
pub mod serve;
pub mod site_files;
pub mod source_text;
pub mod urls;
mod yaml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use assets::Assets;
use config::SiteConfig;
use content::Page;
use data::Data;
use diagnostics::{Diagnostic, LineIndex, did_you_mean};
pub use error::{Error, Result};
use markdown::links::PageIndex;
use markdown::{Glossary, References, Rendered};
use render::Templates;

/// Whether to colour messages on standard error: only on a terminal, and never when
/// `NO_COLOR` is set (<https://no-color.org>).
pub fn color_on_stderr() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>, output_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output_dir: output_dir.into(),
            base_url: None,
            drafts: false,
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
}

/// A site loaded into memory and checked, ready to render.
pub struct Site {
    pub config: SiteConfig,
    pub pages: Vec<Page>,
    pub data: Data,
    pub templates: Templates,
    /// The files `static/` publishes.
    pub assets: Assets,
}

/// A rendered site, ready to write or serve.
#[derive(Debug)]
pub struct Output {
    /// Every generated file's site path and text: the pages, then sitemap, feed, robots.txt.
    pub files: Vec<(String, String)>,
    /// How many of `files` are pages.
    pub pages: usize,
    /// The files of `static/`, under their published names.
    pub assets: Assets,
    /// What the build left out and why, for its summary.
    pub notes: Vec<String>,
    /// Problems that don't stop a build but that `explainer check` reports.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site described by `options` and writes it to `options.output_dir`.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let site = load(options)?;
    let rendered = render(site)?;
    output::write_site(
        &options.root,
        &options.output_dir,
        &rendered.files,
        &rendered.assets,
    )?;
    Ok(BuildReport {
        pages: rendered.pages,
        output_dir: options.output_dir.clone(),
        notes: rendered.notes,
    })
}

/// Loads and checks everything the site is made of, reporting every problem at once.
pub fn load(options: &BuildOptions) -> Result<Site> {
    let config = load_config(&options.root, options.base_url.as_deref());
    let mut loaded = content::load_pages(&options.root, options.drafts);
    let data = data::load(&options.root);
    let templates = Templates::load(&options.root);
    let assets = Assets::scan(&options.root)?;
    if let Ok(templates) = &templates {
        loaded
            .problems
            .extend(render::missing_templates(templates, &loaded.pages));
    }
    match (config, data, templates) {
        (Ok(config), Ok(data), Ok(templates)) if loaded.problems.is_empty() => Ok(Site {
            config,
            pages: loaded.pages,
            data,
            templates,
            assets,
        }),
        (config, data, templates) => {
            let mut problems = loaded.problems;
            problems.extend(config.err().unwrap_or_default());
            problems.extend(templates.err().unwrap_or_default());
            let data = data.unwrap_or_else(|errs| {
                problems.extend(errs);
                Data::default()
            });
            // The pages that did load can still be checked for broken links and citations.
            let index = PageIndex::new(&loaded.pages).with_unloaded(&loaded.unloaded);
            let files = site_files(&loaded.pages, &assets);
            let inputs = BodyInputs {
                pages: &loaded.pages,
                index: &index,
                data: &data,
                files: &files,
                trust_html: false,
            };
            problems.extend(render_bodies(&inputs).1);
            Err(Error::site(problems))
        }
    }
}

/// Every file the site will have that content may link to: its pages and the files of
/// `static/` (under their own names: links to a fingerprinted name are not expected).
fn site_files(pages: &[Page], assets: &Assets) -> HashSet<String> {
    let mut files: HashSet<String> = assets.names.values().cloned().collect();
    files.extend(pages.iter().map(|p| p.path.clone()));
    files
}

fn load_config(
    root: &Path,
    base_url_override: Option<&str>,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let shown = Path::new(config::FILE_NAME);
    let path = root.join(shown);
    if !path.is_file() {
        return Err(vec![
            Diagnostic::file(shown, "site.yaml is missing")
                .with_hint("create it with `title`, `description`, `language` and `author`"),
        ]);
    }
    let text = source_text::read(&path, shown).map_err(|d| vec![d])?;
    let mut config = SiteConfig::parse(&text, shown)?;
    if let Some(url) = base_url_override {
        let url =
            config::normalize_base_url(url).map_err(|m| vec![Diagnostic::file("--base-url", m)])?;
        config.base_url = Some(url);
    }
    Ok(config)
}

/// Renders the site into each page's site path and HTML, without writing anything.
pub fn render(site: Site) -> Result<Output> {
    let index = PageIndex::new(&site.pages);
    let files = site_files(&site.pages, &site.assets);
    let inputs = BodyInputs {
        pages: &site.pages,
        index: &index,
        data: &site.data,
        files: &files,
        trust_html: site.config.trust_html,
    };
    let (mut bodies, problems) = render_bodies(&inputs);
    if !problems.is_empty() {
        return Err(Error::site(problems));
    }
    let mut warnings: Vec<Diagnostic> = bodies
        .iter_mut()
        .flat_map(|b| std::mem::take(&mut b.warnings))
        .collect();
    warnings.extend(data::unused_sources(
        &site.data,
        bodies
            .iter()
            .flat_map(|b| &b.citations)
            .map(|c| c.id.as_str()),
    ));
    let mut files = render::render_pages(
        site.templates,
        &site.config,
        &site.pages,
        &bodies,
        &site.data,
        &site.assets,
    )
    .map_err(Error::site)?;
    // Content pages only: the 404 page, if any, comes after them.
    let pages = site.pages.len();
    let (extra, note) = site_files::generate(&site.config, &site.pages);
    files.extend(extra);
    Ok(Output {
        files,
        pages,
        assets: site.assets,
        notes: note.into_iter().collect(),
        warnings,
    })
}

/// What rendering the pages' Markdown needs.
struct BodyInputs<'a> {
    pages: &'a [Page],
    index: &'a PageIndex,
    data: &'a Data,
    files: &'a HashSet<String>,
    trust_html: bool,
}

/// Every page's Markdown rendered, with the problems found in the bodies: links to missing
/// pages or anchors, and citations of unknown sources.
fn render_bodies(inputs: &BodyInputs) -> (Vec<Rendered>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let glossary = glossary(inputs.pages, inputs.data).unwrap_or_else(|d| {
        problems.push(d);
        None
    });
    let refs = References {
        pages: inputs.index,
        data: inputs.data,
        glossary: glossary.as_ref(),
        trust_html: inputs.trust_html,
        files: inputs.files,
    };
    let bodies: Vec<Rendered> = inputs
        .pages
        .iter()
        .map(|page| {
            let (body, mut errs) = markdown::render(page, &refs);
            problems.append(&mut errs);
            body
        })
        .collect();
    problems.extend(broken_anchors(inputs.pages, &bodies));
    (bodies, problems)
}

/// Glossary terms link to the page `content/glossary.md`, which must exist if there are any.
fn glossary(pages: &[Page], data: &Data) -> Result<Option<Glossary>, Diagnostic> {
    if data.glossary.is_empty() {
        return Ok(None);
    }
    match pages
        .iter()
        .find(|p| p.content_path == Path::new("glossary.md"))
    {
        Some(page) => Ok(Some(Glossary::new(page.path.clone(), &data.glossary))),
        None => Err(Diagnostic::file(
            Path::new(data::DIR).join("glossary.yaml"),
            "there is no page to list the glossary on",
        )
        .with_hint(
            "create content/glossary.md (with `template: glossary.html`); terms link to it",
        )),
    }
}

fn broken_anchors(pages: &[Page], bodies: &[Rendered]) -> Vec<Diagnostic> {
    let by_path: HashMap<&str, &Rendered> =
        pages.iter().map(|p| p.path.as_str()).zip(bodies).collect();
    let mut problems = Vec::new();
    for (page, body) in pages.iter().zip(bodies) {
        for link in &body.anchor_refs {
            let Some(target) = by_path.get(link.target.as_str()) else {
                continue;
            };
            if target.ids.contains(&link.anchor) {
                continue;
            }
            let (line, column) = LineIndex::new(&page.text).locate(&page.text, link.offset);
            let hint = match did_you_mean(&link.anchor, target.ids.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `#{close}`?"),
                None => "link to a heading's id: its text in lowercase, with hyphens for spaces"
                    .to_owned(),
            };
            problems.push(
                Diagnostic::new(
                    &page.source,
                    line,
                    column,
                    format!(
                        "link to `#{}`: {} has no heading with that id",
                        link.anchor, link.target
                    ),
                )
                .with_source(&page.text)
                .with_hint(hint),
            );
        }
    }
    problems
}
