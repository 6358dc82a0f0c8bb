//! Counts per code and per document, the code × document matrix, and code
//! co-occurrence.
//!
//! Definitions (see also the [module conventions](super)):
//! - **segments**: coded segments, i.e. annotations carrying the code (for a
//!   code) or carrying any code (for a document).
//! - **characters**: *distinct* characters covered, so that two annotators
//!   coding the same passage, or two overlapping segments, do not count a
//!   character twice. A document's `coded_chars` is the union over all its
//!   coded segments.
//! - **co-occurrence** of codes *i* ≠ *j*: the number of unordered pairs of
//!   coded segments {*a*, *b*} of the same document such that one carries *i*,
//!   the other carries *j*, and they are *near* ([`Proximity`]). *a* may be *b*:
//!   a segment carrying both codes counts once. The diagonal holds each code's
//!   segment count. The matrix is symmetric.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::intervals::{gap, overlap_len, pair, total_len, union};
use crate::model::{Annotation, CodeId, DocId, Project};

/// When two coded segments count as co-occurring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Proximity {
    /// They share at least one character.
    #[default]
    Overlap,
    /// They overlap, touch, or at most `chars` characters lie between them.
    Within {
        /// The largest gap, in characters.
        chars: usize,
    },
}

impl Proximity {
    /// True when segments `a` and `b` are near. O(spans(a) × spans(b)).
    pub fn near(self, a: &Annotation, b: &Annotation) -> bool {
        match self {
            Self::Overlap => overlap_len(&a.spans, &b.spans) > 0,
            Self::Within { chars } => gap(&a.spans, &b.spans) <= chars,
        }
    }

    /// True when `b`, which starts no earlier than `a`, starts too late to
    /// be near `a`.
    fn beyond(self, a: &Annotation, b: &Annotation) -> bool {
        match self {
            Self::Overlap => b.start() >= a.end(),
            Self::Within { chars } => b.start().0 > a.end().0.saturating_add(chars),
        }
    }
}

impl std::fmt::Display for Proximity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Overlap => f.write_str("overlapping"),
            Self::Within { chars } => write!(f, "within {chars} characters"),
        }
    }
}

/// Project-wide totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Number of documents.
    pub documents: usize,
    /// Number of codes in the codebook.
    pub codes: usize,
    /// Number of coded segments.
    pub segments: usize,
    /// Characters in all documents.
    pub chars: usize,
    /// Distinct characters covered by any code, summed over documents.
    pub coded_chars: usize,
    /// The authors of coded segments, sorted.
    pub authors: Vec<String>,
}

/// One code's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeStats {
    /// The code's id.
    pub id: CodeId,
    /// The code's name.
    pub name: String,
    /// Segments carrying the code.
    pub segments: usize,
    /// Distinct characters covered by those segments, summed over documents.
    pub chars: usize,
    /// Documents with at least one such segment.
    pub documents: usize,
}

/// One document's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocumentStats {
    /// The document's id.
    pub id: DocId,
    /// The document's name.
    pub name: String,
    /// Characters in the text.
    pub chars: usize,
    /// Coded segments in it.
    pub segments: usize,
    /// Distinct characters covered by any code.
    pub coded_chars: usize,
    /// Distinct codes used in it.
    pub codes: usize,
}

/// Codes (rows) × documents (columns).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeDocumentMatrix {
    /// Row labels: code ids, in codebook order.
    pub codes: Vec<CodeId>,
    /// Column labels: document ids, in project order.
    pub documents: Vec<DocId>,
    /// `segments[code][document]`: segments carrying the code in the document.
    pub segments: Vec<Vec<usize>>,
    /// `chars[code][document]`: distinct characters those segments cover.
    pub chars: Vec<Vec<usize>>,
}

/// Everything but co-occurrence (which has a parameter and costs more).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Project-wide totals.
    pub totals: Totals,
    /// One row per code, in codebook order.
    pub codes: Vec<CodeStats>,
    /// One row per document, in project order.
    pub documents: Vec<DocumentStats>,
    /// The code × document matrix.
    pub code_document: CodeDocumentMatrix,
}

