//! Slugs: the part of a page's URL that names it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// Lowercase ASCII letters, digits and single inner hyphens: safe in every URL and on every
/// file system, and never a path (`..`, `/`) or a reserved name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(s: &str) -> Result<Slug, String> {
        let valid = !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if valid && is_reserved(s) {
            Err(format!(
                "`{s}` is a reserved file name on Windows; choose another"
            ))
        } else if valid {
            Ok(Slug(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not a valid slug: use lowercase a-z, 0-9 and single hyphens inside, e.g. `{}`",
                suggestion(s)
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A valid slug made from `s`, to show as an example: `Bad Slug` gives `bad-slug`.
fn suggestion(s: &str) -> String {
    let mut slug = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    match slug.is_empty() || is_reserved(slug) {
        true => "my-page".to_owned(),
        false => slug.to_owned(),
    }
}

/// Names Windows refuses for files, whatever the extension.
fn is_reserved(s: &str) -> bool {
    matches!(s, "con" | "prn" | "aux" | "nul")
        || (s.len() == 4
            && (s.starts_with("com") || s.starts_with("lpt"))
            && s.as_bytes()[3].is_ascii_digit())
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(crate::diagnostics::yaml::ParseVisitor::new(
            "a slug",
            Slug::parse,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_url_safe_names_only() {
        assert!(Slug::parse("nato-response").is_ok());
        let err = Slug::parse("Bad Slug!").unwrap_err();
        assert!(err.ends_with("e.g. `bad-slug`"), "{err}");
        assert!(Slug::parse("Все").unwrap_err().ends_with("e.g. `my-page`"));
        assert!(Slug::parse("page-00042").is_ok());
        for bad in [
            "", "..", "a/b", "Demands", "a--b", "-a", "a-", "a b", "a\0b", "é",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
