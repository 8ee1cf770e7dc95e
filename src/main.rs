//! The `explainer` command: parses the command line and hands over to the library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

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
        /// Where to write the site; replaced whole on success, untouched on failure
        #[arg(long, short, default_value = "public")]
        output_dir: PathBuf,
        /// Absolute URL the site will be published at (overrides base_url in site.yaml)
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output_dir,
            base_url,
            drafts,
        } => {
            let started = Instant::now();
            let options = explainer::BuildOptions {
                root,
                output_dir,
                base_url,
                drafts,
            };
            match explainer::build(&options) {
                Ok(report) => {
                    let n = report.pages;
                    println!(
                        "Built {n} page{} in {} ms -> {}/",
                        if n == 1 { "" } else { "s" },
                        started.elapsed().as_millis(),
                        report.output_dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("{err}");
                    eprintln!("Build failed; the previous output was left as it was.");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
