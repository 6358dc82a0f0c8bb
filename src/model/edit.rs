//! Edits: the only way a [`Project`] changes, each with an exact inverse.
//!
//! [`Project::apply`] checks an edit against the project's invariants, applies
//! it, and returns the edit that undoes it. [`History`] keeps those inverses
//! on a linear undo stack (a new edit after an undo drops the redo branch).

use super::annotation::{Annotation, AnnotationId, Timestamp};
use super::codebook::{Code, CodeId};
use super::document::{DocId, Document};
use super::memo::{Memo, MemoTarget};
use super::project::{Problem, Project};

/// One undoable change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add an annotation (kept in text order).
    InsertAnnotation(Annotation),
    /// Remove an annotation.
    RemoveAnnotation(AnnotationId),
    /// Replace the annotation with the same id (note, codes, spans…).
    ReplaceAnnotation(Annotation),
    /// Add a code at a position of the codebook.
    InsertCode {
        /// The new code.
        code: Code,
        /// Where in the codebook's order; clamped to its length.
        index: usize,
    },
    /// Remove an unused code that has no children.
    RemoveCode(CodeId),
    /// Replace the code with the same id (rename, recolour, reparent…).
    ReplaceCode(Code),
    /// Move a code to another position of the codebook's order.
    MoveCode {
        /// The code.
        id: CodeId,
        /// Its new position; clamped.
        index: usize,
    },
    /// Add a document at a position of the document list.
    InsertDocument {
        /// The new document.
        document: Box<Document>,
        /// Where in the list; clamped.
        index: usize,
    },
    /// Remove a document that has no annotations.
    RemoveDocument(DocId),
    /// Rename the project.
    RenameProject(String),
    /// Set (or, with empty text, remove) the memo about a target.
    SetMemo {
        /// What the memo is about.
        about: super::memo::MemoTarget,
        /// Its new text.
        text: String,
    },
    /// Several edits as one undoable step; all or nothing.
    Batch {
        /// What the user did, for the Undo menu item.
        label: String,
        /// Applied in order.
        edits: Vec<Edit>,
    },
}

