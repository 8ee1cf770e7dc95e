//! The files beside the pages that hosts, search engines and feed readers look for: the
//! 404 page, `robots.txt`, the corrections pages ([`corrections`]), and, when the base URL is known (they need absolute addresses),
//! the sitemap and a feed per edition. Each comes from a template of the same name, built
//! in or the site's own.

use tera::Context;

use std::collections::HashMap;

use super::context::{self, SitemapAlternate, SitemapGroup, SitemapPage};
use super::corrections;
use super::editions::Translations;
use super::{Made, Sink};
use crate::config::editions::Edition;
use crate::config::strings;
use crate::content::page::Page;
use crate::diagnostics::error::Result;
use crate::diagnostics::problem::Problem;
use crate::library::Library;
use crate::urls::SitePath;

pub const SITEMAP: &str = "sitemap.xml";
pub const FEED: &str = "feed.xml";
pub const ROBOTS: &str = "robots.txt";
pub const HEADERS: &str = "_headers";
pub const NOT_FOUND: &str = context::NOT_FOUND;
/// The interface string that titles the 404 page.
const NOT_FOUND_TITLE: &str = "not_found_title";

/// The kinds of file written beside the pages, each from the template of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SiteFile {
    Robots,
    Headers,
    Sitemap,
    /// One per edition.
    Feed,
    NotFound,
    /// One per edition, and its feed.
    Corrections,
    CorrectionsFeed,
}

impl SiteFile {
    fn template(self) -> &'static str {
        match self {
            SiteFile::Robots => ROBOTS,
            SiteFile::Headers => HEADERS,
            SiteFile::Sitemap => SITEMAP,
            SiteFile::Feed => FEED,
            SiteFile::NotFound => NOT_FOUND,
            SiteFile::Corrections => corrections::PAGE,
            SiteFile::CorrectionsFeed => corrections::FEED,
        }
    }
}

/// Site paths of every file [`write`] writes.
pub fn planned(library: &Library) -> Vec<SitePath> {
    jobs(library).into_iter().map(|(path, _, _)| path).collect()
}

fn has_not_found(library: &Library) -> bool {
    library
        .templates
        .as_ref()
        .is_some_and(|t| t.contains(NOT_FOUND))
}

/// What the build summary says it left out, if anything.
pub fn left_out(library: &Library) -> Option<String> {
    let not_found = match has_not_found(library) {
        true => ", and 404.html links work only at the top level",
        false => "",
    };
    let feeds = match library.volumes.len() {
        1 => FEED.to_owned(),
        _ => "the feeds".to_owned(),
    };
    let left = match library.settings.share_cards {
        true => format!("{SITEMAP}, {feeds} and the share cards"),
        false => format!("{SITEMAP} and {feeds}"),
    };
    library
        .settings
        .base_url
        .is_none()
        .then(|| format!("no base_url, so {left} were left out{not_found}"))
}

/// Writes the files into `sink`; the problems of their templates. `offline_styles` are the
/// styles of the offline files, which the policy of `_headers` lets in.
pub(super) fn write(
    library: &Library,
    made: &Made,
    offline_styles: &[String],
    sink: &dyn Sink,
) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for (path, file, edition) in jobs(library) {
        let context = match file {
            SiteFile::NotFound => not_found(library, &made.translations),
            SiteFile::Feed => feed(library, made, edition),
            SiteFile::Headers => headers(library, offline_styles),
            SiteFile::Corrections => corrections::page_context(library, edition),
            SiteFile::CorrectionsFeed => {
                let base = library.settings.base_url.as_deref().unwrap_or_default();
                corrections::feed_context(library, base, edition)
            }
            // robots.txt names the sitemap, when there is one.
            SiteFile::Sitemap | SiteFile::Robots => sitemap(library, made),
        };
        match made.templates[edition.id.0].render(file.template(), &context, None) {
            Ok(text) => sink.put(&path, text.as_bytes())?,
            Err(problem) => problems.push(problem),
        }
    }
    Ok(problems)
}

