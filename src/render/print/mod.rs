//! The print editions (`print: true` in `site.yaml`): each edition as a tagged PDF/UA-1
//! book, `print/explainer.<code>.pdf`, and a two-page handout, `print/handout.<code>.pdf`,
//! laid out by Typst as a library from the site's template `templates/print.typ`, which
//! defines `book(site, parts)` and `handout(site, parts)`. The parts are the offline
//! edition's ([`super::offline`]), each page's HTML made into Typst ([`code`]); `site` is
//! the edition's settings, strings and data as `/site.json`. Nothing of the machine is
//! read ([`world`]): the same pages give the same bytes, dated by their newest page.

#[cfg(feature = "print")]
mod code;
#[cfg(feature = "print")]
mod typeset;
#[cfg(feature = "print")]
mod world;

use serde::Serialize;

use crate::library::Library;
use crate::urls::SitePath;
#[cfg(feature = "print")]
pub(in crate::render) use typeset::write;

/// The Typst template of the PDFs, which a site that prints must have.
pub const TEMPLATE: &str = crate::content::PRINT_TEMPLATE;
/// Where the PDFs are, in the output.
pub const FOLDER: &str = "print";

/// The two documents of an edition.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The whole edition.
    Book,
    /// Two pages to print and hand on.
    Handout,
}

impl Kind {
    /// The file's name before its edition's code.
    fn name(self) -> &'static str {
        match self {
            Kind::Book => "explainer",
            Kind::Handout => "handout",
        }
    }

    /// The template's function that lays it out.
    #[cfg_attr(not(feature = "print"), allow(dead_code))]
    fn function(self) -> &'static str {
        match self {
            Kind::Book => "book",
            Kind::Handout => "handout",
        }
    }

    pub fn path(self, code: &str) -> SitePath {
        SitePath::new(format!("{FOLDER}/{}.{code}.pdf", self.name()))
    }
}

/// Site paths of every PDF, if the site prints.
pub fn planned(library: &Library) -> Vec<SitePath> {
    library
        .editions()
        .filter_map(|e| Files::of(library, &e.code))
        .flat_map(|files| [files.book, files.handout])
        .collect()
}

/// The site paths of an edition's PDFs, as templates see them (`print_files`), if the
/// site prints.
#[derive(Serialize)]
pub struct Files {
    pub book: SitePath,
    pub handout: SitePath,
}

impl Files {
    pub fn of(library: &Library, code: &str) -> Option<Files> {
        library.settings.print.then(|| Files {
            book: Kind::Book.path(code),
            handout: Kind::Handout.path(code),
        })
    }
}
