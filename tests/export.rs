//! CSV and W3C exports, checked by the shared validator
//! (`../shared/schemas/validate.py`) and by reading the files back.
//!
//! The validator is part of the acceptance checks, so a missing validator or
//! python3 fails these tests instead of skipping them.

// In a test a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pizhu::io::IoError;
use pizhu::io::export::{ExportOptions, Format, export};
use pizhu::model::{
    Annotation, AnnotationId, CharSpan, Code, CodeId, Color, DocId, Document, Edit, Project,
};
use serde_json::Value;

/// 科索沃 comes after 9 BMP characters, an emoji and a CJK Extension B
/// character: chars 11..14, UTF-16 units 13..16, UTF-8 bytes 35..44.
const EMOJI_TEXT: &str = "世纪之交的中俄关系😀𠀀科索沃问题\n";

fn validator() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/validate.py");
    assert!(
        path.is_file(),
        "the export validator {} is missing; these tests need the shared schemas folder next to the repository",
        path.display()
    );
    path
}

fn run_validator<S: AsRef<OsStr>>(args: &[S]) -> Output {
    let validator = validator();
    match Command::new("python3").arg(&validator).args(args).output() {
        Ok(output) => output,
        Err(err) => panic!(
            "cannot run python3 for {} ({err}); install python3 and `pip install -r ../shared/schemas/requirements.txt`",
            validator.display()
        ),
    }
}

