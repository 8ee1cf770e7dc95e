//! The engine knows no topic: a second explainer on another subject builds with its own map
//! groups, the real one builds with a group renamed in its data and templates alone, and a
//! mistake in one data file is reported once, not as a cascade through what depends on it.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_of_real_site, explainer, real_root};

/// Builds the site at `root` with the binary; its exit status, standard output and error.
fn build(root: &Path, out: &Path) -> (bool, String, String) {
    let run = explainer()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (run.status.success(), text(run.stdout), text(run.stderr))
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn a_second_explainer_on_another_subject_builds_with_its_own_groups() {
    let root = real_root().join("tests/fixtures/eu-enlargement");
    let out = tempfile::tempdir().unwrap();
    let (ok, stdout, stderr) = build(&root, &out.path().join("public"));
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("Built 3 pages"), "{stdout}");
    let map = fs::read_to_string(out.path().join("public/map.html")).unwrap();
    for expected in [
        "<g class=\"tile g-founder\"><title>France</title>",
        "<title>Denmark: joined the EU 1 January 1973</title>",
        "<li class=\"g-first-enlargement border-thick\">Joined in 1973</li>",
        "<li class=\"g-candidate border-dashed\">Candidate country</li>",
        "<td>Copenhagen</td>",
    ] {
        assert!(
            map.contains(expected),
            "map.html lacks {expected:?}:\n{map}"
        );
    }
    assert!(
        !map.contains("NATO"),
        "the engine added this explainer's topic"
    );
    let home = fs::read_to_string(out.path().join("public/index.html")).unwrap();
    assert!(home.contains("href=\"map.html\"") && home.contains("The founding treaty"));
}

#[test]
fn a_group_renamed_in_data_and_templates_builds_without_a_code_change() {
    let site = copy_of_real_site();
    let root = site.path();
    for folder in ["content/data", "content/ru/data", "content/uk/data"] {
        for file in ["groups.yaml", "countries.yaml"] {
            replace_in(
                &root.join(folder).join(file),
                "aspirant",
                "promised-in-2008",
            );
        }
    }
    replace_in(
        &root.join("static/style.css"),
        ".g-aspirant",
        ".g-promised-in-2008",
    );
    replace_in(
        &root.join("content/data/groups.yaml"),
        "Promised membership in 2008, not a member",
        "Promised NATO membership at Bucharest",
    );
    let (ok, _, stderr) = build(root, &root.join("public"));
    assert!(ok, "{stderr}");
    let map = fs::read_to_string(root.join("public/map.html")).unwrap();
    assert!(map.contains("<g class=\"tile g-promised-in-2008 border-dashed\"><title>Ukraine (UA)"));
    assert!(map.contains("Promised NATO membership at Bucharest"));
    assert!(!map.contains("aspirant"));
}

#[test]
fn a_wrong_group_is_one_error_at_its_line_and_nothing_else() {
    let site = copy_of_real_site();
    let root = site.path();
    let countries = root.join("content/data/countries.yaml");
    let text = fs::read_to_string(&countries).unwrap();
    let line = text
        .lines()
        .position(|l| l.trim() == "group: aspirant")
        .unwrap()
        + 1;
    fs::write(
        &countries,
        text.replacen("group: aspirant", "group: aspirnat", 1),
    )
    .unwrap();
    let (ok, _, stderr) = build(root, &root.join("public"));
    assert!(!ok);
    assert!(
        stderr.ends_with("1 error\nBuild failed; the previous output was left as it was.\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "content/data/countries.yaml:{line}:10: Ukraine is in the group `aspirnat`, which groups.yaml doesn't define"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `aspirant`?"), "{stderr}");
}

#[test]
fn a_broken_sources_file_reports_itself_and_no_citation_as_unknown() {
    let site = copy_of_real_site();
    let root = site.path();
    let sources = root.join("content/data/sources.yaml");
    let text = fs::read_to_string(&sources).unwrap();
    fs::write(&sources, text.replacen("  publisher:", "  publsher:", 1)).unwrap();
    let (ok, _, stderr) = build(root, &root.join("public"));
    assert!(!ok);
    assert!(stderr.contains("unknown field `publsher`"), "{stderr}");
    assert!(stderr.contains("did you mean `publisher`?"), "{stderr}");
    assert!(!stderr.contains("unknown source"), "{stderr}");
    assert!(stderr.contains("\n1 error\n"), "{stderr}");
}

#[test]
fn an_unreadable_static_file_is_reported_with_the_other_problems() {
    let site = copy_of_real_site();
    let root = site.path();
    fs::write(root.join("static/broken.css"), b"a { color: red }\n\xff\n").unwrap();
    replace_in(
        &root.join("content/demands.md"),
        "title: Russia",
        "titel: Russia",
    );
    let (ok, _, stderr) = build(root, &root.join("public"));
    assert!(!ok);
    assert!(
        stderr.contains("static/broken.css:2:1: the file is not valid UTF-8 text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/demands.md:2:1: unknown field `titel`"),
        "{stderr}"
    );
    assert!(stderr.contains("\n2 errors\n"), "{stderr}");
}
