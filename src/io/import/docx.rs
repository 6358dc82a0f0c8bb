//! The text of a Word document (`.docx`, Office Open XML).
//!
//! The main part is found as OPC says (the `officeDocument` relationship in
//! `_rels/.rels`, usually `word/document.xml`) and read with the `xml`
//! module (no entity expansion), the archive through `archive` (capped
//! sizes). Its body becomes:
//! - one paragraph per `w:p` (headings and list items included, without
//!   their numbering), paragraphs separated by a blank line, empty ones
//!   dropped;
//! - one block per table: a line per row, cells separated by a tab, the
//!   paragraphs of a cell joined by a space;
//! - `w:tab` a tab, `w:br` and `w:cr` a line break, `w:noBreakHyphen` a
//!   non-breaking hyphen; deleted text (tracked changes) is left out,
//!   inserted text kept.
//!
//! Not read: headers, footers, footnotes, comments, text boxes, and the
//! numbers of numbered lists (Word computes them when it draws the page).

use std::path::Path;

use super::Progress;
use super::archive::SafeZip;
use super::xml::{self, Element};
use crate::io::IoError;

/// Where the main part is when `_rels/.rels` does not say.
const DEFAULT_MAIN: &str = "word/document.xml";

/// The text of the DOCX `zip` (read from `path`).
pub(crate) fn read(path: &Path, zip: &mut SafeZip, progress: &Progress) -> Result<String, IoError> {
    let corrupt = |reason: String| IoError::Corrupt {
        path: path.to_owned(),
        format: "DOCX",
        reason,
    };
    let main = main_part(zip).unwrap_or_else(|| DEFAULT_MAIN.to_owned());
    let index = zip
        .find(&main)
        .ok_or_else(|| corrupt(format!("{main} is missing (it holds the document's text)")))?;
    let bytes = zip.read(index).map_err(|e| as_corrupt(e, "DOCX"))?;
    progress.check(path)?;
    let xml_text =
        std::str::from_utf8(&bytes).map_err(|_| corrupt(format!("{main} is not UTF-8 text")))?;
    let root = xml::parse(xml_text)
        .map_err(|e| corrupt(format!("{main}: {}:{}: {}", e.line, e.col, e.message)))?;
    let body = root
        .child("body")
        .ok_or_else(|| corrupt(format!("{main} has no w:body")))?;
    let mut blocks = Vec::new();
    let total = body.children.len() as u64;
    for (done, child) in body.children.iter().enumerate() {
        body_block(child, &mut blocks);
        if done % 256 == 0 {
            progress.step(path, done as u64, total)?;
        }
    }
    let mut text = blocks.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(text)
}

/// An archive error about the DOCX or EPUB as a [`IoError::Corrupt`] one.
pub(crate) fn as_corrupt(err: IoError, format: &'static str) -> IoError {
    match err {
        IoError::Unsupported { path, message } => IoError::Corrupt {
            path,
            format,
            reason: message,
        },
        other => other,
    }
}

/// The main part's name from the package relationships, if they name one.
fn main_part(zip: &mut SafeZip) -> Option<String> {
    let index = zip.find("_rels/.rels")?;
    let bytes = zip.read(index).ok()?;
    let rels = xml::parse(std::str::from_utf8(&bytes).ok()?).ok()?;
    rels.children_named("Relationship")
        .find(|r| {
            r.attr("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
        })
        .and_then(|r| r.attr("Target"))
        .map(|t| t.trim_start_matches('/').to_owned())
}

/// Add the text of a body-level element (paragraph, table, content control).
fn body_block(el: &Element, blocks: &mut Vec<String>) {
    match el.name.as_str() {
        "p" => {
            let mut text = String::new();
            inline(el, &mut text);
            if !text.trim().is_empty() {
                blocks.push(text);
            }
        }
        "tbl" => {
            let table = table_text(el);
            if !table.trim().is_empty() {
                blocks.push(table);
            }
        }
        // Content controls and custom XML wrap ordinary paragraphs.
        "sdt" | "sdtContent" | "customXml" => {
            for child in &el.children {
                body_block(child, blocks);
            }
        }
        _ => {}
    }
}

/// A table: rows on lines, cells separated by tabs.
fn table_text(tbl: &Element) -> String {
    let rows: Vec<String> = tbl
        .children_named("tr")
        .map(|tr| {
            let cells: Vec<String> = tr
                .children
                .iter()
                .flat_map(|c| {
                    // A cell, or cells inside a content control.
                    if c.name == "tc" {
                        vec![c]
                    } else if c.name == "sdt" {
                        c.child("sdtContent")
                            .map(|s| s.children_named("tc").collect())
                            .unwrap_or_default()
                    } else {
                        Vec::new()
                    }
                })
                .map(cell_text)
                .collect();
            cells.join("\t")
        })
        .collect();
    rows.join("\n")
}

/// A cell's paragraphs (and nested tables) on one line.
fn cell_text(tc: &Element) -> String {
    let mut parts = Vec::new();
    for child in &tc.children {
        body_block(child, &mut parts);
    }
    let joined = parts.join(" ");
    joined.replace(['\n', '\t'], " ")
}

/// Add the text of a paragraph's inline content to `out`.
fn inline(el: &Element, out: &mut String) {
    for child in &el.children {
        match child.name.as_str() {
            "r" => run(child, out),
            // Containers of runs.
            "hyperlink" | "ins" | "smartTag" | "fldSimple" | "customXml" | "sdt" | "sdtContent"
            | "moveTo" | "bdo" | "dir" => inline(child, out),
            // Deleted text, tracked: not part of the document any more.
            _ => {}
        }
    }
}

/// Add the text of one run.
fn run(r: &Element, out: &mut String) {
    for child in &r.children {
        match child.name.as_str() {
            "t" => out.push_str(&child.text),
            "tab" | "ptab" => out.push('\t'),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('\u{2011}'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_text(body: &str) -> String {
        let xml = format!(
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        );
        let root = xml::parse(&xml).unwrap();
        let mut blocks = Vec::new();
        for child in &root.child("body").unwrap().children {
            body_block(child, &mut blocks);
        }
        blocks.join("\n\n")
    }

    #[test]
    fn paragraphs_runs_and_breaks() {
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>中俄</w:t></w:r>\
            <w:r><w:t xml:space=\"preserve\">联合 </w:t></w:r><w:r><w:t>声明</w:t></w:r></w:p>\
            <w:p/><w:p><w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t></w:r>\
            <w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>\
            <w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins></w:p>";
        assert_eq!(body_text(body), "中俄联合 声明\n\n一\t二\n三链接增");
    }

    #[test]
    fn tables_are_tab_separated_rows() {
        let body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>国家</w:t></w:r></w:p></w:tc>\
            <w:tc><w:p><w:r><w:t>首都</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:p><w:r><w:t>中国</w:t></w:r></w:p><w:p><w:r><w:t>PRC</w:t></w:r></w:p></w:tc>\
            <w:tc><w:p/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p>";
        assert_eq!(body_text(body), "国家\t首都\n中国 PRC\t\n\n后");
    }
}
