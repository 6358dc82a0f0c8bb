//! Interoperability: export → import round trips through REFI-QDA (qdpx),
//! brat and W3C, a property test for qdpx, bad foreign files, and the CLI
//! (`pizhu import`, `pizhu export --format brat|qdpx|qdc|html|md`).
//!
//! What each format carries back (checked below; the rest is listed in
//! each exporter's module doc):
//!
//! | format | documents | codes | annotations |
//! |---|---|---|---|
//! | qdpx | name, text | name, colour, parent, description | id, spans, codes, note, author, times |
//! | brat | text; name if it ends in `.txt` | name, colour, parent | spans (see brat), codes, note |
//! | w3c  | by name only (text from the project or a file beside) | name | id, spans, codes, note, author, times |
//!
//! Exports are checked by `../shared/schemas/validate.py` where it has a
//! check; a missing validator fails the test instead of skipping it.

// In a test a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use pizhu::io::export::{ExportOptions, Format, export};
use pizhu::io::import::{AnnotationFormat, Imported, import_annotations};
use pizhu::io::project_file;
use pizhu::model::memo::MemoTarget;
use pizhu::model::{
    Annotation, AnnotationId, CharSpan, Code, CodeId, Color, DocId, Document, Edit, Project,
    Timestamp,
};

const DECLARATION: &str = include_str!("../assets/declaration-1998-zh.txt");
/// 😀 is char 9, 𠀀 char 10, 科索沃 chars 11..14.
const EMOJI_TEXT: &str = "世纪之交的中俄关系😀𠀀科索沃问题\n";

// ---------------------------------------------------------------------------
// Helpers

fn validate(args: &[&OsStr]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/validate.py");
    assert!(
        script.is_file(),
        "the export validator {} is missing; these tests need the shared schemas folder next to the repository",
        script.display()
    );
    let out = Command::new("python3")
        .arg(&script)
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("cannot run python3 for {} ({err})", script.display()));
    assert!(
        out.status.success(),
        "validate.py {args:?} failed\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn apply(project: &mut Project, edit: Edit) {
    project.apply(edit).unwrap();
}

fn add_code(
    project: &mut Project,
    id: &str,
    name: &str,
    parent: Option<&str>,
    description: &str,
) -> CodeId {
    let mut code = Code::new(
        CodeId(id.into()),
        name,
        Color::distinct(project.codes().len()),
    );
    code.parent = parent.map(|p| CodeId(p.into()));
    code.description = description.into();
    code.keywords = vec!["lost in every format".into()];
    apply(
        project,
        Edit::InsertCode {
            code,
            index: usize::MAX,
        },
    );
    CodeId(id.into())
}

/// An annotation of the first occurrence of each quote in `quotes` (its spans).
fn annotate(
    project: &mut Project,
    doc: &DocId,
    quotes: &[&str],
    codes: &[&CodeId],
    note: &str,
    author: &str,
) {
    let document = project.document(doc).unwrap();
    let spans: Vec<CharSpan> = quotes
        .iter()
        .map(|q| {
            *pizhu::text::search::find_all(document, q)
                .first()
                .unwrap_or_else(|| panic!("{q:?}"))
        })
        .collect();
    let mut ann = Annotation::new(
        document,
        spans[0],
        codes.iter().map(|&c| c.clone()).collect(),
        author,
    );
    ann.spans = spans;
    ann.refresh_quote(document);
    ann.note = note.into();
    ann.created = Timestamp("2026-11-25T10:00:00Z".into());
    ann.modified = Timestamp("2026-11-26T08:30:00Z".into());
    apply(project, Edit::InsertAnnotation(ann));
}

