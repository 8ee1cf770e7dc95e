//! The author's commands: `serve` (live preview), `check` and `new`.

mod common;

use explainer::serve::one_page::Kept;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, assert_success, explainer, page};

// ---- serve ----

/// A running `explainer serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &Fixture) -> Server {
    let mut child = explainer()
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let address = lines
        .by_ref()
        .map(|l| l.unwrap())
        .find_map(|l| {
            l.strip_prefix("Serving http://")
                .map(|rest| rest.split('/').next().unwrap().to_owned())
        })
        .expect("serve printed its address");
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Server { child, address }
}

/// A GET request; returns the status code and the body.
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Reads the event stream until `needle` arrives; panics after `limit`.
fn wait_for_event(events: &mut TcpStream, needle: &str, limit: Duration) {
    let started = Instant::now();
    let mut seen = String::new();
    let mut buf = [0u8; 1024];
    while started.elapsed() < limit {
        match events.read(&mut buf) {
            Ok(0) => panic!("the event stream closed; got {seen:?}"),
            Ok(n) => {
                seen.push_str(&String::from_utf8_lossy(&buf[..n]));
                if seen.contains(needle) {
                    return;
                }
            }
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(e) => panic!("{e}"),
        }
    }
    panic!("no {needle:?} within {limit:?}; got {seen:?}");
}

/// Fetches `path` until `ok` holds for the response (a save can raise more than one
/// rebuild, so the reload event that arrives may be for an earlier one).
fn get_until(server: &Server, path: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let started = Instant::now();
    loop {
        let (status, body) = get(server, path);
        if ok(status, &body) || started.elapsed() > Duration::from_secs(10) {
            return (status, body);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn open_events(server: &Server) -> TcpStream {
    let mut events = TcpStream::connect(&server.address).unwrap();
    events
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        events,
        "GET /__explainer/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    wait_for_event(&mut events, "retry:", Duration::from_secs(10));
    events
}

#[test]
fn serve_reloads_tabs_on_save_and_shows_errors_until_they_are_fixed() {
    let site = Fixture::new();
    site.write("content/a.md", &page("A", "First version."));
    let server = serve(&site);
    let (status, body) = get(&server, "/a.html");
    assert_eq!(status, 200);
    assert!(body.contains("First version."));
    assert!(
        body.contains("<script src=\"/__explainer/live.js\" defer></script></body>"),
        "{body}"
    );
    assert!(!site.out().exists(), "serve must not write public/");

    let mut events = open_events(&server);
    site.write("content/a.md", &page("A", "Second version."));
    wait_for_event(&mut events, "event: reload", Duration::from_secs(10));
    let (_, body) = get_until(&server, "/a.html", |_, b| b.contains("Second version."));
    assert!(body.contains("Second version."));

    site.write(
        "content/a.md",
        "---\ntitle: A\ntitel: typo\ndescription: d\n---\n",
    );
    wait_for_event(&mut events, "event: reload", Duration::from_secs(10));
    let (status, body) = get_until(&server, "/a.html", |status, _| status == 500);
    assert_eq!(status, 500);
    assert!(
        body.contains("content/a.md:3:1: unknown field `titel`"),
        "{body}"
    );
    assert!(
        body.contains("live.js"),
        "the error page reloads by itself when fixed"
    );

    site.write("content/a.md", &page("A", "Fixed version."));
    wait_for_event(&mut events, "event: reload", Duration::from_secs(10));
    let (status, body) = get_until(&server, "/a.html", |_, b| b.contains("Fixed version."));
    assert_eq!((status, body.contains("Fixed version.")), (200, true));
}

#[test]
fn serve_serves_only_the_site() {
    let site = Fixture::new();
    site.write("static/img/map.svg", "<svg/>")
        .write("static/.secret", "x");
    let server = serve(&site);
    assert_eq!(get(&server, "/").0, 200);
    assert_eq!(get(&server, "/img/map.svg"), (200, "<svg/>".to_owned()));
    assert_eq!(get(&server, "/img/").0, 404, "no folder listings");
    assert_eq!(get(&server, "/.secret").0, 404);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/img/..%2f..%2fsite.yaml",
        "/..%5csite.yaml",
    ] {
        assert_eq!(get(&server, path).0, 400, "{path}");
    }
    assert_eq!(get(&server, "/site.yaml").0, 404, "sources are not served");
}

// ---- check ----

/// `check --strict`: warnings fail it too.
fn check(site: &Fixture) -> (i32, String) {
    check_with(site, &["--strict"])
}

fn check_with(site: &Fixture, flags: &[&str]) -> (i32, String) {
    site.check(flags)
}

/// One problem class per fixture: `check --strict` names the place and exits 1.
fn check_finds(file: &str, text: &str, expected: &str) {
    let site = Fixture::new();
    site.write(file, text);
    let (code, output) = check(&site);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains(expected),
        "expected {expected:?} in:\n{output}"
    );
    assert!(!site.out().exists(), "check must not write anything");
}

#[test]
fn check_passes_a_clean_site() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        &page("A", "## One\n\n### Two\n\n![A map](img/map.svg)"),
    )
    .write("static/img/map.svg", "<svg/>");
    let (code, output) = check(&site);
    assert_eq!((code, output.trim()), (0, "No problems found."));
}

