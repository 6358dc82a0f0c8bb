//! The text layer of a PDF, page by page, with `pdf-extract` (on `lopdf`).
//!
//! `pdf-extract` places each glyph where the page draws it and maps it to
//! Unicode through the font's `ToUnicode` CMap or encoding, so Chinese text
//! set in Type0 (CID) fonts comes out as text; it starts a new line where
//! the text moves down, and leaves a blank line at larger vertical gaps.
//! Pages are joined by a blank line (not a form feed, which a reader would
//! see as a stray symbol); each page's text is trimmed first.
//!
//! A PDF without any text (a scan) is refused with advice to run OCR, a
//! PDF that needs a password is refused as encrypted (one with only an
//! owner password, which any viewer opens, is read). `pdf-extract` panics
//! on some malformed files (it indexes and unwraps what it parses), so it
//! runs inside [`std::panic::catch_unwind`], and a panic is reported as a
//! damaged file instead of bringing the application down.

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::Once;

use super::Progress;
use crate::io::IoError;

/// The text of the PDF `bytes` (read from `path`).
pub(crate) fn read(path: &Path, bytes: &[u8], progress: &Progress) -> Result<String, IoError> {
    let corrupt = |reason: String| IoError::Corrupt {
        path: path.to_owned(),
        format: "PDF",
        reason,
    };
    let encrypted = || IoError::Encrypted {
        path: path.to_owned(),
        format: "PDF",
    };
    let doc = quietly(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|panic| corrupt(format!("the PDF reader gave up ({panic})")))?
        .map_err(|e| match e {
            pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword => encrypted(),
            e => corrupt(e.to_string()),
        })?;
    // lopdf opens a file encrypted with an empty user password (the usual
    // "permissions only" lock) by itself; one it could not open keeps its
    // Encrypt entry and no decryption state.
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(encrypted());
    }
    progress.check(path)?;
    let pages: Vec<u32> = doc.get_pages().into_keys().collect();
    if pages.is_empty() {
        return Err(corrupt("it has no pages".into()));
    }
    let total = pages.len() as u64;
    let mut texts = Vec::new();
    for (done, &number) in pages.iter().enumerate() {
        progress.step(path, done as u64, total)?;
        let page = quietly(|| {
            let mut text = String::new();
            let mut output = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(&doc, &mut output, number).map(|()| text)
        })
        .map_err(|panic| corrupt(format!("page {number}: the PDF reader gave up ({panic})")))?
        .map_err(|e| corrupt(format!("page {number}: {e}")))?;
        let page = page.trim();
        if !page.is_empty() {
            texts.push(page.to_owned());
        }
    }
    progress.set(total, total);
    if texts.is_empty() {
        return Err(IoError::NoText {
            path: path.to_owned(),
            reason: format!(
                "the PDF has no text layer (a scanned PDF?); run OCR first ({})",
                plural_pages(pages.len())
            ),
        });
    }
    let mut text = texts.join("\n\n");
    text.push('\n');
    Ok(text)
}

fn plural_pages(n: usize) -> String {
    if n == 1 {
        "1 page, no text on it".to_owned()
    } else {
        format!("{n} pages, no text on any")
    }
}

thread_local! {
    /// True while this thread runs [`quietly`].
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`, turning a panic into `Err` with its message. The panic is not
/// printed: the caller reports it as an error naming the file. Other panics
/// (other threads, or this one outside `quietly`) still reach the hook that
/// was installed before.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    // The closure's state is dropped with the panic and never looked at
    // again, so a broken invariant inside it cannot leak out.
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an internal error".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_errors() {
        assert_eq!(quietly(|| 1), Ok(1));
        let err = quietly(|| -> u8 { panic!("bad xref {}", 7) }).unwrap_err();
        assert_eq!(err, "bad xref 7");
        assert!(!QUIET.with(Cell::get));
    }

    #[test]
    fn junk_is_a_damaged_pdf() {
        let path = Path::new("坏.pdf");
        for bytes in [&b"%PDF-1.4\n garbage"[..], b"%PDF-"] {
            let err = read(path, bytes, &Progress::new()).unwrap_err();
            assert!(matches!(err, IoError::Corrupt { .. }), "{err}");
            assert!(
                err.to_string().starts_with("坏.pdf: a damaged PDF file"),
                "{err}"
            );
        }
    }
}
