//! Inter-annotator agreement: percent agreement, Cohen's κ and
//! Krippendorff's α (nominal), per document and pooled over the project,
//! overall and per code, at the character level and at the segment level.
//!
//! `docs/agreement.md` explains these definitions with worked examples.
//!
//! # Coders
//!
//! A *coder* is an [`Annotation::author`](crate::model::Annotation::author).
//! The coders of a document are the authors of at least one coded segment in
//! it. An author with no coded segment in a document is taken not to have
//! coded that document at all (their values there are *missing*), since
//! nothing in the project tells "read it and found nothing" from "never
//! opened it".
//!
//! # Character level
//!
//! - **Unit**: one character of a document's text, except whitespace
//!   (`char::is_whitespace`: spaces, line breaks), which nobody codes on
//!   purpose; [`AgreementOptions::count_whitespace`] counts it too.
//! - **Value**, per code *c*: 1 if a segment of the coder carrying *c* covers
//!   the character, else 0.
//! - **Value**, overall: the exact set of codes the coder's segments apply to
//!   the character (the empty set when none does), one nominal category per
//!   distinct set.
//!
//! # Segment level
//!
//! - **Unit**: a passage that some coder coded. Two coded segments (of the
//!   same or different coders, with any codes) are *matched* when they share
//!   at least half (`AgreementOptions::segment_min_overlap`) of the longer
//!   one's characters; a unit is a connected group of matched segments.
//!   Segments that overlap less stay separate units, so disagreeing about
//!   where a passage starts and ends is disagreement.
//! - **Value**, per code *c*: 1 if one of the coder's segments in the unit
//!   carries *c*, else 0.
//! - **Value**, overall: the set of codes the coder's segments in the unit
//!   carry (the empty set when the coder has none there).
//!
//! Every unit has at least one coder with a non-empty value, so, unlike at
//! the character level, passages nobody coded never count as agreement.
//!
//! # Measures
//!
//! Over the *pairable* units, those with values from at least two coders:
//!
//! - **Percent agreement**: agreeing coder pairs ÷ all coder pairs, over all
//!   units, × 100 (for two coders, the share of units they agree on).
//! - **Cohen's κ** = (p_o − p_e) / (1 − p_e), with p_e from each coder's own
//!   marginals (Cohen 1960); only for exactly two coders. With more, see the
//!   pairwise figures ([`LevelReport::pairs`]).
//! - **Krippendorff's α** (nominal) = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k,
//!   from the coincidence matrix o (Krippendorff 2011, "Computing
//!   Krippendorff's Alpha-Reliability"); any number of coders, missing values
//!   allowed.
//!
//! Pooled figures treat the units of all documents as one sample: a code
//! nobody applied in a document adds that document's units as agreement on
//! "absent" (0). A figure that cannot be computed is `None` with an
//! [`Undefined`] reason, never `NaN`: with no coder or one coder, no
//! pairable unit, or no variation (every value the same, e.g. a code nobody
//! applied, so that chance agreement is already total). "All disagreement"
//! is defined: for two coders with opposite codings κ and α are negative.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use super::intervals::overlap_len;
use crate::model::{CharSpan, CodeId, DocId, Document, Project};

/// How units are formed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreementOptions {
    /// Segment level: two segments are the same passage when they share at
    /// least this fraction of the longer one's characters. Clamped to
    /// (0, 1]; default 0.5.
    pub segment_min_overlap: f64,
    /// Character level: whitespace characters are units too. Default false.
    pub count_whitespace: bool,
}

impl Default for AgreementOptions {
    fn default() -> Self {
        Self {
            segment_min_overlap: 0.5,
            count_whitespace: false,
        }
    }
}

/// Why a figure cannot be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// No coded segment here.
    NoCoders,
    /// Only one coder coded here: there is nothing to compare.
    OneCoder,
    /// No unit has values from two coders (they coded different documents).
    NoPairableUnits,
    /// Cohen's κ compares exactly two coders; see the pairwise figures.
    NotTwoCoders,
    /// Every value is the same (e.g. nobody applied the code), so chance
    /// agreement is total and the coefficient is 0/0.
    NoVariation,
}

impl std::fmt::Display for Undefined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NoCoders => "no coded segments",
            Self::OneCoder => "only one coder",
            Self::NoPairableUnits => "no unit coded by two coders",
            Self::NotTwoCoders => "needs exactly two coders (see pairs)",
            Self::NoVariation => "no variation in the values",
        })
    }
}

