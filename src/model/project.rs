//! The project aggregate: codebook, documents and annotations, with the
//! invariants that tie them together.

use std::collections::HashSet;

use super::annotation::{Annotation, AnnotationId};
use super::codebook::{Code, CodeId};
use super::document::{DocId, Document};
use super::offsets::CharSpan;

/// Something wrong with a project's contents, as found by [`Project::problems`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Two items of one kind share an id.
    #[error("two {what} have the id {id:?}")]
    DuplicateId {
        /// "codes", "documents" or "annotations".
        what: &'static str,
        /// The shared id.
        id: String,
    },
    /// Two codes share a name.
    #[error("two codes are named {name:?}")]
    DuplicateCodeName {
        /// The shared name.
        name: String,
    },
    /// A code's parent does not exist.
    #[error("code {code:?} has an unknown parent {parent:?}")]
    UnknownParent {
        /// The child.
        code: CodeId,
        /// The missing parent.
        parent: CodeId,
    },
    /// A code is its own ancestor.
    #[error("code {code:?} is its own ancestor")]
    ParentCycle {
        /// A code on the cycle.
        code: CodeId,
    },
    /// An annotation names a document the project lacks.
    #[error("annotation {annotation} refers to an unknown document {document:?}")]
    UnknownDocument {
        /// The annotation.
        annotation: AnnotationId,
        /// The missing document.
        document: DocId,
    },
    /// An annotation names a code the project lacks.
    #[error("annotation {annotation} refers to an unknown code {code:?}")]
    UnknownCode {
        /// The annotation.
        annotation: AnnotationId,
        /// The missing code.
        code: CodeId,
    },
    /// An annotation has no span, an empty one, or spans out of order.
    #[error("annotation {annotation} has no spans, an empty span or spans out of order")]
    BadSpans {
        /// The annotation.
        annotation: AnnotationId,
    },
    /// A span reaches past the end of its document.
    #[error("annotation {annotation}: span {span} is past the end of the text ({len} characters)")]
    SpanOutOfRange {
        /// The annotation.
        annotation: AnnotationId,
        /// The offending span.
        span: CharSpan,
        /// The document's length in chars.
        len: usize,
    },
    /// The text at an annotation's spans is not its stored quote.
    #[error(
        "annotation {annotation}: quote {expected:?} does not match the text there ({found:?})"
    )]
    QuoteMismatch {
        /// The annotation.
        annotation: AnnotationId,
        /// The stored quote.
        expected: String,
        /// The text at the spans.
        found: String,
    },
    /// A memo is about a document or code the project lacks.
    #[error("a memo is about {about}, which the project lacks")]
    UnknownMemoTarget {
        /// The target, as written.
        about: String,
    },
    /// A timestamp is not RFC 3339.
    #[error("annotation {annotation}: {field} {value:?} is not an RFC 3339 date-time")]
    BadTimestamp {
        /// The annotation.
        annotation: AnnotationId,
        /// "created" or "modified".
        field: &'static str,
        /// The text found.
        value: String,
    },
}

/// A Pizhu project: one codebook, many documents, their annotations.
///
/// Invariants (kept by [`Project::apply`], checked by [`Project::problems`]):
/// ids unique per kind, code names unique, parents exist without cycles,
/// every annotation's document and codes exist, its spans are non-empty,
/// ordered, within the text, and annotations are sorted by
/// [`Annotation::sort_key`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub(super) name: String,
    pub(super) codes: Vec<Code>,
    pub(super) documents: Vec<Document>,
    pub(super) annotations: Vec<Annotation>,
    /// Bumped by every successful edit; lets views cache derived data.
    pub(super) revision: u64,
    /// Memos, sorted by target, at most one per target.
    pub(super) memos: Vec<super::memo::Memo>,
}

impl Project {
    /// An empty project.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// A project from its parts, unchecked: call [`Self::problems`] after.
    /// Annotations are sorted into text order.
    pub fn from_parts(
        name: String,
        codes: Vec<Code>,
        documents: Vec<Document>,
        mut annotations: Vec<Annotation>,
    ) -> Self {
        annotations.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Self {
            name,
            codes,
            documents,
            annotations,
            revision: 0,
            memos: Vec::new(),
        }
    }

    /// The same project with these memos (empty ones dropped, one per target).
    #[must_use]
    pub fn with_memos(mut self, mut memos: Vec<super::memo::Memo>) -> Self {
        memos.retain(|m| !m.text.is_empty());
        memos.sort_by(|a, b| a.about.cmp(&b.about));
        memos.dedup_by(|a, b| a.about == b.about);
        self.memos = memos;
        self
    }

    /// All memos, sorted by target.
    pub fn memos(&self) -> &[super::memo::Memo] {
        &self.memos
    }

    /// The memo about `about`, if there is one.
    pub fn memo(&self, about: &super::memo::MemoTarget) -> Option<&super::memo::Memo> {
        self.memos.iter().find(|m| &m.about == about)
    }

    /// The project's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The codebook, in the user's order.
    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    /// The documents, in the user's order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// All annotations, sorted by document then text position.
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Changes with every edit.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The code with id `id`.
    pub fn code(&self, id: &CodeId) -> Option<&Code> {
        self.codes.iter().find(|c| &c.id == id)
    }

    /// The code named `name` (case-insensitive), or with id `name`.
    pub fn code_by_name(&self, name: &str) -> Option<&Code> {
        let lower = name.to_lowercase();
        self.codes
            .iter()
            .find(|c| c.name.to_lowercase() == lower)
            .or_else(|| self.codes.iter().find(|c| c.id.0 == name))
    }

    /// The document with id `id`.
    pub fn document(&self, id: &DocId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }

    /// The document with id or name `key`.
    pub fn document_by_key(&self, key: &str) -> Option<&Document> {
        self.documents
            .iter()
            .find(|d| d.id.0 == key)
            .or_else(|| self.documents.iter().find(|d| d.name == key))
    }

    /// The annotation with id `id`.
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The annotations of one document, in text order. O(log n).
    pub fn annotations_of(&self, doc: &DocId) -> &[Annotation] {
        let from = self.annotations.partition_point(|a| &a.document < doc);
        let to = self.annotations.partition_point(|a| &a.document <= doc);
        self.annotations.get(from..to).unwrap_or_default()
    }

    /// How many annotations carry `code`.
    pub fn usage_count(&self, code: &CodeId) -> usize {
        self.annotations
            .iter()
            .filter(|a| a.codes.contains(code))
            .count()
    }

    /// The direct children of `parent` (or the top-level codes for `None`), in order.
    pub fn children_of<'a>(&'a self, parent: Option<&'a CodeId>) -> impl Iterator<Item = &'a Code> {
        self.codes
            .iter()
            .filter(move |c| c.parent.as_ref() == parent)
    }

    /// A document id not yet used (`d-1`, `d-2`, …).
    pub fn fresh_doc_id(&self) -> DocId {
        (1..)
            .map(|n| DocId(format!("d-{n}")))
            .find(|id| self.document(id).is_none())
            .unwrap_or_else(|| DocId(format!("d-{}", uuid::Uuid::new_v4())))
    }

    /// Everything wrong with the project; empty when it is sound.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        duplicates(
            "codes",
            self.codes.iter().map(|c| c.id.0.clone()),
            &mut problems,
        );
        duplicates(
            "documents",
            self.documents.iter().map(|d| d.id.0.clone()),
            &mut problems,
        );
        duplicates(
            "annotations",
            self.annotations.iter().map(|a| a.id.to_string()),
            &mut problems,
        );
        let mut names = HashSet::new();
        for code in &self.codes {
            if !names.insert(code.name.to_lowercase()) {
                problems.push(Problem::DuplicateCodeName {
                    name: code.name.clone(),
                });
            }
            if let Some(parent) = &code.parent {
                if self.code(parent).is_none() {
                    problems.push(Problem::UnknownParent {
                        code: code.id.clone(),
                        parent: parent.clone(),
                    });
                } else if self.has_cycle(&code.id) {
                    problems.push(Problem::ParentCycle {
                        code: code.id.clone(),
                    });
                }
            }
        }
        for ann in &self.annotations {
            problems.extend(self.annotation_problems(ann, true));
        }
        for memo in &self.memos {
            let known = match &memo.about {
                super::memo::MemoTarget::Project => true,
                super::memo::MemoTarget::Document(id) => self.document(id).is_some(),
                super::memo::MemoTarget::Code(id) => self.code(id).is_some(),
            };
            if !known {
                problems.push(Problem::UnknownMemoTarget {
                    about: format!("{:?}", memo.about),
                });
            }
        }
        problems
    }

    /// What is wrong with `ann` in this project (ignoring id clashes).
    pub fn annotation_problems(&self, ann: &Annotation, check_quote: bool) -> Vec<Problem> {
        let mut problems = Vec::new();
        for code in &ann.codes {
            if self.code(code).is_none() {
                problems.push(Problem::UnknownCode {
                    annotation: ann.id,
                    code: code.clone(),
                });
            }
        }
        for (field, value) in [("created", &ann.created), ("modified", &ann.modified)] {
            if !value.is_valid() {
                problems.push(Problem::BadTimestamp {
                    annotation: ann.id,
                    field,
                    value: value.0.clone(),
                });
            }
        }
        let ordered = !ann.spans.is_empty()
            && ann.spans.iter().all(|s| !s.is_empty())
            && ann.spans.windows(2).all(|w| w[0].end() <= w[1].start());
        if !ordered {
            problems.push(Problem::BadSpans { annotation: ann.id });
        }
        let Some(doc) = self.document(&ann.document) else {
            problems.push(Problem::UnknownDocument {
                annotation: ann.id,
                document: ann.document.clone(),
            });
            return problems;
        };
        let mut in_range = true;
        for span in &ann.spans {
            if !doc.contains_span(*span) {
                in_range = false;
                problems.push(Problem::SpanOutOfRange {
                    annotation: ann.id,
                    span: *span,
                    len: doc.char_len(),
                });
            }
        }
        if check_quote && in_range {
            let found: String = ann.spans.iter().map(|s| doc.slice_clamped(*s)).collect();
            if found != ann.quote {
                problems.push(Problem::QuoteMismatch {
                    annotation: ann.id,
                    expected: ann.quote.clone(),
                    found,
                });
            }
        }
        problems
    }

    /// True when following `id`'s parents comes back to `id`.
    pub fn has_cycle(&self, id: &CodeId) -> bool {
        let mut seen = HashSet::new();
        let mut current = self.code(id).and_then(|c| c.parent.clone());
        while let Some(parent) = current {
            if &parent == id || !seen.insert(parent.clone()) {
                return true;
            }
            current = self.code(&parent).and_then(|c| c.parent.clone());
        }
        false
    }
}

fn duplicates(what: &'static str, ids: impl Iterator<Item = String>, out: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id.clone()) {
            out.push(Problem::DuplicateId { what, id });
        }
    }
}

impl Project {
    /// Take the project apart (name, codes, documents, annotations).
    pub fn into_parts(self) -> (String, Vec<Code>, Vec<Document>, Vec<Annotation>) {
        (self.name, self.codes, self.documents, self.annotations)
    }
}
