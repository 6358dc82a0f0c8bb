//! The pure data model: documents, codes, annotations, the project that holds
//! them, and the edits that change it. Knows nothing of egui, files or threads.
//!
//! The only way to change a [`Project`] is [`Project::apply`] with an [`Edit`],
//! which returns the inverse edit; [`History`] keeps both for undo and redo.

pub mod annotation;
pub mod codebook;
pub mod document;
pub mod edit;
pub mod memo;
pub mod offsets;
pub mod project;
pub mod starter;

pub use annotation::{Annotation, AnnotationId, Timestamp};
pub use codebook::{Code, CodeId, Color};
pub use document::{DocId, Document, Source};
pub use edit::{Edit, EditError, History};
pub use memo::{Memo, MemoTarget};
pub use offsets::{CharPos, CharSpan, TextIndex};
pub use project::{Problem, Project};
