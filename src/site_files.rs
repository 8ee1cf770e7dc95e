//! The files beside the pages that hosts, search engines and feed readers look for:
//! `sitemap.xml`, `robots.txt` and an Atom feed of the explainer's updates.
//!
//! Sitemaps and feeds need absolute URLs, so they are only written when the site's
//! `base_url` is known; the build says so when they are left out.

use crate::config::SiteConfig;
use crate::content::Page;
use crate::escape::escape;

pub const SITEMAP: &str = "sitemap.xml";
pub const FEED: &str = "feed.xml";
pub const ROBOTS: &str = "robots.txt";

/// The files to write, and a note for the build summary about any left out.
pub fn generate(config: &SiteConfig, pages: &[Page]) -> (Vec<(String, String)>, Option<String>) {
    let Some(base) = config.base_url.as_deref() else {
        let robots = (ROBOTS.to_owned(), "User-agent: *\nAllow: /\n".to_owned());
        return (
            vec![robots],
            Some(format!(
                "no base_url, so {SITEMAP} and {FEED} were left out, and 404.html links work only at the top level"
            )),
        );
    };
    let files = vec![
        (
            ROBOTS.to_owned(),
            format!("User-agent: *\nAllow: /\nSitemap: {base}{SITEMAP}\n"),
        ),
        (SITEMAP.to_owned(), sitemap(base, pages)),
        (FEED.to_owned(), feed(config, base, pages)),
    ];
    (files, None)
}

fn sitemap(base: &str, pages: &[Page]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape(&format!("{base}{}", page.path))
        ));
        if let Some(date) = page.front.updated.or(page.front.date) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// One entry per page that has a date, newest update first.
fn feed(config: &SiteConfig, base: &str, pages: &[Page]) -> String {
    let mut dated: Vec<(&Page, String)> = pages
        .iter()
        .filter_map(|p| p.front.updated.or(p.front.date).map(|d| (p, d.to_string())))
        .collect();
    dated.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.path.cmp(&b.0.path)));
    let newest = dated
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |(_, d)| d.clone());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n\
         <title>{}</title>\n<subtitle>{}</subtitle>\n<link href=\"{base}\"/>\n<link rel=\"self\" href=\"{base}{FEED}\"/>\n\
         <id>{base}</id>\n<updated>{newest}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        escape(&config.language),
        escape(&config.title),
        escape(&config.description),
        escape(&config.author)
    );
    for (page, updated) in dated {
        let url = escape(&format!("{base}{}", page.path));
        let published = page
            .front
            .date
            .map(|d| format!("<published>{d}T00:00:00Z</published>"))
            .unwrap_or_default();
        xml.push_str(&format!(
            "<entry><title>{}</title><link href=\"{url}\"/><id>{url}</id>{published}<updated>{updated}T00:00:00Z</updated><summary>{}</summary></entry>\n",
            escape(page.front.question.as_deref().unwrap_or(&page.front.title)),
            escape(&page.front.description)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}
