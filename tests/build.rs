//! Building fixture sites: what an author gets for good input, and for each kind of mistake.

mod common;

use std::fs;

use common::{Fixture, attr_values, broken_links, page, snapshot};

#[test]
fn a_site_builds_into_html_files_named_after_their_sources() {
    let site = Fixture::new();
    site.write("content/demands.md", &page("Demands", "Text."))
        .write("content/history/early.md", &page("Early", "Old times."));
    let report = site.build().unwrap();
    assert_eq!(report.pages, 3);
    for path in [
        "index.html",
        "demands.html",
        "history/early.html",
        "robots.txt",
    ] {
        assert!(site.out().join(path).is_file(), "{path} missing");
    }
    assert!(
        site.read("demands.html")
            .contains("<title>Demands | Fixture site</title>")
    );
}

#[test]
fn stylesheets_are_published_under_a_fingerprinted_name_that_every_page_uses() {
    let site = Fixture::new();
    site.write("content/history/early.md", &page("Early", ""));
    site.build().unwrap();
    let css: Vec<String> = fs::read_dir(site.out())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("style.") && n.ends_with(".css"))
        .collect();
    // The site's own style.css, in place of the theme's; the theme's print.css beside it.
    assert_eq!(css.len(), 1, "{css:?}");
    assert!(
        css[0].starts_with("style.") && css[0] != "style.css",
        "{css:?}"
    );
    assert!(
        site.read("index.html")
            .contains(&format!("href=\"{}\"", css[0]))
    );
    assert!(
        site.read("history/early.html")
            .contains(&format!("href=\"../{}\"", css[0]))
    );

    site.write("static/style.css", "body { margin: 1px }\n");
    site.build().unwrap();
    assert!(
        !site.out().join(&css[0]).exists(),
        "a changed stylesheet gets a new name"
    );
}

#[test]
fn sitemap_feed_and_robots_use_the_base_url_and_are_left_out_without_one() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A & B\ndescription: d\ndate: 2022-01-13\nupdated: 2026-11-26\nchanges: [{date: 2026-11-26, kind: update, text: New.}]\n---\n",
    );
    site.build().unwrap();
    assert!(!site.out().join("sitemap.xml").exists());
    assert!(!site.out().join("feed.xml").exists());
    assert!(!site.read("robots.txt").contains("Sitemap"));

    let mut options = site.options();
    options.base_url = Some("https://example.org/explainer/".into());
    let report = explainer::build(&options).unwrap();
    assert!(report.notes.is_empty());
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/explainer/a.html</loc><lastmod>2026-11-26</lastmod>"
        ),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://example.org/explainer/index.html</loc>"));
    let feed = site.read("feed.xml");
    assert!(
        feed.contains(
            "<entry><title>A &amp; B</title><link href=\"https://example.org/explainer/a.html\"/>"
        ),
        "{feed}"
    );
    assert!(feed.contains("<updated>2026-11-26T00:00:00Z</updated>"));
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/explainer/sitemap.xml")
    );
}

