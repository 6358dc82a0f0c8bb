//! Finding text in a document, in chars.

use crate::model::{CharSpan, Document};

/// Every non-overlapping occurrence of `needle` in `doc`, in text order.
/// An empty needle matches nothing. O(text).
pub fn find_all(doc: &Document, needle: &str) -> Vec<CharSpan> {
    if needle.is_empty() {
        return Vec::new();
    }
    let len = needle.chars().count();
    // Walk matches in order, converting byte offsets incrementally.
    let text = doc.text();
    let mut out = Vec::new();
    let mut last_byte = 0;
    let mut last_char = 0;
    for (byte, _) in text.match_indices(needle) {
        last_char += text.get(last_byte..byte).map_or(0, |s| s.chars().count());
        last_byte = byte;
        out.push(CharSpan::from_range(last_char, last_char + len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    #[test]
    fn finds_in_chars_after_astral_characters() {
        let doc = Document::new(DocId("d".into()), "d", "😀𠀀科索沃和科索沃");
        assert_eq!(
            find_all(&doc, "科索沃"),
            vec![CharSpan::from_range(2, 5), CharSpan::from_range(6, 9)]
        );
        assert!(find_all(&doc, "").is_empty());
        assert!(find_all(&doc, "北约").is_empty());
    }
}