/// Why an edit was refused. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit would break an invariant.
    #[error("{0}")]
    Invalid(#[from] Problem),
    /// The edit names something that does not exist.
    #[error("no {what} with id {id:?}")]
    NotFound {
        /// "annotation", "code" or "document".
        what: &'static str,
        /// The id looked for.
        id: String,
    },
    /// The edit adds something whose id exists already.
    #[error("a {what} with id {id:?} exists already")]
    Exists {
        /// "annotation", "code" or "document".
        what: &'static str,
        /// The id.
        id: String,
    },
    /// The code's name is taken by another code.
    #[error("a code named {0:?} exists already")]
    NameTaken(String),
    /// A code's name is empty.
    #[error("a code needs a name")]
    EmptyName,
    /// The item is still in use.
    #[error("{0}")]
    InUse(String),
    /// Nothing to undo or redo.
    #[error("nothing to {0}")]
    NothingTo(&'static str),
}

impl Edit {
    /// A short description for menus ("Undo add annotation").
    pub fn label(&self) -> String {
        match self {
            Self::InsertAnnotation(_) => "add annotation".into(),
            Self::RemoveAnnotation(_) => "delete annotation".into(),
            Self::ReplaceAnnotation(_) => "change annotation".into(),
            Self::InsertCode { code, .. } => format!("add code “{}”", code.name),
            Self::RemoveCode(_) => "delete code".into(),
            Self::ReplaceCode(code) => format!("change code “{}”", code.name),
            Self::MoveCode { .. } => "reorder codes".into(),
            Self::InsertDocument { document, .. } => format!("add document “{}”", document.name),
            Self::RemoveDocument(_) => "remove document".into(),
            Self::RenameProject(_) => "rename project".into(),
            Self::SetMemo { .. } => "edit memo".into(),
            Self::Batch { label, .. } => label.clone(),
        }
    }
}

fn not_found(what: &'static str, id: impl ToString) -> EditError {
    EditError::NotFound {
        what,
        id: id.to_string(),
    }
}

impl Project {
    /// Apply `edit`, returning its inverse; on error the project is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let inverse = self.apply_inner(edit)?;
        self.revision += 1;
        Ok(inverse)
    }

    fn apply_inner(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::InsertAnnotation(ann) => {
                if self.annotation(ann.id).is_some() {
                    return Err(EditError::Exists {
                        what: "annotation",
                        id: ann.id.to_string(),
                    });
                }
                self.check_annotation(&ann)?;
                let id = ann.id;
                self.insert_sorted(ann);
                Ok(Edit::RemoveAnnotation(id))
            }
            Edit::RemoveAnnotation(id) => {
                let index = self.annotation_index(id)?;
                Ok(Edit::InsertAnnotation(self.annotations.remove(index)))
            }
            Edit::ReplaceAnnotation(ann) => {
                let index = self.annotation_index(ann.id)?;
                self.check_annotation(&ann)?;
                let old = self.annotations.remove(index);
                self.insert_sorted(ann);
                Ok(Edit::ReplaceAnnotation(old))
            }
            Edit::InsertCode { code, index } => {
                if self.code(&code.id).is_some() {
                    return Err(EditError::Exists {
                        what: "code",
                        id: code.id.0,
                    });
                }
                self.check_code(&code)?;
                let id = code.id.clone();
                let index = index.min(self.codes.len());
                self.codes.insert(index, code);
                Ok(Edit::RemoveCode(id))
            }
            Edit::RemoveCode(id) => {
                let index = self.code_index(&id)?;
                if self.memo(&MemoTarget::Code(id.clone())).is_some() {
                    return Err(EditError::InUse(format!("code {id:?} has a memo")));
                }
                let uses = self.usage_count(&id);
                if uses > 0 {
                    return Err(EditError::InUse(format!(
                        "code {id:?} is used by {uses} annotations"
                    )));
                }
                if self.children_of(Some(&id)).next().is_some() {
                    return Err(EditError::InUse(format!("code {id:?} has child codes")));
                }
                let code = self.codes.remove(index);
                Ok(Edit::InsertCode { code, index })
            }
            Edit::ReplaceCode(code) => {
                let index = self.code_index(&code.id)?;
                self.check_code(&code)?;
                let old = std::mem::replace(&mut self.codes[index], code);
                if self.has_cycle(&old.id) {
                    let id = old.id.clone();
                    self.codes[index] = old;
                    return Err(Problem::ParentCycle { code: id }.into());
                }
                Ok(Edit::ReplaceCode(old))
            }
            Edit::MoveCode { id, index } => {
                let from = self.code_index(&id)?;
                let code = self.codes.remove(from);
                let to = index.min(self.codes.len());
                self.codes.insert(to, code);
                Ok(Edit::MoveCode { id, index: from })
            }
            Edit::InsertDocument { document, index } => {
                if self.document(&document.id).is_some() {
                    return Err(EditError::Exists {
                        what: "document",
                        id: document.id.0.clone(),
                    });
                }
                let id = document.id.clone();
                let index = index.min(self.documents.len());
                self.documents.insert(index, *document);
                Ok(Edit::RemoveDocument(id))
            }
            Edit::RemoveDocument(id) => {
                let index = self
                    .documents
                    .iter()
                    .position(|d| d.id == id)
                    .ok_or_else(|| not_found("document", &id))?;
                let uses = self.annotations_of(&id).len();
                if uses > 0 {
                    return Err(EditError::InUse(format!(
                        "document {id:?} has {uses} annotations"
                    )));
                }
                let document = Box::new(self.documents.remove(index));
                Ok(Edit::InsertDocument { document, index })
            }
            Edit::RenameProject(name) => {
                Ok(Edit::RenameProject(std::mem::replace(&mut self.name, name)))
            }
            Edit::SetMemo { about, text } => self.set_memo(about, text),
            Edit::Batch { label, edits } => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply_inner(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            // All or nothing: roll back what was applied. The
                            // inverses were valid a moment ago, so they apply.
                            for inverse in inverses.into_iter().rev() {
                                let _ = self.apply_inner(inverse);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch {
                    label,
                    edits: inverses,
                })
            }
        }
    }

    fn set_memo(&mut self, about: MemoTarget, text: String) -> Result<Edit, EditError> {
        let known = match &about {
            MemoTarget::Project => true,
            MemoTarget::Document(id) => self.document(id).is_some(),
            MemoTarget::Code(id) => self.code(id).is_some(),
        };
        if !known {
            return Err(Problem::UnknownMemoTarget {
                about: format!("{about:?}"),
            }
            .into());
        }
        let at = self.memos.partition_point(|m| m.about < about);
        let old = match self.memos.get(at) {
            Some(m) if m.about == about => self.memos.remove(at).text,
            _ => String::new(),
        };
        if !text.is_empty() {
            let memo = Memo {
                about: about.clone(),
                text,
                modified: Timestamp::now(),
            };
            self.memos.insert(at, memo);
        }
        Ok(Edit::SetMemo { about, text: old })
    }

    fn insert_sorted(&mut self, ann: Annotation) {
        let at = self
            .annotations
            .partition_point(|a| a.sort_key() < ann.sort_key());
        self.annotations.insert(at, ann);
    }

    fn annotation_index(&self, id: AnnotationId) -> Result<usize, EditError> {
        self.annotations
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| not_found("annotation", id))
    }

    fn code_index(&self, id: &CodeId) -> Result<usize, EditError> {
        self.codes
            .iter()
            .position(|c| &c.id == id)
            .ok_or_else(|| not_found("code", id))
    }

    fn check_annotation(&self, ann: &Annotation) -> Result<(), EditError> {
        match self.annotation_problems(ann, true).into_iter().next() {
            Some(problem) => Err(problem.into()),
            None => Ok(()),
        }
    }

    fn check_code(&self, code: &Code) -> Result<(), EditError> {
        let name = code.name.trim();
        if name.is_empty() {
            return Err(EditError::EmptyName);
        }
        let lower = name.to_lowercase();
        if self
            .codes
            .iter()
            .any(|c| c.id != code.id && c.name.trim().to_lowercase() == lower)
        {
            return Err(EditError::NameTaken(name.to_owned()));
        }
        if let Some(parent) = &code.parent {
            if self.code(parent).is_none() {
                return Err(Problem::UnknownParent {
                    code: code.id.clone(),
                    parent: parent.clone(),
                }
                .into());
            }
            if parent == &code.id {
                return Err(Problem::ParentCycle {
                    code: code.id.clone(),
                }
                .into());
            }
        }
        Ok(())
    }
}

/// Builders for edits made of several steps.
impl Project {
    /// Delete code `id`: annotations that carry only it are deleted, others
    /// lose it, its children move up to its parent.
    pub fn delete_code_edit(&self, id: &CodeId) -> Result<Edit, EditError> {
        let code = self.code(id).ok_or_else(|| not_found("code", id))?;
        let mut edits = Vec::new();
        for child in self.children_of(Some(id)) {
            let mut child = child.clone();
            child.parent.clone_from(&code.parent);
            edits.push(Edit::ReplaceCode(child));
        }
        for ann in self.annotations.iter().filter(|a| a.codes.contains(id)) {
            if ann.codes.len() == 1 {
                edits.push(Edit::RemoveAnnotation(ann.id));
            } else {
                let mut ann = ann.clone();
                ann.codes.retain(|c| c != id);
                ann.modified = Timestamp::now();
                edits.push(Edit::ReplaceAnnotation(ann));
            }
        }
        if self.memo(&MemoTarget::Code(id.clone())).is_some() {
            edits.push(Edit::SetMemo {
                about: MemoTarget::Code(id.clone()),
                text: String::new(),
            });
        }
        edits.push(Edit::RemoveCode(id.clone()));
        Ok(Edit::Batch {
            label: format!("delete code “{}”", code.name),
            edits,
        })
    }

