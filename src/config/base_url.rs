//! The address a site is published at: `base_url` in `site.yaml`, or `--base-url`.

use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

/// An absolute `http` or `https` address with a host and without a query or fragment,
/// always ending in `/`, so that a page's path can be appended to it.
///
/// It is checked by the `url` crate but kept as written (with the `/` added): the address
/// is shown to readers (on share cards, as `example.org/explainer`), and `url` would show a
/// host such as `пример.рф` as `xn--e1afmkfd.xn--p1ai` and percent-encode a path in Cyrillic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The base URL written `text`, with the message to show if it is not usable.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or_else(|| format!("base URL `{text}` must start with https:// or http://"))?;
        let unusable = || format!("`{text}` is not a usable base URL");
        let host = rest.split('/').next().unwrap_or_default();
        // Checked on the text too: `url` would take out a tab and escape a space.
        if host.is_empty() || text.contains(char::is_whitespace) || text.contains(['?', '#']) {
            return Err(unusable());
        }
        let url = url::Url::parse(text).map_err(|_| unusable())?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(unusable());
        }
        Ok(BaseUrl(match text.ends_with('/') {
            true => text.to_owned(),
            false => format!("{text}/"),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The site's path on its host: `/explainer/`.
    pub fn path(&self) -> &str {
        let rest = self.host_and_path();
        rest.find('/').map_or("/", |i| &rest[i..])
    }

    /// Where the site is, as people write it: `example.org/explainer`.
    pub fn address(&self) -> &str {
        self.host_and_path().trim_end_matches('/')
    }

    /// Without its scheme: `example.org/explainer/`.
    fn host_and_path(&self) -> &str {
        self.0.split_once("://").map_or(&self.0, |(_, rest)| rest)
    }
}

impl Deref for BaseUrl {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Templates see the address as a string.
impl Serialize for BaseUrl {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_ends_in_a_slash_and_keeps_its_spelling() {
        let url = BaseUrl::parse(" https://example.org/explainer ").unwrap();
        assert_eq!(url.as_str(), "https://example.org/explainer/");
        assert_eq!(
            (url.path(), url.address()),
            ("/explainer/", "example.org/explainer")
        );
        let url = BaseUrl::parse("http://localhost:8000").unwrap();
        assert_eq!((url.path(), url.address()), ("/", "localhost:8000"));
        let url = BaseUrl::parse("https://пример.рф/разбор/").unwrap();
        assert_eq!(url.address(), "пример.рф/разбор");
    }

    #[test]
    fn other_schemes_queries_fragments_and_bad_hosts_are_refused_with_the_reason() {
        assert_eq!(
            BaseUrl::parse("example.org").unwrap_err(),
            "base URL `example.org` must start with https:// or http://"
        );
        for bad in [
            "https://",
            "https:///path",
            "https://example.org/?page=1",
            "https://example.org/#top",
            "https://exa mple.org/",
            "https://[::1/",
            "https://example.org:99999/",
        ] {
            assert_eq!(
                BaseUrl::parse(bad).unwrap_err(),
                format!("`{bad}` is not a usable base URL")
            );
        }
    }
}
