//! `pizhu stats`, `pizhu merge` and `pizhu agree`, driven as a team would:
//! two annotators (PIZHU_AUTHOR=amy, =bo) tag their own copies of one text
//! with the built binary, the projects are merged, and the figures checked
//! field by field against values computed by hand (see docs/agreement.md).

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::{pizhu, pizhu_as};
use pizhu::io::project_file;
use pizhu::model::{Annotation, CharSpan, Code, CodeId, Color, DocId, Document, Project};
use serde_json::{Value, json};

/// 37 characters, two of them line breaks, so 35 character-level units.
/// 科索沃 is at 6..9 and 27..30, 科索沃问题 at 6..11, 联合国 at 13..16,
/// 联合国框架 at 13..18.
const TEXT: &str = "中俄两国认为科索沃问题应在联合国框架内解决。\n北约轰炸科索沃违反国际法。\n";

// ---------------------------------------------------------------------------
// Helpers

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// TEXT as UTF-8 (`doc.txt`) and as GB18030 (`doc-gb.txt`, the same text
    /// in other bytes: merging must match it by its decoded text).
    fn new() -> Self {
        let fx = Self {
            dir: tempfile::tempdir().expect("a temp dir"),
        };
        fx.write("doc.txt", TEXT.as_bytes());
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(TEXT);
        assert!(!unmappable);
        fx.write("doc-gb.txt", &gb);
        fx
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write a fixture file");
        path
    }

    /// `pizhu new NAME --doc DOC`.
    fn project(&self, name: &str, doc: &str) -> PathBuf {
        let project = self.path(name);
        pizhu([
            "new".as_ref(),
            project.as_os_str(),
            "--doc".as_ref(),
            self.path(doc).as_os_str(),
        ])
        .ok();
        project
    }

    /// Every file in the directory and its bytes.
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(self.dir.path())
            .expect("list the temp dir")
            .map(|entry| {
                let entry = entry.expect("a dir entry");
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    std::fs::read(entry.path()).unwrap_or_default(),
                )
            })
            .collect()
    }

    /// amy's project (`a.pizhu.ron` on doc.txt) and bo's (`b.pizhu.ron` on
    /// doc-gb.txt), tagged through the CLI:
    /// amy: 科索沃问题 Kosovo, 联合国 UN; bo: every 科索沃 Kosovo, 联合国框架 UN.
    fn two_annotators(&self) -> (PathBuf, PathBuf) {
        let a = self.project("a.pizhu.ron", "doc.txt");
        tag("amy", &a, "doc.txt", "科索沃问题", "Kosovo", &[]);
        tag("amy", &a, "doc.txt", "联合国", "UN", &[]);
        let b = self.project("b.pizhu.ron", "doc-gb.txt");
        tag("bo", &b, "doc-gb.txt", "科索沃", "Kosovo", &["--all"]);
        tag("bo", &b, "doc-gb.txt", "联合国框架", "UN", &[]);
        (a, b)
    }
}

/// `pizhu tag` as `author`; asserts success.
fn tag(author: &str, project: &Path, doc: &str, quote: &str, code: &str, extra: &[&str]) {
    let mut args: Vec<&OsStr> = vec![
        "tag".as_ref(),
        project.as_os_str(),
        "--doc".as_ref(),
        doc.as_ref(),
    ];
    args.extend([
        OsStr::new("--quote"),
        quote.as_ref(),
        "--code".as_ref(),
        code.as_ref(),
    ]);
    args.extend(extra.iter().map(OsStr::new));
    pizhu_as(author, args).ok();
}

fn load(path: &Path) -> Project {
    project_file::load(path).expect("the project loads").project
}

/// Assert a JSON number within 1e-9 of `expected`.
#[track_caller]
fn close(value: &Value, expected: f64) {
    let Some(got) = value.as_f64() else {
        panic!("expected {expected}, got {value}");
    };
    assert!(
        (got - expected).abs() < 1e-9,
        "expected {expected}, got {got}"
    );
}