    /// Merge code `from` into `into`: every annotation of `from` carries
    /// `into` instead, `from`'s children move under `into`, `from` goes.
    pub fn merge_codes_edit(&self, from: &CodeId, into: &CodeId) -> Result<Edit, EditError> {
        let source = self.code(from).ok_or_else(|| not_found("code", from))?;
        let target = self.code(into).ok_or_else(|| not_found("code", into))?;
        if from == into {
            return Err(EditError::InUse(
                "a code cannot be merged into itself".into(),
            ));
        }
        let mut edits = Vec::new();
        // A target nested under the source would lose its parent: lift it first.
        if self.is_ancestor(from, into) {
            let mut lifted = target.clone();
            lifted.parent.clone_from(&source.parent);
            edits.push(Edit::ReplaceCode(lifted));
        }
        for child in self.children_of(Some(from)).filter(|c| &c.id != into) {
            let mut child = child.clone();
            child.parent = Some(into.clone());
            edits.push(Edit::ReplaceCode(child));
        }
        for ann in self.annotations.iter().filter(|a| a.codes.contains(from)) {
            let mut ann = ann.clone();
            let mut codes = Vec::with_capacity(ann.codes.len());
            for c in ann.codes.drain(..) {
                let c = if &c == from { into.clone() } else { c };
                if !codes.contains(&c) {
                    codes.push(c);
                }
            }
            ann.codes = codes;
            ann.modified = Timestamp::now();
            edits.push(Edit::ReplaceAnnotation(ann));
        }
        // The source's memo moves onto the target's, so no writing is lost.
        if let Some(memo) = self.memo(&MemoTarget::Code(from.clone())) {
            let target_memo = self
                .memo(&MemoTarget::Code(into.clone()))
                .map(|m| m.text.clone());
            let text = match target_memo {
                Some(t) => format!("{t}\n\n{}", memo.text),
                None => memo.text.clone(),
            };
            edits.push(Edit::SetMemo {
                about: MemoTarget::Code(into.clone()),
                text,
            });
            edits.push(Edit::SetMemo {
                about: MemoTarget::Code(from.clone()),
                text: String::new(),
            });
        }
        edits.push(Edit::RemoveCode(from.clone()));
        Ok(Edit::Batch {
            label: format!("merge “{}” into “{}”", source.name, target.name),
            edits,
        })
    }

    /// True when `ancestor` is a parent, grandparent… of `code`.
    pub fn is_ancestor(&self, ancestor: &CodeId, code: &CodeId) -> bool {
        let mut current = self.code(code).and_then(|c| c.parent.clone());
        let mut steps = 0;
        while let Some(parent) = current {
            if &parent == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.codes.len() {
                return false;
            }
            current = self.code(&parent).and_then(|c| c.parent.clone());
        }
        false
    }
}

/// Undo and redo stacks of inverse edits, each with the label of the edit
/// the user made (so the menu says "Undo add annotation", not the inverse).
///
/// Limitations: linear (an edit after an undo drops the redo branch) and
/// unbounded; each entry holds only what its edit touched.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(String, Edit)>,
    redo: Vec<(String, Edit)>,
}

