//! Sets of characters as sorted, disjoint half-open ranges.

use crate::model::CharSpan;

/// The union of `ranges` as sorted, disjoint, non-touching `(start, end)`
/// ranges; empty ranges vanish. O(n log n).
pub(crate) fn union(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.retain(|(s, e)| s < e);
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Number of characters in disjoint ranges.
pub(crate) fn total_len(ranges: &[(usize, usize)]) -> usize {
    ranges.iter().map(|(s, e)| e - s).sum()
}

/// A span as a `(start, end)` pair.
pub(crate) fn pair(span: CharSpan) -> (usize, usize) {
    (span.start().0, span.end().0)
}

/// Characters shared by two sets of spans (each sorted and disjoint, as an
/// annotation's spans are). O(a + b).
pub(crate) fn overlap_len(a: &[CharSpan], b: &[CharSpan]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if let Some(common) = x.intersect(*y) {
            shared += common.len();
        }
        if x.end() <= y.end() {
            i += 1;
        } else {
            j += 1;
        }
    }
    shared
}

/// Characters between two sets of spans: 0 when they touch or overlap.
/// O(a × b); annotations have one span, rarely a few.
pub(crate) fn gap(a: &[CharSpan], b: &[CharSpan]) -> usize {
    let mut best = usize::MAX;
    for x in a {
        for y in b {
            let d = if x.end() <= y.start() {
                y.start().0 - x.end().0
            } else if y.end() <= x.start() {
                x.start().0 - y.end().0
            } else {
                0
            };
            best = best.min(d);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(v: &[(usize, usize)]) -> Vec<CharSpan> {
        v.iter().map(|&(s, e)| CharSpan::from_range(s, e)).collect()
    }

    #[test]
    fn union_merges_overlapping_and_touching_ranges() {
        assert_eq!(
            union(vec![(5, 8), (0, 2), (1, 3), (3, 4), (9, 9), (7, 10)]),
            vec![(0, 4), (5, 10)]
        );
        assert_eq!(total_len(&union(vec![(0, 4), (2, 6)])), 6);
        assert!(union(Vec::new()).is_empty());
    }

    #[test]
    fn overlap_and_gap_of_multi_span_sets() {
        let a = spans(&[(0, 4), (10, 14)]);
        let b = spans(&[(2, 12)]);
        assert_eq!(overlap_len(&a, &b), 4);
        assert_eq!(gap(&a, &b), 0);
        assert_eq!(overlap_len(&a, &spans(&[(4, 10)])), 0);
        assert_eq!(gap(&a, &spans(&[(4, 10)])), 0, "touching");
        assert_eq!(gap(&a, &spans(&[(6, 7)])), 2);
        assert_eq!(gap(&spans(&[(20, 21)]), &a), 6);
    }
}