fn describe(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_valid<S: AsRef<OsStr> + std::fmt::Debug>(args: &[S]) {
    let output = run_validator(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "validate.py {args:?} rejected the export:\n{}",
        describe(&output)
    );
}

/// Stderr of a run that must report the file invalid (exit 1).
fn assert_invalid<S: AsRef<OsStr> + std::fmt::Debug>(args: &[S]) -> String {
    let output = run_validator(args);
    assert_eq!(
        output.status.code(),
        Some(1),
        "validate.py {args:?} should have found the file invalid:\n{}",
        describe(&output)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Export `project` as CSV and W3C into `dir`, write `text` (the one
/// document the W3C selectors are checked against) beside them, and run the
/// validator on all of it. Returns (csv path, json path).
fn export_and_validate(
    project: &Project,
    dir: &Path,
    text: Option<&str>,
    options: ExportOptions,
) -> (PathBuf, PathBuf) {
    let csv = dir.join("annotations.csv");
    let json = dir.join("annotations.json");
    export(project, Format::Csv, &csv, options).unwrap();
    export(project, Format::W3c, &json, options).unwrap();
    assert_valid(&[OsStr::new("csv"), csv.as_os_str()]);
    match text {
        Some(text) => {
            let txt = dir.join("doc.txt");
            std::fs::write(&txt, text).unwrap();
            assert_valid(&[
                OsStr::new("w3c"),
                json.as_os_str(),
                OsStr::new("--text"),
                txt.as_os_str(),
            ]);
        }
        None => assert_valid(&[OsStr::new("w3c"), json.as_os_str()]),
    }
    (csv, json)
}

fn add_document(project: &mut Project, doc: Document) -> DocId {
    let id = doc.id.clone();
    let index = project.documents().len();
    project
        .apply(Edit::InsertDocument {
            document: Box::new(doc),
            index,
        })
        .unwrap();
    id
}

fn add_code(project: &mut Project, id: &str, name: &str) -> CodeId {
    let index = project.codes().len();
    let code = Code::new(CodeId(id.to_owned()), name, Color::distinct(index));
    project.apply(Edit::InsertCode { code, index }).unwrap();
    CodeId(id.to_owned())
}

/// Annotate the first occurrence of `quote` in `doc`.
fn annotate(
    project: &mut Project,
    doc: &DocId,
    quote: &str,
    codes: &[&CodeId],
    note: &str,
) -> AnnotationId {
    let document = project.document(doc).unwrap();
    let span = *pizhu::text::search::find_all(document, quote)
        .first()
        .unwrap_or_else(|| panic!("{quote:?} is not in {doc}"));
    let codes = codes.iter().map(|&c| c.clone()).collect();
    let mut ann = Annotation::new(document, span, codes, "研究员");
    ann.note = note.to_owned();
    let id = ann.id;
    project.apply(Edit::InsertAnnotation(ann)).unwrap();
    id
}

fn emoji_project() -> (Project, DocId, CodeId) {
    let mut project = Project::new("中俄关系");
    let doc = add_document(
        &mut project,
        Document::new(DocId("d-1".into()), "中俄.txt", EMOJI_TEXT),
    );
    let kosovo = add_code(&mut project, "c-kosovo", "Kosovo");
    (project, doc, kosovo)
}

/// The data records of a CSV file, keyed by the header's names.
fn read_csv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .map(str::to_owned)
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn items(json: &Value) -> &Vec<Value> {
    json["first"]["items"].as_array().unwrap()
}

fn selector<'a>(target: &'a Value, kind: &str) -> &'a Value {
    target["selector"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {target}"))
}

#[test]
fn kosovo_after_emoji_and_extension_b_is_at_char_offsets_11_to_14() {
    let (mut project, doc, kosovo) = emoji_project();
    let id = annotate(&mut project, &doc, "科索沃", &[&kosovo], "");
    let dir = tempfile::tempdir().unwrap();
    let (csv, json) = export_and_validate(
        &project,
        dir.path(),
        Some(EMOJI_TEXT),
        ExportOptions::default(),
    );

    let rows = read_csv(&csv);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (
            row["document"].as_str(),
            row["start"].as_str(),
            row["end"].as_str()
        ),
        ("中俄.txt", "11", "14")
    );
    assert_eq!(
        (row["code"].as_str(), row["quote"].as_str()),
        ("Kosovo", "科索沃")
    );
    assert_eq!(
        (row["author"].as_str(), row["note"].as_str()),
        ("研究员", "")
    );
    assert_eq!(row["annotation_id"], id.to_string());
    assert_eq!(row["code_id"], "c-kosovo");

    let json = read_json(&json);
    assert_eq!(json["total"], 1);
    let item = &items(&json)[0];
    assert_eq!(item["id"], format!("urn:uuid:{id}"));
    assert_eq!(item["motivation"], "tagging");
    assert_eq!(item["body"][0]["value"], "Kosovo");
    assert_eq!(item["body"][0]["purpose"], "tagging");
    let target = &item["target"];
    assert_eq!(target["source"]["id"], "urn:pizhu:doc:d-1");
    let position = selector(target, "TextPositionSelector");
    assert_eq!(
        (position["start"].as_u64(), position["end"].as_u64()),
        (Some(11), Some(14))
    );
    let quote = selector(target, "TextQuoteSelector");
    assert_eq!(quote["exact"], "科索沃");
    assert_eq!(quote["prefix"], "世纪之交的中俄关系😀𠀀");
    assert_eq!(quote["suffix"], "问题\n");
}

#[test]
fn formula_like_cells_are_neutralised_in_csv_and_verbatim_in_w3c() {
    let (mut project, doc, _) = emoji_project();
    let minus = add_code(&mut project, "c-minus", "-cmd");
    let notes = ["=1+1", "-2+3", "+SUM(A1)", "@A1", "\tindented", "plain =1"];
    let quotes = ["世纪", "之交", "的中", "俄关", "系", "问题"];
    for (quote, note) in quotes.iter().zip(notes) {
        annotate(&mut project, &doc, quote, &[&minus], note);
    }
    let dir = tempfile::tempdir().unwrap();
    let (csv, json) = export_and_validate(
        &project,
        dir.path(),
        Some(EMOJI_TEXT),
        ExportOptions::default(),
    );

    let rows = read_csv(&csv);
    let cells: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["note"].as_str(), r["code"].as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            ("'=1+1", "'-cmd"),
            ("'-2+3", "'-cmd"),
            ("'+SUM(A1)", "'-cmd"),
            ("'@A1", "'-cmd"),
            ("'\tindented", "'-cmd"),
            ("plain =1", "'-cmd"),
        ]
    );
    let json = read_json(&json);
    let notes_in_json: Vec<&Value> = items(&json)
        .iter()
        .map(|item| &item["body"][1]["value"])
        .collect();
    assert_eq!(
        notes_in_json, notes,
        "JSON is not a spreadsheet: notes stay as written"
    );
}

