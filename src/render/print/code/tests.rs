use super::*;

fn one(html: &str) -> String {
    parts(&[html]).bodies.remove(0)
}

#[test]
fn text_is_never_read_as_typst() {
    let code = one(r#"<p>#set page(width: 1cm) *bold* "quoted" \ $x$ // not a comment</p>"#);
    assert_eq!(
        code,
        r##"{{parbreak(); {"#set page(width: 1cm) *bold* \"quoted\" \\ $x$ // not a comment"}; parbreak()}}"##
    );
}

#[test]
fn links_go_to_labels_that_exist_and_to_the_web() {
    let code = one(
        r##"<h2 id="a-b">T <a class="heading-link" href="#a-b">#</a></h2><p><a href="#a-b">here</a> <a href="#gone">gone</a> <a href="https://example.org/">web</a> <a href="other.html">file</a></p>"##,
    );
    assert!(code.contains(r#"<a-b>]"#), "{code}");
    assert!(code.contains(r#"link(label("a-b"), {"here"})"#), "{code}");
    assert!(
        !code.contains(r#""gone")"#) && code.contains(r#"{"gone"}"#),
        "{code}"
    );
    assert!(
        code.contains(r#"link("https://example.org/", {"web"})"#),
        "{code}"
    );
    assert!(
        code.contains(r#"{"file"}"#) && !code.contains("other.html"),
        "{code}"
    );
    // The heading's own link is no link in print.
    assert_eq!(code.matches("link(").count(), 2, "{code}");
}

#[test]
fn navigation_and_hidden_elements_are_left_out_but_classed_decoration_goes_to_the_template() {
    let code = one(
        r#"<nav><a href="x">skip</a></nav><div hidden>gone</div><span aria-hidden="true">↩</span><span class="swatch g-a" aria-hidden="true"></span>"#,
    );
    assert!(!code.contains("skip") && !code.contains("gone") && !code.contains('↩'));
    assert!(
        code.contains(r#"element((name: "span", class: "swatch g-a", hidden: true), [])"#),
        "{code}"
    );
}

#[test]
fn ids_are_labels_any_character_kept_apart() {
    assert_eq!(label("part-a--b.c"), "part-a--b.c");
    assert_eq!(label("часть"), "_447__430__441__442__44c_");
    assert_ne!(label("a b"), label("a_20_b"));
}

#[test]
fn a_tables_header_repeats_and_its_caption_is_on_top() {
    let code = one(
        "<table><caption>Countries</caption><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td colspan=\"2\">x</td></tr></tbody></table>",
    );
    assert!(code.contains("table(columns: 2, table.header("), "{code}");
    assert!(code.contains("table.cell(colspan: 2, "), "{code}");
    assert!(code.contains("figure.caption(position: top, "), "{code}");
}

#[test]
fn numbered_items_keep_their_numbers_and_terms_their_descriptions() {
    let code = one(r#"<ol><li value="3">c</li><li>d</li></ol>"#);
    assert_eq!(code, r#"{enum(enum.item(3, {"c"}), {"d"}, )}"#);
    let code = one("<dl><div><dt>T</dt><dd>one</dd><dd>two</dd></div><dt>U</dt></dl>");
    assert_eq!(
        code,
        r#"{terms(terms.item({"T"}, {{"one"}; parbreak(); {"two"}}), terms.item({"U"}, []), )}"#
    );
}

#[test]
fn other_languages_are_marked() {
    assert_eq!(language("en-GB"), Some(("en".into(), Some("GB".into()))));
    assert_eq!(language("uk"), Some(("uk".into(), None)));
    assert_eq!(language("x-private"), None);
    let code = one(r#"<p><span lang="ru">да</span></p>"#);
    assert!(code.contains(r#"text(lang: "ru", {"да"})"#), "{code}");
}

#[test]
fn spaces_between_blocks_are_layout_and_spaces_between_words_are_text() {
    let code = one(
        "\n<div>\n  <p>a</p>\n  <p><a href=\"https://x.org/\">b</a> <small>(c)</small></p>\n</div>\n",
    );
    assert_eq!(
        code,
        r#"{{parbreak(); {{parbreak(); {"a"}; parbreak()}; {parbreak(); {link("https://x.org/", {"b"}); " "; text(size: 0.85em, {"(c)"})}; parbreak()}}; parbreak()}}"#
    );
}
