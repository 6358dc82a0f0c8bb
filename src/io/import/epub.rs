//! The text of an e-book (`.epub`, EPUB 2 and 3).
//!
//! `META-INF/container.xml` names the package document (OPF); its spine
//! lists the chapters in reading order, each an XHTML file of the manifest.
//! Every chapter goes through the HTML extractor ([`super::html`]), and the
//! chapters are joined by a blank line, like paragraphs. Items that are not
//! (X)HTML (an SVG cover, say) and chapters without visible text are skipped.
//! A spine item the manifest or the archive lacks is an error: a book with
//! a missing chapter is damaged, and importing it would lose text silently.

use std::path::Path;

use super::archive::SafeZip;
use super::docx::as_corrupt;
use super::w3c::percent_decode;
use super::xml::{self, Element};
use super::{Progress, html};
use crate::io::IoError;

/// The EPUB container's required file.
pub(crate) const CONTAINER: &str = "META-INF/container.xml";

/// The text of the EPUB `zip` (read from `path`).
pub(crate) fn read(path: &Path, zip: &mut SafeZip, progress: &Progress) -> Result<String, IoError> {
    let corrupt = |reason: String| IoError::Corrupt {
        path: path.to_owned(),
        format: "EPUB",
        reason,
    };
    let container = parse_entry(path, zip, CONTAINER)?
        .ok_or_else(|| corrupt(format!("{CONTAINER} is missing")))?;
    let opf_path = container
        .child("rootfiles")
        .and_then(|r| r.child("rootfile"))
        .and_then(|r| r.attr("full-path"))
        .ok_or_else(|| corrupt(format!("{CONTAINER} names no package document (rootfile)")))?
        .to_owned();
    let opf = parse_entry(path, zip, &opf_path)?
        .ok_or_else(|| corrupt(format!("the package document {opf_path} is missing")))?;
    let manifest = opf
        .child("manifest")
        .ok_or_else(|| corrupt(format!("{opf_path} has no manifest")))?;
    let spine = opf
        .child("spine")
        .ok_or_else(|| corrupt(format!("{opf_path} has no spine")))?;
    let base = opf_path.rsplit_once('/').map_or("", |(dir, _)| dir);

    let itemrefs: Vec<&Element> = spine.children_named("itemref").collect();
    let total = itemrefs.len() as u64;
    let mut chapters = Vec::new();
    for (done, itemref) in itemrefs.into_iter().enumerate() {
        progress.step(path, done as u64, total)?;
        let idref = itemref.attr("idref").unwrap_or_default();
        let item = manifest
            .children_named("item")
            .find(|i| i.attr("id") == Some(idref))
            .ok_or_else(|| {
                corrupt(format!(
                    "the spine names item {idref:?}, which the manifest does not list"
                ))
            })?;
        let media_type = item.attr("media-type").unwrap_or_default();
        if !matches!(media_type, "application/xhtml+xml" | "text/html") {
            continue;
        }
        let href = item.attr("href").unwrap_or_default();
        let name = resolve(base, href);
        let index = zip.find(&name).ok_or_else(|| {
            corrupt(format!(
                "the chapter {name} (spine item {idref:?}) is missing"
            ))
        })?;
        let bytes = zip.read(index).map_err(|e| as_corrupt(e, "EPUB"))?;
        // Chapters report no progress of their own: the book counts chapters.
        let quiet = Progress::new();
        let decoded = html::decode_html(path, &bytes, None, &quiet)?;
        progress.check(path)?;
        let text = html::html_text(path, &decoded.text, &quiet)?;
        if !text.trim().is_empty() {
            chapters.push(text.trim_end().to_owned());
        }
    }
    progress.set(total, total);
    let mut text = chapters.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(text)
}

/// The XML entry `name` parsed, or `None` when the archive lacks it.
fn parse_entry(path: &Path, zip: &mut SafeZip, name: &str) -> Result<Option<Element>, IoError> {
    let Some(index) = zip.find(name) else {
        return Ok(None);
    };
    let corrupt = |reason: String| IoError::Corrupt {
        path: path.to_owned(),
        format: "EPUB",
        reason,
    };
    let bytes = zip.read(index).map_err(|e| as_corrupt(e, "EPUB"))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| corrupt(format!("{name} is not UTF-8")))?;
    xml::parse(text)
        .map(Some)
        .map_err(|e| corrupt(format!("{name}: {}:{}: {}", e.line, e.col, e.message)))
}

/// The archive name of `href` (relative to the folder `base`, percent-encoded,
/// maybe with a `#fragment`): `..` and `.` resolved, never above the root.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let href = percent_decode(href);
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS", "text/ch1.xhtml#top"),
            "OEBPS/text/ch1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/opf", "../text/%E7%AB%A0.xhtml"),
            "OEBPS/text/章.xhtml"
        );
        assert_eq!(resolve("", "./a.xhtml"), "a.xhtml");
        assert_eq!(resolve("a", "../../../b.xhtml"), "b.xhtml");
    }
}