/// A figure, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Coefficient {
    /// The value; `None` when undefined.
    pub value: Option<f64>,
    /// Why it is undefined; `None` when it is defined.
    pub reason: Option<Undefined>,
}

impl Coefficient {
    fn of(value: f64) -> Self {
        Self {
            value: Some(value),
            reason: None,
        }
    }

    fn undefined(reason: Undefined) -> Self {
        Self {
            value: None,
            reason: Some(reason),
        }
    }
}

impl std::fmt::Display for Coefficient {
    /// The value with three decimals (or as many as `{:.N}` asks), else "—".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            Some(v) => write!(f, "{v:.*}", f.precision().unwrap_or(3)),
            None => f.write_str("—"),
        }
    }
}

/// The three figures for one scope.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measures {
    /// Coders in the scope.
    pub coders: usize,
    /// Pairable units: characters (character level) or passages (segment
    /// level) with values from at least two coders.
    pub units: u64,
    /// Percent agreement, 0–100.
    pub percent_agreement: Coefficient,
    /// Cohen's κ (two coders only).
    pub cohen_kappa: Coefficient,
    /// Krippendorff's α, nominal.
    pub krippendorff_alpha: Coefficient,
}

/// Figures for one pair of coders.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairMeasures {
    /// The two coders, in sorted order.
    pub coders: [String; 2],
    /// Units both gave a value to.
    pub units: u64,
    /// Percent agreement, 0–100.
    pub percent_agreement: Coefficient,
    /// Cohen's κ.
    pub cohen_kappa: Coefficient,
}

/// Figures for one code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeMeasures {
    /// The code's id.
    pub code: CodeId,
    /// The code's name.
    pub name: String,
    /// The figures, values being "applied" / "not applied".
    #[serde(flatten)]
    pub measures: Measures,
}

/// The figures of one level (character or segment) for one scope.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelReport {
    /// All codes at once (values are sets of codes).
    pub overall: Measures,
    /// Each pair of coders, all codes at once.
    pub pairs: Vec<PairMeasures>,
    /// Each code some coder applied in the scope, in codebook order.
    pub codes: Vec<CodeMeasures>,
}

/// The figures of one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentReport {
    /// The document's id.
    pub document: DocId,
    /// The document's name.
    pub name: String,
    /// Its coders, sorted.
    pub coders: Vec<String>,
    /// Character level.
    pub character: LevelReport,
    /// Segment level.
    pub segment: LevelReport,
}

/// Agreement in a whole project.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The options used.
    pub options: AgreementOptions,
    /// Every coder, sorted.
    pub coders: Vec<String>,
    /// Character level, pooled over all documents.
    pub character: LevelReport,
    /// Segment level, pooled over all documents.
    pub segment: LevelReport,
    /// Each document, in project order.
    pub documents: Vec<DocumentReport>,
}

// ---------------------------------------------------------------------------
// Tallies: everything the measures need, additive over units.

/// A nominal category: an interned set of codes, or 0/1 for one code.
type Cat = u32;

/// Sums over units from which all three measures follow. Units are added
/// with a weight, so that a stretch of identical characters is one call.
#[derive(Clone, Debug, Default)]
struct Tally {
    units: u64,
    /// Krippendorff's coincidence matrix o_ck.
    coincidence: HashMap<(Cat, Cat), f64>,
    agreeing_pairs: u64,
    all_pairs: u64,
    /// Per pair of coders (by index, smaller first): a contingency table.
    pairs: BTreeMap<(usize, usize), PairTally>,
}

#[derive(Clone, Debug, Default)]
struct PairTally {
    units: u64,
    table: HashMap<(Cat, Cat), u64>,
}

