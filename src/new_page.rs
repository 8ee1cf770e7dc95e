//! `explainer new <slug>`: starts a section with complete front matter, as a draft, so it
//! builds at once and is published only when its author says so.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::error::{Error, Result};
use crate::slug::Slug;

/// Creates `root/content/<slug>.md` and returns its path. Never overwrites a file.
pub fn create(root: &Path, slug: &str, title: Option<&str>, today: Date) -> Result<PathBuf> {
    let slug = Slug::parse(slug).map_err(Error::Usage)?;
    let dir = root.join(crate::load::pages::DIR);
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} has no content folder: run this in the site's folder, or pass --root",
            root.display()
        )));
    }
    let path = dir.join(format!("{slug}.md"));
    let title = title.map_or_else(|| title_from(&slug), str::to_owned);
    let weight = next_weight(root);
    let text = format!(
        "---\ntitle: {title}\ndescription: {description}\nquestion: {question}\nweight: {weight}\ndate: {today}\nupdated: {today}\ndraft: true\nkey_points:\n  - {point}\n---\n\n## {heading}\n\nWrite the answer here. Link to other sections by their file, e.g. [the overview](index.md), and cite sources with `[@source-id]`.\n",
        title = yaml_string(&title),
        description = yaml_string("One sentence that answers the question."),
        question = yaml_string(&format!(
            "What is there to know about {}?",
            title.to_lowercase()
        )),
        point = yaml_string("The most important fact, in one sentence."),
        heading = title,
    );
    // `create_new` refuses an existing file atomically: no check-then-write race.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Usage(format!(
                "{} already exists; choose another slug, or edit that file",
                path.display()
            )),
            _ => Error::io("can't create", &path, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io("can't write", &path, e))?;
    Ok(path)
}

/// `nato-response` becomes "Nato response".
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
    let loaded = crate::load::pages::load(root, true, &[crate::edition::Edition::unknown()]);
    loaded
        .pages
        .iter()
        .map(|p| p.front.weight)
        .max()
        .map_or(10, |w| w + 10)
}
