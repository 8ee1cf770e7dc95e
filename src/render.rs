//! Pages through Tera templates: loading `templates/`, building each page's context, and
//! turning template mistakes into located diagnostics.
//!
//! Context given to every template:
//! - `site` (site.yaml), `data` (the data files), `assets` (the published name of each file
//!   of `static/`, e.g. `assets["style.css"]`);
//! - `map` (the SVG map drawn from `data.countries`, or an empty string) and `map_legend`
//!   (its legend: `class`, `label`);
//! - `pages` (every page's summary in navigation order), `page` (the page being rendered),
//!   `prev` and `next` (summaries or none);
//! - `source_by_id` (each source of `data.sources` by its id) and `cited_first_on` (for
//!   each cited source's id, the URL of the first page in navigation order that cites it),
//!   so templates look sources up instead of searching lists in loops;
//! - `root` (the relative prefix from this page to the site root, e.g. `"../"`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera};

use crate::assets::Assets;
use crate::config::SiteConfig;
use crate::content::Page;
use crate::content::date::{Date, PartialDate};
use crate::data::{Country, Data, Event, Source, Term};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::map;
use crate::markdown::citations::entry_anchor;
use crate::markdown::{Citation, Rendered, TocEntry};
use crate::output::Sink;
use crate::source_text;
use crate::urls;

pub const DIR: &str = "templates";

/// Words a reader gets through in a minute, for `page.reading_time`.
const WORDS_PER_MINUTE: usize = 200;

/// Every template under `templates/`, compiled once.
pub struct Templates {
    tera: Tera,
    /// Each template's name and text, to quote lines in diagnostics.
    sources: Vec<(String, String)>,
}

impl Templates {
    /// Loads and compiles all templates together: Tera 2 checks a template's parent as it is
    /// added, so they can't be added one by one.
    pub fn load(root: &Path) -> Result<Templates, Vec<Diagnostic>> {
        let dir = root.join(DIR);
        if !dir.is_dir() {
            return Err(vec![
                Diagnostic::file(DIR, "the templates folder is missing")
                    .with_hint("a site needs templates/base.html, index.html and page.html"),
            ]);
        }
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        let walker = source_text::walk(&dir);
        for entry in walker {
            let entry = match entry {
                Ok(e) if e.file_type().is_file() => e,
                Ok(_) => continue,
                Err(e) => {
                    problems.push(Diagnostic::file(DIR, format!("can't read: {e}")));
                    continue;
                }
            };
            let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let name = urls::site_path(relative);
            match source_text::read(entry.path(), &Path::new(DIR).join(relative)) {
                Ok(text) => sources.push((name, text)),
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        tera.register_filter("human_date", human_date);
        tera.register_filter("json", json);
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| vec![template_diagnostic(&e, &sources, None)])?;
        Ok(Templates { tera, sources })
    }

    pub fn contains(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.tera.get_template_names().collect();
        names.sort_unstable();
        names
    }
}

/// `{{ page.updated | human_date }}`: `2022-01-26` becomes `26 January 2022`, `2025-11`
/// becomes `November 2025`.
fn human_date(value: &str, _: Kwargs, _: &State) -> tera::TeraResult<String> {
    PartialDate::parse(value)
        .map(|d| d.human())
        .map_err(tera::Error::message)
}

/// `{{ value | json | safe }}`: the value as JSON that is safe inside a `<script>` data
/// block (`<`, `>` and `&` escaped, so no `</script>` can end it early). Null fields of
/// maps are left out, as structured-data readers expect.
fn json(value: tera::Value, _: Kwargs, _: &State) -> tera::TeraResult<String> {
    let json = serde_json::to_value(&value).map_err(tera::Error::message)?;
    let text = serde_json::to_string(&without_nulls(json)).map_err(tera::Error::message)?;
    Ok(text
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026"))
}

fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k, without_nulls(v)))
            .collect(),
        serde_json::Value::Array(items) => items.into_iter().map(without_nulls).collect(),
        other => other,
    }
}

