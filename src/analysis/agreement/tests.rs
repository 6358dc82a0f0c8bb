//! Agreement against published worked examples and hand-computed projects.

use super::*;
use crate::analysis::fixtures::{project, project_on};

/// Assert a defined coefficient equal to `expected` within `tolerance`.
#[track_caller]
fn approx(c: Coefficient, expected: f64, tolerance: f64) {
    let Some(value) = c.value else {
        panic!("expected {expected}, got undefined ({:?})", c.reason);
    };
    assert!(
        (value - expected).abs() <= tolerance,
        "expected {expected} ± {tolerance}, got {value}"
    );
    assert_eq!(c.reason, None);
}

/// Exact up to floating-point rounding.
#[track_caller]
fn exact(c: Coefficient, expected: f64) {
    approx(c, expected, 1e-9);
}

#[track_caller]
fn undefined(c: Coefficient, reason: Undefined) {
    assert_eq!(c, Coefficient::undefined(reason));
}

// ---------------------------------------------------------------------------
// Published worked examples

/// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
/// Annenberg School for Communication, University of Pennsylvania,
/// Departmental Papers (ASC) 43, section C, "Nominal data, any number of
/// observers, missing data": 4 observers × 12 units, values 1–5, `.` for
/// missing. Unit 12 has a single value and is not pairable; the paper gives
/// nominal α = 0.743.
#[test]
fn krippendorff_2011_nominal_example_four_observers_missing_values() {
    // The reliability data matrix as printed in the paper.
    let observers = [
        "1 2 3 3 2 1 4 1 2 . . .", // A
        "1 2 3 3 2 2 4 1 2 5 . 3", // B
        ". 3 3 3 2 3 4 2 2 5 1 .", // C
        "1 2 3 3 2 4 4 1 2 5 1 .", // D
    ];
    let rows: Vec<Vec<Option<u8>>> = observers
        .iter()
        .map(|row| row.split(' ').map(|v| v.parse().ok()).collect())
        .collect();
    let units: Vec<Vec<Option<u8>>> = (0..12)
        .map(|u| rows.iter().map(|r| r[u]).collect())
        .collect();
    let m = nominal_measures(&units);
    approx(m.krippendorff_alpha, 0.743, 0.0005);
    assert_eq!(m.units, 11, "unit 12 is not pairable");
    assert_eq!(m.coders, 4);
    undefined(m.cohen_kappa, Undefined::NotTwoCoders);
    // The paper's coincidence matrix: n = 40 pairable values with marginals
    // n_1..n_5 = 9, 13, 10, 5, 3 and 8 off the diagonal, so
    // α = 1 − 39 · 8 / (40² − 9² − 13² − 10² − 5² − 3²) = 1 − 312/1216.
    exact(m.krippendorff_alpha, 1.0 - 312.0 / 1216.0);
}

/// Krippendorff (2011), section A, "Binary data, two observers, no missing
/// data": ten units; the paper gives α = 0.095.
#[test]
fn krippendorff_2011_binary_example_two_observers() {
    let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    let units: Vec<Vec<Option<u8>>> = a
        .iter()
        .zip(&b)
        .map(|(&x, &y)| vec![Some(x), Some(y)])
        .collect();
    let m = nominal_measures(&units);
    approx(m.krippendorff_alpha, 0.095, 0.0005);
    // By hand: n = 20, o_01 + o_10 = 8, n_0 = 14, n_1 = 6:
    // α = 1 − 19 · 8 / (400 − 196 − 36) = 16/168.
    exact(m.krippendorff_alpha, 16.0 / 168.0);
    exact(m.percent_agreement, 60.0);
}

