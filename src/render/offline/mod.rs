//! The offline edition (`portable: true` in `site.yaml`): each edition also as one HTML
//! file that needs nothing else, `offline/explainer.<code>.html`, to pass on by messenger,
//! e-mail or USB stick where the site is blocked. Every page is a part of it in navigation
//! order ([`section`]), under the template `offline.html`, which gets them as
//! `offline.parts` with the pages' own stylesheets as `offline.style`, to be written inside
//! the file's one `<style>` element, and `offline.csp`, the policy that lets only that style
//! in: the file makes no request of any kind when opened.

mod section;

use std::collections::HashMap;

use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::Context;

use super::{Made, Sink};
use crate::config::editions::Edition;
use crate::content::page::{Page, PageId};
use crate::diagnostics::error::Result;
use crate::diagnostics::problem::{Origin, Problem};
use crate::library::Library;
use crate::text::date::Date;
use crate::text::markup;
use crate::urls::SitePath;
pub use section::Section;

/// The template of the offline file, which a portable site must have.
pub const TEMPLATE: &str = crate::content::OFFLINE_TEMPLATE;
/// Where the offline files are, in the output.
pub const FOLDER: &str = "offline";

/// The site path of the offline file of the edition `code`.
pub fn path_of(code: &str) -> SitePath {
    SitePath::new(format!("{FOLDER}/explainer.{code}.html"))
}

/// Site paths of every offline file, if the site is portable.
pub fn planned(library: &Library) -> Vec<SitePath> {
    match library.settings.portable {
        true => library.editions().map(|e| path_of(&e.code)).collect(),
        false => Vec::new(),
    }
}

/// What making the parts of the offline files needs of every page, made once.
pub struct Plan<'a> {
    /// Each page's part's id, by [`PageId`]: `part-demands`.
    section_ids: Vec<String>,
    by_path: HashMap<&'a SitePath, PageId>,
}

impl<'a> Plan<'a> {
    /// The plan of a portable site's offline files, whose parts the PDFs are made of
    /// too; `None` for a site that has neither.
    pub fn new(library: &'a Library) -> Option<Plan<'a>> {
        let settings = &library.settings;
        (settings.portable || settings.print).then(|| Plan {
            section_ids: library.pages.iter().map(part_id).collect(),
            by_path: library.pages.iter().map(|p| (&p.path, p.id)).collect(),
        })
    }

    /// The id of the part of `page`: `part-demands`.
    pub fn part_id(&self, page: &Page) -> &str {
        &self.section_ids[page.id.0]
    }

    /// The part of `page`, rendered as `html`, in its edition's file.
    pub fn section(&self, library: &Library, page: &Page, html: &str) -> Result<Section, Problem> {
        section::of(self, library, page, html)
    }
}

/// `part-` and the page's path below its edition's folder, as an id: the same in every
/// edition, so a link to a page in another edition's file finds it.
fn part_id(page: &Page) -> String {
    let key = page.file.key();
    let stem = key.strip_suffix(".md").unwrap_or(key);
    format!("part-{}", stem.replace('/', "-"))
}

/// A part as the template sees it.
#[derive(Serialize)]
struct Part<'a> {
    id: &'a str,
    title: &'a str,
    question: Option<&'a str>,
    html: &'a str,
}

/// An edition's offline file, for the template's list of them.
#[derive(Serialize)]
struct EditionFile<'a> {
    name: &'a str,
    language: String,
    href: String,
    current: bool,
}

/// What the template gets as `offline`.
#[derive(Serialize)]
struct OfflineVars<'a> {
    parts: Vec<Part<'a>>,
    style: String,
    csp: String,
    /// When its newest page was last updated: the date of the edition, the same in every
    /// build of the same pages.
    updated: Option<Date>,
    files: Vec<EditionFile<'a>>,
}

/// Each edition's style, in the editions' order: the stylesheets its pages link to, as
/// one, from the parts of its pages (by [`PageId`]).
pub(super) fn styles(library: &Library, sections: &[Option<Section>]) -> Vec<String> {
    library
        .editions()
        .map(|edition| {
            let mut pages = library.pages_of(edition.id);
            let first = pages.find_map(|p| sections[p.id.0].as_ref());
            style(library, first.map_or(&[][..], |s| &s.styles))
        })
        .collect()
}

/// `policy` letting in the offline files' `styles` too: a host that sends the site's policy
/// with every file (`_headers`) sends it with them, and a browser applies both.
pub(super) fn allow_styles(policy: &str, styles: &[String]) -> String {
    let mut hashes: Vec<String> = styles
        .iter()
        .map(|s| format!("'sha256-{}'", hash(s)))
        .collect();
    hashes.dedup();
    // Each directive as its name and its sources.
    let directives: Vec<(&str, &str)> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| d.split_once(' ').map_or((d, ""), |(n, s)| (n, s.trim())))
        .collect();
    let sources = |name: &str| directives.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
    // Without `style-src`, styles follow `default-src`; without either, nothing stops them.
    let fallback = sources("style-src").or_else(|| sources("default-src"));
    let Some(fallback) = fallback.filter(|_| !hashes.is_empty()) else {
        return policy.to_owned();
    };
    let hashes = hashes.join(" ");
    let style_src = match fallback {
        "'none'" => format!("style-src {hashes}"),
        sources => format!("style-src {sources} {hashes}"),
    };
    let others = directives.iter().filter(|(name, _)| *name != "style-src");
    let mut out: Vec<String> = others
        .map(|(name, sources)| match sources.is_empty() {
            true => name.to_string(),
            false => format!("{name} {sources}"),
        })
        .collect();
    out.push(style_src);
    out.join("; ")
}

