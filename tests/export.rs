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
use pizhu::model::memo::MemoTarget;
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

// ---------------------------------------------------------------------------
// brat, REFI-QDA (qdpx, qdc), HTML and Markdown

/// 😀 is char 9, 𠀀 char 10, 科索沃 chars 11..14 of [`EMOJI_TEXT`].
const EMOJI_SPANS: [(usize, usize, &str); 3] = [(9, 10, "😀"), (10, 11, "𠀀"), (11, 14, "科索沃")];

/// The declaration (lines broken mid-sentence) with the starter codebook, a
/// child code, annotations across line breaks, several codes, several spans,
/// none, notes with line breaks and markup; and the emoji document with
/// 😀, 𠀀 and 科索沃 annotated. Returns the project and the declaration's text.
fn declaration_project() -> (Project, String) {
    let declaration = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/declaration-1998-zh.txt");
    let document = pizhu::io::import::read_document(&declaration, DocId("d-1".into())).unwrap();
    let text = document.text().to_owned();
    let mut project = Project::new("中俄联合声明 1998");
    for code in pizhu::model::starter::declaration_codebook() {
        let index = project.codes().len();
        project.apply(Edit::InsertCode { code, index }).unwrap();
    }
    let mut child = Code::new(
        CodeId("c-kosovo-force".into()),
        "Use of force 武力",
        Color([0x12, 0x34, 0x56]),
    );
    child.parent = Some(CodeId("c-kosovo".into()));
    child.description = "反对使用武力\n(子代码)".into();
    project
        .apply(Edit::InsertCode {
            code: child,
            index: 1,
        })
        .unwrap();
    let doc = add_document(&mut project, document);
    let emoji = add_document(
        &mut project,
        Document::new(DocId("d-2".into()), "中俄 😀.txt", EMOJI_TEXT),
    );
    let (kosovo, force, multipolarity) = (
        CodeId("c-kosovo".into()),
        CodeId("c-kosovo-force".into()),
        CodeId("c-multipolarity".into()),
    );
    annotate(
        &mut project,
        &doc,
        "任\n\n何武力手段只能加强地区对立",
        &[&force, &kosovo],
        "跨行\n注释\t<b>\"引号\"</b> \\n",
    );
    annotate(&mut project, &doc, "科索沃局势", &[&kosovo], "");
    annotate(
        &mut project,
        &doc,
        "建设性的多极化进程",
        &[&multipolarity],
        "=1+1",
    );
    annotate(&mut project, &doc, "世界多极化潜力", &[], "没有代码");
    // One annotation of two spans on different lines.
    let d = project.document(&doc).unwrap();
    let a = pizhu::text::search::find_all(d, "科索沃局势仍令人关注")[0];
    let b = pizhu::text::search::find_all(d, "何武力手段")[0];
    let mut ann = Annotation::new(d, a, vec![kosovo.clone()], "研究员");
    ann.spans = vec![CharSpan::new(a.start(), a.end()), b];
    ann.refresh_quote(d);
    ann.note = "两段".into();
    project.apply(Edit::InsertAnnotation(ann)).unwrap();
    for (start, end, _) in EMOJI_SPANS {
        let d = project.document(&emoji).unwrap();
        let ann = Annotation::new(
            d,
            CharSpan::from_range(start, end),
            vec![kosovo.clone()],
            "研究员",
        );
        project.apply(Edit::InsertAnnotation(ann)).unwrap();
    }
    // Memos where REFI-QDA puts NoteRefs: after a parent code's description
    // and before its children, after a source's selections, at the end.
    for (about, text) in [
        (MemoTarget::Project, "项目备忘 <i>1998</i>"),
        (MemoTarget::Document(emoji), "表情\n备忘"),
        (MemoTarget::Code(kosovo), "科索沃备忘"),
    ] {
        project
            .apply(Edit::SetMemo {
                about,
                text: text.into(),
            })
            .unwrap();
    }
    assert_eq!(project.problems(), []);
    (project, text)
}

fn read_zip(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().into_owned(), bytes)
        })
        .collect()
}

