//! Analysis at scale: statistics, co-occurrence, retrieval, agreement and
//! merging on one 6 MB Chinese document with 10,000 annotations by three
//! annotators (many overlapping). Budget: < 200 ms each (issue 5).
//!
//! `cargo bench --bench analysis` (release).

mod common;

use common::Rng;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pizhu::analysis::agreement::{AgreementOptions, agreement, differences};
use pizhu::analysis::merge::{MergeInput, merge};
use pizhu::analysis::retrieval::{Query, RetrievalOptions, Scope, retrieve};
use pizhu::analysis::stats::{Proximity, cooccurrence, counts};
use pizhu::model::{Annotation, CharSpan, Code, CodeId, Color, DocId, Document, Project};

const BYTES: usize = 6 * 1024 * 1024;
const ANNOTATIONS: usize = 10_000;
const CODES: usize = 20;

/// The document, 20 codes, and 10,000 annotations: passages spread evenly,
/// each coded by two or three of amy, bo and cai with jittered boundaries
/// (so they overlap), now and then with a different or a second code.
fn project() -> Project {
    let doc = Document::new(
        DocId("d-1".into()),
        "bench.txt",
        common::generate_text(BYTES),
    );
    let codes: Vec<Code> = (0..CODES)
        .map(|i| {
            Code::new(
                CodeId(format!("c-{i}")),
                format!("代码{i}"),
                Color::distinct(i),
            )
        })
        .collect();
    let len = doc.char_len();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut anns = Vec::with_capacity(ANNOTATIONS);
    let passages = ANNOTATIONS * 2 / 5;
    let step = len / passages;
    let mut i = 0;
    while anns.len() < ANNOTATIONS {
        let start = (i % passages) * step + rng.below(step / 2);
        let length = 4 + rng.below(60);
        let code = rng.below(CODES);
        let authors: &[&str] = if i % 2 == 0 {
            &["amy", "bo", "cai"]
        } else {
            &["amy", "bo"]
        };
        for author in authors {
            if anns.len() == ANNOTATIONS {
                break;
            }
            let s = (start + rng.below(5)).min(len - 1);
            let e = (s + length + rng.below(5)).min(len).max(s + 1);
            let mut here = vec![
                codes[if rng.below(5) == 0 {
                    rng.below(CODES)
                } else {
                    code
                }]
                .id
                .clone(),
            ];
            if rng.below(8) == 0 {
                let extra = codes[rng.below(CODES)].id.clone();
                if !here.contains(&extra) {
                    here.push(extra);
                }
            }
            anns.push(Annotation::new(
                &doc,
                CharSpan::from_range(s, e),
                here,
                author,
            ));
        }
        i += 1;
    }
    Project::from_parts("bench".into(), codes, vec![doc], anns)
}

fn benches(c: &mut Criterion) {
    let project = project();
    assert_eq!(project.annotations().len(), ANNOTATIONS);
    assert!(project.documents()[0].text().len() >= BYTES);
    // What the figures are measured on, once.
    let report = agreement(&project, &AgreementOptions::default());
    let (chars, segs) = (&report.character.overall, &report.segment.overall);
    eprintln!(
        "{} characters, {} annotations by {:?}; character level: {} units, {}% agreement, α {}; \
         segment level: {} passages, {}% agreement, α {}; {} differing stretches",
        project.documents()[0].char_len(),
        project.annotations().len(),
        report.coders,
        chars.units,
        chars.percent_agreement,
        chars.krippendorff_alpha,
        segs.units,
        segs.percent_agreement,
        segs.krippendorff_alpha,
        differences(&project, &DocId("d-1".into())).len(),
    );
    let mut group = c.benchmark_group("analysis 6 MB, 10k annotations");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));

    group.bench_function("stats: counts per code, document, code × document", |b| {
        b.iter(|| black_box(counts(&project)))
    });
    group.bench_function("co-occurrence, overlapping", |b| {
        b.iter(|| black_box(cooccurrence(&project, Proximity::Overlap)))
    });
    group.bench_function("co-occurrence, within 100 characters", |b| {
        b.iter(|| black_box(cooccurrence(&project, Proximity::Within { chars: 100 })))
    });
    let code = |i: usize| Query::code(CodeId(format!("c-{i}")));
    let query = Query::or([Query::and([code(1), !code(2)]), code(3)]);
    let segment = RetrievalOptions {
        scope: Scope::Segment,
        context_chars: 40,
    };
    let overlapping = RetrievalOptions {
        scope: Scope::Overlapping,
        ..segment.clone()
    };
    group.bench_function("retrieval (c1 AND NOT c2) OR c3, own codes", |b| {
        b.iter(|| black_box(retrieve(&project, &query, &segment)))
    });
    let both = Query::and([code(1), code(2)]);
    group.bench_function("retrieval c1 AND c2, overlapping codes", |b| {
        b.iter(|| black_box(retrieve(&project, &both, &overlapping)))
    });
    group.bench_function("agreement: 3 coders, character + segment level", |b| {
        b.iter(|| black_box(agreement(&project, &AgreementOptions::default())))
    });
    group.bench_function("differences for the comparison view", |b| {
        b.iter(|| black_box(differences(&project, &DocId("d-1".into()))))
    });
    let inputs = [
        MergeInput {
            label: "a",
            project: &project,
        },
        MergeInput {
            label: "b",
            project: &project,
        },
    ];
    group.bench_function("merge the project with itself", |b| {
        b.iter(|| black_box(merge(&inputs)))
    });
    group.finish();
}

criterion_group!(analysis_benches, benches);
criterion_main!(analysis_benches);