/// Writes each edition's file from its pages' parts (by [`PageId`]) and its style
/// ([`styles`]); the problems of the template.
pub(super) fn write(
    (library, made, plan): (&Library, &Made, &Plan),
    (sections, styles): (&[Option<Section>], Vec<String>),
    sink: &dyn Sink,
) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for (edition, style) in library.editions().zip(styles) {
        let pages: Vec<&Page> = library.pages_of(edition.id).collect();
        let parts: Vec<Part> = pages
            .iter()
            .filter_map(|p| {
                let section = sections[p.id.0].as_ref()?;
                let summary = made.summary(p);
                Some(Part {
                    id: &plan.section_ids[p.id.0],
                    title: summary.title,
                    question: summary.question,
                    html: &section.html,
                })
            })
            .collect();
        let vars = OfflineVars {
            csp: policy(&style),
            style,
            parts,
            updated: pages.iter().filter_map(|p| p.updated).max(),
            files: library
                .editions()
                .map(|e| edition_file(e, edition))
                .collect(),
        };
        let mut context = Context::new();
        context.insert("offline", &vars);
        context.insert("root", "");
        let path = path_of(&edition.code);
        match made.templates[edition.id.0].render(TEMPLATE, &context, None) {
            Ok(html) => match style_problem(&html, &vars.csp) {
                None => sink.put(&path, html.as_bytes())?,
                Some(problem) => problems.push(problem),
            },
            Err(problem) => problems.push(problem),
        }
    }
    Ok(problems)
}

fn edition_file<'a>(edition: &'a Edition, current: &Edition) -> EditionFile<'a> {
    let path = path_of(&edition.code);
    EditionFile {
        name: &edition.name,
        language: edition.language.to_string(),
        href: section::file_name(&path).to_owned(),
        current: edition.id == current.id,
    }
}

/// The pages' stylesheets as one, each within its media.
fn style(library: &Library, styles: &[(SitePath, Option<String>)]) -> String {
    let mut style = String::new();
    for (path, media) in styles {
        let Some(css) = library.assets.files.get(path).and_then(|p| p.read().ok()) else {
            continue;
        };
        let css = String::from_utf8_lossy(&css);
        let css = css.trim();
        match media {
            Some(media) => style.push_str(&format!("@media {media}{{\n{css}\n}}\n")),
            None => style.push_str(&format!("{css}\n")),
        }
    }
    style
}

/// The file's policy: nothing but its own style (by its hash), and pictures inside it.
fn policy(style: &str) -> String {
    let hash = hash(style);
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src data:; base-uri 'none'; form-action 'none'"
    )
}

/// The SHA-256 of a style, as a policy names it.
fn hash(style: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()))
}

/// A problem if the rendered file has a `<style>` whose text the policy doesn't allow, or
/// no policy at all: a browser would show it unstyled, or let it load what it names.
fn style_problem(html: &str, csp: &str) -> Option<Problem> {
    let origin = Origin::from(std::path::Path::new(crate::layout::TEMPLATES).join(TEMPLATE));
    let hint = "write `<meta http-equiv=\"Content-Security-Policy\" content=\"{{ offline.csp }}\">` in the head and `<style>{{ offline.style | safe }}</style>`, and no other style";
    let mut tags = markup::tags(html).peekable();
    let mut has_policy = false;
    while let Some(tag) = tags.next() {
        if tag.is("meta")
            && tag
                .get("http-equiv")
                .is_some_and(|h| h.eq_ignore_ascii_case("content-security-policy"))
        {
            has_policy = tag.get("content").as_deref() == Some(csp);
        }
        if tag.is("style") && !tag.closing {
            let end = tags.peek().map_or(html.len(), |t| t.span.start);
            let text = &html[tag.span.end..end];
            if policy(text) != csp {
                return Some(
                    Problem::file(
                        origin,
                        "the offline file has a <style> its policy doesn't allow",
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    (!has_policy).then(|| {
        Problem::file(
            origin,
            "the offline file has no Content-Security-Policy of its own",
        )
        .with_hint(hint)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sites_policy_lets_in_the_offline_style_beside_its_own_sources() {
        let styles = ["a{}".to_owned(), "a{}".to_owned()];
        let h = format!("'sha256-{}'", hash("a{}"));
        assert_eq!(
            allow_styles(
                "default-src 'none'; style-src 'self'; img-src 'self'",
                &styles
            ),
            format!("default-src 'none'; img-src 'self'; style-src 'self' {h}")
        );
        assert_eq!(
            allow_styles("default-src 'self' https://cdn.example", &styles),
            format!(
                "default-src 'self' https://cdn.example; style-src 'self' https://cdn.example {h}"
            )
        );
        assert_eq!(
            allow_styles("default-src 'none'", &styles),
            format!("default-src 'none'; style-src {h}")
        );
        assert_eq!(allow_styles("img-src 'self'", &styles), "img-src 'self'");
        assert_eq!(
            allow_styles("default-src 'none'", &[]),
            "default-src 'none'"
        );
    }
}
