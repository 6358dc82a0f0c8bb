//! CSV export: one row per coded segment, for spreadsheets, R and pandas.
//!
//! Each annotation (in project order: document, then text position) gives one
//! row per code, in the order the codes were applied; an annotation without
//! codes gives one row with an empty `code`. Columns are [`HEADER`]:
//!
//! * `document`: the document's name;
//! * `start`, `end`: the annotation's extent in chars (Unicode scalar values,
//!   never bytes or UTF-16 units), half-open, from the first span's start to
//!   the last span's end;
//! * `code`: the code's name; `quote`: the annotated text (for several spans,
//!   their texts joined with no separator, so it can be shorter than
//!   `end - start`); `note`, `author`, `created` (RFC 3339, UTC);
//! * `annotation_id`, `code_id`: stable ids, because names change and one
//!   annotation spans several rows.
//!
//! The file is RFC 4180: CRLF after every record, a field quoted when it holds
//! a comma, a double quote or a line break. Line breaks inside a quote stay
//! `\n`, as in the document, so that offsets keep matching the text.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, TAB or CR as
//! a formula (OWASP "CSV Injection"), and notes or quotes can begin that way,
//! so such cells get a leading `'` (see [`guard_cell`]). Numbers never need it.
//! A program that wants the exact text back (to compare a quote with the
//! document, say) drops the `'` before one of those characters.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use crate::io::IoError;
use crate::model::{Annotation, CodeId, Project};

/// The header row, in column order.
pub const HEADER: [&str; 10] = [
    "document",
    "start",
    "end",
    "code",
    "quote",
    "note",
    "author",
    "created",
    "annotation_id",
    "code_id",
];

/// Excel reads a BOM-less CSV file in the system's ANSI code page, which
/// garbles CJK; the BOM makes it read UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// First characters that make a spreadsheet evaluate a cell.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as written to the file: with a leading `'` when a spreadsheet would
/// otherwise evaluate it as a formula, unchanged otherwise.
pub fn guard_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Write `project`'s coded segments as CSV to `out`, preceded by a UTF-8 BOM
/// when `bom` is set. Errors come only from `out`.
pub fn write_csv<W: Write>(project: &Project, mut out: W, bom: bool) -> Result<(), csv::Error> {
    if bom {
        out.write_all(UTF8_BOM)?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER)?;
    for ann in project.annotations() {
        if ann.codes.is_empty() {
            write_row(&mut writer, project, ann, None)?;
        }
        for code in &ann.codes {
            write_row(&mut writer, project, ann, Some(code))?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn write_row<W: Write>(
    writer: &mut csv::Writer<W>,
    project: &Project,
    ann: &Annotation,
    code: Option<&CodeId>,
) -> Result<(), csv::Error> {
    // A sound project names only existing documents and codes; should one be
    // missing anyway, its id still says which it was.
    let document = project
        .document(&ann.document)
        .map_or(ann.document.0.as_str(), |d| d.name.as_str());
    let (code_name, code_id) = match code {
        Some(id) => (
            project.code(id).map_or(id.0.as_str(), |c| c.name.as_str()),
            id.0.as_str(),
        ),
        None => ("", ""),
    };
    let start = ann.start().0.to_string();
    let end = ann.end().0.to_string();
    let annotation_id = ann.id.to_string();
    let cells: [&str; 10] = [
        document,
        &start,
        &end,
        code_name,
        &ann.quote,
        &ann.note,
        &ann.author,
        &ann.created.0,
        &annotation_id,
        code_id,
    ];
    writer.write_record(cells.map(guard_cell).iter().map(|c| c.as_bytes()))
}

/// Export `project` as CSV to `path`, atomically: on error an existing file
/// is left as it was.
pub fn export(project: &Project, path: &Path, bom: bool) -> Result<(), IoError> {
    let mut bytes = Vec::new();
    write_csv(project, &mut bytes, bom).map_err(|err| IoError::Write {
        path: path.to_owned(),
        source: err.into(),
    })?;
    crate::io::write_atomic(path, &bytes, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;
    use crate::model::{Annotation, CharSpan, Code, Color, DocId, Document, Edit, Timestamp};

    #[test]
    fn guard_prefixes_formula_starts_only() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=", "-"] {
            assert_eq!(guard_cell(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["", "1", "科索沃", "a=b", " =1", "'=1", "\n=1", "＝1", "x-y"] {
            assert!(
                matches!(guard_cell(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
    }

    fn csv_of(project: &Project, bom: bool) -> String {
        let mut bytes = Vec::new();
        write_csv(project, &mut bytes, bom).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    /// A document "ab,科索沃\n" with one annotation on "科索沃\n" (a comma-free
    /// quote with a line break) carrying `codes` and `note`.
    fn project(codes: &[&str], note: &str) -> Project {
        let mut project = Project::new("p");
        let doc = Document::new(DocId("d-1".into()), "a \"b\".txt", "ab,科索沃\n");
        for (i, name) in codes.iter().enumerate() {
            let code = Code::new(CodeId(format!("c-{i}")), *name, Color::distinct(i));
            project.apply(Edit::InsertCode { code, index: i }).unwrap();
        }
        let ids = (0..codes.len()).map(|i| CodeId(format!("c-{i}"))).collect();
        let mut ann = Annotation::new(&doc, CharSpan::from_range(3, 7), ids, "me");
        ann.note = note.to_owned();
        ann.created = Timestamp("2026-11-25T10:00:00Z".into());
        let id = ann.id;
        project
            .apply(Edit::InsertDocument {
                document: Box::new(doc),
                index: 0,
            })
            .unwrap();
        project.apply(Edit::InsertAnnotation(ann)).unwrap();
        assert_eq!(project.annotation(id).unwrap().quote, "科索沃\n");
        project
    }

    #[test]
    fn header_only_with_crlf_and_optional_bom() {
        let empty = Project::new("p");
        let header = "document,start,end,code,quote,note,author,created,annotation_id,code_id\r\n";
        assert_eq!(csv_of(&empty, false), header);
        assert_eq!(csv_of(&empty, true), format!("\u{feff}{header}"));
    }

    #[test]
    fn one_row_per_code_quoted_per_rfc_4180() {
        let project = project(&["Kosovo", "=cmd"], "say \"hi\", then -1");
        let text = csv_of(&project, false);
        let id = project.annotations()[0].id;
        let rows: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            rows.len(),
            4,
            "header, two rows, and the empty rest: {text:?}"
        );
        assert_eq!(
            rows[1],
            format!(
                "\"a \"\"b\"\".txt\",3,7,Kosovo,\"科索沃\n\",\"say \"\"hi\"\", then -1\",me,2026-11-25T10:00:00Z,{id},c-0"
            )
        );
        assert!(rows[2].contains(",'=cmd,"), "{:?}", rows[2]);
        assert!(rows[2].ends_with(",c-1"), "{:?}", rows[2]);
        assert_eq!(rows[3], "");
    }

    #[test]
    fn annotation_without_codes_gives_one_row_with_empty_code() {
        let project = project(&[], "-note");
        let text = csv_of(&project, false);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][3], "");
        assert_eq!(&rows[0][5], "'-note");
        assert_eq!(&rows[0][9], "");
    }
}
