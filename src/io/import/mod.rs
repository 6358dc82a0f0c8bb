//! Documents from files.

use std::path::Path;

use sha2::Digest as _;

use super::{IoError, read_capped};
use crate::model::{DocId, Document, Source};
use crate::text::decode::decode;

/// Read a text file as a document with id `id`, named after the file.
pub fn read_document(path: &Path, id: DocId) -> Result<Document, IoError> {
    let bytes = read_capped(path)?;
    document_from_bytes(path, &bytes, id)
}

/// A document from a file's bytes (`path` names it and goes into its source).
pub fn document_from_bytes(path: &Path, bytes: &[u8], id: DocId) -> Result<Document, IoError> {
    let decoded = decode(bytes).map_err(|source| IoError::Decode { path: path.to_owned(), source })?;
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut doc = Document::new(id, name, decoded.text);
    doc.source = Some(Source {
        path: path.display().to_string(),
        sha256: sha256_hex(bytes),
        encoding: decoded.encoding,
    });
    Ok(doc)
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
