//! The tags of an HTML text and their attributes, found where a browser's tokenizer finds
//! them (outside comments and the raw text of `script` and `style`), with their byte
//! ranges: what lets a finished page be taken apart or have a value changed while every
//! other byte stays as it was.

use std::borrow::Cow;
use std::ops::Range;

/// A start or end tag.
#[derive(Debug)]
pub struct Tag<'a> {
    /// As written; compare with [`Tag::is`].
    pub name: &'a str,
    pub closing: bool,
    /// The whole tag, `<` to `>`.
    pub span: Range<usize>,
    pub attributes: Vec<Attribute<'a>>,
}

impl Tag<'_> {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The value of the attribute `name`, entities decoded.
    pub fn get(&self, name: &str) -> Option<Cow<'_, str>> {
        self.attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(Attribute::value)
    }
}

#[derive(Debug)]
pub struct Attribute<'a> {
    pub name: &'a str,
    /// The value as written, without its quotes; empty for an attribute without one.
    pub raw: &'a str,
    /// From the space before the name to the end of the value (its closing quote).
    pub span: Range<usize>,
}

impl Attribute<'_> {
    pub fn value(&self) -> Cow<'_, str> {
        decode(self.raw)
    }
}

/// The tags of `html`, in order.
pub fn tags(html: &str) -> Tags<'_> {
    Tags { html, at: 0 }
}

pub struct Tags<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let html = self.html;
        loop {
            let start = self.at + memchr::memchr(b'<', &html.as_bytes()[self.at..])?;
            let rest = &html[start..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                self.at = comment
                    .find("-->")
                    .map_or(html.len(), |end| start + 4 + end + 3);
                continue;
            }
            let (closing, name_at) = match rest.as_bytes().get(1) {
                Some(b'/') => (true, start + 2),
                _ => (false, start + 1),
            };
            if !html
                .as_bytes()
                .get(name_at)
                .is_some_and(u8::is_ascii_alphabetic)
            {
                // Text's `<`, a doctype or a processing instruction: no tag to read.
                self.at = start + 1;
                continue;
            }
            let tag = read_tag(html, start, name_at, closing);
            self.at = tag.span.end;
            if !closing && (tag.is("script") || tag.is("style")) {
                self.at = raw_text_end(html, self.at, tag.name);
            }
            return Some(tag);
        }
    }
}

fn read_tag(html: &str, start: usize, name_at: usize, closing: bool) -> Tag<'_> {
    let bytes = html.as_bytes();
    let stop = |b: u8| b.is_ascii_whitespace() || b == b'/' || b == b'>';
    let mut at = name_at;
    while at < bytes.len() && !stop(bytes[at]) {
        at += 1;
    }
    let name = &html[name_at..at];
    let mut attributes = Vec::new();
    loop {
        let before = at;
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            break;
        }
        if bytes[at] == b'>' {
            at += 1;
            break;
        }
        let name_start = at;
        while at < bytes.len() && !stop(bytes[at]) && bytes[at] != b'=' {
            at += 1;
        }
        // A name is at least one byte, even one a browser would refuse (`="x"`).
        at = at.max(name_start + 1);
        let attribute_name = &html[name_start..at];
        let mut value = at..at;
        let mut after_spaces = at;
        while after_spaces < bytes.len() && bytes[after_spaces].is_ascii_whitespace() {
            after_spaces += 1;
        }
        if bytes.get(after_spaces) == Some(&b'=') {
            at = after_spaces + 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end =
                        memchr::memchr(quote, &bytes[at + 1..]).map_or(bytes.len(), |e| at + 1 + e);
                    value = at + 1..end;
                    at = (end + 1).min(bytes.len());
                }
                _ => {
                    let from = at;
                    while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>'
                    {
                        at += 1;
                    }
                    value = from..at;
                }
            }
        }
        attributes.push(Attribute {
            name: attribute_name,
            raw: &html[value],
            span: before..at,
        });
    }
    Tag {
        name,
        closing,
        span: start..at,
        attributes,
    }
}