#[test]
fn check_finds_broken_links_and_anchors() {
    check_finds(
        "content/a.md",
        &page("A", "[x](gone.md)"),
        "content/a.md:5:1: link to `gone.md`",
    );
    check_finds(
        "content/a.md",
        &page("A", "## Here\n\n[x](#there)"),
        "content/a.md:7:1: link to `#there`",
    );
}

#[test]
fn check_finds_missing_files_and_images_without_alt_text() {
    check_finds(
        "content/a.md",
        &page("A", "![A map](img/none.svg)"),
        "content/a.md:5:1: `img/none.svg` points to img/none.svg",
    );
    check_finds(
        "content/a.md",
        &page("A", "[the PDF](files/x.pdf)"),
        "content/a.md:5:1: `files/x.pdf` points to",
    );
    check_finds(
        "content/a.md",
        &page("A", "Intro.\n\n![](../static/x.png)"),
        "content/a.md:7:1: an image without alt text",
    );
}

#[test]
fn check_finds_invalid_front_matter() {
    check_finds(
        "content/a.md",
        "---\ntitle: A\ndescription: d\ndate: 2022-13-01\n---\n",
        "content/a.md:4:7: date:",
    );
}

#[test]
fn check_finds_skipped_heading_levels_and_a_second_h1() {
    check_finds(
        "content/a.md",
        &page("A", "## One\n\n#### Four"),
        "content/a.md:7:1: the heading skips from level 2 to 4",
    );
    check_finds(
        "content/a.md",
        &page("A", "# Title again"),
        "content/a.md:5:1: a level-1 heading in the body",
    );
}

#[test]
fn check_finds_duplicate_unknown_and_unused_sources() {
    let sources =
        "- id: a\n  publisher: P\n  title: T\n  date: 2022\n  url: https://example.org/\n";
    check_finds(
        "content/data/sources.yaml",
        sources,
        "content/data/sources.yaml:1:7: the source `a` is never cited",
    );
    check_finds(
        "content/data/sources.yaml",
        &format!("{sources}{}", sources.replace("title: T", "title: U")),
        "content/data/sources.yaml:6:7: the id `a` is used twice",
    );
    check_finds(
        "content/a.md",
        &page("A", "Claim.[@nobody]"),
        "content/a.md:5:7: unknown source `nobody`",
    );
}

#[test]
fn check_finds_pages_missing_from_navigation() {
    let site = Fixture::new();
    // A layout without the section list, and pages without previous/next links.
    let bare = "{% extends \"base.html\" %}{% block content %}{{ page.content | safe }}{% endblock content %}";
    site.write(
        "templates/base.html",
        "<html><body>{% block content %}{% endblock content %}</body></html>",
    )
    .write("templates/page.html", bare)
    .write("templates/index.html", bare)
    .write("content/lonely.md", &page("Lonely", ""));
    let (code, output) = check_with(&site, &[]);
    assert_eq!(code, 0, "a warning alone does not fail check:\n{output}");
    assert!(
        output.contains("content/lonely.md:1:1: no page links to lonely.html"),
        "{output}"
    );
    assert!(output.contains("1 warning, no errors."), "{output}");
    assert_eq!(check(&site).0, 1, "--strict fails on warnings");
}

// ---- new ----

