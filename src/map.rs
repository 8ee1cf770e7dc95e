//! The map: a schematic tile map of Europe drawn as SVG from `data.countries`, at build
//! time, with no script, tiles or fonts fetched from anywhere.
//!
//! Each country is one square tile at its `col`/`row`; the fill says its group, and the
//! tile's code and `<title>` say which country it is. Colours come from the stylesheet
//! (`.g-<group>`), so the map follows the light and dark palettes. The legend is given to
//! templates as data (`map_legend`) to render as HTML, so that its text stays readable
//! when the map is scaled down on a phone; templates put the table alternative beside it.

use std::fmt::Write;

use crate::data::{Country, CountryGroup};
use crate::escape::escape;

const TILE: u32 = 44;
const GAP: u32 = 4;

/// The legend, in the order it is drawn.
const LEGEND: &[(CountryGroup, &str)] = &[
    (CountryGroup::Russia, "Russia"),
    (CountryGroup::MemberBefore1997, "NATO member on 27 May 1997"),
    (
        CountryGroup::JoinedAfter1997,
        "Joined NATO after 27 May 1997 (1999–2020)",
    ),
    (
        CountryGroup::JoinedSince2022,
        "Joined NATO after the 2022 invasion",
    ),
    (
        CountryGroup::Aspirant,
        "Promised membership in 2008, not a member",
    ),
    (CountryGroup::Other, "Other country"),
];

/// One entry of the legend, as templates see it in `map_legend`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LegendEntry {
    pub class: &'static str,
    pub label: &'static str,
}

/// The legend entries of the groups that are on the map, in legend order.
pub fn legend(countries: &[Country]) -> Vec<LegendEntry> {
    LEGEND
        .iter()
        .filter(|(g, _)| countries.iter().any(|c| c.group == *g))
        .map(|(g, label)| LegendEntry {
            class: group_class(*g),
            label,
        })
        .collect()
}

/// The CSS class of a group's tiles.
pub fn group_class(group: CountryGroup) -> &'static str {
    match group {
        CountryGroup::Russia => "g-russia",
        CountryGroup::MemberBefore1997 => "g-member-before-1997",
        CountryGroup::JoinedAfter1997 => "g-joined-after-1997",
        CountryGroup::JoinedSince2022 => "g-joined-since-2022",
        CountryGroup::Aspirant => "g-aspirant",
        CountryGroup::Other => "g-other",
    }
}

/// The map as an inline `<svg>` element, or an empty string when there are no countries.
pub fn svg(countries: &[Country]) -> String {
    if countries.is_empty() {
        return String::new();
    }
    let cols = countries
        .iter()
        .map(|c| u32::from(c.col))
        .max()
        .unwrap_or(0)
        + 1;
    let rows = countries
        .iter()
        .map(|c| u32::from(c.row))
        .max()
        .unwrap_or(0)
        + 1;
    let width = cols * (TILE + GAP);
    let height = rows * (TILE + GAP);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"map-title map-desc\">\
         <title id=\"map-title\">Schematic map: NATO members before and after 27 May 1997, Russia, Ukraine and Georgia</title>\
         <desc id=\"map-desc\">{}</desc>",
        escape(&description(countries))
    );
    for c in countries {
        let (x, y) = (
            u32::from(c.col) * (TILE + GAP),
            u32::from(c.row) * (TILE + GAP),
        );
        let _ = write!(
            out,
            "<g class=\"tile {}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{TILE}\" height=\"{TILE}\" rx=\"4\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            group_class(c.group),
            escape(&tile_title(c)),
            x + TILE / 2,
            y + TILE / 2 + 5,
            escape(&c.code)
        );
    }
    out.push_str("</svg>");
    out
}

/// "Estonia (EE): joined NATO 29 March 2004"
fn tile_title(c: &Country) -> String {
    match c.joined {
        Some(date) => format!("{} ({}): joined NATO {}", c.name, c.code, date.human()),
        None => format!("{} ({})", c.name, c.code),
    }
}

/// A sentence per group naming its countries, for the SVG's `<desc>`.
fn description(countries: &[Country]) -> String {
    LEGEND
        .iter()
        .filter_map(|(group, label)| {
            let names: Vec<&str> = countries
                .iter()
                .filter(|c| c.group == *group)
                .map(|c| c.name.as_str())
                .collect();
            (!names.is_empty()).then(|| format!("{label}: {}.", names.join(", ")))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::date::PartialDate;

    fn country(name: &str, code: &str, group: CountryGroup, col: u8) -> Country {
        Country {
            name: name.into(),
            code: code.into(),
            group,
            joined: None,
            cold_war: String::new(),
            named_in_article: false,
            col,
            row: 0,
            sources: Vec::new(),
        }
    }

    #[test]
    fn every_country_is_a_labelled_tile_and_its_group_is_in_the_legend() {
        let mut ee = country("Estonia", "EE", CountryGroup::JoinedAfter1997, 1);
        ee.joined = Some(PartialDate::parse("2004-03-29").unwrap());
        let svg = svg(&[country("Russia", "RU", CountryGroup::Russia, 2), ee]);
        assert!(
            svg.contains("<title>Estonia (EE): joined NATO 29 March 2004</title>"),
            "{svg}"
        );
        assert!(svg.contains(">RU</text>"));
        assert!(svg.contains("Joined NATO after 27 May 1997"));
        assert!(
            !svg.contains("Other country"),
            "only groups on the map are in the legend"
        );
        assert!(svg.contains("<desc id=\"map-desc\">Russia: Russia. Joined NATO after 27 May 1997 (1999–2020): Estonia.</desc>"));
    }

    #[test]
    fn no_countries_no_map() {
        assert_eq!(svg(&[]), "");
    }
}
