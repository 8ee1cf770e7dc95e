//! The site's Tera templates: the built-in theme's, each replaced by the site's own file of
//! the same name in `templates/`, compiled once with the engine's filters, and their
//! mistakes turned into located problems.

mod filters;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::problem::{Origin, Problem};
use crate::source_text;
use crate::urls::SitePath;

pub const DIR: &str = crate::layout::TEMPLATES;

/// The share card's template, which a site may replace with its own `templates/card.svg`.
pub const CARD_TEMPLATE: &str = include_str!("../theme/templates/card.svg");

/// The templates whose values Tera escapes: markup. A share card's SVG is markup too, so a
/// title with `&` or `<` is drawn as written, never breaks the picture.
const ESCAPED: [&str; 4] = [".html", ".htm", ".xml", ".svg"];

/// What a template mistake says about where to look for the variables templates get.
const CONTEXT_HINT: &str = "templates get `site`, `data`, `page`, `pages`, `prev`, `next`, `root`, `assets`, `source_by_id` and `cited_first_on` (see README); test optional values with `{% if x %}`";
/// The same for the share card's template, which gets the card's values.
const CARD_HINT: &str = "the card template gets `section`, `question`, `lines` (each with `text` and `y`), `font_size`, `site_title`, `address` and `language` (see README)";

/// Templates of another language than Tera's, kept as written for the renderer that reads
/// them: Typst (`print.typ`, the PDFs' layout).
const OTHER_LANGUAGES: [&str; 1] = ["typ"];

/// Every template, compiled.
#[derive(Clone)]
pub struct Templates {
    tera: Tera,
    /// Each template's text, to quote lines in problems.
    sources: Arc<Vec<Source>>,
    /// The templates in [`OTHER_LANGUAGES`]: `print.typ`.
    others: Arc<Vec<Source>>,
    /// The built-in templates that did not fit the site's own, with why.
    left_out: Arc<Vec<(String, String)>>,
}

/// A template as written: the site's own, or one the engine ships.
struct Source {
    name: String,
    text: String,
    built_in: bool,
}

impl Source {
    /// Where the template is, as an author reads it.
    fn shown(&self) -> Origin {
        match self.built_in {
            true => Origin::BuiltIn(self.name.as_str().into()),
            false => Path::new(DIR).join(&self.name).into(),
        }
    }
}

impl Templates {
    /// Reads and compiles all templates together: Tera 2 checks a template's parent as it
    /// is added, so they can't be added one by one. A site without a `templates/` folder
    /// has the built-in theme's.
    pub fn load(root: &Path) -> Result<Templates, Vec<Problem>> {
        let dir = root.join(DIR);
        let mut sources = Vec::new();
        let mut others = Vec::new();
        let mut problems = Vec::new();
        let entries = dir.is_dir().then(|| source_text::walk(&dir));
        for entry in entries.into_iter().flatten() {
            let entry = match entry {
                Ok(e) if e.file_type().is_file() => e,
                Ok(_) => continue,
                Err(e) => {
                    problems.push(Problem::file(DIR, format!("can't read: {e}")));
                    continue;
                }
            };
            let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let name = SitePath::from_relative(relative).to_string();
            let other = entry
                .path()
                .extension()
                .is_some_and(|e| OTHER_LANGUAGES.iter().any(|o| e == *o));
            match source_text::read(entry.path(), &Path::new(DIR).join(relative)) {
                Ok(text) => {
                    let source = Source {
                        name,
                        text,
                        built_in: false,
                    };
                    match other {
                        true => others.push(source),
                        false => sources.push(source),
                    }
                }
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for (name, bytes) in crate::theme::TEMPLATES {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let name = name.to_string();
            let other = name
                .rsplit_once('.')
                .is_some_and(|(_, e)| OTHER_LANGUAGES.contains(&e));
            let kept = match other {
                true => &mut others,
                false => &mut sources,
            };
            if !kept.iter().any(|s| s.name == name) {
                kept.push(Source {
                    name,
                    text,
                    built_in: true,
                });
            }
        }
        let (tera, left_out) = compile(&mut sources).map_err(|p| vec![p])?;
        others.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Ok(Templates {
            tera,
            sources: Arc::new(sources),
            others: Arc::new(others),
            left_out: Arc::new(left_out),
        })
    }

    /// Why the built-in template `name` was left out, if it was: it did not fit the site's
    /// own templates (it fills a block the site's parent lacks, or calls a component the
    /// site's partials don't define).
    pub fn left_out(&self, name: &str) -> Option<&str> {
        let found = self.left_out.iter().find(|(n, _)| n == name);
        found.map(|(_, why)| why.as_str())
    }

    /// The text of `name`, a template in another language than Tera's (`print.typ`).
    pub fn other(&self, name: &str) -> Option<&str> {
        let found = self.others.iter().find(|s| s.name == name);
        found.map(|s| s.text.as_str())
    }

    /// Where template `name` is, as an author reads it: `templates/card.svg`, or
    /// `(built-in template) card.svg`.
    pub fn shown(&self, name: &str) -> Origin {
        self.sources
            .iter()
            .chain(self.others.iter())
            .find(|s| s.name == name)
            .map_or_else(|| Path::new(DIR).join(name).into(), Source::shown)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The values every render sees, set once: a clone of a Tera value is cheap, a
    /// re-serialisation per page is not. An edition's templates are a clone with the
    /// edition's values among their globals.
    pub fn globals(&mut self) -> &mut Context {
        self.tera.global_context()
    }

    /// Renders template `name` with `context`; `page` is the source file of the page being
    /// rendered, if any, named in a problem.
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        page: Option<&Path>,
    ) -> Result<String, Problem> {
        self.tera
            .render(name, context)
            .map_err(|e| problem(&e, &self.sources, page))
    }

    /// Every id the templates give an element as written (`id="toc"`); ids made from
    /// values (`id="{{ s.anchor }}"`) are not known until rendered, and are the engine's.
    pub fn ids(&self) -> HashSet<String> {
        let mut ids = HashSet::new();
        for source in self.sources.iter() {
            for rest in source.text.split(" id=\"").skip(1) {
                let id = rest.split('"').next().unwrap_or_default();
                if !id.is_empty() && !id.contains(['{', '}', ' ']) {
                    ids.insert(id.to_owned());
                }
            }
        }
        ids
    }

    /// The names of every template, sorted: the site's and the built-in ones.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.tera.get_template_names().collect();
        names.sort_unstable();
        names
    }
}

/// Every template compiled together. A built-in template that doesn't fit the site's own
/// (a site's `page.html` without the block the built-in `glossary.html` fills) is left out
/// rather than failing a site that may never use it; a page that asks for it is told why.
/// A mistake in the site's own templates is the problem.
fn compile(sources: &mut Vec<Source>) -> Result<(Tera, Vec<(String, String)>), Problem> {
    let mut left_out = Vec::new();
    loop {
        let mut tera = Tera::new();
        tera.autoescape_on(ESCAPED);
        filters::register(&mut tera);
        let added =
            tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())));
        let Err(err) = added else {
            return Ok((tera, left_out));
        };
        let misfits = misfits(&err, sources);
        if misfits.is_empty() {
            return Err(problem(&err, sources, None));
        }
        for (name, why) in misfits {
            sources.retain(|s| s.name != name);
            left_out.push((name, why));
        }
    }
}

