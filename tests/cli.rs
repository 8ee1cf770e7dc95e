//! The `explainer` command as a user runs it.

mod common;

use common::{Fixture, assert_success, explainer, page, snapshot};

#[test]
fn help_and_version_work() {
    let help = explainer().args(["build", "--help"]).output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for flag in ["--root", "--output-dir", "--base-url", "--drafts"] {
        assert!(text.contains(flag), "build --help lacks {flag}:\n{text}");
    }
    let version = explainer().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(version.stdout).unwrap().trim(),
        format!("explainer {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn build_prints_one_summary_line() {
    let site = Fixture::new();
    site.write("content/a.md", &page("A", ""));
    let run = explainer()
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output-dir")
        .arg(site.out())
        .output()
        .unwrap();
    assert_success(&run);
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("Built 2 pages in "), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "-> {}/ (no base_url, so sitemap.xml and feed.xml were left out, and 404.html links work only at the top level)",
            site.out().display()
        )),
        "{stdout}"
    );
}

#[test]
fn output_dir_defaults_to_public_in_the_current_folder() {
    let site = Fixture::new();
    let run = explainer()
        .arg("build")
        .current_dir(site.root())
        .output()
        .unwrap();
    assert_success(&run);
    assert!(site.root().join("public/index.html").is_file());
    assert!(
        String::from_utf8(run.stdout)
            .unwrap()
            .contains("-> public/")
    );
}

#[test]
fn a_content_error_exits_1_with_file_and_line_and_keeps_the_output() {
    let site = Fixture::new();
    site.build().unwrap();
    let before = snapshot(&site.out());
    site.write("content/index.md", "---\ntitle: Home\n---\n");
    let run = explainer()
        .arg("build")
        .current_dir(site.root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("content/index.md:2:1: missing field `description`"),
        "{stderr}"
    );
    assert_eq!(snapshot(&site.out()), before);
}

#[test]
fn a_bad_base_url_flag_is_named_as_the_flag_not_as_a_file() {
    let site = common::Fixture::new();
    let run = explainer()
        .args(["build", "--base-url", "example.org", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("--base-url: "), "{stderr}");
    assert!(!stderr.contains("--base-url:1:1"), "{stderr}");
}

#[test]
fn a_build_of_another_folder_writes_into_that_folder_not_the_current_one() {
    let site = Fixture::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let run = explainer()
        .args(["build", "--root"])
        .arg(site.root())
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_success(&run);
    assert!(site.root().join("public/index.html").is_file());
    assert!(!elsewhere.path().join("public").exists());
}
