//! Coded-segment retrieval: every coded segment, across documents, whose
//! codes satisfy a boolean [`Query`], with its position, context and note.
//!
//! A query is tested against a set of codes. Which set depends on the
//! [`Scope`]: the segment's own codes, or also those of every segment that
//! overlaps it, so that "Kosovo AND UN reform" also finds a passage one
//! annotation codes Kosovo and another, overlapping it, codes UN reform.
//!
//! ```
//! use pizhu::analysis::retrieval::{Query, RetrievalOptions, retrieve};
//! use pizhu::model::{CodeId, Project};
//!
//! let query = Query::and([
//!     Query::code(CodeId("c-kosovo".into())),
//!     !Query::code(CodeId("c-nato".into())),
//! ]);
//! assert_eq!(query.to_string(), "c-kosovo AND NOT c-nato");
//! let found = retrieve(&Project::new("empty"), &query, &RetrievalOptions::default());
//! assert!(found.is_empty());
//! ```

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{AnnotationId, CharPos, CharSpan, CodeId, DocId, Document, Project};

/// A boolean expression over codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Query {
    /// True when the code applies.
    Code(CodeId),
    /// True when every operand is; an empty `And` is true.
    And(Vec<Query>),
    /// True when any operand is; an empty `Or` is false.
    Or(Vec<Query>),
    /// True when the operand is not.
    Not(Box<Query>),
}

impl Query {
    /// The code `id`.
    pub fn code(id: CodeId) -> Self {
        Self::Code(id)
    }

    /// All of `queries`.
    pub fn and(queries: impl IntoIterator<Item = Self>) -> Self {
        Self::And(queries.into_iter().collect())
    }

    /// Any of `queries`.
    pub fn or(queries: impl IntoIterator<Item = Self>) -> Self {
        Self::Or(queries.into_iter().collect())
    }

    /// True when a segment whose codes are `has` satisfies the query.
    pub fn matches(&self, has: &dyn Fn(&CodeId) -> bool) -> bool {
        match self {
            Self::Code(id) => has(id),
            Self::And(qs) => qs.iter().all(|q| q.matches(has)),
            Self::Or(qs) => qs.iter().any(|q| q.matches(has)),
            Self::Not(q) => !q.matches(has),
        }
    }

    /// Every code the query mentions, in order, with repeats.
    pub fn codes(&self) -> Vec<&CodeId> {
        let mut out = Vec::new();
        self.collect_codes(&mut out);
        out
    }

    fn collect_codes<'a>(&'a self, out: &mut Vec<&'a CodeId>) {
        match self {
            Self::Code(id) => out.push(id),
            Self::And(qs) | Self::Or(qs) => qs.iter().for_each(|q| q.collect_codes(out)),
            Self::Not(q) => q.collect_codes(out),
        }
    }

    /// The codes the query mentions that `project` lacks (a query naming
    /// them still runs: such a code applies nowhere).
    pub fn unknown_codes<'a>(&'a self, project: &Project) -> Vec<&'a CodeId> {
        let mut seen = HashSet::new();
        self.codes()
            .into_iter()
            .filter(|id| project.code(id).is_none() && seen.insert(*id))
            .collect()
    }
}

impl std::ops::Not for Query {
    type Output = Self;

    /// `!query`: true where `query` is not.
    fn not(self) -> Self {
        Self::Not(Box::new(self))
    }
}

impl std::fmt::Display for Query {
    /// `a AND (b OR NOT c)`, with code ids.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let operand = |q: &Self, f: &mut std::fmt::Formatter<'_>| match q {
            Self::And(qs) | Self::Or(qs) if qs.len() > 1 => write!(f, "({q})"),
            _ => write!(f, "{q}"),
        };
        match self {
            Self::Code(id) => write!(f, "{id}"),
            Self::And(qs) | Self::Or(qs) if qs.is_empty() => {
                f.write_str(if matches!(self, Self::And(_)) {
                    "TRUE"
                } else {
                    "FALSE"
                })
            }
            Self::And(qs) | Self::Or(qs) => {
                let op = if matches!(self, Self::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                for (i, q) in qs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(op)?;
                    }
                    operand(q, f)?;
                }
                Ok(())
            }
            Self::Not(q) => {
                f.write_str("NOT ")?;
                operand(q, f)
            }
        }
    }
}

/// Which codes a query is tested against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The segment's own codes.
    #[default]
    Segment,
    /// The segment's own codes and those of every coded segment of the same
    /// document that shares at least one character with it.
    Overlapping,
}

