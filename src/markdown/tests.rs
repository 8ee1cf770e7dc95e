//! What the passes do together, on small pages.

use super::*;

fn page(path: &str, body: &str) -> (Page, PageText) {
    Page::in_memory(path, body)
}

/// Renders the first of `pages`, with the others as the rest of the site.
fn render_with(
    pages: Vec<(Page, PageText)>,
    data: &Data,
    glossary: Option<&Glossary>,
) -> (Body, Vec<Problem>) {
    let (pages, texts): (Vec<Page>, Vec<PageText>) = pages.into_iter().unzip();
    let index = PageIndex::new(&pages, &[]);
    let refs = References {
        pages: &index,
        data,
        glossary,
        strings: &Strings::new(),
        trust_html: false,
        files: &HashSet::new(),
        reserved_ids: &HashSet::from(["main".to_owned(), "toc".to_owned()]),
        spacing: None,
    };
    to_html(&pages[0], &texts[0], &refs)
}

fn render_alone(body: &str) -> (Body, Vec<Problem>) {
    render_with(vec![page("here.html", body)], &Data::default(), None)
}

#[test]
fn headings_get_unique_ids_self_links_and_toc_entries() {
    let (r, _) = render_alone("## Why 27 May 1997?\n\n### Sources\n\n## Sources\n");
    assert!(r.html.contains(
        r##"<h2 id="why-27-may-1997"><a class="heading-link" href="#why-27-may-1997">Why 27 May 1997?</a></h2>"##
    ), "{}", r.html);
    let ids: Vec<_> = r.outline.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["why-27-may-1997", "sources", "sources-1"]);
    assert_eq!(r.outline.toc[1].level, 3);
}

#[test]
fn links_inside_headings_are_unwrapped() {
    let (r, _) = render_alone("## See [NATO](https://nato.int)\n");
    assert!(!r.html.contains("nato.int"), "{}", r.html);
    assert_eq!(r.outline.toc[0].title, "See NATO");
}

#[test]
fn gfm_extensions_and_smart_punctuation_are_on() {
    let (r, _) = render_alone(
        "\"Quoted\" -- ~~gone~~\n\n| a |\n|---|\n| 1 |\n\nNote[^n]\n\n[^n]: A note.\n",
    );
    assert!(r.html.contains("“Quoted” –"), "{}", r.html);
    assert!(r.html.contains("<del>gone</del>"));
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("footnote-definition"));
    let (r, _) = render_alone("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
    assert!(
        r.html.contains(r#"<th class="align-left">a</th>"#),
        "{}",
        r.html
    );
    assert!(r.html.contains(r#"<td class="align-right">2</td>"#));
    let (r, _) = render_alone("| a | b | c |\n|:-:|---|--:|\n| 1 | 2 | 3 |\n| 4 |\n");
    assert!(
        r.html.contains(r#"<td class="align-center">1</td>"#)
            && r.html.contains("<td>2</td>")
            && r.html.contains(r#"<td class="align-right">3</td>"#)
            && r.html.contains(r#"<td class="align-center">4</td>"#),
        "{}",
        r.html
    );
    assert!(!r.html.contains("style="), "{}", r.html);
}

#[test]
fn md_links_become_relative_urls_and_unknown_pages_are_located() {
    let a = page(
        "a/one.html",
        "See [two](two.md#why) and\n[home](../index.md) and [gone](nope.md).\n",
    );
    let two = page("a/two.html", "");
    let home = page("index.html", "");
    let (r, problems) = render_with(vec![a, two, home], &Data::default(), None);
    assert!(r.html.contains(r#"href="two.html#why""#), "{}", r.html);
    assert!(r.html.contains(r#"href="../index.html""#));
    assert_eq!(r.outline.anchor_refs.len(), 1);
    assert_eq!(r.outline.anchor_refs[0].target.as_str(), "a/two.html");
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].line, problems[0].column), (6, 25));
    assert!(problems[0].message.contains("nope.md"));
}

#[test]
fn the_citation_scan_numbers_sources_as_the_render_does() {
    let sources: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|id| format!("- {{id: {id}, publisher: P, title: T, date: 2022-01-01, url: 'https://example.org/'}}"))
        .collect();
    let data = Data {
        sources: serde_yaml::from_str(&sources.join("\n")).expect("valid sources"),
        ..Data::default()
    };
    let body = "## Why [@c]\n\nSee [@b; @a] and [@b] again [text][@a], \
                [not cited](x.html) and `[@c]` in code.\n\n    [@c] indented code\n\n\
                ![alt [@a]](i.png) and [@zz].\n";
    let (rendered, _) = render_with(vec![page("here.html", body)], &data, None);
    assert_eq!(
        scan_citations(&page("here.html", body).1, &data),
        rendered.citations
    );
    let ids: Vec<_> = rendered.citations.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c", "b", "a"]);
}

#[test]
fn word_count_skips_code_blocks() {
    let (r, _) =
        render_alone("One \"two\" `three`.\n\n```\nnot counted here\n```\n\nNATO's *un*done\n");
    assert_eq!(r.outline.word_count, 5);
}

#[test]
fn a_footnote_or_text_right_before_a_citation_is_kept() {
    let source = "- {id: a, publisher: P, title: T, date: 2022-01-01, url: 'https://example.org/'}";
    let data = Data {
        sources: serde_yaml::from_str(source).expect("a valid source"),
        ..Data::default()
    };
    let body =
        "«Нет права вето»[^q][@a] and [the report][@a].\n\n[^q]: “Russia does not have a veto.”\n";
    let (r, problems) = render_with(vec![page("here.html", body)], &data, None);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(r.html.contains("«Нет права вето»<sup class=\"footnote-reference\"><a id=\"fnref-q\" href=\"#fn-q\">a</a></sup><sup class=\"citation\">"), "{}", r.html);
    assert!(r.html.contains("<div class=\"footnote-definition\" id=\"fn-q\"><a class=\"footnote-definition-label\" href=\"#fnref-q\">a</a>"), "{}", r.html);
    assert!(
        r.html.contains(" and the report<sup class=\"citation\">"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("Russia does not have a veto."),
        "{}",
        r.html
    );
}
