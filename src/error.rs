//! Why a build failed: either the site's sources have mistakes (all of them, located), or
//! the machine refused something (a file could not be read or written).

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Mistakes in the site's sources. Never empty; sorted by file and position.
    #[error("{}", render_diagnostics(.0, false))]
    Site(Vec<Diagnostic>),

    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A command was asked for something it can't do (an invalid slug, an existing file).
    #[error("{0}")]
    Usage(String),

    /// The output folder is one this tool must not replace.
    #[error("refusing to write to {path}: {reason}")]
    UnsafeOutput { path: PathBuf, reason: String },
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// Wraps collected diagnostics, in a stable order so output is reproducible.
    pub fn site(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        diagnostics.dedup();
        Error::Site(diagnostics)
    }
}

impl Error {
    /// The error as the terminal shows it, coloured if `color`.
    pub fn render(&self, color: bool) -> String {
        match self {
            Error::Site(diagnostics) => render_diagnostics(diagnostics, color),
            other => other.to_string(),
        }
    }
}

fn render_diagnostics(diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.render(color));
        out.push_str("\n\n");
    }
    let n = diagnostics.len();
    out.push_str(&format!("{n} error{}", if n == 1 { "" } else { "s" }));
    out
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