/// Export as brat into `dir/brat` and validate every `.ann` against its `.txt`.
fn brat_and_validate(project: &Project, dir: &Path) -> PathBuf {
    let out = dir.join("brat");
    export(project, Format::Brat, &out, ExportOptions::default()).unwrap();
    let mut validated = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let ann = entry.unwrap().path();
        if ann.extension() == Some(OsStr::new("ann")) {
            let txt = ann.with_extension("txt");
            assert_valid(&[OsStr::new("brat"), ann.as_os_str(), txt.as_os_str()]);
            validated += 1;
        }
    }
    assert_eq!(validated, project.documents().len());
    out
}

#[test]
fn brat_splits_spans_at_line_breaks_and_counts_chars() {
    let (project, text) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    let out = brat_and_validate(&project, dir.path());

    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "annotation.conf",
            "declaration-1998-zh.ann",
            "declaration-1998-zh.txt",
            "visual.conf",
            "中俄 😀.ann",
            "中俄 😀.txt"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("declaration-1998-zh.txt")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read_to_string(out.join("中俄 😀.txt")).unwrap(),
        EMOJI_TEXT
    );

    let emoji = std::fs::read_to_string(out.join("中俄 😀.ann")).unwrap();
    assert_eq!(
        emoji,
        "T1\tKosovo 9 10\t😀\nT2\tKosovo 10 11\t𠀀\nT3\tKosovo 11 14\t科索沃\n"
    );

    let ann = std::fs::read_to_string(out.join("declaration-1998-zh.ann")).unwrap();
    let broken = text.find("任\n\n何武力").unwrap();
    let start = text[..broken].chars().count();
    let fragments = format!("{} {};{} {}", start, start + 1, start + 3, start + 16);
    let lines: Vec<&str> = ann.lines().collect();
    let t_force = lines
        .iter()
        .position(|l| {
            l.contains(&format!(
                "Use_of_force {fragments}\t任 何武力手段只能加强地区对立"
            ))
        })
        .unwrap();
    assert!(
        lines[t_force + 1].ends_with(&format!(
            "Kosovo {fragments}\t任 何武力手段只能加强地区对立"
        )),
        "{ann}"
    );
    let t1 = lines[t_force].split('\t').next().unwrap();
    let t2 = lines[t_force + 1].split('\t').next().unwrap();
    assert!(lines[t_force + 2].ends_with(&format!(
        "\tAnnotatorNotes {t1}\t跨行\\n注释\\t<b>\"引号\"</b> \\\\n"
    )));
    assert_eq!(lines[t_force + 3], format!("*\tEquiv {t1} {t2}"));
    assert!(ann.contains("\tUncoded "), "{ann}");
    assert!(!ann.contains('\r'));

    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    assert!(conf.starts_with("# Written by Pizhu"));
    assert!(
        conf.contains("\n[entities]\nKosovo\n\tUse_of_force\nABM_Treaty\n"),
        "{conf}"
    );
    let visual = std::fs::read_to_string(out.join("visual.conf")).unwrap();
    assert!(
        visual.contains("Use_of_force | Use of force 武力\n"),
        "{visual}"
    );
    assert!(
        visual.contains("Use_of_force\tbgColor:#123456\n"),
        "{visual}"
    );
}