/// The declaration (lines broken mid-sentence) and a text with 😀 and 𠀀
/// before 科索沃; a nested codebook with colours and descriptions; spans
/// across line breaks, several codes, two spans, no code, notes with line
/// breaks, TABs, backslashes and markup.
fn sample() -> Project {
    let mut p = Project::new("中俄联合声明 1998");
    let decl = DocId("d-1".into());
    let emoji = DocId("d-2".into());
    apply(
        &mut p,
        Edit::InsertDocument {
            document: Box::new(Document::new(
                decl.clone(),
                "declaration-1998-zh.txt",
                DECLARATION,
            )),
            index: 0,
        },
    );
    apply(
        &mut p,
        Edit::InsertDocument {
            document: Box::new(Document::new(emoji.clone(), "中俄 😀.txt", EMOJI_TEXT)),
            index: 1,
        },
    );
    let kosovo = add_code(&mut p, "c-kosovo", "Kosovo", None, "科索沃：科索沃问题");
    let force = add_code(
        &mut p,
        "c-force",
        "Use of force 武力",
        Some("c-kosovo"),
        "反对\n使用武力 <b>&</b>",
    );
    let abm = add_code(&mut p, "c-abm", "ABM Treaty", None, "");
    let un = add_code(&mut p, "c-un", "联合国", None, "");
    let _unused = add_code(
        &mut p,
        "c-unused",
        "Unused 未用",
        Some("c-force"),
        "never applied",
    );
    annotate(
        &mut p,
        &decl,
        &["任\n\n何武力手段只能加强地区对立"],
        &[&force, &kosovo],
        "跨行\n注释\t\\n <script>\"x\"</script>",
        "研究员",
    );
    annotate(
        &mut p,
        &decl,
        &["科索沃局势仍令人关注"],
        &[&kosovo],
        "",
        "研究员",
    );
    // Two spans with a space between them as well as line breaks.
    annotate(
        &mut p,
        &decl,
        &["全面禁止核试验条约", "可持续发展和国际经济合作"],
        &[&abm],
        "两段",
        "另一位",
    );
    annotate(&mut p, &decl, &["联合国的改革:措施和提议"], &[&un], "", "");
    annotate(
        &mut p,
        &decl,
        &["建设性的多极化进程"],
        &[],
        "没有代码",
        "研究员",
    );
    for quote in ["😀", "𠀀", "科索沃"] {
        annotate(&mut p, &emoji, &[quote], &[&kosovo], "", "研究员");
    }
    for (about, text) in [
        (MemoTarget::Project, "项目备忘\n第二行 <b>&</b>"),
        (MemoTarget::Document(decl), "这份声明的行在句中断开。"),
        (MemoTarget::Code(force), "武力：\t备忘"),
    ] {
        apply(
            &mut p,
            Edit::SetMemo {
                about,
                text: text.into(),
            },
        );
    }
    assert_eq!(p.problems(), []);
    p
}

/// What a format can carry back, for comparing projects.
#[derive(Clone, Copy)]
struct Carries {
    code_details: bool,
    descriptions: bool,
    ids_authors_times: bool,
    memos: bool,
}

const QDPX: Carries = Carries {
    code_details: true,
    descriptions: true,
    ids_authors_times: true,
    memos: true,
};
const BRAT: Carries = Carries {
    code_details: true,
    descriptions: false,
    ids_authors_times: false,
    memos: false,
};
const W3C: Carries = Carries {
    code_details: false,
    descriptions: false,
    ids_authors_times: true,
    memos: false,
};

