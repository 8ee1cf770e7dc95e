//! The built site behind a real static server: Debian's nginx serves it under a sub-path
//! with the rules of the site's `_headers` translated to its configuration, and Chromium
//! reads it (tests/browser/served.mjs) and Lighthouse scores it (tests/browser/lighthouse.mjs).
//! `.ci/run` installs both.

mod common;

use std::fmt::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use common::{RealSite, header_rules};

/// The `_headers` rules as nginx locations serving `site` at the rules' paths: a rule for
/// `/path/*` becomes a prefix location, one for a file an exact one. As on Netlify, a file
/// gets the headers of every rule that matches it; `always` sends them with a 404 too.
fn nginx_locations(headers: &str, site: &Path) -> String {
    let rules = header_rules(headers);
    let wildcard: Vec<(&str, &Vec<(String, String)>)> = rules
        .iter()
        .filter_map(|(path, h)| path.strip_suffix('*').map(|prefix| (prefix, h)))
        .collect();
    let (root_prefix, _) = wildcard.first().expect("a rule for the whole site");
    let mut out = String::new();
    for (path, own) in &rules {
        let (matcher, prefix) = match path.strip_suffix('*') {
            Some(prefix) => ("", prefix),
            None => ("= ", path.as_str()),
        };
        let file = site.join(prefix.strip_prefix(root_prefix).unwrap_or(prefix));
        let mut alias = file.display().to_string();
        if prefix.ends_with('/') && !alias.ends_with('/') {
            alias.push('/');
        }
        let _ = writeln!(
            out,
            "    location {matcher}{path} {{\n      alias {alias};",
            path = prefix
        );
        let inherited = wildcard
            .iter()
            .filter(|(p, h)| path.starts_with(p) && !std::ptr::eq(*h, own))
            .flat_map(|(_, h)| h.iter());
        for (name, value) in inherited.chain(own.iter()) {
            let _ = writeln!(out, "      add_header {name} \"{value}\" always;");
        }
        out.push_str("    }\n");
    }
    out
}

