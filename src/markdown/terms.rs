//! The glossary, prepared once for every page: which page lists the terms, and one
//! automaton that finds every way of writing every term in a text at once.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::content::data::Term;
use crate::content::page::Page;
use crate::content::pages::GLOSSARY_KEY;
use crate::urls::SitePath;

/// The glossary page and every spelling of each term, matched leftmost-longest, so that
/// "NATO-Russia Council" wins over a shorter term inside it.
#[derive(Debug)]
pub struct Glossary {
    /// Site path of the page that lists the terms.
    pub page: SitePath,
    spellings: AhoCorasick,
    /// For each spelling, the index of its term.
    term_of: Vec<usize>,
    /// Each term's id: its anchor on the glossary page.
    ids: Vec<String>,
}

impl Glossary {
    /// The glossary of `terms`, listed on the page of `pages` (an edition's) written from
    /// `glossary.md`; none without terms or that page (whose absence the load stage reports).
    pub fn new<'a>(terms: &[Term], mut pages: impl Iterator<Item = &'a Page>) -> Option<Glossary> {
        if terms.is_empty() {
            return None;
        }
        let page = pages.find(|p| p.file.key() == GLOSSARY_KEY)?;
        // Each spelling as written, and with a capital first letter, as it is at the start
        // of a sentence: "the founding act" is found in "Founding act…" too, but "NATO" is
        // never found in "nato".
        let (spellings, term_of): (Vec<String>, Vec<usize>) = terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                let spellings = std::iter::once(&t.term).chain(&t.aliases).chain(&t.forms);
                spellings.flat_map(move |s| {
                    let capital = capitalised(s).filter(|c| c != s);
                    std::iter::once((s.clone(), i)).chain(capital.map(|c| (c, i)))
                })
            })
            .unzip();
        let spellings = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(spellings)
            // Only an automaton of billions of states fails, and a data file is at most
            // 4 MiB.
            .expect("the glossary's spellings fit an automaton");
        Some(Glossary {
            page: page.path.clone(),
            spellings,
            term_of,
            ids: terms.iter().map(|t| t.id.to_string()).collect(),
        })
    }

    /// Byte ranges in `text` of the whole-word uses of terms not yet `linked` (indexed by
    /// term), with the terms' ids, in text order. Each term found is marked linked.
    pub fn first_uses(&self, text: &str, linked: &mut Vec<bool>) -> Vec<(Range<usize>, &str)> {
        linked.resize(self.ids.len(), false);
        let mut found = Vec::new();
        for hit in self.spellings.find_iter(text) {
            let term = self.term_of[hit.pattern().as_usize()];
            if !linked[term] && is_whole_word(text, &hit.range()) {
                linked[term] = true;
                found.push((hit.range(), self.ids[term].as_str()));
            }
        }
        found
    }
}

/// `spelling` with its first letter a capital, if it starts with a letter.
fn capitalised(spelling: &str) -> Option<String> {
    let mut chars = spelling.chars();
    let first = chars.next().filter(|c| c.is_alphabetic())?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Whether `range` of `text` is a whole word: whole characters, with no letter or digit
/// right before or after it.
fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let (Some(before), Some(after)) = (text.get(..range.start), text.get(range.end..)) else {
        return false;
    };
    if range.is_empty() {
        return false;
    }
    let (before, after) = (before.chars().next_back(), after.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slug::Slug;

    fn term(id: &str, term: &str, aliases: &[&str]) -> Term {
        Term {
            id: Slug::parse(id).unwrap(),
            term: term.into(),
            aliases: aliases.iter().map(|&a| a.into()).collect(),
            forms: Vec::new(),
            definition: String::new(),
        }
    }

    #[test]
    fn only_the_first_whole_word_use_of_each_term_is_found() {
        let pages = [Page::in_memory("glossary.html", "").0];
        let g = Glossary::new(
            &[
                term("article-5", "Article 5", &[]),
                term("efp", "enhanced Forward Presence", &["eFP"]),
                term("nrc", "NATO-Russia Council", &[]),
                term("nato", "NATO", &[]),
            ],
            pages.iter(),
        )
        .unwrap();
        let mut linked = Vec::new();
        let text = "Article 50 differs; Article 5 and the eFP, the NATO-Russia Council, NATO, and Article 5 again.";
        let uses = g.first_uses(text, &mut linked);
        let words: Vec<_> = uses.iter().map(|(r, id)| (&text[r.clone()], *id)).collect();
        assert_eq!(
            words,
            [
                ("Article 5", "article-5"),
                ("eFP", "efp"),
                ("NATO-Russia Council", "nrc"),
                ("NATO", "nato")
            ]
        );
        assert!(g.first_uses("Article 5 again", &mut linked).is_empty());
    }

    #[test]
    fn a_term_is_found_with_a_capital_first_letter_but_not_in_another_case() {
        let pages = [Page::in_memory("glossary.html", "").0];
        let g = Glossary::new(
            &[
                term("act", "founding act", &[]),
                term("border", "граница", &[]),
                term("nato", "NATO", &[]),
            ],
            pages.iter(),
        )
        .unwrap();
        let text = "Founding act first. Граница, nato and NATO.";
        let uses = g.first_uses(text, &mut Vec::new());
        let words: Vec<_> = uses.iter().map(|(r, id)| (&text[r.clone()], *id)).collect();
        assert_eq!(
            words,
            [
                ("Founding act", "act"),
                ("Граница", "border"),
                ("NATO", "nato")
            ]
        );
    }

    #[test]
    fn terms_need_a_page_to_link_to() {
        assert!(Glossary::new(&[term("a", "A", &[])], std::iter::empty()).is_none());
    }
}
