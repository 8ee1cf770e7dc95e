//! The typed data files: what each entry holds and which values are accepted.

use serde::{Deserialize, Serialize};

use crate::content::date::PartialDate;
use crate::content::slug::Slug;

/// A source's id, as citations write it: `[@nato-2022-01-26]`. Same rules as a slug.
pub type SourceId = Slug;

pub const SOURCE_FIELDS: &[&str] = &[
    "id",
    "publisher",
    "title",
    "date",
    "url",
    "further_reading",
    "note",
    "via",
];

/// One entry of `sources.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    /// Who published it: `NATO`, `Forces News`, `Associated Press`.
    pub publisher: String,
    pub title: String,
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

pub const COUNTRY_FIELDS: &[&str] = &[
    "name",
    "code",
    "group",
    "joined",
    "cold_war",
    "named_in_article",
    "col",
    "row",
    "sources",
];

/// Where a country stood with regard to NATO and Russia's demands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountryGroup {
    Russia,
    /// A NATO member on 27 May 1997, the cut-off in Russia's draft.
    #[serde(rename = "member-before-1997")]
    MemberBefore1997,
    /// Joined NATO after 27 May 1997 and before the demands: the states they concern.
    #[serde(rename = "joined-after-1997")]
    JoinedAfter1997,
    /// Joined after Russia's full-scale invasion of Ukraine in 2022.
    #[serde(rename = "joined-since-2022")]
    JoinedSince2022,
    /// Ukraine and Georgia, promised eventual membership at Bucharest in 2008.
    Aspirant,
    Other,
}

/// One entry of `countries.yaml`: a tile on the map and a row of its table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub name: String,
    /// Two-letter ISO 3166 code, shown on the map tile.
    #[serde(deserialize_with = "country_code")]
    pub code: String,
    pub group: CountryGroup,
    /// When it joined NATO, if it did.
    #[serde(default)]
    pub joined: Option<PartialDate>,
    /// Its status in the Cold War, in a few words.
    pub cold_war: String,
    /// Named in the source article's list of countries NATO "must leave".
    #[serde(default)]
    pub named_in_article: bool,
    /// Tile position on the schematic map: column from the west, row from the north.
    pub col: u8,
    pub row: u8,
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

pub const TERM_FIELDS: &[&str] = &["id", "term", "aliases", "definition"];

/// One entry of `glossary.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Anchor on the glossary page.
    pub id: Slug,
    pub term: String,
    /// Other spellings linked like the term itself: `eFP`, `Article 10`.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub definition: String,
}

fn web_url<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_str(crate::content::ParseVisitor::new("a web address", |s| {
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

fn country_code<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_str(crate::content::ParseVisitor::new("a country code", |s| {
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(s.to_owned())
        } else {
            Err(format!(
                "`{s}` is not a two-letter country code such as `EE`"
            ))
        }
    }))
}