impl Tally {
    /// Add `weight` units with these values: `(coder, category)`, sorted by
    /// coder, one per coder that gave a value. Units with fewer than two
    /// values are not pairable and change nothing.
    fn add(&mut self, values: &[(usize, Cat)], weight: u64) {
        let m = values.len();
        if m < 2 || weight == 0 {
            return;
        }
        self.units += weight;
        let mut counts: Vec<(Cat, u64)> = Vec::with_capacity(m);
        for &(_, v) in values {
            match counts.iter_mut().find(|(c, _)| *c == v) {
                Some(entry) => entry.1 += 1,
                None => counts.push((v, 1)),
            }
        }
        // Krippendorff: each unit contributes its m(m−1) ordered pairs of
        // values, each weighted 1/(m−1).
        let scale = weight as f64 / (m - 1) as f64;
        for &(c, nc) in &counts {
            for &(k, nk) in &counts {
                let ordered = if c == k { nc * (nc - 1) } else { nc * nk };
                if ordered > 0 {
                    *self.coincidence.entry((c, k)).or_default() += scale * ordered as f64;
                }
            }
        }
        let m = m as u64;
        self.agreeing_pairs += weight * counts.iter().map(|(_, n)| n * (n - 1) / 2).sum::<u64>();
        self.all_pairs += weight * (m * (m - 1) / 2);
        for (i, &(a, va)) in values.iter().enumerate() {
            for &(b, vb) in values.iter().skip(i + 1) {
                let pair = self.pairs.entry((a, b)).or_default();
                pair.units += weight;
                *pair.table.entry((va, vb)).or_default() += weight;
            }
        }
    }

    fn merge(&mut self, other: &Self) {
        self.units += other.units;
        for (key, o) in &other.coincidence {
            *self.coincidence.entry(*key).or_default() += o;
        }
        self.agreeing_pairs += other.agreeing_pairs;
        self.all_pairs += other.all_pairs;
        for (key, p) in &other.pairs {
            let mine = self.pairs.entry(*key).or_default();
            mine.units += p.units;
            for (cell, n) in &p.table {
                *mine.table.entry(*cell).or_default() += n;
            }
        }
    }

    /// The figures, for a scope with `coders` coders.
    fn measures(&self, coders: usize) -> Measures {
        let scope = match coders {
            0 => Some(Undefined::NoCoders),
            1 => Some(Undefined::OneCoder),
            _ if self.units == 0 => Some(Undefined::NoPairableUnits),
            _ => None,
        };
        if let Some(reason) = scope {
            let none = Coefficient::undefined(reason);
            return Measures {
                coders,
                units: self.units,
                percent_agreement: none,
                cohen_kappa: none,
                krippendorff_alpha: none,
            };
        }
        let kappa = match (coders, self.pairs.values().next()) {
            (2, Some(pair)) if self.pairs.len() == 1 => kappa(&pair.table),
            _ => Coefficient::undefined(Undefined::NotTwoCoders),
        };
        Measures {
            coders,
            units: self.units,
            percent_agreement: Coefficient::of(
                100.0 * self.agreeing_pairs as f64 / self.all_pairs as f64,
            ),
            cohen_kappa: kappa,
            krippendorff_alpha: alpha(&self.coincidence),
        }
    }

    fn pair_measures(&self, names: &[String]) -> Vec<PairMeasures> {
        let name = |i: usize| names.get(i).cloned().unwrap_or_default();
        self.pairs
            .iter()
            .map(|(&(a, b), pair)| {
                let agreeing: u64 = pair
                    .table
                    .iter()
                    .filter(|((x, y), _)| x == y)
                    .map(|(_, n)| n)
                    .sum();
                PairMeasures {
                    coders: [name(a), name(b)],
                    units: pair.units,
                    percent_agreement: if pair.units == 0 {
                        Coefficient::undefined(Undefined::NoPairableUnits)
                    } else {
                        Coefficient::of(100.0 * agreeing as f64 / pair.units as f64)
                    },
                    cohen_kappa: kappa(&pair.table),
                }
            })
            .collect()
    }
}

/// Cohen's κ of a contingency table (first coder's value, second's) → count.
/// Computed in integers as (N·agree − Σ a_c b_c) / (N² − Σ a_c b_c), which
/// is (p_o − p_e) / (1 − p_e) multiplied through by N².
fn kappa(table: &HashMap<(Cat, Cat), u64>) -> Coefficient {
    let n: u128 = table.values().map(|&v| u128::from(v)).sum();
    if n == 0 {
        return Coefficient::undefined(Undefined::NoPairableUnits);
    }
    let agree: u128 = table
        .iter()
        .filter(|((a, b), _)| a == b)
        .map(|(_, &v)| u128::from(v))
        .sum();
    let mut first: HashMap<Cat, u128> = HashMap::new();
    let mut second: HashMap<Cat, u128> = HashMap::new();
    for (&(a, b), &v) in table {
        *first.entry(a).or_default() += u128::from(v);
        *second.entry(b).or_default() += u128::from(v);
    }
    let chance: u128 = first
        .iter()
        .map(|(c, a)| a * second.get(c).copied().unwrap_or(0))
        .sum();
    if chance == n * n {
        return Coefficient::undefined(Undefined::NoVariation);
    }
    let num = (n * agree) as f64 - chance as f64;
    Coefficient::of(num / ((n * n - chance) as f64))
}

