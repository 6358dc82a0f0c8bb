//! Property test of the model: random sequences of edits, undos and redos
//! through `History` keep the project sound, every undo gives back exactly
//! the state before its edit, and undoing everything gives back the start.

use pizhu::model::starter::declaration_codebook;
use pizhu::model::{
    Annotation, AnnotationId, CharSpan, Code, CodeId, Color, DocId, Document, Edit, EditError,
    History, Project,
};
use proptest::prelude::*;

/// One step of a session; indices pick items of the project as it is then.
#[derive(Clone, Debug)]
enum Op {
    InsertAnnotation {
        doc: usize,
        start: usize,
        len: usize,
        second: Option<(usize, usize)>,
        codes: Vec<Option<usize>>,
        note: usize,
    },
    RemoveAnnotation(Option<usize>),
    ReplaceAnnotation {
        pick: usize,
        start: usize,
        len: usize,
        codes: Vec<Option<usize>>,
        note: usize,
    },
    InsertCode {
        name: usize,
        parent: Option<Option<usize>>,
        index: usize,
        reuse_id: bool,
    },
    ReplaceCode {
        pick: usize,
        name: usize,
        parent: Option<Option<usize>>,
        color: [u8; 3],
    },
    MoveCode {
        pick: usize,
        index: usize,
    },
    RemoveCode(Option<usize>),
    DeleteCode(usize),
    MergeCodes(usize, usize),
    InsertDocument {
        text: String,
        index: usize,
        reuse_id: bool,
    },
    RemoveDocument(Option<usize>),
    RenameProject(usize),
    Batch(Vec<Op>),
    Undo,
    Redo,
}

/// Names that clash case-insensitively, an empty one, CJK, emoji, Ext B.
const NAMES: [&str; 10] = [
    "Kosovo",
    "kosovo",
    "北约",
    " 北约 ",
    "反导",
    "😀",
    "𠀀",
    "ABM Treaty",
    "新代码",
    "",
];
const NOTES: [&str; 4] = ["", "注释\n第二行 \"引号\" 😀", "𠀀\\", "note"];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "世",
            "纪",
            "科索沃",
            "😀",
            "𠀀",
            "\n",
            "a",
            " ",
            "\"",
            "e\u{301}",
            "北约",
        ]),
        0..30,
    )
    .prop_map(|parts| parts.concat())
}

fn codes_pick() -> impl Strategy<Value = Vec<Option<usize>>> {
    prop::collection::vec(prop::option::weighted(0.95, any::<usize>()), 0..3)
}

fn parent_pick() -> impl Strategy<Value = Option<Option<usize>>> {
    prop::option::of(prop::option::weighted(0.9, any::<usize>()))
}

fn simple_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any::<usize>(), any::<usize>(), 0usize..6, prop::option::weighted(0.2, (0usize..3, 1usize..4)), codes_pick(), 0..NOTES.len())
            .prop_map(|(doc, start, len, second, codes, note)| Op::InsertAnnotation { doc, start, len, second, codes, note }),
        2 => prop::option::weighted(0.95, any::<usize>()).prop_map(Op::RemoveAnnotation),
        3 => (any::<usize>(), any::<usize>(), 0usize..6, codes_pick(), 0..NOTES.len())
            .prop_map(|(pick, start, len, codes, note)| Op::ReplaceAnnotation { pick, start, len, codes, note }),
        3 => (0..NAMES.len(), parent_pick(), 0usize..12, prop::bool::weighted(0.1))
            .prop_map(|(name, parent, index, reuse_id)| Op::InsertCode { name, parent, index, reuse_id }),
        3 => (any::<usize>(), 0..NAMES.len(), parent_pick(), any::<[u8; 3]>())
            .prop_map(|(pick, name, parent, color)| Op::ReplaceCode { pick, name, parent, color }),
        2 => (any::<usize>(), 0usize..12).prop_map(|(pick, index)| Op::MoveCode { pick, index }),
        2 => prop::option::weighted(0.95, any::<usize>()).prop_map(Op::RemoveCode),
        2 => any::<usize>().prop_map(Op::DeleteCode),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::MergeCodes(a, b)),
        1 => (text(), 0usize..5, prop::bool::weighted(0.1))
            .prop_map(|(text, index, reuse_id)| Op::InsertDocument { text, index, reuse_id }),
        1 => prop::option::weighted(0.95, any::<usize>()).prop_map(Op::RemoveDocument),
        1 => (0..NAMES.len()).prop_map(Op::RenameProject),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        20 => simple_op(),
        2 => prop::collection::vec(simple_op(), 1..4).prop_map(Op::Batch),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

