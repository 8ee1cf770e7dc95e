//! The offline edition (`portable: true`): each edition also as one file that needs nothing
//! else, every page a part of it with its links inside; the mirrors shown beside its link;
//! and the 16 KB rule, which warns of every page or stylesheet heavier than that gzipped.

mod common;

use common::{Fixture, SITE_YAML, page, run_build};

const BASE_URL: &str = "https://example.org/site/";
const MIRROR: &str = "http://mirrorexample2ab3cd.onion/";

/// The layout of every page: its content in <main>, and the footer's link to the edition's
/// offline file and the mirrors.
const BASE: &str = r##"<!DOCTYPE html>
<html lang="{{ site.language }}"><head><meta charset="utf-8"><title>{{ page.title }}</title>
{%- if page.permalink %}<link rel="canonical" href="{{ page.permalink }}">{% endif %}
<link rel="stylesheet" href="{{ root }}{{ assets["style.css"] }}"><link rel="stylesheet" href="{{ root }}{{ assets["print.css"] }}" media="print"></head>
<body><nav>{% for p in pages %}<a href="{{ root }}{{ p.url }}">{{ p.title }}</a> {% endfor %}</nav>
<main id="main">{% block content %}{% endblock content %}</main>
<footer>{% if offline_file %}<a id="offline" href="{{ root }}{{ offline_file }}">Offline</a>{% endif %}
{% for m in site.mirrors %}<a class="mirror" href="{{ m }}">{{ m }}</a>{% endfor %}</footer></body></html>
"##;
const PAGE: &str = r##"{% extends "base.html" %}{% block content %}<h1 id="title">{{ page.title }}</h1>
<ol class="toc">{% for t in page.toc %}<li><a href="#{{ t.id }}">{{ t.title }}</a></li>{% endfor %}</ol>
{{ page.content | safe }}
<p aria-labelledby="title">{% if next %}<a rel="next" href="{{ root }}{{ next.url }}">{{ next.title }}</a>{% endif %}</p>
{% endblock content %}"##;
const OFFLINE: &str = r##"<!DOCTYPE html>
<html lang="{{ site.language }}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ offline.csp }}">
<title>{{ site.title }}</title><style>{{ offline.style | safe }}</style></head>
<body><p>{{ offline.updated }}</p>{% for m in site.mirrors %}<a class="mirror" href="{{ m }}">{{ m }}</a>{% endfor %}
{% for f in offline.files %}{% if not f.current %}<a hreflang="{{ f.language }}" href="{{ f.href }}">{{ f.name }}</a>{% endif %}{% endfor %}
<ol>{% for part in offline.parts %}<li><a href="#{{ part.id }}">{{ part.title }}</a></li>{% endfor %}</ol>
{% for part in offline.parts %}<section id="{{ part.id }}">{{ part.html | safe }}</section>{% endfor %}
</body></html>
"##;

/// A portable site in English and Russian with a base URL and a mirror: a home page, a page
/// with headings, links and a picture, and its Russian translation.
fn portable(extra: &str) -> Fixture {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &format!(
            "{SITE_YAML}base_url: {BASE_URL}\nportable: true\nmirrors: [\"{MIRROR}\"]\n{extra}language_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n"
        ),
    )
    .write("templates/base.html", BASE)
    .write("templates/page.html", PAGE)
    .write("templates/index.html", PAGE)
    .write("templates/offline.html", OFFLINE)
    .write("static/print.css", "nav { display: none }\n")
    .write("static/dot.png", "not really a PNG, but bytes to carry\n")
    .write("content/index.md", "---\ntitle: Home\ndescription: Start.\nupdated: 2022-01-26\n---\nRead [the demands](demands.md#second) and [in Russian](ru/demands.md).\n")
    .write("content/demands.md", "---\ntitle: Demands\ndescription: Asked.\nweight: 10\nupdated: 2021-12-17\n---\n## First\n\nSee [below](#second) and [home](index.md).\n\n## Second\n\n![A dot](dot.png)\n")
    .write("content/ru/index.md", "---\ntitle: Главная\ndescription: Начало.\n---\nСм. [требования](demands.md).\n")
    .write("content/ru/demands.md", "---\ntitle: Требования\ndescription: Просили.\nweight: 10\n---\n## Первое\n\nТекст.\n");
    site
}

/// Every `href="#…"` of `html` names an element of it.
fn dangling(html: &str) -> Vec<String> {
    let ids = common::attr_values(html, "id");
    common::attr_values(html, "href")
        .into_iter()
        .filter_map(|href| href.strip_prefix('#'))
        .filter(|id| !ids.contains(id))
        .map(str::to_owned)
        .collect()
}

