//! Word boundaries from jieba-rs, for double-click and word-snapped selection.
//!
//! Building the dictionary takes ~125 ms, so callers build a [`Segmenter`]
//! once, off the UI thread, and share it.

use crate::model::{CharPos, CharSpan, Document};

/// Characters of context segmented around a click: enough for any word.
const WINDOW: usize = 40;

/// A jieba-rs segmenter.
pub struct Segmenter {
    jieba: jieba_rs::Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Load the built-in dictionary (slow: build once, off the UI thread).
    pub fn new() -> Self {
        Self {
            jieba: jieba_rs::Jieba::new(),
        }
    }

    /// The word holding the character at `pos`, segmenting only the line
    /// around it (at most [`WINDOW`] chars each side). `None` past the end
    /// or on a line break.
    pub fn word_at(&self, doc: &Document, pos: CharPos) -> Option<CharSpan> {
        let n = doc.char_len();
        if pos.0 >= n {
            return None;
        }
        let lo = CharPos(pos.0.saturating_sub(WINDOW));
        let hi = pos.plus(WINDOW + 1).min(CharPos(n));
        let window = doc.slice(CharSpan::new(lo, hi))?;
        // Stay on the clicked line: jieba would treat the break as a word.
        let offset_in_window = pos.0 - lo.0;
        let mut line_start = 0;
        let mut line = window;
        let mut seen = 0;
        for part in window.split('\n') {
            let len = part.chars().count();
            if offset_in_window < seen + len {
                line_start = seen;
                line = part;
                break;
            }
            if offset_in_window == seen + len {
                return None;
            }
            seen += len + 1;
        }
        let target = offset_in_window - line_start;
        let token = self
            .jieba
            .cut(line, true)
            .into_iter()
            .find(|t| t.start <= target && target < t.end)?;
        let base = lo.0 + line_start;
        Some(CharSpan::from_range(base + token.start, base + token.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    #[test]
    fn double_click_word_in_the_declaration() {
        let seg = Segmenter::new();
        let doc = Document::new(DocId("d".into()), "d", "😀双方认为，科索沃问题\n应当解决");
        let at = |i| {
            seg.word_at(&doc, CharPos(i))
                .and_then(|s| doc.slice(s).map(str::to_owned))
        };
        assert_eq!(at(7).as_deref(), Some("科索沃"));
        assert_eq!(at(6).as_deref(), Some("科索沃"));
        assert_eq!(seg.word_at(&doc, CharPos(11)), None, "the line break");
        assert_eq!(at(12).as_deref(), Some("应当"));
        assert_eq!(seg.word_at(&doc, CharPos(100)), None);
    }
}
