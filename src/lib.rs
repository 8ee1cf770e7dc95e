//! explainer: a static-site generator for one job, a fast, accurate, accessible explainer.
//!
//! The pipeline runs one way: **load** (`site.yaml`, `content/`, data files, `templates/`)
//! into plain data, **render** (each page's Markdown, then its template, on all cores),
//! **write** (each page streamed into a spare folder that is swapped into place at the
//! end). Every stage collects all the mistakes it finds, so one run reports them all, and
//! the output changes only if the whole site rendered.

pub mod assets;
pub mod check;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod error;
mod escape;
mod hash;
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

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use assets::Assets;
use config::SiteConfig;
use content::Page;
use data::Data;
use diagnostics::{Diagnostic, LineIndex, did_you_mean};
pub use error::{Error, Result};
use markdown::links::PageIndex;
use markdown::{Citation, Glossary, References, Rendered};
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
    /// The glossary's terms and page, if the site has a glossary.
    pub glossary: Option<Glossary>,
}

/// A site rendered into memory, for `serve` and `check`.
#[derive(Debug)]
pub struct Output {
    /// Every generated file's text by site path: pages, 404, sitemap, feed, robots.txt.
    pub files: BTreeMap<String, String>,
    /// The files of `static/`, under their published names.
    pub assets: Assets,
    pub pages: usize,
    pub notes: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site described by `options` and writes it to `options.output_dir`, page by
/// page as they are rendered; the new site replaces the old one only if all went well.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let mut prepared = Prepared::new(load(options)?)?;
    let writer = output::Writer::prepare(
        &options.root,
        &options.output_dir,
        &prepared.planned_paths(),
        &prepared.assets,
    )?;
    prepared.render_all(&writer)?;
    writer.finish()?;
    Ok(BuildReport {
        pages: prepared.pages.len(),
        output_dir: options.output_dir.clone(),
        notes: prepared.notes,
    })
}

/// Loads and checks everything the site is made of, reporting every problem at once.
pub fn load(options: &BuildOptions) -> Result<Site> {
    let root = &options.root;
    // The parts don't depend on each other; on a small site, loading them side by side is
    // most of what makes a build fast.
    let ((config, mut loaded), (data, (templates, assets))) = rayon::join(
        || {
            let config = load_config(root, options.base_url.as_deref());
            (config, content::load_pages(root, options.drafts))
        },
        || {
            let templates_and_assets = rayon::join(|| Templates::load(root), || Assets::scan(root));
            (data::load(root), templates_and_assets)
        },
    );
    let assets = assets?;
    if let Ok(templates) = &templates {
        loaded
            .problems
            .extend(render::missing_templates(templates, &loaded.pages));
    }
    let glossary = data.as_ref().ok().map(|data| glossary(&loaded.pages, data));
    if let Ok(data) = &data {
        loaded
            .problems
            .extend(unknown_shown_data(&loaded.pages, data));
    }
    match (config, data, templates, glossary) {
        (Ok(config), Ok(data), Ok(templates), Some(Ok(glossary))) if loaded.problems.is_empty() => {
            Ok(Site {
                config,
                pages: loaded.pages,
                data,
                templates,
                assets,
                glossary,
            })
        }
        (config, data, templates, glossary) => {
            let mut problems = loaded.problems;
            problems.extend(config.err().unwrap_or_default());
            problems.extend(templates.err().unwrap_or_default());
            let glossary = glossary.and_then(|g| {
                g.unwrap_or_else(|d| {
                    problems.push(d);
                    None
                })
            });
            let data = data.unwrap_or_else(|errs| {
                problems.extend(errs);
                Data::default()
            });
            // The pages that did load can still be checked for broken links and citations.
            let index = PageIndex::new(&loaded.pages).with_unloaded(&loaded.unloaded);
            let files = site_files(&loaded.pages, &assets);
            let refs = References {
                pages: &index,
                data: &data,
                glossary: glossary.as_ref(),
                trust_html: false,
                files: &files,
            };
            problems.extend(body_problems(&loaded.pages, &refs));
            Err(Error::site(problems))
        }
    }
}

