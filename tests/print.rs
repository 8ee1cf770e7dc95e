//! The print editions (`print: true`): each edition as a tagged PDF of the whole explainer
//! and a two-page handout, laid out by Typst from `templates/print.typ`. The fixture tests
//! run anywhere; those of the real PDFs read them with the tools a reader's and a
//! checker's machines have: poppler's `pdfinfo`, `pdffonts` and `pdftotext`, and `qpdf`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Fixture, RealSite, SITE_YAML, page};

/// A layout with the least a PDF/UA document needs: a font that has the text, a first
/// heading of level 1.
const THEME: &str = r#"#let book(site, parts) = {
  set text(font: "Noto Sans")
  heading(level: 1, outlined: false, site.title)
  for part in parts { pagebreak(weak: true); part.body }
}
#let handout(site, parts) = {
  set text(font: "Noto Sans")
  heading(level: 1, site.title)
  for part in parts [#part.title: #part.key_points.join("; ")]
}
"#;

/// A site in English and Russian that prints, with a page with headings and links.
fn printing(theme: &str) -> Fixture {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &format!(
            "{SITE_YAML}print: true\nlanguage_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n"
        ),
    )
    .write("templates/print.typ", theme)
    .write("content/index.md", &page("Home", "Start at [the demands](demands.md#second)."))
    .write("content/demands.md", "---\ntitle: Demands\ndescription: Asked.\nweight: 10\nupdated: 2021-12-17\nkey_points: [\"One point.\"]\n---\n## First\n\nSee [below](#second), *this* and `#that`.\n\n## Second\n\n- a list\n- of two\n")
    .write("content/ru/index.md", "---\ntitle: Главная\ndescription: Начало.\n---\nСм. [требования](demands.md).\n")
    .write("content/ru/demands.md", "---\ntitle: Требования\ndescription: Просили.\nweight: 10\n---\n## Первое\n\nТекст.\n");
    site
}

const PDFS: [&str; 4] = [
    "print/explainer.en.pdf",
    "print/handout.en.pdf",
    "print/explainer.ru.pdf",
    "print/handout.ru.pdf",
];

#[test]
fn each_edition_is_a_pdf_and_a_handout_the_same_bytes_every_build() {
    let site = printing(THEME);
    site.build().unwrap();
    let first: Vec<Vec<u8>> = PDFS.iter().map(|p| site.read_bytes(p)).collect();
    for (path, pdf) in PDFS.iter().zip(&first) {
        assert!(pdf.starts_with(b"%PDF-"), "{path} is a PDF");
    }
    site.build().unwrap();
    for (path, pdf) in PDFS.iter().zip(&first) {
        assert!(
            &site.read_bytes(path) == pdf,
            "{path} changed between builds"
        );
    }
}

#[test]
fn a_site_that_does_not_print_has_no_pdf() {
    let site = printing(THEME);
    common::replace_in(&site.root().join("site.yaml"), "print: true\n", "");
    site.build().unwrap();
    assert!(!site.out().join("print").exists());
}

#[test]
fn a_site_that_prints_without_a_layout_of_its_own_has_the_themes() {
    let site = printing(THEME);
    std::fs::remove_file(site.root().join("templates/print.typ")).unwrap();
    site.build().unwrap();
    for file in ["print/explainer.en.pdf", "print/handout.en.pdf"] {
        assert!(site.read_bytes(file).starts_with(b"%PDF-"), "{file}");
    }
}

#[test]
fn a_mistake_the_themes_layout_meets_is_located_in_the_built_in_file() {
    let site = printing(THEME);
    std::fs::remove_file(site.root().join("templates/print.typ")).unwrap();
    site.write("content/data/handout.yaml", "leave_out: 5\n");
    let err = site.build_err();
    assert!(err.contains("(built-in template) print.typ:"), "{err}");
    assert!(!err.contains("templates/print.typ"), "no such file: {err}");
}

#[test]
fn a_mistake_in_the_layout_is_located_in_it_once() {
    let site = printing(&THEME.replace("for part in parts {", "for part in parts { nope;"));
    let err = site.build_err();
    assert!(
        err.contains("templates/print.typ:4:23: unknown variable: nope"),
        "{err}"
    );
    assert_eq!(err.matches("unknown variable: nope").count(), 1, "{err}");
    assert!(!site.out().exists(), "nothing is published");
}

#[test]
fn a_layout_without_the_functions_the_engine_calls_is_told_so() {
    let site = printing("#let book(site, parts) = []\n");
    let err = site.build_err();
    assert!(
        err.contains("templates/print.typ") && err.contains("`handout(site, parts)`"),
        "{err}"
    );
}