/// Krippendorff's α (nominal) from the coincidence matrix.
fn alpha(coincidence: &HashMap<(Cat, Cat), f64>) -> Coefficient {
    let mut marginals: HashMap<Cat, f64> = HashMap::new();
    let mut n = 0.0;
    let mut agreeing = 0.0;
    for (&(c, k), &o) in coincidence {
        *marginals.entry(c).or_default() += o;
        n += o;
        if c == k {
            agreeing += o;
        }
    }
    if n <= 1.0 {
        return Coefficient::undefined(Undefined::NoPairableUnits);
    }
    if marginals.values().filter(|&&m| m > 0.0).count() < 2 {
        return Coefficient::undefined(Undefined::NoVariation);
    }
    let expected = n * n - marginals.values().map(|m| m * m).sum::<f64>();
    Coefficient::of(1.0 - (n - 1.0) * (n - agreeing) / expected)
}

/// Percent agreement, Cohen's κ and Krippendorff's α (nominal) of plain
/// reliability data: one row per unit, one column per coder, `None` where a
/// coder gave no value. κ needs exactly two coders with values.
///
/// ```
/// use pizhu::analysis::agreement::nominal_measures;
/// // Two coders, four units, one disagreement.
/// let data = [[Some("y"), Some("y")], [Some("n"), Some("n")], [Some("y"), Some("n")], [Some("n"), Some("n")]];
/// let m = nominal_measures(&data.map(Vec::from));
/// assert_eq!(m.percent_agreement.value, Some(75.0));
/// assert_eq!(m.cohen_kappa.value, Some(0.5));
/// ```
pub fn nominal_measures<T: Eq + Hash>(units: &[Vec<Option<T>>]) -> Measures {
    let mut ids: HashMap<&T, Cat> = HashMap::new();
    let mut coders = BTreeSet::new();
    let mut tally = Tally::default();
    let mut values = Vec::new();
    for unit in units {
        values.clear();
        for (coder, value) in unit.iter().enumerate() {
            if let Some(v) = value {
                let next = Cat::try_from(ids.len()).unwrap_or(Cat::MAX);
                values.push((coder, *ids.entry(v).or_insert(next)));
                coders.insert(coder);
            }
        }
        tally.add(&values, 1);
    }
    tally.measures(coders.len())
}

// ---------------------------------------------------------------------------
// From a project to units.

/// Interns sets of code indices as categories; the empty set is 0.
struct Interner(HashMap<Vec<u32>, Cat>);

impl Interner {
    fn new() -> Self {
        Self(HashMap::from([(Vec::new(), 0)]))
    }

    fn intern(&mut self, set: &[u32]) -> Cat {
        if let Some(&cat) = self.0.get(set) {
            return cat;
        }
        let cat = Cat::try_from(self.0.len()).unwrap_or(Cat::MAX);
        self.0.insert(set.to_vec(), cat);
        cat
    }
}

/// One coded segment of a document.
struct Seg<'p> {
    /// Index into the document's coders.
    coder: usize,
    spans: &'p [CharSpan],
    /// Code indices, sorted, without repeats.
    codes: Vec<u32>,
    chars: usize,
}

/// A document's coded segments and coders.
struct DocData<'p> {
    doc: &'p Document,
    /// Global coder indices, sorted.
    coders: Vec<usize>,
    /// In text order.
    segs: Vec<Seg<'p>>,
    /// Codes of any segment, sorted.
    codes: Vec<u32>,
}