/// Assert a coefficient object `{ "value": x, "reason": null }`.
#[track_caller]
fn coefficient(value: &Value, expected: f64) {
    close(&value["value"], expected);
    assert_eq!(value["reason"], Value::Null, "{value}");
}

/// Assert an undefined coefficient `{ "value": null, "reason": reason }`.
#[track_caller]
fn undefined(value: &Value, reason: &str) {
    assert_eq!(value, &json!({ "value": null, "reason": reason }));
}

/// `merge merged.pizhu.ron a b`: the two annotators' projects merged.
fn merged(fx: &Fixture) -> PathBuf {
    let (a, b) = fx.two_annotators();
    let out = fx.path("merged.pizhu.ron");
    pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        b.as_os_str(),
    ])
    .ok();
    out
}

// ---------------------------------------------------------------------------
// merge

#[test]
fn merge_matches_documents_by_text_and_keeps_every_author() {
    let fx = Fixture::new();
    let (a, b) = fx.two_annotators();
    let out = fx.path("merged.pizhu.ron");
    let run = pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert_eq!(run.stderr, "", "no conflicts, no warnings");
    let stdout = run.ok();
    assert_eq!(
        stdout.trim(),
        format!(
            "merged 2 projects into {}: 1 document, 2 codes, 5 annotations by 2 authors",
            out.display()
        )
    );
    let m = load(&out);
    let (pa, pb) = (load(&a), load(&b));
    // bo's document came from GB18030 bytes: another source hash, the same text.
    assert_ne!(pa.documents()[0].source, pb.documents()[0].source);
    assert_eq!(m.documents(), pa.documents());
    assert_eq!(m.codes(), pa.codes());
    let mut authors: Vec<&str> = m.annotations().iter().map(|x| x.author.as_str()).collect();
    authors.sort_unstable();
    assert_eq!(authors, ["amy", "amy", "bo", "bo", "bo"]);
    for ann in pa.annotations().iter().chain(pb.annotations()) {
        assert_eq!(
            m.annotation(ann.id),
            Some(ann),
            "every annotation kept as it was"
        );
    }

    // Merging is deterministic, and replacing OUT keeps a backup.
    let first = std::fs::read(&out).expect("read");
    let again = pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert!(again.stderr.contains(".bak"), "{}", again.stderr);
    again.ok();
    assert_eq!(std::fs::read(&out).expect("read"), first);
    assert!(fx.path("merged.pizhu.ron.bak").is_file());

    // Merging the merge with one of its inputs changes nothing.
    let twice = fx.path("twice.pizhu.ron");
    let run = pizhu([
        "merge".as_ref(),
        twice.as_os_str(),
        out.as_os_str(),
        b.as_os_str(),
    ]);
    assert_eq!(run.stderr, "");
    run.ok();
    assert_eq!(load(&twice), m);
    pizhu(["check".as_ref(), twice.as_os_str()]).ok();
}

#[test]
fn merge_reports_codebook_conflicts_as_warnings_or_with_strict_as_errors() {
    let fx = Fixture::new();
    let (a, _) = fx.two_annotators();
    // cai creates UN before Kosovo, so both get each other's colours.
    let c = fx.project("c.pizhu.ron", "doc.txt");
    tag("cai", &c, "doc.txt", "联合国", "UN", &[]);
    tag("cai", &c, "doc.txt", "科索沃", "Kosovo", &[]);
    let out = fx.path("out.pizhu.ron");
    let before = fx.snapshot();

    let strict = pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        c.as_os_str(),
        "--strict".as_ref(),
    ]);
    let err = strict.fails_naming(&out);
    assert!(err.contains("not written: 2 conflicts"), "{err}");
    assert!(err.contains("pizhu: conflict: "), "{err}");
    assert_eq!(fx.snapshot(), before, "--strict wrote nothing");

    let run = pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        c.as_os_str(),
    ]);
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", run.stderr);
    let kept = |code: &str| load(&a).code_by_name(code).expect("code").color.to_hex();
    let theirs = |code: &str| load(&c).code_by_name(code).expect("code").color.to_hex();
    // In c's codebook order.
    assert_eq!(
        warnings[1],
        format!(
            "pizhu: warning: {}: code \"Kosovo\" has colour {:?} here but {:?} in an earlier project; kept {:?}",
            c.display(),
            theirs("Kosovo"),
            kept("Kosovo"),
            kept("Kosovo")
        )
    );
    assert!(
        warnings[0].contains("code \"UN\" has colour"),
        "{}",
        warnings[0]
    );
    let stdout = run.ok();
    assert!(stdout.contains("2 conflicts reported above"), "{stdout}");
    let m = load(&out);
    assert_eq!(
        m.codes(),
        load(&a).codes(),
        "the first project's codebook wins"
    );
    assert_eq!(m.annotations().len(), 4);
}

