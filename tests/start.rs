//! Starting an explainer of one's own: `explainer init`, the built-in theme a site folder of
//! only `site.yaml` and `content/` is built with, a site's own files over it, and
//! `explainer theme export`.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_success, broken_links, explainer, html_files, page, snapshot};

/// Runs `explainer ARGS` in `dir`; its exit code and what it printed (uncoloured).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = explainer()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The names in `dir`, not in its subfolders.
fn top_level(dir: &Path) -> std::collections::BTreeSet<String> {
    let entries = fs::read_dir(dir).unwrap();
    entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Whether the `.gitignore` line `rule` (`/public/`, `/.lock-*`) ignores the top-level
/// `name`.
fn ignores(rule: &str, name: &str) -> bool {
    let rule = rule.trim_start_matches('/').trim_end_matches('/');
    match rule.strip_suffix('*') {
        Some(prefix) => !prefix.is_empty() && name.starts_with(prefix),
        None => rule == name,
    }
}

#[test]
fn init_starts_an_explainer_that_builds_and_passes_check_with_its_placeholders_as_warnings() {
    let parent = tempfile::tempdir().unwrap();
    let (code, said) = run(
        parent.path(),
        &["init", "my-explainer", "--title", "What is the DMA?"],
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("cd my-explainer && explainer serve"),
        "{said}"
    );
    let site = parent.path().join("my-explainer");
    for file in [
        "site.yaml",
        "content/index.md",
        "content/data/sources.yaml",
        ".github/workflows/pages.yml",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(!site.join("templates").exists(), "the theme is built in");

    let (code, said) = run(&site, &["check"]);
    assert_eq!(code, 0, "no errors, so check passes:\n{said}");
    assert!(said.contains("warnings, no errors."), "{said}");
    assert!(said.contains("site.yaml:8:15: “One sentence that says what this explainer explains.” is a placeholder"), "{said}");
    // Grouped: one placeholder, every place it is left.
    assert!(
        said.contains("“One sentence that answers the question.” is a placeholder")
            && said.contains("content/index.md:3:15"),
        "{said}"
    );
    assert!(!said.contains("error:"), "{said}");
    let (code, _) = run(&site, &["check", "--strict"]);
    assert_eq!(code, 1, "--strict fails on the placeholders");

    let before = top_level(&site);
    let (code, said) = run(&site, &["build"]);
    assert_eq!(code, 0, "{said}");
    let ignored = read(&site.join(".gitignore"));
    for made in top_level(&site).difference(&before) {
        assert!(
            ignored.lines().any(|rule| ignores(rule, made)),
            "git would offer to commit {made}: {ignored}"
        );
    }
    let out = site.join("public");
    let home = read(&out.join("index.html"));
    assert!(home.contains("<title>What is the DMA?</title>"), "{home}");
    for (href, title) in [
        ("first-question.html", "The first question"),
        ("second-question.html", "The second question"),
        ("timeline.html", "Timeline"),
        ("glossary.html", "Glossary"),
        ("sources.html", "Sources"),
        ("about.html", "About this explainer"),
    ] {
        assert!(
            home.contains(&format!("<h3><a href=\"{href}\">{title}</a></h3>")),
            "the home page lists {href}"
        );
    }
    let first = read(&out.join("first-question.html"));
    assert!(
        first.contains("href=\"glossary.html#key-term\""),
        "the term links to its entry"
    );
    assert!(first.contains("href=\"#source-1\""), "the source is cited");
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
    assert!(out.join("offline/explainer.en.html").is_file());
}

#[test]
fn init_with_a_translation_starts_its_edition_with_its_language_and_dates() {
    let parent = tempfile::tempdir().unwrap();
    let (code, said) = run(parent.path(), &["init", "dma", "--translations", "de"]);
    assert_eq!(code, 0, "{said}");
    let site = parent.path().join("dma");
    let settings = read(&site.join("site.yaml"));
    assert!(settings.contains("title: \"Dma\""), "{settings}");
    assert!(
        settings.contains("  - code: de\n    language: de\n    name: Deutsch\n"),
        "{settings}"
    );
    assert!(site.join("content/de/index.md").is_file());
    let (code, said) = run(&site, &["check"]);
    assert_eq!(code, 0, "{said}");
    let (code, said) = run(&site, &["build"]);
    assert_eq!(code, 0, "{said}");
    let home = read(&site.join("public/de/index.html"));
    assert!(home.contains("<html lang=\"de\">"), "{home}");
    assert!(
        home.contains("In dieser Erklärung"),
        "the theme's German words"
    );
    assert!(home.contains("Zuletzt aktualisiert"), "{home}");
    let months = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    let dated = home.split("<time datetime=\"").skip(1).any(|rest| {
        let shown = rest.split_once('>').map(|(_, t)| t).unwrap_or_default();
        let shown = shown.split('<').next().unwrap_or_default();
        // "3. Dezember 2026": a German date, day first with a full stop.
        shown.split_once(". ").is_some_and(|(day, rest)| {
            day.parse::<u8>().is_ok() && months.iter().any(|m| rest.starts_with(m))
        })
    });
    assert!(dated, "{home}");
    assert!(
        home.contains("href=\"../index.html\"") || home.contains("hreflang=\"en\""),
        "linked to the English edition"
    );
}

#[test]
fn init_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.yaml"), "title: Mine\n").unwrap();
    let (code, said) = run(dir.path(), &["init"]);
    assert_eq!(code, 1);
    assert!(
        said.contains("already has site.yaml; nothing was written"),
        "{said}"
    );
    assert_eq!(read(&dir.path().join("site.yaml")), "title: Mine\n");
    assert!(!dir.path().join("content").exists());
    let (code, said) = run(dir.path(), &["init", "x", "--language", "not a tag"]);
    assert_eq!(code, 1);
    assert!(
        said.contains("--language: `not a tag` is not a language tag"),
        "{said}"
    );
}

#[test]
fn a_site_of_only_settings_and_content_is_built_with_the_built_in_theme() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.yaml"),
        "title: Tiny\ndescription: A small site.\nlanguage: fr\nauthor: Moi\n",
    )
    .unwrap();
    fs::create_dir(root.join("content")).unwrap();
    fs::write(root.join("content/index.md"), page("Accueil", "Bonjour.")).unwrap();
    fs::write(
        root.join("content/a.md"),
        page("Une question", "## Pourquoi ?\n\nParce que."),
    )
    .unwrap();
    let (code, said) = run(root, &["build"]);
    assert_eq!(code, 0, "{said}");
    let out = root.join("public");
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("<h3><a href=\"a.html\">Une question</a></h3>"),
        "{home}"
    );
    assert!(
        home.contains("Aller au contenu principal"),
        "the theme's French words"
    );
    let style = home
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        out.join(style).is_file(),
        "the theme's stylesheet is published as {style}"
    );
    assert!(out.join("favicon.svg").is_file());
    assert_eq!(
        html_files(&out),
        ["404.html", "a.html", "corrections.html", "index.html"],
        "its pages, and the theme's 404 and corrections pages"
    );
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn a_sites_own_words_and_files_replace_the_themes_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.yaml"),
        "title: Tiny\ndescription: A small site.\nlanguage: en\nauthor: Me\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::create_dir_all(root.join("i18n")).unwrap();
    fs::create_dir_all(root.join("templates/partials")).unwrap();
    fs::write(root.join("content/index.md"), page("Home", "Hello.")).unwrap();
    fs::write(root.join("content/a.md"), page("A", "Text.")).unwrap();
    fs::write(root.join("i18n/en.yaml"), "in_this_explainer: Read on\n").unwrap();
    fs::write(
        root.join("templates/partials/key_points.html"),
        "<p class=\"mine\">Mine</p>\n",
    )
    .unwrap();
    let (code, said) = run(root, &["build"]);
    assert_eq!(code, 0, "{said}");
    let home = read(&root.join("public/index.html"));
    assert!(home.contains("<h2>Read on</h2>"), "the site's word");
    assert!(
        home.contains("Skip to main content"),
        "the theme's other words"
    );
    assert!(
        home.contains("<p class=\"mine\">Mine</p>"),
        "the site's partial"
    );
    assert!(
        home.contains("class=\"site-nav\""),
        "the theme's layout around it"
    );
}

