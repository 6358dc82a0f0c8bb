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
///
/// The constructor (and so the deserializer) normalises newlines itself, so a
/// text never holds a `\r`: a project file whose line breaks were converted
/// to CRLF (git `autocrlf`, a Windows editor) still loads with its offsets.
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
    /// A document holding `text`, indexed for char access. `\r\n` and lone
    /// `\r` become `\n`, as `text::decode` does.
    pub fn new(id: DocId, name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.contains('\r') {
            text = normalize_newlines(&text);
        }
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

/// `\r\n` and lone `\r` to `\n`, the form every char offset counts in.
/// (`model` cannot use `text::decode::normalize_newlines`: `text` depends on it.)
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_normalises_newlines_so_offsets_never_count_a_carriage_return() {
        let doc = Document::new(DocId("d".into()), "d", "科索沃\r\n😀\r𠀀\n北约");
        assert_eq!(doc.text(), "科索沃\n😀\n𠀀\n北约");
        assert_eq!(doc.char_len(), 10);
        assert_eq!(doc.slice(CharSpan::from_range(4, 5)), Some("😀"));
    }

    #[test]
    fn deserializing_a_crlf_text_normalises_it() {
        let fields = DocumentFields {
            id: DocId("d".into()),
            name: "d".into(),
            source: None,
            text: "a\r\n𠀀\r\n".into(),
        };
        let doc = Document::from(fields);
        assert_eq!(doc.text(), "a\n𠀀\n");
        assert_eq!(doc, Document::new(DocId("d".into()), "d", "a\n𠀀\n"));
    }
}
