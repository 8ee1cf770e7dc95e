//! Heading ids: derived from the heading's text so they stay stable as a page is edited
//! elsewhere, and made unique within the page.

use std::collections::HashSet;

/// Ids the page templates use themselves; a heading never takes one of them.
pub const RESERVED_IDS: &[&str] = &["main", "top", "toc", "key-points", "footnotes"];

/// The id a heading's text gives: lowercase letters and digits, runs of spaces, hyphens and
/// underscores turned into one `-`, everything else dropped. "Why 27 May 1997?" gives
/// `why-27-may-1997`.
pub fn slugify(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            pending_dash = true;
        }
    }
    if id.is_empty() {
        "section".to_owned()
    } else {
        id
    }
}

/// Hands out ids that are unique within one page: the second "Sources" becomes `sources-1`.
#[derive(Debug)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl Default for IdAllocator {
    fn default() -> Self {
        IdAllocator {
            used: RESERVED_IDS.iter().map(|&s| s.to_owned()).collect(),
        }
    }
}

impl IdAllocator {
    /// A unique id based on `wanted`.
    pub fn allocate(&mut self, wanted: &str) -> String {
        let mut id = wanted.to_owned();
        let mut n = 1;
        while self.used.contains(&id) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(slugify("Why 27 May 1997?"), "why-27-may-1997");
        assert_eq!(
            slugify("What did NATO's reply offer?"),
            "what-did-natos-reply-offer"
        );
        assert_eq!(slugify("  Ukraine -- and  Georgia_"), "ukraine-and-georgia");
        assert_eq!(slugify("Češi a Slováci"), "češi-a-slováci");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn repeated_and_reserved_ids_get_a_suffix() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("sources"), "sources");
        assert_eq!(ids.allocate("sources"), "sources-1");
        assert_eq!(ids.allocate("sources"), "sources-2");
        assert_eq!(ids.allocate("main"), "main-1");
    }
}
