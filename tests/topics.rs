//! The engine knows no topic: a second explainer on another subject builds with its own map
//! groups, one of them renamed in its data and stylesheet alone, a third of another shape
//! (no map, no groups, one data file of its own) builds too, the references their
//! `site.yaml` declares are checked at the value, and a mistake in one data file is
//! reported once, not as a cascade through what depends on it. (That this explainer's own
//! groups are data too is checked with its content, in tests/content/.)

mod common;

use std::fs;

use common::{copy_of_fixture, fixture_root, replace_in, run_build};

const SECOND: &str = "eu-enlargement";
const THIRD: &str = "reading-list";

#[test]
fn a_second_explainer_on_another_subject_builds_with_its_own_groups() {
    let root = fixture_root(SECOND);
    let out = tempfile::tempdir().unwrap();
    let (ok, stdout, stderr) = run_build(&root, &out.path().join("public"));
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
fn a_group_renamed_in_data_and_the_stylesheet_builds_without_a_code_change() {
    let site = copy_of_fixture(SECOND);
    let root = site.path();
    for file in ["groups.yaml", "countries.yaml"] {
        replace_in(
            &root.join("content/data").join(file),
            "candidate",
            "applicant",
        );
    }
    replace_in(
        &root.join("static/style.css"),
        ".g-candidate",
        ".g-applicant",
    );
    replace_in(
        &root.join("content/data/groups.yaml"),
        "Candidate country",
        "Applied for membership",
    );
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(ok, "{stderr}");
    let map = fs::read_to_string(root.join("public/map.html")).unwrap();
    assert!(
        map.contains("<g class=\"tile g-applicant\"><title>Albania</title>"),
        "{map}"
    );
    assert!(
        map.contains("<li class=\"g-applicant border-dashed\">Applied for membership</li>"),
        "{map}"
    );
    assert!(!map.contains("candidate"), "{map}");
}

#[test]
fn a_wrong_group_is_one_error_at_its_line_and_nothing_else() {
    let site = copy_of_fixture(SECOND);
    let root = site.path();
    let countries = root.join("content/data/countries.yaml");
    let text = fs::read_to_string(&countries).unwrap();
    let line = text
        .lines()
        .position(|l| l.trim() == "group: candidate")
        .unwrap()
        + 1;
    fs::write(
        &countries,
        text.replacen("group: candidate", "group: candidtae", 1),
    )
    .unwrap();
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(!ok);
    assert!(
        stderr.ends_with("1 error\nBuild failed; the previous output was left as it was.\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "content/data/countries.yaml:{line}:10: `candidtae` is not a `groups.id`, which `countries.group` must name"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `candidate`?"), "{stderr}");
}

#[test]
fn a_broken_sources_file_reports_itself_and_no_citation_as_unknown() {
    let site = copy_of_fixture(SECOND);
    let root = site.path();
    let sources = root.join("content/data/sources.yaml");
    let text = fs::read_to_string(&sources).unwrap();
    // Its pages and its map cite the sources: none of those citations may be reported.
    assert!(text.contains("id: fixture-1973"));
    fs::write(&sources, text.replacen("  publisher:", "  publsher:", 1)).unwrap();
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(!ok);
    assert!(stderr.contains("unknown field `publsher`"), "{stderr}");
    assert!(stderr.contains("did you mean `publisher`?"), "{stderr}");
    assert!(!stderr.contains("unknown source"), "{stderr}");
    assert!(stderr.contains("\n1 error\n"), "{stderr}");
}

#[test]
fn an_unreadable_static_file_is_reported_with_the_other_problems() {
    let site = copy_of_fixture(SECOND);
    let root = site.path();
    fs::write(root.join("static/broken.css"), b"a { color: red }\n\xff\n").unwrap();
    replace_in(
        &root.join("content/index.md"),
        "title: Overview",
        "titel: Overview",
    );
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(!ok);
    assert!(
        stderr.contains("static/broken.css:2:1: the file is not valid UTF-8 text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/index.md:2:1: unknown field `titel`"),
        "{stderr}"
    );
    assert!(stderr.contains("\n2 errors\n"), "{stderr}");
}

#[test]
fn an_explainer_without_a_map_builds_from_its_own_data_file() {
    let root = fixture_root(THIRD);
    let out = tempfile::tempdir().unwrap();
    let (ok, stdout, stderr) = run_build(&root, &out.path().join("public"));
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("Built 1 page"), "{stdout}");
    // Its sources are named by its own data file alone: none is reported as never cited.
    assert!(!stderr.contains("never cited"), "{stderr}");
    let home = fs::read_to_string(out.path().join("public/index.html")).unwrap();
    for expected in [
        "<section id=\"shelf-further\">\n<h2>To go further</h2>",
        "<li><cite>The Sea Around Us</cite>, Rachel Carson: Why the sea rises and falls twice a day, told for anyone. <a href=\"https://example.org/carson\">Fixture Press</a></li>",
    ] {
        assert!(
            home.contains(expected),
            "index.html lacks {expected:?}:\n{home}"
        );
    }
    for topic in ["map", "group", "joined", "NATO"] {
        assert!(!home.contains(topic), "the engine added {topic:?}");
    }
}

#[test]
fn a_wrong_declared_reference_is_one_error_at_its_value() {
    let site = copy_of_fixture(THIRD);
    let root = site.path();
    replace_in(
        &root.join("content/data/reading.yaml"),
        "shelf: further",
        "shelf: furthr",
    );
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(!ok);
    assert!(
        stderr.ends_with("1 error\nBuild failed; the previous output was left as it was.\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "content/data/reading.yaml:14:12: `furthr` is not a `reading.shelves.id`, which `reading.books.shelf` must name"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `further`?"), "{stderr}");
}

#[test]
fn a_declared_reference_to_a_broken_file_reports_only_that_file() {
    let site = copy_of_fixture(THIRD);
    let root = site.path();
    let sources = root.join("content/data/sources.yaml");
    replace_in(&sources, "  publisher:", "  publsher:");
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(!ok);
    assert!(stderr.contains("unknown field `publsher`"), "{stderr}");
    assert!(!stderr.contains("unknown source"), "{stderr}");
    assert!(stderr.contains("\n1 error\n"), "{stderr}");
}

#[test]
fn a_declared_reference_from_a_file_there_is_none_of_is_an_error_in_site_yaml() {
    let site = copy_of_fixture(THIRD);
    let root = site.path();
    replace_in(
        &root.join("site.yaml"),
        "  reading.books.shelf:",
        "  readin.books.shelf:",
    );
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(!ok);
    assert!(
        stderr.contains("site.yaml:9:3: `readin.books.shelf` is in no data file: there is no content/data/readin.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `reading`?"), "{stderr}");
    assert!(stderr.contains("\n1 error\n"), "{stderr}");
}

#[test]
fn duplicate_ids_in_a_referenced_file_are_an_error_at_the_second() {
    let site = copy_of_fixture(SECOND);
    let root = site.path();
    replace_in(
        &root.join("content/data/groups.yaml"),
        "- id: candidate",
        "- id: founder",
    );
    let (ok, _, stderr) = run_build(root, &root.join("public"));
    assert!(!ok);
    assert!(
        stderr
            .contains("content/data/groups.yaml:7:7: the id `founder` is used twice in this file"),
        "{stderr}"
    );
}
