//! Shared test helpers: the one way to run the binary, small fixture sites in temporary
//! folders, the one build of the real site that the tests reading it share (once per test
//! binary), and a look at built HTML.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use explainer::{BuildOptions, Error};

/// The `explainer` binary, as a user runs it.
pub fn explainer() -> Command {
    Command::new(env!("CARGO_BIN_EXE_explainer"))
}

/// The repository's own site: the explainer.
pub fn real_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A site kept under `tests/fixtures/`.
pub fn fixture_root(name: &str) -> PathBuf {
    real_root().join("tests/fixtures").join(name)
}

/// The real site, built once per test binary into a temporary folder, with `base_url` set
/// or not, and every built file's bytes.
pub struct RealSite {
    _dir: tempfile::TempDir,
    pub out: PathBuf,
    /// Every built file's bytes, by site path.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl RealSite {
    /// The real site as `cargo run -- build` writes it, without a base URL, but for its
    /// PDFs: they take seconds to make, and are read in the build that [`published`] makes.
    ///
    /// [`published`]: RealSite::published
    pub fn build() -> &'static RealSite {
        static SITE: OnceLock<RealSite> = OnceLock::new();
        SITE.get_or_init(|| RealSite::new(None))
    }

    /// The real site as published at `https://example.org/explainer/`.
    pub fn published() -> &'static RealSite {
        static SITE: OnceLock<RealSite> = OnceLock::new();
        SITE.get_or_init(|| RealSite::new(Some("https://example.org/explainer/")))
    }

    fn new(base_url: Option<&str>) -> RealSite {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut options = BuildOptions::new(real_root(), &out);
        options.base_url = base_url.map(str::to_owned);
        options.print = base_url.is_some();
        if let Err(e) = explainer::build(&options) {
            panic!("the real site should build:\n{e}");
        }
        let files = snapshot(&out)
            .into_iter()
            .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
            .collect();
        RealSite {
            _dir: dir,
            out,
            files,
        }
    }

    pub fn html(&self, page: &str) -> String {
        String::from_utf8(
            self.files
                .get(page)
                .unwrap_or_else(|| panic!("{page} was not built"))
                .clone(),
        )
        .unwrap()
    }

    /// The readable text of a page's main content, tags removed and entities decoded.
    pub fn text(&self, page: &str) -> String {
        let html = self.html(page);
        let main = html
            .find("<main")
            .and_then(|start| html[start..].find('>').map(|end| start + end + 1))
            .map_or(html.as_str(), |body| &html[body..]);
        let main = main.split("</main>").next().unwrap_or(main);
        normalize(&decode(&strip_tags(main)))
    }

    /// Every page of the English edition, which is at the top of the site (the others are
    /// in their folders).
    pub fn english_pages(&self) -> impl Iterator<Item = &str> {
        self.pages().filter(|p| !p.contains('/'))
    }

    /// Every page a reader can open, in every edition (not the 404 page, nor the offline
    /// files, which hold all of an edition's pages).
    pub fn pages(&self) -> impl Iterator<Item = &str> {
        self.files
            .keys()
            .map(String::as_str)
            .filter(|p| p.ends_with(".html") && *p != "404.html" && !p.starts_with("offline/"))
    }

    /// Each edition's offline file, by site path.
    pub fn offline_files(&self) -> impl Iterator<Item = &str> {
        self.files
            .keys()
            .map(String::as_str)
            .filter(|p| p.starts_with("offline/"))
    }
}

/// Text without its tags; each tag becomes a space.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The entities the generator writes, decoded.
pub fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Typographic variants made plain, so quotes compare word for word.
pub fn normalize(text: &str) -> String {
    let text = text
        .replace(['’', '‘'], "'")
        .replace(['–', '—'], "-")
        .replace('…', "...")
        .replace('\u{a0}', " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A minimal but complete site in a temporary folder, to change file by file.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const SITE_YAML: &str =
    "title: Fixture site\ndescription: A site for tests.\nlanguage: en-GB\nauthor: Tests\n";

const BASE: &str = r#"<!DOCTYPE html>
<html lang="{{ site.language }}"><head><meta charset="utf-8"><title>{{ page.title }} | {{ site.title }}</title>
<meta name="description" content="{{ page.description }}">
<link rel="stylesheet" href="{{ root }}{{ assets["style.css"] }}"></head>
<body><nav><ul>{% for p in pages %}<li><a href="{{ root }}{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul></nav>
<main id="main">{% block content %}{% endblock content %}</main></body></html>
"#;
const PAGE: &str = r##"{% extends "base.html" %}{% block content %}<h1>{{ page.question or page.title }}</h1>
<ol class="toc">{% for t in page.toc %}<li><a href="#{{ t.id }}">{{ t.title }}</a></li>{% endfor %}</ol>
{{ page.content | safe }}
{% if prev %}<a rel="prev" href="{{ root }}{{ prev.url }}">{{ prev.title }}</a>{% endif %}
{% if next %}<a rel="next" href="{{ root }}{{ next.url }}">{{ next.title }}</a>{% endif %}
{% endblock content %}"##;

impl Fixture {
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fixture.write("site.yaml", SITE_YAML);
        fixture.write("templates/base.html", BASE);
        fixture.write("templates/page.html", PAGE);
        fixture.write("templates/index.html", PAGE);
        fixture.write("static/style.css", "body { margin: 0 }\n");
        fixture.write("content/index.md", &page("Home", "Welcome."));
        fixture
    }

    /// A fixture on the built-in theme: its settings and content, no templates or static
    /// files of its own.
    pub fn on_theme() -> Fixture {
        let fixture = Fixture::new();
        for own in ["templates", "static"] {
            fs::remove_dir_all(fixture.root().join(own)).unwrap();
        }
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `explainer check FLAGS` on the site: its exit code and what it printed,
    /// uncoloured.
    pub fn check(&self, flags: &[&str]) -> (i32, String) {
        let run = explainer()
            .arg("check")
            .args(flags)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&run.stdout).into_owned()
            + &String::from_utf8_lossy(&run.stderr);
        (run.status.code().unwrap(), text)
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root(), self.out())
    }

    pub fn build(&self) -> Result<explainer::BuildReport, Error> {
        explainer::build(&self.options())
    }

    /// Builds and expects failure; returns the error as the user would read it.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(e) => e.to_string(),
        }
    }

    pub fn read_bytes(&self, site_path: &str) -> Vec<u8> {
        fs::read(self.out().join(site_path)).unwrap_or_else(|e| panic!("{site_path}: {e}"))
    }

    pub fn read(&self, site_path: &str) -> String {
        fs::read_to_string(self.out().join(site_path))
            .unwrap_or_else(|e| panic!("{site_path}: {e}"))
    }
}

