//! Editions in several languages, as the engine makes them for any site: each edition in
//! its folder, with its own navigation, strings, dates, feed and data; a page not yet
//! translated is a warning, not an error; a site in one language is unchanged.

mod common;

use std::fs;

use common::{Fixture, assert_success, explainer, page};

/// A site in English, Russian and Ukrainian: the fixture, with `translations`, strings and
/// pages in each language. Its page template prints each page's translations.
fn three_languages() -> Fixture {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &format!(
            "{}language_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n  - {{code: uk, language: uk, name: Українська, title: Сайт українською, description: Опис.}}\n",
            common::SITE_YAML
        ),
    )
    .write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\n<p class=\"read\">{{ page.reading_time | plural(key=\"reading_time\") }}{% if page.updated %} · {{ page.updated | human_date }}{% endif %}</p>\n<ul class=\"editions\">{% for t in page.translations %}<li>{{ t.code }}:{% if t.path %}{{ root }}{{ t.path }}{% else %}-{% endif %}</li>{% endfor %}</ul>\n{{ page.content | safe }}{% if next %}<a rel=\"next\" href=\"{{ root }}{{ next.url }}\">{{ next.title }}</a>{% endif %}{% endblock content %}",
    )
    .write("templates/index.html", "{% extends \"page.html\" %}")
    .write("i18n/en.yaml", "reading_time: {one: \"{n} min read\", other: \"{n} min read\"}\n")
    .write("i18n/ru.yaml", "reading_time: {one: \"{n} минута\", few: \"{n} минуты\", many: \"{n} минут\", other: \"{n} минуты\"}\n")
    .write("i18n/uk.yaml", "reading_time: {one: \"{n} хвилина\", few: \"{n} хвилини\", many: \"{n} хвилин\", other: \"{n} хвилини\"}\n")
    .write("content/index.md", "---\ntitle: Home\ndescription: D.\nupdated: 2022-01-26\n---\nSee [the demands](demands.md).\n")
    .write("content/demands.md", "---\ntitle: Demands\ndescription: D.\nweight: 10\n---\nText.\n")
    .write("content/ru/index.md", "---\ntitle: Главная\ndescription: О.\nupdated: 2022-01-26\n---\nСм. [требования](demands.md).\n")
    .write("content/ru/demands.md", "---\ntitle: Требования\ndescription: О.\nweight: 10\n---\nТекст.\n")
    .write("content/uk/index.md", "---\ntitle: Головна\ndescription: О.\nupdated: 2022-01-26\n---\nТекст.\n");
    site
}

#[test]
fn each_edition_is_written_in_its_folder_with_its_own_navigation_language_and_words() {
    let site = three_languages();
    site.build().unwrap();
    let ru = site.read("ru/index.html");
    assert!(ru.contains("<html lang=\"ru\">"), "{ru}");
    assert!(ru.contains("<title>Главная | Сайт</title>"), "{ru}");
    assert!(ru.contains("26 января 2022\u{202f}г."), "{ru}");
    assert!(ru.contains(">1 минута · "), "{ru}");
    assert!(
        ru.contains("<a rel=\"next\" href=\"../ru/demands.html\">Требования</a>"),
        "{ru}"
    );
    assert!(
        ru.contains("href=\"demands.html\">требования</a>"),
        "a link within the edition: {ru}"
    );
    let nav = common::element_text(&ru, "nav").unwrap();
    assert_eq!(
        common::attr_values(nav, "href"),
        ["../ru/index.html", "../ru/demands.html"],
        "the edition's own pages"
    );
    assert!(
        site.read("uk/index.html")
            .contains("26 січня 2022\u{202f}р.")
    );
    assert!(site.read("index.html").contains("26 January 2022"));
}

