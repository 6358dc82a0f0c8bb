//! The `.pizhu.ron` project file: round trips of generated projects, the
//! file's shape, refusal of bad input with the right error, and safe saving.

// Test helpers may unwrap: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use pizhu::io::IoError;
use pizhu::io::project_file::{self, from_bytes, load, save};
use pizhu::model::starter::declaration_codebook;
use pizhu::model::{
    Annotation, AnnotationId, CharSpan, Code, CodeId, Color, DocId, Document, Problem, Project,
    Source, Timestamp,
};
use proptest::prelude::*;

const DECLARATION: &str = include_str!("../assets/declaration-1998-zh.txt");
const WHEN: &str = "2026-11-25T10:00:00Z";

/// Everything but the revision.
fn parts(p: &Project) -> (String, Vec<Code>, Vec<Document>, Vec<Annotation>) {
    p.clone().into_parts()
}

fn file(name: &str) -> PathBuf {
    PathBuf::from(format!("测试/{name}.pizhu.ron"))
}

/// The error's message starts with the file's path.
#[track_caller]
fn assert_names(err: &IoError, path: &Path) {
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: ", path.display())),
        "{message:?} does not start with {}",
        path.display()
    );
}

// ---------------------------------------------------------------------------
// Generated projects.

/// Pieces that are hard on RON strings and raw strings, and on char offsets.
const PIECES: [&str; 28] = [
    "世",
    "纪之交",
    "科索沃",
    "😀",
    "👩‍👩‍👧",
    "𠀀",
    "𪚥",
    "\"",
    "\\",
    "\"#",
    "\"##",
    "#",
    "r#\"",
    "\n",
    "\t",
    "\r\n",
    "\r",
    " ",
    "e\u{301}",
    "\u{feff}",
    "\u{0}",
    "\u{2028}",
    "'",
    "),",
    "\\u{41}",
    "\\n",
    "a",
    "/*",
];

