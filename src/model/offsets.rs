//! Character positions and spans.
//!
//! All positioning in Pizhu is done in `char` offsets (Unicode scalar values)
//! into a document's text, never bytes or UTF-16 units: this is what W3C
//! `TextPositionSelector`, brat and REFI-QDA `PlainTextSelection` count.
//! Byte offsets exist only inside this module (and `text/`), behind checked
//! conversions, because `&str` slicing counts bytes.

use serde::{Deserialize, Serialize};

/// A position between two characters: `CharPos(0)` is before the first `char`,
/// `CharPos(n)` after the n-th.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CharPos(pub usize);

impl CharPos {
    /// This position moved `n` characters forward, saturating.
    #[must_use]
    pub fn plus(self, n: usize) -> Self {
        Self(self.0.saturating_add(n))
    }
}

impl std::fmt::Display for CharPos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A half-open span of characters `[start, end)`: `start` is included, `end`
/// is not. Always `start <= end` (the constructor and deserializer enforce it).
///
/// Stored in project files as a plain tuple `(start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "(usize, usize)", into = "(usize, usize)")]
pub struct CharSpan {
    start: CharPos,
    end: CharPos,
}

impl CharSpan {
    /// The span between two positions, in either order.
    pub fn new(a: CharPos, b: CharPos) -> Self {
        Self {
            start: a.min(b),
            end: a.max(b),
        }
    }

    /// Shorthand for `CharSpan::new(CharPos(a), CharPos(b))`.
    pub fn from_range(a: usize, b: usize) -> Self {
        Self::new(CharPos(a), CharPos(b))
    }

    /// The first character in the span.
    pub fn start(self) -> CharPos {
        self.start
    }

    /// The position just past the last character.
    pub fn end(self) -> CharPos {
        self.end
    }

    /// Number of characters in the span.
    pub fn len(self) -> usize {
        self.end.0 - self.start.0
    }

    /// True when the span holds no character.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one character.
    pub fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `pos` is one of the span's characters.
    pub fn contains(self, pos: CharPos) -> bool {
        self.start <= pos && pos < self.end
    }

    /// The characters both spans share, if any.
    pub fn intersect(self, other: Self) -> Option<Self> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Self { start, end })
    }
}

impl TryFrom<(usize, usize)> for CharSpan {
    type Error = String;

    fn try_from((start, end): (usize, usize)) -> Result<Self, Self::Error> {
        if start > end {
            return Err(format!("span ({start}, {end}) ends before it starts"));
        }
        Ok(Self {
            start: CharPos(start),
            end: CharPos(end),
        })
    }
}

impl From<CharSpan> for (usize, usize) {
    fn from(span: CharSpan) -> Self {
        (span.start.0, span.end.0)
    }
}

impl std::fmt::Display for CharSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}, {})", self.start, self.end)
    }
}

/// How many characters lie between two checkpoints of a [`TextIndex`].
const STRIDE: usize = 64;

/// Maps char positions to byte offsets in one text, in O(1) + a walk of at
/// most [`STRIDE`] characters, using one checkpoint every 64 chars
/// (8 bytes per 64 chars, so about 1/20 of a CJK text's size).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextIndex {
    /// Byte offset of char `i * STRIDE`.
    checkpoints: Vec<usize>,
    char_len: usize,
}