#[test]
fn merge_keeps_both_codes_that_share_an_id_and_both_versions_of_an_annotation() {
    let fx = Fixture::new();
    // Written with the library: the same code id with another name, and a
    // copy of an annotation (same id) with another note.
    let doc = Document::new(DocId("d-1".into()), "doc.txt", TEXT);
    let k = Code::new(CodeId("c-1".into()), "科索沃", Color([0xc0, 0x39, 0x2b]));
    let n = Code::new(CodeId("c-1".into()), "北约", Color([0xc0, 0x39, 0x2b]));
    let ann = Annotation::new(&doc, CharSpan::from_range(6, 9), vec![k.id.clone()], "amy");
    let mut other = ann.clone();
    other.note = "bo: 只是地名".into();
    other.author = "bo".into();
    let a = Project::from_parts("a".into(), vec![k], vec![doc.clone()], vec![ann.clone()]);
    let b = Project::from_parts("b".into(), vec![n], vec![doc], vec![other]);
    let (pa, pb) = (fx.path("a.pizhu.ron"), fx.path("b.pizhu.ron"));
    project_file::save(&a, &pa).expect("save");
    project_file::save(&b, &pb).expect("save");
    let out = fx.path("m.pizhu.ron");
    let run = pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        pa.as_os_str(),
        pb.as_os_str(),
    ]);
    let stderr = run.stderr.clone();
    run.ok();
    assert!(
        stderr.contains(&format!(
            "{}: code id \"c-1\" is \"北约\" here but \"科索沃\" in an earlier project; kept both, this one as \"c-2\"",
            pb.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{}: annotation {} (by \"bo\") differs",
            pb.display(),
            ann.id
        )),
        "{stderr}"
    );
    let m = load(&out);
    let names: Vec<(&str, &str)> = m
        .codes()
        .iter()
        .map(|c| (c.id.0.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(names, [("c-1", "科索沃"), ("c-2", "北约")]);
    assert_eq!(m.annotation(ann.id), Some(&ann));
    let bo = m
        .annotations()
        .iter()
        .find(|x| x.author == "bo")
        .expect("bo's version");
    assert_ne!(bo.id, ann.id);
    assert_eq!(
        (bo.note.as_str(), bo.codes.as_slice()),
        ("bo: 只是地名", &[CodeId("c-2".into())][..])
    );
}

#[test]
fn merge_failures_name_the_file_and_write_nothing() {
    let fx = Fixture::new();
    let (a, _) = fx.two_annotators();
    let out = fx.path("out.pizhu.ron");
    let missing = fx.path("missing.pizhu.ron");
    let broken = fx.write(
        "broken.pizhu.ron",
        b"Project(format: \"pizhu\", version: 1, name: ",
    );
    let before = fx.snapshot();
    pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        missing.as_os_str(),
    ])
    .fails_naming(&missing);
    pizhu([
        "merge".as_ref(),
        out.as_os_str(),
        broken.as_os_str(),
        a.as_os_str(),
    ])
    .fails_naming(&broken);
    pizhu([
        "merge".as_ref(),
        fx.dir.path().as_os_str(),
        a.as_os_str(),
        a.as_os_str(),
    ])
    .fails_naming(fx.dir.path());
    assert_eq!(fx.snapshot(), before);
    pizhu(["merge".as_ref(), out.as_os_str(), a.as_os_str()]).usage_error();
    pizhu(["merge".as_ref(), out.as_os_str()]).usage_error();
}

