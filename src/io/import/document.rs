//! Documents from files: plain text in any encoding, HTML, DOCX, EPUB, PDF.
//!
//! The format is sniffed from the bytes first (`%PDF`, a ZIP holding
//! `word/document.xml` or `META-INF/container.xml`, a page starting with
//! `<!DOCTYPE html` or `<html`), then taken from the extension (`.html`,
//! `.htm`, `.xhtml`); anything else is text, and binary data that is none
//! of these is refused. The document is named after the file; its
//! [`Source`] keeps the path, the SHA-256 of the file's bytes and, in
//! `encoding`, the text encoding (`"UTF-8"`, `"GBK"`…) for text, `"html
//! (ENCODING)"` for HTML, and `"docx"`, `"epub"` or `"pdf"` for the others.

use std::path::Path;

use super::archive::SafeZip;
use super::docx::as_corrupt;
use super::{Progress, docx, epub, html, pdf, sha256_hex};
use crate::io::{IoError, read_capped};
use crate::model::{DocId, Document, Source};
use crate::text::decode::{DecodeError, Decoded, decode_with, encoding_for_label};

/// What the formats accepted are, for messages.
const ACCEPTED: &str = "plain text, HTML, DOCX, EPUB or PDF";

/// The document formats Pizhu imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentFormat {
    /// Plain text in any encoding `text::decode` knows.
    Text,
    /// An HTML (or XHTML) page.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// An EPUB e-book.
    Epub,
    /// A PDF with a text layer.
    Pdf,
}

impl DocumentFormat {
    /// True for the formats whose encoding a user may choose
    /// ([`read_document_as`]): text and HTML.
    pub fn has_encoding(self) -> bool {
        matches!(self, Self::Text | Self::Html)
    }
}

/// A document just read, with how sure the encoding is.
#[derive(Clone, Debug)]
pub struct DocumentRead {
    /// The document, its [`Source`] filled in.
    pub document: Document,
    /// The format it was read as.
    pub format: DocumentFormat,
    /// False when the text encoding was a guess that may be wrong (see
    /// [`Decoded::confident`]); the GUI then offers [`read_document_as`].
    /// Always true for DOCX, EPUB and PDF, whose encoding is fixed.
    pub encoding_confident: bool,
}

/// Read the document in `path` (any format Pizhu imports) with id `id`.
pub fn read_document(path: &Path, id: DocId) -> Result<Document, IoError> {
    read_document_with(path, id, &Progress::new())
}

/// [`read_document`], reporting to `progress` and stopping with
/// [`IoError::Cancelled`] when it is cancelled.
pub fn read_document_with(
    path: &Path,
    id: DocId,
    progress: &Progress,
) -> Result<Document, IoError> {
    open_document(path, id, None, progress).map(|read| read.document)
}

/// [`read_document_with`], decoding the text (or HTML) in the encoding
/// named `label` (a WHATWG label: `"gbk"`, `"big5"`, `"utf-16le"`…)
/// instead of the detected one. Other formats are refused.
pub fn read_document_as(
    path: &Path,
    id: DocId,
    label: &str,
    progress: &Progress,
) -> Result<Document, IoError> {
    open_document(path, id, Some(label), progress).map(|read| read.document)
}

/// Read the document in `path`, in the encoding `label` names if given,
/// and say how sure the encoding is. The other `read_document*` functions
/// wrap this one.
pub fn open_document(
    path: &Path,
    id: DocId,
    label: Option<&str>,
    progress: &Progress,
) -> Result<DocumentRead, IoError> {
    progress.check(path)?;
    let bytes = read_capped(path)?;
    document_from_bytes_with(path, &bytes, id, label, progress)
}

/// A document from a file's bytes (`path` names it and goes into its source).
pub fn document_from_bytes(path: &Path, bytes: &[u8], id: DocId) -> Result<Document, IoError> {
    document_from_bytes_with(path, bytes, id, None, &Progress::new()).map(|read| read.document)
}