/// How to retrieve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetrievalOptions {
    /// Which codes the query is tested against.
    pub scope: Scope,
    /// Characters of context to return on each side of a segment.
    pub context_chars: usize,
}

impl Default for RetrievalOptions {
    fn default() -> Self {
        Self {
            scope: Scope::Segment,
            context_chars: 40,
        }
    }
}

/// One retrieved coded segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RetrievedSegment {
    /// The annotation.
    pub annotation: AnnotationId,
    /// Its document's id.
    pub document: DocId,
    /// Its document's name.
    pub document_name: String,
    /// Start of its first span, in characters.
    pub start: usize,
    /// End of its last span, in characters.
    pub end: usize,
    /// Its spans.
    pub spans: Vec<CharSpan>,
    /// Its own codes (not those of overlapping segments).
    pub codes: Vec<CodeId>,
    /// The text of its spans, joined with no separator.
    pub text: String,
    /// Up to `context_chars` characters before `start`.
    pub before: String,
    /// Up to `context_chars` characters after `end`.
    pub after: String,
    /// Its note.
    pub note: String,
    /// Its author.
    pub author: String,
}

/// Every coded segment satisfying `query`, in document order then text
/// order. O(A) for [`Scope::Segment`], O(A log A + overlapping pairs) for
/// [`Scope::Overlapping`], plus the context slices.
pub fn retrieve(
    project: &Project,
    query: &Query,
    options: &RetrievalOptions,
) -> Vec<RetrievedSegment> {
    let mut out = Vec::new();
    for doc in project.documents() {
        let anns: Vec<_> = project
            .annotations_of(&doc.id)
            .iter()
            .filter(|a| !a.codes.is_empty())
            .collect();
        let context: Vec<HashSet<&CodeId>> = match options.scope {
            Scope::Segment => anns.iter().map(|a| a.codes.iter().collect()).collect(),
            Scope::Overlapping => overlapping_codes(&anns),
        };
        for (ann, codes) in anns.iter().zip(&context) {
            if query.matches(&|id| codes.contains(id)) {
                out.push(segment(doc, ann, options.context_chars));
            }
        }
    }
    out
}

/// For each annotation (sorted by start), its codes and those of the
/// annotations that share a character with it.
fn overlapping_codes<'a>(anns: &[&'a crate::model::Annotation]) -> Vec<HashSet<&'a CodeId>> {
    let mut sets: Vec<HashSet<&CodeId>> = anns.iter().map(|a| a.codes.iter().collect()).collect();
    let mut extra: HashMap<usize, Vec<&CodeId>> = HashMap::new();
    for (i, a) in anns.iter().enumerate() {
        for (j, b) in anns.iter().enumerate().skip(i + 1) {
            if b.start() >= a.end() {
                break;
            }
            if super::intervals::overlap_len(&a.spans, &b.spans) > 0 {
                extra.entry(i).or_default().extend(&b.codes);
                extra.entry(j).or_default().extend(&a.codes);
            }
        }
    }
    for (i, codes) in extra {
        if let Some(set) = sets.get_mut(i) {
            set.extend(codes);
        }
    }
    sets
}