#[test]
fn theme_export_writes_the_theme_out_and_the_site_builds_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let (code, said) = run(dir.path(), &["init", "site", "--translations", "ru"]);
    assert_eq!(code, 0, "{said}");
    let (code, said) = run(&site, &["build", "--output-dir", "../before"]);
    assert_eq!(code, 0, "{said}");
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::write(
        site.join("templates/page.html"),
        "{% extends \"base.html\" %}",
    )
    .unwrap();
    let (code, said) = run(&site, &["theme", "export"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("wrote ./templates/base.html"), "{said}");
    assert!(
        said.contains("left 1 file that exist as they are: templates/page.html"),
        "{said}"
    );
    assert_eq!(
        read(&site.join("templates/page.html")),
        "{% extends \"base.html\" %}"
    );
    assert!(site.join("static/style.css").is_file() && site.join("i18n/ru.yaml").is_file());
    // With the theme's own page.html back, the exported files make the same site.
    fs::remove_file(site.join("templates/page.html")).unwrap();
    let (code, said) = run(&site, &["theme", "export"]);
    assert_eq!(code, 0, "{said}");
    let (code, said) = run(&site, &["build", "--output-dir", "../after"]);
    assert_eq!(code, 0, "{said}");
    assert_eq!(
        snapshot(&dir.path().join("before")),
        snapshot(&dir.path().join("after"))
    );
    assert_success(
        &explainer()
            .args(["theme", "export", "--help"])
            .output()
            .unwrap(),
    );
}
