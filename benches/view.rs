//! The document view at scale: a 6 MB Chinese text with 10,000 annotations,
//! drawn by the real `DocumentView` in headless egui frames.
//!
//! `cargo bench --bench view` (release). `PIZHU_BENCH_DOC=path` uses another
//! text file instead of the generated one. Sizes 1, 3 and 6 MB show how each
//! figure grows. Resident memory is printed once per size.

mod common;

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, Vec2};
use pizhu::io::project_file;
use pizhu::model::{Annotation, CharPos, CharSpan, DocId, Document, Edit, Project, starter};
use pizhu::text::search::{Folded, SearchOptions};
use pizhu::ui::dialogs::ScriptedDialogs;
use pizhu::ui::document_view::{DocumentView, Matches};
use pizhu::ui::prefs::Prefs;
use pizhu::ui::{AppOptions, PizhuApp};

const ANNOTATIONS: usize = 10_000;

/// The project: one document, the starter codebook, `n` annotations of
/// 2–40 chars, about a third of them overlapping a neighbour.
fn project(text: String, n: usize) -> Project {
    let doc = Document::new(DocId("d-1".into()), "bench.txt", text);
    let codes = starter::declaration_codebook();
    let len = doc.char_len();
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let step = len / n.max(1);
    let annotations = (0..n)
        .map(|i| {
            let start = i * step + (next() as usize % step.max(1)) / 2;
            let span_len = 2 + next() as usize % 39;
            let start = if i % 3 == 0 {
                start.saturating_sub(span_len / 2)
            } else {
                start
            };
            let span = CharSpan::from_range(start.min(len - 1), (start + span_len).min(len));
            let mut codes_here = vec![codes[i % codes.len()].id.clone()];
            if i % 7 == 0 {
                codes_here.push(codes[(i + 3) % codes.len()].id.clone());
            }
            Annotation::new(&doc, span, codes_here, "bench")
        })
        .collect();
    Project::from_parts("bench".into(), codes, vec![doc], annotations)
}

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, Vec2::new(1280.0, 800.0))),
        ..RawInput::default()
    }
}

fn context() -> egui::Context {
    let ctx = egui::Context::default();
    pizhu::ui::fonts::install(&ctx);
    // Fonts are loaded on the first frame: not part of any measurement.
    let _ = ctx.run_ui(input(), |_| {});
    ctx
}

fn frame(ctx: &egui::Context, view: &mut DocumentView, project: &Project) {
    let Some(doc) = project.documents().first() else {
        return;
    };
    let _ = ctx.run_ui(input(), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            let _ = view.ui(ui, project, doc, None, &Matches::default(), None);
        });
    });
}