#[test]
fn pages_are_in_weight_order_with_home_first_and_prev_next_links() {
    let site = Fixture::new();
    site.write(
        "content/b.md",
        "---\ntitle: B\ndescription: d\nweight: 1\n---\n",
    )
    .write(
        "content/a.md",
        "---\ntitle: A\ndescription: d\nweight: 2\n---\n",
    );
    site.build().unwrap();
    let b = site.read("b.html");
    let nav: Vec<_> = attr_values(&b, "href")
        .into_iter()
        .filter(|h| h.ends_with(".html"))
        .collect();
    assert_eq!(&nav[..3], ["index.html", "b.html", "a.html"]);
    assert!(b.contains(r#"<a rel="prev" href="index.html">Home</a>"#));
    assert!(b.contains(r#"<a rel="next" href="a.html">A</a>"#));
}

#[test]
fn internal_md_links_become_relative_urls_that_resolve() {
    let site = Fixture::new();
    site.write("content/demands.md", &page("Demands", "## Why 27 May 1997?\n\nSee [the reply](history/reply.md#offers)."))
        .write(
            "content/history/reply.md",
            &page("Reply", "## Offers\n\nBack to [the date](../demands.md#why-27-may-1997) or [home](../index.md)."),
        );
    site.build().unwrap();
    let demands = site.read("demands.html");
    assert!(
        demands.contains(r#"href="history/reply.html#offers""#),
        "{demands}"
    );
    let reply = site.read("history/reply.html");
    assert!(reply.contains(r#"href="../demands.html#why-27-may-1997""#));
    assert!(reply.contains(r#"href="../index.html""#));
    assert_eq!(broken_links(&site.out()), Vec::<String>::new());
}

#[test]
fn a_link_to_a_missing_page_or_anchor_fails_the_build_naming_file_and_line() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        &page(
            "A",
            "## Real heading\n\nGo [there](nowhere.md).\n\nAnd [here](a.md#fake-heading).",
        ),
    );
    let err = site.build_err();
    assert!(
        err.contains("content/a.md:7:4: link to `nowhere.md`: there is no page content/nowhere.md"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/a.md:9:5: link to `#fake-heading`: a.html has no heading with that id"
        ),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn heading_ids_are_unique_and_the_same_on_every_build() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        &page(
            "A",
            "## Sources\n\n### Sources\n\n## Sources {#own-id}\n\n## Sources\n",
        ),
    );
    site.build().unwrap();
    let first = site.read("a.html");
    let ids: Vec<_> = attr_values(&first, "id")
        .into_iter()
        .filter(|i| *i != "main")
        .collect();
    assert_eq!(ids, ["sources", "sources-1", "own-id", "sources-2"]);
    site.build().unwrap();
    assert_eq!(site.read("a.html"), first);
}

#[test]
fn headings_link_to_themselves_and_fill_the_table_of_contents() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        &page("A", "## First part\n\nText.\n\n### A detail\n"),
    );
    site.build().unwrap();
    let html = site.read("a.html");
    assert!(html.contains(r##"<h2 id="first-part"><a class="heading-link" href="#first-part">First part</a></h2>"##), "{html}");
    assert!(html.contains(r##"<ol class="toc"><li><a href="#first-part">First part</a></li><li><a href="#a-detail">A detail</a></li></ol>"##));
}

/// Builds a good site, then breaks it with `broken` and checks the build fails with
/// `expected` in the message while the earlier output stays byte for byte the same.
fn fails_and_keeps_output(file: &str, broken: &str, expected: &[&str]) {
    let site = Fixture::new();
    site.write("content/demands.md", &page("Demands", "Text."));
    site.build().unwrap();
    let before = snapshot(&site.out());
    site.write(file, broken);
    let err = site.build_err();
    for needle in expected {
        assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    }
    assert_eq!(snapshot(&site.out()), before, "the previous output changed");
}

#[test]
fn an_unknown_front_matter_field_is_located_with_a_suggestion() {
    fails_and_keeps_output(
        "content/demands.md",
        "---\ntitle: Demands\ntitel: Oops\ndescription: D\n---\n",
        &[
            "content/demands.md:3:1: unknown field `titel`, expected one of",
            "= help: did you mean `title`?",
        ],
    );
}

#[test]
fn a_wrong_type_is_located_at_the_value() {
    fails_and_keeps_output(
        "content/demands.md",
        "---\ntitle: Demands\ndescription: D\nweight: heavy\n---\n",
        &["content/demands.md:4:9: weight: invalid type: string \"heavy\", expected i64"],
    );
}

#[test]
fn a_missing_title_is_reported() {
    fails_and_keeps_output(
        "content/demands.md",
        "---\ndescription: D\n---\nBody\n",
        &[
            "content/demands.md:2:1: missing field `title`",
            "= help: add a line `title: ...`",
        ],
    );
}

#[test]
fn broken_yaml_syntax_is_located() {
    fails_and_keeps_output(
        "content/demands.md",
        "---\ntitle: Demands\n  description: Russia: demands\n---\n",
        &[
            "content/demands.md:3:14: mapping values are not allowed in this context",
            "3 |   description: Russia: demands",
            "= help: check the indentation, and quote values that contain `: `",
        ],
    );
    fails_and_keeps_output(
        "content/demands.md",
        "---\ntitle: Demands\ndescription: \"unclosed\n---\n",
        &[
            "content/demands.md:4:1: found unexpected end of stream",
            "= help: a quote or bracket was opened and not closed",
        ],
    );
}

#[test]
fn missing_or_unclosed_front_matter_and_empty_files_are_explained() {
    fails_and_keeps_output(
        "content/demands.md",
        "",
        &["content/demands.md:1:1: the file is empty"],
    );
    fails_and_keeps_output(
        "content/demands.md",
        "# Title\n",
        &["content/demands.md:1:1: missing front matter"],
    );
    fails_and_keeps_output(
        "content/demands.md",
        "---\ntitle: A\n",
        &["content/demands.md:1:1: the front matter is not closed"],
    );
}

#[test]
fn a_mistake_in_site_yaml_is_reported_alone_not_as_missing_strings() {
    let site = Fixture::new();
    site.write("i18n/en.yaml", "read_more: Read more\n");
    site.write(
        "site.yaml",
        &format!("{}share_card: true\n", common::SITE_YAML),
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:5:1: unknown field `share_card`"),
        "{err}"
    );
    assert!(!err.contains("i18n/"), "{err}");
    assert!(err.contains("1 error"), "{err}");
}

#[test]
fn a_template_error_names_the_template_line_and_the_page() {
    fails_and_keeps_output(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\n{{ page.no_such_field }}\n{% endblock content %}",
        &["templates/page.html:2:", "(while rendering content/"],
    );
    fails_and_keeps_output(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\n{{ pgae.title }}\n{% endblock content %}",
        &[
            "templates/page.html:2:",
            "pgae",
            "templates get `site`, `data`, `page`",
        ],
    );
    fails_and_keeps_output(
        "templates/page.html",
        "{% if %}",
        &["templates/page.html:1:"],
    );
}

#[test]
fn an_unknown_template_name_is_an_error_with_a_suggestion() {
    fails_and_keeps_output(
        "content/demands.md",
        "---\ntitle: Demands\ndescription: D\ntemplate: pge.html\n---\n",
        &[
            "content/demands.md:4:11: there is no template `pge.html`",
            "did you mean `page.html`?",
        ],
    );
}

#[test]
fn every_mistake_of_a_run_is_reported_together() {
    let site = Fixture::new();
    site.write("content/a.md", "---\ntitle: A\n---\n")
        .write(
            "content/b.md",
            "---\ntitle: B\ndescription: B\ndate: 2022-02-30\n---\n",
        )
        .write("content/c.md", &page("C", "[x](missing.md)"))
        .write("site.yaml", &format!("{}colour: red\n", common::SITE_YAML));
    let err = site.build_err();
    for needle in [
        "content/a.md:2:1",
        "content/b.md:4:7",
        "content/c.md:5:1",
        "site.yaml:5:1",
        "4 errors",
    ] {
        assert!(err.contains(needle), "expected {needle} in:\n{err}");
    }
}

#[test]
fn bom_and_crlf_line_endings_are_accepted() {
    let site = Fixture::new();
    site.write("content/win.md", "\u{feff}---\r\ntitle: Windows\r\ndescription: Saved on Windows.\r\n---\r\n## Heading\r\n\r\nText.\r\n");
    site.build().unwrap();
    assert!(site.read("win.html").contains(r#"<h2 id="heading">"#));
}

#[test]
fn two_pages_with_the_same_url_are_an_error_naming_both() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\ndescription: d\nslug: b\n---\n",
    )
    .write("content/b.md", &page("B", ""));
    let err = site.build_err();
    assert!(
        err.contains(
            "content/b.md:1:1: this page and content/a.md would both be written to b.html"
        ),
        "{err}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Fixture::new();
    site.write(
        "content/wip.md",
        "---\ntitle: WIP\ndescription: d\ndraft: true\n---\n",
    );
    site.build().unwrap();
    assert!(!site.out().join("wip.html").exists());
    let mut options = site.options();
    options.drafts = true;
    explainer::build(&options).unwrap();
    assert!(site.out().join("wip.html").exists());
}

#[test]
fn static_files_are_copied_except_hidden_ones() {
    let site = Fixture::new();
    site.write("static/img/map.svg", "<svg/>")
        .write("static/.secret", "x")
        .write("static/.git/config", "x");
    site.build().unwrap();
    assert!(site.out().join("img/map.svg").is_file());
    assert!(!site.out().join(".secret").exists());
    assert!(!site.out().join(".git").exists());
}

#[test]
fn a_rebuild_removes_pages_whose_source_is_gone() {
    let site = Fixture::new();
    site.write("content/old.md", &page("Old", ""));
    site.build().unwrap();
    fs::remove_file(site.root().join("content/old.md")).unwrap();
    site.build().unwrap();
    assert!(!site.out().join("old.html").exists());
}

#[test]
fn a_folder_that_was_not_written_by_explainer_is_never_replaced() {
    let site = Fixture::new();
    site.write("public/notes.txt", "my notes");
    let err = site.build_err();
    assert!(err.contains("not written by explainer"), "{err}");
    assert_eq!(
        fs::read_to_string(site.out().join("notes.txt")).unwrap(),
        "my notes"
    );

    let mut options = site.options();
    options.output_dir = site.root().to_path_buf();
    let err = explainer::build(&options).unwrap_err().to_string();
    assert!(err.contains("the site's own folder"), "{err}");
}

#[test]
fn base_url_gives_pages_a_permalink() {
    let site = Fixture::new();
    site.write(
        "templates/page.html",
        "{% if page.permalink %}<link rel=\"canonical\" href=\"{{ page.permalink }}\">{% endif %}",
    );
    site.write("content/a.md", &page("A", ""));
    let mut options = site.options();
    options.base_url = Some("https://example.org/explainer".into());
    explainer::build(&options).unwrap();
    assert_eq!(
        site.read("a.html"),
        r#"<link rel="canonical" href="https://example.org/explainer/a.html">"#
    );
    site.build().unwrap();
    assert_eq!(site.read("a.html"), "");
}

#[test]
fn front_matter_gets_the_same_smart_punctuation_as_the_body() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: NATO's \"open door\"\ndescription: Why it's open -- and what *stars* mean...\nquestion: What's the 'door'?\n---\nNATO's \"open door\" -- as in the body.\n",
    );
    site.build().unwrap();
    let html = fs::read_to_string(site.out().join("a.html")).unwrap();
    assert!(html.contains("<title>NATO’s “open door”"), "{html}");
    assert!(
        html.contains("Why it’s open – and what *stars* mean…"),
        "{html}"
    );
    assert!(html.contains("What’s the ‘door’?"), "{html}");
    assert!(
        html.contains("NATO’s “open door” – as in the body."),
        "{html}"
    );
}

#[test]
fn rendering_the_same_library_twice_gives_the_same_files() {
    let site = Fixture::new();
    site.write(
        "content/data/sources.yaml",
        "- id: s\n  publisher: P\n  title: T\n  date: 2022-01-26\n  url: https://example.org/\n",
    )
    .write(
        "content/a.md",
        &page("A", "## Part\n\nClaim.[@s] See [B](b.md#part)."),
    )
    .write("content/b.md", &page("B", "## Part\n\nText."));
    let (library, texts) = explainer::prepare(&site.options());
    assert!(!library.is_broken());
    let render = || {
        let memory = explainer::output::Memory::default();
        let rendered = explainer::render::site(&library, texts.clone(), &memory).unwrap();
        (memory.into_files(), rendered.outlines.len())
    };
    let (first, pages) = render();
    let (second, _) = render();
    assert_eq!(pages, 3);
    assert!(
        first
            .get("a.html")
            .is_some_and(|html| html.contains("Claim.")),
        "{first:?}"
    );
    assert_eq!(first, second, "a library is only read by rendering");
}

#[test]
fn one_mistake_in_a_template_that_many_pages_use_is_reported_once_with_its_other_times() {
    let site = Fixture::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nope }}{% endblock content %}",
    );
    for name in ["a", "b", "c", "d"] {
        site.write(&format!("content/{name}.md"), &page(name, "Text."));
    }
    let err = explainer::build(&site.options()).unwrap_err();
    let report = err.report(false);
    assert_eq!(report.matches("is not defined").count(), 1, "{report}");
    assert!(
        report.contains("= the same 3 more times: for content/b.md, content/c.md, content/d.md"),
        "{report}"
    );
    assert!(
        report.ends_with("4 errors"),
        "every one is counted: {report}"
    );
}

#[test]
fn a_home_page_left_out_as_a_draft_is_said_to_be_one_not_missing() {
    let site = Fixture::new();
    site.write(
        "content/index.md",
        "---\ntitle: Home\ndescription: Start.\ndraft: true\n---\nWelcome.\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/index.md:1:1: the home page is a draft (`draft: true`)")
            && err.contains("`--drafts`")
            && !err.contains("missing"),
        "{err}"
    );
    let mut options = site.options();
    options.drafts = true;
    explainer::build(&options).expect("with --drafts it is built");
}

#[test]
fn settings_and_data_typed_with_straight_quotes_read_like_the_pages() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &common::SITE_YAML.replace("title: Fixture site", "title: \"The editors' \\\"site\\\"\""),
    )
    .write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"t\">{{ site.title }}</p>{% for e in data.timeline %}<p id=\"e\">{{ e.text }}</p>{% endfor %}{% endblock content %}",
    )
    .write(
        "content/data/sources.yaml",
        "- id: s\n  publisher: P\n  title: T\n  url: https://example.org/\n  date: 2022-01-01\n",
    )
    .write(
        "content/data/timeline.yaml",
        "- date: 2022-01-01\n  title: A day\n  text: It's \"done\" -- at last...\n  sources: [s]\n",
    )
    .write("content/a.md", &page("A", "Cites.[@s]"));
    site.build().unwrap();
    let html = site.read("a.html");
    assert!(html.contains("The editors’ “site”"), "{html}");
    assert!(html.contains("It’s “done” – at last…"), "{html}");
}