impl<'p> DocData<'p> {
    fn new(
        project: &'p Project,
        doc: &'p Document,
        code_index: &HashMap<&CodeId, u32>,
        coder_index: &HashMap<&str, usize>,
    ) -> Self {
        let mut coders = BTreeSet::new();
        let mut raw = Vec::new();
        for ann in project.annotations_of(&doc.id) {
            let mut codes: Vec<u32> = ann
                .codes
                .iter()
                .filter_map(|c| code_index.get(c).copied())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            let Some(&coder) = coder_index.get(ann.author.as_str()) else {
                continue;
            };
            if codes.is_empty() {
                continue;
            }
            coders.insert(coder);
            raw.push((coder, ann, codes));
        }
        let coders: Vec<usize> = coders.into_iter().collect();
        let mut all_codes: Vec<u32> = raw.iter().flat_map(|(_, _, c)| c.iter().copied()).collect();
        all_codes.sort_unstable();
        all_codes.dedup();
        let segs = raw
            .into_iter()
            .map(|(coder, ann, codes)| Seg {
                coder: coders.binary_search(&coder).unwrap_or(0),
                spans: &ann.spans,
                codes,
                chars: ann.char_count(),
            })
            .collect();
        Self {
            doc,
            coders,
            segs,
            codes: all_codes,
        }
    }
}

/// Calls `f(start, end, weight, sets)` for each stretch `[start, end)` of
/// the document over which every coder's set of codes stays the same, in
/// text order; `sets[k]` is coder k's sorted code indices and `weight` the
/// number of units (non-whitespace characters unless `count_whitespace`).
/// O(E log E + text length) for E span-code events.
fn sweep(
    data: &DocData<'_>,
    count_whitespace: bool,
    mut f: impl FnMut(usize, usize, u64, &[Vec<u32>]),
) {
    let mut events: Vec<(usize, i32, usize, u32)> = Vec::new();
    for seg in &data.segs {
        for span in seg.spans {
            for &code in &seg.codes {
                events.push((span.start().0, 1, seg.coder, code));
                events.push((span.end().0, -1, seg.coder, code));
            }
        }
    }
    events.sort_unstable_by_key(|e| e.0);
    let mut depth: HashMap<(usize, u32), i32> = HashMap::new();
    let mut sets: Vec<Vec<u32>> = vec![Vec::new(); data.coders.len()];
    let mut chars = data.doc.text().chars();
    let mut emit = |from: usize, to: usize, sets: &[Vec<u32>]| {
        let len = to - from;
        let weight = if count_whitespace {
            len
        } else {
            chars
                .by_ref()
                .take(len)
                .filter(|c| !c.is_whitespace())
                .count()
        };
        f(from, to, weight as u64, sets);
    };
    let mut pos = 0;
    let mut i = 0;
    while let Some(&(at, ..)) = events.get(i) {
        if at > pos {
            emit(pos, at, &sets);
            pos = at;
        }
        while let Some(&(p, delta, coder, code)) = events.get(i) {
            if p != at {
                break;
            }
            let d = depth.entry((coder, code)).or_default();
            let was = *d > 0;
            *d += delta;
            if let Some(set) = sets.get_mut(coder) {
                match (was, *d > 0) {
                    (false, true) => {
                        if let Err(slot) = set.binary_search(&code) {
                            set.insert(slot, code);
                        }
                    }
                    (true, false) => {
                        if let Ok(slot) = set.binary_search(&code) {
                            set.remove(slot);
                        }
                    }
                    _ => {}
                }
            }
            i += 1;
        }
    }
    let end = data.doc.char_len();
    if end > pos {
        emit(pos, end, &sets);
    }
}

/// The segment-level units of a document: for each, each coder's set of
/// codes. Matched segments are grouped with a union-find while sweeping the
/// segments in text order. O(S log S + overlapping pairs).
fn segment_units(data: &DocData<'_>, min_overlap: f64) -> Vec<Vec<Vec<u32>>> {
    let n = data.segs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let start = |s: &Seg<'_>| s.spans.first().map_or(0, |x| x.start().0);
    let end = |s: &Seg<'_>| s.spans.last().map_or(0, |x| x.end().0);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| start(&data.segs[i]));
    let mut active: Vec<usize> = Vec::new();
    for &s in &order {
        let seg = &data.segs[s];
        active.retain(|&t| end(&data.segs[t]) > start(seg));
        for &t in &active {
            let other = &data.segs[t];
            let shared = overlap_len(seg.spans, other.spans);
            let longer = seg.chars.max(other.chars);
            if shared > 0 && shared as f64 >= min_overlap * longer as f64 {
                let (a, b) = (find(&mut parent, s), find(&mut parent, t));
                parent[a] = b;
            }
        }
        active.push(s);
    }
    let mut unit_of: HashMap<usize, usize> = HashMap::new();
    let mut units: Vec<Vec<Vec<u32>>> = Vec::new();
    for &s in &order {
        let root = find(&mut parent, s);
        let next = units.len();
        let u = *unit_of.entry(root).or_insert(next);
        if u == next {
            units.push(vec![Vec::new(); data.coders.len()]);
        }
        let seg = &data.segs[s];
        if let Some(set) = units.get_mut(u).and_then(|unit| unit.get_mut(seg.coder)) {
            set.extend(&seg.codes);
            set.sort_unstable();
            set.dedup();
        }
    }
    units
}

