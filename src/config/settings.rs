//! The site's settings: `site.yaml` at the site root.
//!
//! Only what templates and the build need lives here; an unknown key is an error, so a typo
//! never silently falls back to a default.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::problem::Problem;
use crate::diagnostics::yaml::{self, YamlSource, key_line};
use crate::source_text;
use crate::text::date::PartialDate;

pub const FILE_NAME: &str = "site.yaml";

const FIELDS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "author",
    "trust_html",
    "facts_current_to",
    "corrections",
    "language_name",
    "translations",
    "content_security_policy",
    "share_cards",
];

const TRANSLATION_FIELDS: &[&str] = &["code", "language", "name", "title", "description", "author"];

/// The validated contents of `site.yaml`, as templates see them under `site`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub title: String,
    pub description: String,
    /// Absolute URL the site is published at, always ending in `/`. Only used for links that
    /// must be absolute (canonical links, feeds, sitemaps): pages link to each other relatively.
    #[serde(default)]
    pub base_url: Option<String>,
    /// BCP 47 language tag for `<html lang>`, e.g. `en-GB`.
    pub language: String,
    pub author: String,
    /// Pass raw HTML in Markdown through as written. Off by default: raw HTML is sanitised
    /// (no script, event handlers or `javascript:` URLs). Turn on only for trusted authors.
    #[serde(default)]
    pub trust_html: bool,
    /// What the facts are current to, as precisely as known (`2026-04`): shown on every
    /// page beside its own "last updated" date, which says when the page was edited.
    #[serde(default)]
    pub facts_current_to: Option<PartialDate>,
    /// Where readers report an error: a `mailto:` or web address, shown as "Report an
    /// error" when set.
    #[serde(default)]
    pub corrections: Option<String>,
    /// The language's name in itself (`English`), for the language switcher: needed when
    /// there are translations.
    #[serde(default)]
    pub language_name: Option<String>,
    /// The other editions, each with its pages in `content/<code>/`.
    #[serde(default)]
    pub translations: Vec<Translation>,
    /// What pages may load, and from where: given to templates for the pages' meta tag, and
    /// sent by hosts that read `_headers` as an HTTP header. By default, nothing runs and
    /// nothing loads from elsewhere; `connect-src 'self'` lets a reader's tools (Lighthouse)
    /// fetch `robots.txt`.
    #[serde(default = "default_policy")]
    pub content_security_policy: String,
    /// Draw each page a share card, the 1200×630 picture a link to it shows when shared
    /// (from templates/card.svg or the built-in one). Cards need `base_url`: a shared link's
    /// picture must have an absolute address.
    #[serde(default)]
    pub share_cards: bool,
}

fn default_policy() -> String {
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'".to_owned()
}

/// An edition of the site in another language, as `site.yaml` gives it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// Its folder in `content/` and in the output (`ru`).
    pub code: String,
    /// BCP 47 language tag for `<html lang>` (`ru`, `uk`, `pt-BR`).
    pub language: String,
    /// The language's name in itself (`Русский`).
    pub name: String,
    pub title: String,
    pub description: String,
    /// The byline in this edition's language; the default edition's `author` if not given.
    #[serde(default)]
    pub author: Option<String>,
}

/// Reads `root/site.yaml`; `base_url_override` (from `--base-url`) replaces its `base_url`.
pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<Settings, Vec<Problem>> {
    let shown = Path::new(FILE_NAME);
    let path = root.join(shown);
    if !path.is_file() {
        return Err(vec![
            Problem::file(shown, "site.yaml is missing")
                .with_hint("create it with `title`, `description`, `language` and `author`"),
        ]);
    }
    let text = source_text::read(&path, shown).map_err(|d| vec![d])?;
    let mut settings = Settings::parse(&text, shown)?;
    if let Some(url) = base_url_override {
        let url = normalize_base_url(url).map_err(|m| vec![Problem::file("--base-url", m)])?;
        settings.base_url = Some(url);
    }
    Ok(settings)
}

