//! The first stage: everything a site is made of, read from its folder into plain data,
//! each file once: the settings (`site.yaml`), the pages (`content/`), the data files
//! (`content/data/`), the templates (`templates/`) and the static files (`static/`). Each
//! part is checked as it is read, and the parts are checked against each other.

pub mod assets;
pub mod data;
pub mod front_matter;
pub mod pages;
pub mod settings;
pub mod source_text;
pub(crate) mod yaml;

use std::path::Path;

use assets::Assets;
use data::Data;
use settings::Settings;

use crate::BuildOptions;
use crate::page::Page;
use crate::problem::{Problem, any_error, did_you_mean};
use crate::templates::Templates;

/// A site loaded into memory, every part of it known good.
pub struct Site {
    pub settings: Settings,
    /// In navigation order, each at the index of its id.
    pub pages: Vec<Page>,
    pub data: Data,
    pub templates: Templates,
    pub assets: Assets,
}

/// What loaded of a site that has mistakes, with every problem found: enough to go on
/// checking the pages that did load.
pub struct Broken {
    pub pages: Vec<Page>,
    /// Content paths of the pages that failed to load.
    pub unloaded: Vec<String>,
    pub data: Data,
    pub assets: Assets,
    pub problems: Vec<Problem>,
}

/// Loads and checks everything the site at `options.root` is made of.
pub fn site(options: &BuildOptions) -> Result<Site, Box<Broken>> {
    let root = &options.root;
    // The parts don't depend on each other; on a small site, loading them side by side is
    // most of what makes a build fast.
    let ((settings, loaded), ((data, data_problems), (templates, (assets, asset_problems)))) =
        rayon::join(
            || {
                let settings = settings::load(root, options.base_url.as_deref());
                (settings, pages::load(root, options.drafts))
            },
            || {
                rayon::join(
                    || data::load(root),
                    || rayon::join(|| Templates::load(root), || Assets::scan(root)),
                )
            },
        );
    let pages::Loaded {
        pages,
        mut problems,
        unloaded,
    } = loaded;
    problems.extend(data_problems);
    problems.extend(asset_problems);
    problems.extend(settings.as_ref().err().cloned().unwrap_or_default());
    problems.extend(templates.as_ref().err().cloned().unwrap_or_default());
    if let Ok(templates) = &templates {
        problems.extend(templates.missing(&pages));
    }
    problems.extend(cross_checks(&pages, &data));
    match (settings, templates) {
        (Ok(settings), Ok(templates)) if !any_error(&problems) => Ok(Site {
            settings,
            pages,
            data,
            templates,
            assets,
        }),
        _ => Err(Box::new(Broken {
            pages,
            unloaded,
            data,
            assets,
            problems,
        })),
    }
}

/// What the pages ask of the data: a page to list the glossary on, and the data files
/// they show.
fn cross_checks(pages: &[Page], data: &Data) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !data.glossary.is_empty() && !pages.iter().any(|p| p.content_path == "glossary.md") {
        problems.push(
            Problem::file(
                Path::new(data::DIR).join("glossary.yaml"),
                "there is no page to list the glossary on",
            )
            .with_hint(
                "create content/glossary.md (with `template: glossary.html`); terms link to it",
            ),
        );
    }
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
            let line = yaml::key_line(page.text.text(), "shows_data").unwrap_or(1);
            problems.push(
                page.problem_at_line(line, format!("there is no data file `{stem}` to show"))
                    .with_hint(hint),
            );
        }
    }
    problems
}
