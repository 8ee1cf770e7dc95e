//! Why a command failed: either the site's sources have mistakes (all of them, located), or
//! the machine refused something (a file could not be read or written), or the command was
//! asked for something it must not do.

use std::path::PathBuf;

use crate::diagnostics::problem::{self, Problem};
use crate::diagnostics::report;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Mistakes in the site's sources: at least one error, sorted by file and position.
    #[error("{}", report(.0, false))]
    Site(Vec<Problem>),

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

    /// Another build is writing to the same output folder, and this one was told not to wait.
    #[error(
        "another build is writing to {output}, so this one did nothing (run it again without --no-wait to wait for the other)",
        output = .output.display()
    )]
    Busy { output: PathBuf },
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The errors among `problems`, in a stable order so output is reproducible. Warnings
    /// don't stop a build, so they are not part of why it stopped.
    pub fn site(problems: Vec<Problem>) -> Self {
        Error::Site(problem::sorted(
            problems.into_iter().filter(Problem::is_error).collect(),
        ))
    }

    /// The error as the terminal shows it, coloured if `color`.
    pub fn report(&self, color: bool) -> String {
        match self {
            Error::Site(problems) => report(problems, color),
            other => other.to_string(),
        }
    }
}

fn report(problems: &[Problem], color: bool) -> String {
    let mut out = report::to_terminal(problems, color);
    let n = problems.len();
    out.push_str(&format!("{n} error{}", if n == 1 { "" } else { "s" }));
    out
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
