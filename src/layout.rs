//! The names of a site's folders and files, in one place: where the generator reads a
//! site from, and where a new site is laid out.

/// The settings, at the site's root.
pub const SETTINGS: &str = "site.yaml";
/// The pages, one Markdown file each; a translation's are in a folder named by its code.
pub const CONTENT: &str = "content";
/// The default edition's data files.
pub const DATA: &str = "content/data";
/// The site's own Tera templates, over the built-in ones.
pub const TEMPLATES: &str = "templates";
/// Files published as they are.
pub const STATIC: &str = "static";
/// The interface's words, a file per language.
pub const STRINGS: &str = "i18n";

/// The folders whose files make the site: a change in any of them changes the build.
pub const SOURCE_FOLDERS: [&str; 4] = [CONTENT, TEMPLATES, STATIC, STRINGS];
