//! The headless CLI, driven as a user drives it: the built `pizhu` binary on
//! files in a fresh temporary directory per test.
//!
//! Every failure case asserts the exit code (1 bad input, 2 usage) and that
//! stderr names the file at fault; commands that fail must leave every file
//! as it was, byte for byte.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, pizhu};
use pizhu::io::project_file;
use pizhu::model::{CharSpan, Project};

/// The bundled declaration; a project on it starts with the starter codebook.
const DECLARATION: &str = include_str!("../assets/declaration-1998-zh.txt");

/// Saved as UTF-8 with a BOM. An emoji and an astral ideograph sit before
/// the quotes, so offsets counted in bytes or UTF-16 units would be wrong:
/// 科索沃 is at chars 10..13. The third line starts like a spreadsheet formula.
const TEXT_BOM: &str =
    "世纪之交的中俄关系😀科索沃问题\n𠀀关于阿富汗局势，科索沃和阿富汗。\n=1+1 不是公式\n";
/// Saved as UTF-16LE (with BOM) and CRLF line breaks, which become `\n`.
const TEXT_UTF16: &str = "中俄两国呼吁😀阿富汗冲突各方结束军事行动。\r\n阿富汗危机不可能依靠武力解决。\r\n阿富汗局势稳定。\r\n";
/// Saved as GB18030 without any marker: the encoding must be detected.
const TEXT_GB: &str = "中国和俄罗斯联邦驻联合国代表给秘书长的信，关于科索沃问题和反导条约。\n\
    两国元首主张继续核裁军进程，强调在这一进程中保持和巩固限制反导弹防御系统条约非常重要。\n\
    国际关系具有建设性的多极化进程有助于建立一个平衡、稳定、民主、不对抗的新秩序。\n";

// ---------------------------------------------------------------------------
// Helpers

/// UTF-16LE with a BOM.
fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// UTF-8 with a BOM.
fn utf8_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A temporary directory holding documents in several encodings.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let fixture = Self {
            dir: tempfile::tempdir().expect("a temp dir"),
        };
        fixture.write("decl.txt", DECLARATION.as_bytes());
        fixture.write("bom.txt", &utf8_bom(TEXT_BOM));
        fixture.write("utf16.txt", &utf16le(TEXT_UTF16));
        fixture.write("gb.txt", &gb18030(TEXT_GB));
        fixture
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write a fixture file");
        path
    }

    /// `pizhu new NAME --doc D…` with the named fixture documents; asserts success.
    fn project(&self, name: &str, docs: &[&str]) -> PathBuf {
        let project = self.path(name);
        let mut args = vec!["new".into(), project.clone().into_os_string()];
        for doc in docs {
            args.push("--doc".into());
            args.push(self.path(doc).into_os_string());
        }
        pizhu(args).ok();
        project
    }

    /// Every file in the directory and its bytes.
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(self.dir.path())
            .expect("list the temp dir")
            .map(|entry| {
                let entry = entry.expect("a dir entry");
                let bytes = if entry.path().is_file() {
                    std::fs::read(entry.path()).expect("read")
                } else {
                    Vec::new()
                };
                (entry.file_name().to_string_lossy().into_owned(), bytes)
            })
            .collect()
    }
}

fn load(path: &Path) -> Project {
    project_file::load(path).expect("the project loads").project
}

/// `pizhu tag PROJECT --doc DOC --quote QUOTE --code CODE EXTRA…`.
fn tag(project: &Path, doc: &str, quote: &str, code: &str, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        "tag".as_ref(),
        project.as_os_str(),
        "--doc".as_ref(),
        doc.as_ref(),
        "--quote".as_ref(),
    ];
    args.extend([OsStr::new(quote), "--code".as_ref(), code.as_ref()]);
    args.extend(extra.iter().map(OsStr::new));
    pizhu(args)
}

/// The spans of `code`'s annotations in document `doc` (by name).
fn spans_of(project: &Project, doc: &str, code: &str) -> Vec<(usize, usize)> {
    let doc = project.document_by_key(doc).expect("the document exists");
    let code = project.code_by_name(code).expect("the code exists");
    project
        .annotations_of(&doc.id)
        .iter()
        .filter(|a| a.codes.contains(&code.id))
        .flat_map(|a| a.spans.iter().map(|s| (s.start().0, s.end().0)))
        .collect()
}

