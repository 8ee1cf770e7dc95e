//! explainer: a static-site generator for one job, a fast, accurate, accessible explainer.
//!
//! The pipeline runs one way: **load** (`site.yaml`, `content/`, data files, `templates/`) into plain
//! data, **render** (Markdown, then templates), **write** (a staged output swapped into
//! place). Every stage collects all the mistakes it finds, so one run reports them all, and
//! nothing is written unless the whole site rendered.

pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod error;
pub mod map;
pub mod markdown;
pub mod output;
pub mod render;
pub mod source_text;
pub mod urls;
mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use config::SiteConfig;
use content::Page;
use data::Data;
use diagnostics::{Diagnostic, LineIndex, did_you_mean};
pub use error::{Error, Result};
use markdown::links::PageIndex;
use markdown::{Glossary, References, Rendered};
use render::Templates;

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
}

/// A site loaded into memory and checked, ready to render.
pub struct Site {
    pub config: SiteConfig,
    pub pages: Vec<Page>,
    pub data: Data,
    pub templates: Templates,
}

/// Builds the site described by `options` and writes it to `options.output_dir`.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let site = load(options)?;
    let rendered = render(site)?;
    output::write_site(&options.root, &options.output_dir, &rendered)?;
    Ok(BuildReport {
        pages: rendered.len(),
        output_dir: options.output_dir.clone(),
    })
}

/// Loads and checks everything the site is made of, reporting every problem at once.
pub fn load(options: &BuildOptions) -> Result<Site> {
    let config = load_config(&options.root, options.base_url.as_deref());
    let mut loaded = content::load_pages(&options.root, options.drafts);
    let data = data::load(&options.root);
    let templates = Templates::load(&options.root);
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
            problems.extend(render_bodies(&loaded.pages, &index, &data, false).1);
            Err(Error::site(problems))
        }
    }
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
pub fn render(site: Site) -> Result<Vec<(String, String)>> {
    let index = PageIndex::new(&site.pages);
    let (bodies, problems) = render_bodies(&site.pages, &index, &site.data, site.config.trust_html);
    if !problems.is_empty() {
        return Err(Error::site(problems));
    }
    render::render_pages(
        site.templates,
        &site.config,
        &site.pages,
        &bodies,
        &site.data,
    )
    .map_err(Error::site)
}

/// Every page's Markdown rendered, with the problems found in the bodies: links to missing
/// pages or anchors, and citations of unknown sources.
fn render_bodies(
    pages: &[Page],
    index: &PageIndex,
    data: &Data,
    trust_html: bool,
) -> (Vec<Rendered>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let glossary = glossary(pages, data).unwrap_or_else(|d| {
        problems.push(d);
        None
    });
    let refs = References {
        pages: index,
        data,
        glossary: glossary.as_ref(),
        trust_html,
    };
    let bodies: Vec<Rendered> = pages
        .iter()
        .map(|page| {
            let (body, mut errs) = markdown::render(page, &refs);
            problems.append(&mut errs);
            body
        })
        .collect();
    problems.extend(broken_anchors(pages, &bodies));
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