/// A content file with front matter.
pub fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: About {title}.\n---\n{body}\n")
}

/// A copy of the real site's sources (settings, content, templates, static files, strings) in a
/// temporary folder, to change without touching the repository; it makes no PDFs, which
/// take seconds and are tested on the real site (tests/print.rs).
pub fn copy_of_real_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["site.yaml", "content", "templates", "static", "i18n"] {
        copy(&real_root().join(part), &dir.path().join(part));
    }
    replace_in(
        &dir.path().join("site.yaml"),
        "\nprint: true\n",
        "\nprint: false\n",
    );
    dir
}

/// A copy of the fixture site `tests/fixtures/<name>` in a temporary folder, to change.
pub fn copy_of_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixture_root(name), dir.path());
    dir
}

/// Builds the site at `root` into `out` with the binary; its exit status, standard output
/// and error (uncoloured).
pub fn run_build(root: &Path, out: &Path) -> (bool, String, String) {
    let run = explainer()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output-dir")
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (run.status.success(), text(run.stdout), text(run.stderr))
}

/// Replaces `from` with `to` in the file at `path`, which must contain it.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(from).unwrap();
        let target = match relative.as_os_str().is_empty() {
            true => to.to_path_buf(),
            false => to.join(relative),
        };
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, to compare a folder before and after.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Values of `attr="..."` attributes in `html`, in order.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Text of the first `<tag ...>...</tag>` element.
pub fn element_text<'a>(html: &'a str, tag: &str) -> Option<&'a str> {
    let start = html.find(&format!("<{tag}"))?;
    let body = start + html[start..].find('>')? + 1;
    let end = body + html[body..].find(&format!("</{tag}>"))?;
    Some(&html[body..end])
}

/// Every `.html` file of a built site, as site paths.
pub fn html_files(out: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// Checks that every relative `href` and `src` in the built site names a file that exists
/// (and an `id` on it, for `#fragment`s), resolving them the way a browser does for a site
/// served under any sub-path or opened from `file://`. Returns the broken ones.
pub fn broken_links(out: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for file in html_files(out) {
        let html = fs::read_to_string(out.join(&file)).unwrap();
        let dir = Path::new(&file)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            if url.starts_with('/') {
                broken.push(format!(
                    "{file}: `{url}` is root-absolute: it breaks under a sub-path and from file://"
                ));
                continue;
            }
            let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
            let target = if path.is_empty() {
                PathBuf::from(&file)
            } else {
                normalize_path(&dir.join(path))
            };
            if path.ends_with('/') || path.is_empty() && fragment.is_empty() {
                broken.push(format!(
                    "{file}: `{url}` names a folder, which file:// can't open"
                ));
                continue;
            }
            let Ok(bytes) = fs::read(out.join(&target)) else {
                broken.push(format!(
                    "{file}: `{url}` -> {} does not exist",
                    target.display()
                ));
                continue;
            };
            let target_html = String::from_utf8_lossy(&bytes);
            if !fragment.is_empty() && !attr_values(&target_html, "id").contains(&fragment) {
                broken.push(format!(
                    "{file}: `{url}` -> no id `{fragment}` in {}",
                    target.display()
                ));
            }
        }
    }
    broken
}

fn normalize_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "{} climbs out of the site", path.display());
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Fails the test, showing what the command said on stderr, unless it succeeded.
pub fn assert_success(run: &std::process::Output) {
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The `_headers` rules (Netlify, Cloudflare Pages) as (path pattern, [(name, value)]).
pub fn header_rules(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(header) = line.strip_prefix("  ") {
            let (name, value) = header.split_once(": ").expect("`Name: value`");
            let rule = rules.last_mut().expect("a header under a path");
            rule.1.push((name.to_owned(), value.to_owned()));
        } else {
            rules.push((line.to_owned(), Vec::new()));
        }
    }
    rules
}