/// A string of tricky pieces, now and then with arbitrary chars.
fn tricky(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(PIECES.to_vec()).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ],
        0..max,
    )
    .prop_map(|pieces| pieces.concat())
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (
        1970u32..2100,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_map(|(y, mo, d, h, mi, s)| {
            Timestamp(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
        })
}

#[derive(Clone, Debug)]
struct RawCode {
    id: String,
    name: String,
    color: [u8; 3],
    parent: Option<usize>,
    description: String,
    keywords: Vec<String>,
    shortcut: Option<String>,
}

fn raw_code() -> impl Strategy<Value = RawCode> {
    (
        tricky(6),
        tricky(8),
        any::<[u8; 3]>(),
        prop::option::of(any::<usize>()),
        tricky(20),
        prop::collection::vec(tricky(5), 0..3),
        prop::option::of(tricky(2)),
    )
        .prop_map(
            |(id, name, color, parent, description, keywords, shortcut)| RawCode {
                id,
                name,
                color,
                parent,
                description,
                keywords,
                shortcut,
            },
        )
}

#[derive(Clone, Debug)]
struct RawAnnotation {
    id: u128,
    doc: usize,
    cuts: Vec<usize>,
    codes: Vec<usize>,
    note: String,
    author: String,
    created: Timestamp,
    modified: Timestamp,
}

fn raw_annotation() -> impl Strategy<Value = RawAnnotation> {
    (
        any::<u128>(),
        any::<usize>(),
        prop::collection::vec(any::<usize>(), 2..7),
        prop::collection::vec(any::<usize>(), 0..3),
        tricky(20),
        tricky(5),
        timestamp(),
        timestamp(),
    )
        .prop_map(
            |(id, doc, cuts, codes, note, author, created, modified)| RawAnnotation {
                id,
                doc,
                cuts,
                codes,
                note,
                author,
                created,
                modified,
            },
        )
}

type RawDocument = (String, String, Option<(String, String, String)>, String);

fn raw_document() -> impl Strategy<Value = RawDocument> {
    (
        tricky(6),
        tricky(8),
        prop::option::of((tricky(10), "[0-9a-f]{64}", tricky(4))),
        tricky(80),
    )
}

/// A sound project: unique ids and names, parents without cycles, valid
/// annotations (one to three spans) with quotes taken from the text.
fn project() -> impl Strategy<Value = Project> {
    (
        tricky(10),
        prop::collection::vec(raw_code(), 0..6),
        prop::collection::vec(raw_document(), 0..4),
        prop::collection::vec(raw_annotation(), 0..8),
    )
        .prop_map(|(name, raw_codes, raw_docs, raw_anns)| {
            let mut codes: Vec<Code> = Vec::new();
            for (i, raw) in raw_codes.into_iter().enumerate() {
                // Unique ids and case-insensitively unique names.
                // The index after the last '·' keeps them apart.
                let id = CodeId(format!("{}·{i}", raw.id));
                let name = format!("{}·{i}", raw.name);
                let mut code = Code::new(id, name, Color(raw.color));
                // Parents only among earlier codes: no cycles.
                code.parent = raw
                    .parent
                    .and_then(|p| (i > 0).then(|| codes[p % i].id.clone()));
                code.description = raw.description;
                code.keywords = raw.keywords;
                code.shortcut = raw.shortcut;
                codes.push(code);
            }
            let documents: Vec<Document> = raw_docs
                .into_iter()
                .enumerate()
                .map(|(i, (id, name, source, text))| {
                    let mut doc = Document::new(DocId(format!("{id}·{i}")), name, text);
                    doc.source = source.map(|(path, sha256, encoding)| Source {
                        path,
                        sha256,
                        encoding,
                    });
                    doc
                })
                .collect();
            let annotatable: Vec<&Document> =
                documents.iter().filter(|d| d.char_len() > 0).collect();
            let mut annotations = Vec::new();
            for raw in raw_anns {
                let Some(doc) = annotatable.get(raw.doc % annotatable.len().max(1)) else {
                    break;
                };
                let n = doc.char_len();
                let mut cuts: Vec<usize> = raw.cuts.iter().map(|c| c % (n + 1)).collect();
                cuts.sort_unstable();
                cuts.dedup();
                let mut spans: Vec<CharSpan> = cuts
                    .chunks_exact(2)
                    .map(|pair| CharSpan::from_range(pair[0], pair[1]))
                    .collect();
                if spans.is_empty() {
                    spans.push(CharSpan::from_range(0, 1));
                }
                let mut chosen: Vec<CodeId> = Vec::new();
                for c in raw.codes {
                    if let Some(code) = codes.get(c % codes.len().max(1))
                        && !chosen.contains(&code.id)
                    {
                        chosen.push(code.id.clone());
                    }
                }
                let mut ann = Annotation::new(doc, CharSpan::from_range(0, 1), chosen, &raw.author);
                ann.id = AnnotationId(uuid::Uuid::from_u128(raw.id));
                ann.spans = spans;
                ann.note = raw.note;
                ann.created = raw.created;
                ann.modified = raw.modified;
                ann.refresh_quote(doc);
                annotations.push(ann);
            }
            Project::from_parts(name, codes, documents, annotations)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_project_round_trips_through_text_and_files(project in project()) {
        prop_assert_eq!(project.problems(), vec![]);
        let path = file("round-trip");
        let text = project_file::to_string(&project).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = from_bytes(&path, text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded.repaired, &vec![], "{}", text);
        prop_assert_eq!(parts(&loaded.project), parts(&project), "{}", text);
        // Writing the loaded project gives the same bytes: saves are stable.
        prop_assert_eq!(project_file::to_string(&loaded.project).ok(), Some(text.clone()));

        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("项目 😀.pizhu.ron");
        save(&project, &path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(std::fs::read_to_string(&path).ok(), Some(text.clone()));
        let loaded = load(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(loaded.repaired.is_empty());
        prop_assert_eq!(parts(&loaded.project), parts(&project));

        // A checkout that turned every line break into CRLF (git autocrlf)
        // loads the same project, as long as the line breaks were all in texts.
        let headers_one_line = project.documents().iter().all(|d| {
            let source = d.source.as_ref().map(|s| format!("{}{}{}", s.path, s.sha256, s.encoding)).unwrap_or_default();
            ![d.id.0.as_str(), d.name.as_str(), source.as_str()].iter().any(|s| s.contains(['\n', '\r']))
        });
        if headers_one_line {
            let crlf = text.replace('\n', "\r\n");
            let loaded = from_bytes(&file("crlf"), crlf.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{crlf}")))?;
            prop_assert!(loaded.repaired.is_empty());
            prop_assert_eq!(parts(&loaded.project), parts(&project));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Text added before every document (an edited re-import) moves all
    /// annotations: each is found again with its quote, and reported.
    #[test]
    fn annotations_whose_text_moved_are_found_again(project in project(), added in tricky(8)) {
        let (name, codes, documents, annotations) = project.clone().into_parts();
        let documents: Vec<Document> = documents
            .into_iter()
            .map(|d| {
                let mut moved = Document::new(d.id.clone(), d.name.clone(), format!("{added}{}", d.text()));
                moved.source = d.source;
                moved
            })
            .collect();
        let text = project_file::to_string(&Project::from_parts(name, codes, documents, annotations))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = from_bytes(&file("moved"), text.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(loaded.project.annotations().len(), project.annotations().len());
        let moved = project.annotations().iter().filter(|a| {
            let doc = loaded.project.document(&a.document).unwrap();
            a.spans.iter().map(|s| doc.slice(*s)).collect::<Option<String>>().as_deref() != Some(a.quote.as_str())
        }).count();
        prop_assert_eq!(loaded.repaired.len(), moved);
        for before in project.annotations() {
            let after = loaded.project.annotation(before.id).unwrap();
            prop_assert_eq!(&after.quote, &before.quote);
            prop_assert_eq!(after.spans.len(), before.spans.len(), "{:?} → {:?}", before.spans, after.spans);
            // Where the quote can only be in one place, it is exactly there.
            let doc = loaded.project.document(&after.document).unwrap();
            if before.spans.len() == 1 && occurrences(doc.text(), &before.quote) == 1 {
                let added_chars = doc.char_len() - project.document(&doc.id).unwrap().char_len();
                let shifted = CharSpan::from_range(before.start().0 + added_chars, before.end().0 + added_chars);
                prop_assert_eq!(&after.spans, &vec![shifted]);
            }
        }
    }
}

/// How many times `needle` occurs in `text`, overlaps included.
fn occurrences(text: &str, needle: &str) -> usize {
    text.char_indices()
        .filter(|(i, _)| text[*i..].starts_with(needle))
        .count()
}

// ---------------------------------------------------------------------------
// The declaration, coded with the starter codebook.

fn declaration_project() -> Project {
    let doc = Document::new(DocId("d-1".into()), "declaration-1998-zh.txt", DECLARATION);
    let codes = declaration_codebook();
    let mut annotations = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        for keyword in &code.keywords {
            for span in pizhu::text::search::find_all(&doc, keyword)
                .into_iter()
                .take(2)
            {
                let mut ann = Annotation::new(&doc, span, vec![code.id.clone()], "研究者 \"甲\"");
                ann.id = AnnotationId(uuid::Uuid::from_u128(
                    (i as u128) << 64 | span.start().0 as u128,
                ));
                ann.note = format!("第一行\n第二行 \"{keyword}\" \\ 😀𠀀");
                ann.created = Timestamp(WHEN.into());
                ann.modified = Timestamp(WHEN.into());
                if annotations.iter().all(|a: &Annotation| a.id != ann.id) {
                    annotations.push(ann);
                }
            }
        }
    }
    let project = Project::from_parts("中俄联合声明 1998".into(), codes, vec![doc], annotations);
    assert_eq!(project.problems(), vec![]);
    assert!(project.annotations().len() > 10);
    project
}

#[test]
fn the_file_has_the_agreed_shape() {
    let project = declaration_project();
    let text = project_file::to_string(&project).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "Project(",
            "    format: \"pizhu\",",
            "    version: 1,",
            "    name: \"中俄联合声明 1998\","
        ]
    );
    assert_eq!(lines.last(), Some(&")"));

    // One line per code, in codebook order.
    let code_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("        Code("))
        .collect();
    assert_eq!(code_lines.len(), project.codes().len());
    for (line, code) in code_lines.iter().zip(project.codes()) {
        assert!(
            line.starts_with(&format!("        Code(id: \"{}\", name: ", code.id)),
            "{line}"
        );
        assert!(line.ends_with("),"), "{line}");
        assert!(
            line.contains(&format!("color: \"{}\"", code.color.to_hex())),
            "{line}"
        );
    }
    assert!(text.contains(
        r##"Code(id: "c-kosovo", name: "Kosovo", color: "#c0392b", parent: None, description: "科索沃：科索沃问题与巴尔干局势", keywords: ["科索沃"], shortcut: Some("1")),"##
    ));

    // One line per annotation, in text order, notes' line breaks escaped.
    let ann_lines: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("        Annotation("))
        .collect();
    assert_eq!(ann_lines.len(), project.annotations().len());
    for (line, ann) in ann_lines.iter().zip(project.annotations()) {
        assert!(
            line.starts_with(&format!(
                "        Annotation(id: \"{}\", document: \"d-1\", spans: [",
                ann.id
            )),
            "{line}"
        );
        assert!(line.contains(r#"note: "第一行\n第二行 \""#), "{line}");
        assert!(line.ends_with("),"), "{line}");
    }

    // The text with its real line breaks: every line of the declaration is a
    // line of the file, verbatim (trailing spaces included).
    assert!(text.contains(DECLARATION));
    for line in DECLARATION.lines().skip(1) {
        assert!(lines.contains(&line), "{line:?} is not a line of the file");
    }
    let doc_line = lines
        .iter()
        .position(|l| l.starts_with("        Document("))
        .unwrap();
    assert!(lines[doc_line].starts_with(
        "        Document(id: \"d-1\", name: \"declaration-1998-zh.txt\", source: None, text: "
    ));

    // Changing one note changes one line.
    let (name, codes, documents, mut annotations) = project.clone().into_parts();
    annotations[3].note = "改过的\n注释".into();
    let changed =
        project_file::to_string(&Project::from_parts(name, codes, documents, annotations)).unwrap();
    let changed_lines: Vec<&str> = changed.lines().collect();
    assert_eq!(changed_lines.len(), lines.len());
    let differing = lines
        .iter()
        .zip(&changed_lines)
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(differing, 1);

    let loaded = from_bytes(&file("declaration"), text.as_bytes()).unwrap();
    assert!(loaded.repaired.is_empty());
    assert_eq!(parts(&loaded.project), parts(&project));
}

#[test]
fn a_crlf_checkout_of_the_declaration_loads_unchanged() {
    // Regression: texts kept the `\r` of a CRLF file, which shifted every
    // offset; quotes across a line break could not be re-anchored.
    let project = declaration_project();
    let (name, codes, documents, mut annotations) = project.clone().into_parts();
    let doc = &documents[0];
    let across = doc
        .text()
        .find("\n")
        .map(|b| doc.char_of_byte(b).unwrap().0)
        .unwrap();
    let mut ann = Annotation::new(
        doc,
        CharSpan::from_range(across - 2, across + 3),
        vec![],
        "",
    );
    ann.id = AnnotationId(uuid::Uuid::from_u128(7));
    ann.created = Timestamp(WHEN.into());
    ann.modified = Timestamp(WHEN.into());
    assert!(ann.quote.contains('\n'));
    annotations.push(ann);
    let project = Project::from_parts(name, codes, documents, annotations);
    let crlf = project_file::to_string(&project)
        .unwrap()
        .replace('\n', "\r\n");
    let loaded = from_bytes(&file("crlf"), crlf.as_bytes()).unwrap();
    assert_eq!(loaded.repaired, vec![]);
    assert_eq!(parts(&loaded.project), parts(&project));
}

// ---------------------------------------------------------------------------
// Bad input.

/// "世纪之交\n科索沃问题😀𠀀北约东扩。关于科索沃局势" (24 chars): 科索沃 is
/// [5, 8) and [19, 22), 😀 is 10, 𠀀 is 11, 北约 is [12, 14).
const TEXT: &str = "世纪之交\n科索沃问题😀𠀀北约东扩。关于科索沃局势";

fn small_project(edit: impl FnOnce(&mut Annotation)) -> String {
    let doc = Document::new(DocId("d-1".into()), "声明.txt", TEXT);
    let code = Code::new(CodeId("c-kosovo".into()), "Kosovo", Color::distinct(0));
    let mut good = Annotation::new(
        &doc,
        CharSpan::from_range(12, 14),
        vec![code.id.clone()],
        "甲",
    );
    good.id = AnnotationId(uuid::Uuid::from_u128(1));
    let mut ann = Annotation::new(
        &doc,
        CharSpan::from_range(5, 8),
        vec![code.id.clone()],
        "甲",
    );
    ann.id = AnnotationId(uuid::Uuid::from_u128(2));
    edit(&mut ann);
    project_file::to_string(&Project::from_parts(
        "小".into(),
        vec![code],
        vec![doc],
        vec![good, ann],
    ))
    .unwrap()
}

#[test]
fn broken_ron_is_a_parse_error_with_line_and_column() {
    let path = file("broken");
    let text = small_project(|_| {}).replace("codes: [", "codes: [}");
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, IoError::Parse { line: 5, col, .. } if *col > 1),
        "{err:?}"
    );
    assert_names(&err, &path);
    assert!(
        err.to_string()
            .starts_with(&format!("{}: 5:", path.display())),
        "{err}"
    );
}

#[test]
fn a_truncated_file_is_a_parse_error() {
    let path = file("truncated");
    let text = small_project(|_| {});
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    for cut in [
        &text.as_bytes()[..half],
        &text.as_bytes()[..text.len() - 3],
        &text.as_bytes()[..text.len() / 2 + 1],
    ] {
        let err = from_bytes(&path, cut).unwrap_err();
        assert!(matches!(err, IoError::Parse { .. }), "{err:?}");
        assert_names(&err, &path);
    }
}

#[test]
fn a_newer_version_is_refused_clearly() {
    let path = file("newer");
    let text = small_project(|_| {}).replace("version: 1,", "version: 99,");
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            IoError::Version {
                found: 99,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_names(&err, &path);
    assert!(err.to_string().contains("Update Pizhu"));
    // Even when the rest is in a shape this version does not know.
    let future =
        "Project(format: \"pizhu\", version: 2, name: \"x\", codebook: Codebook(levels: 3))";
    let err = from_bytes(&path, future.as_bytes()).unwrap_err();
    assert!(matches!(err, IoError::Version { found: 2, .. }), "{err:?}");
}

#[test]
fn another_format_is_refused() {
    let path = file("other");
    let text = small_project(|_| {}).replace("format: \"pizhu\"", "format: \"other\"");
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, IoError::Format { found, .. } if found == "other"),
        "{err:?}"
    );
    assert_names(&err, &path);
}

#[test]
fn text_that_is_not_utf8_or_empty_is_a_parse_error() {
    let path = file("gbk");
    let utf8 = small_project(|_| {});
    let (gbk, _, _) = encoding_rs::GB18030.encode(&utf8);
    let err = from_bytes(&path, &gbk).unwrap_err();
    assert!(
        matches!(&err, IoError::Parse { message, .. } if message.contains("UTF-8")),
        "{err:?}"
    );
    assert_names(&err, &path);

    let err = from_bytes(&path, b"Project(\n\xff\xfe").unwrap_err();
    assert!(matches!(&err, IoError::Parse { line: 2, .. }), "{err:?}");

    for empty in [&b""[..], b"  \n\t\n", b"\xef\xbb\xbf"] {
        let err = from_bytes(&path, empty).unwrap_err();
        assert!(
            matches!(&err, IoError::Parse { message, .. } if message.contains("empty")),
            "{err:?}"
        );
        assert_names(&err, &path);
    }
}

#[test]
fn a_bad_value_inside_an_item_is_a_parse_error_at_its_line() {
    let path = file("bad-value");
    let good = small_project(|_| {});
    for (from, to) in [
        ("spans: [(5, 8)]", "spans: [(8, 5)]"),
        ("color: \"#c0392b\"", "color: \"红\""),
        ("spans: [(5, 8)]", "spans: [(5, -8)]"),
    ] {
        assert!(good.contains(from), "{from}");
        let text = good.replacen(from, to, 1);
        let line = text.lines().position(|l| l.contains(to)).unwrap() + 1;
        let err = from_bytes(&path, text.as_bytes()).unwrap_err();
        assert!(
            matches!(&err, IoError::Parse { line: l, .. } if *l == line),
            "{to}: {err:?}"
        );
        assert_names(&err, &path);
    }
}

#[test]
fn duplicate_ids_are_invalid() {
    let path = file("duplicates");
    let text = small_project(|ann| ann.id = AnnotationId(uuid::Uuid::from_u128(1)));
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, IoError::Invalid { problems, .. } if matches!(problems[..], [Problem::DuplicateId { what: "annotations", .. }])),
        "{err:?}"
    );
    assert_names(&err, &path);
}

#[test]
fn a_bom_is_ignored() {
    let text = format!("\u{feff}{}", small_project(|_| {}));
    assert!(from_bytes(&file("bom"), text.as_bytes()).is_ok());
}

#[test]
fn a_span_past_the_end_that_cannot_be_re_anchored_is_invalid() {
    let path = file("past-end");
    let text = small_project(|ann| {
        ann.spans = vec![CharSpan::from_range(100, 103)];
        ann.quote = "阿富汗".into();
    });
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    let IoError::Invalid { problems, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(problems[..], [Problem::SpanOutOfRange { span, len: 24, .. }] if span == CharSpan::from_range(100, 103)),
        "{problems:?}"
    );
    assert_names(&err, &path);
    assert!(err.to_string().contains("past the end"));
}

#[test]
fn an_unknown_code_or_document_is_invalid() {
    let path = file("unknown");
    let text = small_project(|ann| ann.codes.push(CodeId("c-nowhere".into())));
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    let IoError::Invalid { problems, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(&problems[..], [Problem::UnknownCode { code, .. }] if code.0 == "c-nowhere"),
        "{problems:?}"
    );
    assert_names(&err, &path);
    assert!(err.to_string().contains("c-nowhere"));

    let text = small_project(|ann| ann.document = DocId("d-9".into()));
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, IoError::Invalid { problems, .. } if matches!(problems[..], [Problem::UnknownDocument { .. }]))
    );
}

