//! The error type of [`crate::io`]: always with the file's path first.

use std::path::PathBuf;

use crate::model::Problem;
use crate::text::decode::DecodeError;

/// A file could not be read, parsed or written.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    /// The OS refused to read it (missing, permissions…).
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The OS refused to write it.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A directory where a file was expected.
    #[error("{}: is a directory, not a file", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// Over the size limit.
    #[error("{}: too large ({size} bytes; the limit is {limit})", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not text, or in no encoding we know.
    #[error("{}: {source}", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why.
        source: DecodeError,
    },
    /// Not valid RON, or not the shape of a project.
    #[error("{}: {line}:{col}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser expected.
        message: String,
    },
    /// Valid RON, but not a Pizhu project.
    #[error("{}: not a Pizhu project (format {found:?}, expected \"pizhu\")", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// The format field found.
        found: String,
    },
    /// Written by a newer Pizhu.
    #[error(
        "{}: written by a newer Pizhu (file version {found}; this Pizhu reads up to version {supported}). Update Pizhu to open it.",
        path.display()
    )]
    Version {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The project breaks its invariants (spans out of range, unknown codes…).
    #[error("{}: {}", path.display(), list(problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Everything wrong, in file order.
        problems: Vec<Problem>,
    },
    /// Something the format cannot express, or an unsupported request.
    #[error("{}: {message}", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What is not supported.
        message: String,
    },
    /// A document file that is damaged: not readable as the format it is.
    #[error("{}: a damaged {format} file: {reason}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The format it claims, e.g. `"PDF"`, `"DOCX"`.
        format: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A document locked with a password.
    #[error(
        "{}: the {format} is encrypted (password-protected); remove the password (save an unlocked copy) and import that",
        path.display()
    )]
    Encrypted {
        /// The file.
        path: PathBuf,
        /// The format, e.g. `"PDF"`.
        format: &'static str,
    },
    /// A readable document without any text in it.
    #[error("{}: {reason}", path.display())]
    NoText {
        /// The file.
        path: PathBuf,
        /// Why, and what to do (e.g. "has no text layer (a scanned PDF?); run OCR first").
        reason: String,
    },
    /// The user cancelled the import.
    #[error("{}: import cancelled", path.display())]
    Cancelled {
        /// The file.
        path: PathBuf,
    },
}

fn list(problems: &[Problem]) -> String {
    const SHOWN: usize = 10;
    let mut out: Vec<String> = problems
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if problems.len() > SHOWN {
        out.push(format!("and {} more problems", problems.len() - SHOWN));
    }
    out.join("; ")
}
