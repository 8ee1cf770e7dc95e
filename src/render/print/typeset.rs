//! The PDFs laid out: each edition's parts as Typst ([`super::code`]), its values as
//! `/site.json`, and the document around them that calls the template, compiled on all
//! cores ([`super::world`]).

use rayon::prelude::*;
use serde::Serialize;
use typst::foundations::Datetime;

use super::world::World;
use super::{FOLDER, Kind, TEMPLATE, code};
use crate::config::editions::Edition;
use crate::content::page::Page;
use crate::diagnostics::error::Result;
use crate::diagnostics::problem::{Origin, Problem};
use crate::library::Library;
use crate::render::Sink;
use crate::render::context::DataContext;
use crate::render::offline::{Plan, Section};
use crate::text::date::PartialDate;
use crate::text::locale;
use crate::urls::SitePath;

/// A part as the template sees it in `parts`, beside its `body`.
#[derive(Serialize)]
struct PartVars<'a> {
    id: &'a str,
    title: &'a str,
    question: Option<&'a str>,
    description: &'a str,
    key_points: &'a [String],
    /// As the edition writes dates: `2 December 2026`.
    updated: Option<String>,
}

/// What the template gets as `site`.
#[derive(Serialize)]
struct SiteVars<'a> {
    title: &'a str,
    description: &'a str,
    author: &'a str,
    /// BCP 47: `en-GB`.
    language: String,
    /// The edition's code and name: `en`, `English`.
    code: &'a str,
    edition: &'a str,
    /// The site's address and its mirrors, when known.
    address: Option<String>,
    mirrors: Vec<String>,
    /// A QR code of the address, as an SVG file's path: `/qr.svg`.
    qr: Option<&'static str>,
    /// The offline file's address, on a portable site with an address.
    offline: Option<String>,
    /// Dates as the edition writes them: `June 2026`.
    facts_current_to: Option<String>,
    updated: Option<String>,
    strings: &'a crate::config::strings::Strings,
    data: DataContext<'a>,
    parts: Vec<PartVars<'a>>,
}