#[test]
fn a_moved_quote_is_re_anchored_and_reported() {
    let path = file("moved");
    // Offsets one char off: the quote is found again, by its context.
    let text = small_project(|ann| ann.spans = vec![CharSpan::from_range(6, 9)]);
    let loaded = from_bytes(&path, text.as_bytes()).unwrap();
    assert!(
        matches!(&loaded.repaired[..], [Problem::QuoteMismatch { expected, found, .. }] if expected == "科索沃" && found == "索沃问"),
        "{:?}",
        loaded.repaired
    );
    let ann = loaded
        .project
        .annotation(AnnotationId(uuid::Uuid::from_u128(2)))
        .unwrap();
    assert_eq!(ann.spans, vec![CharSpan::from_range(5, 8)]);
    assert_eq!(loaded.project.problems(), vec![]);
    assert_eq!(
        loaded
            .project
            .annotation(AnnotationId(uuid::Uuid::from_u128(1)))
            .unwrap()
            .quote,
        "北约"
    );

    // The second 科索沃, recognised by its prefix and suffix although the
    // stored offsets sit nearer the first one.
    let text = small_project(|ann| {
        ann.spans = vec![CharSpan::from_range(9, 12)];
        ann.prefix = "。关于".into();
        ann.suffix = "局势".into();
    });
    let loaded = from_bytes(&path, text.as_bytes()).unwrap();
    assert_eq!(loaded.repaired.len(), 1);
    let ann = loaded
        .project
        .annotation(AnnotationId(uuid::Uuid::from_u128(2)))
        .unwrap();
    assert_eq!(ann.spans, vec![CharSpan::from_range(19, 22)]);
    assert_eq!(ann.prefix, TEXT.chars().take(19).collect::<String>());

    // Past the end, but the quote is in the text.
    let text = small_project(|ann| ann.spans = vec![CharSpan::from_range(40, 43)]);
    let loaded = from_bytes(&path, text.as_bytes()).unwrap();
    assert!(
        matches!(loaded.repaired[..], [Problem::SpanOutOfRange { .. }]),
        "{:?}",
        loaded.repaired
    );
    let ann = loaded
        .project
        .annotation(AnnotationId(uuid::Uuid::from_u128(2)))
        .unwrap();
    assert_eq!(ann.spans, vec![CharSpan::from_range(5, 8)]);
}