/// Cohen's κ, the 2 × 2 worked example of the Wikipedia article "Cohen's
/// kappa" (section "Examples", "Simple example"): 50 grant proposals read by
/// readers A and B; both yes 20, A yes B no 5, A no B yes 10, both no 15.
/// p_o = 0.70, p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.50, κ = 0.40.
#[test]
fn cohen_kappa_textbook_two_by_two_example() {
    let cells = [
        (("yes", "yes"), 20),
        (("yes", "no"), 5),
        (("no", "yes"), 10),
        (("no", "no"), 15),
    ];
    let units: Vec<Vec<Option<&str>>> = cells
        .iter()
        .flat_map(|&((a, b), n)| std::iter::repeat_n(vec![Some(a), Some(b)], n))
        .collect();
    let m = nominal_measures(&units);
    exact(m.cohen_kappa, 0.4);
    exact(m.percent_agreement, 70.0);
    assert_eq!((m.units, m.coders), (50, 2));
}

/// A second textbook table: 20 patients, two doctors; both yes 12, A yes
/// B no 4, A no B yes 2, both no 2: p_o = 0.7, p_e = 0.62, κ = 0.08/0.38
/// ≈ 0.21 (easycalculation.com, "Cohen's Kappa Index" worked example).
#[test]
fn cohen_kappa_second_textbook_example() {
    let cells = [((1, 1), 12), ((1, 0), 4), ((0, 1), 2), ((0, 0), 2)];
    let units: Vec<Vec<Option<u8>>> = cells
        .iter()
        .flat_map(|&((a, b), n)| std::iter::repeat_n(vec![Some(a), Some(b)], n))
        .collect();
    let m = nominal_measures(&units);
    exact(m.cohen_kappa, 0.08 / 0.38);
    approx(m.cohen_kappa, 0.21, 0.005);
}

#[test]
fn raw_data_edge_cases() {
    let none: Vec<Vec<Option<u8>>> = Vec::new();
    undefined(
        nominal_measures(&none).krippendorff_alpha,
        Undefined::NoCoders,
    );
    let one = vec![vec![Some(1u8)], vec![Some(2)]];
    undefined(
        nominal_measures(&one).percent_agreement,
        Undefined::OneCoder,
    );
    let apart = vec![vec![Some(1u8), None], vec![None, Some(2)]];
    undefined(
        nominal_measures(&apart).cohen_kappa,
        Undefined::NoPairableUnits,
    );
    let same = vec![vec![Some(1u8), Some(1)]; 5];
    let m = nominal_measures(&same);
    exact(m.percent_agreement, 100.0);
    undefined(m.cohen_kappa, Undefined::NoVariation);
    undefined(m.krippendorff_alpha, Undefined::NoVariation);
    // Total, systematic disagreement is defined, and negative.
    let opposite = vec![vec![Some(1u8), Some(0)], vec![Some(0), Some(1)]];
    let m = nominal_measures(&opposite);
    exact(m.percent_agreement, 0.0);
    exact(m.cohen_kappa, -1.0);
    exact(m.krippendorff_alpha, 1.0 - 3.0 * 4.0 / 8.0);
}

// ---------------------------------------------------------------------------
// Projects, by hand. d-1 is 23 characters with no whitespace.

