//! What widgets ask for, and the one place it is carried out.

use crate::t;
use std::path::PathBuf;

use crate::io::export::{ExportOptions, Format};
use crate::model::{
    Annotation, AnnotationId, CharSpan, Code, CodeId, Color, DocId, Edit, Timestamp,
};

use super::app::PizhuApp;
use super::dialogs::DialogRequest;
use super::modals::{Bundled, Modal, Then};

/// A user's request, queued by a widget or shortcut.
// Commands live for one frame, a few at a time: boxing edits buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Apply an edit through the history.
    Edit(Edit),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Tag the selection (or the selected annotation) with a code.
    ApplyCode(CodeId),
    /// Create a code by name (if new) and apply it to the selection, if any.
    CreateCode(String),
    /// Select an annotation in the panel and the view.
    SelectAnnotation {
        /// Which.
        id: AnnotationId,
        /// Scroll the document to it.
        scroll: bool,
    },
    /// Delete an annotation.
    DeleteAnnotation(AnnotationId),
    /// Remove a code from an annotation (deleting it if it was the last).
    RemoveCodeFrom(AnnotationId, CodeId),
    /// Set an annotation's note.
    SetNote(AnnotationId, String),
    /// Delete a code, asking first when it is used.
    DeleteCode(CodeId),
    /// Show another document of the project.
    ShowDocument(DocId),
    /// File → Open…
    Open,
    /// Open this file (after asking about unsaved changes).
    OpenPath(PathBuf),
    /// File → Add Document…
    AddDocument,
    /// File → Merge…
    Merge,
    /// File → Import Annotations.
    ImportAnnotations(crate::io::import::AnnotationFormat),
    /// File → Save.
    Save,
    /// File → Save As…
    SaveAs,
    /// File → Export.
    Export(Format, bool),
    /// Copy the selected text.
    Copy,
    /// Select the whole document.
    SelectAll,
    /// Select a span of the shown document and scroll to it.
    SelectSpan(CharSpan),
    /// Open the find bar.
    Find,
    /// Go to the next (or previous) annotation: of the selected
    /// annotation's first code, else of the filter's code, else any.
    NextAnnotation(bool),
    /// Make the document text larger (+1), smaller (-1) or default (0).
    Zoom(i8),
    /// Select nothing (and no annotation).
    ClearSelection,
    /// The code whose shortcut is this key, applied (resolved by the shortcut handler).
    ApplyShortcut(String),
    /// Close the window (after asking about unsaved changes).
    Quit,
    /// Open the settings window.
    ShowSettings,
    /// Open the keyboard shortcuts window.
    ShowShortcuts,
    /// Show the bundled declaration (after asking about unsaved changes).
    OpenDeclaration,
    /// Open the bundled example project (after asking about unsaved changes).
    OpenExample,
}