#[test]
fn new_creates_a_draft_that_builds_and_never_overwrites() {
    let site = Fixture::new();
    let run = explainer()
        .args([
            "new",
            "sanctions",
            "--title",
            "Sanctions: what \"costs\" mean",
            "--root",
        ])
        .arg(site.root())
        .output()
        .unwrap();
    assert_success(&run);
    let text = std::fs::read_to_string(site.root().join("content/sanctions.md")).unwrap();
    assert!(text.contains("draft: true"));
    assert!(text.contains(&format!("date: {}", explainer::text::date::Date::today())));

    let mut options = site.options();
    options.drafts = true;
    explainer::build(&options).unwrap();
    assert!(
        site.read("sanctions.html")
            .contains("Sanctions: what “costs” mean")
            || site
                .read("sanctions.html")
                .contains("Sanctions: what &quot;costs&quot; mean")
    );

    let again = explainer()
        .args(["new", "sanctions", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/sanctions.md")).unwrap(),
        text
    );

    let bad = explainer()
        .args(["new", "Bad Slug", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a valid slug"));
}

// ---- serve's single-page re-render ----

#[test]
fn a_body_edit_re_renders_only_that_page_and_anything_else_asks_for_a_full_build() {
    let site = Fixture::new();
    site.write("content/a.md", &page("A", "## Target\n\nFirst."))
        .write("content/b.md", &page("B", "See [the target](a.md#target)."));
    let (built, library) = explainer::build_in_memory(&site.options()).unwrap();
    let mut prepared = Kept {
        library,
        outlines: built.outlines,
    };
    let a = site.root().join("content/a.md");
    let again = |prepared: &mut _| explainer::serve::one_page::again(prepared, site.root(), &a);

    site.write("content/a.md", &page("A", "## Target\n\nSecond."));
    let (path, html) = again(&mut prepared)
        .expect("a body edit is re-rendered alone")
        .unwrap();
    assert_eq!(path.as_str(), "a.html");
    assert!(
        html.contains("Second.") && html.contains(r#"href="b.html""#),
        "{html}"
    );
    // The same HTML a full build gives.
    let (full, _) = explainer::build_in_memory(&site.options()).unwrap();
    assert_eq!(full.files.get("a.html"), Some(&html));

    site.write("content/a.md", &page("A", "## Renamed\n\nThird."));
    let err = again(&mut prepared)
        .expect("checked alone")
        .unwrap_err()
        .to_string();
    assert!(err.contains("content/b.md:5:5: link to `#target`"), "{err}");

    site.write("content/a.md", &page("A new title", "## Target\n\nFourth."));
    assert!(
        again(&mut prepared).is_none(),
        "a title change reaches every page's navigation"
    );
    site.write("content/a.md", &page("A", "## Target\n\nCited.[@x]"));
    assert!(
        again(&mut prepared).unwrap().is_err(),
        "an unknown source is still an error"
    );
}

#[test]
fn on_a_portable_site_a_body_edit_rebuilds_all_so_the_offline_file_keeps_up() {
    let site = Fixture::new();
    site.write("site.yaml", &format!("{}portable: true\n", common::SITE_YAML))
        .write(
            "templates/offline.html",
            "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{{ offline.csp }}\"><style>{{ offline.style | safe }}</style></head><body>{% for p in offline.parts %}{{ p.html | safe }}{% endfor %}</body></html>",
        )
        .write("content/a.md", &page("A", "First."));
    let (built, library) = explainer::build_in_memory(&site.options()).unwrap();
    assert!(built.files["offline/explainer.en.html"].contains("First."));
    let mut prepared = Kept {
        library,
        outlines: built.outlines,
    };
    site.write("content/a.md", &page("A", "Second."));
    let a = site.root().join("content/a.md");
    assert!(explainer::serve::one_page::again(&mut prepared, site.root(), &a).is_none());
}

#[test]
fn the_preview_of_a_site_that_prints_leaves_out_its_pdfs_and_keeps_up_with_each_save() {
    let site = Fixture::new();
    site.write("site.yaml", &format!("{}print: true\n", common::SITE_YAML))
        .write(
            "templates/print.typ",
            "#let book(site, parts) = []\n#let handout(site, parts) = []\n",
        )
        .write("content/a.md", &page("A", "First."));
    let mut options = site.options();
    options.print = false;
    let (built, library) = explainer::build_in_memory(&options).unwrap();
    assert!(
        built
            .files
            .keys()
            .all(|path| !path.as_str().starts_with("print/"))
    );
    let mut prepared = Kept {
        library,
        outlines: built.outlines,
    };
    site.write("content/a.md", &page("A", "Second."));
    let a = site.root().join("content/a.md");
    let (_, html) = explainer::serve::one_page::again(&mut prepared, site.root(), &a)
        .expect("the page alone")
        .unwrap();
    assert!(html.contains("Second."));
}
