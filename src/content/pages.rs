//! Loading the site's pages: every `content/**/*.md` file, read once, with validated front
//! matter and the site path it will be written to. Markdown bodies are not rendered here.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::front_matter::{self, FrontMatter};
use crate::config::editions::{self, Edition};
use crate::content::page::{ContentPath, Page, PageId, PageText};
use crate::diagnostics::problem::Problem;
use crate::diagnostics::spans::YamlPath;
use crate::source_text;
use crate::text::spacing::Spacing;
use crate::urls::SitePath;

pub const DIR: &str = crate::layout::CONTENT;
const DEFAULT_TEMPLATE: &str = "page.html";
const HOME_TEMPLATE: &str = "index.html";
/// A home page's key: its path below its edition's folder.
pub const HOME_KEY: &str = "index.md";
/// The key of the page that lists the glossary, which terms link to.
pub const GLOSSARY_KEY: &str = "glossary.md";

/// The outcome of loading `content/`: the pages that loaded, and what was wrong with the
/// others, so a run can go on to check the good pages and report everything at once.
#[derive(Debug, Default)]
pub struct Loaded {
    /// In navigation order: the home page first, then by `weight`, then by site path.
    pub pages: Vec<Page>,
    /// Each page's text, by [`PageId`].
    pub texts: Vec<PageText>,
    pub problems: Vec<Problem>,
    /// Content paths of files that exist but failed to load: links to them are not
    /// broken, only unchecked.
    pub unloaded: Vec<String>,
}

