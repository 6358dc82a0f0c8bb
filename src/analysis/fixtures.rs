//! Small projects for the unit tests.

use crate::model::{Annotation, CharSpan, Code, CodeId, Color, DocId, Document, Project};

/// The texts of the two documents `d-1` (23 characters) and `d-2` (19).
pub(crate) const TEXTS: [&str; 2] = [
    "中俄联合声明关于科索沃问题和联合国改革的立场。",
    "反导条约非常重要，科索沃局势令人关切。",
];

/// One annotation: document id, spans, code names (`c-NAME` ids), author.
pub(crate) type Spec<'a> = (&'a str, &'a [(usize, usize)], &'a [&'a str], &'a str);

/// A sound project on two short Chinese documents ([`TEXTS`], named 甲.txt
/// and 乙.txt) with the codes K, U and A (ids `c-K`, `c-U`, `c-A`) and the
/// annotations `anns`.
pub(crate) fn project(anns: &[Spec<'_>]) -> Project {
    project_on(&TEXTS, anns)
}

/// Like [`project`], on documents `d-1`, `d-2`… with these texts.
pub(crate) fn project_on(texts: &[&str], anns: &[Spec<'_>]) -> Project {
    let names = ["甲.txt", "乙.txt", "丙.txt", "丁.txt"];
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            Document::new(
                DocId(format!("d-{}", i + 1)),
                names.get(i).copied().unwrap_or("x.txt"),
                *text,
            )
        })
        .collect();
    let codes = ["K", "U", "A"]
        .iter()
        .enumerate()
        .map(|(i, n)| Code::new(CodeId(format!("c-{n}")), *n, Color::distinct(i)))
        .collect();
    let annotations = anns.iter().map(|spec| annotation(&docs, spec)).collect();
    let p = Project::from_parts("t".into(), codes, docs, annotations);
    assert_eq!(p.problems(), vec![]);
    p
}

/// The annotation `spec` describes, on one of `docs`.
pub(crate) fn annotation(docs: &[Document], (doc, spans, codes, author): &Spec<'_>) -> Annotation {
    let d = docs
        .iter()
        .find(|d| d.id.0 == *doc)
        .expect("a fixture document");
    let mut a = Annotation::new(
        d,
        CharSpan::from_range(spans[0].0, spans[0].1),
        codes.iter().map(|c| CodeId(format!("c-{c}"))).collect(),
        author,
    );
    a.spans = spans
        .iter()
        .map(|&(s, e)| CharSpan::from_range(s, e))
        .collect();
    a.refresh_quote(d);
    a
}
