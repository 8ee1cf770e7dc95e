//! `explainer check --online` against a server this test starts on 127.0.0.1: an address
//! that opens, one gone (404), one moved to another site (301 to `localhost`, which is not
//! fetched), one moved on its own site (302, followed), and one that answers too late. No
//! test touches any other address; the default check touches none at all.
#![cfg(feature = "online")]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::Fixture;

/// How long the slow address waits before answering: far longer than the check's timeout.
const SLOW: Duration = Duration::from_secs(30);

/// A server on 127.0.0.1 answering each path as the module comment says; its port and
/// the number of requests it has had.
fn serve() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || answer(stream, port));
        }
    });
    (port, requests)
}

fn answer(mut stream: TcpStream, port: u16) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // The rest of the request's head.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split(' ').nth(1).unwrap_or("/");
    let (status, location) = match path {
        "/ok" | "/archive/ok" => ("200 OK", None),
        "/moved" => (
            "301 Moved Permanently",
            Some(format!("http://localhost:{port}/ok")),
        ),
        "/here" => ("302 Found", Some("/ok".to_owned())),
        "/slow" => {
            std::thread::sleep(SLOW);
            ("200 OK", None)
        }
        _ => ("404 Not Found", None),
    };
    let location = location.map_or_else(String::new, |l| format!("Location: {l}\r\n"));
    let reply =
        format!("HTTP/1.1 {status}\r\n{location}Content-Length: 2\r\nConnection: close\r\n\r\nok");
    let _ = stream.write_all(reply.as_bytes());
}

/// A site whose page cites a source at each of the server's addresses.
fn site(port: u16) -> Fixture {
    let base = format!("http://127.0.0.1:{port}");
    let site = Fixture::new();
    let mut sources = String::new();
    for (id, path) in [
        ("opens", "/ok"),
        ("gone", "/gone"),
        ("moved", "/moved"),
        ("here", "/here"),
        ("slow", "/slow"),
    ] {
        sources.push_str(&format!(
            "- id: {id}\n  publisher: P\n  title: T\n  date: 2026-01-01\n  url: {base}{path}\n"
        ));
        if id == "opens" {
            sources.push_str(&format!("  archived: {base}/archive/ok\n"));
        }
    }
    site.write("content/data/sources.yaml", &sources).write(
        "content/index.md",
        "---\ntitle: Home\ndescription: Start.\n---\nA[@opens] B[@gone] C[@moved] D[@here] E[@slow].\n",
    );
    site
}

#[test]
fn check_online_reports_dead_addresses_other_sites_and_sources_without_a_copy() {
    let (port, requests) = serve();
    let site = site(port);
    let started = Instant::now();
    let (code, said) = site.check(&["--online", "--timeout", "1", "--jobs", "4"]);
    let took = started.elapsed();
    assert_eq!(code, 0, "warnings only:\n{said}");
    let base = format!("http://127.0.0.1:{port}");
    for expected in [
        format!(
            "content/data/sources.yaml:11:8: the url of `gone` does not open (HTTP 404): {base}/gone"
        ),
        format!(
            "content/data/sources.yaml:16:8: the url of `moved` ({base}/moved) leads to another site: http://localhost:{port}/ok"
        ),
        format!(
            "content/data/sources.yaml:26:8: the url of `slow` does not open (no answer in time): {base}/slow"
        ),
        "content/data/sources.yaml:11:8: `gone` has no archived copy".to_owned(),
    ] {
        assert!(said.contains(&expected), "{expected}\nin:\n{said}");
    }
    for fine in [
        "the url of `opens`",
        "the archived of `opens`",
        "`opens` has no archived copy",
        "of `here`",
    ] {
        assert!(!said.contains(fine), "{fine}:\n{said}");
    }
    assert_eq!(said.matches("has no archived copy").count(), 4, "{said}");
    // The slow address answers after 30 s; with a timeout of 1 s the check is long done.
    assert!(took < SLOW / 2, "check --online took {took:?}");
    // Two requests for `opens` (its url and its copy), two for `here` (the redirect and
    // its target), one each for the others; the other site is never asked.
    assert_eq!(requests.load(Ordering::SeqCst), 7);
}

#[test]
fn the_default_check_touches_no_address() {
    let (port, requests) = serve();
    let site = site(port);
    let (code, said) = site.check(&[]);
    assert_eq!(code, 0, "{said}");
    assert!(!said.contains("archived copy"), "{said}");
    assert_eq!(requests.load(Ordering::SeqCst), 0);
}

#[test]
fn check_online_with_strict_fails_on_what_it_found() {
    let (port, _) = serve();
    let site = site(port);
    let (code, said) = site.check(&["--online", "--strict", "--timeout", "1"]);
    assert_eq!(code, 1, "{said}");
}