#[test]
fn a_quote_found_nowhere_is_invalid() {
    let path = file("lost");
    let text = small_project(|ann| ann.quote = "阿富汗".into());
    let err = from_bytes(&path, text.as_bytes()).unwrap_err();
    let IoError::Invalid { problems, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(&problems[..], [Problem::QuoteMismatch { expected, found, .. }] if expected == "阿富汗" && found == "科索沃"),
        "{problems:?}"
    );
    assert_names(&err, &path);
}

#[test]
fn a_directory_or_a_missing_file_cannot_be_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(dir.path()).unwrap_err();
    assert!(matches!(err, IoError::NotAFile { .. }), "{err:?}");
    assert_names(&err, dir.path());

    let missing = dir.path().join("没有.pizhu.ron");
    let err = load(&missing).unwrap_err();
    assert!(
        matches!(&err, IoError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound),
        "{err:?}"
    );
    assert_names(&err, &missing);
}

// ---------------------------------------------------------------------------
// Saving.

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn saving_keeps_the_previous_file_as_bak_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("声明.pizhu.ron");
    let first = declaration_project();
    save(&first, &path).unwrap();
    assert_eq!(listing(dir.path()), ["声明.pizhu.ron"]);
    let first_bytes = std::fs::read(&path).unwrap();

    let (_, codes, documents, annotations) = first.clone().into_parts();
    let second = Project::from_parts("第二版 😀".into(), codes, documents, annotations);
    save(&second, &path).unwrap();
    assert_eq!(
        listing(dir.path()),
        ["声明.pizhu.ron", "声明.pizhu.ron.bak"]
    );
    assert_eq!(
        std::fs::read(dir.path().join("声明.pizhu.ron.bak")).unwrap(),
        first_bytes
    );
    assert_eq!(load(&path).unwrap().project.name(), "第二版 😀");

    save(&first, &path).unwrap();
    assert_eq!(
        listing(dir.path()),
        ["声明.pizhu.ron", "声明.pizhu.ron.bak"]
    );
    assert_eq!(std::fs::read(&path).unwrap(), first_bytes);
    assert_eq!(
        load(&dir.path().join("声明.pizhu.ron.bak"))
            .unwrap()
            .project
            .name(),
        "第二版 😀"
    );
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_permissions() {
    // Regression: the temp file's private 0o600 replaced the file's mode.
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "x").unwrap();
    let path = dir.path().join("p.pizhu.ron");
    save(&Project::new("权限"), &path).unwrap();
    assert_eq!(
        mode(&path),
        mode(&plain),
        "a new project file gets the mode of any new file"
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    save(&Project::new("权限 2"), &path).unwrap();
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn a_failed_save_names_the_file_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = declaration_project();

    // The directory does not exist.
    let nowhere = dir.path().join("没有这个目录").join("p.pizhu.ron");
    let err = save(&project, &nowhere).unwrap_err();
    assert!(
        matches!(&err, IoError::Write { path, .. } if path == &nowhere),
        "{err:?}"
    );
    assert_names(&err, &nowhere);
    assert_eq!(listing(dir.path()), Vec::<String>::new());

    // The target is a directory, with a file in it.
    let target = dir.path().join("目录.pizhu.ron");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside.txt"), "内容").unwrap();
    let err = save(&project, &target).unwrap_err();
    assert!(
        matches!(&err, IoError::Write { path, .. } if path == &target),
        "{err:?}"
    );
    assert_names(&err, &target);
    assert!(target.is_dir());
    assert_eq!(listing(&target), ["inside.txt"]);
    assert_eq!(listing(dir.path()), ["目录.pizhu.ron"]);

    // A parent that is a file.
    let file_parent = dir.path().join("文件");
    std::fs::write(&file_parent, "x").unwrap();
    let below = file_parent.join("p.pizhu.ron");
    let err = save(&project, &below).unwrap_err();
    assert!(
        matches!(&err, IoError::Write { path, .. } if path == &below),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&file_parent).unwrap(), b"x");

    // The backup cannot be written (its name is taken by a directory): the
    // existing file stays byte for byte, and the error names the backup.
    let path = dir.path().join("p.pizhu.ron");
    save(&Project::new("旧"), &path).unwrap();
    let old = std::fs::read(&path).unwrap();
    let bak = dir.path().join("p.pizhu.ron.bak");
    std::fs::create_dir(&bak).unwrap();
    let err = save(&project, &path).unwrap_err();
    assert!(
        matches!(&err, IoError::Write { path, .. } if path == &bak),
        "{err:?}"
    );
    assert_names(&err, &bak);
    assert_eq!(std::fs::read(&path).unwrap(), old);
    assert_eq!(
        listing(dir.path()),
        ["p.pizhu.ron", "p.pizhu.ron.bak", "文件", "目录.pizhu.ron"]
    );
}

