//! Counting words as a reader does, over text that arrives in pieces: punctuation on its
//! own is not a word, and a word may run across pieces (`*un*done` is one word).

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALNUM: u8 = 2;

/// The class of each ASCII character; whitespace as `char::is_whitespace` has it.
const ASCII: [u8; 128] = {
    let mut table = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// A running word count.
#[derive(Debug, Default)]
pub struct WordCount {
    words: usize,
    /// Inside a word, and whether it has a letter or digit yet.
    in_word: bool,
    has_alnum: bool,
}

impl WordCount {
    /// Adds text that continues the text before it.
    pub fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let (mut words, mut in_word, mut has_alnum) = (self.words, self.in_word, self.has_alnum);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII, nearly all prose, is classified without decoding characters.
            let class = if b.is_ascii() {
                i += 1;
                ASCII[usize::from(b)]
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                match c {
                    c if c.is_whitespace() => SPACE,
                    c if c.is_alphanumeric() => ALNUM,
                    _ => OTHER,
                }
            };
            // Without branches: spaces and letters alternate too often to predict.
            let space = class == SPACE;
            words += usize::from(space & in_word & has_alnum);
            has_alnum = !space & (has_alnum | (class == ALNUM));
            in_word = !space;
        }
        (self.words, self.in_word, self.has_alnum) = (words, in_word, has_alnum);
    }

    /// A break between blocks: whatever comes next starts a new word.
    pub fn push_break(&mut self) {
        self.end_word();
    }

    pub fn total(mut self) -> usize {
        self.end_word();
        self.words
    }

    fn end_word(&mut self) {
        if self.in_word && self.has_alnum {
            self.words += 1;
        }
        self.in_word = false;
        self.has_alnum = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(pieces: &[&str]) -> usize {
        let mut words = WordCount::default();
        for piece in pieces {
            match *piece {
                "|" => words.push_break(),
                text => words.push(text),
            }
        }
        words.total()
    }

    #[test]
    fn punctuation_alone_is_not_a_word_and_words_run_across_pieces() {
        assert_eq!(count(&["NATO’s ", "un", "done — ", "1997."]), 3);
        assert_eq!(count(&["one", "|", "two\u{a0}three", "|", "—"]), 3);
        assert_eq!(count(&["", " ", "|"]), 0);
        assert_eq!(count(&["Россия хочет", "|", "гарантий"]), 3);
    }
}