#[test]
fn multi_line_quotes_from_the_declaration_survive_both_formats() {
    let declaration = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/declaration-1998-zh.txt");
    let document = pizhu::io::import::read_document(&declaration, DocId("d-1".into())).unwrap();
    let text = document.text().to_owned();
    let mut project = Project::new("中俄联合声明 1998");
    for code in pizhu::model::starter::declaration_codebook() {
        let index = project.codes().len();
        project.apply(Edit::InsertCode { code, index }).unwrap();
    }
    let doc = add_document(&mut project, document);
    let (kosovo, multipolarity) = (CodeId("c-kosovo".into()), CodeId("c-multipolarity".into()));
    // The declaration breaks its lines mid-sentence, with a blank line between.
    let broken = "任\n\n何武力手段只能加强地区对立";
    let id = annotate(
        &mut project,
        &doc,
        broken,
        &[&kosovo, &multipolarity],
        "跨行\n注释, \"引号\"",
    );
    annotate(&mut project, &doc, "科索沃局势", &[&kosovo], "");
    let dir = tempfile::tempdir().unwrap();
    let (csv, json) =
        export_and_validate(&project, dir.path(), Some(&text), ExportOptions::default());

    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.ends_with(b"\r\n"));
    let raw = String::from_utf8(bytes).unwrap();
    assert!(
        raw.contains("\"任\n\n何武力手段只能加强地区对立\""),
        "the quote is quoted, its LFs kept"
    );
    let rows = read_csv(&csv);
    let ann = project.annotation(id).unwrap();
    let coded: Vec<&str> = rows
        .iter()
        .filter(|r| r["annotation_id"] == id.to_string())
        .map(|r| {
            assert_eq!(r["quote"], broken);
            assert_eq!(r["note"], "跨行\n注释, \"引号\"");
            assert_eq!(r["start"], ann.start().0.to_string());
            assert_eq!(r["end"], ann.end().0.to_string());
            r["code"].as_str()
        })
        .collect();
    assert_eq!(
        coded,
        ["Kosovo", "Multipolarity"],
        "one row per code, in the order applied"
    );
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (ann.start().0, ann.end().0);
    assert_eq!(chars[start..end].iter().collect::<String>(), broken);

    let json = read_json(&json);
    let item = items(&json)
        .iter()
        .find(|i| i["id"] == format!("urn:uuid:{id}"))
        .unwrap();
    assert_eq!(
        selector(&item["target"], "TextQuoteSelector")["exact"],
        broken
    );
    assert_eq!(
        selector(&item["target"], "TextPositionSelector")["start"],
        start
    );
    assert_eq!(item["target"]["source"]["label"], "declaration-1998-zh.txt");
}

#[test]
fn project_without_annotations_exports_a_header_and_an_empty_collection() {
    let (project, _, _) = emoji_project();
    let dir = tempfile::tempdir().unwrap();
    let (csv, json) = export_and_validate(
        &project,
        dir.path(),
        Some(EMOJI_TEXT),
        ExportOptions::default(),
    );
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "document,start,end,code,quote,note,author,created,annotation_id,code_id\r\n"
    );
    let json = read_json(&json);
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["label"], "中俄关系");
    assert_eq!(json["total"], 0);
}

#[test]
fn bom_is_written_only_when_asked_for() {
    let (mut project, doc, kosovo) = emoji_project();
    annotate(&mut project, &doc, "科索沃", &[&kosovo], "");
    for bom in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let (csv, json) = export_and_validate(
            &project,
            dir.path(),
            Some(EMOJI_TEXT),
            ExportOptions { csv_bom: bom },
        );
        let bytes = std::fs::read(&csv).unwrap();
        assert_eq!(bytes.starts_with(b"\xEF\xBB\xBFdocument,"), bom);
        assert_eq!(bytes.starts_with(b"document,"), !bom);
        assert_eq!(read_csv(&csv)[0]["start"], "11");
        assert!(
            std::fs::read(&json).unwrap().starts_with(b"{"),
            "never a BOM in JSON"
        );
    }
}

