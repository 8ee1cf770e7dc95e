//! Answering one HTTP request of the preview server.

use std::io::Cursor;

use tiny_http::{Header, Method, Request, Response};

use super::{Shared, live};

type Reply = Response<Cursor<Vec<u8>>>;

pub fn handle(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "Only GET and HEAD are served."));
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    if path == live::EVENTS_PATH {
        // Written straight to the socket: each event must leave at once, unbuffered.
        let stream = shared.clients.subscribe();
        let _ = stream.send_to(request.into_writer());
        return;
    }
    let _ = request.respond(reply(&path, shared));
}

fn reply(url_path: &str, shared: &Shared) -> Reply {
    if url_path == live::SCRIPT_PATH {
        return bytes(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT.as_bytes().to_vec(),
        );
    }
    let Some(site_path) = site_path(url_path) else {
        return text(400, "Bad request: that path leaves the site.");
    };
    let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
    let is_page = site_path.ends_with(".html") || !site_path.contains('.');
    if let (Some(errors), true) = (&snapshot.error, is_page) {
        return bytes(
            500,
            "text/html; charset=utf-8",
            live::error_page(errors).into_bytes(),
        );
    }
    if let Some(text) = snapshot.files.get(&site_path) {
        return bytes(200, content_type(&site_path), text.as_bytes().to_vec());
    }
    // Only the files the build publishes: never a hidden file, a folder or anything else.
    match snapshot
        .assets
        .get(&site_path)
        .and_then(|published| published.read().ok())
    {
        Some(body) => bytes(200, content_type(&site_path), body.into_owned()),
        None => text(404, "Not found."),
    }
}

/// The site path a URL path asks for (`/` and `/dir/` mean their `index.html`), or `None`
/// if it is not a plain path inside the site: `..`, backslashes or NUL, encoded or not.
pub fn site_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            part => parts.push(part),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, message: &str) -> Reply {
    bytes(
        status,
        "text/plain; charset=utf-8",
        message.as_bytes().to_vec(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_site_paths() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/demands.html").as_deref(), Some("demands.html"));
        assert_eq!(
            site_path("/history/").as_deref(),
            Some("history/index.html")
        );
        assert_eq!(site_path("/a%20b.html").as_deref(), Some("a b.html"));
    }

    #[test]
    fn paths_that_climb_out_are_refused_however_encoded() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/..%5cx",
            "/x%00",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
