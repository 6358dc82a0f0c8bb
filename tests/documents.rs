//! Document import: every format and text encoding, through the library and
//! through `pizhu new`, on the fixtures of `tests/fixtures/` (see its
//! README.md; `make_fixtures.py` writes them) and on encodings made here.
//!
//! Good files must give exactly the expected text; bad ones a message that
//! names the file and the reason, exit code 1, and no project written.

mod common;

use std::path::{Path, PathBuf};

use common::pizhu;
use pizhu::io::IoError;
use pizhu::io::import::{
    DocumentFormat, Progress, document_from_bytes_with, open_document, read_document,
    read_document_as, read_document_with,
};
use pizhu::io::project_file;
use pizhu::model::{DocId, Document};

// Lines of the declaration the fixtures hold (as make_fixtures.py).
const TITLE: &str = "在莫斯科发表的中俄高级会晤结果联合声明";
const SUBTITLE: &str = "世纪之交的中俄关系";
const P1: &str =
    "中华人民共和国主席江泽民和俄罗斯联邦总统叶利钦在莫斯科举行的第六次中俄高级会晤期间";
const P2: &str = "科索沃局势仍令人关注，当务之急是坚持寻求政治解决这一问题的办法。";
const P3: &str = "阿富汗危机不可能依靠武力解决。";
const P4: &str =
    "两国元首主张继续核裁军进程，强调在这一进程中保持和巩固限制反导弹防御系统条约非常重要。";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> Document {
    read_document(&fixture(name), DocId("d-1".into()))
        .unwrap_or_else(|e| panic!("{name} reads: {e}"))
}

fn encoding_of(doc: &Document) -> &str {
    &doc.source.as_ref().expect("a source").encoding
}

/// P1 split after `n` chars, with `sep` between the parts.
fn p1_split(n: usize, sep: &str) -> String {
    let head: String = P1.chars().take(n).collect();
    let tail: String = P1.chars().skip(n).collect();
    format!("{head}{sep}{tail}")
}

// ---------------------------------------------------------------------------
// Each format

#[test]
fn html_gives_the_visible_text_in_paragraphs() {
    let doc = read("declaration.html");
    let expected = format!(
        "{TITLE}\n\n{SUBTITLE}\n\n{P1}\n\n科索沃 & 北约 <1999>\u{a0}𠀀\n\n{P2}\n\n{P3}\n\n\
         ABM Treaty 1972\n\n国家\t首都\n中国\t北京\n俄罗斯\t莫斯科\n\n  第一行\n    第二行\n\n\
         床前明月光，\n疑是地上霜。\n"
    );
    assert_eq!(doc.text(), expected);
    assert_eq!(doc.name, "declaration.html");
    assert_eq!(encoding_of(&doc), "html (UTF-8)");
    for hidden in ["标题", "脚本", "color", "无脚本", "模板"] {
        assert!(!doc.text().contains(hidden), "{hidden}");
    }
}

#[test]
fn html_takes_its_charset_from_meta() {
    let doc = read("gbk.html");
    assert_eq!(doc.text(), format!("{SUBTITLE}\n\n{P3}\n"));
    assert_eq!(encoding_of(&doc), "html (GBK)");
}

#[test]
fn docx_gives_paragraphs_headings_and_tables() {
    let doc = read("declaration.docx");
    let expected = format!(
        "{TITLE}\n\n{SUBTITLE}\n\n{}\n\n科索沃\t北约\n1999补上的字\n\n{P2}\n\n\
         国家\t首都\n中国\t北京\n俄罗斯\t莫斯科 Moscow\n\n{P4}\n",
        p1_split(30, " ")
    );
    assert_eq!(doc.text(), expected);
    assert_eq!(encoding_of(&doc), "docx");
}

#[test]
fn epub_follows_the_spine() {
    let doc = read("declaration.epub");
    let expected = format!("{TITLE}\n\n{P1}\n\n{P2}\n\n{SUBTITLE}\n\n{P3}\n{P4}\n");
    assert_eq!(doc.text(), expected);
    assert_eq!(encoding_of(&doc), "epub");
}

