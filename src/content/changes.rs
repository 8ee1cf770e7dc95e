//! What changed on a page since it was first published, as its front matter's `changes:`
//! lists it: each entry's date, kind and words. A page's last revision must say what it
//! changed: when `updated` is later than `date`, the newest entry is dated `updated` (a
//! typo fix leaves `updated` as it was, and needs no entry).

use serde::{Deserialize, Serialize};

use crate::config::editions::Edition;
use crate::text::date::Date;
use crate::urls::SitePath;

/// The page that lists an edition's corrections and clarifications, at the same address in
/// every site, and its feed.
pub const CORRECTIONS_PAGE: &str = "corrections.html";
pub const CORRECTIONS_FEED: &str = "corrections.xml";

/// The site path of `file` ([`CORRECTIONS_PAGE`] or [`CORRECTIONS_FEED`]) in `edition`.
pub fn address(edition: &Edition, file: &str) -> SitePath {
    match edition.folder() {
        Some(folder) => SitePath::new(format!("{folder}/{file}")),
        None => SitePath::new(file),
    }
}

/// One change to a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: Date,
    pub kind: Kind,
    /// What changed, in a sentence or two: for a correction, what was wrong and what the
    /// page says now.
    pub text: String,
    /// The id of the heading of the passage changed, which the page then marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

/// What kind of change: the first two are listed on the corrections page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Something was wrong.
    Correction,
    /// Something was unclear or could be misread.
    Clarification,
    /// Something new was added.
    Update,
}

impl Kind {
    /// Whether readers are told of it on the corrections page and in its feed.
    pub fn corrects(self) -> bool {
        matches!(self, Kind::Correction | Kind::Clarification)
    }
}

/// A mistake in a page's changes, for the front matter to locate: the entry (by index)
/// or `updated` itself.
#[derive(Debug, PartialEq, Eq)]
pub enum Mistake {
    /// `updated` is later than `date`, but no entry says what that revision changed.
    Unsaid { updated: Date, newest: Option<Date> },
    /// Entry `index` is dated after the page's last revision.
    AfterRevision { index: usize, revised: Date },
    /// Entry `index` is dated before the page was first published.
    BeforePublished { index: usize, date: Date },
}

/// The mistakes of `changes` on a page first published on `date` and last revised on
/// `updated`.
pub fn mistakes(changes: &[Change], date: Option<Date>, updated: Option<Date>) -> Vec<Mistake> {
    let mut found = Vec::new();
    let revised = updated.or(date);
    for (index, change) in changes.iter().enumerate() {
        if let Some(revised) = revised.filter(|r| change.date > *r) {
            found.push(Mistake::AfterRevision { index, revised });
        } else if let Some(date) = date.filter(|d| change.date < *d) {
            found.push(Mistake::BeforePublished { index, date });
        }
    }
    let newest = changes.iter().map(|c| c.date).max();
    if let (Some(date), Some(updated)) = (date, updated)
        && updated > date
        && newest.is_none_or(|n| n < updated)
    {
        found.push(Mistake::Unsaid { updated, newest });
    }
    found
}

/// The changes newest first; entries of one day keep their order.
pub fn newest_first(changes: &[Change]) -> Vec<&Change> {
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.date));
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn change(date: &str) -> Change {
        Change {
            date: d(date),
            kind: Kind::Update,
            text: "New facts.".into(),
            anchor: None,
        }
    }

    #[test]
    fn a_revision_needs_an_entry_of_its_day() {
        let (date, updated) = (Some(d("2026-01-01")), Some(d("2026-02-01")));
        assert_eq!(
            mistakes(&[], date, updated),
            [Mistake::Unsaid {
                updated: d("2026-02-01"),
                newest: None
            }]
        );
        let older = [change("2026-01-15")];
        assert!(matches!(
            mistakes(&older, date, updated)[..],
            [Mistake::Unsaid { .. }]
        ));
        assert!(mistakes(&[change("2026-02-01")], date, updated).is_empty());
    }

    #[test]
    fn a_page_never_revised_or_without_a_first_date_needs_none() {
        assert!(mistakes(&[], Some(d("2026-01-01")), None).is_empty());
        assert!(mistakes(&[], None, Some(d("2026-01-01"))).is_empty());
    }

    #[test]
    fn an_entry_outside_the_pages_dates_is_a_mistake() {
        let (date, updated) = (Some(d("2026-01-01")), Some(d("2026-02-01")));
        let changes = [
            change("2025-12-31"),
            change("2026-02-01"),
            change("2026-03-01"),
        ];
        assert_eq!(
            mistakes(&changes, date, updated),
            [
                Mistake::BeforePublished {
                    index: 0,
                    date: d("2026-01-01")
                },
                Mistake::AfterRevision {
                    index: 2,
                    revised: d("2026-02-01")
                },
            ]
        );
    }

    #[test]
    fn newest_first_keeps_one_days_order() {
        let mut a = change("2026-01-02");
        a.text = "a".into();
        let mut b = change("2026-01-02");
        b.text = "b".into();
        let changes = [change("2026-01-01"), a, b];
        let texts: Vec<&str> = newest_first(&changes)
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(texts, ["a", "b", "New facts."]);
    }
}
