//! The built site behind a real static server: Debian's nginx serves it under a sub-path
//! with the rules of the site's `_headers` translated to its configuration, and Chromium
//! reads it (tests/browser/served.mjs). `.ci/run` installs both.

mod common;

use std::fmt::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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

#[test]
#[ignore = "needs nginx and Chromium"]
fn nginx_serves_the_site_under_a_sub_path_with_its_headers_and_styled_404() {
    let site = RealSite::published();
    let headers = String::from_utf8(site.files["_headers"].clone()).unwrap();
    let base_path = "/explainer/";
    assert!(headers.starts_with(&format!("{base_path}*")));
    let work = tempfile::tempdir().unwrap();
    let port = free_port();
    let config = nginx_config(
        &nginx_locations(&headers, &site.out),
        base_path,
        port,
        work.path(),
    );
    let _nginx = start_nginx(&config, work.path(), port);
    let script: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/served.mjs");
    let run = Command::new("node")
        .arg(script)
        .arg(format!("http://127.0.0.1:{port}{base_path}"))
        .arg(&site.out)
        .output()
        .expect("node is installed");
    let report = String::from_utf8_lossy(&run.stdout);
    eprintln!("{report}{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "served checks failed:\n{report}\n{config}"
    );
    assert!(report.contains(": 0 problems"), "{report}");
}