/// What pdf-extract makes of declaration.pdf: lines 18 pt apart are one
/// line break, larger gaps a blank line, pages a blank line.
fn pdf_text() -> String {
    format!(
        "{TITLE}\n\n{SUBTITLE}\n\n{}\n\nABM Treaty 1972\n\n{P2}\n\n{P3}\n{P4}\n",
        p1_split(20, "\n")
    )
}

#[test]
fn pdf_gives_the_text_layer_page_by_page_with_chinese_from_tounicode() {
    let doc = read("declaration.pdf");
    assert_eq!(doc.text(), pdf_text());
    assert_eq!(encoding_of(&doc), "pdf");
}

#[test]
fn a_pdf_locked_by_an_owner_password_only_is_read() {
    // Any viewer opens it (the user password is empty); it only forbids edits.
    assert_eq!(read("owner-locked.pdf").text(), pdf_text());
}

#[test]
fn the_source_keeps_path_and_hash_of_the_file_bytes() {
    for name in [
        "declaration.html",
        "declaration.docx",
        "declaration.epub",
        "declaration.pdf",
    ] {
        let path = fixture(name);
        let doc = read_document(&path, DocId("d-1".into())).expect("reads");
        let source = doc.source.expect("a source");
        assert_eq!(source.path, path.display().to_string());
        let bytes = std::fs::read(&path).expect("read fixture");
        assert_eq!(
            source.sha256,
            pizhu::io::import::sha256_hex(&bytes),
            "{name}"
        );
    }
}

#[test]
fn content_decides_before_the_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (fixture_name, disguise, expected) in [
        ("declaration.pdf", "report.txt", DocumentFormat::Pdf),
        ("declaration.docx", "report.zip", DocumentFormat::Docx),
        ("declaration.epub", "book.bin", DocumentFormat::Epub),
        ("declaration.html", "page.txt", DocumentFormat::Html),
    ] {
        let path = dir.path().join(disguise);
        std::fs::copy(fixture(fixture_name), &path).expect("copy");
        let read = open_document(&path, DocId("d".into()), None, &Progress::new())
            .unwrap_or_else(|e| panic!("{disguise}: {e}"));
        assert_eq!(read.format, expected, "{disguise}");
        assert_eq!(read.document.text(), self::read(fixture_name).text());
    }
}

// ---------------------------------------------------------------------------
// Text encodings

const ENCODED: &str = "世纪之交的中俄关系\r\n科索沃局势仍令人关注，当务之急是坚持寻求政治解决这一问题的办法。\r\n\
    两国元首主张继续核裁军进程，强调在这一进程中保持和巩固限制反导弹防御系统条约非常重要。\n";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

fn legacy(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{text} fits {}", encoding.name());
    bytes.into_owned()
}

#[test]
fn every_text_encoding_through_pizhu_new() {
    let dir = tempfile::tempdir().expect("temp dir");
    let traditional = "世紀之交的中俄關係\r\n科索沃局勢仍令人關注，當務之急是堅持尋求政治解決這一問題的辦法。\r\n\
        兩國元首主張繼續核裁軍進程，強調在這一進程中保持和鞏固限制反導彈防禦系統條約非常重要。\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(ENCODED.as_bytes());
    let files: [(&str, Vec<u8>, &str, &str); 6] = [
        ("utf8.txt", ENCODED.as_bytes().to_vec(), ENCODED, "UTF-8"),
        ("bom.txt", bom, ENCODED, "UTF-8"),
        ("le.txt", utf16(ENCODED, false), ENCODED, "UTF-16LE"),
        ("be.txt", utf16(ENCODED, true), ENCODED, "UTF-16BE"),
        (
            "gb.txt",
            legacy(encoding_rs::GB18030, ENCODED),
            ENCODED,
            "GBK",
        ),
        (
            "big5.txt",
            legacy(encoding_rs::BIG5, traditional),
            traditional,
            "Big5",
        ),
    ];
    let project = dir.path().join("enc.pizhu.ron");
    let mut args = vec!["new".into(), project.clone().into_os_string()];
    for (name, bytes, _, _) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        args.push("--doc".into());
        args.push(path.into_os_string());
    }
    let out = pizhu(args).ok();
    let loaded = project_file::load(&project).expect("loads").project;
    for ((name, _, text, encoding), doc) in files.iter().zip(loaded.documents()) {
        assert_eq!(doc.text(), text.replace("\r\n", "\n"), "{name}");
        // chardetng names GB18030 text by its GBK subset.
        assert_eq!(encoding_of(doc), *encoding, "{name}");
        assert!(out.contains(&format!("{name}  ({encoding},")), "{out}");
    }
}

