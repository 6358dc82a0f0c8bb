//! Merging: documents by text, codes by name, annotations by id.

use super::*;
use crate::analysis::fixtures::{Spec, TEXTS, annotation, project};
use crate::model::{Color, Source};

fn input<'a>(label: &'a str, project: &'a Project) -> MergeInput<'a> {
    MergeInput { label, project }
}

fn code(id: &str, name: &str, color: u8) -> Code {
    Code::new(CodeId(id.into()), name, Color([color, 0, 0]))
}

/// A project with these documents (id, name, text), codes and annotations.
fn custom(docs: &[(&str, &str, &str)], codes: Vec<Code>, anns: &[Spec<'_>]) -> Project {
    let docs: Vec<Document> = docs
        .iter()
        .map(|(id, name, text)| Document::new(DocId((*id).into()), *name, *text))
        .collect();
    let annotations = anns.iter().map(|spec| annotation(&docs, spec)).collect();
    let p = Project::from_parts("custom".into(), codes, docs, annotations);
    assert_eq!(p.problems(), vec![]);
    p
}

#[test]
fn two_annotators_on_the_same_documents() {
    let a = project(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-2", &[(0, 4)], &["A"], "amy"),
    ]);
    let b = project(&[("d-1", &[(8, 13)], &["K"], "bo")]);
    let (m, conflicts) = merge(&[input("a", &a), input("b", &b)]).expect("merge");
    assert_eq!(conflicts, vec![]);
    assert_eq!(m.name(), a.name());
    assert_eq!(m.documents(), a.documents());
    assert_eq!(m.codes(), a.codes());
    assert_eq!(m.annotations().len(), 3);
    let authors: Vec<&str> = m
        .annotations_of(&DocId("d-1".into()))
        .iter()
        .map(|x| x.author.as_str())
        .collect();
    assert_eq!(authors.len(), 2);
    assert!(authors.contains(&"amy") && authors.contains(&"bo"));
    for ann in b.annotations() {
        assert_eq!(m.annotation(ann.id), Some(ann), "kept as it was");
    }
}

#[test]
fn documents_match_by_text_not_by_id_name_or_source_hash() {
    let a = project(&[("d-2", &[(9, 12)], &["K"], "amy")]);
    // B holds a's d-2 as its d-1, under another name, decoded from GB18030.
    let b = custom(
        &[("d-1", "另一个名字.txt", TEXTS[1])],
        a.codes().to_vec(),
        &[("d-1", &[(9, 12)], &["K"], "bo")],
    );
    let (name, codes, mut docs, anns) = b.into_parts();
    docs[0].source = Some(Source {
        path: "x.txt".into(),
        sha256: "0".repeat(64),
        encoding: "GB18030".into(),
    });
    let b = Project::from_parts(name, codes, docs, anns);
    let (m, conflicts) = merge(&[input("a", &a), input("b", &b)]).expect("merge");
    assert_eq!(conflicts, vec![]);
    assert_eq!(m.documents().len(), 2);
    let bo = m
        .annotations()
        .iter()
        .find(|x| x.author == "bo")
        .expect("bo's");
    assert_eq!(bo.document.0, "d-2");
    assert_eq!(bo.quote, "科索沃");
}

#[test]
fn a_new_document_is_added_and_a_changed_text_is_reported() {
    let a = custom(
        &[("d-1", "甲.txt", TEXTS[0])],
        vec![code("c-K", "K", 1)],
        &[],
    );
    let b = custom(
        &[("d-1", "甲.txt", "改过的文本"), ("d-2", "乙.txt", TEXTS[1])],
        vec![code("c-K", "K", 1)],
        &[
            ("d-1", &[(0, 2)], &["K"], "bo"),
            ("d-2", &[(9, 12)], &["K"], "bo"),
        ],
    );
    let (m, conflicts) = merge(&[input("a", &a), input("b", &b)]).expect("merge");
    let ids: Vec<&str> = m.documents().iter().map(|d| d.id.0.as_str()).collect();
    assert_eq!(ids, ["d-1", "d-2", "d-3"]);
    assert_eq!(
        conflicts,
        vec![Conflict::DocumentText {
            source: "b".into(),
            name: "甲.txt".into(),
            kept: DocId("d-1".into()),
            added: DocId("d-2".into()),
        }]
    );
    // bo's annotations follow their texts.
    let quotes: Vec<(&str, &str)> = m
        .annotations()
        .iter()
        .map(|x| (x.document.0.as_str(), x.quote.as_str()))
        .collect();
    assert_eq!(quotes, [("d-2", "改过"), ("d-3", "科索沃")]);
}