/// Loads every page under `root/content`, each in its edition. Drafts are left out unless
/// `include_drafts`.
pub fn load(root: &Path, include_drafts: bool, editions: &[Edition]) -> Loaded {
    let dir = root.join(DIR);
    let mut loaded = Loaded::default();
    if !dir.is_dir() {
        loaded.problems.push(
            Problem::file(DIR, "the content folder is missing")
                .with_hint("run the build from the site's folder, or pass `--root DIR`"),
        );
        return loaded;
    }
    let files = markdown_files(&dir, &mut loaded.problems);
    let shown: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .map(|f| (f.clone(), f.strip_prefix(root).unwrap_or(f).to_path_buf()))
        .collect();
    let (block, texts) = source_text::read_many(&shown);
    // Parsed on all cores; `collect` keeps the files' order.
    let results: Vec<_> = files
        .par_iter()
        .zip(texts)
        .map(|(file, text)| {
            let text = text.map_err(|p| vec![p])?;
            load_one(root, file, editions, block.clone(), text)
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    // The drafts left out, by content path: a home page among them is no missing page.
    let mut drafts = Vec::new();
    for (file, result) in files.into_iter().zip(results) {
        match result {
            Ok((page, _)) if page.front.draft && !include_drafts => {
                drafts.push(page.file.content_path().to_owned());
            }
            Ok(page) => pages.push(page),
            Err(mut errs) => {
                loaded.problems.append(&mut errs);
                let relative = file.strip_prefix(&dir).unwrap_or(&file);
                loaded
                    .unloaded
                    .push(SitePath::from_relative(relative).as_str().to_owned());
            }
        }
    }
    loaded
        .problems
        .extend(duplicate_paths(pages.iter().map(|(page, _)| page)));
    pages.sort_by(|(a, _), (b, _)| {
        let order = |p: &Page| (p.edition, !p.is_home(), p.front.weight, p.path.clone());
        order(a).cmp(&order(b))
    });
    for (i, (page, _)) in pages.iter_mut().enumerate() {
        page.id = PageId(i);
    }
    (loaded.pages, loaded.texts) = pages.into_iter().unzip();
    loaded
        .problems
        .extend(missing_homes(&loaded, editions, &drafts));
    loaded
}

/// Every `.md` file under `dir`, sorted, skipping hidden files and folders. Symbolic links
/// are not followed, so nothing outside the content folder is ever read.
fn markdown_files(dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in source_text::walk(dir) {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => {
                let shown = e.path().unwrap_or(dir).to_path_buf();
                problems.push(Problem::file(shown, format!("can't read: {e}")));
            }
        }
    }
    files
}

/// Reads and loads one content file, given with `root` prefixed, on its own.
pub fn load_file(
    root: &Path,
    file: &Path,
    editions: &[Edition],
) -> Result<(Page, PageText), Vec<Problem>> {
    let source = file.strip_prefix(root).unwrap_or(file);
    let text = source_text::read(file, source).map_err(|d| vec![d])?;
    let range = 0..text.len();
    load_one(root, file, editions, Arc::new(text), range)
}

/// Loads the content file `file` (given with `root` prefixed), whose text is at `range`
/// of `block`: the page and its text. Its id is set once all are sorted.
fn load_one(
    root: &Path,
    file: &Path,
    editions: &[Edition],
    block: Arc<String>,
    range: Range<usize>,
) -> Result<(Page, PageText), Vec<Problem>> {
    let source = file.strip_prefix(root).unwrap_or(file);
    let content_path = file.strip_prefix(root.join(DIR)).unwrap_or(file);
    let text = &block[range.clone()];
    let split = front_matter::split(text, source).map_err(|d| vec![d])?;
    let mut front = FrontMatter::parse(&split, text, source)?;
    let path = SitePath::for_page(content_path, front.slug.as_ref()).map_err(|message| {
        // At the slug, or about the file when the file's name is at fault.
        let at = split.spans().value(&YamlPath::root().key("slug"));
        let (line, column) = at.map_or((1, 1), |at| (at.line, at.column));
        vec![Problem::new(source, line, column, message).with_source(text)]
    })?;
    let content_path = SitePath::from_relative(content_path);
    let (edition, key) = editions::of_content_path(editions, content_path.as_str());
    // Every edition's home page is a home page, not only the default edition's.
    let template = match &front.template {
        Some(name) => name.clone(),
        None if key == HOME_KEY => HOME_TEMPLATE.to_owned(),
        None => DEFAULT_TEMPLATE.to_owned(),
    };
    let file = ContentPath::new(content_path.as_str(), key);
    if let Some(spacing) = editions
        .get(edition.0)
        .and_then(|e| Spacing::of(&e.language))
    {
        front.space(spacing);
    }
    let body_start = split.body_start;
    let page = Page {
        id: PageId(0),
        edition,
        file,
        path,
        updated: front.updated.or(front.date),
        front,
        template,
    };
    Ok((page, PageText::new(block, range, body_start)))
}

/// Every edition needs its home page: the default one always, a translation once it has
/// any page.
fn missing_homes(loaded: &Loaded, editions: &[Edition], drafts: &[String]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for edition in editions {
        let home = match edition.folder() {
            Some(folder) => format!("{folder}/index.md"),
            None => "index.md".to_owned(),
        };
        let pages = || loaded.pages.iter().filter(|p| p.edition == edition.id);
        let needed = edition.is_default() || pages().next().is_some();
        let failed = loaded.unloaded.contains(&home);
        if needed && !failed && !pages().any(Page::is_home) && drafts.contains(&home) {
            problems.push(
                Problem::file(Path::new(DIR).join(&home), "the home page is a draft (`draft: true`), so it is left out").with_hint(
                    "remove `draft: true` from its front matter to publish it, or build with `--drafts` to see it",
                ),
            );
        } else if needed && !failed && !pages().any(Page::is_home) {
            problems.push(
                Problem::file(Path::new(DIR).join(&home), "the home page is missing").with_hint(
                    format!("create content/{home}; it becomes the edition's index.html"),
                ),
            );
        }
    }
    problems
}

/// Two sources that would be written to the same file: an error naming both.
fn duplicate_paths<'a>(pages: impl Iterator<Item = &'a Page>) -> Vec<Problem> {
    let mut seen: BTreeMap<&SitePath, &Page> = BTreeMap::new();
    let mut problems = Vec::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.path, page) {
            problems.push(
                Problem::file(
                    page.file.source(),
                    format!(
                        "this page and {} would both be written to {}",
                        first.file.source().display(),
                        page.path
                    ),
                )
                .with_hint("give one of them a different `slug`"),
            );
        }
    }
    problems
}