/// What a command prints about `pdf`, which must succeed: `args`, the file, then `after`.
fn run(command: &str, args: &[&str], pdf: &Path) -> String {
    run_then(command, args, pdf, &[])
}

fn run_then(command: &str, args: &[&str], pdf: &Path, after: &[&str]) -> String {
    let out = Command::new(command)
        .args(args)
        .arg(pdf)
        .args(after)
        .output()
        .unwrap_or_else(|e| {
            panic!("{command} should run (apt-get install poppler-utils qpdf): {e}")
        });
    assert!(
        out.status.success(),
        "{command} {args:?} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A value of `pdfinfo`'s: `Pages`, `Tagged`, `Title`.
fn info(pdf: &Path, key: &str) -> String {
    let info = run("pdfinfo", &[], pdf);
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("pdfinfo gives no {key}:\n{info}"));
    line.trim().to_owned()
}

/// Text with every run of spaces one space, as `pdftotext` wraps lines where print does.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first-level headings of an edition's offline file: its parts' titles, in order.
fn part_headings(site: &RealSite, code: &str) -> Vec<String> {
    let html = site.html(&format!("offline/explainer.{code}.html"));
    html.split("<h1")
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(_, r)| r))
        .filter_map(|rest| rest.split("</h1>").next())
        .map(|h| words(&common::decode(&common::strip_tags(h))))
        .collect()
}

#[test]
#[ignore = "needs poppler-utils and qpdf"]
fn the_pdfs_are_tagged_titled_in_their_language_with_every_font_embedded() {
    let site = RealSite::published();
    let titles = [
        ("en", "What does Russia want from NATO?", "en-GB"),
        ("ru", "Чего Россия хочет от НАТО?", "ru"),
        ("uk", "Чого Росія хоче від НАТО?", "uk"),
    ];
    for (code, title, language) in titles {
        for kind in ["explainer", "handout"] {
            let pdf = site.out.join(format!("print/{kind}.{code}.pdf"));
            assert_eq!(info(&pdf, "Tagged"), "yes", "{kind}.{code}");
            assert_eq!(info(&pdf, "Title"), title, "{kind}.{code}");
            let pages: usize = info(&pdf, "Pages").parse().unwrap();
            match kind {
                "handout" => assert_eq!(pages, 2, "the handout is two pages"),
                _ => assert!(pages > 15, "{kind}.{code}: {pages} pages"),
            }
            let fonts = run("pdffonts", &[], &pdf);
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{kind}.{code} has fonts");
            for row in rows {
                // name, type (one or two words), encoding, emb, sub, uni, object, id
                let columns: Vec<&str> = row.split_whitespace().collect();
                let emb = columns[columns.len() - 5];
                assert_eq!(emb, "yes", "{kind}.{code}: a font not embedded: {row}");
            }
            let objects = run_then("qpdf", &["--qdf", "--object-streams=disable"], &pdf, &["-"]);
            assert!(
                objects.contains(&format!("/Lang ({language})")),
                "{kind}.{code} says its language is {language}"
            );
            let check = run("qpdf", &["--check"], &pdf);
            assert!(
                check.contains("No syntax or stream encoding errors"),
                "{check}"
            );
        }
    }
}

#[test]
#[ignore = "needs poppler-utils"]
fn every_section_is_in_the_pdf_in_order_its_cyrillic_intact() {
    let site = RealSite::published();
    for code in ["en", "ru", "uk"] {
        let pdf = site.out.join(format!("print/explainer.{code}.pdf"));
        let headings = part_headings(site, code);
        assert!(headings.len() >= 12, "{code}: {headings:?}");
        // After the cover and the contents: the parts themselves.
        let text = run_then("pdftotext", &["-f", "3", "-enc", "UTF-8"], &pdf, &["-"]);
        let text = words(&text);
        let mut at = 0;
        for heading in &headings {
            let found = text[at..].find(heading.as_str());
            let Some(found) = found else {
                panic!("{code}: `{heading}` is not in the PDF after its place {at}");
            };
            at += found + heading.len();
        }
        if code != "en" {
            assert!(text.contains("Россия") || text.contains("Росія"), "{code}");
        }
        // The cover has the address and the facts' date.
        let cover = words(&run_then(
            "pdftotext",
            &["-l", "1", "-enc", "UTF-8"],
            &pdf,
            &["-"],
        ));
        assert!(
            cover.contains("https://example.org/explainer/"),
            "{code}: {cover}"
        );
        let handout = site.out.join(format!("print/handout.{code}.pdf"));
        let handout = words(&run_then("pdftotext", &["-enc", "UTF-8"], &handout, &["-"]));
        assert!(handout.contains("2026"), "{code}: the facts' date");
        assert!(handout.contains("https://example.org/explainer/"), "{code}");
    }
}
