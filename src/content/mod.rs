//! The first stage: everything a site is made of, read from its folder into plain data,
//! each file once: the settings (`site.yaml`), the pages (`content/`), the data files
//! (`content/data/`), the templates (`templates/`) and the static files (`static/`). Each
//! part is checked as it is read, and the parts are checked against each other.

pub mod assets;
pub mod changes;
pub mod data;
pub mod front_matter;
pub mod outline;
pub mod page;
pub mod pages;
mod translation;

use assets::Assets;
use data::{Data, DataFile};

use crate::config::data_rules::DataRules;
use crate::config::settings::{self, Settings};
use crate::config::strings::{self, Strings};
use crate::diagnostics::spans::YamlPath;

use crate::config::BuildOptions;
use crate::config::editions::{self, Edition};
use crate::content::page::{Page, PageText};
use crate::diagnostics::problem::{Problem, did_you_mean};
use crate::templates::Templates;

/// A site loaded into memory: every part that loaded, and every problem found. A site
/// with errors goes on through the same stages, so that one run reports every mistake;
/// only what loaded is there (a page that failed to load is among `unloaded`).
pub struct Site {
    /// As `site.yaml` gives them; placeholders when it could not be read.
    pub settings: Settings,
    /// Each edition with what is its own, the default edition first.
    pub volumes: Vec<Volume>,
    /// In navigation order, edition by edition, each at the index of its id.
    pub pages: Vec<Page>,
    /// Each page's text, by [`PageId`](page::PageId).
    pub texts: Vec<PageText>,
    /// Content paths of the files that exist but failed to load: links to them are not
    /// broken, only unchecked.
    pub unloaded: Vec<String>,
    /// None when they could not be loaded.
    pub templates: Option<Templates>,
    pub assets: Assets,
    /// Errors and warnings, in the order found.
    pub problems: Vec<Problem>,
}

/// One edition and what is its own: its data files (a translation's own or the default
/// edition's) and its interface strings.
pub struct Volume {
    pub edition: Edition,
    pub data: Data,
    pub strings: Strings,
}

/// Loads and checks everything the site at `options.root` is made of.
pub fn load(options: &BuildOptions) -> Site {
    let root = &options.root;
    // The settings first: which editions there are decides where each page belongs.
    let settings = settings::load(root, options.base_url.as_deref()).map(|mut settings| {
        settings.print &= options.print;
        settings
    });
    let editions = match &settings {
        Ok(settings) => editions::editions(settings),
        Err(_) => vec![Edition::unknown()],
    };
    let rules = settings
        .as_ref()
        .map(|s| s.data.clone())
        .unwrap_or_default();
    // The other parts don't depend on each other; on a small site, loading them side by
    // side is most of what makes a build fast.
    let (
        loaded,
        (
            (data, data_problems),
            ((strings, string_problems), (templates, (assets, asset_problems))),
        ),
    ) = rayon::join(
        || pages::load(root, options.drafts, &editions),
        || {
            rayon::join(
                || data::load(root, &editions, &rules),
                || {
                    rayon::join(
                        || strings::load(root, &editions),
                        || rayon::join(|| Templates::load(root), || Assets::scan(root)),
                    )
                },
            )
        },
    );
    let pages::Loaded {
        pages,
        texts,
        mut problems,
        unloaded,
    } = loaded;
    for (page, text) in pages.iter().zip(&texts) {
        problems.extend(crate::placeholders::left_in(
            page.file.source(),
            text.text(),
        ));
    }
    if let Ok(settings) = &settings {
        problems.extend(settings.warnings.iter().cloned());
    }
    problems.extend(data_problems);
    problems.extend(string_problems);
    problems.extend(asset_problems);
    problems.extend(settings.as_ref().err().cloned().unwrap_or_default());
    problems.extend(templates.as_ref().err().cloned().unwrap_or_default());
    if let Ok(templates) = &templates {
        problems.extend(missing_templates(templates, &pages, &texts));
        let portable = settings.as_ref().is_ok_and(|s| s.portable);
        if portable && !templates.contains(OFFLINE_TEMPLATE) {
            let message = format!("`portable: true` needs templates/{OFFLINE_TEMPLATE}");
            let hint = match templates.left_out(OFFLINE_TEMPLATE) {
                Some(why) => format!("the built-in one does not fit this site's own templates ({why}): change them, or write your own"),
                None => "it lays out the one-file edition: the pages as `offline.parts`, with `offline.style` and `offline.csp` (see README)".to_owned(),
            };
            problems.push(Problem::file(crate::layout::SETTINGS, message).with_hint(hint));
        }
        let print = settings.as_ref().is_ok_and(|s| s.print);
        if print && templates.other(PRINT_TEMPLATE).is_none() {
            let message = format!("`print: true` needs templates/{PRINT_TEMPLATE}");
            let hint = "a Typst file that lays out the PDFs: it defines `book(site, parts)` and `handout(site, parts)` (see README)";
            problems.push(Problem::file(crate::layout::SETTINGS, message).with_hint(hint));
        }
    }
    problems.extend(cross_checks((&pages, &texts), &data, &editions, &rules));
    let volumes = editions
        .into_iter()
        .zip(data)
        .zip(strings)
        .map(|((edition, data), strings)| Volume {
            edition,
            data,
            strings,
        })
        .collect();
    Site {
        settings: settings.unwrap_or_else(|_| Settings::unknown()),
        volumes,
        pages,
        texts,
        unloaded,
        templates: templates.ok(),
        assets,
        problems,
    }
}

