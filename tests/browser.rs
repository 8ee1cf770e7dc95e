//! The built site as browsers and validators see it. These checks need Chromium, Node.js or
//! Java, so a plain `cargo test` ignores them; `.ci/run` installs them and runs
//! `cargo test -- --include-ignored`. Page weight needs nothing and always runs, with the
//! content's checks (tests/content/budget.rs).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{RealSite, html_files};

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn require_node_modules() {
    assert!(
        browser_dir().join("node_modules/playwright-core").is_dir(),
        "run `npm ci --ignore-scripts --prefix tests/browser` first (.ci/run does)"
    );
}

#[test]
#[ignore = "needs Chromium"]
fn every_page_loads_cleanly_passes_axe_in_both_colour_schemes_and_navigates_from_disk() {
    require_node_modules();
    let run = Command::new("node")
        .arg(browser_dir().join("check.mjs"))
        .arg(&RealSite::build().out)
        // The explainer is portable: its offline files must be there to be checked.
        .env("EXPECT_OFFLINE", "1")
        .output()
        .expect("node is installed");
    let report = String::from_utf8_lossy(&run.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "browser checks failed:\n{report}");
    assert!(report.contains(": 0 problems"), "{report}");
}

#[test]
#[ignore = "needs Java and the Nu Html Checker"]
fn every_page_stylesheet_and_svg_is_valid() {
    require_node_modules();
    let out = &RealSite::published().out;
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let files = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>();
    let with_ext = |ext: &str| {
        let mut v: Vec<PathBuf> = files
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .cloned()
            .collect();
        v.sort();
        v
    };
    let mut html = with_ext("html");
    for page in html_files(out).into_iter().filter(|p| p.contains('/')) {
        html.push(out.join(page));
    }
    for (mode, files) in [
        ("--html", html),
        ("--css", with_ext("css")),
        ("--svg", with_ext("svg")),
    ] {
        assert!(!files.is_empty(), "no files for {mode}");
        let run = Command::new("java")
            .arg("-jar")
            .arg(&jar)
            .args(["--errors-only", mode])
            .args(&files)
            .output()
            .expect("java is installed");
        let errors = String::from_utf8_lossy(&run.stderr);
        assert!(
            run.status.success() && errors.trim().is_empty(),
            "the Nu Html Checker ({mode}) found errors:\n{errors}"
        );
    }
}