/// One document's tallies at one level.
#[derive(Default)]
struct DocTallies {
    overall: Tally,
    per_code: BTreeMap<u32, Tally>,
    /// Units in the document (pairable or not).
    total: u64,
}

/// Builds [`DocTallies`] from units given as each coder's set of codes.
struct Accumulator<'a> {
    coders: &'a [usize],
    tallies: DocTallies,
    recorded: BTreeMap<u32, u64>,
    values: Vec<(usize, Cat)>,
    present: Vec<u32>,
}

impl<'a> Accumulator<'a> {
    fn new(coders: &'a [usize]) -> Self {
        Self {
            coders,
            tallies: DocTallies::default(),
            recorded: BTreeMap::new(),
            values: Vec::new(),
            present: Vec::new(),
        }
    }

    fn unit(&mut self, sets: &[Vec<u32>], weight: u64, interner: &mut Interner) {
        if weight == 0 {
            return;
        }
        self.tallies.total += weight;
        self.values.clear();
        self.values.extend(
            self.coders
                .iter()
                .zip(sets)
                .map(|(&coder, set)| (coder, interner.intern(set))),
        );
        self.tallies.overall.add(&self.values, weight);
        self.present.clear();
        sets.iter().for_each(|set| self.present.extend(set));
        self.present.sort_unstable();
        self.present.dedup();
        for &code in &self.present {
            self.values.clear();
            self.values.extend(
                self.coders
                    .iter()
                    .zip(sets)
                    .map(|(&coder, set)| (coder, Cat::from(set.binary_search(&code).is_ok()))),
            );
            self.tallies
                .per_code
                .entry(code)
                .or_default()
                .add(&self.values, weight);
            *self.recorded.entry(code).or_default() += weight;
        }
    }

    /// The tallies, each code's counted over every unit of the document:
    /// the units where nobody applied it are agreement on "absent".
    fn finish(mut self, codes: &[u32]) -> DocTallies {
        for &code in codes {
            let absent = self.tallies.total - self.recorded.get(&code).copied().unwrap_or(0);
            add_absent(
                self.tallies.per_code.entry(code).or_default(),
                self.coders,
                absent,
            );
        }
        self.tallies
    }
}

/// `weight` units on which every one of `coders` says "not applied".
fn add_absent(tally: &mut Tally, coders: &[usize], weight: u64) {
    let zeros: Vec<(usize, Cat)> = coders.iter().map(|&c| (c, 0)).collect();
    tally.add(&zeros, weight);
}

