//! The words a starter stands in with for an author's: `explainer init` and `explainer new`
//! write them, and loading warns of each one left, at its line, so that "One sentence that
//! answers the question." is never published by mistake.

use std::path::Path;

use crate::diagnostics::problem::Problem;

/// A page's description.
pub const DESCRIPTION: &str = "One sentence that answers the question.";
/// A page's key point.
pub const KEY_POINT: &str = "The most important fact, in one sentence.";
/// A page's text.
pub const ANSWER: &str = "Write the answer here.";
/// The site's description, in `site.yaml`.
pub const SITE_DESCRIPTION: &str = "One sentence that says what this explainer explains.";
/// The site's author, in `site.yaml`.
pub const AUTHOR: &str = "Your name or your newsroom's";
/// The about page's text.
pub const ABOUT: &str =
    "Say who writes this explainer, how its facts are checked, and how to reach you.";
/// A source's title, in `sources.yaml`.
pub const SOURCE_TITLE: &str = "The title of a source, as it was published";
/// A glossary term's definition, in `glossary.yaml`.
pub const DEFINITION: &str = "What the term means, in a sentence or two.";
/// A timeline event's text, in `timeline.yaml`.
pub const EVENT: &str = "What happened that day, in a sentence.";

/// Every placeholder, to look for.
const ALL: [&str; 9] = [
    DESCRIPTION,
    KEY_POINT,
    ANSWER,
    SITE_DESCRIPTION,
    AUTHOR,
    ABOUT,
    SOURCE_TITLE,
    DEFINITION,
    EVENT,
];

/// A warning at each placeholder left in `text`, the file shown as `shown`.
pub fn left_in(shown: &Path, text: &str) -> Vec<Problem> {
    let mut found: Vec<(usize, &str)> = ALL
        .iter()
        .flat_map(|phrase| text.match_indices(phrase))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .map(|(at, phrase)| {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            Problem::new(shown, line, column, format!("“{phrase}” is a placeholder"))
                .with_source(text)
                .with_hint("`explainer init` and `explainer new` write it to show what goes here; replace it with your own words, or a build publishes it as it is")
                .warning()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_placeholder_left_is_a_warning_at_its_line_and_column() {
        let text =
            format!("---\ntitle: A\ndescription: \"{DESCRIPTION}\"\n---\n\n{ANSWER} And more.\n");
        let found = left_in(Path::new("content/a.md"), &text);
        let places: Vec<(usize, usize)> = found.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(places, [(3, 15), (6, 1)]);
        assert!(found.iter().all(|p| !p.is_error()));
        assert!(left_in(Path::new("a.md"), "My own words.").is_empty());
    }
}