// ---------------------------------------------------------------------------
// stats

#[test]
fn stats_json_field_by_field() {
    let fx = Fixture::new();
    let m = merged(&fx);
    let s = pizhu(["stats".as_ref(), m.as_os_str(), "--json".as_ref()]).json();
    assert_eq!(
        s["totals"],
        json!({
            "documents": 1, "codes": 2, "segments": 5, "chars": 37,
            // 科索沃问题 ∪ 联合国框架 ∪ the second 科索沃: 5 + 5 + 3.
            "coded_chars": 13,
            "authors": ["amy", "bo"],
        })
    );
    assert_eq!(
        s["codes"],
        json!([
            // 6..11 ∪ 27..30, counted once though amy and bo overlap.
            { "id": "c-kosovo", "name": "Kosovo", "segments": 3, "chars": 8, "documents": 1 },
            { "id": "c-un", "name": "UN", "segments": 2, "chars": 5, "documents": 1 },
        ])
    );
    assert_eq!(
        s["documents"],
        json!([{ "id": "d-1", "name": "doc.txt", "chars": 37, "segments": 5, "coded_chars": 13, "codes": 2 }])
    );
    assert_eq!(
        s["code_document"],
        json!({
            "codes": ["c-kosovo", "c-un"], "documents": ["d-1"],
            "segments": [[3], [2]], "chars": [[8], [5]],
        })
    );
    // Kosovo and UN passages never overlap: 科索沃问题 ends 2 before 联合国.
    assert_eq!(
        s["cooccurrence"],
        json!({ "proximity": { "mode": "overlap" }, "codes": ["c-kosovo", "c-un"], "counts": [[3, 0], [0, 2]] })
    );
    let near = pizhu([
        "stats".as_ref(),
        m.as_os_str(),
        "--json".as_ref(),
        "--within".as_ref(),
        "2".as_ref(),
    ])
    .json();
    // amy's 科索沃问题 with both UN segments; bo's 科索沃 is 4 away.
    assert_eq!(
        near["cooccurrence"]["proximity"],
        json!({ "mode": "within", "chars": 2 })
    );
    assert_eq!(near["cooccurrence"]["counts"], json!([[3, 2], [2, 2]]));
    let far = pizhu([
        "stats".as_ref(),
        m.as_os_str(),
        "--json".as_ref(),
        "--within".as_ref(),
        "1".as_ref(),
    ])
    .json();
    assert_eq!(far["cooccurrence"]["counts"], json!([[3, 0], [0, 2]]));
}

