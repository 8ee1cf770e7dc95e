//! Text, with no knowledge of sites: dates, slugs, escaping, hashing, word counts, the
//! languages' conventions (ICU4X) and typography.

pub mod date;
pub mod escape;
pub mod hash;
pub mod locale;
pub mod markup;
pub mod slug;
pub mod smart;
pub mod spacing;
pub mod tree;
pub mod words;