#[test]
fn a_page_not_yet_translated_is_a_warning_and_left_out_of_the_switcher() {
    let site = three_languages();
    site.build()
        .expect("a missing translation doesn't stop the build");
    let demands = site.read("demands.html");
    assert!(
        demands.contains("<li>en:demands.html</li><li>ru:ru/demands.html</li><li>uk:-</li>"),
        "{demands}"
    );
    assert!(
        site.read("ru/demands.html")
            .contains("<li>en:../demands.html</li><li>ru:../ru/demands.html</li><li>uk:-</li>")
    );
    let run = explainer()
        .arg("check")
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert_eq!(run.status.code(), Some(0), "a warning alone: {stderr}");
    assert!(
        stderr.contains("content/demands.md:1:1: not yet translated into Українська"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: write content/uk/demands.md"),
        "{stderr}"
    );
    assert!(stderr.contains("1 warning, no errors."), "{stderr}");
}

#[test]
fn a_missing_interface_string_is_an_error_naming_the_file_and_where_to_translate_from() {
    let site = three_languages();
    site.write(
        "i18n/en.yaml",
        "reading_time: {one: \"{n} min read\", other: \"{n} min read\"}\nbox_office: Box office\n",
    )
    .write(
        "i18n/uk.yaml",
        "reading_time: {one: \"{n} хвилина\", other: \"{n} хвилини\"}\nbox_office: Каса\nnxet: Далі\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("i18n/ru.yaml:1:1: the key `box_office` is missing"),
        "{err}"
    );
    assert!(
        err.contains("= help: translate it from i18n/en.yaml:2"),
        "{err}"
    );
    assert!(
        err.contains("i18n/uk.yaml:3:1: unknown key `nxet`"),
        "{err}"
    );
    assert!(err.contains("did you mean `next`?"), "{err}");
}

#[test]
fn an_editions_data_replaces_the_default_files_and_its_sources_are_the_same_sources() {
    let site = three_languages();
    let source = "- {id: s, publisher: P, title: T, date: 2022-01-26, url: 'https://example.org/'}\n- {id: t, publisher: Q, title: U, date: 2022-01, url: 'https://example.org/t'}\n";
    site.write("content/data/sources.yaml", source)
        .write("content/data/timeline.yaml", "- {date: 2022-01-26, title: Talks, sources: [s, t]}\n")
        .write("content/ru/data/timeline.yaml", "- {date: 2022-01-26, title: Переговоры, sources: [s, t]}\n")
        .write("templates/page.html", "{% extends \"base.html\" %}{% block content %}{% for e in data.timeline %}<p>{{ e.title }}</p>{% endfor %}{% for s in data.sources %}<i>{{ s.publisher }}</i>{% endfor %}{% endblock content %}");
    site.build().unwrap();
    assert!(site.read("ru/demands.html").contains("<p>Переговоры</p>"));
    assert!(site.read("demands.html").contains("<p>Talks</p>"));
    site.write(
        "content/ru/data/sources.yaml",
        "- {id: s, publisher: П, title: Т, date: 2022-01-26, url: 'https://example.org/'}\n- {id: t, publisher: К, title: У, date: 2022-01, url: 'https://example.org/t'}\n",
    );
    site.build().unwrap();
    assert!(
        site.read("ru/demands.html").contains("<i>П</i><i>К</i>"),
        "the edition's own words"
    );
    assert!(site.read("demands.html").contains("<i>P</i><i>Q</i>"));
    site.write(
        "content/ru/data/sources.yaml",
        "- id: t\n  publisher: К\n  title: У\n  date: 2022-01\n  url: 'https://example.org/t'\n- id: s\n  publisher: П\n  title: Т\n  date: 2022-02\n  url: 'https://example.org/other'\n- id: x\n  publisher: Х\n  title: Х\n  date: 2022\n  url: 'https://example.org/x'\n",
    );
    let err = site.build_err();
    for expected in [
        "content/ru/data/sources.yaml:1:7: `t` is not in the place it has in content/data/sources.yaml",
        "content/ru/data/sources.yaml:9:9: `date` of `s` differs from content/data/sources.yaml",
        "content/ru/data/sources.yaml:10:8: `url` of `s` differs from content/data/sources.yaml",
        "content/ru/data/sources.yaml:11:7: `x` is not a source of content/data/sources.yaml",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    site.write(
        "content/ru/data/sources.yaml",
        "- {id: s, publisher: П, title: Т, date: 2022-01-26, url: 'https://example.org/'}\n",
    );
    let err = site.build_err();
    assert!(err.contains("the source `t` is not translated"), "{err}");
}

#[test]
fn a_site_in_one_language_has_no_trace_of_editions() {
    let site = Fixture::new();
    site.write("content/a.md", &page("A", "Text."));
    let mut options = site.options();
    options.base_url = Some("https://example.org/".into());
    explainer::build(&options).unwrap();
    for file in ["index.html", "a.html", "sitemap.xml", "feed.xml"] {
        let text = site.read(file);
        assert!(
            !text.contains("hreflang") && !text.contains("xhtml"),
            "{file}: {text}"
        );
    }
    assert!(!site.out().join("en").exists());
    assert_eq!(
        site.read("sitemap.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>https://example.org/index.html</loc></url>\n  <url><loc>https://example.org/a.html</loc></url>\n</urlset>\n"
    );
}

#[test]
fn new_starts_a_translation_from_the_default_editions_page() {
    let site = three_languages();
    let run = explainer()
        .args(["new", "demands", "--lang", "uk", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_success(&run);
    let text = fs::read_to_string(site.root().join("content/uk/demands.md")).unwrap();
    assert!(
        text.starts_with("---\n# A translation of content/demands.md"),
        "{text}"
    );
    assert!(
        text.contains("title: Demands\n")
            && text.contains("draft: true\n")
            && text.ends_with("Text.\n"),
        "{text}"
    );
    let mut options = site.options();
    options.drafts = true;
    explainer::build(&options).expect("the new translation builds");
    let bad = explainer()
        .args(["new", "demands", "--lang", "fr", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("`fr` is not an edition of this site; its other editions are: ru, uk"),
        "{stderr}"
    );
}

#[test]
fn every_editions_home_page_is_rendered_with_the_home_template() {
    let site = three_languages();
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<ul class=\"sections\">{% for p in pages %}{% if not loop.first %}<li>{{ p.title }}</li>{% endif %}{% endfor %}</ul>{% endblock content %}",
    );
    site.build().unwrap();
    for (home, section) in [
        ("index.html", "<li>Demands</li>"),
        ("ru/index.html", "<li>Требования</li>"),
    ] {
        let html = site.read(home);
        assert!(
            html.contains(&format!("<ul class=\"sections\">{section}</ul>")),
            "{home} lists its edition's sections: {html}"
        );
    }
    assert!(
        site.read("uk/index.html")
            .contains("<ul class=\"sections\"></ul>"),
        "a home with no other page still uses the home template"
    );
}

#[test]
fn russian_and_ukrainian_text_keeps_short_words_and_dashes_on_their_line() {
    let site = three_languages();
    site.write(
        "content/ru/demands.md",
        "---\ntitle: Требования к НАТО\ndescription: О.\nquestion: Что в Женеве — и после?\nweight: 10\n---\nВстреча в [Женеве](index.md) и в Риме — итог.\n\n```\nкод в блоке\n```\n",
    )
    .write(
        "content/uk/demands.md",
        "---\ntitle: Вимоги\ndescription: О.\nweight: 10\n---\nУкраїна і НАТО — альянс.\n",
    );
    site.build().unwrap();
    let ru = site.read("ru/demands.html").replace('\u{a0}', "~");
    assert!(
        ru.contains("Встреча в~<a href=\"index.html\">Женеве</a> и~в~Риме~— итог."),
        "{ru}"
    );
    assert!(ru.contains("<h1>Требования к~НАТО</h1>"), "{ru}");
    assert!(ru.contains("код в блоке"), "code is left as written: {ru}");
    let uk = site.read("uk/demands.html");
    assert!(uk.contains("Україна і\u{a0}НАТО\u{a0}— альянс."), "{uk}");
    let en = site.read("index.html");
    assert!(!en.contains('\u{a0}'), "English is left as written: {en}");
}

#[test]
fn a_translation_has_its_own_byline_and_a_title_kept_in_its_language_is_marked() {
    let site = three_languages();
    site.write(
        "site.yaml",
        &format!(
            "{}language_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание., author: Редакция}}\n  - {{code: uk, language: uk, name: Українська, title: Сайт українською, description: Опис.}}\n",
            common::SITE_YAML
        ),
    )
    .write(
        "templates/base.html",
        "<html lang=\"{{ site.language }}\"><body>{% block content %}{% endblock content %}<footer>{{ site.author }}</footer></body></html>",
    )
    .write(
        "content/data/sources.yaml",
        "- id: nato\n  publisher: NATO\n  title: Press release\n  date: 2022-01-26\n  url: https://www.nato.int/x\n",
    )
    .write(
        "content/ru/data/sources.yaml",
        "- id: nato\n  publisher: НАТО\n  title: Press release\n  title_lang: en\n  date: 2022-01-26\n  url: https://www.nato.int/x\n",
    )
    .write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% for s in data.sources %}{{ <source_entry s={s} /> }}{% endfor %}{% endblock content %}",
    )
    .write(
        "templates/partials/components.html",
        // A source's title, marked with its language as this explainer's component marks it
        // (its own is checked with its content).
        "{% component source_entry(s: map) -%}\n<a href=\"{{ s.url }}\"{% if s.title_lang %} lang=\"{{ s.title_lang }}\"{% endif %}>{{ s.title }}</a>\n{%- endcomponent source_entry %}\n",
    );
    site.build().unwrap();
    let ru = site.read("ru/demands.html");
    assert!(ru.contains("<footer>Редакция</footer>"), "{ru}");
    assert!(
        ru.contains("<a href=\"https://www.nato.int/x\" lang=\"en\">Press release</a>"),
        "{ru}"
    );
    assert!(
        site.read("uk/index.html")
            .contains("<footer>Tests</footer>"),
        "the default byline"
    );
    let en = site.read("demands.html");
    assert!(
        en.contains("<a href=\"https://www.nato.int/x\">Press release</a>"),
        "{en}"
    );
}

#[test]
fn a_source_titles_language_must_be_a_language_tag() {
    let site = three_languages();
    site.write(
        "content/data/sources.yaml",
        "- id: s\n  publisher: P\n  title: T\n  title_lang: English\n  date: 2022-01-26\n  url: https://example.org/\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("content/data/sources.yaml:4:")
            && err.contains("`English` is not a language tag"),
        "{err}"
    );
}

#[test]
fn a_quoted_translation_code_is_located_at_its_value() {
    let site = three_languages();
    site.write(
        "site.yaml",
        &format!(
            "{}language_name: English\ntranslations:\n  - code: ru\n    language: ru\n    name: Русский\n    title: Сайт\n    description: Описание.\n  - code: \"FR\"\n    language: fr\n    name: Français\n    title: Site\n    description: Description.\n",
            common::SITE_YAML
        ),
    );
    let err = site.build_err();
    // Found by searching for `code: FR`, it was once reported at site.yaml:1:1.
    assert!(
        err.contains("site.yaml:12:11: `FR` can't name an edition's folder"),
        "{err}"
    );
}

#[test]
fn flow_style_data_entries_are_located_at_their_own_line_and_column() {
    let site = three_languages();
    site.write(
        "content/data/sources.yaml",
        "- {id: s, publisher: P, title: T, date: 2022-01-26, url: 'https://example.org/'}\n- {id: t, publisher: Q, title: U, date: 2022-01, url: 'https://example.org/t'}\n- {id: s, publisher: R, title: V, date: 2022, url: 'https://example.org/v'}\n",
    )
    .write(
        "content/data/timeline.yaml",
        "- {date: 2022-01-26, title: Talks, sources: [s, t]}\n- {date: 2022-01-27, title: More, sources: [t, nobody]}\n",
    );
    let err = site.build_err();
    for expected in [
        // Once all at line 1: the id was looked for as `id: s` at the start of a line.
        "content/data/sources.yaml:3:8: the id `s` is used twice in this file",
        "content/data/timeline.yaml:2:48: unknown source `nobody`",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

#[test]
fn an_edition_with_no_pages_yet_is_said_to_have_none_and_nothing_else_is_blamed_on_it() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &format!(
            "{}language_name: English\ntranslations:\n  - {{code: ru, language: ru, name: Русский, title: Сайт, description: Описание.}}\n",
            common::SITE_YAML
        ),
    )
    .write("templates/glossary.html", "{% extends \"page.html\" %}")
    .write("content/glossary.md", "---\ntitle: Glossary\ndescription: Words.\ntemplate: glossary.html\n---\n")
    .write(
        "content/data/glossary.yaml",
        "- id: term\n  term: Term\n  definition: A word.\n",
    );
    let report = site.build().expect("an edition with no pages is no error");
    let said: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        said.iter()
            .any(|w| w.contains("site.yaml:1:1: the edition `ru` (Русский) has no pages: content/ru/ has no Markdown file")),
        "{said:#?}"
    );
    assert!(
        !said.iter().any(|w| w.starts_with("content/ru/")),
        "no problem is placed in a file that isn't there: {said:#?}"
    );
}
