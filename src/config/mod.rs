//! What a build is asked to do: the options of the command line, the site's settings
//! (`site.yaml`, with what it declares of the data files), its editions, and each edition's interface strings (`i18n/`).

pub mod base_url;
pub mod data_rules;
pub mod editions;
pub mod language_tag;
pub mod settings;
pub mod strings;

use std::path::{Path, PathBuf};

/// How `check --online` fetches the sources' addresses.
#[derive(Debug, Clone, Copy)]
pub struct Online {
    /// Requests at a time.
    pub jobs: usize,
    /// How long one address may take, redirects included.
    pub timeout: std::time::Duration,
}

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder, holding `site.yaml`, `content/`, `templates/` and `static/`.
    pub root: PathBuf,
    /// Where the site is written; relative paths are taken from the current folder.
    pub output_dir: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// What to do when another build is writing to the same output folder.
    pub if_busy: IfBusy,
    /// Whether a site that prints (`print: true`) gets its PDFs: `serve` leaves them out,
    /// so that its preview keeps up with every save.
    pub print: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>, output_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output_dir: output_dir.into(),
            base_url: None,
            drafts: false,
            if_busy: IfBusy::Wait(|_| {}),
            print: true,
        }
    }
}

/// What a build does when another one is writing to the same output folder.
#[derive(Debug, Clone, Copy)]
pub enum IfBusy {
    /// Wait for it to finish, after calling the function (to say so).
    Wait(fn(&Path)),
    /// Stop at once with `Error::Busy`, having done nothing.
    Stop,
}
