//! `site.yaml` as written, and the checks that make [`Settings`] of it. A value that can't be
//! used is reported at the place it is written, found by its path in the file, and every such
//! problem of the file is reported at once.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Settings, Translation};
use crate::config::base_url::BaseUrl;
use crate::config::data_rules::{DataRules, KeyPath, Prose, Reference};
use crate::config::language_tag::{self, LanguageTag};
use crate::diagnostics::problem::Problem;
use crate::diagnostics::spans::YamlPath;
use crate::diagnostics::yaml::YamlFile;
use crate::text::date::PartialDate;
use crate::text::slug::Slug;

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
    "portable",
    "print",
    "mirrors",
    "max_file_kb",
    "references",
    "prose",
    "expected",
];

const TRANSLATION_FIELDS: &[&str] = &["code", "language", "name", "title", "description", "author"];

/// The keys of `site.yaml`, their values as written: see [`Settings`] for their meaning.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteYaml {
    title: String,
    description: String,
    #[serde(default)]
    base_url: Option<String>,
    language: String,
    author: String,
    #[serde(default)]
    trust_html: bool,
    #[serde(default)]
    facts_current_to: Option<PartialDate>,
    #[serde(default)]
    corrections: Option<String>,
    #[serde(default)]
    language_name: Option<String>,
    #[serde(default)]
    translations: Vec<TranslationYaml>,
    #[serde(default = "default_policy")]
    content_security_policy: String,
    #[serde(default)]
    share_cards: bool,
    #[serde(default)]
    portable: bool,
    #[serde(default)]
    print: bool,
    #[serde(default)]
    mirrors: Vec<String>,
    #[serde(default = "default_max_file_kb")]
    max_file_kb: f64,
    #[serde(default)]
    references: BTreeMap<String, String>,
    #[serde(default)]
    prose: BTreeMap<String, Prose>,
    #[serde(default)]
    expected: BTreeMap<String, String>,
}

pub(super) fn default_policy() -> String {
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'".to_owned()
}

/// The largest a file a page needs may be, gzipped, in KB of 1,024 bytes: since June 2025
/// Russian networks let only the first 16 KB of a file through from many hosts.
fn default_max_file_kb() -> f64 {
    16.0
}

/// A translation as written: see [`Translation`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationYaml {
    code: String,
    language: String,
    name: String,
    title: String,
    description: String,
    #[serde(default)]
    author: Option<String>,
}

/// The settings `file` gives, or every problem with them.
pub(super) fn settings(file: &YamlFile) -> Result<Settings, Vec<Problem>> {
    let fields = [FIELDS, TRANSLATION_FIELDS].concat();
    let site: SiteYaml = file.parse(&fields).map_err(|d| vec![d])?;
    let key = |key: &str| YamlPath::root().key(key);
    let mut problems = Vec::new();
    for (name, value) in [("title", &site.title), ("author", &site.author)] {
        if value.trim().is_empty() {
            problems.push(file.error_at(&key(name), format!("`{name}` is empty")));
        }
    }
    let language = LanguageTag::parse(&site.language);
    if language.is_none() {
        problems.push(
            file.error_at(
                &key("language"),
                format!("`{}` is not a language tag", site.language),
            )
            .with_hint("use a BCP 47 tag such as `en`, `en-GB` or `fr`"),
        );
    }
    if let Some(address) = &site.corrections
        && !is_contact_address(address)
    {
        problems.push(
            file.error_at(
                &key("corrections"),
                format!("`{address}` is not an address readers can use"),
            )
            .with_hint("write `mailto:errors@example.org` or a web address starting with https://"),
        );
    }
    let translations = translations(&site, file, &mut problems);
    if !(site.max_file_kb.is_finite() && site.max_file_kb > 0.0) {
        problems.push(
            file.error_at(
                &key("max_file_kb"),
                "`max_file_kb` must be a number of KB above 0",
            )
            .with_hint("the default is 16: what a throttled network lets through of each file"),
        );
    }
    if site.print && !cfg!(feature = "print") {
        problems.push(
            file.error_at(&key("print"), "this explainer was built without PDF support")
                .with_hint("build it with its default features (`cargo install explainer` or `cargo build`, not `--no-default-features`), or set `print: false`"),
        );
    }
    let data = data_rules(&site, file, &mut problems);
    let base_url = site.base_url.as_deref().and_then(|url| {
        BaseUrl::parse(url)
            .map_err(|message| {
                problems
                    .push(file.error_at(&key("base_url"), message).with_hint(
                        "write the full address, e.g. `https://example.org/explainer/`",
                    ));
            })
            .ok()
    });
    let mirrors = mirrors(&site.mirrors, base_url.as_ref(), file, &mut problems);
    match language {
        Some(language) if problems.is_empty() => Ok(Settings {
            warnings: Vec::new(),
            title: typographic(site.title),
            description: typographic(site.description),
            base_url,
            language,
            author: typographic(site.author),
            trust_html: site.trust_html,
            facts_current_to: site.facts_current_to,
            corrections: site.corrections,
            language_name: site.language_name,
            translations,
            content_security_policy: site.content_security_policy,
            share_cards: site.share_cards,
            portable: site.portable,
            print: site.print,
            mirrors,
            max_file_bytes: (site.max_file_kb * 1024.0) as usize,
            data,
        }),
        _ => Err(problems),
    }
}

