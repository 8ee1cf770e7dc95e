//! The `explainer` command: parses the command line and hands over to the library.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use explainer::diagnostics::problem::color_on_stderr;
use explainer::diagnostics::report;
use explainer::text::date::Date;
use explainer::{BuildOptions, Error, IfBusy};

#[derive(Parser)]
#[command(
    version,
    about = "Build a fast, accessible explainer site from Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder you can upload to any static host
    Build {
        /// The site's folder, holding site.yaml, content/, templates/ and static/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: public/ in the site's folder); replaced whole
        /// on success, untouched on failure
        #[arg(long, short)]
        output_dir: Option<PathBuf>,
        /// Absolute URL the site will be published at (overrides base_url in site.yaml)
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// If another build is writing to the same folder, stop with an error instead of
        /// waiting for it to finish
        #[arg(long)]
        no_wait: bool,
    },
    /// Preview the site with live reload; builds in memory, never writes public/
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; the default is reachable from this machine only
        #[arg(long, default_value = "127.0.0.1")]
        interface: IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true` (on by default when previewing)
        #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
        drafts: bool,
    },
    /// Check the site for every problem (links, anchors, citations, headings, alt text,
    /// placeholders left) without writing anything; exits 1 if there is an error
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Exit 1 on warnings too (for CI)
        #[arg(long)]
        strict: bool,
        /// Also fetch every address of the sources (url and archived): report dead ones,
        /// ones that lead to another site, and sources with no archived copy. The only
        /// command that touches the network
        #[arg(long)]
        online: bool,
        /// With --online: how many addresses to fetch at a time
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
        jobs: u16,
        /// With --online: seconds one address may take, redirects included
        #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
    },
    /// Start a new explainer in DIR: settings, a home page, two sections, a timeline, a
    /// glossary, sources, an about page and a GitHub Pages workflow, on the built-in theme.
    /// Never overwrites a file
    Init {
        /// The new explainer's folder (made if missing)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Its title (default: made from the folder's name)
        #[arg(long)]
        title: Option<String>,
        /// The language of its pages, as a BCP 47 tag (en, en-GB, de, fr, ru, uk…)
        #[arg(long, default_value = "en")]
        language: String,
        /// Editions in other languages, by their tags: `--translations de,fr`
        #[arg(long, value_delimiter = ',')]
        translations: Vec<String>,
    },
    /// The built-in theme's files
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
    /// Start a new section: content/<SLUG>.md with complete front matter, as a draft
    New {
        /// File name and URL of the section: lowercase a-z, 0-9 and hyphens
        slug: String,
        /// The section's title (default: made from the slug)
        #[arg(long)]
        title: Option<String>,
        /// Start the section in this edition (e.g. `ru`): content/<LANG>/<SLUG>.md, a copy of
        /// the default edition's page to translate when there is one
        #[arg(long)]
        lang: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ThemeAction {
    /// Write the built-in templates, stylesheets and interface words into DIR's templates/,
    /// static/ and i18n/, to change them there; files that exist are left as they are
    Export {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
            no_wait,
        } => build(BuildOptions {
            output_dir: output_dir.unwrap_or_else(|| default_output(&root)),
            root,
            base_url,
            drafts,
            if_busy: if no_wait {
                IfBusy::Stop
            } else {
                IfBusy::Wait(say_waiting)
            },
            print: true,
        }),
        Command::Serve {
            root,
            port,
            interface,
            open,
            drafts,
        } => explainer::serve::serve(explainer::serve::ServeOptions {
            root,
            interface,
            port,
            drafts,
            open,
        })
        .map(|()| ExitCode::SUCCESS),
        Command::Check {
            root,
            strict,
            online,
            jobs,
            timeout,
        } => {
            let online = online.then_some(explainer::check::Online {
                jobs: usize::from(jobs),
                timeout: std::time::Duration::from_secs(timeout),
            });
            check(BuildOptions::new(root, "public"), strict, online)
        }
        Command::Init {
            dir,
            title,
            language,
            translations,
        } => init(&explainer::init::InitOptions {
            dir: &dir,
            title: title.as_deref(),
            language: &language,
            translations: &translations,
            today: Date::today(),
        }),
        Command::Theme {
            action: ThemeAction::Export { dir },
        } => export_theme(&dir),
        Command::New {
            slug,
            title,
            lang,
            root,
        } => {
            let today = Date::today();
            let created =
                explainer::new_page::create(&root, &slug, title.as_deref(), lang.as_deref(), today);
            created.map(|path| {
                println!(
                    "Created {} (a draft: set `draft: false` to publish it)",
                    path.display()
                );
                ExitCode::SUCCESS
            })
        }
    };
    result.unwrap_or_else(|err| {
        eprintln!("{}", err.report(color_on_stderr()));
        ExitCode::FAILURE
    })
}

fn build(options: BuildOptions) -> Result<ExitCode, Error> {
    let started = Instant::now();
    let report = match explainer::build(&options) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("{}", err.report(color_on_stderr()));
            eprintln!("Build failed; the previous output was left as it was.");
            return Ok(ExitCode::FAILURE);
        }
    };
    // What the build let through is said, not only listed by `check`: a page over the
    // 16 KB limit is published cut off where the site is throttled.
    eprint!(
        "{}",
        report::to_terminal(&report.warnings, color_on_stderr())
    );
    let n = report.pages;
    let mut notes = report.notes;
    let cards = report.cards;
    if cards.drawn + cards.unchanged > 0 {
        notes.insert(
            0,
            format!(
                "share cards: {} drawn, {} unchanged",
                cards.drawn, cards.unchanged
            ),
        );
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    println!(
        "Built {n} page{} in {} ms -> {}/{notes}",
        if n == 1 { "" } else { "s" },
        started.elapsed().as_millis(),
        report.output_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `public/` in the site's folder: a build of another folder never writes into this one.
fn default_output(root: &Path) -> PathBuf {
    match root == Path::new(".") {
        true => PathBuf::from("public"),
        false => root.join("public"),
    }
}

fn say_waiting(output: &Path) {
    eprintln!(
        "Another build is writing to {}; waiting for it to finish…",
        output.display()
    );
}

fn check(
    options: BuildOptions,
    strict: bool,
    online: Option<explainer::check::Online>,
) -> Result<ExitCode, Error> {
    let problems = explainer::check::check_with(&options, online)?;
    if problems.is_empty() {
        println!("No problems found.");
        return Ok(ExitCode::SUCCESS);
    }
    eprint!("{}", report::to_terminal(&problems, color_on_stderr()));
    let n = problems.len();
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match errors {
        0 => eprintln!("{n} warning{}, no errors.", plural(n)),
        _ => eprintln!(
            "{n} problem{} found: {errors} error{}, {} warning{}.",
            plural(n),
            plural(errors),
            n - errors,
            plural(n - errors)
        ),
    }
    match errors > 0 || strict {
        true => Ok(ExitCode::FAILURE),
        false => Ok(ExitCode::SUCCESS),
    }
}

fn init(options: &explainer::init::InitOptions) -> Result<ExitCode, Error> {
    let written = explainer::init::init(options)?;
    let dir = options.dir;
    println!(
        "Started an explainer in {} ({} files).",
        dir.display(),
        written.len()
    );
    let cd = match dir == Path::new(".") {
        true => String::new(),
        false => format!("cd {} && ", dir.display()),
    };
    println!(
        "Next: `{cd}explainer serve` to preview it as you write, and `explainer check` to see the placeholders left to replace."
    );
    Ok(ExitCode::SUCCESS)
}

fn export_theme(dir: &Path) -> Result<ExitCode, Error> {
    let (written, left) = explainer::init::export_theme(dir)?;
    for path in &written {
        println!("wrote {}", dir.join(path).display());
    }
    if !left.is_empty() {
        println!(
            "left {} file{} that exist as they are: {}",
            left.len(),
            if left.len() == 1 { "" } else { "s" },
            left.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!(
        "The site's own files replace the built-in ones of the same name: change them there, and delete those you keep as they are."
    );
    Ok(ExitCode::SUCCESS)
}