impl Settings {
    /// Parses and validates the text of `site.yaml`.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, Vec<Problem>> {
        let source = YamlSource {
            path,
            file_text: text,
            first_line: 1,
        };
        let fields = [FIELDS, TRANSLATION_FIELDS].concat();
        let mut settings: Settings = yaml::parse(text, &source, &fields).map_err(|d| vec![d])?;
        let mut problems = Vec::new();
        let at_key = |key: &str, message: String| {
            let line = key_line(text, key).unwrap_or(1);
            Problem::new(path, line, 1, message).with_source(text)
        };
        for (key, value) in [("title", &settings.title), ("author", &settings.author)] {
            if value.trim().is_empty() {
                problems.push(at_key(key, format!("`{key}` is empty")));
            }
        }
        if !is_language_tag(&settings.language) {
            problems.push(
                at_key(
                    "language",
                    format!("`{}` is not a language tag", settings.language),
                )
                .with_hint("use a BCP 47 tag such as `en`, `en-GB` or `fr`"),
            );
        }
        if let Some(address) = &settings.corrections
            && !is_contact_address(address)
        {
            problems.push(
                at_key(
                    "corrections",
                    format!("`{address}` is not an address readers can use"),
                )
                .with_hint(
                    "write `mailto:errors@example.org` or a web address starting with https://",
                ),
            );
        }
        problems.extend(check_translations(&settings, text, path));
        if let Some(url) = settings.base_url.take() {
            match normalize_base_url(&url) {
                Ok(url) => settings.base_url = Some(url),
                Err(message) => problems
                    .push(at_key("base_url", message).with_hint(
                        "write the full address, e.g. `https://example.org/explainer/`",
                    )),
            }
        }
        if problems.is_empty() {
            Ok(settings)
        } else {
            Err(problems)
        }
    }
}

/// Checks a base URL and gives it the trailing `/` that relative joins rely on.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base URL `{url}` must start with https:// or http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || url.contains(char::is_whitespace) || url.contains(['?', '#']) {
        return Err(format!("`{url}` is not a usable base URL"));
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}

/// Each translation's code and language usable, and the default language named for the
/// switcher.
fn check_translations(settings: &Settings, text: &str, path: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let at = |needle: &str, message: String| {
        let line = text
            .lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 1);
        Problem::new(path, line, 1, message).with_source(text)
    };
    if settings.translations.is_empty() {
        return problems;
    }
    if settings
        .language_name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty())
    {
        problems.push(
            at(
                "translations",
                "with translations, the default language needs `language_name`".into(),
            )
            .with_hint("add e.g. `language_name: English`, the language's name in itself"),
        );
    }
    let mut codes = vec![settings.default_code()];
    for t in &settings.translations {
        let needle = format!("code: {}", t.code);
        if crate::text::slug::Slug::parse(&t.code).is_err() {
            problems.push(
                at(
                    &needle,
                    format!("`{}` can't name an edition's folder", t.code),
                )
                .with_hint("use the language's code in lowercase, e.g. `ru` or `pt-br`"),
            );
        } else if codes.contains(&t.code) {
            problems.push(at(
                &needle,
                format!("two editions have the code `{}`", t.code),
            ));
        }
        codes.push(t.code.clone());
        if !is_language_tag(&t.language) {
            problems.push(
                at(&needle, format!("`{}` is not a language tag", t.language))
                    .with_hint("use a BCP 47 tag such as `ru`, `uk` or `pt-BR`"),
            );
        }
        for (field, value) in [
            ("name", &t.name),
            ("title", &t.title),
            ("description", &t.description),
        ] {
            if value.trim().is_empty() {
                problems.push(at(
                    &needle,
                    format!("the edition `{}` has an empty `{field}`", t.code),
                ));
            }
        }
    }
    problems
}

