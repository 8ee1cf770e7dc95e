//! One page as a part of its edition's offline file: the inside of its `<main>`, with every
//! id made unique in the file (prefixed with the part's own id) and every link and
//! reference to an id following it; links to pages go to their part, in this file or in
//! the file of another edition; pictures of the site come along as `data:` URLs; anything
//! else the site has goes to the site's address, or is no link at all without one.

use base64::Engine;

use super::Plan;
use crate::content::page::Page;
use crate::diagnostics::problem::Problem;
use crate::library::Library;
use crate::markdown::targets::file_target;
use crate::text::markup::{self, Attribute, Edit, Tag};
use crate::urls::SitePath;

/// Attributes whose value is a list of ids.
const ID_LISTS: &[&str] = &[
    "for",
    "headers",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-flowto",
    "aria-details",
    "aria-errormessage",
    "aria-activedescendant",
];

/// A page's part of the file, and the stylesheets its page links to (site path, media).
pub struct Section {
    pub html: String,
    pub styles: Vec<(SitePath, Option<String>)>,
}

/// The part of `page` (rendered as `html`) in its edition's offline file.
pub fn of(plan: &Plan, library: &Library, page: &Page, html: &str) -> Result<Section, Problem> {
    let Some(main) = markup::inner(html, "main") else {
        let template = crate::layout::TEMPLATES;
        return Err(Problem::file(
            format!("{template}/{}", page.template),
            "the page has no <main> element: the offline edition is made of what is inside it",
        )
        .with_hint("wrap the page's own content in <main>…</main>, leaving out the site's header and footer"));
    };
    let part = &plan.section_ids[page.id.0];
    let links = Links {
        plan,
        library,
        page,
        part,
    };
    Ok(Section {
        html: markup::rewrite(main, |tag, attribute| links.edit(tag, attribute)),
        styles: stylesheets(html, &page.path),
    })
}

/// The stylesheets `html` links to, in order, with their media if not all.
fn stylesheets(html: &str, from: &SitePath) -> Vec<(SitePath, Option<String>)> {
    markup::tags(html)
        .take_while(|t| !t.is("body"))
        .filter(|t| t.is("link") && !t.closing)
        .filter(|t| {
            t.get("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("stylesheet"))
            })
        })
        .filter_map(|t| {
            let path = file_target(&t.get("href")?, from)?;
            let media = t
                .get("media")
                .filter(|m| !m.trim().eq_ignore_ascii_case("all"));
            Some((path, media.map(|m| m.into_owned())))
        })
        .collect()
}

struct Links<'a> {
    plan: &'a Plan<'a>,
    library: &'a Library,
    page: &'a Page,
    /// The part's id, which prefixes the ids inside it.
    part: &'a str,
}

impl Links<'_> {
    fn edit(&self, tag: &Tag, attribute: &Attribute) -> Edit {
        let name = attribute.name.to_ascii_lowercase();
        let value = attribute.value();
        match name.as_str() {
            "id" => Edit::Set(self.id(&value)),
            _ if ID_LISTS.contains(&name.as_str()) => {
                let ids: Vec<String> = value
                    .split_ascii_whitespace()
                    .map(|id| self.id(id))
                    .collect();
                Edit::Set(ids.join(" "))
            }
            "href" | "xlink:href" => self.link(&value),
            "src" if tag.is("img") => self.picture(&value),
            _ if value.contains("url(#") => {
                Edit::Set(value.replace("url(#", &format!("url(#{}--", self.part)))
            }
            _ => Edit::Keep,
        }
    }

    fn id(&self, id: &str) -> String {
        format!("{}--{id}", self.part)
    }

    fn link(&self, href: &str) -> Edit {
        if let Some(fragment) = href.strip_prefix('#') {
            return match fragment.is_empty() {
                true => Edit::Set(format!("#{}", self.part)),
                false => Edit::Set(format!("#{}", self.id(fragment))),
            };
        }
        let Some(target) = file_target(href, &self.page.path) else {
            // Another site, an e-mail address: as it is.
            return Edit::Keep;
        };
        let fragment = href
            .split_once('#')
            .map(|(_, f)| f)
            .filter(|f| !f.is_empty());
        if let Some(&id) = self.plan.by_path.get(&target) {
            let to = self.library.page(id);
            let part = &self.plan.section_ids[id.0];
            let anchor = match fragment {
                Some(fragment) => format!("{part}--{fragment}"),
                None => part.clone(),
            };
            return match to.edition == self.page.edition {
                true => Edit::Set(format!("#{anchor}")),
                false => {
                    let file =
                        super::path_of(self.library.volume(to.edition).edition.code.as_str());
                    Edit::Set(format!("{}#{anchor}", file_name(&file)))
                }
            };
        }
        self.online(&target, fragment)
    }

    fn picture(&self, src: &str) -> Edit {
        let Some(target) = file_target(src, &self.page.path) else {
            return Edit::Keep;
        };
        let bytes = self
            .library
            .assets
            .files
            .get(&target)
            .and_then(|p| p.read().ok());
        match bytes {
            Some(bytes) => {
                let mime = mime_guess::from_path(target.as_str()).first_or_octet_stream();
                let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
                Edit::Set(format!("data:{mime};base64,{data}"))
            }
            None => self.online(&target, None),
        }
    }

    /// A file of the site that the offline file can't hold: on the site, if its address is
    /// known, or nowhere.
    fn online(&self, target: &SitePath, fragment: Option<&str>) -> Edit {
        match &self.library.settings.base_url {
            Some(base) => Edit::Set(match fragment {
                Some(fragment) => format!("{base}{target}#{fragment}"),
                None => format!("{base}{target}"),
            }),
            None => Edit::Remove,
        }
    }
}

/// The offline file's name, which is how the files of other editions beside it link to it.
pub fn file_name(path: &SitePath) -> &str {
    path.as_str().rsplit('/').next().unwrap_or(path.as_str())
}