#[test]
fn brat_replaces_its_own_export_but_no_other_folder() {
    let (project, _) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    let out = brat_and_validate(&project, dir.path());
    std::fs::write(out.join("old.ann"), "").unwrap();
    let first: Vec<u8> = std::fs::read(out.join("中俄 😀.ann")).unwrap();
    export(&project, Format::Brat, &out, ExportOptions::default()).unwrap();
    assert!(
        !out.join("old.ann").exists(),
        "an earlier export is replaced as a whole"
    );
    assert_eq!(
        std::fs::read(out.join("中俄 😀.ann")).unwrap(),
        first,
        "deterministic"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["brat"], "no temporary directory left behind");

    // A folder of someone's texts is not ours to replace.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("mine.txt"), "我的文本").unwrap();
    let err = export(&project, Format::Brat, &corpus, ExportOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains(&*corpus.to_string_lossy()),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(&corpus).unwrap().count(), 1);
    assert_eq!(
        std::fs::read_to_string(corpus.join("mine.txt")).unwrap(),
        "我的文本"
    );

    // Nor is a file.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert!(export(&project, Format::Brat, &file, ExportOptions::default()).is_err());
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

#[test]
fn qdpx_counts_code_points_and_keeps_sources_as_files() {
    let (project, text) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.qdpx");
    export(&project, Format::Qdpx, &path, ExportOptions::default()).unwrap();
    assert_valid(&[OsStr::new("qdpx"), path.as_os_str()]);

    let entries = read_zip(&path);
    let doc_guid = |id: &str| pizhu::io::export::stable_uuid("document", id);
    let decl = format!("sources/{}.txt", doc_guid("d-1"));
    let emoji = format!("sources/{}.txt", doc_guid("d-2"));
    assert_eq!(
        entries.keys().collect::<Vec<_>>(),
        ["project.qde", decl.as_str(), emoji.as_str()]
    );
    assert_eq!(entries[&decl], text.as_bytes(), "UTF-8, no BOM");
    assert_eq!(entries[&emoji], EMOJI_TEXT.as_bytes());

    let qde = String::from_utf8(entries["project.qde"].clone()).unwrap();
    assert!(qde.contains(&format!(
        "plainTextPath=\"internal://{}.txt\"",
        doc_guid("d-2")
    )));
    for (start, end, quote) in EMOJI_SPANS {
        assert!(
            qde.contains(&format!(
                "name=\"{quote}\" startPosition=\"{start}\" endPosition=\"{end}\""
            )),
            "{quote}"
        );
    }
    assert!(
        qde.contains("name=\"任&#10;&#10;何武力手段只能加强地区对立\""),
        "line breaks in names survive XML"
    );
    assert!(qde.contains("<PlainTextContent>跨行\n注释\t&lt;b&gt;&quot;引号&quot;&lt;/b&gt; \\n</PlainTextContent>"), "{qde}");
    assert!(qde.contains("color=\"#123456\""));
    assert!(qde.contains("<Description>反对使用武力\n(子代码)</Description>"));
    assert!(
        qde.contains("name=\"pizhu:continues\""),
        "the second span is linked to the first"
    );
    assert!(qde.contains("<User guid="));
    let memo = |about| pizhu::io::export::qdpx::memo_guid(&about);
    let kosovo_memo = format!(
        "<NoteRef targetGUID=\"{}\"/>",
        memo(MemoTarget::Code(CodeId("c-kosovo".into())))
    );
    let child = qde.find("name=\"Use of force 武力\"").unwrap();
    assert!(
        qde[..child].contains(&kosovo_memo),
        "the parent's memo before its child"
    );
    assert!(qde.contains(&format!(
        "<NoteRef targetGUID=\"{}\"/>\n</Project>",
        memo(MemoTarget::Project)
    )));

    export(&project, Format::Qdpx, &path, ExportOptions::default()).unwrap();
    assert_eq!(
        read_zip(&path),
        entries,
        "the same project gives the same archive"
    );
    let again = dir.path().join("again.qdpx");
    export(&project, Format::Qdpx, &again, ExportOptions::default()).unwrap();
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&path).unwrap(),
        "byte for byte"
    );
}

#[test]
fn qdc_codebook_is_valid_and_an_empty_one_is_refused() {
    let (project, _) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codebook.qdc");
    export(&project, Format::Qdc, &path, ExportOptions::default()).unwrap();
    assert_valid(&[OsStr::new("qdc"), path.as_os_str()]);
    let xml = std::fs::read_to_string(&path).unwrap();
    assert!(xml.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""));
    assert_eq!(xml.matches("<Code ").count(), project.codes().len());
    let kosovo = xml.find("name=\"Kosovo\"").unwrap();
    let child = xml.find("name=\"Use of force 武力\"").unwrap();
    let abm = xml.find("name=\"ABM Treaty\"").unwrap();
    assert!(kosovo < child && child < abm);
    assert!(
        !xml[kosovo..child].contains("</Code>"),
        "the child is nested in its parent"
    );

    let empty = dir.path().join("empty.qdc");
    let err = export(
        &Project::new("p"),
        Format::Qdc,
        &empty,
        ExportOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("at least one code"), "{err}");
    assert!(!empty.exists());
}

#[test]
fn empty_projects_export_valid_qdpx_and_brat() {
    let (project, _, _) = emoji_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.qdpx");
    export(&project, Format::Qdpx, &path, ExportOptions::default()).unwrap();
    assert_valid(&[OsStr::new("qdpx"), path.as_os_str()]);
    export(
        &Project::new("空"),
        Format::Qdpx,
        &path,
        ExportOptions::default(),
    )
    .unwrap();
    assert_valid(&[OsStr::new("qdpx"), path.as_os_str()]);
    brat_and_validate(&project, dir.path());
}

