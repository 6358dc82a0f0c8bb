//! Interoperability at scale: export of one Chinese document with its
//! annotations to every format, and import of annotations from qdpx, brat
//! and W3C into an empty project (issue 4).
//!
//! Two sizes, 1 MB / 1,667 annotations and 6 MB / 10,000 annotations (the
//! same density), show how each figure grows. Exports write to a temporary
//! directory, atomically, as `pizhu export` does. An import is measured in
//! two parts: reading the file and working out the edit
//! (`import_annotations`), then applying that edit to the empty project.
//! Output sizes and import counts are printed once per size.
//!
//! `cargo bench --bench interop` (release).

mod common;

use common::Rng;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use pizhu::io::export::{ExportOptions, Format, export};
use pizhu::io::import::{AnnotationFormat, Imported, import_annotations};
use pizhu::model::{
    Annotation, CharSpan, Code, CodeId, Color, DocId, Document, Memo, MemoTarget, Project,
    Timestamp,
};

const MB: usize = 1024 * 1024;
/// Annotations on the 6 MB document; the 1 MB one has a sixth of them.
const ANNOTATIONS_6_MB: usize = 10_000;
const CODES: usize = 20;

const FORMATS: [(Format, &str); 7] = [
    (Format::Csv, "csv"),
    (Format::W3c, "w3c"),
    (Format::Brat, "brat"),
    (Format::Qdpx, "qdpx"),
    (Format::Qdc, "qdc"),
    (Format::Html, "html"),
    (Format::Md, "md"),
];

const IMPORTS: [(AnnotationFormat, &str); 3] = [
    (AnnotationFormat::Qdpx, "qdpx"),
    (AnnotationFormat::Brat, "brat"),
    (AnnotationFormat::W3c, "w3c"),
];

/// The project: one document of about `bytes` bytes named `bench.txt`, 20
/// codes in two levels (with descriptions), and 10,000 annotations per
/// 6 MB of 4–70 chars by two authors (many cross a line break, so brat
/// splits them). One in four has a note, one in twenty two spans, one in
/// eight two codes; the project and five codes have memos.
fn project(bytes: usize) -> Project {
    let doc = Document::new(
        DocId("d-1".into()),
        "bench.txt",
        common::generate_text(bytes),
    );
    let codes: Vec<Code> = (0..CODES)
        .map(|i| {
            let mut code = Code::new(
                CodeId(format!("c-{i}")),
                format!("代码{i}"),
                Color::distinct(i),
            );
            code.description = format!("第{i}类：与“{i}”有关的段落");
            if i >= 5 {
                code.parent = Some(CodeId(format!("c-{}", i % 5)));
            }
            code
        })
        .collect();
    let len = doc.char_len();
    let n = ANNOTATIONS_6_MB * bytes / (6 * MB);
    let step = len / n;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let annotations = (0..n)
        .map(|i| {
            let start = i * step + rng.below(step / 2);
            let end = (start + 4 + rng.below(66)).min(len);
            let mut here = vec![CodeId(format!("c-{}", rng.below(CODES)))];
            if rng.below(8) == 0 {
                let extra = CodeId(format!("c-{}", rng.below(CODES)));
                if !here.contains(&extra) {
                    here.push(extra);
                }
            }
            let author = if i % 2 == 0 { "amy" } else { "bo" };
            let mut ann = Annotation::new(&doc, CharSpan::from_range(start, end), here, author);
            if i % 20 == 0 && end + 30 < len {
                ann.spans
                    .push(CharSpan::from_range(end + 10, end + 20 + rng.below(10)));
                ann.refresh_quote(&doc);
            }
            if i % 4 == 0 {
                ann.note = format!("批注 {i}：此处\"强调\"合作 <与> & 发展\n第二行");
            }
            ann
        })
        .collect();
    let memo = |about, text: String| Memo {
        about,
        text,
        modified: Timestamp::now(),
    };
    let memos = std::iter::once(memo(MemoTarget::Project, "项目备忘录".into()))
        .chain((0..5).map(|i| {
            memo(
                MemoTarget::Code(CodeId(format!("c-{i}"))),
                format!("关于代码{i}的备忘录"),
            )
        }))
        .collect();
    let project =
        Project::from_parts("bench".into(), codes, vec![doc], annotations).with_memos(memos);
    assert_eq!(project.problems(), [], "the bench project is sound");
    project
}

/// Bytes in the file at `path`, or in all files under it.
fn size(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| size(&e.path()))
            .sum()
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    }
}

/// Where format `name` is exported to in `dir` (brat: a directory).
fn out_path(dir: &Path, name: &str) -> PathBuf {
    match name {
        "brat" => dir.join("brat"),
        "w3c" => dir.join("w3c.jsonld"),
        other => dir.join(format!("bench.{other}")),
    }
}

fn benches(c: &mut Criterion) {
    for mb in [1, 6] {
        let project = project(mb * MB);
        let label = format!("{mb} MB, {} annotations", project.annotations().len());
        let tmp = tempfile::tempdir().expect("a temporary directory");

        // Export: each format once for its size, then measured.
        let mut sizes = Vec::new();
        for (format, name) in FORMATS {
            let out = out_path(tmp.path(), name);
            export(&project, format, &out, ExportOptions::default()).expect("export");
            sizes.push(format!("{name} {:.2} MB", size(&out) as f64 / MB as f64));
        }
        eprintln!("{label}: output {}", sizes.join(", "));
        // W3C holds no text: the importer reads the document from beside
        // the file, by name, as it would for a real user.
        let text = &project.documents()[0];
        std::fs::write(tmp.path().join(&text.name), text.text()).expect("write the text");

        let mut group = c.benchmark_group(format!("export {label}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        for (format, name) in FORMATS {
            let out = out_path(tmp.path(), name);
            group.bench_function(BenchmarkId::from_parameter(name), |b| {
                b.iter(|| export(&project, format, &out, ExportOptions::default()).expect("export"))
            });
        }
        group.finish();

        // Import into an empty project: read + merge, then apply.
        let empty = Project::new("");
        let mut group = c.benchmark_group(format!("import {label}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        for (format, name) in IMPORTS {
            let path = out_path(tmp.path(), name);
            let imported = import_annotations(&empty, format, &path).expect("import");
            report(&label, name, &imported);
            assert_eq!(
                imported.report.annotations_added,
                project.annotations().len(),
                "{name} brings every annotation back"
            );
            group.bench_function(format!("{name}: read + merge"), |b| {
                b.iter(|| black_box(import_annotations(&empty, format, &path).expect("import")))
            });
            group.bench_function(format!("{name}: apply"), |b| {
                b.iter_batched(
                    || (empty.clone(), imported.edit.clone()),
                    |(mut project, edit)| {
                        project.apply(edit).expect("apply");
                        project
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        group.finish();
    }
}

/// What an import brought, once, so the figures are known to measure a
/// whole import.
fn report(label: &str, name: &str, imported: &Imported) {
    let r = &imported.report;
    eprintln!(
        "{label}: import {name}: {} documents, {} codes, {} annotations, {} memos; {} skipped",
        r.documents_added,
        r.codes_added,
        r.annotations_added,
        r.memos,
        r.skipped.len(),
    );
}

criterion_group!(interop_benches, benches);
criterion_main!(interop_benches);