impl TextIndex {
    /// Index `text`. O(n).
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_len = 0;
        for (i, (byte, _)) in text.char_indices().enumerate() {
            if i % STRIDE == 0 {
                checkpoints.push(byte);
            }
            char_len = i + 1;
        }
        Self {
            checkpoints,
            char_len,
        }
    }

    /// Number of chars in the indexed text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The byte offset of `pos` in `text` (which must be the indexed text),
    /// or `None` when `pos` is past the end.
    pub fn byte_of(&self, text: &str, pos: CharPos) -> Option<usize> {
        if pos.0 > self.char_len {
            return None;
        }
        if pos.0 == self.char_len {
            return Some(text.len());
        }
        let base = *self.checkpoints.get(pos.0 / STRIDE)?;
        let rest = text.get(base..)?;
        rest.char_indices()
            .nth(pos.0 % STRIDE)
            .map(|(byte, _)| base + byte)
    }

    /// The char position of byte offset `byte`, or `None` when it is not on
    /// a char boundary or past the end. O(log n + STRIDE).
    pub fn char_of_byte(&self, text: &str, byte: usize) -> Option<CharPos> {
        if !text.is_char_boundary(byte) {
            return None;
        }
        let slot = match self.checkpoints.binary_search(&byte) {
            Ok(i) => return Some(CharPos(i * STRIDE)),
            Err(0) => return Some(CharPos(0)),
            Err(i) => i - 1,
        };
        let base = *self.checkpoints.get(slot)?;
        let walked = text.get(base..byte)?.chars().count();
        Some(CharPos(slot * STRIDE + walked))
    }

    /// The text of `span`, or `None` when the span is out of range.
    pub fn slice<'t>(&self, text: &'t str, span: CharSpan) -> Option<&'t str> {
        let a = self.byte_of(text, span.start())?;
        let b = self.byte_of(text, span.end())?;
        text.get(a..b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_slice(text: &str, a: usize, b: usize) -> String {
        text.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn span_orders_its_ends_and_is_half_open() {
        let s = CharSpan::from_range(5, 2);
        assert_eq!((s.start(), s.end()), (CharPos(2), CharPos(5)));
        assert_eq!(s.len(), 3);
        assert!(s.contains(CharPos(2)) && !s.contains(CharPos(5)));
        assert!(!s.overlaps(CharSpan::from_range(5, 9)));
        assert!(s.overlaps(CharSpan::from_range(4, 9)));
        assert_eq!(
            s.intersect(CharSpan::from_range(4, 9)),
            Some(CharSpan::from_range(4, 5))
        );
    }

    #[test]
    fn span_rejects_reversed_tuple() {
        assert!(CharSpan::try_from((3, 2)).is_err());
        assert_eq!(CharSpan::try_from((2, 3)), Ok(CharSpan::from_range(2, 3)));
    }

    #[test]
    fn slices_ascii_cjk_emoji_extension_b_and_combining_marks() {
        // 𠀀 (U+20000) is CJK Extension B, 4 bytes in UTF-8 and 2 units in UTF-16;
        // "é" here is e + U+0301, two chars.
        let text = "ab世纪😀科索沃𠀀e\u{301}x";
        let index = TextIndex::new(text);
        assert_eq!(index.char_len(), text.chars().count());
        assert_eq!(index.slice(text, CharSpan::from_range(2, 4)), Some("世纪"));
        assert_eq!(index.slice(text, CharSpan::from_range(4, 5)), Some("😀"));
        assert_eq!(
            index.slice(text, CharSpan::from_range(5, 8)),
            Some("科索沃")
        );
        assert_eq!(index.slice(text, CharSpan::from_range(8, 9)), Some("𠀀"));
        assert_eq!(
            index.slice(text, CharSpan::from_range(9, 11)),
            Some("e\u{301}")
        );
        assert_eq!(index.slice(text, CharSpan::from_range(12, 12)), Some(""));
        assert_eq!(index.slice(text, CharSpan::from_range(11, 13)), None);
    }

    #[test]
    fn byte_and_char_positions_round_trip_across_checkpoints() {
        let text: String = "科😀a𠀀".repeat(100);
        let index = TextIndex::new(&text);
        for (i, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.byte_of(&text, CharPos(i)), Some(byte));
            assert_eq!(index.char_of_byte(&text, byte), Some(CharPos(i)));
        }
        assert_eq!(index.char_of_byte(&text, 1), None, "inside 科");
        assert_eq!(
            index.char_of_byte(&text, text.len()),
            Some(CharPos(index.char_len()))
        );
    }

    #[test]
    fn empty_text() {
        let index = TextIndex::new("");
        assert_eq!(index.char_len(), 0);
        assert_eq!(index.slice("", CharSpan::from_range(0, 0)), Some(""));
        assert_eq!(index.byte_of("", CharPos(1)), None);
    }

    proptest::proptest! {
        #[test]
        fn slice_matches_naive_char_slicing(text in "[a-z世纪😀𠀀\u{301}\n]{0,300}", a in 0usize..320, b in 0usize..320) {
            let index = TextIndex::new(&text);
            let n = text.chars().count();
            let span = CharSpan::from_range(a, b);
            let got = index.slice(&text, span);
            if span.end().0 <= n {
                proptest::prop_assert_eq!(got.map(str::to_owned), Some(naive_slice(&text, span.start().0, span.end().0)));
            } else {
                proptest::prop_assert_eq!(got, None);
            }
        }
    }
}