fn nginx_config(locations: &str, base_path: &str, port: u16, work: &Path) -> String {
    let w = work.display();
    // As root, nginx's workers would run as `nobody`, who can't read a private temp folder.
    let user = if running_as_root() { "user root;" } else { "" };
    format!(
        "{user}
worker_processes 1;
daemon off;
pid {w}/nginx.pid;
error_log {w}/error.log;
events {{ worker_connections 64; }}
http {{
  types {{ text/html html; text/css css; image/svg+xml svg; image/png png; application/xml xml; text/plain txt; }}
  default_type application/octet-stream;
  charset utf-8;
  charset_types text/css application/xml text/plain image/svg+xml;
  # As a production host would; uncompressed pages would slow Lighthouse's simulated 4G.
  gzip on;
  gzip_types text/css image/svg+xml application/xml text/plain;
  access_log off;
  client_body_temp_path {w}/body; proxy_temp_path {w}/proxy; fastcgi_temp_path {w}/fastcgi;
  uwsgi_temp_path {w}/uwsgi; scgi_temp_path {w}/scgi;
  server {{
    listen 127.0.0.1:{port};
    error_page 404 {base_path}404.html;
{locations}  }}
}}
"
    )
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// nginx running in the foreground; stopped with its own signal, so its worker goes too
/// (killing only the master would leave the worker holding the port).
struct Nginx {
    master: Child,
    config: PathBuf,
    work: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let stopped = Command::new("nginx")
            .arg("-c")
            .arg(&self.config)
            .arg("-p")
            .arg(&self.work)
            .args(["-s", "stop"])
            .stderr(Stdio::null())
            .status();
        if !stopped.is_ok_and(|s| s.success()) {
            let _ = self.master.kill();
        }
        let _ = self.master.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_nginx(config: &str, work: &Path, port: u16) -> Nginx {
    let file = work.join("nginx.conf");
    std::fs::write(&file, config).unwrap();
    let child = Command::new("nginx")
        .arg("-c")
        .arg(&file)
        .arg("-p")
        .arg(work)
        .arg("-e")
        .arg(work.join("error.log"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx is installed (apt-get install nginx-light)");
    let nginx = Nginx {
        master: child,
        config: file,
        work: work.to_path_buf(),
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "nginx did not start:\n{}",
            std::fs::read_to_string(work.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    nginx
}

#[test]
fn headers_translate_to_nginx_locations_with_the_whole_sites_headers_on_each_file() {
    let headers =
        "/x/*\n  A: 1\n  B: 'two'\n\n/x/style.0123456789.css\n  Cache-Control: max-age=9\n";
    let locations = nginx_locations(headers, Path::new("/srv/site"));
    assert_eq!(
        locations,
        "    location /x/ {\n      alias /srv/site/;\n      add_header A \"1\" always;\n      add_header B \"'two'\" always;\n    }\n    location = /x/style.0123456789.css {\n      alias /srv/site/style.0123456789.css;\n      add_header A \"1\" always;\n      add_header B \"'two'\" always;\n      add_header Cache-Control \"max-age=9\" always;\n    }\n"
    );
}

/// The built site served by nginx at `url`, until dropped.
struct Served {
    // Declared before `work`, so nginx stops before its folder goes.
    _nginx: Nginx,
    _work: tempfile::TempDir,
    url: String,
    config: String,
}

/// `site`, whose `_headers` rules are for `base_path`, served by nginx under that path on a
/// free loopback port.
fn serve(site: &RealSite, base_path: &str) -> Served {
    let headers = String::from_utf8(site.files["_headers"].clone()).unwrap();
    assert!(headers.starts_with(&format!("{base_path}*")));
    let work = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut locations = nginx_locations(&headers, &site.out);
    // A site under a sub-path shares its host's robots.txt, at the root, where crawlers (and
    // Lighthouse) look for it; the site's own stands in for the host's.
    let _ = writeln!(
        locations,
        "    location = /robots.txt {{\n      alias {};\n    }}",
        site.out.join("robots.txt").display()
    );
    let config = nginx_config(&locations, base_path, port, work.path());
    let nginx = start_nginx(&config, work.path(), port);
    Served {
        _nginx: nginx,
        _work: work,
        url: format!("http://127.0.0.1:{port}{base_path}"),
        config,
    }
}

/// Held while a test drives Chromium: Lighthouse's timings on this machine's CPU are only
/// its own if no other browser runs beside it.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

fn one_browser() -> std::sync::MutexGuard<'static, ()> {
    ONE_BROWSER.lock().unwrap_or_else(PoisonError::into_inner)
}

fn browser_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser")
        .join(name)
}

#[test]
#[ignore = "needs nginx and Chromium"]
fn nginx_serves_the_site_under_a_sub_path_with_its_headers_and_styled_404() {
    let site = RealSite::published();
    let served = serve(site, "/explainer/");
    let _browser = one_browser();
    let run = Command::new("node")
        .arg(browser_script("served.mjs"))
        .arg(&served.url)
        .arg(&site.out)
        .output()
        .expect("node is installed");
    let report = String::from_utf8_lossy(&run.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "served checks failed:\n{report}\n{}",
        served.config
    );
    assert!(report.contains(": 0 problems"), "{report}");
}

const LIGHTHOUSE_CATEGORIES: [&str; 4] = ["performance", "accessibility", "best-practices", "seo"];

#[test]
#[ignore = "needs nginx and Chromium"]
fn lighthouse_scores_100_in_every_category_on_mobile_when_served_under_a_sub_path() {
    let site = RealSite::published();
    // The English home, the longest English page (the most to lay out), and the Russian home
    // (another edition, in Cyrillic).
    let longest = site
        .english_pages()
        .max_by_key(|p| site.files[*p].len())
        .unwrap();
    let audited = ["index.html", longest, "ru/index.html"];
    let served = serve(site, "/explainer/");
    let _browser = one_browser();
    let run = Command::new("node")
        .arg(browser_script("lighthouse.mjs"))
        .arg(&served.url)
        .args(audited)
        .stderr(Stdio::inherit())
        .output()
        .expect("node is installed");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "Lighthouse did not run:\n{stdout}");
    let report: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"));
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    eprintln!(
        "Lighthouse {} in {}, mobile:",
        text(&report["lighthouse"]),
        text(&report["browser"])
    );
    let pages = report["pages"].as_array().unwrap();
    assert_eq!(pages.len(), audited.len(), "{stdout}");
    let mut short = Vec::new();
    for page in pages {
        // As Lighthouse shows them, out of 100; a category it could not score is null.
        let scores = LIGHTHOUSE_CATEGORIES.map(|c| page["scores"][c].as_f64());
        let line = LIGHTHOUSE_CATEGORIES
            .iter()
            .zip(scores)
            .map(|(c, s)| match s {
                Some(s) => format!("{c} {}", (s * 100.0).round()),
                None => format!("{c} not scored"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let metrics = page["metrics"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(m, v)| format!("{m} {}", text(v)))
            .collect::<Vec<_>>()
            .join(", ");
        let runs = page["attempts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| format!("{} (CPU {})", a["performance"], a["benchmarkIndex"]))
            .collect::<Vec<_>>()
            .join(", ");
        eprintln!(
            "  {}: {line}\n    {metrics}\n    performance by run: {runs}",
            text(&page["page"])
        );
        if scores.iter().any(|s| *s != Some(1.0)) {
            let mut audits = String::new();
            for a in page["failing"].as_array().unwrap() {
                let _ = writeln!(
                    audits,
                    "    {}/{} (weight {}): {}: score {} {} {}",
                    text(&a["category"]),
                    text(&a["id"]),
                    a["weight"],
                    text(&a["title"]),
                    a["score"],
                    text(&a["displayValue"]),
                    text(&a["explanation"]),
                );
                for item in a["items"].as_array().unwrap() {
                    let _ = writeln!(audits, "      {}", text(item));
                }
            }
            short.push(format!("  {}: {line}\n{audits}", text(&page["page"])));
        }
    }
    assert!(
        short.is_empty(),
        "below 100 on Lighthouse, with the audits that cost points:\n{}",
        short.join("\n")
    );
}