fn report_of(anns: &[crate::analysis::fixtures::Spec<'_>]) -> AgreementReport {
    agreement(&project(anns), &AgreementOptions::default())
}

#[test]
fn character_and_segment_level_by_hand() {
    let r = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(8, 13)], &["K"], "bo"),
        ("d-1", &[(14, 19)], &["U"], "amy"),
    ]);
    assert_eq!(r.coders, ["amy", "bo"]);
    let doc = &r.documents[0];
    assert_eq!(doc.coders, ["amy", "bo"]);

    // Character level, code K: 23 units; amy 3 ones, bo 5; they differ on 2.
    let k = &doc.character.codes[0];
    assert_eq!(
        (k.code.0.as_str(), k.measures.units, k.measures.coders),
        ("c-K", 23, 2)
    );
    exact(k.measures.percent_agreement, 100.0 * 21.0 / 23.0);
    // κ = (23·21 − (3·5 + 20·18)) / (23² − 375) = 108/154.
    exact(k.measures.cohen_kappa, 108.0 / 154.0);
    // α: o_11 = 6, o_00 = 36, o_01 = o_10 = 2; n = 46, n_1 = 8, n_0 = 38.
    exact(
        k.measures.krippendorff_alpha,
        1.0 - 45.0 * 4.0 / (2116.0 - 64.0 - 1444.0),
    );
    // Code U: amy 5 ones, bo none.
    let u = &doc.character.codes[1];
    exact(u.measures.percent_agreement, 100.0 * 18.0 / 23.0);
    // p_e = (5·0 + 18·23)/23²: κ = (23·18 − 414)/(529 − 414) = 0.
    exact(u.measures.cohen_kappa, 0.0);
    // Overall: categories ∅, {K}, {U}; disagreement on 2 + 5 characters.
    exact(doc.character.overall.percent_agreement, 100.0 * 16.0 / 23.0);
    assert_eq!(doc.character.pairs.len(), 1);
    assert_eq!(
        doc.character.pairs[0].coders,
        ["amy".to_owned(), "bo".to_owned()]
    );
    assert_eq!(
        doc.character.pairs[0].cohen_kappa,
        doc.character.overall.cohen_kappa
    );

    // Segment level: amy's 科索沃 (3) and bo's 科索沃问题 (5) share 3 ≥ 2.5,
    // one unit ({K}, {K}); amy's U passage is a unit ({U}, ∅).
    let seg = &doc.segment;
    assert_eq!(seg.overall.units, 2);
    exact(seg.overall.percent_agreement, 50.0);
    // Table: ({K},{K}) 1, ({U},∅) 1; chance = 1·1: κ = (2·1 − 1)/(4 − 1).
    exact(seg.overall.cohen_kappa, 1.0 / 3.0);
    // o: {K}{K} 2, {U}∅ 1, ∅{U} 1; n = 4; α = 1 − 3 · 2 / (16 − 4 − 1 − 1).
    exact(seg.overall.krippendorff_alpha, 0.4);
    let (k, u) = (&seg.codes[0].measures, &seg.codes[1].measures);
    exact(k.percent_agreement, 100.0);
    exact(k.cohen_kappa, 1.0);
    exact(k.krippendorff_alpha, 1.0);
    exact(u.percent_agreement, 50.0);
    exact(u.cohen_kappa, 0.0);
    exact(u.krippendorff_alpha, 0.0);
    // Code A was never applied: not listed.
    assert_eq!(seg.codes.len(), 2);

    // Pooled: d-2 has no coder, so the pooled figures are d-1's.
    assert_eq!(r.character.overall, doc.character.overall);
    assert_eq!(r.segment.codes, doc.segment.codes);
}

#[test]
fn no_annotations_and_one_coder_are_undefined_not_nan() {
    let empty = report_of(&[]);
    assert!(empty.coders.is_empty());
    undefined(
        empty.character.overall.krippendorff_alpha,
        Undefined::NoCoders,
    );
    undefined(empty.segment.overall.percent_agreement, Undefined::NoCoders);
    assert!(empty.character.codes.is_empty() && empty.character.pairs.is_empty());
    assert_eq!(empty.documents.len(), 2);

    let one = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-2", &[(0, 4)], &["A"], "amy"),
    ]);
    assert_eq!(one.coders, ["amy"]);
    for level in [&one.character, &one.segment, &one.documents[0].character] {
        undefined(level.overall.cohen_kappa, Undefined::OneCoder);
        undefined(level.overall.krippendorff_alpha, Undefined::OneCoder);
        undefined(
            level.codes[0].measures.percent_agreement,
            Undefined::OneCoder,
        );
    }
    let json = serde_json::to_string(&one).expect("json");
    assert!(!json.contains("NaN"), "{json}");
    assert!(
        json.contains(r#""krippendorff_alpha":{"value":null,"reason":"one_coder"}"#),
        "{json}"
    );
}

#[test]
fn coders_of_different_documents_share_no_unit() {
    let r = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-2", &[(9, 12)], &["K"], "bo"),
    ]);
    assert_eq!(r.coders.len(), 2);
    undefined(
        r.character.overall.krippendorff_alpha,
        Undefined::NoPairableUnits,
    );
    undefined(
        r.documents[1].segment.overall.percent_agreement,
        Undefined::OneCoder,
    );
}

