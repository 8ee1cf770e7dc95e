//! The site's settings: `site.yaml` at the site root.
//!
//! Only what templates and the build need lives here; an unknown key is an error, so a typo
//! never silently falls back to a default. The file is read as written ([`read`]), then
//! every value is checked and the settings made of the checked values.

mod read;

use std::path::Path;

use serde::Serialize;

use crate::config::base_url::BaseUrl;
use crate::config::data_rules::DataRules;
use crate::config::language_tag::LanguageTag;
use crate::diagnostics::problem::Problem;
use crate::diagnostics::yaml::YamlFile;
use crate::source_text;
use crate::text::date::PartialDate;

pub const FILE_NAME: &str = crate::layout::SETTINGS;

/// The validated contents of `site.yaml`, as templates see them under `site`.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// What `site.yaml` lets through but should not: the starter's placeholders left in it.
    #[serde(skip)]
    pub warnings: Vec<Problem>,
    pub title: String,
    pub description: String,
    /// Absolute URL the site is published at. Only used for links that must be absolute
    /// (canonical links, feeds, sitemaps): pages link to each other relatively.
    pub base_url: Option<BaseUrl>,
    /// For `<html lang>`, e.g. `en-GB`.
    pub language: LanguageTag,
    pub author: String,
    /// Pass raw HTML in Markdown through as written. Off by default: raw HTML is sanitised
    /// (no script, event handlers or `javascript:` URLs). Turn on only for trusted authors.
    pub trust_html: bool,
    /// What the facts are current to, as precisely as known (`2026-04`): shown on every
    /// page beside its own "last updated" date, which says when the page was edited.
    pub facts_current_to: Option<PartialDate>,
    /// Where readers report an error: a `mailto:` or web address, shown as "Report an
    /// error" when set.
    pub corrections: Option<String>,
    /// The language's name in itself (`English`), for the language switcher: needed when
    /// there are translations.
    pub language_name: Option<String>,
    /// The other editions, each with its pages in `content/<code>/`.
    pub translations: Vec<Translation>,
    /// What pages may load, and from where: given to templates for the pages' meta tag, and
    /// sent by hosts that read `_headers` as an HTTP header. By default, nothing runs and
    /// nothing loads from elsewhere; `connect-src 'self'` lets a reader's tools (Lighthouse)
    /// fetch `robots.txt`.
    pub content_security_policy: String,
    /// Draw each page a share card, the 1200×630 picture a link to it shows when shared
    /// (from templates/card.svg or the built-in one). Cards need `base_url`: a shared link's
    /// picture must have an absolute address.
    pub share_cards: bool,
    /// Write each edition also as one file that needs nothing else, to pass on
    /// (`offline/explainer.<code>.html`, from `templates/offline.html`).
    pub portable: bool,
    /// Write each edition also as a tagged PDF and a two-page handout to print
    /// (`print/explainer.<code>.pdf`, `print/handout.<code>.pdf`, from
    /// `templates/print.typ`).
    pub print: bool,
    /// Other addresses the same site is served at, shown to readers for when the site's
    /// own is blocked; canonical links, the sitemap and `hreflang` stay on `base_url`.
    pub mirrors: Vec<BaseUrl>,
    /// The most a page or a stylesheet may weigh gzipped (`max_file_kb` in `site.yaml`,
    /// 16 by default); a heavier one is warned of.
    #[serde(skip)]
    pub max_file_bytes: usize,
    /// What the site declares of its own data files: references between them, and which
    /// of their strings are prose. Not given to templates.
    #[serde(skip)]
    pub data: DataRules,
}

/// An edition of the site in another language, as `site.yaml` gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    /// Its folder in `content/` and in the output (`ru`).
    pub code: String,
    /// For `<html lang>` (`ru`, `uk`, `pt-BR`).
    pub language: LanguageTag,
    /// The language's name in itself (`Русский`).
    pub name: String,
    pub title: String,
    pub description: String,
    /// The byline in this edition's language; the default edition's `author` if not given.
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
    settings.warnings = crate::placeholders::left_in(shown, &text);
    if let Some(url) = base_url_override {
        let url = BaseUrl::parse(url).map_err(|m| vec![Problem::flag("--base-url", m)])?;
        settings.base_url = Some(url);
    }
    Ok(settings)
}

impl Settings {
    /// Parses and validates the text of `site.yaml`.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, Vec<Problem>> {
        read::settings(&YamlFile::new(path, text))
    }

    /// The settings of a site whose `site.yaml` could not be read: enough to go on
    /// checking the rest of it, and never published.
    pub fn unknown() -> Settings {
        Settings {
            warnings: Vec::new(),
            title: String::new(),
            description: String::new(),
            base_url: None,
            language: LanguageTag::undetermined(),
            author: String::new(),
            trust_html: false,
            facts_current_to: None,
            corrections: None,
            language_name: None,
            translations: Vec::new(),
            content_security_policy: read::default_policy(),
            share_cards: false,
            portable: false,
            print: false,
            mirrors: Vec::new(),
            max_file_bytes: 16 * 1024,
            data: DataRules::default(),
        }
    }

    /// The default edition's code: its language's primary subtag (`en` for `en-GB`).
    pub fn default_code(&self) -> String {
        self.language.primary()
    }

    /// The site's path on its host, from its base URL: `/explainer/`.
    pub fn base_path(&self) -> Option<&str> {
        self.base_url.as_ref().map(BaseUrl::path)
    }

    /// Where the site is, as people write it: `example.org/explainer`.
    pub fn address(&self) -> Option<&str> {
        self.base_url.as_ref().map(BaseUrl::address)
    }
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

    #[test]
    fn each_translation_problem_is_located_at_the_value_it_is_about() {
        let text = format!(
            "{GOOD}translations:\n  - {{code: ru, language: 'r u', name: Русский, title: '', description: D}}\n"
        );
        let errs = Settings::parse(&text, Path::new("site.yaml")).unwrap_err();
        let at: Vec<_> = errs.iter().map(|d| (d.line, d.column)).collect();
        // No `language_name` (at `translations:`), the language tag, the empty title.
        assert_eq!(at, [(5, 1), (6, 26), (6, 55)]);
        assert!(errs[1].message.contains("`r u` is not a language tag"));
    }

    #[test]
    fn a_declared_key_path_that_is_not_one_is_located_where_it_is_written() {
        let text = format!(
            "{GOOD}references:\n  books.shelf: shelves\n  books: sources.id\nprose:\n  books.title: spaced\n"
        );
        let errs = Settings::parse(&text, Path::new("site.yaml")).unwrap_err();
        let at: Vec<_> = errs.iter().map(|d| (d.line, d.column)).collect();
        // The key `books`, then the target `shelves` (a value), in the order of their keys.
        assert_eq!(at, [(7, 3), (6, 16)]);
        assert!(errs[1].message.contains("`shelves` is not a key path"));
        let good = format!(
            "{GOOD}references:\n  books.shelf: shelves.id\nprose:\n  books.title: spaced\n"
        );
        let rules = Settings::parse(&good, Path::new("site.yaml")).unwrap().data;
        assert_eq!(rules.references[0].to.to_string(), "shelves.id");
        assert_eq!(rules.prose.len(), 1);
    }
}