/// A project as text, without what `carries` leaves out, in an order that
/// does not depend on ids: documents by name, codes by name, annotations
/// by document and position.
fn view(p: &Project, carries: Carries) -> String {
    let code_name = |id: &CodeId| p.code(id).map_or("?", |c| c.name.as_str()).to_owned();
    let mut out = String::new();
    for doc in p.documents() {
        out.push_str(&format!(
            "document {:?} {} chars, sha {}\n",
            doc.name,
            doc.char_len(),
            pizhu::io::import::sha256_hex(doc.text().as_bytes())
        ));
    }
    let mut codes: Vec<String> = p
        .codes()
        .iter()
        .map(|c| {
            let mut line = format!("code {:?}", c.name);
            if carries.code_details {
                line.push_str(&format!(
                    " {} parent {:?}",
                    c.color.to_hex(),
                    c.parent.as_ref().map(code_name)
                ));
            }
            if carries.descriptions {
                line.push_str(&format!(" {:?}", c.description));
            }
            line
        })
        .collect();
    codes.sort();
    for line in codes {
        out.push_str(&line);
        out.push('\n');
    }
    let mut anns: Vec<String> = p
        .annotations()
        .iter()
        .map(|a| {
            let doc = p.document(&a.document).map_or("?", |d| d.name.as_str());
            let spans: Vec<(usize, usize)> =
                a.spans.iter().map(|s| (s.start().0, s.end().0)).collect();
            let codes: Vec<String> = a.codes.iter().map(code_name).collect();
            let mut line = format!(
                "annotation {doc:?} {spans:?} {:?} codes {codes:?} note {:?}",
                a.quote, a.note
            );
            if carries.ids_authors_times {
                line.push_str(&format!(
                    " id {} by {:?} at {} / {}",
                    a.id, a.author, a.created.0, a.modified.0
                ));
            }
            line
        })
        .collect();
    anns.sort();
    for line in anns {
        out.push_str(&line);
        out.push('\n');
    }
    if carries.memos {
        let mut memos: Vec<String> = p
            .memos()
            .iter()
            .map(|m| {
                let about = match &m.about {
                    MemoTarget::Project => "the project".to_owned(),
                    MemoTarget::Document(id) => format!(
                        "document {:?}",
                        p.document(id).map_or("?", |d| d.name.as_str())
                    ),
                    MemoTarget::Code(id) => format!("code {:?}", code_name(id)),
                };
                format!("memo about {about}: {:?}", m.text)
            })
            .collect();
        memos.sort();
        for line in memos {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Import `path` into `project`, apply the edit, and return the result.
fn import_into(project: &Project, format: AnnotationFormat, path: &Path) -> (Project, Imported) {
    let imported = import_annotations(project, format, path).unwrap();
    let mut after = project.clone();
    after.apply(imported.edit.clone()).unwrap();
    assert_eq!(after.problems(), [], "the imported project is sound");
    (after, imported)
}

fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

// ---------------------------------------------------------------------------
// Round trips

#[test]
fn qdpx_round_trip_keeps_documents_codes_and_annotations() {
    let project = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.qdpx");
    export(&project, Format::Qdpx, &path, ExportOptions::default()).unwrap();
    validate(&["qdpx".as_ref(), path.as_os_str()]);

    let (back, imported) = import_into(&Project::new(""), AnnotationFormat::Qdpx, &path);
    assert_eq!(view(&back, QDPX), view(&project, QDPX));
    assert_eq!(imported.project_name.as_deref(), Some("中俄联合声明 1998"));
    let report = &imported.report;
    assert_eq!(
        (
            report.documents_added,
            report.codes_added,
            report.annotations_added
        ),
        (2, 5, 8)
    );
    assert_eq!(report.memos, 3);
    assert!(
        report.skipped.is_empty() && report.notes.is_empty(),
        "{report:?}"
    );
    // Offsets after 😀 and 𠀀 are still chars.
    let kosovo = back
        .annotations()
        .iter()
        .find(|a| a.quote == "科索沃")
        .unwrap();
    assert_eq!((kosovo.start().0, kosovo.end().0), (11, 14));

    // Into the project it came from: everything is there already.
    let again = import_annotations(&project, AnnotationFormat::Qdpx, &path).unwrap();
    assert!(again.is_empty(), "{:?}", again.report);
    assert_eq!(
        (
            again.report.documents_matched,
            again.report.codes_matched,
            again.report.annotations_present
        ),
        (2, 5, 8)
    );
    assert_eq!(report.memos, 3);
}

#[test]
fn brat_round_trip_keeps_what_brat_can_carry() {
    let project = sample();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    export(&project, Format::Brat, &out, ExportOptions::default()).unwrap();
    for stem in ["declaration-1998-zh", "中俄 😀"] {
        validate(&[
            "brat".as_ref(),
            out.join(format!("{stem}.ann")).as_os_str(),
            out.join(format!("{stem}.txt")).as_os_str(),
        ]);
    }
    let (back, imported) = import_into(&Project::new(""), AnnotationFormat::Brat, &out);
    assert_eq!(view(&back, BRAT), view(&project, BRAT));
    assert!(imported.report.skipped.is_empty(), "{:?}", imported.report);
    // A span across a blank line came back whole, not as two fragments.
    let broken = back
        .annotations()
        .iter()
        .find(|a| a.note.starts_with("跨行"))
        .unwrap();
    assert_eq!(broken.quote, "任\n\n何武力手段只能加强地区对立");
    assert_eq!(broken.spans.len(), 1);

    // One .ann file of the directory.
    let (one, _) = import_into(
        &Project::new(""),
        AnnotationFormat::Brat,
        &out.join("中俄 😀.ann"),
    );
    assert_eq!(one.documents().len(), 1);
    assert_eq!(one.annotations().len(), 3);

    // Into the project it came from: nothing new.
    let again = import_annotations(&project, AnnotationFormat::Brat, &out).unwrap();
    assert!(again.is_empty(), "{:?}", again.report);
}

#[test]
fn w3c_round_trip_with_documents_in_the_project_or_beside_the_file() {
    let project = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotations.json");
    export(&project, Format::W3c, &path, ExportOptions::default()).unwrap();
    validate(&["w3c".as_ref(), path.as_os_str()]);

    // The documents are in the project (under other ids), the codes are not.
    let mut docs_only = Project::new("p");
    for (i, doc) in project.documents().iter().enumerate() {
        let copy = Document::new(DocId(format!("x-{i}")), doc.name.clone(), doc.text());
        apply(
            &mut docs_only,
            Edit::InsertDocument {
                document: Box::new(copy),
                index: i,
            },
        );
    }
    let (back, imported) = import_into(&docs_only, AnnotationFormat::W3c, &path);
    // W3C has code names only, so unused codes are not in it either.
    let mut expected = project.clone();
    apply(&mut expected, Edit::RemoveCode(CodeId("c-unused".into())));
    assert_eq!(view(&back, W3C), view(&expected, W3C));
    assert_eq!(
        (
            imported.report.documents_matched,
            imported.report.documents_added
        ),
        (2, 0)
    );

    // Into an empty project, the texts come from files beside the JSON.
    let (empty, imported) = import_into(&Project::new(""), AnnotationFormat::W3c, &path);
    assert_eq!(empty.annotations().len(), 0);
    assert_eq!(imported.report.skipped.len(), 8, "{:?}", imported.report);
    assert!(
        imported.report.skipped[0]
            .reason
            .contains("not in the project")
    );
    for doc in project.documents() {
        std::fs::write(dir.path().join(&doc.name), doc.text()).unwrap();
    }
    let (beside, _) = import_into(&Project::new(""), AnnotationFormat::W3c, &path);
    assert_eq!(view(&beside, W3C), view(&expected, W3C));
}

#[test]
fn documents_are_matched_by_text_not_duplicated() {
    let project = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.qdpx");
    export(&project, Format::Qdpx, &path, ExportOptions::default()).unwrap();
    // Same text under another name and id, with CRLF line breaks in its source.
    let mut mine = Project::new("mine");
    let doc = Document::new(
        DocId("d-9".into()),
        "声明.txt",
        DECLARATION.replace('\n', "\r\n"),
    );
    apply(
        &mut mine,
        Edit::InsertDocument {
            document: Box::new(doc),
            index: 0,
        },
    );
    let (after, imported) = import_into(&mine, AnnotationFormat::Qdpx, &path);
    assert_eq!(
        (
            imported.report.documents_matched,
            imported.report.documents_added
        ),
        (1, 1)
    );
    assert_eq!(after.documents().len(), 2);
    assert_eq!(
        after.annotations_of(&DocId("d-9".into())).len(),
        5,
        "the declaration's annotations land on d-9"
    );
}

// ---------------------------------------------------------------------------
// Foreign and bad files

#[test]
fn a_foreign_qdpx_with_an_out_of_range_selection_imports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foreign.qdpx");
    let g = |n: u32| format!("00000000-0000-4000-8000-{n:012}");
    let qde = format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="QualCoder project">
  <CodeBook><Codes><Code guid="{c}" name="Kosovo" isCodable="true" color="#E6194B"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="{s}" name="emoji.txt" plainTextPath="internal://{s}.txt">
      <PlainTextSelection guid="{ok}" name="科索沃" startPosition="11" endPosition="14"><Coding guid="{k1}"><CodeRef targetGUID="{c}"/></Coding></PlainTextSelection>
      <PlainTextSelection guid="{far}" name="x" startPosition="11" endPosition="999"><Coding guid="{k2}"><CodeRef targetGUID="{c}"/></Coding></PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"##,
        c = g(1),
        s = g(2),
        ok = g(3),
        far = g(4),
        k1 = g(5),
        k2 = g(6),
    );
    // QualCoder writes a BOM, which is not counted.
    let text = format!("\u{feff}{EMOJI_TEXT}");
    write_zip(
        &path,
        &[
            ("project.qde", qde.as_bytes()),
            (&format!("sources/{}.txt", g(2)), text.as_bytes()),
        ],
    );
    let (after, imported) = import_into(&Project::new(""), AnnotationFormat::Qdpx, &path);
    assert_eq!(imported.report.annotations_added, 1);
    assert_eq!(imported.report.skipped.len(), 1);
    let skipped = &imported.report.skipped[0];
    assert_eq!(skipped.id, g(4));
    assert!(
        skipped.reason.contains("11..999") && skipped.reason.contains("outside"),
        "{skipped}"
    );
    assert_eq!(
        after.documents()[0].text(),
        EMOJI_TEXT,
        "no BOM in the document"
    );
    assert_eq!(after.annotations()[0].quote, "科索沃");
    assert_eq!(
        after.annotations()[0].id,
        AnnotationId(uuid::Uuid::parse_str(&g(3)).unwrap())
    );
}

#[test]
fn corrupt_and_malicious_archives_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let corrupt = dir.path().join("corrupt.qdpx");
    let mut bytes = std::fs::read({
        let good = dir.path().join("good.qdpx");
        export(&sample(), Format::Qdpx, &good, ExportOptions::default()).unwrap();
        good
    })
    .unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&corrupt, &bytes).unwrap();
    let evil = dir.path().join("evil.qdpx");
    write_zip(
        &evil,
        &[
            (
                "project.qde",
                b"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"/>",
            ),
            ("../evil", b"pwned"),
        ],
    );
    let bomb = dir.path().join("bomb.qdpx");
    let zeros = vec![b'0'; 32 * 1024 * 1024];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("project.qde", deflated).unwrap();
    zip.write_all(&zeros).unwrap();
    zip.finish().unwrap();
    let not_xml = dir.path().join("not-xml.qdpx");
    write_zip(
        &not_xml,
        &[("project.qde", b"<Project><Unclosed></Project>")],
    );

    for (path, expected) in [
        (&corrupt, "not a readable ZIP"),
        (&evil, "unsafe path in archive: \"../evil\""),
        (&bomb, "zip bomb"),
        (&not_xml, "project.qde"),
    ] {
        let err = import_annotations(&Project::new(""), AnnotationFormat::Qdpx, path)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(&*path.to_string_lossy()), "{err}");
        assert!(err.contains(expected), "{err}");
    }
    assert!(!dir.path().parent().unwrap().join("evil").exists());
}