#[test]
fn stats_text_is_a_readable_table() {
    let fx = Fixture::new();
    let m = merged(&fx);
    let out = pizhu(["stats".as_ref(), m.as_os_str()]).ok();
    assert!(out.starts_with("a: 1 document, 2 codes, 5 coded segments covering 13 of 37 characters\nAuthors: amy, bo\n"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.contains(&"  code    segments  characters  documents"),
        "{out}"
    );
    assert!(
        lines.contains(&"  Kosovo         3           8          1"),
        "{out}"
    );
    assert!(
        lines.contains(&"  doc.txt           37         5                13      2"),
        "{out}"
    );
    assert!(out.contains("Co-occurrence (overlapping;"), "{out}");
}

#[test]
fn stats_of_an_empty_project_and_bad_input() {
    let fx = Fixture::new();
    let p = fx.project("empty.pizhu.ron", "doc.txt");
    let s = pizhu(["stats".as_ref(), p.as_os_str(), "--json".as_ref()]).json();
    assert_eq!(s["totals"]["segments"], 0);
    assert_eq!(s["codes"], json!([]));
    assert_eq!(s["cooccurrence"]["counts"], json!([]));
    assert!(
        pizhu(["stats".as_ref(), p.as_os_str()])
            .ok()
            .contains("0 codes")
    );

    let missing = fx.path("missing.pizhu.ron");
    let err = pizhu(["stats".as_ref(), missing.as_os_str()]).fails_naming(&missing);
    assert!(err.contains("cannot read"), "{err}");
    let doc = fx.path("doc.txt");
    pizhu(["stats".as_ref(), doc.as_os_str(), "--json".as_ref()]).fails_naming(&doc);
    pizhu([
        "stats".as_ref(),
        p.as_os_str(),
        "--within".as_ref(),
        "near".as_ref(),
    ])
    .usage_error();
    pizhu(["stats"]).usage_error();
}

// ---------------------------------------------------------------------------
// agree

#[test]
fn agree_json_field_by_field() {
    let fx = Fixture::new();
    let m = merged(&fx);
    let r = pizhu(["agree".as_ref(), m.as_os_str(), "--json".as_ref()]).json();
    assert_eq!(
        r["options"],
        json!({ "segment_min_overlap": 0.5, "count_whitespace": false })
    );
    assert_eq!(r["coders"], json!(["amy", "bo"]));

    // Character level: 35 units (37 characters less 2 line breaks).
    let c = &r["character"];
    let all = &c["overall"];
    assert_eq!((&all["coders"], &all["units"]), (&json!(2), &json!(35)));
    // They differ on 问题 (amy), the second 科索沃 (bo) and 框架 (bo): 7.
    coefficient(&all["percent_agreement"], 100.0 * 28.0 / 35.0);
    // Categories ∅, {Kosovo}, {UN}: amy 27/5/3, bo 24/6/5; Σ a·b = 693.
    coefficient(
        &all["cohen_kappa"],
        (35.0 * 28.0 - 693.0) / (35.0 * 35.0 - 693.0),
    );
    // Coincidences: n = 70, marginals 51/11/8, 14 off the diagonal.
    coefficient(
        &all["krippendorff_alpha"],
        1.0 - 69.0 * 14.0 / (4900.0 - 51.0 * 51.0 - 121.0 - 64.0),
    );
    assert_eq!(c["pairs"].as_array().map(Vec::len), Some(1));
    assert_eq!(c["pairs"][0]["coders"], json!(["amy", "bo"]));
    assert_eq!(c["pairs"][0]["units"], 35);
    assert_eq!(c["pairs"][0]["cohen_kappa"], all["cohen_kappa"]);

    let kosovo = &c["codes"][0];
    assert_eq!(
        (&kosovo["code"], &kosovo["name"]),
        (&json!("c-kosovo"), &json!("Kosovo"))
    );
    // Table (amy, bo): (1,1) 3, (1,0) 2, (0,1) 3, (0,0) 27.
    coefficient(&kosovo["percent_agreement"], 100.0 * 30.0 / 35.0);
    coefficient(&kosovo["cohen_kappa"], 150.0 / 325.0);
    coefficient(&kosovo["krippendorff_alpha"], 1.0 - 69.0 * 10.0 / 1298.0);
    let un = &c["codes"][1];
    // Table: (1,1) 3, (0,1) 2, (0,0) 30.
    coefficient(&un["percent_agreement"], 100.0 * 33.0 / 35.0);
    coefficient(&un["cohen_kappa"], 0.72);
    coefficient(&un["krippendorff_alpha"], 1.0 - 69.0 * 4.0 / 992.0);

    // Segment level: amy's and bo's first 科索沃 passages match (3 of 5
    // shared), so do their UN passages; bo's second 科索沃 stands alone.
    let s = &r["segment"];
    assert_eq!(s["overall"]["units"], 3);
    coefficient(&s["overall"]["percent_agreement"], 200.0 / 3.0);
    coefficient(&s["overall"]["cohen_kappa"], 0.5);
    coefficient(&s["overall"]["krippendorff_alpha"], 12.0 / 22.0);
    coefficient(&s["codes"][0]["cohen_kappa"], 0.4);
    coefficient(&s["codes"][0]["krippendorff_alpha"], 1.0 - 10.0 / 18.0);
    coefficient(&s["codes"][1]["percent_agreement"], 100.0);
    coefficient(&s["codes"][1]["krippendorff_alpha"], 1.0);

    // One document: its figures are the pooled ones.
    let d = &r["documents"][0];
    assert_eq!(
        (&d["document"], &d["name"], &d["coders"]),
        (&json!("d-1"), &json!("doc.txt"), &json!(["amy", "bo"]))
    );
    assert_eq!(d["character"], r["character"]);
    assert_eq!(d["segment"], r["segment"]);
}

#[test]
fn agree_with_one_coder_or_none_reports_why_not_nan() {
    let fx = Fixture::new();
    let (a, _) = fx.two_annotators();
    let out = pizhu(["agree".as_ref(), a.as_os_str(), "--json".as_ref()]);
    let text = out.stdout.clone();
    let r = out.json();
    assert!(!text.contains("NaN"), "{text}");
    assert_eq!(r["coders"], json!(["amy"]));
    for level in ["character", "segment"] {
        let all = &r[level]["overall"];
        assert_eq!(all["coders"], 1);
        assert_eq!(all["units"], 0);
        for figure in ["percent_agreement", "cohen_kappa", "krippendorff_alpha"] {
            undefined(&all[figure], "one_coder");
        }
    }
    let table = pizhu(["agree".as_ref(), a.as_os_str()]).ok();
    assert!(table.contains("— = undefined: only one coder"), "{table}");

    let empty = fx.project("empty.pizhu.ron", "doc.txt");
    let r = pizhu(["agree".as_ref(), empty.as_os_str(), "--json".as_ref()]).json();
    assert_eq!(r["coders"], json!([]));
    undefined(
        &r["character"]["overall"]["krippendorff_alpha"],
        "no_coders",
    );
    assert_eq!(r["character"]["codes"], json!([]));
    assert!(
        pizhu(["agree".as_ref(), empty.as_os_str()])
            .ok()
            .contains("no coded segments")
    );
}

#[test]
fn agree_text_shows_both_levels() {
    let fx = Fixture::new();
    let m = merged(&fx);
    let out = pizhu(["agree".as_ref(), m.as_os_str()]).ok();
    assert!(out.starts_with("a: coders amy, bo\n"), "{out}");
    assert!(
        out.contains("Character level: unit = one non-whitespace character"),
        "{out}"
    );
    assert!(
        out.contains(
            "Segment level: unit = a coded passage (segments sharing ≥ 50% of the longer one"
        ),
        "{out}"
    );
    let lines: Vec<&str> = out.lines().collect();
    // κ = 287/532, α = 1148/2114, 80% at the character level.
    assert!(
        lines.iter().any(|l| l.starts_with("  (all codes)")
            && l.ends_with("35       2      80.0%      0.539             0.543")),
        "{out}"
    );
    assert!(lines.iter().any(|l| l.starts_with("  doc.txt")), "{out}");
}

#[test]
fn agree_bad_input_names_the_file() {
    let fx = Fixture::new();
    let missing = fx.path("nope.pizhu.ron");
    pizhu(["agree".as_ref(), missing.as_os_str(), "--json".as_ref()]).fails_naming(&missing);
    let bad = fx.write(
        "bad.pizhu.ron",
        "Project(format: \"other\", version: 1)".as_bytes(),
    );
    let err = pizhu(["agree".as_ref(), bad.as_os_str()]).fails_naming(&bad);
    assert!(err.contains("not a Pizhu project"), "{err}");
    pizhu(["agree"]).usage_error();
}