#[test]
fn each_edition_is_one_file_of_its_pages_in_order_with_every_link_inside_it() {
    let site = portable("");
    site.build().unwrap();
    let en = site.read("offline/explainer.en.html");
    let ru = site.read("offline/explainer.ru.html");
    let (home, demands) = (
        en.find(r#"<section id="part-index">"#).unwrap(),
        en.find(r#"<section id="part-demands">"#).unwrap(),
    );
    assert!(home < demands, "navigation order");
    assert!(
        !en.contains("Требования") && ru.contains("Требования"),
        "each file holds its own edition"
    );
    // A link to another page's heading, to a heading of the same page, to a page, and the
    // ids and references they land on, all inside the file.
    assert!(en.contains(r##"href="#part-demands--second""##), "{en}");
    assert!(en.contains(r##"href="#part-index""##));
    assert!(en.contains(r#"id="part-demands--second""#));
    assert!(en.contains(r#"aria-labelledby="part-demands--title""#));
    assert_eq!(dangling(&en), Vec::<String>::new());
    assert_eq!(dangling(&ru), Vec::<String>::new());
    // A link to a page of another edition goes to that edition's file beside this one.
    assert!(
        en.contains(r##"href="explainer.ru.html#part-demands""##),
        "{en}"
    );
    assert!(ru.contains(r#"href="explainer.en.html""#));
    // The picture comes along; nothing is left to fetch.
    assert!(en.contains(r#"src="data:image/png;base64,"#));
    for file in [&en, &ru] {
        assert!(
            !file.contains("<link") && !file.contains("../"),
            "no file to fetch"
        );
        assert!(
            common::attr_values(file, "src")
                .iter()
                .all(|s| s.starts_with("data:"))
        );
    }
    // The newest page's date is the file's; the same in every build of the same pages.
    assert!(en.contains("<p>2022-01-26</p>"));
}

#[test]
fn the_file_lets_in_only_its_own_style_and_the_stylesheets_keep_their_media() {
    let site = portable("");
    site.build().unwrap();
    let en = site.read("offline/explainer.en.html");
    let style = common::element_text(&en, "style").unwrap();
    assert!(style.starts_with("body { margin: 0 }"), "{style}");
    assert!(style.contains("@media print{"), "{style}");
    use base64::Engine;
    use sha2::Digest;
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style.as_bytes()));
    let csp = format!("default-src 'none'; style-src 'sha256-{hash}'; img-src data:");
    assert!(common::decode(&en).contains(&csp), "{en}");
}

#[test]
fn the_same_pages_make_the_same_offline_files() {
    let site = portable("");
    site.build().unwrap();
    let first = site.read("offline/explainer.ru.html");
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.build().unwrap();
    assert_eq!(first, site.read("offline/explainer.ru.html"));
}

#[test]
fn mirrors_are_shown_everywhere_but_addresses_stay_on_the_base_url() {
    let site = portable("");
    site.build().unwrap();
    for path in [
        "index.html",
        "demands.html",
        "ru/index.html",
        "offline/explainer.ru.html",
    ] {
        let html = site.read(path);
        assert!(
            html.contains(&format!(r#"<a class="mirror" href="{MIRROR}">"#)),
            "{path}"
        );
    }
    let page = site.read("demands.html");
    assert!(page.contains(&format!(
        r#"<link rel="canonical" href="{BASE_URL}demands.html">"#
    )));
    assert!(page.contains(r#"<a id="offline" href="offline/explainer.en.html">"#));
    assert!(
        site.read("ru/demands.html")
            .contains(r#"href="../offline/explainer.ru.html""#)
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains(BASE_URL) && !sitemap.contains("onion") && !sitemap.contains("offline")
    );
}

#[test]
fn a_site_that_is_not_portable_has_no_offline_file_and_no_link_to_one() {
    let site = portable("");
    common::replace_in(&site.root().join("site.yaml"), "portable: true\n", "");
    site.build().unwrap();
    assert!(!site.out().join("offline").exists());
    assert!(!site.read("index.html").contains("id=\"offline\""));
}

#[test]
fn a_portable_site_without_an_offline_template_of_its_own_has_the_themes() {
    let site = portable("");
    std::fs::remove_file(site.root().join("templates/offline.html")).unwrap();
    site.build().unwrap();
    let file = site.read("offline/explainer.en.html");
    assert!(
        file.contains("<style>"),
        "the theme's style is inside the file"
    );
    assert!(
        file.contains("Read the demands") || file.contains("the demands"),
        "{file}"
    );
    assert!(dangling(&file).is_empty(), "{:?}", dangling(&file));
}

#[test]
fn an_offline_template_with_a_style_its_policy_does_not_allow_is_an_error() {
    let site = portable("");
    site.write(
        "templates/offline.html",
        &OFFLINE.replace("</head>", "<style>p { color: red }</style></head>"),
    );
    let err = site.build_err();
    assert!(
        err.contains("templates/offline.html")
            && err.contains("a <style> its policy doesn't allow"),
        "{err}"
    );
    assert!(!site.out().exists(), "nothing is published");
}

#[test]
fn a_mistake_in_the_offline_template_is_located() {
    let site = portable("");
    site.write(
        "templates/offline.html",
        &OFFLINE.replace("{{ offline.updated }}", "{{ offline.nope }}"),
    );
    let err = site.build_err();
    assert!(err.contains("templates/offline.html:5:"), "{err}");
}

#[test]
fn mirrors_and_the_weight_limit_are_checked_where_they_are_written() {
    let site = portable("max_file_kb: 0\n");
    common::replace_in(
        &site.root().join("site.yaml"),
        MIRROR,
        "ftp://mirror.example.net/",
    );
    let err = site.build_err();
    assert!(
        err.contains("site.yaml:7:") && err.contains("must start with https:// or http://"),
        "{err}"
    );
    assert!(
        err.contains("site.yaml:8:")
            && err.contains("`max_file_kb` must be a number of KB above 0"),
        "{err}"
    );
}

/// A page of `words` pseudo-random words: text that gzip can't shrink much.
fn heavy(words: usize) -> String {
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let text: Vec<String> = (0..words)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (0..(state % 7 + 2))
                .map(|i| (b'a' + ((state >> (i * 5)) % 26) as u8) as char)
                .collect()
        })
        .collect();
    page("Heavy", &text.join(" "))
}

#[test]
fn the_build_warns_of_each_page_heavier_than_16_kb_gzipped_and_the_limit_can_be_moved() {
    let site = Fixture::new();
    site.write("content/heavy.md", &heavy(9_000))
        .write("content/light.md", &page("Light", "Short."))
        .write(
            "content/index.md",
            &page("Home", "[Heavy](heavy.md), [light](light.md)."),
        );
    let (ok, _, stderr) = run_build(site.root(), &site.out());
    assert!(ok, "a warning does not stop the build: {stderr}");
    assert!(
        stderr.contains("content/heavy.md")
            && stderr.contains("heavy.html is ")
            && stderr.contains("KB gzipped, over the 16 KB"),
        "{stderr}"
    );
    assert!(!stderr.contains("light.html"), "{stderr}");
    let check = common::explainer()
        .args(["check", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&check.stderr).contains("heavy.html is "));
    site.write("site.yaml", &format!("{SITE_YAML}max_file_kb: 200\n"));
    let (ok, _, stderr) = run_build(site.root(), &site.out());
    assert!(ok && !stderr.contains("gzipped"), "{stderr}");
    site.write("site.yaml", &format!("{SITE_YAML}max_file_kb: 0.1\n"));
    let (_, _, stderr) = run_build(site.root(), &site.out());
    assert!(
        stderr.contains("light.html is ") && !stderr.contains("static/style.css"),
        "{stderr}"
    );
}

#[test]
fn a_stylesheet_heavier_than_the_limit_is_warned_of_at_its_file() {
    let site = Fixture::new();
    let rules: String = (0..4_000)
        .map(|i| format!(".c{i} {{ margin: {}px {}px }}\n", i * 7 % 991, i * 13 % 997))
        .collect();
    site.write("static/style.css", &rules)
        .write("site.yaml", &format!("{SITE_YAML}max_file_kb: 4\n"));
    let (ok, _, stderr) = run_build(site.root(), &site.out());
    assert!(ok);
    assert!(
        stderr.contains("static/style.css") && stderr.contains("gzipped, over the 4 KB"),
        "{stderr}"
    );
}

#[test]
fn a_host_that_sends_the_sites_policy_with_every_file_lets_the_offline_style_in() {
    let site = portable("");
    site.build().unwrap();
    let en = common::decode(&site.read("offline/explainer.en.html"));
    let hash = en
        .split("style-src ")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap();
    let headers = site.read("_headers");
    let policy = headers
        .lines()
        .find(|l| l.contains("Content-Security-Policy"))
        .unwrap();
    assert!(
        policy.contains(&format!("style-src 'self' {hash}")),
        "{policy}"
    );
    assert!(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"));
}