impl PizhuApp {
    /// Carry out the queued commands.
    pub(super) fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.run(ctx, command);
        }
    }

    fn edit(&mut self, edit: Edit) {
        let label = edit_label(&edit);
        if let Err(err) = self.history.apply_labeled(&mut self.project, edit, label) {
            self.error(t!("error-edit"), &err);
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit(edit) => self.edit(edit),
            Command::Undo => match self.history.undo(&mut self.project) {
                Ok(()) => self.after_undo(),
                Err(err) => self.toast(err.to_string()),
            },
            Command::Redo => match self.history.redo(&mut self.project) {
                Ok(()) => self.after_undo(),
                Err(err) => self.toast(err.to_string()),
            },
            Command::ApplyCode(code) => self.apply_code(&code),
            Command::CreateCode(name) => self.create_code(&name),
            Command::SelectAnnotation { id, scroll } => {
                let Some(ann) = self.project.annotation(id) else {
                    return;
                };
                if Some(&ann.document) != self.current_doc.as_ref() {
                    self.current_doc = Some(ann.document.clone());
                    self.view.reset();
                }
                self.selected = Some(id);
                if scroll {
                    self.view.select(ann.extent());
                    self.view.clear_selection();
                }
            }
            Command::DeleteAnnotation(id) => {
                self.edit(Edit::RemoveAnnotation(id));
                if self.selected == Some(id) {
                    self.selected = None;
                }
            }
            Command::RemoveCodeFrom(id, code) => {
                let Some(ann) = self.project.annotation(id) else {
                    return;
                };
                if ann.codes.len() <= 1 {
                    self.run(ctx, Command::DeleteAnnotation(id));
                } else {
                    let mut ann = ann.clone();
                    ann.codes.retain(|c| c != &code);
                    ann.modified = Timestamp::now();
                    self.edit(Edit::ReplaceAnnotation(ann));
                }
            }
            Command::SetNote(id, note) => {
                let Some(ann) = self.project.annotation(id) else {
                    return;
                };
                if ann.note != note {
                    let mut ann = ann.clone();
                    ann.note = note;
                    ann.modified = Timestamp::now();
                    self.edit(Edit::ReplaceAnnotation(ann));
                }
            }
            Command::DeleteCode(id) => {
                let uses = self.project.usage_count(&id);
                if uses > 0 {
                    self.modal = Some(Modal::ConfirmDeleteCode { id, uses });
                } else {
                    self.delete_code(&id);
                }
            }
            Command::ShowDocument(id) => {
                if self.project.document(&id).is_some() && self.current_doc.as_ref() != Some(&id) {
                    self.current_doc = Some(id);
                    self.selected = None;
                    self.view.reset();
                }
            }
            Command::Open => self.unless_dirty(
                Then::Open,
                |app, ctx| app.dialogs.request(DialogRequest::Open, ctx),
                ctx,
            ),
            Command::OpenPath(path) => self.unless_dirty(
                Then::OpenPath(path.clone()),
                move |app, ctx| app.spawn_read(ctx, path.clone(), false),
                ctx,
            ),
            Command::AddDocument => self.dialogs.request(DialogRequest::AddDocument, ctx),
            Command::Merge => self.dialogs.request(DialogRequest::Merge, ctx),
            Command::ImportAnnotations(format) => {
                self.dialogs
                    .request(DialogRequest::ImportAnnotations(format), ctx);
            }
            Command::Save => match self.path.clone() {
                Some(path) => {
                    let _ = self.save_to(&path);
                }
                None => self.request_save_as(ctx),
            },
            Command::SaveAs => self.request_save_as(ctx),
            Command::Export(format, bom) => {
                let extension = match format {
                    Format::Csv => "csv",
                    Format::W3c => "jsonld",
                    Format::Brat => "ann",
                    Format::Qdpx => "qdpx",
                    Format::Qdc => "qdc",
                    Format::Html => "html",
                    Format::Md => "md",
                };
                let suggested = format!("{}.{extension}", self.project.name());
                self.dialogs.request(
                    DialogRequest::Export {
                        extension,
                        what: format,
                        bom,
                        suggested,
                    },
                    ctx,
                );
            }
            Command::Copy => {
                let text = self
                    .current_document()
                    .map(|d| d.slice_clamped(self.view.selection()).to_owned());
                if let Some(text) = text.filter(|t| !t.is_empty()) {
                    ctx.copy_text(text);
                }
            }
            Command::SelectAll => {
                self.view.select_all();
            }
            Command::SelectSpan(span) => self.view.select(span),
            Command::Find => self.search.open(),
            Command::NextAnnotation(forward) => self.next_annotation(forward),
            Command::Zoom(step) => {
                self.view.font_size = match step {
                    0 => super::prefs::Prefs::default().font_size,
                    s if s > 0 => (self.view.font_size + 2.0).min(48.0),
                    _ => (self.view.font_size - 2.0).max(10.0),
                };
            }
            Command::ClearSelection => {
                self.view.clear_selection();
                self.selected = None;
            }
            Command::ApplyShortcut(key) => {
                let code = self
                    .project
                    .codes()
                    .iter()
                    .find(|c| c.shortcut.as_deref() == Some(key.as_str()));
                if let Some(id) = code.map(|c| c.id.clone()) {
                    self.apply_code(&id);
                }
            }
            Command::ShowSettings => self.settings.open = true,
            Command::ShowShortcuts => self.settings.shortcuts_open = true,
            Command::OpenDeclaration => self.unless_dirty(
                Then::OpenBundled(Bundled::Declaration),
                |app, _| app.open_bundled(Bundled::Declaration),
                ctx,
            ),
            Command::OpenExample => self.unless_dirty(
                Then::OpenBundled(Bundled::Example),
                |app, _| app.open_bundled(Bundled::Example),
                ctx,
            ),
            Command::Quit => {
                if self.is_dirty() {
                    self.modal = Some(Modal::ConfirmDiscard(Then::Close));
                } else {
                    self.allow_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Run `action` now, or ask first when there are unsaved changes.
    fn unless_dirty(
        &mut self,
        then: Then,
        action: impl FnOnce(&mut Self, &egui::Context),
        ctx: &egui::Context,
    ) {
        if self.is_dirty() {
            self.modal = Some(Modal::ConfirmDiscard(then));
        } else {
            action(self, ctx);
        }
    }

    /// Carry on with what was waiting for the unsaved-changes question.
    pub(super) fn continue_with(&mut self, then: Then, ctx: &egui::Context) {
        match then {
            Then::Open => self.dialogs.request(DialogRequest::Open, ctx),
            Then::OpenPath(path) => self.spawn_read(ctx, path, false),
            Then::OpenBundled(what) => self.open_bundled(what),
            Then::Close => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn request_save_as(&mut self, ctx: &egui::Context) {
        let suggested = format!("{}.pizhu.ron", self.project.name());
        self.dialogs
            .request(DialogRequest::SaveProject { suggested }, ctx);
    }

    /// Save to `path`; on success it becomes the project's file.
    pub(super) fn save_to(&mut self, path: &std::path::Path) -> bool {
        match crate::io::project_file::save(&self.project, path) {
            Ok(()) => {
                self.path = Some(path.to_owned());
                self.saved_revision = self.project.revision();
                self.prefs.add_recent(path);
                if let Some(recovery) = &self.recovery {
                    recovery.clear();
                }
                self.toast(t!("toast-saved", path = path.display().to_string()));
                true
            }
            Err(err) => {
                self.error(t!("error-save"), &err);
                false
            }
        }
    }

    pub(super) fn dialog_answered(
        &mut self,
        ctx: &egui::Context,
        request: DialogRequest,
        answer: Option<PathBuf>,
    ) {
        let Some(path) = answer else {
            // Cancelled: nothing waits for the save any more.
            if matches!(self.modal, Some(Modal::SaveThen(_))) {
                self.modal = None;
            }
            return;
        };
        match request {
            DialogRequest::Open => self.spawn_read(ctx, path, false),
            DialogRequest::AddDocument => self.spawn_read(ctx, path, true),
            DialogRequest::Merge => self.spawn_merge(ctx, path),
            DialogRequest::ImportAnnotations(format) => {
                self.spawn_import_annotations(ctx, path, format);
            }
            DialogRequest::SaveProject { .. } => {
                let path = with_project_extension(path);
                if self.save_to(&path) {
                    if let Some(Modal::SaveThen(then)) = self.modal.take() {
                        self.continue_with(then, ctx);
                    }
                } else if matches!(self.modal, Some(Modal::SaveThen(_))) {
                    self.modal = None;
                }
            }
            DialogRequest::Export { what, bom, .. } => {
                // A large project takes a fifth of a second to export (qdpx,
                // 6 MB): on a copy, off the UI thread.
                let project = self.project.clone();
                self.spawn_job(ctx, move || {
                    let options = ExportOptions { csv_bom: bom };
                    let result = crate::io::export::export(&project, what, &path, options);
                    super::app::Job::Exported(path, result)
                });
            }
        }
    }

    fn next_annotation(&mut self, forward: bool) {
        let Some(doc) = self.current_doc.clone() else {
            return;
        };
        let code = self
            .selected
            .and_then(|id| self.project.annotation(id))
            .and_then(|a| a.codes.first().cloned())
            .or_else(|| self.code_filter.clone());
        let anns = self.project.annotations_of(&doc);
        let candidates: Vec<usize> = (0..anns.len())
            .filter(|&i| code.as_ref().is_none_or(|c| anns[i].codes.contains(c)))
            .collect();
        if candidates.is_empty() {
            return;
        }
        let here = self
            .selected
            .and_then(|id| anns.iter().position(|a| a.id == id));
        let next = match (here, forward) {
            (Some(h), true) => candidates
                .iter()
                .copied()
                .find(|&i| i > h)
                .or(candidates.first().copied()),
            (Some(h), false) => candidates
                .iter()
                .copied()
                .rev()
                .find(|&i| i < h)
                .or(candidates.last().copied()),
            (None, true) => candidates.first().copied(),
            (None, false) => candidates.last().copied(),
        };
        if let Some(id) = next.and_then(|i| anns.get(i)).map(|a| a.id) {
            self.commands
                .push(Command::SelectAnnotation { id, scroll: true });
        }
    }

    fn after_undo(&mut self) {
        if let Some(id) = self.selected
            && self.project.annotation(id).is_none()
        {
            self.selected = None;
        }
        if let Some(id) = &self.current_doc
            && self.project.document(id).is_none()
        {
            self.current_doc = self.project.documents().first().map(|d| d.id.clone());
            self.view.reset();
        }
        self.note_draft = None;
        self.code_draft = None;
        self.memos.reset();
    }

    /// The selection without the white space at its ends.
    fn trimmed_selection(&self) -> Option<CharSpan> {
        let doc = self.current_document()?;
        let sel = self.view.selection();
        let text = doc.slice(sel)?;
        let lead = text.chars().take_while(|c| c.is_whitespace()).count();
        let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
        let span = CharSpan::from_range(
            sel.start().0 + lead,
            sel.end().0.saturating_sub(trail).max(sel.start().0 + lead),
        );
        (!span.is_empty()).then_some(span)
    }

    fn apply_code(&mut self, code: &CodeId) {
        let Some(span) = self.trimmed_selection() else {
            // No text selected: add the code to the selected annotation.
            let Some(ann) = self.selected.and_then(|id| self.project.annotation(id)) else {
                self.toast(t!("toast-select-first"));
                return;
            };
            if !ann.codes.contains(code) {
                let mut ann = ann.clone();
                ann.codes.push(code.clone());
                ann.modified = Timestamp::now();
                self.edit(Edit::ReplaceAnnotation(ann));
            }
            return;
        };
        let Some(doc) = self.current_document() else {
            return;
        };
        // The same passage again: add the code to the existing annotation.
        let existing = self
            .project
            .annotations_of(&doc.id)
            .iter()
            .find(|a| a.spans.as_slice() == [span])
            .cloned();
        let id = match existing {
            Some(mut ann) => {
                if !ann.codes.contains(code) {
                    ann.codes.push(code.clone());
                    ann.modified = Timestamp::now();
                }
                let id = ann.id;
                self.edit(Edit::ReplaceAnnotation(ann));
                id
            }
            None => {
                let ann = Annotation::new(doc, span, vec![code.clone()], &self.prefs.author);
                let id = ann.id;
                self.edit(Edit::InsertAnnotation(ann));
                id
            }
        };
        if self.project.annotation(id).is_some() {
            self.selected = Some(id);
            self.view.clear_selection();
        }
    }

    fn create_code(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let id = if let Some(code) = self.project.code_by_name(name) {
            code.id.clone()
        } else {
            let id = crate::model::codebook::fresh_code_id(
                name,
                self.project.codes().iter().map(|c| &c.id),
            );
            let colour = Color::distinct(self.project.codes().len());
            let code = Code::new(id.clone(), name, colour);
            let index = self.project.codes().len();
            self.edit(Edit::InsertCode { code, index });
            id
        };
        if self.trimmed_selection().is_some() {
            self.apply_code(&id);
        }
    }

    pub(super) fn delete_code(&mut self, id: &CodeId) {
        let name = self
            .project
            .code(id)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        match self.project.delete_code_edit(id) {
            Ok(Edit::Batch { edits, .. }) => self.edit(Edit::Batch {
                label: t!("edit-delete-code", name = name),
                edits,
            }),
            Ok(edit) => self.edit(edit),
            Err(err) => self.error(t!("error-delete-code"), &err),
        }
        if let Some(sel) = self.selected
            && self.project.annotation(sel).is_none()
        {
            self.selected = None;
        }
        if self.code_filter.as_ref() == Some(id) {
            self.code_filter = None;
        }
    }
}

/// `NAME` → `NAME.pizhu.ron` unless it already ends so.
fn with_project_extension(path: PathBuf) -> PathBuf {
    if crate::io::project_file::is_project_path(&path) {
        return path;
    }
    let mut s = path.into_os_string();
    s.push(".pizhu.ron");
    s.into()
}

/// What Undo/Redo call `edit`, in the interface language. Batches carry
/// the label their maker wrote (in the interface language too).
fn edit_label(edit: &Edit) -> String {
    match edit {
        Edit::InsertAnnotation(_) => t!("edit-add-annotation"),
        Edit::RemoveAnnotation(_) => t!("edit-delete-annotation"),
        Edit::ReplaceAnnotation(_) => t!("edit-change-annotation"),
        Edit::InsertCode { code, .. } => t!("edit-add-code", name = code.name.clone()),
        Edit::RemoveCode(_) => t!("edit-delete-code-plain"),
        Edit::ReplaceCode(code) => t!("edit-change-code", name = code.name.clone()),
        Edit::MoveCode { .. } => t!("edit-reorder-codes"),
        Edit::InsertDocument { document, .. } => {
            t!("edit-add-document", name = document.name.clone())
        }
        Edit::RemoveDocument(_) => t!("edit-remove-document"),
        Edit::RenameProject(_) => t!("edit-rename-project"),
        Edit::SetMemo { .. } => t!("edit-memo"),
        Edit::Batch { label, .. } => label.clone(),
    }
}
