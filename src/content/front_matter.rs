//! Front matter: the YAML block between `---` lines at the top of every content file.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::path::Path;

use serde::Deserialize;

use super::changes::{self, Change, Mistake};
use crate::diagnostics::problem::Problem;
use crate::diagnostics::spans::{Position, Spans, YamlPath};
use crate::diagnostics::yaml::{self, YamlSource};
use crate::text::date::Date;
use crate::text::slug::Slug;
use crate::text::smart;
use crate::text::spacing::Spacing;

const FIELDS: &[&str] = &[
    "title",
    "description",
    "question",
    "weight",
    "date",
    "updated",
    "draft",
    "template",
    "slug",
    "key_points",
    "shows_data",
    "changes",
];

/// A page's validated front matter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Short title, used in navigation and `<title>`.
    pub title: String,
    /// One sentence that answers the page's question; meta description and standfirst.
    pub description: String,
    /// The reader's question the page answers; the page's headline when set.
    #[serde(default)]
    pub question: Option<String>,
    /// Navigation order: lower comes first.
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub updated: Option<Date>,
    /// Drafts are left out of the site unless the build asks for them.
    #[serde(default)]
    pub draft: bool,
    /// Template to render the page with, relative to `templates/`.
    #[serde(default)]
    pub template: Option<String>,
    /// Replaces the file name in the page's URL.
    #[serde(default)]
    pub slug: Option<Slug>,
    #[serde(default)]
    pub key_points: Vec<String>,
    /// Data files whose text the page's template shows (`[timeline]`): their words count
    /// towards the page's reading time, since the reader reads them too.
    #[serde(default)]
    pub shows_data: Vec<String>,
    /// What changed since the page was first published ([`super::changes`]).
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// A content file cut into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    /// Byte offset of the body in the file.
    pub body_start: usize,
}

impl Split<'_> {
    /// Where the front matter's keys and values are in the file.
    pub fn spans(&self) -> Spans {
        Spans::of(self.yaml, self.yaml_line)
    }
}

/// Where the front matter of the content file `text` writes the node at `path`, if it
/// does: for problems found once the page is loaded.
pub fn position(text: &str, path: &YamlPath) -> Option<Position> {
    split(text, Path::new("")).ok()?.spans().value(path)
}

/// Finds the front matter block. `text` has already lost its BOM and CRLF line endings.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Problem> {
    const EXAMPLE: &str = "start the file with:\n    ---\n    title: Your title\n    description: One sentence that answers the question.\n    ---";
    if text.trim().is_empty() {
        return Err(Problem::file(path, "the file is empty").with_hint(EXAMPLE));
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(
            Problem::file(path, "missing front matter: the first line must be `---`")
                .with_source(text)
                .with_hint(EXAMPLE),
        );
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Problem::file(path, "the front matter is not closed")
        .with_source(text)
        .with_hint("add a line `---` after the last front matter field"))
}

impl FrontMatter {
    /// Gives the strings readers see the smart punctuation of a Markdown body, so authors
    /// can type straight quotes in YAML as they do in the text.
    fn punctuate(&mut self) {
        let typographic = |s: &mut String| {
            if let Cow::Owned(new) = smart::punctuate(s) {
                *s = new;
            }
        };
        typographic(&mut self.title);
        typographic(&mut self.description);
        self.question.iter_mut().for_each(typographic);
        self.key_points.iter_mut().for_each(typographic);
        self.changes
            .iter_mut()
            .for_each(|c| typographic(&mut c.text));
    }

    /// Binds the spaces of the strings readers see as the language's typography wants
    /// ([`Spacing`]), as a page's body is.
    pub fn space(&mut self, spacing: Spacing) {
        let spaced = |s: &mut String| {
            if let Cow::Owned(new) = spacing.apply(s) {
                *s = new;
            }
        };
        spaced(&mut self.title);
        spaced(&mut self.description);
        self.question.iter_mut().for_each(spaced);
        self.key_points.iter_mut().for_each(spaced);
        self.changes.iter_mut().for_each(|c| spaced(&mut c.text));
    }

