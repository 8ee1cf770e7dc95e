//! What templates see of the editions: each edition's own `site`, `source_by_id`, `pages`,
//! `data`, `cited_first_on`, `strings`, `language`, `home`, `offline_file`,
//! `print_files`, `corrections` and `corrections_page`, made once, among the globals of the edition's own copy of the
//! templates; and for each page, its
//! translations (`page.translations`), for the language switcher and the `hreflang` links.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tera::{Context, Value};

use super::context::{DataContext, Summary, cited_first_on};
use super::corrections;
use crate::config::editions::Edition;
use crate::config::settings::Settings;
use crate::content::data::Source;
use crate::content::page::{Page, PageId};
use crate::library::{Library, Volume};
use crate::templates::Templates;
use crate::urls::SitePath;

/// One edition's values, made once.
struct EditionVars {
    site: Value,
    /// The edition's sources by id, in its own words.
    source_by_id: Value,
    pages: Value,
    data: Value,
    cited_first_on: Value,
    strings: Value,
    language: Value,
    home: Value,
    /// The site path of the edition's offline file, on a portable site.
    offline_file: Value,
    /// The site paths of the edition's PDFs (`book`, `handout`), on a site that prints.
    print_files: Value,
    /// The edition's corrections and clarifications, newest first, and the site path of
    /// the page that lists them, if the site has one.
    corrections: Value,
    corrections_page: Value,
}

/// Each edition's templates, in the editions' order: a copy of the site's, with the
/// edition's values among the globals, so that no page pays for them; and with what is
/// the same for every edition, `assets`.
pub fn templates(library: &Library, summaries: &[Summary], base: &Templates) -> Vec<Templates> {
    let assets = value(&library.assets.names);
    library
        .volumes
        .iter()
        .map(|volume| {
            let mut templates = base.clone();
            let globals = templates.globals();
            globals.insert_value("assets", assets.clone());
            EditionVars::of(library, summaries, volume).insert_into(globals);
            templates
        })
        .collect()
}

impl EditionVars {
    /// `summaries` are every page's, by [`PageId`].
    fn of(library: &Library, summaries: &[Summary], volume: &Volume) -> EditionVars {
        let (edition, data) = (&volume.edition, &volume.data);
        let pages: Vec<&Page> = library.pages_of(edition.id).collect();
        let summaries: Vec<&Summary> = pages.iter().map(|p| &summaries[p.id.0]).collect();
        let source_by_id: BTreeMap<&str, &Source> =
            data.sources.iter().map(|s| (s.id.as_str(), s)).collect();
        EditionVars {
            site: value(&site(&library.settings, edition)),
            source_by_id: value(&source_by_id),
            pages: value(&summaries),
            data: value(&DataContext::of(data)),
            cited_first_on: value(&cited_first_on(
                pages.iter().map(|p| (*p, library.citations(p.id))),
            )),
            strings: value(&volume.strings),
            language: value(&edition.language),
            home: value(&pages.iter().find(|p| p.is_home()).map(|p| &p.path)),
            offline_file: value(
                &library
                    .settings
                    .portable
                    .then(|| super::offline::path_of(&edition.code)),
            ),
            print_files: value(&super::print::Files::of(library, &edition.code)),
            corrections: value(&corrections::of(
                pages
                    .iter()
                    .zip(&summaries)
                    .map(|(p, s)| (&p.front.changes[..], *s)),
            )),
            corrections_page: value(
                &corrections::published(library)
                    .then(|| corrections::path(edition, corrections::PAGE)),
            ),
        }
    }

    fn insert_into(self, context: &mut Context) {
        context.insert_value("site", self.site);
        context.insert_value("source_by_id", self.source_by_id);
        context.insert_value("pages", self.pages);
        context.insert_value("data", self.data);
        context.insert_value("cited_first_on", self.cited_first_on);
        context.insert_value("strings", self.strings);
        context.insert_value("language", self.language);
        context.insert_value("home", self.home);
        context.insert_value("offline_file", self.offline_file);
        context.insert_value("print_files", self.print_files);
        context.insert_value("corrections", self.corrections);
        context.insert_value("corrections_page", self.corrections_page);
    }
}

fn value<T: Serialize + ?Sized>(value: &T) -> Value {
    Value::from_serializable(value)
}

/// The settings as an edition's pages see them: its own title, description, byline and
/// language.
fn site(settings: &Settings, edition: &Edition) -> Settings {
    Settings {
        title: edition.title.clone(),
        description: edition.description.clone(),
        author: edition.author.clone(),
        language: edition.language.clone(),
        ..settings.clone()
    }
}

/// Each page's translations: the pages of every edition, by key.
pub struct Translations {
    by_key: HashMap<String, Vec<Option<PageId>>>,
    editions: usize,
}

/// One edition of the page being rendered, as templates see it in `page.translations`.
#[derive(Debug, Serialize)]
pub struct Alternate<'a> {
    pub code: &'a str,
    pub language: &'a str,
    /// The language's name in itself.
    pub name: &'a str,
    /// The page in that edition, as a site path (templates link to `root ~ path`); none if
    /// it is not yet translated.
    pub path: Option<&'a SitePath>,
    /// The same, absolute when the site's base URL is known, else relative to the page
    /// being rendered: for `hreflang` links.
    pub href: Option<String>,
    /// This is the edition being rendered.
    pub current: bool,
}

impl Translations {
    pub fn new(library: &Library) -> Translations {
        let editions = library.volumes.len();
        let mut by_key: HashMap<String, Vec<Option<PageId>>> = HashMap::new();
        for page in &library.pages {
            let slots = by_key
                .entry(page.file.key().to_owned())
                .or_insert_with(|| vec![None; editions]);
            slots[page.edition.0] = Some(page.id);
        }
        Translations { by_key, editions }
    }

    /// The page that is `page` in `edition`, if it is translated.
    pub fn page_in(&self, page: &Page, edition: &Edition) -> Option<PageId> {
        self.by_key.get(page.file.key())?[edition.id.0]
    }

    /// The page `page` is in every edition, the first being the default's.
    pub fn of<'p>(&self, library: &'p Library, page: &Page) -> Vec<Alternate<'p>> {
        let none = vec![None; self.editions];
        let slots = self.by_key.get(page.file.key()).unwrap_or(&none);
        library
            .editions()
            .zip(slots)
            .map(|(edition, slot)| {
                let target = slot.map(|id| &library.page(id).path);
                Alternate {
                    code: &edition.code,
                    language: &edition.language,
                    name: &edition.name,
                    path: target,
                    href: target.map(|t| match &library.settings.base_url {
                        Some(base) => format!("{base}{t}"),
                        None => page.path.url_to(t),
                    }),
                    current: edition.id == page.edition,
                }
            })
            .collect()
    }
}