/// [`open_document`] on bytes already read from `path`.
pub fn document_from_bytes_with(
    path: &Path,
    bytes: &[u8],
    id: DocId,
    label: Option<&str>,
    progress: &Progress,
) -> Result<DocumentRead, IoError> {
    let forced = label
        .map(|label| encoding_for_label(label).map_err(|source| decode_error(path, source)))
        .transpose()?;
    let (format, mut zip) = sniff(path, bytes)?;
    if forced.is_some() && !format.has_encoding() {
        return Err(IoError::Unsupported {
            path: path.to_owned(),
            message: "an encoding can only be chosen for a text or HTML file".into(),
        });
    }
    let (text, encoding, confident) = match (format, zip.as_mut()) {
        (DocumentFormat::Text, _) => {
            let decoded = decode_with(bytes, forced, &mut |done, total| {
                progress.set(done, total);
                !progress.is_cancelled()
            })
            .map_err(|source| decode_error(path, source))?;
            (decoded.text, decoded.encoding, decoded.confident)
        }
        (DocumentFormat::Html, _) => {
            let Decoded {
                text,
                encoding,
                confident,
            } = html::decode_html(path, bytes, forced, progress)?;
            let visible = html::html_text(path, &text, progress)?;
            (visible, format!("html ({encoding})"), confident)
        }
        (DocumentFormat::Docx, Some(zip)) => {
            (docx::read(path, zip, progress)?, "docx".into(), true)
        }
        (DocumentFormat::Epub, Some(zip)) => {
            (epub::read(path, zip, progress)?, "epub".into(), true)
        }
        (DocumentFormat::Pdf, _) => (pdf::read(path, bytes, progress)?, "pdf".into(), true),
        (DocumentFormat::Docx | DocumentFormat::Epub, None) => {
            // `sniff` opens the archive of every DOCX and EPUB.
            return Err(IoError::Unsupported {
                path: path.to_owned(),
                message: "the archive could not be opened".into(),
            });
        }
    };
    progress.check(path)?;
    if text.trim().is_empty() && format != DocumentFormat::Text {
        return Err(IoError::NoText {
            path: path.to_owned(),
            reason: format!("the {} holds no text", format_name(format)),
        });
    }
    let mut document = Document::new(id, crate::io::file_name(path), text);
    document.source = Some(Source {
        path: path.display().to_string(),
        sha256: sha256_hex(bytes),
        encoding,
    });
    progress.set(1, 1);
    Ok(DocumentRead {
        document,
        format,
        encoding_confident: confident,
    })
}

fn format_name(format: DocumentFormat) -> &'static str {
    match format {
        DocumentFormat::Text => "text",
        DocumentFormat::Html => "HTML page",
        DocumentFormat::Docx => "DOCX document",
        DocumentFormat::Epub => "EPUB book",
        DocumentFormat::Pdf => "PDF",
    }
}

/// A decoding error as an [`IoError`]: binary data is an unsupported file.
fn decode_error(path: &Path, source: DecodeError) -> IoError {
    match source {
        DecodeError::Cancelled => IoError::Cancelled {
            path: path.to_owned(),
        },
        DecodeError::Binary => IoError::Unsupported {
            path: path.to_owned(),
            message: format!("unsupported file: binary data, not {ACCEPTED}"),
        },
        source => IoError::Decode {
            path: path.to_owned(),
            source,
        },
    }
}

/// The format of `bytes` (from `path`): content first, extension second.
/// For a DOCX or EPUB, the opened archive too.
fn sniff(path: &Path, bytes: &[u8]) -> Result<(DocumentFormat, Option<SafeZip>), IoError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let by_ext = match ext.as_str() {
        "pdf" => Some(DocumentFormat::Pdf),
        "docx" => Some(DocumentFormat::Docx),
        "epub" => Some(DocumentFormat::Epub),
        "html" | "htm" | "xhtml" => Some(DocumentFormat::Html),
        _ => None,
    };
    let corrupt = |format: &'static str, reason: &str| IoError::Corrupt {
        path: path.to_owned(),
        format,
        reason: reason.to_owned(),
    };
    // The PDF standard lets the header sit anywhere in the first 1024 bytes.
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok((DocumentFormat::Pdf, None));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let claimed = match by_ext {
            Some(DocumentFormat::Docx) => "DOCX",
            Some(DocumentFormat::Epub) => "EPUB",
            _ => "ZIP",
        };
        let zip = SafeZip::open(path, bytes.to_vec()).map_err(|e| as_corrupt(e, claimed))?;
        let format = if zip.find(epub::CONTAINER).is_some() {
            Some(DocumentFormat::Epub)
        } else if zip.find("word/document.xml").is_some() {
            Some(DocumentFormat::Docx)
        } else {
            by_ext.filter(|f| matches!(f, DocumentFormat::Docx | DocumentFormat::Epub))
        };
        return match format {
            Some(format) => Ok((format, Some(zip))),
            None => Err(IoError::Unsupported {
                path: path.to_owned(),
                message: format!(
                    "unsupported file: a ZIP archive, but not a DOCX or EPUB (Pizhu reads {ACCEPTED})"
                ),
            }),
        };
    }
    if looks_like_html(bytes) {
        return Ok((DocumentFormat::Html, None));
    }
    match by_ext {
        Some(DocumentFormat::Pdf) => Err(corrupt("PDF", "it does not start with %PDF")),
        Some(DocumentFormat::Docx) => Err(corrupt("DOCX", "it is not a ZIP archive")),
        Some(DocumentFormat::Epub) => Err(corrupt("EPUB", "it is not a ZIP archive")),
        Some(format) => Ok((format, None)),
        None => Ok((DocumentFormat::Text, None)),
    }
}