/// What templates see of any page in `pages`, `prev` and `next`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub question: Option<&'a str>,
    pub url: &'a str,
    pub weight: i64,
    /// The sources the page cites, numbered as on the page.
    pub sources: Vec<CitedSource<'a>>,
}

impl<'a> Summary<'a> {
    pub fn of(page: &'a Page, citations: &'a [Citation], data: &'a Data) -> Self {
        Summary {
            title: &page.front.title,
            description: &page.front.description,
            question: page.front.question.as_deref(),
            url: &page.path,
            weight: page.front.weight,
            sources: cited_sources(citations, data),
        }
    }
}

/// A source as a page cites it: the source's fields, its number on the page, the anchor of
/// its entry in the page's list, and the anchors of the markers citing it.
#[derive(Debug, Clone, Serialize)]
pub struct CitedSource<'a> {
    pub number: usize,
    pub anchor: String,
    pub refs: &'a [String],
    #[serde(flatten)]
    pub source: &'a Source,
}

fn cited_sources<'a>(citations: &'a [Citation], data: &'a Data) -> Vec<CitedSource<'a>> {
    citations
        .iter()
        .filter_map(|c| {
            Some(CitedSource {
                number: c.number,
                anchor: entry_anchor(c.number),
                refs: &c.refs,
                source: data.source(&c.id)?,
            })
        })
        .collect()
}

/// The data files as templates see them, under `data`.
#[derive(Serialize)]
struct DataContext<'a> {
    sources: &'a [Source],
    timeline: &'a [Event],
    countries: &'a [Country],
    glossary: &'a [Term],
    #[serde(flatten)]
    other: &'a BTreeMap<String, serde_yaml::Value>,
}

/// For each cited source's id, the site path of the first page in navigation order that
/// cites it.
fn cited_first_on<'a>(
    pages: &'a [Page],
    citations: &'a [Vec<Citation>],
) -> BTreeMap<&'a str, &'a str> {
    let mut first = BTreeMap::new();
    for (page, cited) in pages.iter().zip(citations) {
        for c in cited {
            first.entry(c.id.as_str()).or_insert(page.path.as_str());
        }
    }
    first
}

/// What templates see of the page being rendered, as `page`.
#[derive(Debug, Serialize)]
struct PageContext<'a> {
    title: &'a str,
    description: &'a str,
    question: Option<&'a str>,
    content: &'a str,
    toc: &'a [TocEntry],
    url: &'a str,
    permalink: Option<String>,
    date: Option<Date>,
    updated: Option<Date>,
    key_points: &'a [String],
    sources: &'a [CitedSource<'a>],
    word_count: usize,
    reading_time: usize,
    is_home: bool,
    source: String,
}

/// Everything templates share besides the page itself.
pub struct Shared<'a> {
    pub config: &'a SiteConfig,
    pub data: &'a Data,
    pub assets: &'a Assets,
}

/// The templates, compiled, with everything they share already in their context: ready
/// to render any page, as often as needed.
pub struct Renderer {
    tera: Tera,
    sources: Vec<(String, String)>,
    /// The prose words of each data file, for the pages that show one.
    data_words: BTreeMap<String, usize>,
}

impl Renderer {
    /// Gives the templates `site`, `pages`, `data`, `map`, `map_legend` and `assets`, once:
    /// a clone of a Tera value is cheap, a re-serialisation per page is not.
    pub fn new(
        templates: Templates,
        shared: &Shared,
        pages: &[Page],
        citations: &[Vec<Citation>],
    ) -> Renderer {
        let Templates { mut tera, sources } = templates;
        let Shared {
            config,
            data,
            assets,
        } = *shared;
        let summaries: Vec<Summary> = pages
            .iter()
            .zip(citations)
            .map(|(p, c)| Summary::of(p, c, data))
            .collect();
        let globals = tera.global_context();
        globals.insert("site", config);
        globals.insert("pages", &summaries);
        globals.insert(
            "data",
            &DataContext {
                sources: &data.sources,
                timeline: &data.timeline,
                countries: &data.countries,
                glossary: &data.glossary,
                other: &data.other,
            },
        );
        let source_by_id: BTreeMap<&str, &Source> =
            data.sources.iter().map(|s| (s.id.as_str(), s)).collect();
        globals.insert("source_by_id", &source_by_id);
        globals.insert("cited_first_on", &cited_first_on(pages, citations));
        globals.insert("map", &map::svg(&data.countries));
        globals.insert("map_legend", &map::legend(&data.countries));
        globals.insert("assets", &assets.names);
        let data_words = pages
            .iter()
            .flat_map(|p| &p.front.shows_data)
            .map(|stem| (stem.clone(), data.prose_words(stem)))
            .collect();
        Renderer {
            tera,
            sources,
            data_words,
        }
    }

