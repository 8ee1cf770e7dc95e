//! The images pass: an image must name a file the site has, and say what it shows.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Context, Observe};

#[derive(Default)]
pub struct Images {
    /// The image being read: where it starts, and its alt text so far.
    open: Option<(usize, String)>,
}

impl<'a> Observe<'a> for Images {
    #[inline]
    fn see(&mut self, event: &Event<'a>, at: usize, cx: &mut Context) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                super::links::check_file(dest_url, at, cx);
                self.open = Some((at, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = self.open.as_mut() {
                    alt.push_str(text);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = self.open.take()
                    && alt.trim().is_empty()
                {
                    cx.warn(
                        start,
                        "an image without alt text".into(),
                        Some("describe the image: ![What it shows](file.png)".into()),
                    );
                }
            }
            _ => {}
        }
    }
}
