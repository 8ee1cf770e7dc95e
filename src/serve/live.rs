//! Live reload: the script injected into served pages, the event stream it listens to,
//! and the page shown in place of the site while a build is broken.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

pub const SCRIPT_PATH: &str = "/__explainer/live.js";
pub const EVENTS_PATH: &str = "/__explainer/events";

/// Reloads the tab whenever the server says the site was rebuilt.
pub const SCRIPT: &str = "(() => {\n  const events = new EventSource(\"/__explainer/events\");\n  events.addEventListener(\"reload\", () => location.reload());\n})();\n";

/// The page with the live-reload script added before `</body>`, and its
/// Content-Security-Policy (if any) opened just enough for that script and its events.
pub fn inject_script(html: String) -> String {
    let mut html = allow_live_script(html);
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &tag),
        None => html.push_str(&tag),
    }
    html
}

/// The published pages forbid every script; the preview's own is let in by adding
/// `script-src 'self'` and `connect-src 'self'` to the policy's meta tag.
fn allow_live_script(html: String) -> String {
    const CSP: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    match html.find(CSP) {
        Some(i) => {
            let at = i + CSP.len();
            format!(
                "{}script-src 'self'; connect-src 'self'; {}",
                &html[..at],
                &html[at..]
            )
        }
        None => html,
    }
}

/// Shown instead of any page while the site does not build. Its lines never wrap, so that
/// each caret stays under the column it points at.
pub fn error_page(errors: &str) -> String {
    let escaped = crate::text::escape::escape(errors);
    inject_script(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\
         <body style=\"font-family:system-ui,sans-serif;margin:2rem;max-width:60rem\">\
         <h1>The site does not build</h1><p>Fix the files below and save: this page reloads by itself.</p>\
         <pre style=\"white-space:pre;overflow-x:auto;font-family:ui-monospace,monospace;tab-size:4;background:#f6f6f6;color:#111;padding:1rem;border-left:4px solid #b00\">{escaped}</pre></body></html>"
    ))
}

/// Every open event stream, each fed through its own channel.
#[derive(Default)]
pub struct Clients {
    senders: Mutex<Vec<Sender<u64>>>,
}

impl Clients {
    pub fn subscribe(&self) -> EventStream {
        let (tx, rx) = channel();
        self.senders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        EventStream { events: rx }
    }

    /// Tells every tab that build `generation` is ready; forgets closed streams.
    pub fn broadcast(&self, generation: u64) {
        self.senders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|tx| tx.send(generation).is_ok());
    }
}

/// One tab's `text/event-stream`.
pub struct EventStream {
    events: Receiver<u64>,
}

impl EventStream {
    /// Writes the response to the socket, then one `reload` event per build, until the tab
    /// goes away (a write fails).
    pub fn send_to(self, mut socket: impl Write) -> std::io::Result<()> {
        socket.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
              Connection: close\r\n\r\nretry: 500\n\n",
        )?;
        socket.flush()?;
        loop {
            let message = match self.events.recv_timeout(Duration::from_secs(15)) {
                Ok(generation) => format!("event: reload\ndata: {generation}\n\n"),
                // A comment keeps the connection alive and finds out when the tab is gone.
                Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_owned(),
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            };
            socket.write_all(message.as_bytes())?;
            socket.flush()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let html = inject_script("<html><body><p>x</p></body></html>".into());
        assert_eq!(
            html,
            "<html><body><p>x</p><script src=\"/__explainer/live.js\" defer></script></body></html>"
        );
    }

    #[test]
    fn the_content_security_policy_lets_the_live_script_in() {
        let html = inject_script(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><body></body>".into(),
        );
        assert!(
            html.contains("content=\"script-src 'self'; connect-src 'self'; default-src 'none'\""),
            "{html}"
        );
    }

    #[test]
    fn error_pages_escape_the_errors() {
        assert!(error_page("a <b> & c").contains("a &lt;b&gt; &amp; c"));
    }
}