/// The code co-occurrence matrix (see the [module docs](self) for the
/// definition).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cooccurrence {
    /// When two segments count as co-occurring.
    pub proximity: Proximity,
    /// Row and column labels: code ids, in codebook order.
    pub codes: Vec<CodeId>,
    /// `counts[i][j]`: pairs of near segments coded *i* and *j*; the diagonal
    /// holds each code's segment count.
    pub counts: Vec<Vec<usize>>,
}

/// All of a project's statistics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Counts per code and document.
    #[serde(flatten)]
    pub counts: Counts,
    /// Code co-occurrence.
    pub cooccurrence: Cooccurrence,
}

/// Counts and co-occurrence. O(A log A + near pairs) for A annotations.
pub fn stats(project: &Project, proximity: Proximity) -> Stats {
    Stats {
        counts: counts(project),
        cooccurrence: cooccurrence(project, proximity),
    }
}

/// Position of each code in the codebook.
fn code_index(project: &Project) -> HashMap<&CodeId, usize> {
    project
        .codes()
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, i))
        .collect()
}

/// Counts per code and per document and the code × document matrix.
/// O(A log A) for A annotations.
pub fn counts(project: &Project) -> Counts {
    let codes = project.codes();
    let docs = project.documents();
    let index = code_index(project);
    let mut seg_matrix = vec![vec![0; docs.len()]; codes.len()];
    let mut char_matrix = vec![vec![0; docs.len()]; codes.len()];
    let mut doc_rows = Vec::with_capacity(docs.len());
    let mut authors: Vec<String> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let mut per_code: Vec<Vec<(usize, usize)>> = vec![Vec::new(); codes.len()];
        let mut all = Vec::new();
        let mut segments = 0;
        for ann in project.annotations_of(&doc.id) {
            let known: Vec<usize> = ann
                .codes
                .iter()
                .filter_map(|c| index.get(c).copied())
                .collect();
            if known.is_empty() {
                continue;
            }
            segments += 1;
            authors.push(ann.author.clone());
            let spans = ann.spans.iter().map(|s| pair(*s));
            all.extend(spans.clone());
            for &c in &known {
                per_code[c].extend(spans.clone());
                seg_matrix[c][d] += 1;
            }
        }
        for (c, ranges) in per_code.into_iter().enumerate() {
            char_matrix[c][d] = total_len(&union(ranges));
        }
        doc_rows.push(DocumentStats {
            id: doc.id.clone(),
            name: doc.name.clone(),
            chars: doc.char_len(),
            segments,
            coded_chars: total_len(&union(all)),
            codes: seg_matrix.iter().filter(|row| row[d] > 0).count(),
        });
    }
    authors.sort_unstable();
    authors.dedup();
    let code_rows: Vec<CodeStats> = codes
        .iter()
        .enumerate()
        .map(|(c, code)| CodeStats {
            id: code.id.clone(),
            name: code.name.clone(),
            segments: seg_matrix[c].iter().sum(),
            chars: char_matrix[c].iter().sum(),
            documents: seg_matrix[c].iter().filter(|&&n| n > 0).count(),
        })
        .collect();
    Counts {
        totals: Totals {
            documents: docs.len(),
            codes: codes.len(),
            segments: doc_rows.iter().map(|d| d.segments).sum(),
            chars: doc_rows.iter().map(|d| d.chars).sum(),
            coded_chars: doc_rows.iter().map(|d| d.coded_chars).sum(),
            authors,
        },
        codes: code_rows,
        documents: doc_rows,
        code_document: CodeDocumentMatrix {
            codes: codes.iter().map(|c| c.id.clone()).collect(),
            documents: docs.iter().map(|d| d.id.clone()).collect(),
            segments: seg_matrix,
            chars: char_matrix,
        },
    }
}

