//! A document: an immutable text with its identity and where it came from.

use serde::{Deserialize, Serialize};

use super::offsets::{CharPos, CharSpan, TextIndex};

/// A document's id, unique within a project (e.g. `"d-1"`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a document's text came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The path it was read from, as given at the time.
    pub path: String,
    /// SHA-256 of the original bytes, lower-case hex.
    pub sha256: String,
    /// The encoding it was decoded from (e.g. `"UTF-8"`, `"GB18030"`).
    pub encoding: String,
}

/// A document's text after decoding and newline normalisation (`\r\n` → `\n`).
/// Every [`CharPos`] in the project counts chars of this text.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "DocumentFields", into = "DocumentFields")]
pub struct Document {
    /// Unique within the project.
    pub id: DocId,
    /// Shown to the user; usually the file name.
    pub name: String,
    /// The original file, if the text came from one.
    pub source: Option<Source>,
    text: String,
    index: TextIndex,
}

/// The serialized shape of a [`Document`] (the index is rebuilt on load).
#[derive(Serialize, Deserialize)]
#[serde(rename = "Document")]
struct DocumentFields {
    id: DocId,
    name: String,
    source: Option<Source>,
    text: String,
}

impl From<DocumentFields> for Document {
    fn from(f: DocumentFields) -> Self {
        let mut doc = Self::new(f.id, f.name, f.text);
        doc.source = f.source;
        doc
    }
}

impl From<Document> for DocumentFields {
    fn from(d: Document) -> Self {
        Self {
            id: d.id,
            name: d.name,
            source: d.source,
            text: d.text,
        }
    }
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.name == other.name
            && self.source == other.source
            && self.text == other.text
    }
}

impl Document {
    /// A document holding `text`, indexed for char access.
    pub fn new(id: DocId, name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let index = TextIndex::new(&text);
        Self {
            id,
            name: name.into(),
            source: None,
            text,
            index,
        }
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// The span covering the whole text.
    pub fn full_span(&self) -> CharSpan {
        CharSpan::from_range(0, self.char_len())
    }

    /// The text of `span`, or `None` when it is out of range.
    pub fn slice(&self, span: CharSpan) -> Option<&str> {
        self.index.slice(&self.text, span)
    }

    /// The text of `span`, clamped to the document (never fails).
    pub fn slice_clamped(&self, span: CharSpan) -> &str {
        let n = self.char_len();
        let span = CharSpan::new(CharPos(span.start().0.min(n)), CharPos(span.end().0.min(n)));
        self.slice(span).unwrap_or_default()
    }

    /// Byte offset of `pos`, or `None` when past the end.
    pub fn byte_of(&self, pos: CharPos) -> Option<usize> {
        self.index.byte_of(&self.text, pos)
    }

    /// Char position of byte offset `byte`, or `None` when not on a boundary.
    pub fn char_of_byte(&self, byte: usize) -> Option<CharPos> {
        self.index.char_of_byte(&self.text, byte)
    }

    /// True when `span` lies within the text.
    pub fn contains_span(&self, span: CharSpan) -> bool {
        span.end().0 <= self.char_len()
    }
}