#[test]
fn an_annotation_of_several_spans_has_one_target_per_span() {
    let (mut project, doc, kosovo) = emoji_project();
    let document = project.document(&doc).unwrap();
    let mut ann = Annotation::new(document, CharSpan::from_range(5, 7), vec![kosovo], "");
    ann.spans.push(CharSpan::from_range(11, 14));
    ann.refresh_quote(document);
    project.apply(Edit::InsertAnnotation(ann)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (csv, json) = export_and_validate(
        &project,
        dir.path(),
        Some(EMOJI_TEXT),
        ExportOptions::default(),
    );

    let rows = read_csv(&csv);
    assert_eq!(
        (rows[0]["start"].as_str(), rows[0]["end"].as_str()),
        ("5", "14"),
        "the extent"
    );
    assert_eq!(rows[0]["quote"], "中俄科索沃", "the spans' texts, joined");
    assert_eq!(rows[0]["author"], "");

    let json = read_json(&json);
    let item = &items(&json)[0];
    assert!(item.get("creator").is_none(), "no author, no creator");
    let targets = item["target"].as_array().unwrap();
    let spans: Vec<(&str, u64, u64)> = targets
        .iter()
        .map(|t| {
            let p = selector(t, "TextPositionSelector");
            let exact = selector(t, "TextQuoteSelector")["exact"].as_str().unwrap();
            (
                exact,
                p["start"].as_u64().unwrap(),
                p["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(spans, [("中俄", 5, 7), ("科索沃", 11, 14)]);
}

#[test]
fn annotations_without_codes_and_several_documents() {
    let (mut project, doc, _) = emoji_project();
    let other = add_document(
        &mut project,
        Document::new(DocId("d-2".into()), "=other.txt", "北约东扩\n"),
    );
    annotate(&mut project, &doc, "科索沃", &[], "");
    annotate(&mut project, &other, "北约", &[], "东扩之前");
    let dir = tempfile::tempdir().unwrap();
    let (csv, json) = export_and_validate(&project, dir.path(), None, ExportOptions::default());

    let rows = read_csv(&csv);
    let summary: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["document"].as_str(),
                r["code"].as_str(),
                r["code_id"].as_str(),
            )
        })
        .collect();
    assert_eq!(summary, [("中俄.txt", "", ""), ("'=other.txt", "", "")]);

    let json = read_json(&json);
    let items = items(&json);
    assert_eq!(items[0]["motivation"], "highlighting");
    assert!(items[0].get("body").is_none());
    assert_eq!(items[1]["motivation"], "commenting");
    assert_eq!(items[1]["target"]["source"]["id"], "urn:pizhu:doc:d-2");
    assert_eq!(items[1]["target"]["source"]["label"], "=other.txt");
}

/// Negative controls: the validator really rejects what these exports avoid,
/// so the checks above can fail.
#[test]
fn validator_rejects_a_formula_cell_and_utf16_offsets() {
    let (mut project, doc, kosovo) = emoji_project();
    annotate(&mut project, &doc, "科索沃", &[&kosovo], "=1+1");
    let dir = tempfile::tempdir().unwrap();
    let (csv, json) = export_and_validate(
        &project,
        dir.path(),
        Some(EMOJI_TEXT),
        ExportOptions::default(),
    );

    let exported = std::fs::read_to_string(&csv).unwrap();
    assert!(exported.contains(",'=1+1,"));
    std::fs::write(&csv, exported.replace(",'=1+1,", ",=1+1,")).unwrap();
    let stderr = assert_invalid(&[OsStr::new("csv"), csv.as_os_str()]);
    assert!(stderr.contains("CSV injection"), "{stderr}");

    // Positions counted in UTF-16 units, as a JavaScript exporter would.
    let exported = std::fs::read_to_string(&json).unwrap();
    let utf16 = exported
        .replace("\"start\": 11", "\"start\": 13")
        .replace("\"end\": 14", "\"end\": 16");
    assert_ne!(utf16, exported);
    std::fs::write(&json, utf16).unwrap();
    let txt = dir.path().join("doc.txt");
    let stderr = assert_invalid(&[
        OsStr::new("w3c"),
        json.as_os_str(),
        OsStr::new("--text"),
        txt.as_os_str(),
    ]);
    assert!(stderr.contains("13..16"), "{stderr}");
}

#[test]
fn exports_are_deterministic_and_replace_the_old_file() {
    let (mut project, doc, kosovo) = emoji_project();
    annotate(&mut project, &doc, "科索沃", &[&kosovo], "");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    std::fs::write(&path, "old").unwrap();
    export(&project, Format::W3c, &path, ExportOptions::default()).unwrap();
    let first = std::fs::read(&path).unwrap();
    export(&project, Format::W3c, &path, ExportOptions::default()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out.json"], "no temp file or backup left behind");
}

#[test]
fn a_failed_export_names_the_file_and_writes_nothing() {
    let (project, _, _) = emoji_project();
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Csv, Format::W3c] {
        let path = dir.path().join("missing").join("out.csv");
        let err = export(&project, format, &path, ExportOptions::default()).unwrap_err();
        assert!(matches!(err, IoError::Write { .. }), "{err:?}");
        assert!(err.to_string().contains(&*path.to_string_lossy()), "{err}");
        assert!(!path.exists());
    }
}