impl Settings {
    /// The settings of a site whose `site.yaml` could not be read: enough to go on
    /// checking the rest of it, and never published.
    pub fn unknown() -> Settings {
        Settings {
            title: String::new(),
            description: String::new(),
            base_url: None,
            language: "und".to_owned(),
            author: String::new(),
            trust_html: false,
            facts_current_to: None,
            corrections: None,
            language_name: None,
            translations: Vec::new(),
            content_security_policy: default_policy(),
            share_cards: false,
        }
    }

    /// The default edition's code: its language's primary subtag (`en` for `en-GB`).
    pub fn default_code(&self) -> String {
        let primary = self.language.split('-').next().unwrap_or_default();
        primary.to_ascii_lowercase()
    }

    /// The site's path on its host, from its base URL: `/explainer/`.
    pub fn base_path(&self) -> Option<&str> {
        let rest = self.host_and_path()?;
        Some(rest.find('/').map_or("/", |i| &rest[i..]))
    }

    /// Where the site is, as people write it: `example.org/explainer`.
    pub fn address(&self) -> Option<&str> {
        Some(self.host_and_path()?.trim_end_matches('/'))
    }

    /// The base URL without its scheme: `example.org/explainer/`.
    fn host_and_path(&self) -> Option<&str> {
        let base = self.base_url.as_deref()?;
        Some(base.split_once("://").map_or(base, |(_, rest)| rest))
    }
}

/// A `mailto:` address or a web page, the two ways a reader can send a report.
fn is_contact_address(address: &str) -> bool {
    let address = address.trim();
    if let Some(mail) = address.strip_prefix("mailto:") {
        return mail.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !mail.contains(char::is_whitespace)
        });
    }
    normalize_base_url(address).is_ok()
}

pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: T\ndescription: D\nlanguage: en-GB\nauthor: A\n";

    #[test]
    fn the_base_url_gives_the_sites_path_and_its_address_as_people_write_it() {
        let parse = |url: &str| {
            let text = format!("{GOOD}base_url: {url}\n");
            Settings::parse(&text, Path::new("site.yaml")).unwrap()
        };
        let sub_path = parse("https://example.org/explainer/");
        assert_eq!(sub_path.base_path(), Some("/explainer/"));
        assert_eq!(sub_path.address(), Some("example.org/explainer"));
        let root = parse("http://localhost:8000");
        assert_eq!(root.base_path(), Some("/"));
        assert_eq!(root.address(), Some("localhost:8000"));
        let none = Settings::parse(GOOD, Path::new("site.yaml")).unwrap();
        assert_eq!((none.base_path(), none.address()), (None, None));
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let text = format!("{GOOD}base_url: https://example.org/explainer\n");
        let settings = Settings::parse(&text, Path::new("site.yaml")).unwrap();
        assert_eq!(
            settings.base_url.as_deref(),
            Some("https://example.org/explainer/")
        );
    }

    #[test]
    fn unknown_key_and_bad_values_are_errors() {
        let err =
            Settings::parse(&format!("{GOOD}colour: red\n"), Path::new("site.yaml")).unwrap_err();
        assert!(err[0].message.contains("unknown field `colour`"));

        let text = "title: T\ndescription: D\nlanguage: english please\nauthor: A\nbase_url: example.org\n";
        let errs = Settings::parse(text, Path::new("site.yaml")).unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, [3, 5]);
    }

    #[test]
    fn corrections_must_be_a_mail_or_web_address() {
        for good in ["mailto:errors@example.org", "https://example.org/report"] {
            let text = format!("{GOOD}corrections: {good}\n");
            assert!(
                Settings::parse(&text, Path::new("site.yaml")).is_ok(),
                "{good}"
            );
        }
        for bad in ["errors@example.org", "mailto:nobody", "ftp://x.org"] {
            let text = format!("{GOOD}corrections: {bad}\n");
            let errs = Settings::parse(&text, Path::new("site.yaml")).unwrap_err();
            assert_eq!(errs[0].line, 5, "{bad}");
        }
    }
}