/// Every file the site will have that content may link to: its pages and the published
/// files of `static/`.
fn site_files(pages: &[Page], assets: &Assets) -> HashSet<String> {
    let mut files: HashSet<String> = assets.files.keys().cloned().collect();
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

/// Renders the site into memory, without writing anything.
pub fn render(site: Site) -> Result<Output> {
    render_kept(site).map(|(output, _)| output)
}

/// Renders the site into memory and keeps what is needed to re-render a page alone.
pub fn render_kept(site: Site) -> Result<(Output, Prepared)> {
    let mut prepared = Prepared::new(site)?;
    let collect = output::Collect::default();
    prepared.render_all(&collect)?;
    let output = Output {
        files: collect.into_files(),
        assets: prepared.assets.clone(),
        pages: prepared.pages.len(),
        notes: prepared.notes.clone(),
        warnings: std::mem::take(&mut prepared.warnings),
    };
    Ok((output, prepared))
}

/// A site ready to render: its pages loaded, their citations numbered, its templates
/// compiled. `serve` keeps one, to re-render a page alone.
///
/// Every page's navigation lists the sources each page cites, so citations are learnt
/// before any page renders; only pages whose text could cite are parsed for it. Each page's
/// Markdown is then rendered once, just before its template, so that only the pages in
/// flight are ever held in memory.
pub struct Prepared {
    config: SiteConfig,
    pages: Vec<Page>,
    data: Data,
    assets: Assets,
    glossary: Option<Glossary>,
    index: PageIndex,
    files: HashSet<String>,
    /// The sources each page cites, by page.
    citations: Vec<Vec<Citation>>,
    /// What each page's body holds, without its HTML: known once the pages are rendered.
    bodies: Vec<Rendered>,
    renderer: render::Renderer,
    /// sitemap.xml, feed.xml and robots.txt: their site paths and texts.
    extra: Vec<(String, String)>,
    notes: Vec<String>,
    warnings: Vec<Diagnostic>,
}

impl Prepared {
    /// Numbers every page's citations and readies the templates; a page that can't be
    /// read again stops here, with every such problem reported.
    pub fn new(site: Site) -> Result<Prepared> {
        let (citations, problems) = scan_citations(&site.pages, &site.data);
        if !problems.is_empty() {
            return Err(Error::site(problems));
        }
        let shared = render::Shared {
            config: &site.config,
            data: &site.data,
            assets: &site.assets,
        };
        let renderer = render::Renderer::new(site.templates, &shared, &site.pages, &citations);
        let (extra, note) = site_files::generate(&site.config, &site.pages);
        Ok(Prepared {
            index: PageIndex::new(&site.pages),
            files: site_files(&site.pages, &site.assets),
            config: site.config,
            pages: site.pages,
            data: site.data,
            assets: site.assets,
            glossary: site.glossary,
            citations,
            bodies: Vec::new(),
            renderer,
            extra,
            notes: note.into_iter().collect(),
            warnings: Vec::new(),
        })
    }

    fn references(&self) -> References<'_> {
        References {
            pages: &self.index,
            data: &self.data,
            glossary: self.glossary.as_ref(),
            trust_html: self.config.trust_html,
            files: &self.files,
        }
    }

    fn shared(&self) -> render::Shared<'_> {
        render::Shared {
            config: &self.config,
            data: &self.data,
            assets: &self.assets,
        }
    }

    /// Site paths of every file [`render_all`](Self::render_all) will write.
    pub fn planned_paths(&self) -> BTreeSet<String> {
        let pages = self.pages.iter().map(|p| p.path.clone());
        let extra = self.extra.iter().map(|(path, _)| path.clone());
        let not_found = self
            .renderer
            .has_not_found()
            .then(|| render::NOT_FOUND.to_owned());
        pages.chain(extra).chain(not_found).collect()
    }

    /// Renders every file of the site into `sink`, and checks the links to other pages'
    /// headings once all are known. Any problem fails the whole, with all of them
    /// reported; what the build lets through is kept as warnings.
    pub fn render_all(&mut self, sink: &dyn output::Sink) -> Result<()> {
        for (path, text) in &self.extra {
            sink.put(path, text.as_bytes())?;
        }
        let refs = self.references();
        let body = |i: usize| self.body(i, &refs);
        let (mut bodies, mut problems) = render::render_pages(
            &self.renderer,
            &self.shared(),
            &self.pages,
            &self.citations,
            &body,
            sink,
        )?;
        problems.extend(broken_anchors(&self.pages, &bodies));
        if !problems.is_empty() {
            return Err(Error::site(problems));
        }
        let mut warnings: Vec<Diagnostic> = bodies
            .iter_mut()
            .flat_map(|b| std::mem::take(&mut b.warnings))
            .collect();
        let cited = self.citations.iter().flatten().map(|c| c.id.as_str());
        warnings.extend(data::unused_sources(&self.data, cited));
        self.warnings = warnings;
        self.bodies = bodies;
        Ok(())
    }

    /// Page `i`'s body, read again and rendered, with its problems.
    fn body(&self, i: usize, refs: &References) -> (Rendered, Vec<Diagnostic>) {
        let page = &self.pages[i];
        let text = match page.read() {
            Ok(text) => text,
            Err(problem) => return (Rendered::default(), vec![problem]),
        };
        let (body, mut problems) = markdown::render(page, &text, refs);
        if problems.is_empty() && body.citations != self.citations[i] {
            problems.push(page.changed_during_build());
        }
        (body, problems)
    }

    /// After the content file `changed` was saved: its page re-rendered alone, if nothing
    /// else can depend on the change (its front matter and its list of sources are as they
    /// were, so navigation and other pages are unchanged). `None` when a full build is
    /// needed instead; an error when the page now has mistakes (including links that other
    /// pages make to its headings).
    pub fn rerender(&mut self, root: &Path, changed: &Path) -> Option<Result<(String, String)>> {
        let i = self
            .pages
            .iter()
            .position(|p| root.join(&p.source) == changed)?;
        let (page, text) = match content::load_page(root, changed) {
            Ok(loaded) => loaded,
            Err(problems) => return Some(Err(Error::site(problems))),
        };
        let old = &self.pages[i];
        if page.front != old.front || page.path != old.path || page.template != old.template {
            return None;
        }
        let (body, problems) = markdown::render(&page, &text, &self.references());
        if !problems.is_empty() {
            return Some(Err(Error::site(problems)));
        }
        if body.citations != self.citations[i] {
            return None;
        }
        let old_page = std::mem::replace(&mut self.pages[i], page);
        let old_body = std::mem::replace(&mut self.bodies[i], body);
        let problems = broken_anchors(&self.pages, &self.bodies);
        if !problems.is_empty() {
            self.pages[i] = old_page;
            self.bodies[i] = old_body;
            return Some(Err(Error::site(problems)));
        }
        let html = self.renderer.page(
            &self.shared(),
            &self.pages,
            &self.citations,
            i,
            &self.bodies[i],
        );
        self.bodies[i].html = String::new();
        Some(
            html.map(|html| (self.pages[i].path.clone(), html))
                .map_err(|d| Error::site(vec![d])),
        )
    }
}