fn segment(
    doc: &Document,
    ann: &crate::model::Annotation,
    context_chars: usize,
) -> RetrievedSegment {
    let (start, end) = (ann.start(), ann.end());
    let before = CharSpan::new(CharPos(start.0.saturating_sub(context_chars)), start);
    let after = CharSpan::new(end, end.plus(context_chars));
    RetrievedSegment {
        annotation: ann.id,
        document: doc.id.clone(),
        document_name: doc.name.clone(),
        start: start.0,
        end: end.0,
        spans: ann.spans.clone(),
        codes: ann.codes.clone(),
        text: ann.spans.iter().map(|s| doc.slice_clamped(*s)).collect(),
        before: doc.slice_clamped(before).to_owned(),
        after: doc.slice_clamped(after).to_owned(),
        note: ann.note.clone(),
        author: ann.author.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixtures::project;

    fn k() -> Query {
        Query::code(CodeId("c-K".into()))
    }
    fn u() -> Query {
        Query::code(CodeId("c-U".into()))
    }
    fn a() -> Query {
        Query::code(CodeId("c-A".into()))
    }

    fn texts(found: &[RetrievedSegment]) -> Vec<&str> {
        found.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn and_or_not_over_a_segments_own_codes() {
        let p = project(&[
            ("d-1", &[(8, 11)], &["K"], "amy"),
            ("d-1", &[(14, 19)], &["U", "K"], "amy"),
            ("d-2", &[(0, 4)], &["A"], "bo"),
            ("d-2", &[(9, 12)], &["K"], "bo"),
        ]);
        let opts = RetrievalOptions::default();
        assert_eq!(
            texts(&retrieve(&p, &k(), &opts)),
            ["科索沃", "联合国改革", "科索沃"]
        );
        assert_eq!(
            texts(&retrieve(&p, &Query::and([k(), u()]), &opts)),
            ["联合国改革"]
        );
        assert_eq!(
            texts(&retrieve(&p, &Query::or([u(), a()]), &opts)),
            ["联合国改革", "反导条约"]
        );
        assert_eq!(
            texts(&retrieve(&p, &Query::and([k(), !u()]), &opts)),
            ["科索沃", "科索沃"]
        );
        assert_eq!(retrieve(&p, &!Query::or([k(), a()]), &opts), vec![]);
        assert_eq!(
            retrieve(&p, &Query::and([]), &opts).len(),
            4,
            "empty AND is true"
        );
        assert_eq!(
            retrieve(&p, &Query::or([]), &opts),
            vec![],
            "empty OR is false"
        );
    }

    #[test]
    fn overlapping_scope_sees_the_codes_of_overlapping_segments() {
        let p = project(&[
            ("d-1", &[(8, 13)], &["K"], "amy"),
            ("d-1", &[(10, 16)], &["U"], "bo"),
            ("d-1", &[(16, 19)], &["A"], "bo"), // touches U only
        ]);
        let over = RetrievalOptions {
            scope: Scope::Overlapping,
            context_chars: 2,
        };
        let both = retrieve(&p, &Query::and([k(), u()]), &over);
        assert_eq!(texts(&both), ["科索沃问题", "沃问题和联合"]);
        assert_eq!(both[0].codes, vec![CodeId("c-K".into())], "own codes only");
        assert_eq!(
            retrieve(&p, &Query::and([k(), u()]), &RetrievalOptions::default()),
            vec![]
        );
        assert_eq!(
            texts(&retrieve(&p, &Query::and([u(), a()]), &over)),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn segments_carry_position_context_and_note() {
        let mut p = project(&[
            ("d-1", &[(8, 11)], &["K"], "amy"),
            ("d-2", &[(0, 2)], &["K"], "bo"),
        ]);
        let mut ann = p.annotations()[0].clone();
        ann.note = "北约轰炸".into();
        p.apply(crate::model::Edit::ReplaceAnnotation(ann))
            .expect("edit");
        let found = retrieve(
            &p,
            &k(),
            &RetrievalOptions {
                scope: Scope::Segment,
                context_chars: 3,
            },
        );
        let first = &found[0];
        assert_eq!(
            (first.document.0.as_str(), first.document_name.as_str()),
            ("d-1", "甲.txt")
        );
        assert_eq!((first.start, first.end), (8, 11));
        assert_eq!(
            (
                first.before.as_str(),
                first.text.as_str(),
                first.after.as_str()
            ),
            ("明关于", "科索沃", "问题和")
        );
        assert_eq!(
            (first.note.as_str(), first.author.as_str()),
            ("北约轰炸", "amy")
        );
        // Context is clamped at the start of the text.
        assert_eq!(
            (found[1].before.as_str(), found[1].after.as_str()),
            ("", "条约非")
        );
    }

    #[test]
    fn queries_round_trip_through_json() {
        let q = Query::or([Query::and([k(), !u()]), a()]);
        let json = serde_json::to_string(&q).expect("json");
        assert_eq!(
            json,
            r#"{"or":[{"and":[{"code":"c-K"},{"not":{"code":"c-U"}}]},{"code":"c-A"}]}"#
        );
        assert_eq!(serde_json::from_str::<Query>(&json).expect("parse"), q);
    }

    #[test]
    fn display_and_unknown_codes() {
        let q = Query::or([Query::and([k(), u()]), !Query::or([a(), k()])]);
        assert_eq!(q.to_string(), "(c-K AND c-U) OR NOT (c-A OR c-K)");
        let p = project(&[]);
        let stray = Query::and([k(), Query::code(CodeId("c-none".into()))]);
        assert_eq!(stray.unknown_codes(&p), vec![&CodeId("c-none".into())]);
        assert_eq!(retrieve(&p, &stray, &RetrievalOptions::default()), vec![]);
    }
}