    /// Page `i` with its template; `body` is its Markdown, rendered.
    pub fn page(
        &self,
        shared: &Shared,
        pages: &[Page],
        citations: &[Vec<Citation>],
        i: usize,
        body: &Rendered,
    ) -> Result<String, Diagnostic> {
        let summary = |j: usize| Summary::of(&pages[j], &citations[j], shared.data);
        let prev = i.checked_sub(1).map(summary);
        let next = (i + 1 < pages.len()).then(|| summary(i + 1));
        let shown_words: usize = pages[i]
            .front
            .shows_data
            .iter()
            .filter_map(|stem| self.data_words.get(stem))
            .sum();
        let context = page_context(
            shared.config,
            &pages[i],
            (body, body.word_count + shown_words),
            &summary(i),
            (prev.as_ref(), next.as_ref()),
        );
        self.tera
            .render(&pages[i].template, &context)
            .map_err(|e| template_diagnostic(&e, &self.sources, Some(&pages[i])))
    }

    /// Whether the templates have a 404 page.
    pub fn has_not_found(&self) -> bool {
        self.tera.contains_template(NOT_FOUND)
    }

    /// The 404 page, if the templates have one.
    pub fn not_found(&self, config: &SiteConfig) -> Option<Result<String, Diagnostic>> {
        self.tera.contains_template(NOT_FOUND).then(|| {
            self.tera
                .render(NOT_FOUND, &not_found_context(config))
                .map_err(|e| template_diagnostic(&e, &self.sources, None))
        })
    }
}

/// Renders every page with its template, on all cores, handing each page's HTML to `sink`
/// as soon as it is ready, so that the whole site is never held in memory.
///
/// `body(i)` reads page `i` again and renders its Markdown; `citations[i]` is what the
/// first pass learnt of its citations. Returns what each body holds (its HTML dropped, in
/// the pages' order) with every problem of the run, or the first error of the sink.
pub fn render_pages(
    renderer: &Renderer,
    shared: &Shared,
    pages: &[Page],
    citations: &[Vec<Citation>],
    body: &(dyn Fn(usize) -> (Rendered, Vec<Diagnostic>) + Sync),
    sink: &dyn Sink,
) -> crate::Result<(Vec<Rendered>, Vec<Diagnostic>)> {
    let results: Vec<(Rendered, Vec<Diagnostic>)> = (0..pages.len())
        .into_par_iter()
        .map(|i| {
            let (mut body, mut problems) = body(i);
            if problems.is_empty() {
                match renderer.page(shared, pages, citations, i, &body) {
                    Ok(html) => sink.put(&pages[i].path, html.as_bytes())?,
                    Err(d) => problems.push(d),
                }
            }
            body.html = String::new();
            Ok((body, problems))
        })
        .collect::<crate::Result<_>>()?;
    let (bodies, problems): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = results.into_iter().unzip();
    let mut problems: Vec<Diagnostic> = problems.into_iter().flatten().collect();
    match renderer.not_found(shared.config) {
        Some(Ok(html)) => sink.put(NOT_FOUND, html.as_bytes())?,
        Some(Err(d)) => problems.push(d),
        None => {}
    }
    Ok((bodies, problems))
}

