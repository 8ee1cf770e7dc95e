//! What Typst sees when it lays out a PDF: a folder of files held in memory (the document
//! the engine writes, its data, the site's Typst templates, the pictures) and the fonts
//! in the repository, nothing of the machine's, so that every machine makes the same
//! bytes; and its mistakes as problems located in the template that made them.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, Span, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};

use crate::diagnostics::problem::{Origin, Problem};
use crate::render::cards::fonts;

/// The fonts, read once a run: Noto Sans (regular and bold) and Noto Serif Bold.
fn fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = [fonts::SANS, fonts::SANS_BOLD, fonts::SERIF_BOLD]
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(<Library as LibraryExt>::default()))
}

/// One document's files, by their path in it (`/main.typ`).
pub struct World {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    /// Where a template is, by its path in the document: `/templates/print.typ` is
    /// `templates/print.typ` or the built-in one; the other files are the engine's.
    shown: HashMap<FileId, Origin>,
    today: Datetime,
}

impl World {
    /// A document whose main file is `main`, dated `today`.
    pub fn new(main: String, today: Datetime) -> World {
        let id = id("/main.typ");
        let mut world = World {
            main: id,
            sources: HashMap::new(),
            files: HashMap::new(),
            shown: HashMap::new(),
            today,
        };
        world.sources.insert(id, Source::new(id, main));
        world
    }

    /// A Typst file at `path` that problems name as `shown`, a template.
    pub fn add_source(&mut self, path: &str, text: &str, shown: Origin) {
        let id = id(path);
        self.sources.insert(id, Source::new(id, text.to_owned()));
        self.shown.insert(id, shown);
    }

    /// Any other file at `path`.
    pub fn add_file(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.insert(id(path), Bytes::new(bytes));
    }

    /// Lays the document out as PDF/UA-1 with `ident` as its stable identity: the PDF,
    /// or every error; and the warnings.
    pub fn pdf(&self, ident: &str) -> (Option<Vec<u8>>, Vec<Problem>) {
        let compiled = typst::compile::<PagedDocument>(self);
        let mut problems: Vec<Problem> =
            compiled.warnings.iter().map(|d| self.problem(d)).collect();
        let document = match compiled.output {
            Ok(document) => document,
            Err(errors) => {
                problems.extend(errors.iter().map(|d| self.problem(d)));
                return (None, problems);
            }
        };
        let options = typst_pdf::PdfOptions {
            ident: typst::foundations::Smart::Custom(ident),
            standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
                .expect("PDF/UA-1 alone is a valid set of standards"),
            ..Default::default()
        };
        match typst_pdf::pdf(&document, &options) {
            Ok(pdf) => (Some(pdf), problems),
            Err(errors) => {
                problems.extend(errors.iter().map(|d| self.problem(d)));
                (None, problems)
            }
        }
    }

    /// A Typst diagnostic as a problem at its place in a file of the site: where it is, or
    /// else the first call on its way there from a template, or else the template itself.
    fn problem(&self, diagnostic: &SourceDiagnostic) -> Problem {
        let spans = std::iter::once(diagnostic.span).chain(diagnostic.trace.iter().map(|t| t.span));
        let located = spans.into_iter().find_map(|span| self.locate(span));
        let mut message = diagnostic.message.to_string();
        let in_site = located.is_some();
        let problem = match located {
            Some((shown, line, column, text)) => {
                Problem::new(shown, line, column, message).with_source(&text)
            }
            None => {
                message.push_str(" (in the document the engine writes around the template)");
                let template = self.shown.values().next().cloned();
                let template = template.unwrap_or_else(|| {
                    Path::new(crate::layout::TEMPLATES)
                        .join(super::TEMPLATE)
                        .into()
                });
                Problem::file(template, message).with_hint(
                    "that document holds the pages' text and calls `book(site, parts)` and `handout(site, parts)`, which templates/print.typ must define; the fonts it sets must cover the text (see README)",
                )
            }
        };
        let mut problem = match diagnostic.hints.first() {
            Some(hint) if in_site => problem.with_hint(hint.to_string()),
            _ => problem,
        };
        if diagnostic.severity == Severity::Warning {
            problem = problem.warning();
        }
        problem
    }

    /// The site's file a span is in, with its 1-based line and column and its text.
    fn locate(&self, span: Span) -> Option<(Origin, usize, usize, String)> {
        let id = span.id()?;
        let shown = self.shown.get(&id)?;
        let source = self.sources.get(&id)?;
        let start = source.range(span)?.start;
        let (line, column) = source.lines().byte_to_line_column(start)?;
        Some((
            shown.clone(),
            line + 1,
            column + 1,
            source.text().to_owned(),
        ))
    }
}

fn id(path: &str) -> FileId {
    FileId::new(None, VirtualPath::new(path))
}

impl typst::World for World {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().0
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        match self.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_owned())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().as_rootless_path().to_path_buf())
}
