//! Memos: the researcher's own writing about the project, a document or a
//! code (analytic memos), kept beside the codings they comment on.

use serde::{Deserialize, Serialize};

use super::annotation::Timestamp;
use super::codebook::CodeId;
use super::document::DocId;

/// What a memo is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MemoTarget {
    /// The project as a whole.
    Project,
    /// One document.
    Document(DocId),
    /// One code.
    Code(CodeId),
}

/// A memo: free text about one target. A project holds at most one per target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memo {
    /// What it is about.
    pub about: MemoTarget,
    /// The text (may hold line breaks).
    pub text: String,
    /// When it was last changed.
    pub modified: Timestamp,
}