/// Writes each edition's book and handout from its pages' parts (by [`PageId`]); the
/// problems of the template.
///
/// [`PageId`]: crate::content::page::PageId
pub(in crate::render) fn write(
    (library, plan): (&Library, &Plan),
    sections: &[Option<Section>],
    sink: &dyn Sink,
) -> Result<Vec<Problem>> {
    let Some(templates) = library.templates.as_ref() else {
        return Ok(Vec::new());
    };
    let Some(text) = templates.other(TEMPLATE) else {
        return Ok(Vec::new());
    };
    let theme = (text, templates.shown(TEMPLATE));
    let documents: Vec<(&Edition, Documents)> = library
        .editions()
        .map(|edition| (edition, documents(library, plan, sections, edition)))
        .collect();
    let jobs: Vec<(&Edition, &Documents, Kind)> = documents
        .iter()
        .flat_map(|(e, d)| [Kind::Book, Kind::Handout].map(|k| (*e, d, k)))
        .collect();
    let made: Vec<(SitePath, Option<Vec<u8>>, Vec<Problem>)> = jobs
        .par_iter()
        .map(|(edition, documents, kind)| {
            let world = documents.world(&theme, *kind);
            let ident = format!("{FOLDER}/{}.{}", kind.name(), edition.code);
            let (pdf, problems) = world.pdf(&ident);
            (kind.path(&edition.code), pdf, problems)
        })
        .collect();
    let mut problems = Vec::new();
    for (path, pdf, found) in made {
        // A template's mistake is the same in every edition: said once.
        for problem in found {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
        if let Some(pdf) = pdf {
            sink.put(&path, &pdf)?;
        }
    }
    Ok(problems)
}

/// What an edition's two documents are made of.
struct Documents {
    /// `/site.json`
    site: String,
    /// The document's date, and its language as Typst's `lang` and `region`.
    date: Datetime,
    lang: String,
    region: Option<String>,
    converted: code::Converted,
    qr: Option<String>,
}

fn documents(
    library: &Library,
    plan: &Plan,
    sections: &[Option<Section>],
    edition: &Edition,
) -> Documents {
    let pages: Vec<&Page> = library
        .pages_of(edition.id)
        .filter(|p| sections[p.id.0].is_some())
        .collect();
    let html: Vec<&str> = pages
        .iter()
        .filter_map(|p| sections[p.id.0].as_ref().map(|s| s.html.as_str()))
        .collect();
    let settings = &library.settings;
    let tag = edition.language.to_string();
    let language = locale::language(&tag);
    let newest = pages.iter().filter_map(|p| p.updated).max();
    let address = settings.base_url.as_ref().map(|b| b.to_string());
    let qr = address.as_deref().and_then(qr);
    let volume = library.volume(edition.id);
    let site = SiteVars {
        title: &edition.title,
        description: &edition.description,
        author: &edition.author,
        language: tag.clone(),
        code: &edition.code,
        edition: &edition.name,
        address: address.clone(),
        mirrors: settings.mirrors.iter().map(|m| m.to_string()).collect(),
        qr: qr.as_ref().map(|_| QR),
        offline: settings
            .base_url
            .as_ref()
            .filter(|_| settings.portable)
            .map(|b| {
                let path = crate::render::offline::path_of(&edition.code);
                format!("{b}{path}")
            }),
        facts_current_to: settings.facts_current_to.as_ref().map(|d| language.date(d)),
        updated: newest.map(|d| language.date(&PartialDate::from(d))),
        strings: &volume.strings,
        data: DataContext::of(&volume.data),
        parts: pages
            .iter()
            .map(|p| PartVars {
                id: plan.part_id(p),
                title: &p.front.title,
                question: p.front.question.as_deref(),
                description: &p.front.description,
                key_points: &p.front.key_points,
                updated: p.updated.map(|d| language.date(&PartialDate::from(d))),
            })
            .collect(),
    };
    let (lang, region) = code::language(&tag).unwrap_or_else(|| ("en".to_owned(), None));
    let date = newest
        .and_then(|d| Datetime::from_ymd(d.year().into(), d.month(), d.day()))
        .or_else(|| Datetime::from_ymd(1970, 1, 1))
        .expect("1970-01-01 is a date");
    Documents {
        site: serde_json::to_string(&site).expect("the site's values are JSON"),
        date,
        lang,
        region,
        converted: code::parts(&html),
        qr,
    }
}

/// Where a document finds the QR code of the site's address.
const QR: &str = "/qr.svg";

/// A QR code of `address`, as SVG; none for an address too long for any QR code (the
/// documents still write it).
fn qr(address: &str) -> Option<String> {
    let code = qrcode::QrCode::new(address.as_bytes()).ok()?;
    let mut svg = code.render::<qrcode::render::svg::Color>();
    Some(svg.quiet_zone(false).build())
}

impl Documents {
    /// The files of the `kind` document, around the template `theme` (its text, and
    /// where it is).
    fn world(&self, (text, shown): &(&str, Origin), kind: Kind) -> World {
        let mut world = World::new(self.main(kind), self.date);
        world.add_source(&format!("/templates/{TEMPLATE}"), text, shown.clone());
        world.add_file("/site.json", self.site.as_bytes().to_vec());
        if let Some(qr) = &self.qr {
            world.add_file(QR, qr.as_bytes().to_vec());
        }
        if kind == Kind::Book {
            for picture in &self.converted.pictures {
                world.add_file(&picture.path, picture.bytes.clone());
            }
        }
        world
    }

    /// The document the engine writes around the template: the site's values, each
    /// part's body (the book's only), and the call of the template's function.
    fn main(&self, kind: Kind) -> String {
        let mut main = String::new();
        main.push_str(&format!(
            "#import \"/templates/{TEMPLATE}\" as theme\n#let site = json(\"/site.json\")\n"
        ));
        main.push_str(&format!(
            "#set document(title: site.title, author: site.author, date: datetime(year: {}, month: {}, day: {}))\n",
            self.date.year().unwrap_or(1970),
            self.date.month().unwrap_or(1),
            self.date.day().unwrap_or(1),
        ));
        let region = self
            .region
            .as_ref()
            .map_or(String::new(), |r| format!(", region: \"{r}\""));
        main.push_str(&format!("#set text(lang: \"{}\"{region})\n", self.lang));
        main.push_str(HOOKS);
        match kind {
            Kind::Book => {
                main.push_str("#let bodies = (\n");
                for body in &self.converted.bodies {
                    main.push_str(body);
                    main.push_str(",\n");
                }
                main.push_str(")\n#let parts = site.parts.zip(bodies).map(((part, body)) => part + (body: body))\n");
            }
            Kind::Handout => {
                main.push_str("#let parts = site.parts.map(part => part + (body: none))\n");
            }
        }
        main.push_str(&format!("#theme.{}(site, parts)\n", kind.function()));
        main
    }
}

/// The template's `element(site, attrs, body)` and `svg(site, attrs, raw)` if it has
/// them, else what a reader would expect:
/// an element as its content (a decoration as nothing), an SVG as a picture.
const HOOKS: &str = "#let element = if \"element\" in dictionary(theme) { theme.element.with(site) } else { (attrs, body) => if attrs.hidden { none } else { body } }
#let svg = if \"svg\" in dictionary(theme) { theme.svg.with(site) } else { (attrs, raw) => image(bytes(raw), format: \"svg\", alt: attrs.title) }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_has_a_qr_code_unless_no_code_can_hold_it() {
        let svg = qr("https://example.org/explainer/").expect("a QR code");
        assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
        assert!(qr(&format!("https://example.org/{}", "a".repeat(8000))).is_none());
    }
}