impl History {
    /// Apply `edit` to `project` and remember how to undo it.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let label = edit.label();
        self.apply_labeled(project, edit, label)
    }

    /// [`History::apply`] with the label the menus will show (the
    /// interface's wording, in its language).
    pub fn apply_labeled(
        &mut self,
        project: &mut Project,
        edit: Edit,
        label: String,
    ) -> Result<(), EditError> {
        let inverse = project.apply(edit)?;
        self.undo.push((label, inverse));
        self.redo.clear();
        Ok(())
    }

    /// Undo the last edit.
    pub fn undo(&mut self, project: &mut Project) -> Result<(), EditError> {
        Self::step(project, &mut self.undo, &mut self.redo, "undo")
    }

    /// Redo the last undone edit.
    pub fn redo(&mut self, project: &mut Project) -> Result<(), EditError> {
        Self::step(project, &mut self.redo, &mut self.undo, "redo")
    }

    fn step(
        project: &mut Project,
        from: &mut Vec<(String, Edit)>,
        to: &mut Vec<(String, Edit)>,
        what: &'static str,
    ) -> Result<(), EditError> {
        let (label, edit) = from.pop().ok_or(EditError::NothingTo(what))?;
        match project.apply(edit.clone()) {
            Ok(inverse) => {
                to.push((label, inverse));
                Ok(())
            }
            Err(err) => {
                from.push((label, edit));
                Err(err)
            }
        }
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(label, _)| label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(label, _)| label.as_str())
    }

    /// Forget everything (after opening another project).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::codebook::Color;
    use crate::model::offsets::CharSpan;

    /// "世纪之交的中俄关系\n科索沃问题😀𠀀北约东扩\n反导条约": 科索沃 is [10, 13),
    /// 😀 is 15, 𠀀 is 16, 北约东扩 is [17, 21), 反导条约 is [22, 26).
    const TEXT_1: &str = "世纪之交的中俄关系\n科索沃问题😀𠀀北约东扩\n反导条约";
    /// 𠀀𠀀 is [2, 4), 科索沃 is [5, 8).
    const TEXT_2: &str = "😀😀𠀀𠀀 科索沃 𠀀";
    const WHEN: &str = "2026-11-25T10:00:00Z";

    fn id(s: &str) -> CodeId {
        CodeId(s.to_owned())
    }

    fn doc_id(s: &str) -> DocId {
        DocId(s.to_owned())
    }

    fn ann_id(n: u128) -> AnnotationId {
        AnnotationId(uuid::Uuid::from_u128(n))
    }

    fn code(code_id: &str, name: &str, parent: Option<&str>) -> Code {
        let mut code = Code::new(id(code_id), name, Color::distinct(code_id.len()));
        code.parent = parent.map(id);
        code
    }

    /// An annotation with a fixed id and fixed times, quote taken from `doc`.
    fn ann(n: u128, doc: &Document, spans: &[(usize, usize)], codes: &[&str]) -> Annotation {
        let mut ann = Annotation::new(
            doc,
            CharSpan::from_range(0, 0),
            codes.iter().copied().map(id).collect(),
            "测试者",
        );
        ann.id = ann_id(n);
        ann.spans = spans
            .iter()
            .map(|&(a, b)| CharSpan::from_range(a, b))
            .collect();
        ann.created = Timestamp(WHEN.into());
        ann.modified = Timestamp(WHEN.into());
        ann.refresh_quote(doc);
        ann
    }

    /// Codes: kosovo, nato (child of kosovo), abm, un (child of nato),
    /// unused (unused, no children). Documents d-1, d-2, d-3 (unannotated).
    fn fixture() -> Project {
        let d1 = Document::new(doc_id("d-1"), "声明.txt", TEXT_1);
        let d2 = Document::new(doc_id("d-2"), "😀.txt", TEXT_2);
        let d3 = Document::new(doc_id("d-3"), "空.txt", "𠀀");
        let codes = vec![
            code("c-kosovo", "Kosovo", None),
            code("c-nato", "NATO 北约", Some("c-kosovo")),
            code("c-abm", "反导", None),
            code("c-un", "UN 😀", Some("c-nato")),
            code("c-unused", "𠀀 unused", None),
        ];
        let annotations = vec![
            ann(1, &d1, &[(10, 13)], &["c-kosovo"]),
            ann(2, &d1, &[(15, 17), (17, 21)], &["c-nato", "c-kosovo"]),
            ann(3, &d1, &[(22, 26)], &["c-abm"]),
            ann(4, &d2, &[(2, 4)], &["c-un", "c-abm"]),
            ann(5, &d2, &[(5, 8)], &["c-kosovo", "c-un"]),
        ];
        let project =
            Project::from_parts("中俄 😀 𠀀".into(), codes, vec![d1, d2, d3], annotations);
        assert_eq!(project.problems(), vec![]);
        project
    }

    /// Everything but the revision.
    fn parts(p: &Project) -> (String, Vec<Code>, Vec<Document>, Vec<Annotation>) {
        p.clone().into_parts()
    }

    #[track_caller]
    fn assert_same(a: &Project, b: &Project) {
        assert_eq!(parts(a), parts(b));
    }

    /// Apply `edit`, check the result is sound and changed, undo it with its
    /// inverse, check the project is back exactly, redo with the inverse's
    /// inverse and check that gives the edited project again.
    #[track_caller]
    fn round_trip(edit: Edit) -> Project {
        let original = fixture();
        let mut project = original.clone();
        let inverse = project
            .apply(edit.clone())
            .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        assert_eq!(project.revision(), original.revision() + 1);
        assert_eq!(project.problems(), vec![], "{edit:?}");
        assert_ne!(
            parts(&project),
            parts(&original),
            "{edit:?} changed nothing"
        );
        let edited = project.clone();
        let redo = project
            .apply(inverse)
            .unwrap_or_else(|e| panic!("inverse of {edit:?}: {e}"));
        assert_same(&project, &original);
        project
            .apply(redo)
            .unwrap_or_else(|e| panic!("redo of {edit:?}: {e}"));
        assert_same(&project, &edited);
        edited
    }

    #[test]
    fn every_edit_applies_and_its_inverse_restores_the_project() {
        let p = fixture();
        let d1 = p.document(&doc_id("d-1")).unwrap().clone();
        let d2 = p.document(&doc_id("d-2")).unwrap().clone();

        let edited = round_trip(Edit::InsertAnnotation(ann(9, &d1, &[(16, 17)], &["c-abm"])));
        assert_eq!(edited.annotation(ann_id(9)).unwrap().quote, "𠀀");
        // Kept in text order: the new one sits between 2 (starts at 15) and 3.
        let order: Vec<_> = edited.annotations().iter().map(|a| a.id).collect();
        assert_eq!(order, [1, 2, 9, 3, 4, 5].map(ann_id));

        let edited = round_trip(Edit::RemoveAnnotation(ann_id(2)));
        assert!(edited.annotation(ann_id(2)).is_none());

        let mut changed = p.annotation(ann_id(4)).unwrap().clone();
        changed.note = "多行\n注释 \"引号\" 😀𠀀".into();
        changed.codes = vec![id("c-kosovo")];
        changed.spans = vec![CharSpan::from_range(0, 1), CharSpan::from_range(5, 8)];
        changed.refresh_quote(&d2);
        let edited = round_trip(Edit::ReplaceAnnotation(changed.clone()));
        assert_eq!(edited.annotation(ann_id(4)), Some(&changed));
        assert_eq!(changed.quote, "😀科索沃");
        // Moving to the start of d-2 reorders it.
        assert_eq!(edited.annotations_of(&doc_id("d-2"))[0].id, ann_id(4));

        for index in [0, 2, 5, 99] {
            let edited = round_trip(Edit::InsertCode {
                code: code("c-new", "新 😀", Some("c-abm")),
                index,
            });
            assert_eq!(edited.codes()[index.min(5)].id, id("c-new"));
        }

        let edited = round_trip(Edit::RemoveCode(id("c-unused")));
        assert!(edited.code(&id("c-unused")).is_none());

        let mut renamed = code("c-kosovo", "科索沃 𠀀", Some("c-abm"));
        renamed.color = Color([1, 2, 3]);
        renamed.keywords = vec!["科索沃".into()];
        renamed.shortcut = Some("1".into());
        let edited = round_trip(Edit::ReplaceCode(renamed.clone()));
        assert_eq!(edited.code(&id("c-kosovo")), Some(&renamed));
        // Only a change of case is not a clash with itself.
        round_trip(Edit::ReplaceCode(code("c-kosovo", "KOSOVO", None)));

        for (code_id, index, at) in [
            ("c-kosovo", 4, 4),
            ("c-unused", 0, 0),
            ("c-abm", 99, 4),
            ("c-nato", 3, 3),
        ] {
            let edited = round_trip(Edit::MoveCode {
                id: id(code_id),
                index,
            });
            assert_eq!(edited.codes()[at].id, id(code_id));
        }

        for index in [0, 1, 3, 99] {
            let document = Box::new(Document::new(doc_id("d-new"), "新.txt", "新文本 😀𠀀"));
            let edited = round_trip(Edit::InsertDocument { document, index });
            assert_eq!(edited.documents()[index.min(3)].id, doc_id("d-new"));
        }

        let edited = round_trip(Edit::RemoveDocument(doc_id("d-3")));
        assert_eq!(edited.documents().len(), 2);

        let edited = round_trip(Edit::RenameProject("新名字 𠀀".into()));
        assert_eq!(edited.name(), "新名字 𠀀");

        let edited = round_trip(Edit::Batch {
            label: "several".into(),
            edits: vec![
                Edit::InsertCode {
                    code: code("c-new", "新", None),
                    index: 0,
                },
                Edit::InsertAnnotation(ann(9, &d2, &[(8, 10)], &["c-new", "c-kosovo"])),
                Edit::RemoveAnnotation(ann_id(3)),
                Edit::ReplaceCode(code("c-abm", "ABM", Some("c-new"))),
                Edit::MoveCode {
                    id: id("c-unused"),
                    index: 0,
                },
                Edit::RemoveCode(id("c-unused")),
                Edit::Batch {
                    label: "inner".into(),
                    edits: vec![Edit::RenameProject("内".into())],
                },
            ],
        });
        assert_eq!(edited.annotation(ann_id(9)).unwrap().quote, " 𠀀");
        assert_eq!(edited.code(&id("c-abm")).unwrap().parent, Some(id("c-new")));
        assert_eq!(edited.name(), "内");
    }

    #[test]
    fn a_batch_is_all_or_nothing() {
        let original = fixture();
        let d1 = original.document(&doc_id("d-1")).unwrap().clone();
        let mut project = original.clone();
        let err = project
            .apply(Edit::Batch {
                label: "half".into(),
                edits: vec![
                    Edit::InsertCode {
                        code: code("c-new", "新", None),
                        index: 0,
                    },
                    Edit::RemoveAnnotation(ann_id(1)),
                    Edit::RenameProject("改".into()),
                    Edit::Batch {
                        label: "inner".into(),
                        edits: vec![Edit::MoveCode {
                            id: id("c-abm"),
                            index: 0,
                        }],
                    },
                    Edit::InsertAnnotation(ann(9, &d1, &[(0, 2)], &["c-missing"])),
                    Edit::RemoveCode(id("c-unused")),
                ],
            })
            .unwrap_err();
        assert!(
            matches!(&err, EditError::Invalid(Problem::UnknownCode { code, .. }) if code == &id("c-missing")),
            "{err:?}"
        );
        assert_eq!(project, original, "revision too is unchanged");

        // A failing inner batch rolls back the outer one.
        let err = project
            .apply(Edit::Batch {
                label: "outer".into(),
                edits: vec![
                    Edit::RemoveCode(id("c-unused")),
                    Edit::Batch {
                        label: "inner".into(),
                        edits: vec![
                            Edit::RenameProject("改".into()),
                            Edit::RemoveDocument(doc_id("d-1")),
                        ],
                    },
                ],
            })
            .unwrap_err();
        assert!(matches!(err, EditError::InUse(_)), "{err:?}");
        assert_eq!(project, original);
    }

    /// `edit` is refused with an error `check` accepts, and changes nothing.
    #[track_caller]
    fn refused(edit: Edit, check: impl Fn(&EditError) -> bool) {
        let original = fixture();
        let mut project = original.clone();
        let err = project
            .apply(edit.clone())
            .expect_err(&format!("{edit:?} was accepted"));
        assert!(
            check(&err),
            "{edit:?} refused with the wrong error: {err:?}"
        );
        assert!(!err.to_string().is_empty());
        assert_eq!(project, original, "{edit:?} changed the project");
    }

    #[test]
    fn invariants_are_refused_with_the_right_error() {
        let p = fixture();
        let d1 = p.document(&doc_id("d-1")).unwrap().clone();
        let d2 = p.document(&doc_id("d-2")).unwrap().clone();
        let len = d1.char_len();

        // Unknown code, on insert and on replace.
        refused(
            Edit::InsertAnnotation(ann(9, &d1, &[(0, 2)], &["c-kosovo", "c-nope"])),
            |e| matches!(e, EditError::Invalid(Problem::UnknownCode { code, annotation }) if code == &id("c-nope") && *annotation == ann_id(9)),
        );
        let mut bad = p.annotation(ann_id(1)).unwrap().clone();
        bad.codes.push(id("c-nope"));
        refused(Edit::ReplaceAnnotation(bad), |e| {
            matches!(e, EditError::Invalid(Problem::UnknownCode { .. }))
        });

        // A span past the end (by one char: the end is exclusive).
        let mut past = ann(9, &d1, &[(len - 2, len)], &["c-abm"]);
        past.spans = vec![CharSpan::from_range(len - 2, len + 1)];
        refused(
            Edit::InsertAnnotation(past),
            |e| matches!(e, EditError::Invalid(Problem::SpanOutOfRange { span, len: l, .. }) if *span == CharSpan::from_range(len - 2, len + 1) && *l == len),
        );
        // …but a span ending exactly at the end is fine.
        round_trip(Edit::InsertAnnotation(ann(
            9,
            &d1,
            &[(len - 2, len)],
            &["c-abm"],
        )));

        // An empty span, no span, spans out of order or overlapping.
        for spans in [
            &[(3, 3)][..],
            &[],
            &[(5, 8), (0, 2)],
            &[(0, 3), (2, 4)],
            &[(0, 2), (4, 4)],
        ] {
            let mut bad = ann(9, &d2, &[(0, 1)], &["c-abm"]);
            bad.spans = spans
                .iter()
                .map(|&(a, b)| CharSpan::from_range(a, b))
                .collect();
            bad.refresh_quote(&d2);
            refused(Edit::InsertAnnotation(bad), |e| {
                matches!(e, EditError::Invalid(Problem::BadSpans { .. }))
            });
        }

        // A quote that is not the text at the span, and an unknown document.
        let mut wrong = ann(9, &d1, &[(10, 13)], &[]);
        wrong.quote = "北约东".into();
        refused(
            Edit::InsertAnnotation(wrong),
            |e| matches!(e, EditError::Invalid(Problem::QuoteMismatch { expected, found, .. }) if expected == "北约东" && found == "科索沃"),
        );
        let mut elsewhere = ann(9, &d1, &[(10, 13)], &[]);
        elsewhere.document = doc_id("d-nope");
        refused(Edit::InsertAnnotation(elsewhere), |e| {
            matches!(e, EditError::Invalid(Problem::UnknownDocument { .. }))
        });
        let mut bad_time = ann(9, &d1, &[(10, 13)], &[]);
        bad_time.modified = Timestamp("yesterday".into());
        refused(Edit::InsertAnnotation(bad_time), |e| {
            matches!(
                e,
                EditError::Invalid(Problem::BadTimestamp {
                    field: "modified",
                    ..
                })
            )
        });

        // Ids: taken or missing.
        refused(
            Edit::InsertAnnotation(p.annotation(ann_id(1)).unwrap().clone()),
            |e| {
                matches!(
                    e,
                    EditError::Exists {
                        what: "annotation",
                        ..
                    }
                )
            },
        );
        refused(Edit::RemoveAnnotation(ann_id(99)), |e| {
            matches!(
                e,
                EditError::NotFound {
                    what: "annotation",
                    ..
                }
            )
        });
        refused(Edit::ReplaceAnnotation(ann(99, &d1, &[(0, 1)], &[])), |e| {
            matches!(
                e,
                EditError::NotFound {
                    what: "annotation",
                    ..
                }
            )
        });
        refused(
            Edit::InsertCode {
                code: code("c-abm", "另一个", None),
                index: 0,
            },
            |e| matches!(e, EditError::Exists { what: "code", .. }),
        );
        refused(Edit::ReplaceCode(code("c-nope", "无", None)), |e| {
            matches!(e, EditError::NotFound { what: "code", .. })
        });
        refused(
            Edit::MoveCode {
                id: id("c-nope"),
                index: 0,
            },
            |e| matches!(e, EditError::NotFound { what: "code", .. }),
        );
        refused(Edit::RemoveCode(id("c-nope")), |e| {
            matches!(e, EditError::NotFound { what: "code", .. })
        });
        let document = Box::new(Document::new(doc_id("d-2"), "again", "𠀀"));
        refused(Edit::InsertDocument { document, index: 0 }, |e| {
            matches!(
                e,
                EditError::Exists {
                    what: "document",
                    ..
                }
            )
        });
        refused(Edit::RemoveDocument(doc_id("d-nope")), |e| {
            matches!(
                e,
                EditError::NotFound {
                    what: "document",
                    ..
                }
            )
        });

        // Code names: unique case-insensitively (and ignoring outer spaces), not empty.
        for name in ["kosovo", "KOSOVO", " Kosovo ", "nato 北约", "反导"] {
            refused(
                Edit::InsertCode {
                    code: code("c-new", name, None),
                    index: 0,
                },
                |e| matches!(e, EditError::NameTaken(taken) if taken.to_lowercase() == name.trim().to_lowercase()),
            );
        }
        refused(Edit::ReplaceCode(code("c-abm", "un 😀", None)), |e| {
            matches!(e, EditError::NameTaken(_))
        });
        for name in ["", "   "] {
            refused(
                Edit::InsertCode {
                    code: code("c-new", name, None),
                    index: 0,
                },
                |e| matches!(e, EditError::EmptyName),
            );
        }

        // Parents: must exist, no cycles.
        refused(
            Edit::InsertCode {
                code: code("c-new", "新", Some("c-nope")),
                index: 0,
            },
            |e| matches!(e, EditError::Invalid(Problem::UnknownParent { .. })),
        );
        refused(
            Edit::ReplaceCode(code("c-abm", "反导", Some("c-abm"))),
            |e| matches!(e, EditError::Invalid(Problem::ParentCycle { code }) if code == &id("c-abm")),
        );
        // kosovo → un would close kosovo ← nato ← un.
        refused(
            Edit::ReplaceCode(code("c-kosovo", "Kosovo", Some("c-un"))),
            |e| matches!(e, EditError::Invalid(Problem::ParentCycle { code }) if code == &id("c-kosovo")),
        );
        refused(
            Edit::ReplaceCode(code("c-kosovo", "Kosovo", Some("c-nato"))),
            |e| matches!(e, EditError::Invalid(Problem::ParentCycle { .. })),
        );

        // Things in use.
        refused(Edit::RemoveCode(id("c-abm")), |e| {
            matches!(e, EditError::InUse(_))
        });
        refused(Edit::RemoveCode(id("c-nato")), |e| {
            matches!(e, EditError::InUse(_))
        });
        // c-un is used; an unused parent is still refused for its children.
        let mut project = fixture();
        project
            .apply(Edit::InsertCode {
                code: code("c-leaf", "叶", Some("c-unused")),
                index: 9,
            })
            .unwrap();
        let before = project.clone();
        assert!(matches!(
            project.apply(Edit::RemoveCode(id("c-unused"))),
            Err(EditError::InUse(_))
        ));
        assert_eq!(project, before);
        refused(Edit::RemoveDocument(doc_id("d-2")), |e| {
            matches!(e, EditError::InUse(_))
        });
    }

    #[test]
    fn history_undoes_and_redoes_with_the_users_labels() {
        let original = fixture();
        let d1 = original.document(&doc_id("d-1")).unwrap().clone();
        let mut project = original.clone();
        let mut history = History::default();
        assert_eq!(
            history.undo(&mut project),
            Err(EditError::NothingTo("undo"))
        );
        assert_eq!(
            history.redo(&mut project),
            Err(EditError::NothingTo("redo"))
        );
        assert_eq!((history.undo_label(), history.redo_label()), (None, None));

        history
            .apply(
                &mut project,
                Edit::InsertAnnotation(ann(9, &d1, &[(0, 4)], &["c-abm"])),
            )
            .unwrap();
        let after_first = project.clone();
        assert_eq!(history.undo_label(), Some("add annotation"));
        history
            .apply(
                &mut project,
                Edit::InsertCode {
                    code: code("c-new", "新", None),
                    index: 0,
                },
            )
            .unwrap();
        let after_second = project.clone();
        assert_eq!(history.undo_label(), Some("add code “新”"));

        // A refused edit leaves the history alone.
        assert!(
            history
                .apply(&mut project, Edit::RemoveCode(id("c-abm")))
                .is_err()
        );
        assert_eq!(history.undo_label(), Some("add code “新”"));
        assert_eq!(project, after_second);

        history.undo(&mut project).unwrap();
        assert_same(&project, &after_first);
        assert_eq!(history.undo_label(), Some("add annotation"));
        assert_eq!(history.redo_label(), Some("add code “新”"));
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);
        assert_eq!(history.undo_label(), None);
        assert_eq!(history.redo_label(), Some("add annotation"));
        assert_eq!(
            history.undo(&mut project),
            Err(EditError::NothingTo("undo"))
        );

        history.redo(&mut project).unwrap();
        assert_same(&project, &after_first);
        assert_eq!(history.undo_label(), Some("add annotation"));
        history.redo(&mut project).unwrap();
        assert_same(&project, &after_second);
        assert_eq!(
            history.redo(&mut project),
            Err(EditError::NothingTo("redo"))
        );

        // A new edit after an undo drops what could have been redone.
        history.undo(&mut project).unwrap();
        assert_eq!(history.redo_label(), Some("add code “新”"));
        history
            .apply(&mut project, Edit::RemoveAnnotation(ann_id(1)))
            .unwrap();
        assert_eq!(history.undo_label(), Some("delete annotation"));
        assert_eq!(history.redo_label(), None);
        assert_eq!(
            history.redo(&mut project),
            Err(EditError::NothingTo("redo"))
        );
        history.undo(&mut project).unwrap();
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);

        history.clear();
        assert_eq!((history.undo_label(), history.redo_label()), (None, None));
    }

    #[test]
    fn a_step_that_no_longer_applies_stays_on_its_stack() {
        let mut project = fixture();
        let mut history = History::default();
        history
            .apply(&mut project, Edit::RemoveCode(id("c-unused")))
            .unwrap();
        // Someone bypasses the history and takes the name back.
        project
            .apply(Edit::InsertCode {
                code: code("c-other", "𠀀 UNUSED", None),
                index: 0,
            })
            .unwrap();
        let before = project.clone();
        assert!(matches!(
            history.undo(&mut project),
            Err(EditError::NameTaken(_))
        ));
        assert_eq!(project, before);
        assert_eq!(history.undo_label(), Some("delete code"));
    }

    #[test]
    fn delete_code_deletes_its_only_uses_strips_the_others_and_lifts_its_children() {
        let original = fixture();
        let mut project = original.clone();
        let mut history = History::default();
        // c-nato (child of c-kosovo, parent of c-un) is on annotation 2 only, with c-kosovo.
        let edit = project.delete_code_edit(&id("c-nato")).unwrap();
        assert_eq!(edit.label(), "delete code “NATO 北约”");
        history.apply(&mut project, edit).unwrap();
        assert_eq!(project.problems(), vec![]);
        assert!(project.code(&id("c-nato")).is_none());
        assert_eq!(
            project.code(&id("c-un")).unwrap().parent,
            Some(id("c-kosovo"))
        );
        assert_eq!(
            project.annotation(ann_id(2)).unwrap().codes,
            vec![id("c-kosovo")]
        );
        assert_eq!(project.annotations().len(), 5);
        assert_eq!(history.undo_label(), Some("delete code “NATO 北约”"));
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);
        history.redo(&mut project).unwrap();
        assert!(project.code(&id("c-nato")).is_none());
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);

        // c-kosovo (top level, parent of c-nato) is alone on annotation 1,
        // shared on 2 and 5.
        let edit = project.delete_code_edit(&id("c-kosovo")).unwrap();
        history.apply(&mut project, edit).unwrap();
        assert_eq!(project.problems(), vec![]);
        assert!(
            project.annotation(ann_id(1)).is_none(),
            "its only code went"
        );
        assert_eq!(
            project.annotation(ann_id(2)).unwrap().codes,
            vec![id("c-nato")]
        );
        assert_eq!(
            project.annotation(ann_id(5)).unwrap().codes,
            vec![id("c-un")]
        );
        assert_eq!(project.code(&id("c-nato")).unwrap().parent, None);
        assert_eq!(
            project.code(&id("c-un")).unwrap().parent,
            Some(id("c-nato"))
        );
        assert_eq!(project.codes().len(), 4);
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);
        assert_eq!(
            history.undo(&mut project),
            Err(EditError::NothingTo("undo"))
        );

        // An unused leaf is just removed.
        let edit = project.delete_code_edit(&id("c-unused")).unwrap();
        history.apply(&mut project, edit).unwrap();
        assert_eq!(project.codes().len(), 4);
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);

        assert!(matches!(
            project.delete_code_edit(&id("c-nope")),
            Err(EditError::NotFound { .. })
        ));
    }

    #[test]
    fn merge_codes_replaces_and_deduplicates_moves_children_and_undoes_in_one_step() {
        let original = fixture();
        let mut project = original.clone();
        let mut history = History::default();
        // c-kosovo into c-abm: 1 [kosovo] → [abm]; 2 [nato, kosovo] → [nato, abm];
        // 5 [kosovo, un] → [abm, un]; c-nato moves under c-abm.
        let edit = project
            .merge_codes_edit(&id("c-kosovo"), &id("c-abm"))
            .unwrap();
        assert_eq!(edit.label(), "merge “Kosovo” into “反导”");
        history.apply(&mut project, edit).unwrap();
        assert_eq!(project.problems(), vec![]);
        assert!(project.code(&id("c-kosovo")).is_none());
        let codes = |p: &Project, n| p.annotation(ann_id(n)).unwrap().codes.clone();
        assert_eq!(codes(&project, 1), vec![id("c-abm")]);
        assert_eq!(codes(&project, 2), vec![id("c-nato"), id("c-abm")]);
        assert_eq!(codes(&project, 3), vec![id("c-abm")]);
        assert_eq!(codes(&project, 5), vec![id("c-abm"), id("c-un")]);
        assert_eq!(
            project.code(&id("c-nato")).unwrap().parent,
            Some(id("c-abm"))
        );
        assert_eq!(project.usage_count(&id("c-abm")), 5);
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);

        // c-un into c-abm: annotation 4 carries both → just [abm].
        let edit = project.merge_codes_edit(&id("c-un"), &id("c-abm")).unwrap();
        history.apply(&mut project, edit).unwrap();
        assert_eq!(codes(&project, 4), vec![id("c-abm")]);
        assert_eq!(codes(&project, 5), vec![id("c-kosovo"), id("c-abm")]);
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);

        // Into a child: c-nato is lifted to c-kosovo's parent (top level).
        let edit = project
            .merge_codes_edit(&id("c-kosovo"), &id("c-nato"))
            .unwrap();
        history.apply(&mut project, edit).unwrap();
        assert_eq!(project.problems(), vec![]);
        assert_eq!(project.code(&id("c-nato")).unwrap().parent, None);
        assert_eq!(
            project.code(&id("c-un")).unwrap().parent,
            Some(id("c-nato"))
        );
        assert_eq!(codes(&project, 2), vec![id("c-nato")]);
        assert_eq!(codes(&project, 5), vec![id("c-nato"), id("c-un")]);
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);

        // Into a grandchild: c-un is lifted, c-nato moves under c-un.
        let edit = project
            .merge_codes_edit(&id("c-kosovo"), &id("c-un"))
            .unwrap();
        history.apply(&mut project, edit).unwrap();
        assert_eq!(project.problems(), vec![]);
        assert_eq!(project.code(&id("c-un")).unwrap().parent, None);
        assert_eq!(
            project.code(&id("c-nato")).unwrap().parent,
            Some(id("c-un"))
        );
        assert_eq!(codes(&project, 1), vec![id("c-un")]);
        assert_eq!(codes(&project, 5), vec![id("c-un")]);
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);

        // Into an ancestor: c-un's annotations go to c-kosovo.
        let edit = project
            .merge_codes_edit(&id("c-un"), &id("c-kosovo"))
            .unwrap();
        history.apply(&mut project, edit).unwrap();
        assert_eq!(project.problems(), vec![]);
        assert_eq!(codes(&project, 4), vec![id("c-kosovo"), id("c-abm")]);
        assert_eq!(codes(&project, 5), vec![id("c-kosovo")]);
        history.undo(&mut project).unwrap();
        assert_same(&project, &original);
        assert_eq!(
            history.undo(&mut project),
            Err(EditError::NothingTo("undo"))
        );

        assert!(matches!(
            project.merge_codes_edit(&id("c-abm"), &id("c-abm")),
            Err(EditError::InUse(_))
        ));
        assert!(matches!(
            project.merge_codes_edit(&id("c-nope"), &id("c-abm")),
            Err(EditError::NotFound { .. })
        ));
        assert!(matches!(
            project.merge_codes_edit(&id("c-abm"), &id("c-nope")),
            Err(EditError::NotFound { .. })
        ));
    }

    #[test]
    fn is_ancestor_follows_parents_only_upwards() {
        let p = fixture();
        assert!(p.is_ancestor(&id("c-kosovo"), &id("c-un")));
        assert!(p.is_ancestor(&id("c-nato"), &id("c-un")));
        assert!(!p.is_ancestor(&id("c-un"), &id("c-kosovo")));
        assert!(!p.is_ancestor(&id("c-abm"), &id("c-un")));
        assert!(!p.is_ancestor(&id("c-un"), &id("c-un")));
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;
    use crate::model::Color;

    fn project() -> Project {
        let doc = Document::new(DocId("d-1".into()), "d", "科索沃😀𠀀问题");
        let code = Code::new(CodeId("c-k".into()), "Kosovo", Color::distinct(0));
        Project::from_parts("p".into(), vec![code], vec![doc], Vec::new())
    }

    #[test]
    fn set_memo_inverts_exactly_and_refuses_unknown_targets() {
        let mut p = project();
        let about = MemoTarget::Code(CodeId("c-k".into()));
        let undo = p
            .apply(Edit::SetMemo {
                about: about.clone(),
                text: "巴尔干".into(),
            })
            .unwrap();
        assert_eq!(p.memo(&about).map(|m| m.text.as_str()), Some("巴尔干"));
        let redo = p.apply(undo).unwrap();
        assert!(p.memo(&about).is_none());
        p.apply(redo).unwrap();
        assert!(p.problems().is_empty());
        let unknown = MemoTarget::Document(DocId("d-9".into()));
        assert!(
            p.apply(Edit::SetMemo {
                about: unknown,
                text: "x".into()
            })
            .is_err()
        );
        // A code with a memo is not removed behind the memo's back…
        assert!(matches!(
            p.apply(Edit::RemoveCode(CodeId("c-k".into()))),
            Err(EditError::InUse(_))
        ));
        // …but deleting it through the codebook takes the memo along, undoably.
        let delete = p.delete_code_edit(&CodeId("c-k".into())).unwrap();
        let undo = p.apply(delete).unwrap();
        assert!(p.memos().is_empty() && p.codes().is_empty());
        p.apply(undo).unwrap();
        assert_eq!(p.memo(&about).map(|m| m.text.as_str()), Some("巴尔干"));
    }
}
