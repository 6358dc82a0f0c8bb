//! Anchoring: finding an annotation's quote again when its stored offsets no
//! longer match the text (the document was re-imported or edited elsewhere).

use crate::model::{CharPos, CharSpan, Document};

/// Where `quote` now best fits in `doc`, near `hint` and matching `prefix` /
/// `suffix`, or `None` when the quote does not occur.
///
/// Among all occurrences it picks the one with the longest matching context,
/// then the one nearest the old position. O(text + occurrences × context).
pub fn reanchor(
    doc: &Document,
    quote: &str,
    prefix: &str,
    suffix: &str,
    hint: CharPos,
) -> Option<CharSpan> {
    if quote.is_empty() {
        return None;
    }
    let text = doc.text();
    let quote_chars = quote.chars().count();
    let mut best: Option<(usize, usize, CharSpan)> = None;
    for byte in overlapping_matches(text, quote) {
        let Some(start) = doc.char_of_byte(byte) else {
            continue;
        };
        let before = text.get(..byte).unwrap_or_default();
        let after = text.get(byte + quote.len()..).unwrap_or_default();
        let context = common_suffix(before, prefix) + common_prefix(after, suffix);
        let distance = start.0.abs_diff(hint.0);
        let span = CharSpan::new(start, start.plus(quote_chars));
        let better = match best {
            None => true,
            Some((c, d, _)) => context > c || (context == c && distance < d),
        };
        if better {
            best = Some((context, distance, span));
        }
    }
    best.map(|(_, _, span)| span)
}

/// Byte offsets of every occurrence of `needle` in `text`, overlapping ones
/// included (哈哈 occurs twice in 哈哈哈), in text order.
pub fn overlapping_matches<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        let byte = from + text.get(from..)?.find(needle)?;
        // Step one char, not past the match.
        from = byte
            + text
                .get(byte..)
                .and_then(|rest| rest.chars().next())
                .map_or(1, char::len_utf8);
        Some(byte)
    })
}

/// How many chars `a` and `b` share at their starts.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How many chars `a` and `b` share at their ends.
pub fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    #[test]
    fn picks_the_occurrence_whose_context_matches() {
        let doc = Document::new(
            DocId("d".into()),
            "d",
            "科索沃问题。😀关于科索沃局势，科索沃",
        );
        let span = reanchor(&doc, "科索沃", "😀关于", "局势", CharPos(0)).unwrap();
        assert_eq!(doc.slice(span), Some("科索沃"));
        assert_eq!(span, CharSpan::from_range(9, 12));
        assert_eq!(reanchor(&doc, "阿富汗", "", "", CharPos(0)), None);
    }

    #[test]
    fn overlapping_occurrences_are_candidates_too() {
        let doc = Document::new(DocId("d".into()), "d", "哈哈哈。");
        assert_eq!(
            reanchor(&doc, "哈哈", "哈", "。", CharPos(0)),
            Some(CharSpan::from_range(1, 3))
        );
        assert_eq!(
            overlapping_matches("哈哈哈", "哈哈").collect::<Vec<_>>(),
            vec![0, 3]
        );
        assert_eq!(overlapping_matches("abc", "").count(), 0);
    }

    #[test]
    fn without_context_prefers_the_nearest() {
        let doc = Document::new(DocId("d".into()), "d", "ab ab ab");
        assert_eq!(
            reanchor(&doc, "ab", "", "", CharPos(5)),
            Some(CharSpan::from_range(6, 8))
        );
    }
}