/// The context of one page; `words` counts what a reader reads: its body and the data its
/// template shows.
fn page_context(
    config: &SiteConfig,
    page: &Page,
    (body, words): (&Rendered, usize),
    summary: &Summary,
    (prev, next): (Option<&Summary>, Option<&Summary>),
) -> Context {
    let front = &page.front;
    let context = PageContext {
        title: &front.title,
        description: &front.description,
        question: front.question.as_deref(),
        content: &body.html,
        toc: &body.toc,
        url: &page.path,
        permalink: config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", page.path)),
        date: front.date,
        updated: front.updated.or(front.date),
        key_points: &front.key_points,
        sources: &summary.sources,
        word_count: words,
        reading_time: words.div_ceil(WORDS_PER_MINUTE).max(1),
        is_home: page.is_home(),
        source: page.source.to_string_lossy().replace('\\', "/"),
    };
    let mut ctx = Context::new();
    ctx.insert("page", &context);
    ctx.insert("prev", &prev);
    ctx.insert("next", &next);
    ctx.insert("root", &urls::root_prefix(&page.path));
    ctx
}

/// The page hosts show for a missing address, rendered from the template of this name.
pub const NOT_FOUND: &str = "404.html";

/// The 404 page is served at whatever address was asked for, at any depth, so relative
/// links can't work from it: its `root` is the absolute base URL when there is one.
fn not_found_context(config: &SiteConfig) -> Context {
    let context = PageContext {
        title: "Page not found",
        description: &config.description,
        question: None,
        content: "",
        toc: &[],
        url: NOT_FOUND,
        permalink: None,
        date: None,
        updated: None,
        key_points: &[],
        sources: &[],
        word_count: 0,
        reading_time: 1,
        is_home: false,
        source: String::new(),
    };
    let mut ctx = Context::new();
    ctx.insert("page", &context);
    ctx.insert("prev", &None::<Summary>);
    ctx.insert("next", &None::<Summary>);
    ctx.insert("root", config.base_url.as_deref().unwrap_or(""));
    ctx
}

/// Pages whose `template` does not exist: located on their `template:` line.
pub fn missing_templates(templates: &Templates, pages: &[Page]) -> Vec<Diagnostic> {
    let names = templates.names();
    pages
        .iter()
        .filter(|p| !templates.contains(&p.template))
        .map(|p| {
            let line = p.template_line.unwrap_or(1);
            let hint = match did_you_mean(&p.template, names.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the templates are: {}", names.join(", ")),
            };
            Diagnostic::new(
                &p.source,
                line,
                1,
                format!("there is no template `{}`", p.template),
            )
            .with_source(&p.read().map(|t| t.text).unwrap_or_default())
            .with_hint(hint)
        })
        .collect()
}

/// Turns a Tera error into a diagnostic at the template's file, line and column. `page` is
/// the page being rendered, if any, named in the message.
fn template_diagnostic(
    err: &tera::Error,
    sources: &[(String, String)],
    page: Option<&Page>,
) -> Diagnostic {
    let while_rendering = page.map_or(String::new(), |p| {
        format!(" (while rendering {})", p.source.display())
    });
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let path = PathBuf::from(DIR).join(report.filename());
            let mut d = Diagnostic::new(
                path,
                span.start_line,
                span.start_col + 1,
                format!("{}{while_rendering}", report.message()),
            );
            if let Some((_, text)) = sources.iter().find(|(name, _)| name == report.filename()) {
                d = d.with_source(text);
            }
            if report.message().contains("not found in context")
                || report.message().contains("undefined")
            {
                d = d.with_hint("templates get `site`, `data`, `map`, `page`, `pages`, `prev`, `next`, `root`, `assets`, `source_by_id` and `cited_first_on` (see README); test optional values with `{% if x %}`");
            }
            d
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::file(
            Path::new(DIR).join(current),
            format!("extends `{parent}`, which does not exist"),
        ),
        _ => {
            let location = page.map_or_else(|| PathBuf::from(DIR), |p| p.source.clone());
            let mut message = err.to_string();
            let mut source = std::error::Error::source(err);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Diagnostic::file(location, format!("{message}{while_rendering}"))
        }
    }
}
