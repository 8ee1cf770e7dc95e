//! Property tests: whatever bytes or Markdown an author saves, the page pipeline (decode,
//! front matter, Markdown, templates) gives a page or a located error, and never panics.

mod common;

use common::Fixture;
use explainer::Error;
use proptest::prelude::*;

/// Loads and renders the fixture with `content/x.md` holding `bytes`, in memory.
fn run(site: &Fixture, bytes: &[u8]) -> Result<(), TestCaseError> {
    std::fs::write(site.root().join("content/x.md"), bytes).unwrap();
    // Drafts included, so that every page that loads is rendered.
    let mut options = site.options();
    options.drafts = true;
    match explainer::build_in_memory(&options) {
        Ok((output, _)) => {
            // index, other and x (under its own name or its slug).
            prop_assert_eq!(output.pages, 3);
        }
        Err(Error::Site(diagnostics)) => {
            prop_assert!(!diagnostics.is_empty());
            let lines = bytes.split(|&b| b == b'\n').count();
            for d in diagnostics {
                prop_assert_eq!(d.origin.to_string(), "content/x.md", "{}", d);
                prop_assert!(
                    d.line >= 1 && d.line <= lines,
                    "line {} of {}: {}",
                    d.line,
                    lines,
                    d
                );
                prop_assert!(d.column >= 1);
            }
        }
        Err(other) => prop_assert!(false, "not a located error: {other}"),
    }
    Ok(())
}

fn fixture() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/other.md",
        &common::page("Other", "## Known heading\n"),
    );
    site.write(
        "content/data/sources.yaml",
        "- id: known-source\n  publisher: P\n  title: T\n  date: 2022-01-26\n  url: https://example.org/\n",
    );
    site
}

/// Markdown a hurried author might write: every construct the pipeline treats specially,
/// with mistakes mixed in.
fn markdown_block() -> impl Strategy<Value = String> {
    let text = "[a-zA-Z0-9 ,.'\"&<>*_`~:;!?()\\[\\]#@^-]{0,40}";
    prop_oneof![
        text.prop_map(|t| format!("{t}\n")),
        (1..7usize, text).prop_map(|(n, t)| format!("{} {t}\n", "#".repeat(n))),
        text.prop_map(|t| format!("- {t}\n  - {t}\n")),
        (0..200usize).prop_map(|n| format!("{}deep\n", "> ".repeat(n))),
        prop_oneof![
            Just("other.md"),
            Just("other.md#known-heading"),
            Just("other.md#nope"),
            Just("missing.md"),
            Just("../../x.md"),
            Just("#here"),
            Just("https://example.org/"),
            Just("javascript:alert(1)")
        ]
        .prop_map(|dest| format!("[link]({dest})\n")),
        prop_oneof![
            Just("[@known-source]"),
            Just("[@unknown]"),
            Just("[@known-source; @x]"),
            Just("[@]")
        ]
        .prop_map(|c| format!("Claim.{c}\n")),
        text.prop_map(|t| format!("<div onclick=\"x\">{t}</div>\n<script>{t}</script>\n")),
        text.prop_map(|t| format!("| a | b |\n|:-|-:|\n| {t} | x |\n")),
        text.prop_map(|t| format!("```\n{t}\n```\n")),
        text.prop_map(|t| format!("Note[^1].\n\n[^1]: {t}\n")),
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    let value = "[a-zA-Z0-9 :'\"#&*!|>-]{0,20}";
    let field = prop_oneof![
        value.prop_map(|v| format!("title: {v}")),
        value.prop_map(|v| format!("description: {v}")),
        value.prop_map(|v| format!("question: {v}")),
        any::<i64>().prop_map(|w| format!("weight: {w}")),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(|d| format!("date: {d}")),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(|d| format!("updated: {d}")),
        any::<bool>().prop_map(|b| format!("draft: {b}")),
        prop_oneof![Just("page.html"), Just("nope.html"), Just("../x")]
            .prop_map(|t| format!("template: {t}")),
        "[a-z0-9./-]{0,12}".prop_map(|s| format!("slug: {s}")),
        prop::collection::vec(value, 0..3).prop_map(|v| format!("key_points: [{}]", v.join(", "))),
        value.prop_map(|v| format!("titel: {v}")),
    ];
    prop::collection::vec(field, 0..8).prop_map(|fields| fields.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_give_a_page_or_a_located_error(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        run(&fixture(), &bytes)?;
    }

    #[test]
    fn arbitrary_front_matter_and_markdown_give_a_page_or_a_located_error(
        required in any::<bool>(),
        fm in front_matter(),
        blocks in prop::collection::vec(markdown_block(), 0..12),
        crlf in any::<bool>(),
    ) {
        let head = if required { "title: T\ndescription: D\n" } else { "" };
        let mut text = format!("---\n{head}{fm}\n---\n{}", blocks.concat());
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        run(&fixture(), text.as_bytes())?;
    }
}

/// Builds the fixture with `glossary` as its glossary and `text` as a page that uses it, in
/// memory: pages, or errors located in the files written, never a panic.
fn run_with_glossary(glossary: &str, text: &str) -> Result<(), TestCaseError> {
    let site = fixture();
    site.write("content/glossary.md", &common::page("Glossary", "Terms."))
        .write("content/data/glossary.yaml", glossary)
        .write("content/x.md", &common::page("X", text));
    match explainer::build_in_memory(&site.options()) {
        Ok((output, _)) => prop_assert_eq!(output.pages, 4),
        Err(Error::Site(diagnostics)) => {
            for d in diagnostics {
                let file = d.origin.to_string().replace('\\', "/");
                let written = match file.as_str() {
                    "content/data/glossary.yaml" => glossary,
                    "content/x.md" => text,
                    _ => return Err(TestCaseError::fail(format!("not located: {d}"))),
                };
                prop_assert!(
                    d.line >= 1 && d.line <= written.lines().count() + 4,
                    "{}",
                    d
                );
            }
        }
        Err(other) => prop_assert!(false, "not a located error: {other}"),
    }
    Ok(())
}

/// A glossary entry as an author might write it: spellings empty, blank, in any script,
/// ids repeated.
fn glossary_entry() -> impl Strategy<Value = String> {
    let spelling = "[a-zA-Zéß Дд-я'ё]{0,6}";
    (
        "[a-c]{1,2}",
        spelling,
        prop::collection::vec(spelling, 0..3),
        prop::collection::vec(spelling, 0..2),
    )
        .prop_map(|(id, term, aliases, forms)| {
            let list = |v: Vec<String>| v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
            format!(
                "- id: {id}\n  term: \"{term}\"\n  aliases: [{}]\n  forms: [{}]\n  definition: D.\n",
                list(aliases),
                list(forms)
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_glossaries_give_pages_or_located_errors(
        entries in prop::collection::vec(glossary_entry(), 1..5),
        text in "[a-zA-Zéß Дд-яё.,]{0,60}",
    ) {
        run_with_glossary(&entries.concat(), &text)?;
    }
}

#[test]
fn an_empty_alias_is_an_error_at_its_line_and_a_page_in_cyrillic_builds() {
    let site = fixture();
    site.write("content/glossary.md", &common::page("Glossary", "Terms."))
        .write(
            "content/data/glossary.yaml",
            "- id: nato\n  term: NATO\n  aliases: [\"\"]\n  definition: D.\n",
        )
        .write("content/x.md", &common::page("X", "Ёлка и NATO."));
    let err = site.build_err();
    assert!(
        err.contains("content/data/glossary.yaml:3:") && err.contains("can't be empty"),
        "{err}"
    );
}