#[test]
fn a_short_legacy_text_is_an_unsure_guess_and_can_be_read_as_another_encoding() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("short.txt");
    std::fs::write(&path, legacy(encoding_rs::BIG5, "關於")).expect("write");
    let read = open_document(&path, DocId("d".into()), None, &Progress::new()).expect("reads");
    assert!(!read.encoding_confident, "{:?}", read.document.source);
    let big5 = read_document_as(&path, DocId("d".into()), "big5", &Progress::new())
        .expect("reads as Big5");
    assert_eq!(big5.text(), "關於");
    assert_eq!(encoding_of(&big5), "Big5");
    // A long text is a sure guess.
    let long = open_document(
        &fixture("gbk.html"),
        DocId("d".into()),
        None,
        &Progress::new(),
    )
    .expect("reads");
    assert!(long.encoding_confident);
    // HTML can be forced too; DOCX, EPUB and PDF have no encoding to choose.
    let html = read_document_as(
        &fixture("gbk.html"),
        DocId("d".into()),
        "gb18030",
        &Progress::new(),
    )
    .expect("reads");
    assert_eq!(encoding_of(&html), "html (gb18030)");
    let err = read_document_as(
        &fixture("declaration.pdf"),
        DocId("d".into()),
        "gbk",
        &Progress::new(),
    )
    .expect_err("no encoding for a PDF");
    assert!(matches!(err, IoError::Unsupported { .. }), "{err}");
}

// ---------------------------------------------------------------------------
// Progress and cancel

#[test]
fn progress_reaches_the_end_and_a_cancelled_import_stops() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, legacy(encoding_rs::GB18030, &ENCODED.repeat(500))).expect("write");
    for path in [
        big,
        fixture("declaration.html"),
        fixture("declaration.docx"),
        fixture("declaration.epub"),
        fixture("declaration.pdf"),
    ] {
        let progress = Progress::new();
        read_document_with(&path, DocId("d".into()), &progress).expect("reads");
        assert!(
            (progress.fraction() - 1.0).abs() < 1e-6,
            "{}",
            path.display()
        );

        // Past the check before the file is read: each reader checks too.
        let bytes = std::fs::read(&path).expect("read");
        let cancelled = Progress::new();
        cancelled.cancel();
        let err = document_from_bytes_with(&path, &bytes, DocId("d".into()), None, &cancelled)
            .expect_err("cancelled");
        assert!(matches!(err, IoError::Cancelled { .. }), "{err}");
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }
}

// ---------------------------------------------------------------------------
// Bad files

