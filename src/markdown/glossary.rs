//! Glossary terms linked from their first use on each page.

use std::collections::HashSet;
use std::ops::Range;

use memchr::memmem::Finder;

use crate::data::Term;

/// The glossary page and every way of writing each term, longest first so that
/// "NATO-Russia Council" wins over a shorter term inside it.
#[derive(Debug)]
pub struct Glossary {
    /// Site path of the page that lists the terms.
    pub page: String,
    /// Each spelling's searcher, built once: the text of every page is searched for all.
    spellings: Vec<(Finder<'static>, String)>,
}

impl Glossary {
    pub fn new(page: String, terms: &[Term]) -> Glossary {
        let mut spellings: Vec<(String, String)> = terms
            .iter()
            .flat_map(|t| {
                std::iter::once(&t.term)
                    .chain(&t.aliases)
                    .map(|s| (s.clone(), t.id.to_string()))
            })
            .collect();
        spellings.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let spellings = spellings
            .into_iter()
            .map(|(spelling, id)| (Finder::new(spelling.as_bytes()).into_owned(), id))
            .collect();
        Glossary { page, spellings }
    }

    /// Byte ranges in `text` of terms not yet in `linked`, with their ids, in text order.
    /// Each one found is added to `linked`.
    pub fn first_uses(
        &self,
        text: &str,
        linked: &mut HashSet<String>,
    ) -> Vec<(Range<usize>, String)> {
        let mut found: Vec<(Range<usize>, String)> = Vec::new();
        for (spelling, id) in &self.spellings {
            if linked.contains(id) {
                continue;
            }
            let len = spelling.needle().len();
            let hit = spelling
                .find_iter(text.as_bytes())
                .map(|i| i..i + len)
                .find(|r| is_whole_word(text, r) && !found.iter().any(|(f, _)| overlaps(f, r)));
            if let Some(range) = hit {
                linked.insert(id.clone());
                found.push((range, id.clone()));
            }
        }
        found.sort_by_key(|(r, _)| r.start);
        found
    }
}

fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::slug::Slug;

    fn term(id: &str, term: &str, aliases: &[&str]) -> Term {
        Term {
            id: Slug::parse(id).unwrap(),
            term: term.into(),
            aliases: aliases.iter().map(|&a| a.into()).collect(),
            definition: String::new(),
        }
    }

    #[test]
    fn only_the_first_whole_word_use_of_each_term_is_found() {
        let g = Glossary::new(
            "glossary.html".into(),
            &[
                term("article-5", "Article 5", &[]),
                term("efp", "enhanced Forward Presence", &["eFP"]),
            ],
        );
        let mut linked = HashSet::new();
        let text = "Article 50 differs; Article 5 and the eFP, and Article 5 again.";
        let uses = g.first_uses(text, &mut linked);
        let words: Vec<_> = uses
            .iter()
            .map(|(r, id)| (&text[r.clone()], id.as_str()))
            .collect();
        assert_eq!(words, [("Article 5", "article-5"), ("eFP", "efp")]);
        assert!(g.first_uses("Article 5 again", &mut linked).is_empty());
    }
}