#[test]
fn same_annotation_id_kept_once_when_identical_and_twice_when_not() {
    let a = project(&[
        ("d-1", &[(8, 11)], &["K"], "amy"),
        ("d-1", &[(14, 19)], &["U"], "amy"),
    ]);
    let mut b = a.clone();
    let mut changed = b.annotations()[1].clone();
    changed.note = "bo disagrees".into();
    changed.author = "bo".into();
    b.apply(crate::model::Edit::ReplaceAnnotation(changed.clone()))
        .expect("edit");
    let (m, conflicts) = merge(&[input("a", &a), input("b", &b)]).expect("merge");
    assert_eq!(m.annotations().len(), 3);
    let [
        Conflict::Annotation {
            source,
            id,
            new_id,
            author,
        },
    ] = conflicts.as_slice()
    else {
        panic!("{conflicts:?}");
    };
    assert_eq!(
        (source.as_str(), *id, author.as_str()),
        ("b", changed.id, "bo")
    );
    assert_eq!(
        m.annotation(*id),
        Some(&a.annotations()[1]),
        "the first version keeps the id"
    );
    let renamed = m.annotation(*new_id).expect("the second version");
    assert_eq!(
        (renamed.note.as_str(), renamed.author.as_str()),
        ("bo disagrees", "bo")
    );
    assert_eq!(new_id.0.get_version_num(), 8);
    // Deterministic: merging again gives the same project.
    let (again, _) = merge(&[input("a", &a), input("b", &b)]).expect("merge");
    assert_eq!(again, m);
}

#[test]
fn codebook_conflicts_are_reported_not_resolved_silently() {
    let mut k = code("c-K", "Kosovo", 1);
    k.description = "科索沃".into();
    k.keywords = vec!["科索沃".into()];
    k.shortcut = Some("1".into());
    let parent = code("c-P", "Places", 3);
    let a = custom(
        &[("d-1", "甲.txt", TEXTS[0])],
        vec![parent.clone(), k.clone(), code("c-U", "UN", 2)],
        &[],
    );

    // B: "kosovo" (other case, other id, colour, parent, description,
    // shortcut, an extra keyword); c-U names another code; a new code wants
    // shortcut "1".
    let mut k2 = code("c-kos", "kosovo", 9);
    k2.parent = Some(CodeId("c-P".into()));
    k2.description = "Kosovo war".into();
    k2.keywords = vec!["科索沃".into(), "北约".into()];
    k2.shortcut = Some("2".into());
    let mut n = code("c-N", "NATO", 4);
    n.shortcut = Some("1".into());
    let b = custom(
        &[("d-1", "甲.txt", TEXTS[0])],
        vec![parent, k2, code("c-U", "Russia", 5), n],
        &[
            ("d-1", &[(8, 11)], &["kos"], "bo"),
            ("d-1", &[(0, 2)], &["U"], "bo"),
        ],
    );
    let (m, conflicts) = merge(&[input("a", &a), input("b", &b)]).expect("merge");

    let names: Vec<&str> = m.codes().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Places", "Kosovo", "UN", "Russia", "NATO"]);
    let kosovo = &m.codes()[1];
    assert_eq!(
        (
            kosovo.id.0.as_str(),
            kosovo.color,
            kosovo.shortcut.as_deref()
        ),
        ("c-K", k.color, Some("1"))
    );
    assert_eq!(kosovo.keywords, ["科索沃", "北约"], "keywords united");
    let russia = &m.codes()[3];
    assert_eq!(russia.id.0, "c-russia");
    assert_eq!(m.codes()[4].shortcut, None);

    let kinds: Vec<String> = conflicts.iter().map(ToString::to_string).collect();
    let field = |field: CodeField, kept: &str, other: &str| Conflict::CodeField {
        source: "b".into(),
        code: CodeId("c-K".into()),
        name: "Kosovo".into(),
        field,
        kept: kept.into(),
        other: other.into(),
    };
    assert_eq!(
        conflicts,
        vec![
            Conflict::CodeId {
                source: "b".into(),
                id: CodeId("c-U".into()),
                kept_name: "UN".into(),
                other_name: "Russia".into(),
                new_id: CodeId("c-russia".into()),
            },
            Conflict::Shortcut {
                source: "b".into(),
                code: CodeId("c-N".into()),
                name: "NATO".into(),
                shortcut: "1".into(),
                taken_by: CodeId("c-K".into()),
            },
            field(CodeField::Color, "#010000", "#090000"),
            field(CodeField::Parent, "", "c-P"),
            field(CodeField::Description, "科索沃", "Kosovo war"),
            field(CodeField::Shortcut, "1", "2"),
        ],
        "{kinds:#?}"
    );
    assert!(
        kinds[0].starts_with("b: code id \"c-U\" is \"Russia\" here but \"UN\""),
        "{}",
        kinds[0]
    );

    // bo's annotations now point at the merged ids.
    let codes: Vec<&str> = m
        .annotations()
        .iter()
        .map(|x| x.codes[0].0.as_str())
        .collect();
    assert_eq!(codes, ["c-russia", "c-K"]);
}

#[test]
fn one_project_merges_to_itself_and_none_is_an_error() {
    let a = project(&[("d-1", &[(8, 11)], &["K"], "amy")]);
    let (m, conflicts) = merge(&[input("a", &a)]).expect("merge");
    assert_eq!((m, conflicts), (a.clone(), vec![]));
    let (twice, conflicts) = merge(&[input("a", &a), input("a", &a)]).expect("merge");
    assert_eq!((twice, conflicts), (a, vec![]));
    assert_eq!(merge(&[]), Err(MergeError::NoProjects));
}

#[test]
fn text_hashes_are_sha256_hex() {
    // echo -n "abc" | sha256sum
    assert_eq!(
        text_sha256("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
