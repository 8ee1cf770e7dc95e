//! `explainer new <slug>`: starts a section with complete front matter, as a draft, so it
//! builds at once and is published only when its author says so. With `--lang <code>`, it
//! starts the section in that edition: a copy of the default edition's page to translate,
//! when there is one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::error::{Error, Result};
use crate::placeholders::{ANSWER, DESCRIPTION, KEY_POINT};
use crate::text::date::Date;
use crate::text::slug::Slug;

/// Creates `root/content/<slug>.md`, or with `lang` the edition's
/// `root/content/<lang>/<slug>.md`, and returns its path. Never overwrites a file.
pub fn create(
    root: &Path,
    slug: &str,
    title: Option<&str>,
    lang: Option<&str>,
    today: Date,
) -> Result<PathBuf> {
    let slug = Slug::parse(slug).map_err(Error::Usage)?;
    let content = root.join(crate::content::pages::DIR);
    if !content.is_dir() {
        return Err(Error::Usage(format!(
            "{} has no content folder: run this in the site's folder, or pass --root",
            root.display()
        )));
    }
    let original = content.join(format!("{slug}.md"));
    let (path, text) = match lang {
        None => (original, fresh(root, &slug, title, today)),
        Some(code) => {
            check_edition(root, code)?;
            let dir = content.join(code);
            std::fs::create_dir_all(&dir).map_err(|e| Error::io("can't create", &dir, e))?;
            let text = match std::fs::read_to_string(&original) {
                Ok(text) => translation_of(&text, &slug, today),
                Err(_) => fresh(root, &slug, title, today),
            };
            (dir.join(format!("{slug}.md")), text)
        }
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// A new page's text, with complete front matter and a heading to start from.
fn fresh(root: &Path, slug: &Slug, title: Option<&str>, today: Date) -> String {
    let title = title.map_or_else(|| title_from(slug), str::to_owned);
    let weight = next_weight(root);
    format!(
        "---\ntitle: {title}\ndescription: {description}\nquestion: {question}\nweight: {weight}\ndate: {today}\nupdated: {today}\ndraft: true\nkey_points:\n  - {point}\n---\n\n## {heading}\n\n{ANSWER} Link to other sections by their file, e.g. [the overview](index.md), and cite sources with `[@source-id]`.\n",
        title = yaml_string(&title),
        description = yaml_string(DESCRIPTION),
        question = yaml_string(&format!(
            "What is there to know about {}?",
            title.to_lowercase()
        )),
        point = yaml_string(KEY_POINT),
        heading = title,
    )
}

/// The default edition's page, to translate: the same front matter and body, a draft
/// dated today, with a note of what to keep.
fn translation_of(original: &str, slug: &Slug, today: Date) -> String {
    let rest = original.strip_prefix("---\n").unwrap_or(original);
    let (front, body) = rest.split_once("\n---\n").unwrap_or((rest, ""));
    let dated = ["date:", "updated:", "draft:"];
    let kept: Vec<&str> = front
        .lines()
        .filter(|l| !dated.iter().any(|key| l.starts_with(key)))
        .collect();
    format!(
        "---\n# A translation of content/{slug}.md: translate its texts; keep the headings' {{#ids}},\n# the citations and the numbers, so the editions say the same.\n{}\ndate: {today}\nupdated: {today}\ndraft: true\n---\n{body}",
        kept.join("\n")
    )
}

/// `code` must be one of the site's editions in another language.
fn check_edition(root: &Path, code: &str) -> Result<()> {
    let settings = crate::config::settings::load(root, None).map_err(|problems| {
        Error::Usage(format!(
            "site.yaml has mistakes, so its editions are unknown: {}",
            problems[0]
        ))
    })?;
    if settings.translations.iter().any(|t| t.code == code) {
        return Ok(());
    }
    let codes: Vec<&str> = settings
        .translations
        .iter()
        .map(|t| t.code.as_str())
        .collect();
    Err(Error::Usage(match codes.is_empty() {
        true => format!(
            "`{code}` is not an edition of this site: it has no `translations` in site.yaml"
        ),
        false => format!(
            "`{code}` is not an edition of this site; its other editions are: {}",
            codes.join(", ")
        ),
    }))
}

/// Writes `text` to `path`, which must not exist: `create_new` refuses an existing file
/// atomically, with no check-then-write race.
fn write_new(path: &Path, text: &str) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "{} already exists; choose another slug, or edit that file",
                path.display()
            )),
            _ => Error::io("can't create", path, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io("can't write", path, e))
}

/// `first-question` becomes "First question".
fn title_from(slug: &Slug) -> String {
    let words = slug.as_str().replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Quoted, so that any title is valid YAML.
fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// After the heaviest page, so the new section comes last in the navigation.
fn next_weight(root: &Path) -> i64 {
    let loaded =
        crate::content::pages::load(root, true, &[crate::config::editions::Edition::unknown()]);
    loaded
        .pages
        .iter()
        .map(|p| p.front.weight)
        .max()
        .map_or(10, |w| w + 10)
}
