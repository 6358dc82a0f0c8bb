//! Edits: the only way a [`Project`] changes, each with an exact inverse.
//!
//! [`Project::apply`] checks an edit against the project's invariants, applies
//! it, and returns the edit that undoes it. [`History`] keeps those inverses
//! on a linear undo stack (a new edit after an undo drops the redo branch).

use super::annotation::{Annotation, AnnotationId, Timestamp};
use super::codebook::{Code, CodeId};
use super::document::{DocId, Document};
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