#[test]
fn foreign_brat_relations_and_bad_lines_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doc.txt"),
        "世纪之交的中俄关系😀科索沃问题\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("doc.ann"),
        "T1\tPlace 10 13\t科索沃\nT2\tCountry 5 7\t中俄\nT3\tPlace 31 40\t科索沃\nR1\tLocated Arg1:T1 Arg2:T2\n\
         A1\tNegated T1\n#1\tAnnotatorNotes T1\t带\\n反斜杠\n#2\tAnnotatorNotes T9\tlost\n",
    )
    .unwrap();
    let (after, imported) = import_into(
        &Project::new(""),
        AnnotationFormat::Brat,
        &dir.path().join("doc.ann"),
    );
    let skipped: Vec<&str> = imported
        .report
        .skipped
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        skipped,
        ["doc.ann:T3", "doc.ann:R1", "doc.ann:A1", "doc.ann:#2"]
    );
    assert_eq!(after.annotations().len(), 2);
    let place = after
        .annotations()
        .iter()
        .find(|a| a.quote == "科索沃")
        .unwrap();
    assert_eq!(
        place.note, "带\\n反斜杠",
        "a foreign note is taken as written"
    );
    assert_eq!(after.code_by_name("Place").unwrap().name, "Place");
}

// ---------------------------------------------------------------------------
// Property test: any project → qdpx → project is unchanged