/// True when the text starts (after a BOM, white space and comments) with
/// an HTML doctype or an `<html>` tag, or is XHTML.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.get(..1024).unwrap_or(bytes);
    // UTF-16 pages have a BOM; everything else is ASCII at the start.
    let (head, _) = match encoding_rs::Encoding::for_bom(head) {
        Some((enc, _)) => enc.decode_with_bom_removal(head),
        None => encoding_rs::WINDOWS_1252.decode_without_bom_handling(head),
    };
    let mut rest = head.trim_start().to_ascii_lowercase();
    if rest.starts_with("<?xml") {
        return rest.contains("<html");
    }
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = match comment.split_once("-->") {
            Some((_, after)) => after.trim_start().to_owned(),
            None => return false,
        };
    }
    rest.starts_with("<!doctype html") || rest.starts_with("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(name: &str, bytes: &[u8]) -> Result<DocumentFormat, IoError> {
        sniff(Path::new(name), bytes).map(|(f, _)| f)
    }

    #[test]
    fn content_first_then_extension() {
        assert_eq!(
            format_of("a.txt", b"%PDF-1.7\n").unwrap(),
            DocumentFormat::Pdf
        );
        assert_eq!(
            format_of("a.txt", b"  <!DOCTYPE html><p>x").unwrap(),
            DocumentFormat::Html
        );
        assert_eq!(
            format_of("a", b"<!-- c --> <HTML lang=zh>").unwrap(),
            DocumentFormat::Html
        );
        assert_eq!(
            format_of("a.xml", b"<?xml version='1.0'?><html xmlns='x'>").unwrap(),
            DocumentFormat::Html
        );
        assert_eq!(
            format_of("a.htm", b"<p>x</p>").unwrap(),
            DocumentFormat::Html
        );
        assert_eq!(
            format_of("a.txt", b"<p>x</p>").unwrap(),
            DocumentFormat::Text
        );
        assert_eq!(
            format_of("a.md", "科索沃".as_bytes()).unwrap(),
            DocumentFormat::Text
        );
        let err = format_of("a.PDF", b"hello").unwrap_err().to_string();
        assert_eq!(
            err,
            "a.PDF: a damaged PDF file: it does not start with %PDF"
        );
        let err = format_of("a.docx", b"PK\x03\x04junk")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("a.docx: a damaged DOCX file: not a readable ZIP"),
            "{err}"
        );
    }

    #[test]
    fn binary_junk_is_unsupported_and_encodings_apply_to_text_only() {
        let path = Path::new("junk.bin");
        let err = document_from_bytes(path, &[0, 1, 2, 3, 0xff, 0], DocId("d".into()))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("junk.bin: unsupported file: binary data"),
            "{err}"
        );
        let err = document_from_bytes_with(
            Path::new("a.pdf"),
            b"%PDF-1.4",
            DocId("d".into()),
            Some("gbk"),
            &Progress::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("only be chosen for a text or HTML"), "{err}");
    }

    #[test]
    fn forced_encoding_and_confidence_reach_the_document() {
        let (big5, _, _) = encoding_rs::BIG5.encode("科索沃問題");
        let path = Path::new("big5.txt");
        let id = DocId("d".into());
        let read =
            document_from_bytes_with(path, &big5, id.clone(), Some("big5"), &Progress::new())
                .unwrap();
        assert_eq!(read.document.text(), "科索沃問題");
        assert!(read.encoding_confident);
        let source = read.document.source.unwrap();
        assert_eq!(source.encoding, "Big5");
        assert_eq!(source.sha256, sha256_hex(&big5));
        let err = document_from_bytes_with(path, &big5, id, Some("nope"), &Progress::new())
            .unwrap_err()
            .to_string();
        assert_eq!(err, "big5.txt: \"nope\" is not the name of an encoding");
    }

    #[test]
    fn a_cancelled_import_says_so() {
        let progress = Progress::new();
        progress.cancel();
        let err = document_from_bytes_with(
            Path::new("a.txt"),
            b"text",
            DocId("d".into()),
            None,
            &progress,
        )
        .unwrap_err();
        assert!(matches!(err, IoError::Cancelled { .. }), "{err}");
    }
}
