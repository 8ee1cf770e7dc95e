//! Smart punctuation for plain text outside Markdown bodies (front matter): the same curly
//! quotes, apostrophes, dashes and ellipses pulldown-cmark gives the body, by running the
//! text through it as one literal paragraph.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser};

/// `text` with `'` `"` `--` `---` `...` made typographic, as in a Markdown body; nothing
/// else changes (`*`, `_`, `<`, `[` stay as written). Text without them is returned as it is.
pub fn punctuate(text: &str) -> Cow<'_, str> {
    if !text.contains(['\'', '"']) && !text.contains("--") && !text.contains("...") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(punctuate_line).collect();
    Cow::Owned(lines.join("\n"))
}

/// One line. A leading "x " makes it a paragraph whatever it starts with (`-`, `1.`, `#`),
/// and reads to the quote rules like the start of a line; every other ASCII punctuation mark
/// is escaped so that only the typography changes.
fn punctuate_line(line: &str) -> String {
    const LEAD: &str = "x ";
    let (trimmed, indent) = (line.trim(), &line[..line.len() - line.trim_start().len()]);
    let trailing = &line[indent.len() + trimmed.len()..];
    let mut source = String::with_capacity(LEAD.len() + trimmed.len() * 2);
    source.push_str(LEAD);
    for c in trimmed.chars() {
        if c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.') {
            source.push('\\');
        }
        source.push(c);
    }
    let mut out = String::with_capacity(source.len());
    for event in Parser::new_ext(&source, Options::ENABLE_SMART_PUNCTUATION) {
        if let Event::Text(text) = event {
            out.push_str(&text);
        }
    }
    let out = out.strip_prefix(LEAD).unwrap_or(&out);
    format!("{indent}{out}{trailing}")
}

#[cfg(test)]
mod tests {
    use super::punctuate;

    #[test]
    fn quotes_apostrophes_dashes_and_ellipses_as_in_a_body() {
        assert_eq!(
            punctuate(r#"NATO's "open door" -- and Russia's... 'no'"#),
            "NATO’s “open door” – and Russia’s… ‘no’"
        );
        assert_eq!(punctuate("1997---2022"), "1997—2022");
        assert_eq!(punctuate("'90s"), "’90s");
    }

    #[test]
    fn markdown_syntax_stays_literal() {
        for text in [
            "- a list? no: *stars*, _under_, `code`, <b>, [link](x), &amp; \\ #1 | 2 'q'",
            "1. Not a list 'here'",
            "# Not a heading 'here'",
            "--- 'not a rule'",
            "> 'not a quote'",
        ] {
            let out = punctuate(text);
            let expected = text
                .replace(" 'q'", " ‘q’")
                .replace(" 'here'", " ‘here’")
                .replace("--- 'not a rule'", "— ‘not a rule’")
                .replace("'not a quote'", "‘not a quote’");
            assert_eq!(out, expected, "{text}");
        }
    }

    #[test]
    fn text_without_straight_marks_is_untouched() {
        assert!(matches!(
            punctuate("Already “curly” and ’right’ – fine"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(punctuate("two\nlines 'x'"), "two\nlines ‘x’");
    }
}