mod qdpx_property {
    use proptest::prelude::*;

    use super::*;

    /// Text with CJK, emoji, Extension B, markup, TAB, line breaks, and a
    /// form feed and NUL (which XML cannot hold, but sources are files).
    fn text_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            '科', '索', '沃', '😀', '𠀀', 'a', ' ', '\n', '\t', '<', '&', '"', '\'', '\u{c}', '\0',
            '…',
        ])
    }

    /// Names, descriptions and notes: what XML can hold.
    fn label_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            '科', '😀', '𠀀', 'a', 'B', ' ', '\n', '\t', '<', '&', '"', '|', '\\',
        ])
    }

    fn label(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(label_char(), 0..max).prop_map(|c| c.into_iter().collect())
    }

    fn timestamp() -> impl Strategy<Value = Timestamp> {
        (0u64..2_000_000_000).prop_map(|s| {
            Timestamp(
                humantime::format_rfc3339_seconds(
                    std::time::UNIX_EPOCH + std::time::Duration::from_secs(s),
                )
                .to_string(),
            )
        })
    }

    #[derive(Debug, Clone)]
    struct AnnSpec {
        doc: usize,
        cuts: Vec<usize>,
        codes: Vec<usize>,
        note: String,
        author: usize,
        created: Timestamp,
        modified: Timestamp,
    }

    fn project() -> impl Strategy<Value = Project> {
        let texts = prop::collection::vec(prop::collection::vec(text_char(), 1..60), 1..4);
        let codes = prop::collection::vec(
            (
                label(12),
                any::<[u8; 3]>(),
                any::<prop::sample::Index>(),
                label(20),
            ),
            0..6,
        );
        let ann = (
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<prop::sample::Index>(), 2..5),
            prop::collection::vec(any::<prop::sample::Index>(), 0..3),
            label(20),
            0usize..3,
            timestamp(),
            timestamp(),
        )
            .prop_map(
                |(doc, cuts, codes, note, author, created, modified)| AnnSpec {
                    doc: doc.index(100),
                    cuts: cuts.iter().map(|c| c.index(1000)).collect(),
                    codes: codes.iter().map(|c| c.index(100)).collect(),
                    note,
                    author,
                    created,
                    modified,
                },
            );
        let memos = (label(15), label(15), label(15));
        (
            label(10),
            texts,
            codes,
            prop::collection::vec(ann, 0..8),
            memos,
        )
            .prop_map(|(name, texts, codes, anns, memos)| {
                let mut p = build(name, texts, codes, anns);
                let doc = p.documents().first().map(|d| d.id.clone());
                let code = p.codes().last().map(|c| c.id.clone());
                let targets = [
                    Some(MemoTarget::Project),
                    doc.map(MemoTarget::Document),
                    code.map(MemoTarget::Code),
                ];
                for (about, text) in targets.into_iter().zip([memos.0, memos.1, memos.2]) {
                    // A memo of only white space is as good as none to an importer.
                    if let Some(about) = about.filter(|_| !text.trim().is_empty()) {
                        apply(&mut p, Edit::SetMemo { about, text });
                    }
                }
                p
            })
    }

    fn build(
        name: String,
        texts: Vec<Vec<char>>,
        codes: Vec<(String, [u8; 3], prop::sample::Index, String)>,
        anns: Vec<AnnSpec>,
    ) -> Project {
        let mut p = Project::new(name);
        for (i, chars) in texts.iter().enumerate() {
            // The index first keeps texts apart: equal texts are one document to an importer.
            let text = format!("{i}{}", chars.iter().collect::<String>());
            let doc = Document::new(DocId(format!("d-{i}")), format!("文档 {i} 😀.txt"), text);
            apply(
                &mut p,
                Edit::InsertDocument {
                    document: Box::new(doc),
                    index: i,
                },
            );
        }
        for (i, (name, rgb, parent, description)) in codes.into_iter().enumerate() {
            // Names are unique and trimmed in a project.
            let name = format!("{i} {}", name.trim());
            let mut code = Code::new(CodeId(format!("c-{i}")), name.trim(), Color(rgb));
            code.parent =
                (i > 0 && parent.index(2) == 0).then(|| CodeId(format!("c-{}", parent.index(i))));
            code.description = description;
            apply(&mut p, Edit::InsertCode { code, index: i });
        }
        for spec in anns {
            let doc = &p.documents()[spec.doc % p.documents().len()];
            let len = doc.char_len();
            let mut cuts: Vec<usize> = spec.cuts.iter().map(|c| c % (len + 1)).collect();
            cuts.sort_unstable();
            cuts.dedup();
            let spans: Vec<CharSpan> = cuts
                .chunks_exact(2)
                .map(|w| CharSpan::from_range(w[0], w[1]))
                .collect();
            if spans.is_empty() {
                continue;
            }
            let mut codes: Vec<CodeId> = Vec::new();
            for c in &spec.codes {
                if !p.codes().is_empty() {
                    let id = p.codes()[c % p.codes().len()].id.clone();
                    if !codes.contains(&id) {
                        codes.push(id);
                    }
                }
            }
            let author = ["", "研究员", "a & <b>"][spec.author];
            let mut ann = Annotation::new(doc, spans[0], codes, author);
            ann.spans = spans;
            ann.refresh_quote(doc);
            ann.note = spec.note;
            ann.created = spec.created;
            ann.modified = spec.modified;
            apply(&mut p, Edit::InsertAnnotation(ann));
        }
        assert_eq!(p.problems(), []);
        p
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn any_project_survives_qdpx(project in project()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.qdpx");
            export(&project, Format::Qdpx, &path, ExportOptions::default()).unwrap();
            let imported = import_annotations(&Project::new(""), AnnotationFormat::Qdpx, &path).unwrap();
            prop_assert!(imported.report.skipped.is_empty(), "{:?}", imported.report);
            let mut back = Project::new(imported.project_name.clone().unwrap_or_default());
            back.apply(imported.edit).unwrap();
            prop_assert_eq!(view(&back, QDPX), view(&project, QDPX));
            let name = if project.name().trim().is_empty() { "" } else { project.name() };
            prop_assert_eq!(back.name(), name);
        }
    }
}