/// The code co-occurrence matrix.
///
/// Each document's segments are swept in text order, comparing each with
/// those that start before its end (plus the proximity): O(A log A + P) for
/// A annotations and P candidate pairs.
pub fn cooccurrence(project: &Project, proximity: Proximity) -> Cooccurrence {
    let n = project.codes().len();
    let index = code_index(project);
    let mut counts = vec![vec![0; n]; n];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for doc in project.documents() {
        // Annotations are kept sorted by start, which the sweep relies on.
        let segs: Vec<(&Annotation, Vec<usize>)> = project
            .annotations_of(&doc.id)
            .iter()
            .map(|a| {
                (
                    a,
                    a.codes
                        .iter()
                        .filter_map(|c| index.get(c).copied())
                        .collect(),
                )
            })
            .filter(|(_, codes): &(_, Vec<usize>)| !codes.is_empty())
            .collect();
        for (i, (a, codes_a)) in segs.iter().enumerate() {
            for &c in codes_a {
                counts[c][c] += 1;
            }
            // The segment with itself: its own codes co-occur.
            push_pairs(codes_a, codes_a, &mut pairs);
            add_pairs(&mut pairs, &mut counts);
            for (b, codes_b) in segs.iter().skip(i + 1) {
                // Sorted by start: no later segment can be near `a` either.
                if proximity.beyond(a, b) {
                    break;
                }
                if proximity.near(a, b) {
                    push_pairs(codes_a, codes_b, &mut pairs);
                    add_pairs(&mut pairs, &mut counts);
                }
            }
        }
    }
    Cooccurrence {
        proximity,
        codes: project.codes().iter().map(|c| c.id.clone()).collect(),
        counts,
    }
}

/// Count each distinct pair once, then empty the list.
fn add_pairs(pairs: &mut Vec<(usize, usize)>, counts: &mut [Vec<usize>]) {
    pairs.sort_unstable();
    pairs.dedup();
    for &(x, y) in pairs.iter() {
        counts[x][y] += 1;
        counts[y][x] += 1;
    }
    pairs.clear();
}

