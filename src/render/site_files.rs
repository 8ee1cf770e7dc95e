//! The files beside the pages that hosts, search engines and feed readers look for: the
//! 404 page, `robots.txt`, and, when the base URL is known (they need absolute addresses),
//! the sitemap and a feed per edition. Each comes from a template of the same name, built
//! in or the site's own.

use tera::Context;

use std::collections::HashMap;

use super::Sink;
use super::context::{self, SitemapAlternate, SitemapGroup, SitemapPage};
use super::editions::Translations;
use crate::config::editions::Edition;
use crate::content::page::Page;
use crate::diagnostics::error::Result;
use crate::diagnostics::problem::Problem;
use crate::library::Prepared;
use crate::templates::Templates;
use crate::urls::SitePath;

pub const SITEMAP: &str = "sitemap.xml";
pub const FEED: &str = "feed.xml";
pub const ROBOTS: &str = "robots.txt";
pub const HEADERS: &str = "_headers";
pub const NOT_FOUND: &str = context::NOT_FOUND;

/// Site paths of every file [`write`] writes.
pub fn planned(prepared: &Prepared) -> Vec<SitePath> {
    jobs(prepared)
        .into_iter()
        .map(|(path, _, _)| path)
        .collect()
}

/// What the build summary says it left out, if anything.
pub fn left_out(prepared: &Prepared) -> Option<String> {
    let not_found = match prepared.templates.contains(NOT_FOUND) {
        true => ", and 404.html links work only at the top level",
        false => "",
    };
    let feeds = match prepared.editions.len() {
        1 => FEED.to_owned(),
        _ => "the feeds".to_owned(),
    };
    let left = match prepared.settings.share_cards {
        true => format!("{SITEMAP}, {feeds} and the share cards"),
        false => format!("{SITEMAP} and {feeds}"),
    };
    prepared
        .settings
        .base_url
        .is_none()
        .then(|| format!("no base_url, so {left} were left out{not_found}"))
}

/// Writes the files into `sink`; the problems of their templates.
pub fn write(
    prepared: &Prepared,
    templates: &[Templates],
    translations: &Translations,
    sink: &dyn Sink,
) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for (path, template, edition) in jobs(prepared) {
        let context = match template {
            NOT_FOUND => not_found(prepared, translations),
            FEED => feed(prepared, edition),
            HEADERS => headers(prepared),
            _ => sitemap(prepared, translations),
        };
        match templates[edition.id.0].render(template, &context, None) {
            Ok(text) => sink.put(&path, text.as_bytes())?,
            Err(problem) => problems.push(problem),
        }
    }
    Ok(problems)
}

/// Each file to write: where, from which template, for which edition.
fn jobs(prepared: &Prepared) -> Vec<(SitePath, &'static str, &Edition)> {
    let default = &prepared.editions[0];
    let mut jobs = vec![
        (SitePath::new(ROBOTS), ROBOTS, default),
        (SitePath::new(HEADERS), HEADERS, default),
    ];
    if prepared.settings.base_url.is_some() {
        jobs.push((SitePath::new(SITEMAP), SITEMAP, default));
        for edition in &prepared.editions {
            let path = match edition.folder() {
                Some(folder) => format!("{folder}/{FEED}"),
                None => FEED.to_owned(),
            };
            jobs.push((SitePath::new(path), FEED, edition));
        }
    }
    if prepared.templates.contains(NOT_FOUND) {
        jobs.push((SitePath::new(NOT_FOUND), NOT_FOUND, default));
    }
    jobs
}

/// The context of `_headers`: `base_path`, the site's path on its host (`/explainer/`),
/// and `immutable`, the published files whose name changes with their contents.
fn headers(prepared: &Prepared) -> Context {
    let names = &prepared.assets.names;
    let immutable: Vec<&SitePath> = names
        .iter()
        .filter(|(name, published)| name != published)
        .map(|(_, published)| published)
        .collect();
    let mut context = Context::new();
    context.insert("base_path", prepared.settings.base_path().unwrap_or("/"));
    context.insert("immutable", &immutable);
    context
}

fn not_found(prepared: &Prepared, translations: &Translations) -> Context {
    let home = prepared
        .pages_of(prepared.editions[0].id)
        .find(|p| p.is_home());
    let homes = home.map_or_else(Vec::new, |home| translations.of(prepared, home));
    let root = prepared.settings.base_path();
    context::not_found(&prepared.settings, root, &homes)
}

fn feed(prepared: &Prepared, edition: &Edition) -> Context {
    let base = prepared.settings.base_url.as_deref().unwrap_or_default();
    context::feed(base, edition.folder(), prepared.pages_of(edition.id))
}

/// The sitemap's (and robots.txt's) context: every page, with its translations and, when
/// the site has more than one edition, their languages. The groups keep the default
/// edition's order.
fn sitemap(prepared: &Prepared, translations: &Translations) -> Context {
    let Some(base) = prepared.settings.base_url.as_deref() else {
        return context::sitemap(None, &[]);
    };
    let absolute = |path: &SitePath| format!("{base}{path}");
    let mut groups: Vec<SitemapGroup> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for page in &prepared.pages {
        let group = *group_of.entry(&page.key).or_insert_with(|| {
            groups.push(SitemapGroup {
                pages: Vec::new(),
                alternates: alternates(prepared, translations, page, &absolute),
            });
            groups.len() - 1
        });
        groups[group].pages.push(SitemapPage {
            url: absolute(&page.path),
            updated: page.front.updated.or(page.front.date),
        });
    }
    context::sitemap(Some(base), &groups)
}

/// The page's editions as the sitemap names them, `x-default` first; none on a site in
/// one language.
fn alternates(
    prepared: &Prepared,
    translations: &Translations,
    page: &Page,
    absolute: &impl Fn(&SitePath) -> String,
) -> Vec<SitemapAlternate> {
    let mut alternates = Vec::new();
    if prepared.editions.len() == 1 {
        return alternates;
    }
    for edition in &prepared.editions {
        let Some(id) = translations.page_in(page, edition) else {
            continue;
        };
        let url = absolute(&prepared.page(id).path);
        if edition.is_default() {
            let language = "x-default".to_owned();
            alternates.push(SitemapAlternate {
                language,
                url: url.clone(),
            });
        }
        let language = edition.language.to_string();
        alternates.push(SitemapAlternate { language, url });
    }
    alternates
}