/// Each file to write: where, from which template, for which edition.
fn jobs(library: &Library) -> Vec<(SitePath, SiteFile, &Edition)> {
    let default = &library.default_volume().edition;
    let mut jobs = vec![
        (SitePath::new(ROBOTS), SiteFile::Robots, default),
        (SitePath::new(HEADERS), SiteFile::Headers, default),
    ];
    if library.settings.base_url.is_some() {
        jobs.push((SitePath::new(SITEMAP), SiteFile::Sitemap, default));
        for edition in library.editions() {
            let path = match edition.folder() {
                Some(folder) => format!("{folder}/{FEED}"),
                None => FEED.to_owned(),
            };
            jobs.push((SitePath::new(path), SiteFile::Feed, edition));
        }
    }
    if has_not_found(library) {
        jobs.push((SitePath::new(NOT_FOUND), SiteFile::NotFound, default));
    }
    if corrections::published(library) {
        for edition in library.editions() {
            let page = corrections::path(edition, corrections::PAGE);
            jobs.push((page, SiteFile::Corrections, edition));
            if library.settings.base_url.is_some() {
                let feed = corrections::path(edition, corrections::FEED);
                jobs.push((feed, SiteFile::CorrectionsFeed, edition));
            }
        }
    }
    jobs
}

/// The context of `_headers`: `base_path`, the site's path on its host (`/explainer/`),
/// `immutable`, the published files whose name changes with their contents, and
/// `content_security_policy`, the site's, letting in the offline files' styles too.
fn headers(library: &Library, offline_styles: &[String]) -> Context {
    let names = &library.assets.names;
    let immutable: Vec<&SitePath> = names
        .iter()
        .filter(|(name, published)| name != published)
        .map(|(_, published)| published)
        .collect();
    let mut context = Context::new();
    context.insert("base_path", library.settings.base_path().unwrap_or("/"));
    context.insert("immutable", &immutable);
    let policy = &library.settings.content_security_policy;
    let policy = super::offline::allow_styles(policy, offline_styles);
    context.insert("content_security_policy", &policy);
    context
}

fn not_found(library: &Library, translations: &Translations) -> Context {
    let home = library
        .pages_of(library.default_volume().edition.id)
        .find(|p| p.is_home());
    let homes = home.map_or_else(Vec::new, |home| translations.of(library, home));
    let root = library.settings.base_path();
    // The site's own words for it, when its interface strings have them.
    let title = strings::plain(&library.default_volume().strings, NOT_FOUND_TITLE)
        .unwrap_or("Page not found");
    context::not_found(&library.settings, title, root, &homes)
}

fn feed(library: &Library, made: &Made, edition: &Edition) -> Context {
    let base = library.settings.base_url.as_deref().unwrap_or_default();
    let pages = library.pages_of(edition.id).map(|p| (p, made.summary(p)));
    context::feed(base, edition.folder(), pages)
}

/// The sitemap's (and robots.txt's) context: every page, with its translations and, when
/// the site has more than one edition, their languages. The groups keep the default
/// edition's order.
fn sitemap(library: &Library, made: &Made) -> Context {
    let Some(base) = library.settings.base_url.as_deref() else {
        return context::sitemap(None, &[]);
    };
    let absolute = |path: &SitePath| format!("{base}{path}");
    let mut groups: Vec<SitemapGroup> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for page in &library.pages {
        let group = *group_of.entry(page.file.key()).or_insert_with(|| {
            groups.push(SitemapGroup {
                pages: Vec::new(),
                alternates: alternates(library, &made.translations, page, &absolute),
            });
            groups.len() - 1
        });
        groups[group]
            .pages
            .push(SitemapPage::of(made.summary(page), base));
    }
    context::sitemap(Some(base), &groups)
}

/// The page's editions as the sitemap names them, `x-default` first; none on a site in
/// one language.
fn alternates(
    library: &Library,
    translations: &Translations,
    page: &Page,
    absolute: &impl Fn(&SitePath) -> String,
) -> Vec<SitemapAlternate> {
    let mut alternates = Vec::new();
    if library.volumes.len() == 1 {
        return alternates;
    }
    for edition in library.editions() {
        let Some(id) = translations.page_in(page, edition) else {
            continue;
        };
        let url = absolute(&library.page(id).path);
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