/// Char offsets of every occurrence of `needle` in `text`.
fn char_offsets(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let len = needle.chars().count();
    text.match_indices(needle)
        .map(|(byte, _)| {
            let start = text[..byte].chars().count();
            (start, start + len)
        })
        .collect()
}

/// The shared schema validator; its absence is a failure, not a skip.
fn validator() -> PathBuf {
    let schemas = std::env::var_os("PIZHU_SCHEMAS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas"),
        PathBuf::from,
    );
    let script = schemas.join("validate.py");
    assert!(
        script.is_file(),
        "{} is missing: the exports cannot be validated (set PIZHU_SCHEMAS to the schemas folder)",
        script.display()
    );
    script
}

/// `python3 validate.py ARGS…` must succeed.
#[track_caller]
fn validate(args: &[&OsStr]) {
    let out = Command::new("python3")
        .arg(validator())
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "validate.py {args:?} failed\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A project on `bom.txt` with one annotation: 科索沃 (chars 10..13) coded Kosovo.
fn tagged_project(fx: &Fixture) -> PathBuf {
    let project = fx.project("p.pizhu.ron", &["bom.txt"]);
    tag(&project, "bom.txt", "科索沃", "Kosovo", &[]).ok();
    project
}

/// Write a copy of the project at `from` with `edit` applied to its text.
#[track_caller]
fn corrupt(fx: &Fixture, from: &Path, name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let text = std::fs::read_to_string(from).expect("read the project");
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit changed nothing");
    fx.write(name, changed.as_bytes())
}

// ---------------------------------------------------------------------------
// The happy path

#[test]
fn new_reads_every_encoding_and_starts_with_the_declaration_codebook() {
    let fx = Fixture::new();
    let project = fx.project(
        "study.pizhu.ron",
        &["decl.txt", "bom.txt", "utf16.txt", "gb.txt"],
    );
    let p = load(&project);
    assert_eq!(p.name(), "study");
    let texts: Vec<&str> = p.documents().iter().map(|d| d.text()).collect();
    assert_eq!(
        texts,
        [
            DECLARATION,
            TEXT_BOM,
            &TEXT_UTF16.replace("\r\n", "\n"),
            TEXT_GB
        ]
    );
    let ids: Vec<&str> = p.documents().iter().map(|d| d.id.0.as_str()).collect();
    assert_eq!(ids, ["d-1", "d-2", "d-3", "d-4"]);
    let encodings: Vec<String> = p
        .documents()
        .iter()
        .map(|d| d.source.as_ref().expect("a source").encoding.to_lowercase())
        .collect();
    assert_eq!(encodings[..3], ["utf-8", "utf-8", "utf-16le"]);
    assert!(
        ["gbk", "gb18030"].contains(&encodings[3].as_str()),
        "{encodings:?}"
    );
    // The declaration is among the documents: the starter codebook.
    assert_eq!(p.codes().len(), 9);
    assert!(p.code_by_name("Kosovo").is_some());
    assert!(p.annotations().is_empty());
    assert_eq!(
        pizhu(["check".as_ref(), project.as_os_str()]).ok(),
        "OK: 4 documents, 9 codes, 0 annotations\n"
    );
}

#[test]
fn new_recognises_the_declaration_in_another_encoding_and_otherwise_starts_empty() {
    let fx = Fixture::new();
    fx.write("decl16.txt", &utf16le(&DECLARATION.replace('\n', "\r\n")));
    let project = fx.project("decl.pizhu.ron", &["decl16.txt"]);
    assert_eq!(load(&project).codes().len(), 9);

    let project = fx.project("other.pizhu.ron", &["bom.txt", "gb.txt"]);
    let p = load(&project);
    assert!(p.codes().is_empty());
    assert_eq!(p.documents().len(), 2);
}

#[test]
fn new_replaces_an_existing_project_and_keeps_a_backup() {
    let fx = Fixture::new();
    let project = tagged_project(&fx);
    let before = std::fs::read(&project).expect("read");
    let run = pizhu([
        "new".as_ref(),
        project.as_os_str(),
        "--doc".as_ref(),
        fx.path("gb.txt").as_os_str(),
    ]);
    assert!(run.stderr.contains(".bak"), "{}", run.stderr);
    run.ok();
    assert_eq!(
        std::fs::read(fx.path("p.pizhu.ron.bak")).expect("a backup"),
        before
    );
    assert_eq!(load(&project).documents()[0].text(), TEXT_GB);
}

#[test]
fn tag_first_then_all_is_idempotent_and_counts_in_chars() {
    let fx = Fixture::new();
    let project = fx.project(
        "p.pizhu.ron",
        &["decl.txt", "bom.txt", "utf16.txt", "gb.txt"],
    );

    // The first occurrence only; Kosovo is a starter code.
    let out = tag(&project, "bom.txt", "科索沃", "Kosovo", &[]).ok();
    assert_eq!(
        out,
        "tagged 1 occurrence of 科索沃 in bom.txt with Kosovo\n"
    );
    assert_eq!(spans_of(&load(&project), "bom.txt", "Kosovo"), [(10, 13)]);

    // Every occurrence, the document by id; the first is not tagged twice.
    let out = tag(&project, "d-2", "科索沃", "c-kosovo", &["--all"]).ok();
    assert!(out.starts_with("tagged 1 occurrence"), "{out}");
    assert!(out.contains("1 was already tagged"), "{out}");
    let p = load(&project);
    assert_eq!(
        spans_of(&p, "bom.txt", "Kosovo"),
        char_offsets(TEXT_BOM, "科索沃")
    );
    assert_eq!(spans_of(&p, "bom.txt", "Kosovo"), [(10, 13), (25, 28)]);

    // Offsets count chars of the decoded, newline-normalised text.
    tag(&project, "utf16.txt", "阿富汗", "Afghanistan", &["--all"]).ok();
    tag(&project, "gb.txt", "反导弹防御系统条约", "ABM Treaty", &[]).ok();
    let p = load(&project);
    let utf16 = TEXT_UTF16.replace("\r\n", "\n");
    assert_eq!(
        spans_of(&p, "utf16.txt", "Afghanistan"),
        char_offsets(&utf16, "阿富汗")
    );
    assert_eq!(spans_of(&p, "utf16.txt", "Afghanistan").len(), 3);
    assert_eq!(
        spans_of(&p, "gb.txt", "ABM Treaty"),
        char_offsets(TEXT_GB, "反导弹防御系统条约")
    );
    for ann in p.annotations() {
        let doc = p.document(&ann.document).expect("its document");
        assert_eq!(doc.slice(ann.spans[0]), Some(ann.quote.as_str()));
        assert_eq!(ann.author, "tester");
    }

    // Running the same command again changes nothing, not even the file.
    let before = fx.snapshot();
    let out = tag(&project, "utf16.txt", "阿富汗", "Afghanistan", &["--all"]).ok();
    assert!(out.starts_with("nothing to do"), "{out}");
    assert_eq!(fx.snapshot(), before);
    assert_eq!(
        pizhu(["check".as_ref(), project.as_os_str()]).ok(),
        "OK: 4 documents, 9 codes, 6 annotations\n"
    );
}

#[test]
fn tag_creates_a_new_code_and_keeps_the_note() {
    let fx = Fixture::new();
    let project = fx.project("p.pizhu.ron", &["bom.txt"]);
    let out = tag(
        &project,
        "bom.txt",
        "阿富汗局势",
        "Central Asia",
        &["--note", "-关注：地区安全"],
    )
    .ok();
    assert_eq!(
        out,
        "tagged 1 occurrence of 阿富汗局势 in bom.txt with Central Asia (new code c-central-asia)\n"
    );
    let p = load(&project);
    let code = p.code_by_name("central asia").expect("the new code");
    assert_eq!(code.id.0, "c-central-asia");
    assert_eq!(code.name, "Central Asia");
    let ann = &p.annotations()[0];
    assert_eq!(ann.note, "-关注：地区安全");
    assert_eq!(ann.codes, std::slice::from_ref(&code.id));
    assert_eq!(ann.spans, [CharSpan::from_range(19, 24)]);

    // A second new code gets its own id and colour.
    tag(&project, "bom.txt", "科索沃", "科索沃问题", &[]).ok();
    let p = load(&project);
    assert_eq!(p.codes().len(), 2);
    assert_ne!(p.codes()[0].color, p.codes()[1].color);
    assert_eq!(p.code_by_name("科索沃问题").expect("the code").id.0, "c-1");
}

#[test]
fn tag_repairs_a_moved_quote_with_a_warning() {
    let fx = Fixture::new();
    let good = tagged_project(&fx);
    // The stored offsets point at 中俄关, but the quote 科索沃 is still in the text.
    let moved = corrupt(&fx, &good, "moved.pizhu.ron", |t| {
        t.replace("spans: [(10, 13)]", "spans: [(6, 9)]")
    });
    let err = pizhu(["check".as_ref(), moved.as_os_str()]).fails_naming(&moved);
    assert!(err.contains("re-anchors"), "{err}");

    let run = tag(&moved, "bom.txt", "阿富汗", "Afghanistan", &[]);
    assert!(
        run.stderr.contains("warning") && run.stderr.contains("re-anchored"),
        "{}",
        run.stderr
    );
    run.ok();
    // Saving made the repair permanent.
    pizhu(["check".as_ref(), moved.as_os_str()]).ok();
    assert_eq!(spans_of(&load(&moved), "bom.txt", "Kosovo"), [(10, 13)]);
}

// ---------------------------------------------------------------------------
// Exports

#[test]
fn export_csv_passes_the_validator_with_char_offsets() {
    let fx = Fixture::new();
    let project = fx.project("p.pizhu.ron", &["bom.txt", "utf16.txt"]);
    tag(
        &project,
        "bom.txt",
        "科索沃",
        "Kosovo",
        &["--all", "--note", "=cmd|' /C calc'!A0"],
    )
    .ok();
    tag(
        &project,
        "bom.txt",
        "=1+1",
        "Formula",
        &["--note", "@SUM(1)"],
    )
    .ok();
    tag(
        &project,
        "utf16.txt",
        "阿富汗",
        "Afghanistan",
        &["--all", "--note", "第二段"],
    )
    .ok();

    let csv_path = fx.path("out.csv");
    let out = pizhu([
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        csv_path.as_os_str(),
    ])
    .ok();
    assert!(out.contains("6 annotations"), "{out}");
    validate(&["csv".as_ref(), csv_path.as_os_str()]);

    let bytes = std::fs::read(&csv_path).expect("the csv");
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM unless asked");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().expect("a header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect("a column");
    let (doc, start, end, code, quote, note) = (
        column("document"),
        column("start"),
        column("end"),
        column("code"),
        column("quote"),
        column("note"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("records");
    assert_eq!(rows.len(), 6);
    let kosovo: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .filter(|r| &r[code] == "Kosovo")
        .map(|r| (&r[doc], &r[start], &r[end], &r[quote]))
        .collect();
    assert_eq!(
        kosovo,
        [
            ("bom.txt", "10", "13", "科索沃"),
            ("bom.txt", "25", "28", "科索沃")
        ]
    );
    let afghanistan: Vec<(usize, usize)> = rows
        .iter()
        .filter(|r| &r[code] == "Afghanistan")
        .map(|r| {
            (
                r[start].parse().expect("a number"),
                r[end].parse().expect("a number"),
            )
        })
        .collect();
    assert_eq!(
        afghanistan,
        char_offsets(&TEXT_UTF16.replace("\r\n", "\n"), "阿富汗")
    );
    // Cells a spreadsheet would run as formulas are defused.
    assert!(
        rows.iter()
            .all(|r| !r[note].starts_with(['=', '@']) && !r[quote].starts_with('='))
    );

    let bom_path = fx.path("bom.csv");
    pizhu([
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "CSV".as_ref(),
        "--out".as_ref(),
        bom_path.as_os_str(),
        "--bom".as_ref(),
    ])
    .ok();
    assert!(
        std::fs::read(&bom_path)
            .expect("the csv")
            .starts_with(b"\xEF\xBB\xBF")
    );
    validate(&["csv".as_ref(), bom_path.as_os_str()]);
}

#[test]
fn export_w3c_passes_the_validator_against_the_text() {
    let fx = Fixture::new();
    let project = fx.project("p.pizhu.ron", &["bom.txt"]);
    tag(
        &project,
        "bom.txt",
        "科索沃",
        "Kosovo",
        &["--all", "--note", "两处"],
    )
    .ok();
    tag(&project, "bom.txt", "阿富汗", "Afghanistan", &["--all"]).ok();
    let out = fx.path("out.jsonld");
    pizhu([
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "w3c".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
    .ok();
    // The decoded text (no BOM), which the offsets count.
    let text = fx.write("text.txt", TEXT_BOM.as_bytes());
    validate(&[
        "w3c".as_ref(),
        out.as_os_str(),
        "--text".as_ref(),
        text.as_os_str(),
    ]);

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("the export")).expect("JSON");
    let mut positions = Vec::new();
    collect_positions(&json, &mut positions);
    positions.sort_unstable();
    let mut expected = char_offsets(TEXT_BOM, "科索沃");
    expected.extend(char_offsets(TEXT_BOM, "阿富汗"));
    expected.sort_unstable();
    assert_eq!(positions, expected);
}

/// Every TextPositionSelector's (start, end), wherever it sits in the JSON.
fn collect_positions(value: &serde_json::Value, out: &mut Vec<(usize, usize)>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("type").and_then(|t| t.as_str()) == Some("TextPositionSelector") {
                let get = |k: &str| {
                    map.get(k)
                        .and_then(serde_json::Value::as_u64)
                        .expect("an offset")
                };
                out.push((
                    usize::try_from(get("start")).expect("fits"),
                    usize::try_from(get("end")).expect("fits"),
                ));
            }
            map.values().for_each(|v| collect_positions(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_positions(v, out)),
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Bad project files: `check` fails naming the file, and so does every other
// command that loads it.

#[test]
fn broken_projects_fail_with_the_file_named() {
    let fx = Fixture::new();
    let good = tagged_project(&fx);
    let text = std::fs::read_to_string(&good).expect("read");
    assert!(
        text.contains("spans: [(10, 13)]") && text.contains("codes: [\"c-kosovo\"]"),
        "{text}"
    );

    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            corrupt(&fx, &good, "broken.pizhu.ron", |t| {
                t.replacen("codes: [", "codes: [ ]]", 1)
            }),
            "",
        ),
        (
            fx.write("truncated.pizhu.ron", &text.as_bytes()[..half]),
            "",
        ),
        (
            corrupt(&fx, &good, "newer.pizhu.ron", |t| {
                t.replace("version: 1,", "version: 99,")
            }),
            "newer",
        ),
        (
            corrupt(&fx, &good, "format.pizhu.ron", |t| {
                t.replace("format: \"pizhu\"", "format: \"other\"")
            }),
            "not a Pizhu project",
        ),
        (
            corrupt(&fx, &good, "past-end.pizhu.ron", |t| {
                t.replace("spans: [(10, 13)]", "spans: [(10, 9999)]")
                    .replace("quote: \"科索沃\"", "quote: \"不在\"")
            }),
            "past the end",
        ),
        (
            corrupt(&fx, &good, "code.pizhu.ron", |t| {
                t.replace("codes: [\"c-kosovo\"]", "codes: [\"c-nope\"]")
            }),
            "unknown code",
        ),
        (
            corrupt(&fx, &good, "quote.pizhu.ron", |t| {
                t.replace("quote: \"科索沃\"", "quote: \"不存在\"")
            }),
            "does not match",
        ),
        (fx.write("empty.pizhu.ron", b""), "empty"),
        (
            fx.write("binary.pizhu.ron", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "",
        ),
        (fx.path("missing.pizhu.ron"), "cannot read"),
        (fx.dir.path().to_owned(), "directory"),
    ];
    for (path, reason) in &cases {
        let before = fx.snapshot();
        let err = pizhu(["check".as_ref(), path.as_os_str()]).fails_naming(path);
        assert!(
            err.contains(reason),
            "{}: expected {reason:?} in {err}",
            path.display()
        );
        let err = tag(path, "bom.txt", "阿富汗", "Afghanistan", &[]).fails_naming(path);
        assert!(err.contains(reason), "{err}");
        let out = fx.path("out.csv");
        let args = [
            "export".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        pizhu(args).fails_naming(path);
        assert_eq!(
            fx.snapshot(),
            before,
            "{}: a failed command wrote something",
            path.display()
        );
    }
}

#[test]
fn a_span_past_the_end_whose_quote_is_found_fails_the_check() {
    let fx = Fixture::new();
    let good = tagged_project(&fx);
    let path = corrupt(&fx, &good, "past.pizhu.ron", |t| {
        t.replace("spans: [(10, 13)]", "spans: [(10, 9999)]")
    });
    let err = pizhu(["check".as_ref(), path.as_os_str()]).fails_naming(&path);
    assert!(
        err.contains("past the end") && err.contains("re-anchors"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Bad documents and paths

#[test]
fn new_refuses_bad_documents_and_writes_nothing() {
    let fx = Fixture::new();
    let project = tagged_project(&fx);
    let empty = fx.write("empty.txt", b"");
    let png = fx.write(
        "image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    );
    let missing = fx.path("missing.txt");
    let dir = fx.path("folder");
    std::fs::create_dir(&dir).expect("mkdir");
    let good = fx.path("gb.txt");
    for (doc, reason) in [
        (&empty, "empty"),
        (&png, "unsupported file: binary data"),
        (&missing, "cannot read"),
        (&dir, "directory"),
    ] {
        let before = fx.snapshot();
        // A good document first: the bad one must still stop everything.
        let args = [
            "new".as_ref(),
            project.as_os_str(),
            "--doc".as_ref(),
            good.as_os_str(),
            "--doc".as_ref(),
            doc.as_os_str(),
        ];
        let err = pizhu(args).fails_naming(doc);
        assert!(err.contains(reason), "{err}");
        assert_eq!(fx.snapshot(), before, "{}", doc.display());
    }
}

#[test]
fn unwritable_targets_fail_with_the_path_named() {
    let fx = Fixture::new();
    let project = tagged_project(&fx);
    let doc = fx.path("bom.txt");

    let nowhere = fx.path("no/such/dir/p.pizhu.ron");
    pizhu([
        "new".as_ref(),
        nowhere.as_os_str(),
        "--doc".as_ref(),
        doc.as_os_str(),
    ])
    .fails_naming(&nowhere);

    let dir = fx.path("folder.pizhu.ron");
    std::fs::create_dir(&dir).expect("mkdir");
    pizhu([
        "new".as_ref(),
        dir.as_os_str(),
        "--doc".as_ref(),
        doc.as_os_str(),
    ])
    .fails_naming(&dir);

    let before = fx.snapshot();
    let out = fx.path("no/such/dir/out.csv");
    let args = [
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    pizhu(args).fails_naming(&out);
    // Exporting over the project itself is refused before anything is written.
    let args = [
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        project.as_os_str(),
    ];
    pizhu(args).fails_naming(&project);
    assert_eq!(fx.snapshot(), before);
}

#[test]
fn tag_failures_leave_the_project_unchanged() {
    let fx = Fixture::new();
    let project = tagged_project(&fx);
    let before = fx.snapshot();

    let err = tag(&project, "bom.txt", "台湾", "Taiwan", &[]).fails_naming(&project);
    assert!(
        err.contains("台湾") && err.contains("bom.txt") && err.contains("not found"),
        "{err}"
    );
    let err = tag(&project, "nope.txt", "科索沃", "Kosovo", &[]).fails_naming(&project);
    assert!(
        err.contains("nope.txt") && err.contains("bom.txt (d-1)"),
        "{err}"
    );
    tag(&project, "bom.txt", "", "Kosovo", &[]).fails_naming(&project);
    tag(&project, "bom.txt", "科索沃", "  ", &[]).fails_naming(&project);
    assert_eq!(fx.snapshot(), before);
}

#[test]
fn the_app_form_checks_its_file_first() {
    let fx = Fixture::new();
    let missing = fx.path("missing.txt");
    let err = pizhu([&missing]).fails_naming(&missing);
    assert!(err.contains("cannot read"), "{err}");
    pizhu([fx.dir.path()]).fails_naming(fx.dir.path());
}

// ---------------------------------------------------------------------------
// Usage errors: exit 2, nothing written

#[test]
fn usage_errors_exit_2() {
    let fx = Fixture::new();
    let project = tagged_project(&fx);
    let p = project.as_os_str();
    let out = fx.path("out.csv");
    let before = fx.snapshot();
    let cases: Vec<Vec<&OsStr>> = vec![
        vec!["frobnicate".as_ref()],
        vec!["new".as_ref(), p],
        vec!["new".as_ref()],
        vec![
            "tag".as_ref(),
            p,
            "--doc".as_ref(),
            "bom.txt".as_ref(),
            "--quote".as_ref(),
            "科索沃".as_ref(),
        ],
        vec![
            "export".as_ref(),
            p,
            "--format".as_ref(),
            "xlsx".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ],
        vec![
            "export".as_ref(),
            p,
            "--format".as_ref(),
            "w3c".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
            "--bom".as_ref(),
        ],
        vec!["export".as_ref(), p, "--out".as_ref(), out.as_os_str()],
        vec![
            "import".as_ref(),
            p,
            "--format".as_ref(),
            "csv".as_ref(),
            out.as_os_str(),
        ],
        vec!["merge".as_ref(), out.as_os_str(), p],
        vec!["check".as_ref()],
        vec!["check".as_ref(), p, "--frobnicate".as_ref()],
    ];
    for args in cases {
        let err = pizhu(&args).usage_error();
        assert!(err.contains("error:"), "{args:?}: {err}");
    }
    assert!(pizhu(["stat"]).usage_error().contains("'stats'"));
    assert_eq!(fx.snapshot(), before);
}

#[test]
fn help_lists_every_form() {
    let help = pizhu(["--help"]).ok();
    assert!(help.contains("pizhu [FILE]"), "{help}");
    for command in [
        "new", "tag", "export", "import", "stats", "check", "merge", "agree",
    ] {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "{command} missing from\n{help}"
        );
    }
    let export = pizhu(["export", "--help"]).ok();
    for format in ["csv", "w3c", "brat", "qdpx", "qdc", "html", "md"] {
        assert!(export.contains(format), "{format} missing from\n{export}");
    }
}

#[test]
fn the_example_project_is_sound() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example.pizhu.ron");
    let out = pizhu(["check".as_ref(), example.as_os_str()]).ok();
    assert!(out.starts_with("OK: 1 document, "), "{out}");
    let p = load(&example);
    assert_eq!(p.documents()[0].text(), DECLARATION);
    assert!(p.annotations().len() >= 12);
    assert!(
        p.annotations()
            .iter()
            .all(|a| !a.note.is_empty() && a.author == "pizhu-example")
    );
}

#[test]
fn tag_finds_a_phrase_that_pdf_extraction_broke_over_lines() {
    let fx = Fixture::new();
    let project = fx.project("decl.pizhu.ron", &["decl.txt"]);
    // In the declaration, 限制反导弹 ends one line and 防御系统条约 starts the next.
    tag(
        &project,
        "decl.txt",
        "限制反导弹防御系统条约",
        "ABM Treaty",
        &[],
    )
    .ok();
    let loaded = load(&project);
    let ann = loaded.annotations().first().expect("tagged");
    assert!(
        ann.quote.contains('\n'),
        "the span covers the line break: {:?}",
        ann.quote
    );
    assert_eq!(
        ann.quote.split_whitespace().collect::<String>(),
        "限制反导弹防御系统条约"
    );
    pizhu(["check".as_ref(), project.as_os_str()]).ok();
}
