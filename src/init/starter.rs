//! The files of a new explainer, as `explainer init` writes them: small, neutral, and
//! complete enough to build and pass `check` at once, with the placeholders
//! (crate::placeholders) that `check` warns of until they are replaced.

use crate::placeholders::{
    ABOUT, ANSWER, AUTHOR, DEFINITION, DESCRIPTION, EVENT, KEY_POINT, SITE_DESCRIPTION,
    SOURCE_TITLE,
};

/// What the new explainer is called, in which language, and when it is started.
pub struct Start<'a> {
    pub title: &'a str,
    /// The default edition's language tag: `en`, `de-AT`.
    pub language: &'a str,
    /// The other editions: each its code (also its language tag) and language's name.
    pub translations: &'a [(String, String)],
    /// Today, `YYYY-MM-DD`.
    pub today: &'a str,
}

/// Quoted, so that any text is valid YAML.
pub fn yaml(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `site.yaml`, each setting with what it does.
pub fn settings(start: &Start, language_name: &str, print: bool) -> String {
    let month = start.today.get(..7).unwrap_or(start.today);
    let mut text = format!(
        "# The settings of this explainer. Every key is checked: a misspelt one is an error, with
# its line. `explainer build` makes the site in public/, `explainer serve` previews it as you
# write, and `explainer check` reports every problem without writing anything.

# The site's name, in every page's header and the browser's tab.
title: {title}
# What the explainer explains, in a sentence: search engines and link previews show it.
description: {description}
# The language of the pages, as a BCP 47 tag (en, en-GB, de, fr, ru, uk…): the dates, the
# quotation marks and the interface's words follow it. The built-in theme has words in de,
# en, fr, ru and uk; a file i18n/<code>.yaml replaces any of them.
language: {language}
# Who writes it: every page's footer says \"By …\".
author: {author}
# How far the events the site reports were checked (YYYY-MM), shown on every page. Move it
# on when you check the facts again; remove it if you keep no such date.
facts_current_to: {month}
# The site's public address, once you know it: it makes the sitemap, the feed, the share
# cards and the PDFs' QR code. `explainer build --base-url URL` overrides it.
# base_url: https://example.org/my-explainer/
# A 1200×630 picture for each page, shown when a link to it is shared (needs base_url).
share_cards: true
# Each edition also as one HTML file that needs nothing else (offline/explainer.<code>.html),
# to read with no connection or pass on where the site is blocked.
portable: true
# Each edition also as a tagged PDF (print/explainer.<code>.pdf) and a two-page handout to
# print (print/handout.<code>.pdf). `serve` leaves them out; `build` makes them.
print: {print}
# The most a page or a stylesheet may weigh gzipped, in KB; a heavier one is warned of.
max_file_kb: 16
# Other addresses the same site is served at, shown beside its link as \"If this site is
# blocked…\", e.g. [\"https://mirror.example.net/\"].
mirrors: []
# An address for \"Report an error\" in every footer (mailto: or https:).
# corrections: mailto:editors@example.org
",
        title = yaml(start.title),
        description = yaml(SITE_DESCRIPTION),
        language = start.language,
        author = yaml(AUTHOR),
    );
    if !start.translations.is_empty() {
        text.push_str(&format!(
            "
# The editions in other languages: each has its pages in content/<code>/ (a translation of
# each file of content/, by the same name). `explainer new SLUG --lang CODE` starts one.
language_name: {language_name}
translations:
"
        ));
        for (code, name) in start.translations {
            text.push_str(&format!(
                "  - code: {code}\n    language: {code}\n    name: {name}\n    title: {title}\n    description: {description}\n",
                title = yaml(start.title),
                description = yaml(SITE_DESCRIPTION),
            ));
        }
    }
    text
}

/// How a later revision says what it changed, shown where an author sets `updated`.
const CHANGES: &str = "# When you revise the page, set `updated` and say what changed (see README):\n# changes:\n#   - {date: YYYY-MM-DD, kind: correction, text: \"What was wrong, and what it says now.\"}\n";

/// A page's front matter and text: `extra` lines go after `weight`. A page that answers a
/// question has key points; a list (the timeline, the glossary, the sources) has none.
fn page(title: &str, weight: u32, extra: &str, today: &str, body: &str) -> String {
    let points = match extra.contains("question:") {
        true => format!("key_points:\n  - {}\n", yaml(KEY_POINT)),
        false => String::new(),
    };
    format!(
        "---\ntitle: {title}\ndescription: {description}\nweight: {weight}\n{extra}date: {today}\nupdated: {today}\n{CHANGES}{points}---\n\n{body}",
        title = yaml(title),
        description = yaml(DESCRIPTION),
    )
}

/// The pages, by their path in `content/`.
pub fn pages(start: &Start) -> Vec<(&'static str, String)> {
    let today = start.today;
    let question = |q: &str| format!("question: {}\n", yaml(q));
    vec![
        (
            "index.md",
            page(
                "Overview",
                0,
                &question(start.title),
                today,
                &format!(
                    "{ANSWER} This is the home page: it answers the explainer's question in brief, and the sections below it answer the questions a reader asks next, in the order of their `weight`.\n"
                ),
            ),
        ),
        (
            "first-question.md",
            page(
                "The first question",
                10,
                &question("What does a reader ask first?"),
                today,
                &format!(
                    "## What happened? {{#what-happened}}\n\n{ANSWER} Cite a source for each fact, like this.[@first-source] A term of the glossary, such as key term, links to its entry the first time a page uses it.\n\n## Why does it matter? {{#why-it-matters}}\n\nLink to other sections by their file, e.g. [the next question](second-question.md).\n"
                ),
            ),
        ),
        (
            "second-question.md",
            page(
                "The second question",
                20,
                &question("What does a reader ask next?"),
                today,
                &format!("{ANSWER} The [timeline](timeline.md) lists the events in order.\n"),
            ),
        ),
        (
            "timeline.md",
            page(
                "Timeline",
                60,
                &format!(
                    "{}template: timeline.html\nshows_data: [timeline]\n",
                    question("What happened, and when?")
                ),
                today,
                "The events, oldest first, each with its sources: they are in content/data/timeline.yaml.\n",
            ),
        ),
        (
            "glossary.md",
            page(
                "Glossary",
                80,
                "template: glossary.html\nshows_data: [glossary]\n",
                today,
                "The terms this explainer uses, in plain words: they are in content/data/glossary.yaml, and the other pages link each term's first use to its entry here.\n",
            ),
        ),
        (
            "sources.md",
            page(
                "Sources",
                90,
                "template: sources.html\n",
                today,
                "Every source this explainer cites, by the page that first cites it: they are in content/data/sources.yaml.\n",
            ),
        ),
        (
            "about.md",
            page(
                "About this explainer",
                100,
                "",
                today,
                &format!("{ABOUT}\n"),
            ),
        ),
    ]
}

/// The data files, by their path in `content/data/`; `translated` are those an edition in
/// another language has its own copy of (the sources are the same in every edition).
pub fn data(today: &str) -> Vec<(&'static str, String, bool)> {
    vec![
        (
            "sources.yaml",
            format!(
                "# The sources the pages cite as [@id], with what a reader needs to find each one.\n\n- id: first-source\n  publisher: The publisher\n  title: {}\n  date: {today}\n  url: https://example.org/\n  note: How the source was read, if a reader should know.\n",
                yaml(SOURCE_TITLE)
            ),
            false,
        ),
        (
            "glossary.yaml",
            format!(
                "# The terms the pages link to the glossary, at their first use on each page (whole words;\n# a capital first letter matches too). `aliases` are other ways of writing the term.\n\n- id: key-term\n  term: key term\n  aliases: []\n  definition: {}\n",
                yaml(DEFINITION)
            ),
            true,
        ),
        (
            "timeline.yaml",
            format!(
                "# Dated events, oldest first, each with at least one source from sources.yaml. An event\n# that is only announced has `scheduled: true`.\n\n- date: {today}\n  title: The explainer was started\n  text: {}\n  sources: [first-source]\n",
                yaml(EVENT)
            ),
            true,
        ),
    ]
}

/// A workflow that publishes the explainer with GitHub Pages from its own repository.
pub const PAGES_WORKFLOW: &str = r#"# Builds the explainer and publishes it with GitHub Pages at each push to main. In the
# repository's Settings > Pages, set "Source" to "GitHub Actions". EXPLAINER_GIT is the Git
# address of the explainer tool, which the workflow installs with cargo.
name: Publish
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
env:
  EXPLAINER_GIT: ""
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install explainer
        run: |
          if [ -z "$EXPLAINER_GIT" ]; then
            echo "::error::set EXPLAINER_GIT in .github/workflows/pages.yml to the tool's Git address"
            exit 1
          fi
          cargo install --locked --git "$EXPLAINER_GIT" explainer
      - name: Build
        run: explainer build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;
