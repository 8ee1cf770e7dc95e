//! Raw HTML in Markdown, made safe: an allow-list of tags and attributes, no script, no
//! event handlers, no `javascript:` URLs, no inline styles. Only pages that contain raw
//! HTML pay for it.

use std::sync::LazyLock;

use ammonia::Builder;
use pulldown_cmark::Event;

use super::{Body, Context, Observe};

/// The pass: notes whether the author wrote any HTML, and if so, and the site doesn't
/// trust its authors, cleans the page's HTML once it is written.
#[derive(Default)]
pub struct RawHtml {
    seen: bool,
}

impl<'a> Observe<'a> for RawHtml {
    #[inline]
    fn see(&mut self, event: &Event<'a>, _: usize, _: &mut Context) {
        self.seen |= matches!(event, Event::Html(_) | Event::InlineHtml(_));
    }

    fn finish(&mut self, cx: &mut Context, body: &mut Body) {
        if self.seen && !cx.refs.trust_html {
            body.html = clean(&body.html);
        }
    }
}

/// The allow-list: ammonia's defaults (text-level and structural HTML, safe URL schemes)
/// plus the attributes this generator's own markup needs (heading ids, link classes,
/// ARIA labels on citations).
static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .add_generic_attributes(["id", "class", "aria-label", "aria-hidden", "role"])
        .add_tag_attributes("time", ["datetime"])
        .add_tag_attributes("ol", ["start"])
        .add_tags(["section", "figure", "figcaption", "time"])
        // Keep links as written: ammonia would add rel="noopener noreferrer" to every one.
        .link_rel(None);
    builder
});

/// `html` with everything outside the allow-list removed.
pub fn clean(html: &str) -> String {
    POLICY.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_handlers_and_javascript_urls_are_removed() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">x</a> <img src=x onerror="y()"></p>"#;
        let clean = clean(dirty);
        for bad in ["script", "onclick", "javascript:", "onerror"] {
            assert!(!clean.contains(bad), "{bad} survived: {clean}");
        }
        assert!(clean.contains("<p>Hi"));
    }

    #[test]
    fn the_generators_own_markup_survives() {
        let ours = r##"<h2 id="why"><a class="heading-link" href="#why">Why</a></h2><p>x<sup class="citation"><a id="cite-a-1" href="#source-a" aria-label="Source 1">1</a></sup></p><table><thead><tr><th class="align-left">A</th></tr></thead></table>"##;
        assert_eq!(clean(ours), ours);
    }
}
