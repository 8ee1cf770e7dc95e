//! Loading the site's pages: every `content/**/*.md` file, with validated front matter and
//! the site path it will be written to. Markdown bodies are not rendered here.

pub mod date;
pub mod front_matter;
pub mod slug;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::source_text;
use crate::urls;
use front_matter::FrontMatter;

pub const DIR: &str = "content";
const DEFAULT_TEMPLATE: &str = "page.html";
const HOME_TEMPLATE: &str = "index.html";

/// One content file, loaded and known good.
#[derive(Debug)]
pub struct Page {
    /// Path shown to the user, relative to the site root: `content/demands.md`.
    pub source: PathBuf,
    /// Path relative to `content/`, which is how Markdown links name pages: `demands.md`.
    pub content_path: PathBuf,
    /// Site path the page is written to: `demands.html`.
    pub path: String,
    pub front: FrontMatter,
    pub template: String,
    /// Line of `template:` in the file, to point errors about the template at it.
    pub template_line: Option<usize>,
    /// The file itself. Its text is read again when the page is rendered rather than kept:
    /// a large site's texts would fill memory.
    pub file: PathBuf,
    /// Whether the body could cite a source. Only such pages are read before rendering
    /// starts, to learn their citations, which every page's navigation lists.
    pub may_cite: bool,
    /// Hash of the front matter as loaded, to notice a file changed during the build.
    front_hash: u64,
}

/// A page's file as read for rendering: BOM and CRLF removed.
#[derive(Debug)]
pub struct PageText {
    pub text: String,
    /// Byte offset at which the Markdown body starts in `text`.
    pub body_start: usize,
}

impl PageText {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

impl Page {
    pub fn is_home(&self) -> bool {
        self.path == "index.html"
    }

    /// The error for a file found to differ from what was loaded.
    pub fn changed_during_build(&self) -> Diagnostic {
        Diagnostic::file(
            &self.source,
            "the file changed while the site was being built",
        )
        .with_hint("build again")
    }

    /// The page's text, read again, and checked to have the front matter it was loaded with.
    pub fn read(&self) -> Result<PageText, Diagnostic> {
        let text = source_text::read(&self.file, &self.source)?;
        let split = front_matter::split(&text, &self.source)?;
        if crate::hash::fnv1a(split.yaml.as_bytes()) != self.front_hash {
            return Err(self.changed_during_build());
        }
        let body_start = split.body_start;
        Ok(PageText { text, body_start })
    }
}

#[cfg(test)]
impl Page {
    /// A page as if loaded from `content/<site path>.md`, with a minimal front matter and
    /// `body`, and its text: for tests of the later stages.
    pub(crate) fn in_memory(path: &str, body: &str) -> (Page, PageText) {
        let yaml = "title: T\ndescription: D\n";
        let text = format!("---\n{yaml}---\n{body}");
        let content_path = PathBuf::from(path.replace(".html", ".md"));
        let page = Page {
            source: Path::new(DIR).join(&content_path),
            content_path,
            path: path.to_owned(),
            front: serde_yaml::from_str(yaml).expect("valid front matter"),
            template: DEFAULT_TEMPLATE.to_owned(),
            template_line: None,
            file: PathBuf::new(),
            may_cite: crate::markdown::citations::may_cite(body),
            front_hash: crate::hash::fnv1a(yaml.as_bytes()),
        };
        let body_start = text.len() - body.len();
        (page, PageText { text, body_start })
    }
}

/// The outcome of loading `content/`: the pages that loaded, and what was wrong with the
/// others, so a run can go on to check the good pages and report everything at once.
#[derive(Debug, Default)]
pub struct Loaded {
    /// In navigation order: the home page first, then by `weight`, then by site path.
    pub pages: Vec<Page>,
    pub problems: Vec<Diagnostic>,
    /// Sources (relative to `content/`) that exist but failed to load: links to them are
    /// not broken, only unchecked.
    pub unloaded: Vec<PathBuf>,
}

/// Loads every page under `root/content`. Drafts are left out unless `include_drafts`.
pub fn load_pages(root: &Path, include_drafts: bool) -> Loaded {
    let dir = root.join(DIR);
    let mut loaded = Loaded::default();
    if !dir.is_dir() {
        loaded.problems.push(
            Diagnostic::file(DIR, "the content folder is missing")
                .with_hint("run the build from the site's folder, or pass `--root DIR`"),
        );
        return loaded;
    }
    let files = markdown_files(&dir, &mut loaded.problems);
    // Read and parsed on all cores; `collect` keeps the files' order.
    // Texts are dropped once the front matter is read: they are read again when rendered.
    let results: Vec<_> = files
        .par_iter()
        .map(|file| load_page(root, file).map(|(page, _)| page))
        .collect();
    for (file, result) in files.into_iter().zip(results) {
        match result {
            Ok(page) if page.front.draft && !include_drafts => {}
            Ok(page) => loaded.pages.push(page),
            Err(mut errs) => {
                loaded.problems.append(&mut errs);
                loaded
                    .unloaded
                    .push(file.strip_prefix(&dir).unwrap_or(&file).to_path_buf());
            }
        }
    }
    loaded.problems.extend(duplicate_paths(&loaded.pages));
    let home_failed = loaded.unloaded.iter().any(|p| p == Path::new("index.md"));
    if !home_failed && !loaded.pages.iter().any(Page::is_home) {
        loaded.problems.push(
            Diagnostic::file(Path::new(DIR).join("index.md"), "the home page is missing")
                .with_hint("create content/index.md; it becomes the site's index.html"),
        );
    }
    loaded.pages.sort_by(|a, b| {
        (!a.is_home(), a.front.weight, &a.path).cmp(&(!b.is_home(), b.front.weight, &b.path))
    });
    loaded
}

/// Every `.md` file under `dir`, sorted, skipping hidden files and folders. Symbolic links
/// are not followed, so nothing outside the content folder is ever read.
fn markdown_files(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let walker = source_text::walk(dir);
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => {
                let shown = e.path().unwrap_or(dir).to_path_buf();
                problems.push(Diagnostic::file(shown, format!("can't read: {e}")));
            }
        }
    }
    files
}