/// The built-in templates an error of compiling is about, each with the error's words: the
/// checks between templates (a block, a component, a parent). A built-in template's syntax
/// is its own, and an error in it is the theme's, reported as it is.
fn misfits(err: &tera::Error, sources: &[Source]) -> Vec<(String, String)> {
    let built_in = |name: &str| sources.iter().any(|s| s.built_in && s.name == name);
    match err.kind() {
        ErrorKind::MissingParent { current, parent } if built_in(current) => {
            vec![(
                current.clone(),
                format!("it extends `{parent}`, which does not exist"),
            )]
        }
        // Tera's checks of blocks and components: reports, each with its `--> name:line`.
        ErrorKind::Msg(reports) => {
            let mut found: Vec<(String, String)> = Vec::new();
            for report in reports.split("\n\n") {
                let why = report.lines().next().unwrap_or_default();
                let why = why.strip_prefix("error: ").unwrap_or(why);
                let name = report
                    .split_once("--> ")
                    .and_then(|(_, rest)| rest.split(':').next())
                    .filter(|name| built_in(name));
                if let Some(name) = name
                    && !found.iter().any(|(n, _)| n == name)
                {
                    found.push((name.to_owned(), why.to_owned()));
                }
            }
            found
        }
        _ => Vec::new(),
    }
}

/// A Tera error as a problem at the template's file, line and column. `page` is the page
/// being rendered, if any, named in the message.
fn problem(err: &tera::Error, sources: &[Source], page: Option<&Path>) -> Problem {
    let while_rendering = page.map_or(String::new(), |p| {
        format!(" (while rendering {})", p.display())
    });
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let source = sources.iter().find(|s| s.name == report.filename());
            let path = source.map_or_else(
                || Path::new(DIR).join(report.filename()).into(),
                Source::shown,
            );
            let mut d = Problem::new(
                path,
                span.start_line,
                span.start_col + 1,
                format!("{}{while_rendering}", report.message()),
            );
            if let Some(source) = source {
                d = d.with_source(&source.text);
            }
            let message = report.message();
            if ["not found in context", "undefined", "is not defined"]
                .iter()
                .any(|m| message.contains(m))
            {
                d = d.with_hint(match report.filename() {
                    "card.svg" => CARD_HINT,
                    _ => CONTEXT_HINT,
                });
            }
            d
        }
        ErrorKind::MissingParent { current, parent } => Problem::file(
            Path::new(DIR).join(current),
            format!("extends `{parent}`, which does not exist"),
        ),
        _ => {
            let location = page.map_or_else(|| PathBuf::from(DIR), Path::to_path_buf);
            let mut message = err.to_string();
            let mut source = std::error::Error::source(err);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Problem::file(location, format!("{message}{while_rendering}"))
        }
    }
}
