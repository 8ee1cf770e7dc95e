//! The data files the engine reads: what each entry holds and which values are accepted.

use serde::{Deserialize, Serialize};

use crate::config::language_tag::LanguageTag;
use crate::diagnostics::yaml::ParseVisitor;
use crate::text::date::{Date, PartialDate};
use crate::text::slug::Slug;

/// A source's id, as citations write it: `[@nato-2022-01-26]`. Same rules as a slug.
pub type SourceId = Slug;

pub const SOURCE_FIELDS: &[&str] = &[
    "id",
    "publisher",
    "title",
    "title_lang",
    "date",
    "url",
    "further_reading",
    "note",
    "via",
    "accessed",
    "archived",
];

/// One entry of `sources.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    /// Who published it: `NATO`, `Forces News`, `Associated Press`.
    pub publisher: String,
    pub title: String,
    /// The language of `title` when it is not the edition's: a published title kept as
    /// published in a translation (`en`), so that screen readers read it in its language.
    #[serde(default, deserialize_with = "language_tag")]
    pub title_lang: Option<LanguageTag>,
    /// When it was published, as precisely as known.
    pub date: PartialDate,
    #[serde(deserialize_with = "web_url")]
    pub url: String,
    /// Listed on the sources page even if no page cites it.
    #[serde(default)]
    pub further_reading: bool,
    /// How it was checked, e.g. "AP text, via an agency copy".
    #[serde(default)]
    pub note: Option<String>,
    /// Where `url` points when it is a copy rather than the publisher's own page: the
    /// copy's site, e.g. `alliansfriheten.se`. Shown with the publisher, so a reader never
    /// takes a mirror for the original.
    #[serde(default)]
    pub via: Option<String>,
    /// When it was read for the site.
    #[serde(default)]
    pub accessed: Option<Date>,
    /// The address of an archived copy, for when `url` no longer opens.
    #[serde(default, deserialize_with = "optional_web_url")]
    pub archived: Option<String>,
}

pub const EVENT_FIELDS: &[&str] = &["date", "title", "text", "sources", "scheduled"];

/// One entry of `timeline.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub date: PartialDate,
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// Ids from `sources.yaml`; at least one.
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// The event had not happened when its sources were written: they announce it.
    #[serde(default)]
    pub scheduled: bool,
}

pub const TERM_FIELDS: &[&str] = &["id", "term", "aliases", "forms", "definition"];

/// One entry of `glossary.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Anchor on the glossary page.
    pub id: Slug,
    #[serde(deserialize_with = "spelling")]
    pub term: String,
    /// Other names, listed with the term and linked like it: `eFP`, `Article 10`.
    #[serde(default, deserialize_with = "spellings")]
    pub aliases: Vec<String>,
    /// Other forms of its words that pages use, linked like the term but not listed: the
    /// cases of a language that inflects (`Основополагающего акта`).
    #[serde(default, deserialize_with = "spellings")]
    pub forms: Vec<String>,
    pub definition: String,
}

/// A way a glossary term is written in pages: never empty, or it would be found
/// everywhere (and inside letters).
fn spelling<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_str(ParseVisitor::new("a term as pages write it", |s| {
        if s.trim().is_empty() {
            Err("a term, alias or form can't be empty: it would be found everywhere".to_owned())
        } else {
            Ok(s.to_owned())
        }
    }))
}

fn spellings<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct Spelling(String);
    impl<'de> Deserialize<'de> for Spelling {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            spelling(deserializer).map(Spelling)
        }
    }
    let list: Vec<Spelling> = Deserialize::deserialize(deserializer)?;
    Ok(list.into_iter().map(|s| s.0).collect())
}

fn language_tag<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<LanguageTag>, D::Error> {
    let tag = deserializer.deserialize_str(ParseVisitor::new("a language tag", |s| {
        LanguageTag::parse(s)
            .ok_or_else(|| format!("`{s}` is not a language tag: write one such as `en` or `de`"))
    }))?;
    Ok(Some(tag))
}

fn optional_web_url<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    web_url(deserializer).map(Some)
}

fn web_url<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_str(ParseVisitor::new("a web address", |s| {
        let host = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
        match host {
            Some(host) if !host.is_empty() && !s.contains(char::is_whitespace) => Ok(s.to_owned()),
            _ => Err(format!(
                "`{s}` is not a web address: it must start with https:// or http://"
            )),
        }
    }))
}