// ---------------------------------------------------------------------------
// The CLI

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn pizhu<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .args(args)
        .env("PIZHU_AUTHOR", "tester")
        // The messages checked below are the English ones.
        .env("PIZHU_LANG", "en")
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Run {
    #[track_caller]
    fn ok(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "stdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    fn fails_naming(self, path: &Path) -> String {
        assert_eq!(
            self.code,
            Some(1),
            "stdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        assert!(self.stderr.starts_with("pizhu: "), "{}", self.stderr);
        assert!(
            self.stderr.contains(&*path.to_string_lossy()),
            "{}",
            self.stderr
        );
        self.stderr
    }
}

/// Every file under `dir` and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// `pizhu new` on the declaration and the emoji text, then `pizhu tag`.
fn cli_project(dir: &Path) -> PathBuf {
    std::fs::write(dir.join("declaration-1998-zh.txt"), DECLARATION).unwrap();
    std::fs::write(dir.join("emoji.txt"), EMOJI_TEXT).unwrap();
    let project = dir.join("study.pizhu.ron");
    pizhu([
        "new".as_ref(),
        project.as_os_str(),
        "--doc".as_ref(),
        dir.join("declaration-1998-zh.txt").as_os_str(),
        "--doc".as_ref(),
        dir.join("emoji.txt").as_os_str(),
    ])
    .ok();
    for (doc, quote, code) in [
        ("emoji.txt", "科索沃", "Kosovo"),
        ("emoji.txt", "😀", "Emoji 表情"),
        ("declaration-1998-zh.txt", "任\n\n何武力", "Kosovo"),
        (
            "declaration-1998-zh.txt",
            "保持和巩固限制反导弹\n防御系统条约",
            "ABM Treaty",
        ),
    ] {
        pizhu([
            "tag".as_ref(),
            project.as_os_str(),
            "--doc".as_ref(),
            doc.as_ref(),
            "--quote".as_ref(),
            quote.as_ref(),
            "--code".as_ref(),
            code.as_ref(),
            "--note".as_ref(),
            "注\n释".as_ref(),
        ])
        .ok();
    }
    project
}

fn load(path: &Path) -> Project {
    project_file::load(path).unwrap().project
}

#[test]
fn cli_exports_every_new_format() {
    let dir = tempfile::tempdir().unwrap();
    let project = cli_project(dir.path());
    let p = project.as_os_str();
    let out = |name: &str| dir.path().join(name);
    for (format, name) in [
        ("brat", "brat"),
        ("qdpx", "p.qdpx"),
        ("qdc", "p.qdc"),
        ("html", "p.html"),
        ("md", "p.md"),
        ("BRAT", "brat"),
    ] {
        let run = pizhu([
            "export".as_ref(),
            p,
            "--format".as_ref(),
            format.as_ref(),
            "--out".as_ref(),
            out(name).as_os_str(),
        ])
        .ok();
        assert!(
            run.stdout.starts_with("exported 4 annotations to "),
            "{}",
            run.stdout
        );
    }
    validate(&["qdpx".as_ref(), out("p.qdpx").as_os_str()]);
    validate(&["qdc".as_ref(), out("p.qdc").as_os_str()]);
    for stem in ["declaration-1998-zh", "emoji"] {
        validate(&[
            "brat".as_ref(),
            out("brat").join(format!("{stem}.ann")).as_os_str(),
            out("brat").join(format!("{stem}.txt")).as_os_str(),
        ]);
    }
    let emoji_ann = std::fs::read_to_string(out("brat").join("emoji.ann")).unwrap();
    assert!(emoji_ann.contains("Kosovo 11 14\t科索沃"), "{emoji_ann}");
    assert!(
        std::fs::read_to_string(out("p.html"))
            .unwrap()
            .contains("科索沃")
    );
    assert!(
        std::fs::read_to_string(out("p.md"))
            .unwrap()
            .contains("## Emoji 表情")
    );

    // A directory of other files is not replaced.
    let stderr = pizhu([
        "export".as_ref(),
        p,
        "--format".as_ref(),
        "brat".as_ref(),
        "--out".as_ref(),
        dir.path().as_os_str(),
    ])
    .fails_naming(dir.path());
    assert!(stderr.contains("not an earlier brat export"), "{stderr}");
}

#[test]
fn cli_import_creates_a_project_and_adds_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let project = cli_project(dir.path());
    let qdpx = dir.path().join("p.qdpx");
    pizhu([
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "qdpx".as_ref(),
        "--out".as_ref(),
        qdpx.as_os_str(),
    ])
    .ok();

    let fresh = dir.path().join("fresh.pizhu.ron");
    let run = pizhu([
        "import".as_ref(),
        fresh.as_os_str(),
        "--format".as_ref(),
        "qdpx".as_ref(),
        qdpx.as_os_str(),
    ])
    .ok();
    // The declaration's starter codebook (9 codes) and Emoji 表情.
    assert!(run.stdout.starts_with("imported 4 annotations (0 already there), 2 documents (0 matched), 10 codes (0 matched)"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    pizhu(["check".as_ref(), fresh.as_os_str()]).ok();
    let (original, imported) = (load(&project), load(&fresh));
    assert_eq!(view(&imported, QDPX), view(&original, QDPX));
    assert_eq!(imported.name(), "study", "the name the file gives");

    // Again into the same project: nothing new, nothing written.
    let before = std::fs::read(&fresh).unwrap();
    let run = pizhu([
        "import".as_ref(),
        fresh.as_os_str(),
        "--format".as_ref(),
        "QDPX".as_ref(),
        qdpx.as_os_str(),
    ])
    .ok();
    assert!(run.stdout.starts_with("imported 0 annotations (4 already there), 0 documents (2 matched), 0 codes (10 matched)"), "{}", run.stdout);
    assert_eq!(std::fs::read(&fresh).unwrap(), before);
    assert!(!dir.path().join("fresh.pizhu.ron.bak").exists());

    // brat and W3C into the original project: all there already.
    let brat = dir.path().join("brat");
    let json = dir.path().join("p.json");
    pizhu([
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "brat".as_ref(),
        "--out".as_ref(),
        brat.as_os_str(),
    ])
    .ok();
    pizhu([
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "w3c".as_ref(),
        "--out".as_ref(),
        json.as_os_str(),
    ])
    .ok();
    for (format, file) in [("brat", &brat), ("w3c", &json)] {
        let run = pizhu([
            "import".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            format.as_ref(),
            file.as_os_str(),
        ])
        .ok();
        assert!(
            run.stdout
                .starts_with("imported 0 annotations (4 already there)"),
            "{format}: {}",
            run.stdout
        );
    }

    // brat into a new project: documents, codes and spans come back.
    let from_brat = dir.path().join("from-brat.pizhu.ron");
    pizhu([
        "import".as_ref(),
        from_brat.as_os_str(),
        "--format".as_ref(),
        "brat".as_ref(),
        brat.as_os_str(),
    ])
    .ok();
    assert_eq!(view(&load(&from_brat), BRAT), view(&original, BRAT));
    assert_eq!(
        load(&from_brat).name(),
        "from-brat",
        "brat has no project name: the file's name"
    );
}

#[test]
fn cli_import_reports_skipped_selections_and_fails_cleanly_on_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let project = cli_project(dir.path());

    // An out-of-range brat T line is reported with its id; the rest imports.
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat).unwrap();
    std::fs::write(brat.join("emoji.txt"), EMOJI_TEXT).unwrap();
    std::fs::write(
        brat.join("emoji.ann"),
        "T1\tTopic 0 2\t世纪\nT2\tTopic 11 99\t科索沃\n",
    )
    .unwrap();
    let run = pizhu([
        "import".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "brat".as_ref(),
        brat.as_os_str(),
    ])
    .ok();
    assert!(
        run.stderr.contains("emoji.ann:T2") && run.stderr.contains("outside the text"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("imported 1 annotation ") && run.stdout.contains("skipped 1 item"),
        "{}",
        run.stdout
    );
    let p = load(&project);
    assert_eq!(p.documents().len(), 2, "emoji.txt matched by its text");
    assert!(p.code_by_name("Topic").is_some());
    assert_eq!(p.annotations().len(), 5);

    // Bad files: exit 1 naming the file, nothing written anywhere.
    let corrupt = dir.path().join("corrupt.qdpx");
    std::fs::write(&corrupt, b"PK\x03\x04 this is not a zip").unwrap();
    let evil = dir.path().join("evil.qdpx");
    write_zip(
        &evil,
        &[
            (
                "project.qde",
                b"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"/>",
            ),
            ("../evil", b"pwned"),
        ],
    );
    let text = dir.path().join("emoji.txt");
    let missing = dir.path().join("missing.json");
    let before = snapshot(dir.path());
    let new_project = dir.path().join("new.pizhu.ron");
    for (format, file) in [
        ("qdpx", &corrupt),
        ("qdpx", &evil),
        ("w3c", &text),
        ("w3c", &missing),
        ("brat", &corrupt),
    ] {
        for target in [&project, &new_project] {
            let stderr = pizhu([
                "import".as_ref(),
                target.as_os_str(),
                "--format".as_ref(),
                format.as_ref(),
                file.as_os_str(),
            ])
            .fails_naming(file);
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
    assert_eq!(
        snapshot(dir.path()),
        before,
        "nothing written, no project created"
    );
    assert!(!dir.path().parent().unwrap().join("evil").exists());

    // The project itself is not a file to import.
    pizhu([
        "import".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "w3c".as_ref(),
        project.as_os_str(),
    ])
    .fails_naming(&project);
}