/// The template of a portable site's offline files.
pub const OFFLINE_TEMPLATE: &str = "offline.html";
/// The Typst template of a site's PDFs (`print: true`).
pub const PRINT_TEMPLATE: &str = "print.typ";

/// Pages whose `template` does not exist: located on their `template:` line.
fn missing_templates(templates: &Templates, pages: &[Page], texts: &[PageText]) -> Vec<Problem> {
    let names = templates.names();
    pages
        .iter()
        .zip(texts)
        .filter(|(p, _)| !templates.contains(&p.template))
        .map(|(p, text)| {
            let close = did_you_mean(&p.template, names.iter().copied());
            let hint = match (templates.left_out(&p.template), close) {
                (Some(why), _) => format!(
                    "the built-in `{}` does not fit this site's own templates ({why}): change them, or write templates/{} of your own",
                    p.template, p.template
                ),
                (None, Some(close)) => format!("did you mean `{close}`?"),
                (None, None) => format!("the templates are: {}", names.join(", ")),
            };
            let text = text.text();
            // At `template:`, or about the file when it takes the default template.
            let at = front_matter::position(text, &YamlPath::root().key("template"));
            let (line, column) = at.map_or((1, 1), |at| (at.line, at.column));
            let message = format!("there is no template `{}`", p.template);
            Problem::new(p.file.source(), line, column, message)
                .with_source(text)
                .with_hint(hint)
        })
        .collect()
}

/// What the pages ask of the data: in each edition, a page to list the glossary on, and
/// the data files they show; and what is not yet translated (warnings).
fn cross_checks(
    (pages, texts): (&[Page], &[PageText]),
    data: &[Data],
    editions: &[Edition],
    rules: &DataRules,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for edition in editions {
        let data = &data[edition.id.0];
        let in_edition = || pages.iter().filter(|p| p.edition == edition.id);
        if in_edition().next().is_none() && !edition.is_default() {
            // Nothing of it is published, so nothing it lacks is a mistake but that.
            let folder = content_file(edition, "");
            let message = format!(
                "the edition `{}` ({}) has no pages: {folder} has no Markdown file",
                edition.code, edition.name
            );
            let hint = format!(
                "write its pages in {folder} (a translation of each file of content/), or remove it from `translations`"
            );
            problems.push(
                Problem::file(crate::layout::SETTINGS, message)
                    .with_hint(hint)
                    .warning(),
            );
            continue;
        }
        if !data.glossary.is_empty() && !in_edition().any(|p| p.file.key() == pages::GLOSSARY_KEY) {
            // The file the terms come from: the edition's own, or the default edition's.
            let stem = DataFile::Glossary.stem();
            let file = match data.translated.contains(stem) {
                true => data_file(edition, stem),
                false => format!("{}/{stem}.yaml", data::DIR),
            };
            let page = content_file(edition, pages::GLOSSARY_KEY);
            problems.push(
                Problem::file(file, "there is no page to list the glossary on").with_hint(format!(
                    "create {page} (with `template: glossary.html`); terms link to it"
                )),
            );
        }
        for page in in_edition() {
            problems.extend(unknown_shown_data(page, &texts[page.id.0], data));
        }
    }
    problems.extend(translation::missing(pages, data, editions, rules));
    problems
}

/// A page's `shows_data` naming a data file its edition doesn't have.
fn unknown_shown_data(page: &Page, text: &PageText, data: &Data) -> Vec<Problem> {
    let files = || data.files.iter().map(String::as_str);
    let unknown = page
        .front
        .shows_data
        .iter()
        .enumerate()
        .filter(|(_, s)| !data.files.contains(*s));
    unknown
        .map(|(n, stem)| {
            let hint = match did_you_mean(stem, files()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("name a file of {} without `.yaml`", data::DIR),
            };
            let text = text.text();
            let path = YamlPath::root().key("shows_data").index(n);
            let at = front_matter::position(text, &path);
            let (line, column) = at.map_or((1, 1), |at| (at.line, at.column));
            let message = format!("there is no data file `{stem}` to show");
            Problem::new(page.file.source(), line, column, message)
                .with_source(text)
                .with_hint(hint)
        })
        .collect()
}

/// The path of an edition's data file, as shown to the user.
fn data_file(edition: &Edition, stem: &str) -> String {
    match edition.folder() {
        Some(folder) => format!("content/{folder}/data/{stem}.yaml"),
        None => format!("{}/{stem}.yaml", data::DIR),
    }
}

/// The path of an edition's page, as shown to the user.
fn content_file(edition: &Edition, key: &str) -> String {
    match edition.folder() {
        Some(folder) => format!("{}/{folder}/{key}", pages::DIR),
        None => format!("{}/{key}", pages::DIR),
    }
}
