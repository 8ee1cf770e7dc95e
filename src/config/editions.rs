//! The site's editions: one per language, the default first. A translation's pages are in
//! `content/<code>/`, mirroring `content/`, and are written to `<code>/` in the output, so a
//! page and its translations share the path below their edition's folder (their key).

use serde::Serialize;

use crate::config::language_tag::LanguageTag;
use crate::config::settings::Settings;

/// An edition's place in the site's list of editions; the default is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct EditionId(pub usize);

impl EditionId {
    pub const DEFAULT: EditionId = EditionId(0);
}

/// One language's edition of the site, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct Edition {
    /// Its folder in `content/` and in the output: `ru`. The default edition's is the
    /// primary subtag of its language, but its pages are at the root.
    pub code: String,
    /// For `lang` and `hreflang`: `en-GB`.
    pub language: LanguageTag,
    /// The language's name in itself: `Русский`.
    pub name: String,
    pub title: String,
    pub description: String,
    /// The byline, in the edition's language.
    pub author: String,
    #[serde(skip)]
    pub id: EditionId,
}

impl Edition {
    /// The one edition of a site whose settings could not be read: enough to go on checking
    /// its pages.
    pub fn unknown() -> Edition {
        Edition {
            code: String::new(),
            language: LanguageTag::undetermined(),
            name: String::new(),
            title: String::new(),
            description: String::new(),
            author: String::new(),
            id: EditionId::DEFAULT,
        }
    }

    pub fn is_default(&self) -> bool {
        self.id == EditionId::DEFAULT
    }

    /// The folder its pages are in, below `content/` and the output: none for the default.
    pub fn folder(&self) -> Option<&str> {
        (!self.is_default()).then_some(self.code.as_str())
    }
}

/// Every edition of the site, the default first.
pub fn editions(settings: &Settings) -> Vec<Edition> {
    let default = Edition {
        code: settings.default_code(),
        language: settings.language.clone(),
        name: settings.language_name.clone().unwrap_or_default(),
        title: settings.title.clone(),
        description: settings.description.clone(),
        author: settings.author.clone(),
        id: EditionId::DEFAULT,
    };
    let translations = settings
        .translations
        .iter()
        .enumerate()
        .map(|(i, t)| Edition {
            code: t.code.clone(),
            language: t.language.clone(),
            name: t.name.clone(),
            title: t.title.clone(),
            description: t.description.clone(),
            author: t.author.clone().unwrap_or_else(|| settings.author.clone()),
            id: EditionId(i + 1),
        });
    std::iter::once(default).chain(translations).collect()
}

/// The edition a page at `content_path` (relative to `content/`) belongs to, and its key:
/// its path below the edition's folder.
pub fn of_content_path<'a>(editions: &[Edition], content_path: &'a str) -> (EditionId, &'a str) {
    for edition in editions.iter().skip(1) {
        if let Some(key) = content_path
            .strip_prefix(edition.code.as_str())
            .and_then(|rest| rest.strip_prefix('/'))
        {
            return (edition.id, key);
        }
    }
    (EditionId::DEFAULT, content_path)
}