/// The translations whose language is a tag; each translation's code and language
/// usable, and the default language named for the switcher, or a problem in `problems`.
fn translations(site: &SiteYaml, file: &YamlFile, problems: &mut Vec<Problem>) -> Vec<Translation> {
    let mut usable = Vec::new();
    if site.translations.is_empty() {
        return usable;
    }
    if site
        .language_name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty())
    {
        let message = "with translations, the default language needs `language_name`";
        let problem = match &site.language_name {
            Some(_) => file.error_at(&YamlPath::root().key("language_name"), message),
            None => file.error_at_key(&YamlPath::root().key("translations"), message),
        };
        problems.push(
            problem.with_hint("add e.g. `language_name: English`, the language's name in itself"),
        );
    }
    let mut codes = vec![language_tag::primary(&site.language)];
    for (n, t) in site.translations.iter().enumerate() {
        let at = |field: &str| YamlPath::root().key("translations").index(n).key(field);
        if Slug::parse(&t.code).is_err() {
            problems.push(
                file.error_at(
                    &at("code"),
                    format!("`{}` can't name an edition's folder", t.code),
                )
                .with_hint("use the language's code in lowercase, e.g. `ru` or `pt-br`"),
            );
        } else if codes.contains(&t.code) {
            problems.push(file.error_at(
                &at("code"),
                format!("two editions have the code `{}`", t.code),
            ));
        }
        codes.push(t.code.clone());
        let language = LanguageTag::parse(&t.language);
        if language.is_none() {
            problems.push(
                file.error_at(
                    &at("language"),
                    format!("`{}` is not a language tag", t.language),
                )
                .with_hint("use a BCP 47 tag such as `ru`, `uk` or `pt-BR`"),
            );
        }
        for (field, value) in [
            ("name", &t.name),
            ("title", &t.title),
            ("description", &t.description),
        ] {
            if value.trim().is_empty() {
                problems.push(file.error_at(
                    &at(field),
                    format!("the edition `{}` has an empty `{field}`", t.code),
                ));
            }
        }
        usable.extend(language.map(|language| Translation {
            code: t.code.clone(),
            language,
            name: t.name.clone(),
            title: typographic(t.title.clone()),
            description: typographic(t.description.clone()),
            author: t.author.clone().map(typographic),
        }));
    }
    usable
}

/// The mirrors, each a usable address other than the site's own (`base_url`) and the
/// others, or a problem in `problems` at the one that isn't.
fn mirrors(
    written: &[String],
    base_url: Option<&BaseUrl>,
    file: &YamlFile,
    problems: &mut Vec<Problem>,
) -> Vec<BaseUrl> {
    let mut usable: Vec<BaseUrl> = Vec::new();
    for (n, text) in written.iter().enumerate() {
        let at = YamlPath::root().key("mirrors").index(n);
        match BaseUrl::parse(text) {
            Ok(url) if usable.contains(&url) || base_url == Some(&url) => {
                let hint = "a mirror is another address than `base_url` and the other mirrors";
                let message = format!("`{url}` is listed twice");
                problems.push(file.error_at(&at, message).with_hint(hint));
            }
            Ok(url) => usable.push(url),
            Err(message) => {
                let hint = "write the mirror's full address, e.g. `https://mirror.example.net/` or `http://….onion/`";
                problems.push(file.error_at(&at, message).with_hint(hint));
            }
        }
    }
    usable
}

/// The declared references and prose of the data files, each key path usable, or a
/// problem in `problems` at the one that isn't.
fn data_rules(site: &SiteYaml, file: &YamlFile, problems: &mut Vec<Problem>) -> DataRules {
    let mut rules = DataRules::default();
    let mut parsed = |path: &YamlPath, text: &str, key: bool| match KeyPath::parse(text) {
        Ok(path) => Some(path),
        Err(message) => {
            let problem = match key {
                true => file.error_at_key(path, message),
                false => file.error_at(path, message),
            };
            problems.push(problem);
            None
        }
    };
    for (from, to) in &site.references {
        let at = YamlPath::root().key("references").key(from);
        let (from, to) = (parsed(&at, from, true), parsed(&at, to, false));
        if let (Some(from), Some(to)) = (from, to) {
            let declared_at = file.spans().key(&at).unwrap_or(file.spans().nearest(&at));
            rules.references.push(Reference {
                from,
                to,
                declared_at,
            });
        }
    }
    for (path, prose) in &site.prose {
        let at = YamlPath::root().key("prose").key(path);
        rules
            .prose
            .extend(parsed(&at, path, true).map(|p| (p, *prose)));
    }
    for (path, what) in &site.expected {
        let at = YamlPath::root().key("expected").key(path);
        let path = parsed(&at, path, true);
        rules.expected.extend(path.map(|p| (p, what.clone())));
    }
    rules
}

/// A `mailto:` address or a web page, the two ways a reader can send a report.
fn is_contact_address(address: &str) -> bool {
    let address = address.trim();
    if let Some(mail) = address.strip_prefix("mailto:") {
        return mail.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !mail.contains(char::is_whitespace)
        });
    }
    BaseUrl::parse(address).is_ok()
}

/// A text readers see with the smart punctuation a page's Markdown gets, so that a title
/// typed with straight quotes reads like the pages: `Russia's` as `Russia’s`.
fn typographic(text: String) -> String {
    match crate::text::smart::punctuate(&text) {
        std::borrow::Cow::Owned(new) => new,
        std::borrow::Cow::Borrowed(_) => text,
    }
}