#[test]
fn perfect_agreement() {
    let r = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(8, 11)], &["K"], "bo"),
        ("d-1", &[(14, 19)], &["U"], "amy"),
        ("d-1", &[(14, 19)], &["U"], "bo"),
    ]);
    for level in [&r.character, &r.segment] {
        exact(level.overall.percent_agreement, 100.0);
        exact(level.overall.cohen_kappa, 1.0);
        exact(level.overall.krippendorff_alpha, 1.0);
        for code in &level.codes {
            exact(code.measures.krippendorff_alpha, 1.0);
        }
    }
    // One passage each, identically coded: perfect, but with no variation
    // the chance-corrected figures are 0/0.
    let one = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(8, 11)], &["K"], "bo"),
    ]);
    exact(one.segment.overall.percent_agreement, 100.0);
    undefined(one.segment.overall.cohen_kappa, Undefined::NoVariation);
    undefined(
        one.segment.overall.krippendorff_alpha,
        Undefined::NoVariation,
    );
    exact(one.character.overall.krippendorff_alpha, 1.0);
}

#[test]
fn all_disagreement_is_negative_not_undefined() {
    let r = report_of(&[
        ("d-1", &[(0, 12)], &["K"], "amy"),
        ("d-1", &[(12, 23)], &["K"], "bo"),
    ]);
    let c = &r.character.overall;
    exact(c.percent_agreement, 0.0);
    // amy 12 ones, bo 11: p_e = (12·11 + 11·12)/23²; κ = −264/265.
    exact(c.cohen_kappa, -264.0 / 265.0);
    // o_01 = o_10 = 23, n_0 = n_1 = 23: α = 1 − 45·46/(2116 − 1058).
    exact(c.krippendorff_alpha, 1.0 - 45.0 * 46.0 / 1058.0);
    let s = &r.segment.overall;
    assert_eq!(s.units, 2);
    exact(s.percent_agreement, 0.0);
    exact(s.cohen_kappa, -1.0);
    exact(s.krippendorff_alpha, -0.5);
}

#[test]
fn three_coders_get_alpha_and_pairwise_kappa() {
    let r = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(8, 11)], &["K"], "bo"),
        ("d-1", &[(8, 13)], &["K"], "cai"),
    ]);
    let c = &r.character.overall;
    assert_eq!(c.coders, 3);
    undefined(c.cohen_kappa, Undefined::NotTwoCoders);
    // 21 characters with 3 agreeing pairs, 2 with 1 of 3.
    exact(
        c.percent_agreement,
        100.0 * (21.0 * 3.0 + 2.0) / (23.0 * 3.0),
    );
    // α by coincidences: o_11 = 3·6/2·… computed from the raw data.
    let mut units = vec![vec![Some(0u8); 3]; 23];
    for (i, unit) in units.iter_mut().enumerate() {
        unit[0] = Some(u8::from((8..11).contains(&i)));
        unit[1] = Some(u8::from((8..11).contains(&i)));
        unit[2] = Some(u8::from((8..13).contains(&i)));
    }
    exact(
        c.krippendorff_alpha,
        nominal_measures(&units)
            .krippendorff_alpha
            .value
            .unwrap_or(f64::NAN),
    );
    assert_eq!(r.character.pairs.len(), 3);
    let names: Vec<[String; 2]> = r.character.pairs.iter().map(|p| p.coders.clone()).collect();
    assert_eq!(names[0], ["amy".to_owned(), "bo".to_owned()]);
    exact(r.character.pairs[0].cohen_kappa, 1.0);
    exact(r.character.pairs[1].cohen_kappa, 108.0 / 154.0);
}

