//! Annotations: coded, noted passages of a document.

use serde::{Deserialize, Serialize};

use super::codebook::CodeId;
use super::document::{DocId, Document};
use super::offsets::{CharPos, CharSpan};

/// An annotation's id: a random UUID, so that annotators' projects merge
/// without clashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub uuid::Uuid);

impl AnnotationId {
    /// A new random id.
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4())
    }
}

impl std::fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A point in time as RFC 3339 UTC text, e.g. `"2026-11-25T10:00:00Z"`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub String);

impl Timestamp {
    /// Now, to the second.
    pub fn now() -> Self {
        Self(humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string())
    }

    /// True when the text is a valid RFC 3339 date-time.
    pub fn is_valid(&self) -> bool {
        humantime::parse_rfc3339_weak(self.0.trim_end_matches('Z')).is_ok()
            || humantime::parse_rfc3339(&self.0).is_ok()
    }
}

/// How many characters of context an annotation keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// A passage (one or more spans) of one document, with its codes and note.
///
/// Besides the spans it keeps the quoted text and a little context on each
/// side, so it can be verified on load and re-anchored if the text changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique id.
    pub id: AnnotationId,
    /// The document annotated.
    pub document: DocId,
    /// The annotated spans, in text order, not overlapping; usually one.
    pub spans: Vec<CharSpan>,
    /// The codes applied, in the order applied.
    pub codes: Vec<CodeId>,
    /// A free-text note.
    #[serde(default)]
    pub note: String,
    /// The text of the spans, joined with no separator.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before the first span.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after the last span.
    #[serde(default)]
    pub suffix: String,
    /// Who made it.
    #[serde(default)]
    pub author: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it was last changed.
    pub modified: Timestamp,
}

impl Annotation {
    /// A new annotation of `span` in `doc` with `codes`, quote and context
    /// taken from the text. `span` is clamped to the document.
    pub fn new(doc: &Document, span: CharSpan, codes: Vec<CodeId>, author: &str) -> Self {
        let n = doc.char_len();
        let span = CharSpan::new(CharPos(span.start().0.min(n)), CharPos(span.end().0.min(n)));
        let now = Timestamp::now();
        let mut ann = Self {
            id: AnnotationId::random(),
            document: doc.id.clone(),
            spans: vec![span],
            codes,
            note: String::new(),
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            author: author.to_owned(),
            created: now.clone(),
            modified: now,
        };
        ann.refresh_quote(doc);
        ann
    }

    /// Recompute quote, prefix and suffix from the document text.
    pub fn refresh_quote(&mut self, doc: &Document) {
        self.quote = self.spans.iter().map(|s| doc.slice_clamped(*s)).collect();
        let (start, end) = (self.start(), self.end());
        self.prefix = doc
            .slice_clamped(CharSpan::new(
                CharPos(start.0.saturating_sub(CONTEXT_CHARS)),
                start,
            ))
            .to_owned();
        self.suffix = doc
            .slice_clamped(CharSpan::new(end, end.plus(CONTEXT_CHARS)))
            .to_owned();
    }

    /// Start of the first span.
    pub fn start(&self) -> CharPos {
        self.spans.first().map_or(CharPos(0), |s| s.start())
    }

    /// End of the last span.
    pub fn end(&self) -> CharPos {
        self.spans.last().map_or(CharPos(0), |s| s.end())
    }

    /// The span from the first span's start to the last span's end.
    pub fn extent(&self) -> CharSpan {
        CharSpan::new(self.start(), self.end())
    }

    /// Total number of characters in all spans.
    pub fn char_count(&self) -> usize {
        self.spans.iter().map(|s| s.len()).sum()
    }

    /// True when any span holds `pos`.
    pub fn covers(&self, pos: CharPos) -> bool {
        self.spans.iter().any(|s| s.contains(pos))
    }

    /// The key annotations are kept sorted by: document, then text order.
    pub fn sort_key(&self) -> (&DocId, CharPos, CharPos, AnnotationId) {
        (&self.document, self.start(), self.end(), self.id)
    }
}
