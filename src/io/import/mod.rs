//! Into a project: documents from files ([`read_document`]: plain text in
//! any encoding, HTML, DOCX, EPUB, PDF; see the `document` module), and
//! annotations from other tools' files ([`import_annotations`]: REFI-QDA
//! `.qdpx`, brat standoff, W3C Web Annotation JSON-LD).
//!
//! Reading a large document can take a while: [`read_document_with`] reports
//! to a [`Progress`] that another thread may watch and cancel.
//!
//! Annotation import reads the whole file first, then works out one
//! [`Edit::Batch`](crate::model::Edit::Batch) that adds what is new (see [`merge`] for how documents,
//! codes and annotations are matched); the caller applies it with
//! [`Project::apply`] and saves. So a file that cannot be read changes
//! nothing, and an import is one step to undo. What a file holds that Pizhu
//! cannot take (out-of-range selections, relations, PDF sources…) is
//! listed in the report with the ids the file gives it.
//!
//! Foreign files are not trusted: sizes are capped ([`crate::io::read_capped`],
//! and the `archive` module for ZIPs), paths inside archives are never used
//! to write, and XML entities are not expanded (the `xml` module).

mod archive;
pub mod brat;
mod document;
mod docx;
mod epub;
mod html;
pub mod merge;
mod pdf;
mod progress;
pub mod qdpx;
pub mod w3c;
mod xml;

use std::path::Path;

use sha2::Digest as _;

use super::IoError;
use crate::model::Project;

pub use document::{
    DocumentFormat, DocumentRead, document_from_bytes, document_from_bytes_with, open_document,
    read_document, read_document_as, read_document_with,
};
pub use merge::{ImportReport, Imported, Skipped};
pub use progress::Progress;

/// The formats annotations can be imported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotationFormat {
    /// A REFI-QDA project (`.qdpx`).
    Qdpx,
    /// A brat directory, or one `.ann`/`.txt` pair.
    Brat,
    /// W3C Web Annotation JSON-LD.
    W3c,
}

/// Read the annotations in `path` (of `format`) and work out the edit that
/// adds them to `project`. Nothing changes until the caller applies
/// [`Imported::edit`]; an unreadable file is an error naming it.
pub fn import_annotations(
    project: &Project,
    format: AnnotationFormat,
    path: &Path,
) -> Result<Imported, IoError> {
    let foreign = match format {
        AnnotationFormat::Qdpx => qdpx::read(path)?,
        AnnotationFormat::Brat => brat::read(path)?,
        AnnotationFormat::W3c => w3c::read(path, project)?,
    };
    let name = super::file_name(path);
    Ok(merge::merge(project, foreign, format!("import {name}")))
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