fn resident_mb() -> f64 {
    let pages: f64 = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse().ok()))
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn texts() -> Vec<(String, String)> {
    if let Ok(path) = std::env::var("PIZHU_BENCH_DOC") {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = pizhu::text::decode::decode(&bytes)
            .map(|d| d.text)
            .unwrap_or_default();
        return vec![(Path::new(&path).display().to_string(), text)];
    }
    // Largest first: resident memory only shows growth the first time.
    [6, 3, 1]
        .iter()
        .map(|mb| (format!("{mb}MB"), common::generate_text(mb * 1_000_000)))
        .collect()
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("view");
    group.sample_size(20);
    for (label, text) in texts() {
        let before = resident_mb();
        let text_mb = text.len() as f64 / 1e6;
        let project = project(text, ANNOTATIONS);
        let ctx = context();
        let mut view = DocumentView::default();
        frame(&ctx, &mut view, &project);
        let len = project.documents()[0].char_len();
        // Scroll through the whole text once so every cache is as full as it gets.
        for k in 0..50 {
            view.scroll_to(CharPos(len * k / 50));
            frame(&ctx, &mut view, &project);
        }
        println!(
            "{label}: text {text_mb:.1} MB, {} annotations, resident memory {:.0} MB, +{:.0} MB for this size ({:.1}× the text; meaningful for the first, largest size)",
            project.annotations().len(),
            resident_mb(),
            resident_mb() - before,
            (resident_mb() - before) / text_mb
        );

        group.bench_function(BenchmarkId::new("first_frame_after_open", &label), |b| {
            b.iter_batched(
                DocumentView::default,
                |mut fresh| frame(&ctx, &mut fresh, &project),
                BatchSize::SmallInput,
            );
        });

        let mut k = 0usize;
        group.bench_function(BenchmarkId::new("scroll_frame_jump", &label), |b| {
            b.iter(|| {
                // A far jump: a new screen of text to lay out.
                k = (k + 7919) % 1000;
                view.scroll_to(CharPos(len * k / 1000));
                frame(&ctx, &mut view, &project);
            });
        });

        group.bench_function(BenchmarkId::new("scroll_frame_steady", &label), |b| {
            view.scroll_to(CharPos(len / 2));
            frame(&ctx, &mut view, &project);
            b.iter(|| frame(&ctx, &mut view, &project));
        });

        let mut working = project.clone();
        let doc = working.documents()[0].clone();
        let code = working.codes()[0].id.clone();
        group.bench_function(BenchmarkId::new("annotate_then_frame", &label), |b| {
            b.iter_batched(
                || {
                    Annotation::new(
                        &doc,
                        CharSpan::from_range(len / 2, len / 2 + 4),
                        vec![code.clone()],
                        "bench",
                    )
                },
                |ann| {
                    let id = ann.id;
                    let _ = working.apply(Edit::InsertAnnotation(ann));
                    frame(&ctx, &mut view, &working);
                    let _ = working.apply(Edit::RemoveAnnotation(id));
                },
                BatchSize::SmallInput,
            );
        });

        let folded = Folded::new(&project.documents()[0], SearchOptions::default());
        group.bench_function(BenchmarkId::new("find_all_two_chars", &label), |b| {
            b.iter(|| black_box(folded.find_all("合作").map(|v| v.len())));
        });
        group.bench_function(BenchmarkId::new("fold_for_search", &label), |b| {
            b.iter(|| {
                black_box(Folded::new(
                    &project.documents()[0],
                    SearchOptions::default(),
                ))
            });
        });

        let dir = tempfile::tempdir().ok();
        let path = dir.as_ref().map(|d| d.path().join("bench.pizhu.ron"));
        if let Some(path) = &path {
            let _ = project_file::save(&project, path);
            // The whole window: menus, codebook, annotation list, document, status bar.
            let mut app = PizhuApp::new(
                &ctx,
                AppOptions {
                    open: Some(path.clone()),
                    data_dir: None,
                    dialogs: Box::new(ScriptedDialogs::default()),
                    prefs: Prefs::default(),
                    welcome: false,
                },
            );
            app.wait_for_jobs();
            let _ = ctx.run_ui(input(), |ui| app.ui_root(ui));
            let mut k = 0usize;
            group.bench_function(BenchmarkId::new("app_frame_scrolling", &label), |b| {
                b.iter(|| {
                    k = (k + 1) % 1000;
                    app.view.scroll_to(CharPos(len * k / 1000));
                    let _ = ctx.run_ui(input(), |ui| app.ui_root(ui));
                });
            });

            group.bench_function(BenchmarkId::new("serialize_project", &label), |b| {
                b.iter(|| black_box(project_file::to_string(&project).map(|s| s.len())));
            });
            group.bench_function(BenchmarkId::new("save_project", &label), |b| {
                b.iter(|| project_file::save(&project, path));
            });
            let bytes = std::fs::read(path).unwrap_or_default();
            group.bench_function(BenchmarkId::new("load_project", &label), |b| {
                b.iter(|| {
                    black_box(
                        project_file::from_bytes(path, &bytes)
                            .map(|l| l.project.annotations().len()),
                    )
                });
            });
        }
    }
    group.finish();
}

criterion_group!(view_benches, benches);
criterion_main!(view_benches);