/// Negative controls: the validator rejects byte offsets in brat and
/// UTF-16 offsets in REFI-QDA, so the checks above can fail.
#[test]
fn validator_rejects_byte_offsets_in_brat_and_utf16_offsets_in_qdpx() {
    let (project, _) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    let out = brat_and_validate(&project, dir.path());
    let ann = out.join("中俄 😀.ann");
    let bytes = std::fs::read_to_string(&ann)
        .unwrap()
        .replace("Kosovo 11 14", "Kosovo 35 44");
    std::fs::write(&ann, bytes).unwrap();
    let stderr = assert_invalid(&[
        OsStr::new("brat"),
        ann.as_os_str(),
        out.join("中俄 😀.txt").as_os_str(),
    ]);
    assert!(stderr.contains("T3"), "{stderr}");

    let path = dir.path().join("p.qdpx");
    export(&project, Format::Qdpx, &path, ExportOptions::default()).unwrap();
    let mut entries = read_zip(&path);
    let qde = String::from_utf8(entries["project.qde"].clone()).unwrap();
    let utf16 = qde.replace(
        "startPosition=\"11\" endPosition=\"14\"",
        "startPosition=\"13\" endPosition=\"16\"",
    );
    assert_ne!(utf16, qde);
    entries.insert("project.qde".into(), utf16.into_bytes());
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, &bytes).unwrap();
    }
    zip.finish().unwrap();
    let stderr = assert_invalid(&[OsStr::new("qdpx"), path.as_os_str()]);
    assert!(stderr.contains("13..16"), "{stderr}");
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let (project, _) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    export(&project, Format::Html, &path, ExportOptions::default()).unwrap();
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    for external in ["<script", "<link", "src=", "http://", "https://"] {
        assert!(!html.contains(external), "{external} in the report");
    }
    assert!(
        html.contains("&lt;b&gt;&quot;引号&quot;&lt;/b&gt;"),
        "notes are escaped"
    );
    assert!(
        html.contains(
            "<span class=\"swatch\" style=\"background:#123456\"></span>Use of force 武力"
        )
    );
    assert!(
        html.contains("\">😀</mark>") && html.contains("\">𠀀</mark>"),
        "{html}"
    );
    assert!(html.contains("chars 11–14"));
    assert!(
        html.contains("<p class=\"note\">项目备忘 &lt;i&gt;1998&lt;/i&gt;</p>"),
        "the project's memo"
    );
    assert!(
        html.contains("<p class=\"note\">科索沃备忘</p>"),
        "a code's memo"
    );
    // Every document's text is in the report.
    assert_eq!(html.matches("<section class=\"document\"").count(), 2);
}

#[test]
fn markdown_groups_segments_by_code() {
    let (project, _) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("segments.md");
    export(&project, Format::Md, &path, ExportOptions::default()).unwrap();
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# 中俄联合声明 1998\n"));
    let kosovo = md.find("\n## Kosovo\n").unwrap();
    let force = md.find("\n### Use of force 武力\n").unwrap();
    let abm = md.find("\n## ABM Treaty\n").unwrap();
    assert!(kosovo < force && force < abm);
    assert!(
        md[kosovo..force].contains("- **中俄 😀.txt**, chars 11–14, 研究员"),
        "{md}"
    );
    assert!(md[kosovo..force].contains("  > 科索沃\n"));
    assert!(md.contains("\n## (no code)\n"));
    assert!(md.contains("> 科索沃备忘\n"), "{md}");
    assert!(md.contains("Note: \\=1+1"), "{md}");
}

#[test]
fn failed_exports_of_every_format_name_the_path_and_write_nothing() {
    let (project, _) = declaration_project();
    let dir = tempfile::tempdir().unwrap();
    for format in [
        Format::Brat,
        Format::Qdpx,
        Format::Qdc,
        Format::Html,
        Format::Md,
    ] {
        let path = dir.path().join("missing").join("out");
        let err = export(&project, format, &path, ExportOptions::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains(&*dir.path().join("missing").to_string_lossy()),
            "{format:?}: {err}"
        );
        assert!(!dir.path().join("missing").exists());
    }
}