/// The unordered pairs {x, y}, x ≠ y, with x from `a` and y from `b`, as
/// `(min, max)`; may hold duplicates.
fn push_pairs(a: &[usize], b: &[usize], out: &mut Vec<(usize, usize)>) {
    for &x in a {
        for &y in b {
            if x != y {
                out.push((x.min(y), x.max(y)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixtures::project;

    #[test]
    fn counts_segments_and_distinct_characters() {
        let p = project(&[
            ("d-1", &[(8, 11)], &["K"], "amy"),
            ("d-1", &[(9, 13)], &["K"], "bo"),
            ("d-1", &[(14, 19)], &["U"], "amy"),
            ("d-1", &[(0, 2), (4, 6)], &["U", "K"], "amy"),
            ("d-2", &[(9, 12)], &["K"], "bo"),
        ]);
        let c = counts(&p);
        // K in d-1: [0,2) ∪ [4,6) ∪ [8,13) = 2 + 2 + 5.
        assert_eq!(
            c.code_document.segments,
            vec![vec![3, 1], vec![2, 0], vec![0, 0]]
        );
        assert_eq!(
            c.code_document.chars,
            vec![vec![9, 3], vec![9, 0], vec![0, 0]]
        );
        let k = &c.codes[0];
        assert_eq!((k.segments, k.chars, k.documents), (4, 12, 2));
        let a = &c.codes[2];
        assert_eq!((a.segments, a.chars, a.documents), (0, 0, 0));
        let d1 = &c.documents[0];
        assert_eq!(
            (d1.segments, d1.coded_chars, d1.codes),
            (4, 2 + 2 + 5 + 5, 2)
        );
        assert_eq!(d1.chars, 23);
        assert_eq!(c.totals.segments, 5);
        assert_eq!(c.totals.coded_chars, 14 + 3);
        assert_eq!(c.totals.authors, vec!["amy", "bo"]);
    }

    #[test]
    fn no_annotations_gives_zeros() {
        let c = counts(&project(&[]));
        assert_eq!(c.totals.segments, 0);
        assert!(c.codes.iter().all(|k| k.segments == 0 && k.chars == 0));
        assert!(c.totals.authors.is_empty());
        let co = cooccurrence(&project(&[]), Proximity::Within { chars: 100 });
        assert!(co.counts.iter().flatten().all(|&n| n == 0));
    }

    #[test]
    fn cooccurrence_by_overlap_and_by_distance() {
        let p = project(&[
            ("d-1", &[(0, 4)], &["K"], "amy"),
            ("d-1", &[(2, 6)], &["U"], "amy"), // overlaps the first
            ("d-1", &[(6, 8)], &["A"], "amy"), // touches the second
            ("d-1", &[(11, 13)], &["K", "U"], "bo"), // 3 after A; both codes
            ("d-2", &[(0, 2)], &["U"], "bo"),
            ("d-2", &[(1, 3)], &["U"], "bo"), // same code: off the diagonal's count
        ]);
        let overlap = cooccurrence(&p, Proximity::Overlap);
        // K–U: the first pair, plus the segment carrying both.
        assert_eq!(
            overlap.counts,
            vec![vec![2, 2, 0], vec![2, 4, 0], vec![0, 0, 1]]
        );
        let touching = cooccurrence(&p, Proximity::Within { chars: 0 });
        assert_eq!(touching.counts[1][2], 1, "U touches A");
        assert_eq!(touching.counts[0][2], 0);
        let near = cooccurrence(&p, Proximity::Within { chars: 3 });
        // K–A twice: K at 0..4 is 2 before A, and the K+U segment 3 after it.
        assert_eq!(
            near.counts,
            vec![vec![2, 2, 2], vec![2, 4, 2], vec![2, 2, 1]]
        );
        for m in [&overlap, &touching, &near] {
            for (i, row) in m.counts.iter().enumerate() {
                for (j, n) in row.iter().enumerate() {
                    assert_eq!(*n, m.counts[j][i], "symmetric");
                }
            }
        }
    }

    #[test]
    fn a_pair_of_segments_counts_once_even_with_shared_codes() {
        let p = project(&[
            ("d-1", &[(0, 4)], &["K", "U"], "amy"),
            ("d-1", &[(1, 5)], &["K", "U"], "bo"),
        ]);
        let m = cooccurrence(&p, Proximity::Overlap);
        // Each segment with itself (2) plus the pair (1).
        assert_eq!(m.counts[0][1], 3);
    }

    #[test]
    fn multi_span_segments_use_their_spans_not_their_extent() {
        let p = project(&[
            ("d-1", &[(0, 2), (10, 12)], &["K"], "amy"),
            ("d-1", &[(4, 6)], &["U"], "amy"),
        ]);
        assert_eq!(cooccurrence(&p, Proximity::Overlap).counts[0][1], 0);
        assert_eq!(
            cooccurrence(&p, Proximity::Within { chars: 2 }).counts[0][1],
            1
        );
        assert_eq!(
            cooccurrence(&p, Proximity::Within { chars: 1 }).counts[0][1],
            0
        );
    }

    #[test]
    fn json_field_names_are_stable() {
        let p = project(&[("d-1", &[(8, 11)], &["K"], "amy")]);
        let json = serde_json::to_value(stats(&p, Proximity::Within { chars: 5 })).expect("json");
        assert_eq!(json["totals"]["segments"], 1);
        assert_eq!(json["codes"][0]["id"], "c-K");
        assert_eq!(json["documents"][0]["coded_chars"], 3);
        assert_eq!(json["code_document"]["chars"][0][0], 3);
        assert_eq!(json["cooccurrence"]["proximity"]["mode"], "within");
        assert_eq!(json["cooccurrence"]["proximity"]["chars"], 5);
        assert_eq!(json["cooccurrence"]["counts"][0][0], 1);
    }
}
