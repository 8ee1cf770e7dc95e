//! `explainer init [DIR]`: a new explainer that builds and passes `check` at once, on the
//! built-in theme; and `explainer theme export [DIR]`: the theme's files, written out for a
//! site that wants to change them. Neither ever overwrites a file.

mod starter;

use std::path::{Path, PathBuf};

use crate::config::language_tag::LanguageTag;
use crate::diagnostics::error::{Error, Result};
use crate::layout;
use crate::text::date::Date;

pub use starter::PAGES_WORKFLOW;

/// What `init` is asked for.
pub struct InitOptions<'a> {
    pub dir: &'a Path,
    /// The explainer's title; made from the folder's name when not given.
    pub title: Option<&'a str>,
    /// The default edition's language tag.
    pub language: &'a str,
    /// The codes of the editions in other languages: `de`, `fr`.
    pub translations: &'a [String],
    pub today: Date,
}

/// Writes a new explainer into `options.dir` (made if missing) and returns the files it
/// wrote. Nothing is written if any of them exists already.
pub fn init(options: &InitOptions) -> Result<Vec<PathBuf>> {
    let language = tag(options.language, "--language")?;
    let mut translations = Vec::new();
    for code in options.translations {
        let tag = tag(code, "--translations")?;
        if tag.as_str() == language.as_str() || translations.iter().any(|(c, _)| c == code) {
            return Err(Error::Usage(format!(
                "`{code}` is named twice: give each edition's language once"
            )));
        }
        translations.push((code.clone(), language_name(tag.as_str())));
    }
    let title = options
        .title
        .map_or_else(|| title_from(options.dir), str::to_owned);
    let today = options.today.to_string();
    let start = starter::Start {
        title: &title,
        language: language.as_str(),
        translations: &translations,
        today: &today,
    };
    let files = files(&start);
    let dir = options.dir;
    let taken: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).exists())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(Error::Usage(format!(
            "{} already has {}; nothing was written. Start the explainer in an empty folder: `explainer init NEW-FOLDER`",
            dir.display(),
            taken.join(", ")
        )));
    }
    write_all(dir, &files)
}

/// Every file of the new explainer, by its path in its folder.
fn files(start: &starter::Start) -> Vec<(PathBuf, String)> {
    let print = cfg!(feature = "print");
    let mut files = vec![(
        PathBuf::from(layout::SETTINGS),
        starter::settings(start, &language_name(start.language), print),
    )];
    let pages = starter::pages(start);
    let data = starter::data(start.today);
    let content = Path::new(layout::CONTENT);
    files.extend(
        pages
            .iter()
            .map(|(name, text)| (content.join(name), text.clone())),
    );
    let data_dir = Path::new(layout::DATA);
    files.extend(
        data.iter()
            .map(|(name, text, _)| (data_dir.join(name), text.clone())),
    );
    for (code, _) in start.translations {
        let edition = content.join(code);
        files.extend(
            pages
                .iter()
                .map(|(name, text)| (edition.join(name), to_translate(text, name))),
        );
        let own = data.iter().filter(|(_, _, translated)| *translated);
        files.extend(own.map(|(name, text, _)| (edition.join("data").join(name), text.clone())));
    }
    files.push((
        ".github/workflows/pages.yml".into(),
        PAGES_WORKFLOW.to_owned(),
    ));
    files.push((
        ".gitignore".into(),
        "# What `explainer build` writes: the site, and the lock that keeps two builds apart.\n/public/\n/.public.explainer-*\n"
            .to_owned(),
    ));
    files
}

/// A page of the default edition as its translation starts: the same, with a note of what
/// to translate and what to keep, so the editions say the same.
fn to_translate(original: &str, name: &str) -> String {
    let rest = original.strip_prefix("---\n").unwrap_or(original);
    format!(
        "---\n# A translation of content/{name}: translate its texts; keep the headings' {{#ids}},\n# the citations and the numbers, so the editions say the same.\n{rest}"
    )
}

/// Writes the built-in theme's files under `dir` (its `templates/`, `static/` and `i18n/`),
/// leaving every file that exists as it is. Returns those written and those left.
pub fn export_theme(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let (left, new): (Vec<_>, Vec<_>) =
        crate::theme::files(Path::new("")).partition(|(path, _)| dir.join(path).exists());
    let new: Vec<(PathBuf, &[u8])> = new;
    let mut written = Vec::new();
    for (path, bytes) in new {
        write_new(&dir.join(&path), bytes)?;
        written.push(path);
    }
    Ok((written, left.into_iter().map(|(path, _)| path).collect()))
}

fn write_all(dir: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (path, text) in files {
        write_new(&dir.join(path), text.as_bytes())?;
        written.push(path.clone());
    }
    Ok(written)
}

/// Writes a file that must not exist, making its folder: `create_new` refuses an existing
/// one with no check-then-write race.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("can't create", parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io("can't create", path, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io("can't write", path, e))
}

fn tag(text: &str, flag: &str) -> Result<LanguageTag> {
    LanguageTag::parse(text).ok_or_else(|| {
        Error::Usage(format!(
            "{flag}: `{text}` is not a language tag; write one such as en, en-GB, de or fr"
        ))
    })
}

/// A language's name in itself, as the language switcher shows it, for the languages the
/// theme has words in; the tag itself for the others, to be replaced in `site.yaml`.
fn language_name(tag: &str) -> String {
    let primary = crate::config::language_tag::primary(tag);
    let name = match primary.as_str() {
        "de" => "Deutsch",
        "en" => "English",
        "fr" => "Français",
        "ru" => "Русский",
        "uk" => "Українська",
        _ => tag,
    };
    name.to_owned()
}

/// `my-explainer` becomes "My explainer".
fn title_from(dir: &Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "A new explainer".to_owned(),
    }
}
