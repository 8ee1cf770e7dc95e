//! Serve's quick path: after one content file is saved, its page re-rendered alone, when
//! nothing else can depend on the change. It works on the values of the last full build,
//! the [`Library`] and the pages' outlines, replacing the one page in each.

use std::path::Path;

use crate::content::outline::Outline;
use crate::content::pages::load_file;
use crate::diagnostics::error::{Error, Result};
use crate::library::Library;
use crate::markdown::{self, targets::broken_anchors};
use crate::render;
use crate::urls::SitePath;

/// What the last full build left to re-render a page against.
pub struct Kept {
    pub library: Library,
    pub outlines: Vec<Outline>,
}

/// The page of the content file `changed` (a path under the site's `root`) re-rendered,
/// if its front matter and its sources are as they were (so navigation and other pages
/// are unchanged) and no offline file or PDF holds it. `None` when a full build is needed
/// instead; an error when the page now has mistakes (including links that other pages
/// make to its headings), `kept` left as it was.
pub fn again(kept: &mut Kept, root: &Path, changed: &Path) -> Option<Result<(SitePath, String)>> {
    let library = &mut kept.library;
    // A portable site's offline files and a printing site's PDFs (which serve leaves out)
    // hold every page: only a full build keeps them true.
    if library.settings.portable || library.settings.print {
        return None;
    }
    let i = library
        .pages
        .iter()
        .position(|p| root.join(p.file.source()) == changed)?;
    let editions: Vec<_> = library.editions().cloned().collect();
    let (mut page, text) = match load_file(root, changed, &editions) {
        Ok(loaded) => loaded,
        Err(problems) => return Some(Err(Error::site(problems))),
    };
    let old = &library.pages[i];
    if page.front != old.front || page.path != old.path || page.template != old.template {
        return None;
    }
    page.id = old.id;
    let citations = markdown::scan_citations(&text, &library.volume(page.edition).data);
    if citations != library.citations[i] {
        return None;
    }
    let old = std::mem::replace(&mut library.pages[i], page);
    let (html, outline) = match render::page(library, old.id, &text) {
        Ok(made) => made,
        Err(problems) => {
            library.pages[i] = old;
            return Some(Err(Error::site(problems)));
        }
    };
    let old_outline = std::mem::replace(&mut kept.outlines[i], outline);
    let problems = broken_anchors(kept.library.pages.iter().zip(&kept.outlines));
    if !problems.is_empty() {
        kept.library.pages[i] = old;
        kept.outlines[i] = old_outline;
        return Some(Err(Error::site(problems)));
    }
    Some(Ok((kept.library.pages[i].path.clone(), html)))
}