#[test]
fn bad_files_are_refused_with_the_reason_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = fixture("declaration.docx");
    let cases = [
        (
            "corrupt.docx",
            "a damaged DOCX file: not a readable ZIP archive",
        ),
        (
            "no-document.docx",
            "a damaged DOCX file: word/document.xml is missing",
        ),
        (
            "missing-chapter.epub",
            "a damaged EPUB file: the chapter OEBPS/text/第二章.xhtml (spine item \"ch2\") is missing",
        ),
        ("truncated.pdf", "a damaged PDF file"),
        ("encrypted.pdf", "the PDF is encrypted (password-protected)"),
        (
            "scanned.pdf",
            "the PDF has no text layer (a scanned PDF?); run OCR first",
        ),
        (
            "junk.bin",
            "unsupported file: binary data, not plain text, HTML, DOCX, EPUB or PDF",
        ),
    ];
    for (name, reason) in cases {
        let bad = fixture(name);
        // Through the library: the error names the file and the reason.
        let err = read_document(&bad, DocId("d".into()))
            .expect_err(name)
            .to_string();
        assert!(err.starts_with(&format!("{}: ", bad.display())), "{err}");
        assert!(err.contains(reason), "{name}: {err}");

        // Through the CLI, after a good document: exit 1 and no project.
        let project = dir.path().join("study.pizhu.ron");
        let args = [
            "new".as_ref(),
            project.as_os_str(),
            "--doc".as_ref(),
            good.as_os_str(),
            "--doc".as_ref(),
            bad.as_os_str(),
        ];
        let stderr = pizhu(args).fails_naming(&bad);
        assert!(stderr.contains(reason), "{name}: {stderr}");
        assert!(!project.exists(), "{name}: a project was written");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("list").count(),
            0,
            "{name}: something was written"
        );
    }
}

#[test]
fn pizhu_new_takes_every_format_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("formats.pizhu.ron");
    let names = [
        "declaration.html",
        "declaration.docx",
        "declaration.epub",
        "declaration.pdf",
        "gbk.html",
    ];
    let mut args = vec!["new".into(), project.clone().into_os_string()];
    for name in names {
        args.push("--doc".into());
        args.push(fixture(name).into_os_string());
    }
    let out = pizhu(args).ok();
    assert!(out.contains("with 5 documents"), "{out}");
    let loaded = project_file::load(&project).expect("loads").project;
    for (name, doc) in names.iter().zip(loaded.documents()) {
        assert_eq!(doc.name, *name);
        assert_eq!(doc.text(), read(name).text(), "{name}");
    }
    assert_eq!(
        pizhu(["check".as_ref(), project.as_os_str()]).ok(),
        "OK: 5 documents, 0 codes, 0 annotations\n"
    );
    // The tag command finds a quote in a PDF's text.
    let tagged = pizhu([
        "tag".as_ref(),
        project.as_os_str(),
        "--doc".as_ref(),
        "declaration.pdf".as_ref(),
        "--quote".as_ref(),
        "科索沃".as_ref(),
        "--code".as_ref(),
        "Kosovo".as_ref(),
    ]);
    tagged.ok();
}

#[test]
fn new_help_names_the_formats() {
    let help = pizhu(["new", "--help"]).ok();
    for format in ["HTML", "DOCX", "EPUB", "PDF", "GB18030", "Big5"] {
        assert!(help.contains(format), "{format}: {help}");
    }
}

/// Damaged copies of the good fixtures: bytes changed, cut or removed at
/// pseudo-random places (a fixed xorshift, so every run is the same). The
/// readers must answer each with a document or an error naming the file,
/// never a panic (pdf-extract panics on some; the PDF reader catches them).
#[test]
fn damaged_copies_never_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in [
        "declaration.pdf",
        "scanned.pdf",
        "declaration.docx",
        "declaration.epub",
        "declaration.html",
    ] {
        let path = fixture(name);
        let original = std::fs::read(&path).expect("read fixture");
        for round in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..=round % 8 {
                let at = usize::try_from(next()).unwrap_or(0) % bytes.len();
                match round % 3 {
                    0 => bytes[at] = next().to_le_bytes()[0],
                    1 => bytes.truncate(at.max(16)),
                    _ => {
                        bytes.remove(at);
                    }
                }
            }
            let result = std::panic::catch_unwind(|| {
                document_from_bytes_with(&path, &bytes, DocId("d".into()), None, &Progress::new())
            });
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(err)) => assert!(
                    err.to_string()
                        .starts_with(&format!("{}: ", path.display())),
                    "{err}"
                ),
                Err(_) => panic!("{name}, round {round}: the reader panicked"),
            }
        }
    }
}