/// Loads one content file (given with `root` prefixed), with the text it was read from.
pub fn load_page(root: &Path, file: &Path) -> Result<(Page, PageText), Vec<Diagnostic>> {
    let source = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let content_path = file
        .strip_prefix(root.join(DIR))
        .unwrap_or(file)
        .to_path_buf();
    let text = source_text::read(file, &source).map_err(|d| vec![d])?;
    let split = front_matter::split(&text, &source).map_err(|d| vec![d])?;
    let front = FrontMatter::parse(&split, &text, &source)?;
    let path = urls::page_path(&content_path, front.slug.as_ref()).map_err(|message| {
        let line = split.key_line("slug").unwrap_or(1);
        vec![Diagnostic::new(&source, line, 1, message).with_source(&text)]
    })?;
    let template = match &front.template {
        Some(name) => name.clone(),
        None if path == "index.html" => HOME_TEMPLATE.to_owned(),
        None => DEFAULT_TEMPLATE.to_owned(),
    };
    let template_line = split.key_line("template");
    let front_hash = crate::hash::fnv1a(split.yaml.as_bytes());
    let body_start = split.body_start;
    let page = Page {
        source,
        content_path,
        path,
        front,
        template,
        template_line,
        file: file.to_path_buf(),
        may_cite: crate::markdown::citations::may_cite(&text[body_start..]),
        front_hash,
    };
    Ok((page, PageText { text, body_start }))
}

/// Deserialises a string through a parsing function. The error is raised while the YAML
/// parser still stands on the value, so it is located at the value, not at the mapping.
pub(crate) struct ParseVisitor<T> {
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
}

impl<T> ParseVisitor<T> {
    pub(crate) fn new(expecting: &'static str, parse: fn(&str) -> Result<T, String>) -> Self {
        ParseVisitor { expecting, parse }
    }
}

impl<T> serde::de::Visitor<'_> for ParseVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).map_err(E::custom)
    }
}

/// Two sources that would be written to the same file: an error naming both.
fn duplicate_paths(pages: &[Page]) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, &Page> = BTreeMap::new();
    let mut problems = Vec::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.path, page) {
            problems.push(
                Diagnostic::file(
                    &page.source,
                    format!(
                        "this page and {} would both be written to {}",
                        first.source.display(),
                        page.path
                    ),
                )
                .with_hint("give one of them a different `slug`"),
            );
        }
    }
    problems
}