/// Agreement between the coders of `project`: per document and pooled, per
/// code and overall, at the character and the segment level.
///
/// O(A log A + total text length) for A annotations, plus the overlapping
/// segment pairs.
pub fn agreement(project: &Project, options: &AgreementOptions) -> AgreementReport {
    let min_overlap = if options.segment_min_overlap > 0.0 {
        options.segment_min_overlap.min(1.0)
    } else {
        f64::MIN_POSITIVE
    };
    let code_index: HashMap<&CodeId, u32> = project
        .codes()
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let mut names: Vec<String> = project
        .annotations()
        .iter()
        .filter(|a| a.codes.iter().any(|c| code_index.contains_key(c)))
        .map(|a| a.author.clone())
        .collect();
    names.sort_unstable();
    names.dedup();
    let coder_index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();

    let mut interner = Interner::new();
    let mut docs = Vec::new();
    for doc in project.documents() {
        let data = DocData::new(project, doc, &code_index, &coder_index);
        let (mut chars, mut segs) = (
            Accumulator::new(&data.coders),
            Accumulator::new(&data.coders),
        );
        if data.coders.len() >= 2 {
            sweep(&data, options.count_whitespace, |_, _, weight, sets| {
                chars.unit(sets, weight, &mut interner);
            });
            for unit in segment_units(&data, min_overlap) {
                segs.unit(&unit, 1, &mut interner);
            }
        }
        let (chars, segs) = (chars.finish(&data.codes), segs.finish(&data.codes));
        docs.push(DocEntry { data, chars, segs });
    }

    let used: BTreeSet<u32> = docs
        .iter()
        .flat_map(|d| d.data.codes.iter().copied())
        .collect();
    let pooled = |level: for<'e> fn(&'e DocEntry<'_>) -> &'e DocTallies| {
        let mut overall = Tally::default();
        let mut per_code: BTreeMap<u32, Tally> =
            used.iter().map(|&c| (c, Tally::default())).collect();
        for entry in &docs {
            let tallies = level(entry);
            overall.merge(&tallies.overall);
            for (code, tally) in &mut per_code {
                match tallies.per_code.get(code) {
                    Some(t) => tally.merge(t),
                    None => add_absent(tally, &entry.data.coders, tallies.total),
                }
            }
        }
        report(project, &names, names.len(), &overall, &per_code)
    };
    let character = pooled(|e| &e.chars);
    let segment = pooled(|e| &e.segs);
    let documents = docs
        .iter()
        .map(|DocEntry { data, chars, segs }| {
            let coders = data.coders.len();
            DocumentReport {
                document: data.doc.id.clone(),
                name: data.doc.name.clone(),
                coders: data
                    .coders
                    .iter()
                    .filter_map(|&c| names.get(c).cloned())
                    .collect(),
                character: report(project, &names, coders, &chars.overall, &chars.per_code),
                segment: report(project, &names, coders, &segs.overall, &segs.per_code),
            }
        })
        .collect();
    AgreementReport {
        options: *options,
        coders: names.clone(),
        character,
        segment,
        documents,
    }
}

/// A document with its tallies at both levels.
struct DocEntry<'p> {
    data: DocData<'p>,
    chars: DocTallies,
    segs: DocTallies,
}

fn report(
    project: &Project,
    names: &[String],
    coders: usize,
    overall: &Tally,
    per_code: &BTreeMap<u32, Tally>,
) -> LevelReport {
    LevelReport {
        overall: overall.measures(coders),
        pairs: overall.pair_measures(names),
        codes: per_code
            .iter()
            .filter_map(|(&c, tally)| {
                let code = project.codes().get(usize::try_from(c).ok()?)?;
                Some(CodeMeasures {
                    code: code.id.clone(),
                    name: code.name.clone(),
                    measures: tally.measures(coders),
                })
            })
            .collect(),
    }
}

/// A stretch of a document on which its coders apply different codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// Where.
    pub span: CharSpan,
    /// Each coder of the document (sorted) with the codes they apply there.
    pub codes: Vec<(String, Vec<CodeId>)>,
}

/// Where the coders of document `doc` disagree, character by character
/// (whitespace included), as maximal stretches in text order: what a
/// comparison view highlights. Empty when the document has fewer than two
/// coders or is unknown.
pub fn differences(project: &Project, doc: &DocId) -> Vec<Difference> {
    let Some(document) = project.document(doc) else {
        return Vec::new();
    };
    let code_index: HashMap<&CodeId, u32> = project
        .codes()
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.id, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let mut names: Vec<&str> = project
        .annotations_of(doc)
        .iter()
        .map(|a| a.author.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    let coder_index: HashMap<&str, usize> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let data = DocData::new(project, document, &code_index, &coder_index);
    if data.coders.len() < 2 {
        return Vec::new();
    }
    let mut raw: Vec<(usize, usize, Vec<Vec<u32>>)> = Vec::new();
    sweep(&data, true, |from, to, _, sets| {
        if sets.windows(2).all(|w| w[0] == w[1]) {
            return;
        }
        match raw.last_mut() {
            Some(last) if last.1 == from && last.2 == sets => last.1 = to,
            _ => raw.push((from, to, sets.to_vec())),
        }
    });
    let code_id = |i: &u32| project.codes().get(*i as usize).map(|c| c.id.clone());
    raw.into_iter()
        .map(|(from, to, sets)| Difference {
            span: CharSpan::from_range(from, to),
            codes: data
                .coders
                .iter()
                .zip(sets)
                .map(|(&c, set)| {
                    let name = names.get(c).map_or_else(String::new, |n| (*n).to_owned());
                    (name, set.iter().filter_map(code_id).collect())
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
