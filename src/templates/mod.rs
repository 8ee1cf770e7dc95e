//! The site's Tera templates: read from `templates/`, beside the built-in ones a site may
//! override (`sitemap.xml`, `feed.xml`, `robots.txt`, `_headers`, `card.svg`), compiled once with the
//! engine's filters, and their mistakes turned into located problems.

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
pub const CARD_TEMPLATE: &str = include_str!("builtin/card.svg");

/// Templates the engine ships, by name; a site's own file of the same name replaces one.
const BUILT_IN: &[(&str, &str)] = &[
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("feed.xml", include_str!("builtin/feed.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
    ("_headers", include_str!("builtin/_headers")),
    ("card.svg", CARD_TEMPLATE),
];

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
    /// The templates in [`OTHER_LANGUAGES`], by name: `print.typ`.
    others: Arc<Vec<(String, String)>>,
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
    /// is added, so they can't be added one by one.
    pub fn load(root: &Path) -> Result<Templates, Vec<Problem>> {
        let dir = root.join(DIR);
        if !dir.is_dir() {
            return Err(vec![
                Problem::file(DIR, "the templates folder is missing")
                    .with_hint("a site needs templates/base.html, index.html and page.html"),
            ]);
        }
        let mut sources = Vec::new();
        let mut others = Vec::new();
        let mut problems = Vec::new();
        for entry in source_text::walk(&dir) {
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
                Ok(text) if other => others.push((name, text)),
                Ok(text) => sources.push(Source {
                    name,
                    text,
                    built_in: false,
                }),
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for (name, text) in BUILT_IN {
            if !sources.iter().any(|s| s.name == *name) {
                sources.push(Source {
                    name: name.to_string(),
                    text: text.to_string(),
                    built_in: true,
                });
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(ESCAPED);
        filters::register(&mut tera);
        tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
            .map_err(|e| vec![problem(&e, &sources, None)])?;
        others.sort_unstable();
        Ok(Templates {
            tera,
            sources: Arc::new(sources),
            others: Arc::new(others),
        })
    }

    /// The text of `name`, a template in another language than Tera's (`print.typ`).
    pub fn other(&self, name: &str) -> Option<&str> {
        let found = self.others.iter().find(|(n, _)| n == name);
        found.map(|(_, text)| text.as_str())
    }

    /// Where template `name` is, as an author reads it: `templates/card.svg`, or
    /// `(built-in template) card.svg`.
    pub fn shown(&self, name: &str) -> Origin {
        self.sources
            .iter()
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