    /// Parses and checks the YAML found by [`split`]. `text` is the whole file, for locations.
    pub fn parse(split: &Split, text: &str, path: &Path) -> Result<FrontMatter, Vec<Problem>> {
        let source = YamlSource {
            path,
            file_text: text,
            first_line: split.yaml_line,
        };
        if split.yaml.trim().is_empty() {
            return Err(vec![
                Problem::new(path, split.yaml_line, 1, "the front matter is empty")
                    .with_hint("add at least `title:` and `description:`"),
            ]);
        }
        let mut front: FrontMatter =
            yaml::parse(split.yaml, &source, FIELDS).map_err(|d| vec![d])?;
        front.punctuate();
        let spans = OnceCell::new();
        // A problem at the node `node` of the front matter, or the nearest one written.
        let at = |node: YamlPath, message: &str| {
            let at = spans.get_or_init(|| split.spans()).nearest(&node);
            Problem::new(path, at.line, at.column, message).with_source(text)
        };
        let at_key = |key: &str, message: &str| at(YamlPath::root().key(key), message);
        let mut problems = Vec::new();
        if front.title.trim().is_empty() {
            problems.push(at_key("title", "`title` is empty"));
        }
        if front.description.trim().is_empty() {
            problems.push(
                at_key("description", "`description` is empty")
                    .with_hint("write one sentence that answers the page's question"),
            );
        }
        if let (Some(date), Some(updated)) = (front.date, front.updated)
            && updated < date
        {
            problems.push(
                at_key(
                    "updated",
                    &format!("`updated` ({updated}) is before `date` ({date})"),
                )
                .with_hint(
                    "`date` is when the page was first published; `updated` its latest revision",
                ),
            );
        }
        for mistake in changes::mistakes(&front.changes, front.date, front.updated) {
            problems.push(change_problem(&mistake, &at));
        }
        if problems.is_empty() {
            Ok(front)
        } else {
            Err(problems)
        }
    }
}

/// The problem of a mistake in `changes:`, located by `at`.
fn change_problem(mistake: &Mistake, at: &impl Fn(YamlPath, &str) -> Problem) -> Problem {
    let entry = |index: usize| YamlPath::root().key("changes").index(index).key("date");
    match *mistake {
        Mistake::Unsaid { updated, newest } => {
            let message = match newest {
                Some(newest) => format!(
                    "`updated` is {updated}, but the newest entry of `changes` is of {newest}"
                ),
                None => {
                    format!("`updated` is {updated}, but `changes` says nothing of what changed")
                }
            };
            at(YamlPath::root().key("updated"), &message).with_hint(format!(
                "readers are told what a revision changed: add to `changes` an entry \
                 `{{date: {updated}, kind: correction, text: \"What was wrong, and what it says now.\"}}` \
                 (kind: correction, clarification or update); a typo fix needs no entry, \
                 and leaves `updated` as it was"
            ))
        }
        Mistake::AfterRevision { index, revised } => at(
            entry(index),
            &format!("this change is dated after the page's last revision ({revised})"),
        )
        .with_hint("set `updated` to the date of the newest change"),
        Mistake::BeforePublished { index, date } => at(
            entry(index),
            &format!("this change is dated before the page was first published ({date})"),
        )
        .with_hint("`date` is when the page was first published; a change comes after it"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn splits_yaml_from_body() {
        let text = "---\ntitle: A\n---\nBody\n";
        let s = split(text, p()).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(&text[s.body_start..], "Body\n");
    }

    #[test]
    fn a_file_that_is_only_front_matter_has_an_empty_body() {
        let text = "---\ntitle: A\n---";
        assert_eq!(split(text, p()).unwrap().body_start, text.len());
    }

    #[test]
    fn missing_unclosed_and_empty_front_matter_are_explained() {
        assert!(split("", p()).unwrap_err().message.contains("empty"));
        assert!(split("  \n", p()).unwrap_err().message.contains("empty"));
        assert!(
            split("# Hello\n", p())
                .unwrap_err()
                .message
                .contains("missing front matter")
        );
        assert!(
            split("---\ntitle: A\n", p())
                .unwrap_err()
                .message
                .contains("not closed")
        );
        assert!(
            split("---", p())
                .unwrap_err()
                .message
                .contains("not closed")
        );
    }

    #[test]
    fn updated_before_date_is_an_error_on_the_updated_line() {
        let text = "---\ntitle: A\ndescription: B\ndate: 2022-02-01\nupdated: 2022-01-01\n---\n";
        let s = split(text, p()).unwrap();
        let errs = FrontMatter::parse(&s, text, p()).unwrap_err();
        assert_eq!(errs[0].line, 5);
    }

    #[test]
    fn invalid_slug_and_date_point_at_their_values() {
        let text = "---\ntitle: A\ndescription: B\nslug: Bad Slug\n---\n";
        let errs = FrontMatter::parse(&split(text, p()).unwrap(), text, p()).unwrap_err();
        assert_eq!(errs[0].line, 4);
        assert!(
            errs[0].message.contains("not a valid slug"),
            "{}",
            errs[0].message
        );

        let text = "---\ntitle: A\ndescription: B\ndate: 2022-02-30\n---\n";
        let errs = FrontMatter::parse(&split(text, p()).unwrap(), text, p()).unwrap_err();
        assert_eq!(errs[0].line, 4);
    }
}
