//! What each Markdown pass makes of a small page, as snapshots: one per pass, each holding
//! the page as its author wrote it and its body as the build writes it, with what the page
//! learnt of itself (its table of contents, its numbered sources). They live in
//! `tests/snapshots/markdown__*.snap`; a change to a pass shows as a diff there, to read
//! like any other change (README, "Development", says how to accept one).

mod common;

use common::{Fixture, page};

/// The page template: the body alone, then the page's table of contents and sources, each
/// entry on a line of its own.
const BODY: &str = r#"{{ page.content | safe }}
{%- if page.toc %}
<!-- toc: level, id, title -->
{%- for t in page.toc %}
{{ t.level }} #{{ t.id }} {{ t.title }}
{%- endfor %}
{%- endif %}
{%- if page.sources %}
<!-- sources: number, anchor, id, markers -->
{%- for s in page.sources %}
{{ s.number }} #{{ s.anchor }} {{ s.id }}{% for r in s.refs %} #{{ r }}{% endfor %}
{%- endfor %}
{%- endif %}
"#;

/// A site whose pages show only their bodies.
fn site() -> Fixture {
    let site = Fixture::new();
    site.write("templates/page.html", BODY)
        .write("templates/index.html", BODY);
    site
}

/// Builds `site` and shows each of `files` (under `content/`) with the page it became.
fn built(site: &Fixture, files: &[&str]) -> String {
    if let Err(e) = site.build() {
        panic!("the fixture should build:\n{e}");
    }
    let shown: Vec<String> = files
        .iter()
        .map(|file| {
            let source = std::fs::read_to_string(site.root().join("content").join(file)).unwrap();
            let page = file.replace(".md", ".html");
            format!(
                "content/{file}:\n{}\n\n{page}:\n{}",
                source.trim_end(),
                site.read(&page).trim_end()
            )
        })
        .collect();
    shown.join("\n\n")
}

const SOURCES: &str = "\
- {id: draft, publisher: MID, title: Draft agreement, date: 2021-12-17, url: 'https://example.org/draft'}
- {id: reply, publisher: NATO, title: The reply, date: 2022-01-26, url: 'https://example.org/reply'}
";

#[test]
fn citations_become_numbered_markers_in_order_of_first_use_and_code_is_left_alone() {
    let site = site();
    site.write("content/data/sources.yaml", SOURCES).write(
        "content/index.md",
        &page(
            "Home",
            "Russia sent a draft.[@draft] NATO answered[@reply; @draft] in\n\
             [its reply][@reply]; `[@draft]` in code is text.\n",
        ),
    );
    insta::assert_snapshot!("citations", built(&site, &["index.md"]));
}

#[test]
fn footnotes_are_lettered_and_a_citation_right_after_one_is_kept() {
    let site = site();
    site.write("content/data/sources.yaml", SOURCES).write(
        "content/index.md",
        &page(
            "Home",
            "«Нет права вето»[^veto][@reply] and a second note.[^two] The first again.[^veto]\n\n\
             [^veto]: “Russia does not have a veto.”\n\n\
             [^two]: Another note.\n\n\
             And the draft.[@draft]\n",
        ),
    );
    insta::assert_snapshot!("footnotes", built(&site, &["index.md"]));
}

#[test]
fn a_glossary_terms_first_use_links_to_its_entry_outside_headings_links_code_and_the_glossary() {
    let site = site();
    site.write(
        "content/data/glossary.yaml",
        "- {id: nrc, term: NATO-Russia Council, aliases: [NRC], definition: A forum.}\n\
         - {id: nato, term: NATO, definition: The alliance.}\n\
         - {id: battlegroup, term: battlegroup, forms: [battlegroups], definition: A unit.}\n",
    )
    .write(
        "content/glossary.md",
        &page("Glossary", "NATO, listed here, is not linked."),
    )
    .write(
        "content/index.md",
        &page(
            "Home",
            "## NATO in a heading\n\n\
             The NATO-Russia Council met; NATO replied, then NATO again, and the NRC.\n\
             [NATO in a link](glossary.md), `battlegroup` in code, battlegrouping in a longer\n\
             word; then two battlegroups and a battlegroup.\n",
        ),
    );
    insta::assert_snapshot!("glossary", built(&site, &["index.md", "glossary.md"]));
}

#[test]
fn links_to_markdown_files_become_relative_urls_from_the_page() {
    let site = site();
    site.write(
        "content/a/one.md",
        &page(
            "One",
            "See [two](two.md#why), [home](../index.md), [the report](../files/report.pdf),\n\
             [below](#here) and [NATO](https://www.nato.int/) as written.\n\n## Here\n",
        ),
    )
    .write("content/a/two.md", &page("Two", "## Why?\n"))
    .write("static/files/report.pdf", "%PDF-1.4\n")
    .write(
        "content/index.md",
        &page("Home", "[One](a/one.md) and [two](a/two.md)."),
    );
    insta::assert_snapshot!("links", built(&site, &["a/one.md"]));
}

#[test]
fn a_link_to_a_missing_page_or_heading_is_an_error_at_its_place_with_a_hint() {
    let site = site();
    site.write(
        "content/index.md",
        &page("Home", "See [gone](gone.md) and [there](#there).\n"),
    );
    insta::assert_snapshot!("links_broken", site.build_err());
}

#[test]
fn headings_get_unique_ids_and_self_links_and_fill_the_table_of_contents() {
    let site = site();
    site.write(
        "content/index.md",
        &page(
            "Home",
            "## Why 27 May 1997?\n\n### Sources\n\n## Sources\n\n\
             ## See [NATO](https://www.nato.int/)\n\n## Chosen id {#chosen}\n",
        ),
    );
    insta::assert_snapshot!("headings", built(&site, &["index.md"]));
}

#[test]
fn aligned_table_cells_get_a_class_not_a_style() {
    let site = site();
    site.write(
        "content/index.md",
        &page(
            "Home",
            "| Left | Centre | Right | None |\n|:--|:-:|--:|---|\n| a | b | c | d |\n| e |\n",
        ),
    );
    insta::assert_snapshot!("tables", built(&site, &["index.md"]));
}

#[test]
fn an_edition_in_russian_binds_one_letter_words_and_dashes_with_no_break_spaces() {
    let site = site();
    site.write(
        "site.yaml",
        &format!(
            "{}language_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n",
            common::SITE_YAML
        ),
    )
    .write(
        "content/ru/index.md",
        &page(
            "Главная",
            "Встреча в [Женеве](index.md) и в Риме — итог, а *с* ними\nи в тексте.\n\n\
             ```\nкод в блоке — как есть\n```\n",
        ),
    );
    // A no-break space is shown as `~`, to be seen.
    let shown = built(&site, &["ru/index.md"]).replace('\u{a0}', "~");
    insta::assert_snapshot!("spacing", shown);
}

#[test]
fn raw_html_is_cleaned_of_scripts_styles_and_event_handlers() {
    let site = site();
    site.write(
        "content/index.md",
        &page(
            "Home",
            "<p class=\"lead\" onclick=\"steal()\" style=\"color: red\">Kept <b>bold</b>.</p>\n\n\
             <script>steal()</script>\n\nText with <span>inline</span> HTML and <a href=\"javascript:steal()\">a link</a>.\n",
        ),
    );
    insta::assert_snapshot!("raw_html", built(&site, &["index.md"]));
}
