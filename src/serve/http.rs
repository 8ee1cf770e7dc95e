//! Answering one HTTP request of the preview server.

use std::io::Cursor;

use tiny_http::{Header, Method, Request, Response};

use super::{ServerState, live};

type Reply = Response<Cursor<Vec<u8>>>;

pub fn handle(request: Request, shared: &ServerState) {
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

fn reply(url_path: &str, shared: &ServerState) -> Reply {
    if url_path == live::SCRIPT_PATH {
        return bytes(
            200,
            "text/javascript; charset=utf-8",
            live::SCRIPT.as_bytes().to_vec(),
        );
    }
    let Some(site_path) = requested_path(url_path) else {
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
    if let Some(text) = snapshot.files.get(site_path.as_str()) {
        return bytes(200, &content_type(&site_path), text.as_bytes().to_vec());
    }
    // Only the files the build publishes: never a hidden file, a folder or anything else.
    match snapshot
        .assets
        .get(site_path.as_str())
        .and_then(|published| published.read().ok())
    {
        Some(body) => bytes(200, &content_type(&site_path), body.into_owned()),
        None => text(404, "Not found."),
    }
}

/// The site path a URL path asks for (`/` and `/dir/` mean their `index.html`), or `None`
/// if it is not a plain path inside the site: `..`, backslashes or NUL, encoded or not.
pub fn requested_path(url_path: &str) -> Option<String> {
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

/// `%xx` escapes decoded; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let malformed = s.match_indices('%').any(|(i, _)| {
        !s.get(i + 1..i + 3)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    if malformed {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|decoded| decoded.into_owned())
}

/// The Content-Type for a file, from its extension; text is always UTF-8.
fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == mime_guess::mime::JAVASCRIPT => format!("{mime}; charset=utf-8"),
        _ => mime.to_string(),
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
        assert_eq!(requested_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            requested_path("/demands.html").as_deref(),
            Some("demands.html")
        );
        assert_eq!(
            requested_path("/history/").as_deref(),
            Some("history/index.html")
        );
        assert_eq!(requested_path("/a%20b.html").as_deref(), Some("a b.html"));
    }

    #[test]
    fn files_are_served_with_their_type() {
        assert_eq!(content_type("a.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.1a.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("map.svg"), "image/svg+xml");
        assert_eq!(content_type("card.png"), "image/png");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("x.unknownext"), "application/octet-stream");
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
            assert_eq!(requested_path(bad), None, "{bad}");
        }
    }
}