fn start_project() -> impl Strategy<Value = Project> {
    (
        prop::collection::vec(text(), 1..4),
        0usize..=9,
        prop::collection::vec(any::<usize>(), 0..3),
    )
        .prop_map(|(texts, n_codes, parents)| {
            let documents = texts
                .into_iter()
                .enumerate()
                .map(|(i, text)| {
                    Document::new(
                        DocId(format!("d-{}", i + 1)),
                        format!("文档 {i} 😀.txt"),
                        text,
                    )
                })
                .collect();
            let mut codes: Vec<Code> = declaration_codebook().into_iter().take(n_codes).collect();
            // Nest a few codes under earlier ones (no cycles).
            for (i, pick) in parents.into_iter().enumerate() {
                let child = i + 1;
                if child < codes.len() {
                    codes[child].parent = Some(codes[pick % child].id.clone());
                }
            }
            Project::from_parts("会话 𠀀".into(), codes, documents, Vec::new())
        })
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

fn missing_code() -> CodeId {
    CodeId("c-missing".into())
}

fn code_ids(project: &Project, picks: &[Option<usize>]) -> Vec<CodeId> {
    let mut ids = Vec::new();
    for p in picks {
        let id = match p {
            Some(i) => match pick(project.codes(), *i) {
                Some(code) => code.id.clone(),
                None => continue,
            },
            None => missing_code(),
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

fn parent_id(project: &Project, parent: Option<Option<usize>>) -> Option<CodeId> {
    match parent? {
        Some(i) => pick(project.codes(), i).map(|c| c.id.clone()),
        None => Some(missing_code()),
    }
}

/// Spans `[start, start + len)` and maybe a second after a gap; they may be
/// empty or past the end, which `apply` must refuse.
fn spans(
    doc: &Document,
    start: usize,
    len: usize,
    second: Option<(usize, usize)>,
) -> Vec<CharSpan> {
    let start = start % (doc.char_len() + 1);
    let first = CharSpan::from_range(start, start + len);
    let mut spans = vec![first];
    if let Some((gap, len2)) = second {
        let s = first.end().0 + gap;
        spans.push(CharSpan::from_range(s, s + len2));
    }
    spans
}

/// The edit `op` stands for in `project`, or `None` when the builder itself
/// refused (which must then be a `NotFound` or a self-merge).
fn edit_for(project: &Project, op: &Op) -> Option<Edit> {
    let fallback_doc = Document::new(DocId("d-missing".into()), "", "");
    Some(match op {
        Op::InsertAnnotation {
            doc,
            start,
            len,
            second,
            codes,
            note,
        } => {
            let doc = pick(project.documents(), *doc).unwrap_or(&fallback_doc);
            let mut ann = Annotation::new(
                doc,
                CharSpan::from_range(0, 0),
                code_ids(project, codes),
                "测试者",
            );
            ann.spans = spans(doc, *start, *len, *second);
            ann.note = NOTES[*note].into();
            ann.refresh_quote(doc);
            Edit::InsertAnnotation(ann)
        }
        Op::RemoveAnnotation(i) => Edit::RemoveAnnotation(
            i.and_then(|i| pick(project.annotations(), i))
                .map_or_else(AnnotationId::random, |a| a.id),
        ),
        Op::ReplaceAnnotation {
            pick: i,
            start,
            len,
            codes,
            note,
        } => {
            let mut ann = pick(project.annotations(), *i)?.clone();
            let doc = project.document(&ann.document)?;
            ann.spans = spans(doc, *start, *len, None);
            ann.codes = code_ids(project, codes);
            ann.note = NOTES[*note].into();
            ann.refresh_quote(doc);
            Edit::ReplaceAnnotation(ann)
        }
        Op::InsertCode {
            name,
            parent,
            index,
            reuse_id,
        } => {
            let id = match pick(project.codes(), *index) {
                Some(code) if *reuse_id => code.id.clone(),
                _ => pizhu::model::codebook::fresh_code_id(
                    NAMES[*name],
                    project.codes().iter().map(|c| &c.id),
                ),
            };
            let mut code = Code::new(id, NAMES[*name], Color::distinct(*index));
            code.parent = parent_id(project, *parent);
            code.keywords = vec![NAMES[*name].trim().to_owned()];
            Edit::InsertCode {
                code,
                index: *index,
            }
        }
        Op::ReplaceCode {
            pick: i,
            name,
            parent,
            color,
        } => {
            let mut code = pick(project.codes(), *i)?.clone();
            code.name = NAMES[*name].into();
            code.parent = parent_id(project, *parent);
            code.color = Color(*color);
            Edit::ReplaceCode(code)
        }
        Op::MoveCode { pick: i, index } => Edit::MoveCode {
            id: pick(project.codes(), *i).map_or_else(missing_code, |c| c.id.clone()),
            index: *index,
        },
        Op::RemoveCode(i) => Edit::RemoveCode(
            i.and_then(|i| pick(project.codes(), i))
                .map_or_else(missing_code, |c| c.id.clone()),
        ),
        Op::DeleteCode(i) => {
            let id = pick(project.codes(), *i).map_or_else(missing_code, |c| c.id.clone());
            match project.delete_code_edit(&id) {
                Ok(edit) => edit,
                Err(err) => {
                    assert!(matches!(err, EditError::NotFound { .. }), "{err:?}");
                    return None;
                }
            }
        }
        Op::MergeCodes(a, b) => {
            let from = pick(project.codes(), *a).map_or_else(missing_code, |c| c.id.clone());
            let into = pick(project.codes(), *b).map_or_else(missing_code, |c| c.id.clone());
            match project.merge_codes_edit(&from, &into) {
                Ok(edit) => edit,
                Err(err) => {
                    assert!(
                        matches!(err, EditError::NotFound { .. } | EditError::InUse(_)),
                        "{err:?}"
                    );
                    return None;
                }
            }
        }
        Op::InsertDocument {
            text,
            index,
            reuse_id,
        } => {
            let id = match pick(project.documents(), *index) {
                Some(doc) if *reuse_id => doc.id.clone(),
                _ => project.fresh_doc_id(),
            };
            Edit::InsertDocument {
                document: Box::new(Document::new(id, "新文档.txt", text.clone())),
                index: *index,
            }
        }
        Op::RemoveDocument(i) => Edit::RemoveDocument(
            i.and_then(|i| pick(project.documents(), i))
                .map_or_else(|| DocId("d-missing".into()), |d| d.id.clone()),
        ),
        Op::RenameProject(i) => Edit::RenameProject(NAMES[*i].into()),
        Op::Batch(ops) => Edit::Batch {
            label: "批量".into(),
            edits: ops.iter().filter_map(|op| edit_for(project, op)).collect(),
        },
        Op::Undo | Op::Redo => unreachable!("not an edit"),
    })
}

/// Everything but the revision.
fn parts(p: &Project) -> (String, Vec<Code>, Vec<Document>, Vec<Annotation>) {
    p.clone().into_parts()
}

fn assert_sound(project: &Project, after: &dyn std::fmt::Debug) -> Result<(), TestCaseError> {
    prop_assert_eq!(project.problems(), vec![], "after {:?}", after);
    let sorted = project
        .annotations()
        .windows(2)
        .all(|w| w[0].sort_key() < w[1].sort_key());
    prop_assert!(sorted, "annotations out of text order after {:?}", after);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn edits_keep_the_project_sound_and_undo_all_the_way_back(
        original in start_project(),
        ops in prop::collection::vec(op(), 1..40),
    ) {
        prop_assert_eq!(original.problems(), vec![]);
        let mut project = original.clone();
        let mut history = History::default();
        // Snapshots the undo and redo stacks must give back.
        let mut undo_states: Vec<Project> = Vec::new();
        let mut redo_states: Vec<Project> = Vec::new();
        for op in &ops {
            let before = project.clone();
            match op {
                Op::Undo => match undo_states.pop() {
                    Some(state) => {
                        history.undo(&mut project).map_err(|e| TestCaseError::fail(format!("undo: {e}")))?;
                        prop_assert_eq!(parts(&project), parts(&state));
                        redo_states.push(before);
                    }
                    None => prop_assert_eq!(history.undo(&mut project), Err(EditError::NothingTo("undo"))),
                },
                Op::Redo => match redo_states.pop() {
                    Some(state) => {
                        history.redo(&mut project).map_err(|e| TestCaseError::fail(format!("redo: {e}")))?;
                        prop_assert_eq!(parts(&project), parts(&state));
                        undo_states.push(before);
                    }
                    None => prop_assert_eq!(history.redo(&mut project), Err(EditError::NothingTo("redo"))),
                },
                _ => {
                    let Some(edit) = edit_for(&project, op) else { continue };
                    let label = edit.label();
                    match history.apply(&mut project, edit) {
                        Ok(()) => {
                            prop_assert_eq!(project.revision(), before.revision() + 1);
                            prop_assert_eq!(history.undo_label(), Some(label.as_str()));
                            undo_states.push(before);
                            redo_states.clear();
                        }
                        Err(_) => prop_assert_eq!(&project, &before, "a refused {:?} changed the project", op),
                    }
                }
            }
            assert_sound(&project, op)?;
            prop_assert_eq!(history.undo_label().is_some(), !undo_states.is_empty());
            prop_assert_eq!(history.redo_label().is_some(), !redo_states.is_empty());
        }
        let end = project.clone();
        let steps = undo_states.len();
        while let Some(state) = undo_states.pop() {
            history.undo(&mut project).map_err(|e| TestCaseError::fail(format!("undo: {e}")))?;
            prop_assert_eq!(parts(&project), parts(&state));
            assert_sound(&project, &"undo")?;
        }
        prop_assert_eq!(parts(&project), parts(&original));
        prop_assert_eq!(history.undo(&mut project), Err(EditError::NothingTo("undo")));
        // Redoing as many steps comes back to where the session ended.
        for _ in 0..steps {
            history.redo(&mut project).map_err(|e| TestCaseError::fail(format!("redo: {e}")))?;
            assert_sound(&project, &"redo")?;
        }
        prop_assert_eq!(parts(&project), parts(&end));
    }
}