#[test]
fn segment_matching_threshold_and_multi_code_passages() {
    // 科索沃问题 (5) vs 科索 (2): 2 < 2.5, two units…
    let spans = [
        ("d-1", &[(8, 13)][..], &["K"][..], "amy"),
        ("d-1", &[(8, 10)][..], &["K"][..], "bo"),
    ];
    let r = report_of(&spans);
    assert_eq!(r.segment.overall.units, 2);
    exact(r.segment.overall.percent_agreement, 0.0);
    // …but one at a 40% threshold.
    let loose = AgreementOptions {
        segment_min_overlap: 0.4,
        ..AgreementOptions::default()
    };
    let r = agreement(&project(&spans), &loose);
    assert_eq!(r.segment.overall.units, 1);
    exact(r.segment.overall.percent_agreement, 100.0);
    assert_eq!(r.options.segment_min_overlap, 0.4);

    // Two annotations of one coder on one passage make one value {K, U}.
    let r = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(8, 11)], &["U"], "amy"),
        ("d-1", &[(8, 11)], &["U", "K"], "bo"),
    ]);
    assert_eq!(r.segment.overall.units, 1);
    exact(r.segment.overall.percent_agreement, 100.0);
    exact(r.character.overall.percent_agreement, 100.0);
}

#[test]
fn whitespace_is_not_a_unit_unless_asked() {
    let texts = ["科索沃 问题\n联合国改革", "反导条约"];
    let anns = [
        ("d-1", &[(0, 6)][..], &["K"][..], "amy"),
        ("d-1", &[(0, 3)][..], &["K"][..], "bo"),
    ];
    let p = project_on(&texts, &anns);
    let r = agreement(&p, &AgreementOptions::default());
    assert_eq!(
        r.character.overall.units, 10,
        "12 characters less a space and a line break"
    );
    // The space inside amy's span is no disagreement.
    exact(r.character.overall.percent_agreement, 80.0);
    let all = AgreementOptions {
        count_whitespace: true,
        ..AgreementOptions::default()
    };
    let r = agreement(&p, &all);
    assert_eq!(r.character.overall.units, 12);
    exact(r.character.overall.percent_agreement, 100.0 * 9.0 / 12.0);
}

#[test]
fn pooled_per_code_counts_other_documents_as_absent() {
    let r = report_of(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(8, 11)], &["K"], "bo"),
        ("d-2", &[(0, 4)], &["A"], "amy"),
        ("d-2", &[(0, 2)], &["A"], "bo"),
    ]);
    let k = r
        .character
        .codes
        .iter()
        .find(|c| c.code.0 == "c-K")
        .expect("K");
    assert_eq!(k.measures.units, 23 + 19);
    exact(k.measures.percent_agreement, 100.0);
    let a = r
        .character
        .codes
        .iter()
        .find(|c| c.code.0 == "c-A")
        .expect("A");
    exact(a.measures.percent_agreement, 100.0 * 40.0 / 42.0);
    // Per document, only the codes used there are listed.
    assert_eq!(r.documents[0].character.codes.len(), 1);
    assert_eq!(r.documents[1].character.codes[0].code.0, "c-A");
    // Segment level pooled: K's unit in d-1 and A's in d-2, 2 units.
    assert_eq!(r.segment.overall.units, 2);
    assert_eq!(r.segment.codes[0].measures.units, 2);
}

#[test]
fn differences_are_maximal_stretches_where_coders_differ() {
    let p = project(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(8, 13)], &["K"], "bo"),
        ("d-1", &[(14, 19)], &["U"], "amy"),
        ("d-1", &[(16, 19)], &["U"], "bo"),
    ]);
    let diffs = differences(&p, &DocId("d-1".into()));
    let spans: Vec<(usize, usize)> = diffs
        .iter()
        .map(|d| (d.span.start().0, d.span.end().0))
        .collect();
    assert_eq!(spans, [(11, 13), (14, 16)]);
    let k = CodeId("c-K".into());
    assert_eq!(
        diffs[0].codes,
        [("amy".to_owned(), vec![]), ("bo".to_owned(), vec![k])]
    );
    assert!(differences(&p, &DocId("d-2".into())).is_empty());
    assert!(differences(&p, &DocId("nope".into())).is_empty());
}