#[test]
fn a_moved_annotation_of_several_spans_is_re_anchored_span_by_span() {
    let path = file("moved-spans");
    // 科索沃 + 北约, stored one char to the right of where they are.
    let text = small_project(|ann| {
        ann.spans = vec![CharSpan::from_range(6, 9), CharSpan::from_range(13, 15)];
        ann.quote = "科索沃北约".into();
        ann.prefix = "世纪之交\n".into();
    });
    let loaded = from_bytes(&path, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.repaired.len(), 1);
    let ann = loaded
        .project
        .annotation(AnnotationId(uuid::Uuid::from_u128(2)))
        .unwrap();
    assert_eq!(
        ann.spans,
        vec![CharSpan::from_range(5, 8), CharSpan::from_range(12, 14)]
    );
    assert_eq!(ann.quote, "科索沃北约");
}

#[test]
fn re_anchoring_considers_overlapping_occurrences() {
    // Regression: only non-overlapping matches were tried, so 哈哈 stored at
    // [2, 4) of "哈哈哈。" went to [0, 2), although its prefix 哈 and suffix 。
    // say [1, 3).
    let doc = Document::new(DocId("d-1".into()), "笑.txt", "哈哈哈。");
    let mut ann = Annotation::new(&doc, CharSpan::from_range(1, 3), vec![], "");
    ann.id = AnnotationId(uuid::Uuid::from_u128(1));
    ann.created = Timestamp(WHEN.into());
    ann.modified = Timestamp(WHEN.into());
    assert_eq!(
        (ann.prefix.as_str(), ann.quote.as_str(), ann.suffix.as_str()),
        ("哈", "哈哈", "。")
    );
    ann.spans = vec![CharSpan::from_range(2, 4)];
    let text = project_file::to_string(&Project::from_parts(
        "笑".into(),
        vec![],
        vec![doc],
        vec![ann],
    ))
    .unwrap();
    let loaded = from_bytes(&file("overlap"), text.as_bytes()).unwrap();
    assert_eq!(loaded.repaired.len(), 1);
    assert_eq!(
        loaded.project.annotations()[0].spans,
        vec![CharSpan::from_range(1, 3)]
    );
}