/// The citations of every page that could cite, on all cores, numbered as its render will
/// number them; and the problems of files that can no longer be read.
fn scan_citations(pages: &[Page], data: &Data) -> (Vec<Vec<Citation>>, Vec<Diagnostic>) {
    let results: Vec<Result<Vec<Citation>, Diagnostic>> = pages
        .par_iter()
        .map(|page| match page.may_cite {
            true => page
                .read()
                .map(|text| markdown::scan_citations(&text, data)),
            false => Ok(Vec::new()),
        })
        .collect();
    let mut problems = Vec::new();
    let citations = results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|d| {
                problems.push(d);
                Vec::new()
            })
        })
        .collect();
    (citations, problems)
}

/// Every mistake in the bodies of `pages`, on all cores: links to missing pages or
/// anchors, citations of unknown sources. Their HTML is dropped.
fn body_problems(pages: &[Page], refs: &References) -> Vec<Diagnostic> {
    let results: Vec<(Rendered, Vec<Diagnostic>)> = pages
        .par_iter()
        .map(|page| match page.read() {
            Ok(text) => {
                let (mut body, problems) = markdown::render(page, &text, refs);
                body.html = String::new();
                (body, problems)
            }
            Err(problem) => (Rendered::default(), vec![problem]),
        })
        .collect();
    let (bodies, problems): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = results.into_iter().unzip();
    let mut problems: Vec<Diagnostic> = problems.into_iter().flatten().collect();
    problems.extend(broken_anchors(pages, &bodies));
    problems
}

/// Pages whose `shows_data` names a data file the site doesn't have.
fn unknown_shown_data(pages: &[Page], data: &Data) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for page in pages {
        for stem in page
            .front
            .shows_data
            .iter()
            .filter(|s| !data.files.contains(*s))
        {
            let hint = match did_you_mean(stem, data.files.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("name a file of {} without `.yaml`", data::DIR),
            };
            let text = page.read().map(|t| t.text).unwrap_or_default();
            let line = crate::yaml::key_line(&text, "shows_data").unwrap_or(1);
            problems.push(
                Diagnostic::new(
                    &page.source,
                    line,
                    1,
                    format!("there is no data file `{stem}` to show"),
                )
                .with_source(&text)
                .with_hint(hint),
            );
        }
    }
    problems
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
            if target.toc.iter().any(|t| t.id == link.anchor) {
                continue;
            }
            // Texts are not kept; a mistake is rare enough to read the file again.
            let text = page.read().map(|t| t.text).unwrap_or_default();
            let (line, column) = LineIndex::new(&text).locate(&text, link.offset);
            let hint = match did_you_mean(&link.anchor, target.toc.iter().map(|t| t.id.as_str())) {
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
                .with_source(&text)
                .with_hint(hint),
            );
        }
    }
    problems
}