/// Where the raw text of a `script` or `style` ends: at its end tag, in any case.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let end = lt + 2 + name.len();
        if bytes.get(lt + 1) == Some(&b'/')
            && html
                .get(lt + 2..end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return lt;
        }
        at = lt + 1;
    }
    html.len()
}

/// What to do with one attribute's value.
pub enum Edit {
    Keep,
    /// This value instead (not yet escaped).
    Set(String),
    Remove,
}

/// `html` with each attribute changed as `edit` says, given the tag and the attribute; every
/// other byte as it was. A new value is written in double quotes.
pub fn rewrite(html: &str, mut edit: impl FnMut(&Tag, &Attribute) -> Edit) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    for tag in tags(html) {
        for attribute in &tag.attributes {
            match edit(&tag, attribute) {
                Edit::Keep => continue,
                Edit::Set(value) => {
                    out.push_str(&html[copied..attribute.span.start]);
                    let spaces = &html[attribute.span.start
                        ..attribute.span.start + leading_space(html, attribute)];
                    out.push_str(spaces);
                    out.push_str(attribute.name);
                    out.push_str("=\"");
                    out.push_str(&super::escape::escape(&value));
                    out.push('"');
                }
                Edit::Remove => out.push_str(&html[copied..attribute.span.start]),
            }
            copied = attribute.span.end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

fn leading_space(html: &str, attribute: &Attribute) -> usize {
    let span = &html[attribute.span.clone()];
    span.len()
        - span
            .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/')
            .len()
}

/// An attribute's text with its character references decoded: the named ones markup
/// escaping writes, and numeric ones.
pub fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            _ => entity.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The text between the first start tag `name` and the end tag after it, if both are there.
pub fn inner<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let mut found = tags(html).filter(|t| t.is(name));
    let open = found.find(|t| !t.closing)?;
    let close = found.find(|t| t.closing)?;
    Some(&html[open.span.end..close.span.start])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found_in_every_quoting_and_none_in_comments_or_raw_text() {
        let html = r#"<!-- <a href="no"> --><p id=one class='two' hidden data-x = "a &amp; b"><style>a[href="no"]{}</style><script>"<a href=no>"</script></P>"#;
        let found: Vec<(String, Vec<(String, String)>)> = tags(html)
            .map(|t| {
                let name = format!("{}{}", if t.closing { "/" } else { "" }, t.name);
                let attributes = t
                    .attributes
                    .iter()
                    .map(|a| (a.name.to_owned(), a.value().into_owned()))
                    .collect();
                (name, attributes)
            })
            .collect();
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found,
            vec![
                (
                    "p".into(),
                    pairs(&[
                        ("id", "one"),
                        ("class", "two"),
                        ("hidden", ""),
                        ("data-x", "a & b")
                    ])
                ),
                ("style".into(), vec![]),
                ("/style".into(), vec![]),
                ("script".into(), vec![]),
                ("/script".into(), vec![]),
                ("/P".into(), vec![]),
            ]
        );
    }

    #[test]
    fn a_rewrite_changes_only_the_values_it_names() {
        let html = r##"<a href="#x" class="c">1 < 2</a><img src=pic.png alt='A "pic"'><br/>"##;
        let out = rewrite(html, |tag, a| match a.name {
            "href" => Edit::Set(format!("#s--{}", &a.value()[1..])),
            "src" if tag.is("img") => Edit::Set("data:image/png;base64,AA==".into()),
            "class" => Edit::Remove,
            _ => Edit::Keep,
        });
        assert_eq!(
            out,
            r##"<a href="#s--x">1 < 2</a><img src="data:image/png;base64,AA==" alt='A "pic"'><br/>"##
        );
    }

    #[test]
    fn character_references_are_decoded_and_broken_ones_kept() {
        assert_eq!(decode("a&amp;b&#39;c&#x41;&unknown;&"), "a&b'cA&unknown;&");
    }

    #[test]
    fn the_inner_text_of_an_element_is_between_its_tags() {
        let html = "<body><header>h</header><main id=\"m\"><p>x</p></main><footer>";
        assert_eq!(inner(html, "main"), Some("<p>x</p>"));
        assert_eq!(inner(html, "nav"), None);
    }
}
