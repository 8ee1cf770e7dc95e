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

/// A running word count. A word is a run of characters between spaces with a letter or a
/// digit in it; it is counted at its first letter or digit.
#[derive(Debug, Default)]
pub struct WordCount {
    words: usize,
    /// The current run already has a letter or digit, so it is counted.
    counted: bool,
}

impl WordCount {
    /// Adds text that continues the text before it.
    pub fn push(&mut self, text: &str) {
        let (mut words, mut counted) = (self.words, self.counted);
        // Without branches: spaces and letters alternate too often to predict.
        let mut step = |class: u8| {
            let alnum = class == ALNUM;
            words += usize::from(alnum & !counted);
            counted = (class != SPACE) & (counted | alnum);
        };
        if text.is_ascii() {
            // Nearly all prose: classified byte by byte, without decoding characters.
            text.bytes().for_each(|b| step(ASCII[usize::from(b)]));
        } else {
            text.chars().for_each(|c| {
                step(match c {
                    c if c.is_ascii() => ASCII[c as usize],
                    c if c.is_whitespace() => SPACE,
                    c if c.is_alphanumeric() => ALNUM,
                    _ => OTHER,
                })
            });
        }
        (self.words, self.counted) = (words, counted);
    }

    /// A break between blocks: whatever comes next starts a new word.
    pub fn push_break(&mut self) {
        self.counted = false;
    }

    pub fn total(&self) -> usize {
        self.words
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
        assert_eq!(count(&["-- ", "(", "a", ")", " ..."]), 1);
    }
}
