//! Files read on worker threads: documents (progress and Cancel in the
//! status bar, and a bar offering another encoding when detection was a
//! guess), and other tools' annotations (File → Import Annotations).

use std::path::PathBuf;
use std::sync::Arc;

use egui::Ui;

use super::app::{Job, PizhuApp, project_with};
use super::commands::Command;
use crate::io::import::{AnnotationFormat, DocumentRead, Imported, Progress, open_document};
use crate::io::{IoError, file_name};
use crate::model::{DocId, Edit};
use crate::t;

/// Encodings offered when detection was unsure: the ones Chinese texts
/// come in, and the usual Western one for the rest.
pub const ENCODINGS: [&str; 7] = [
    "UTF-8",
    "GB18030",
    "GBK",
    "Big5",
    "UTF-16LE",
    "UTF-16BE",
    "windows-1252",
];

/// A document being read, which the user may cancel.
pub struct Reading {
    /// The file.
    pub path: PathBuf,
    /// Shared with the worker thread.
    pub progress: Arc<Progress>,
}

/// What to do with a document once read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    /// Show it as a new project (File → Open on a document).
    Open,
    /// Add it to the project (File → Add Document).
    Add,
    /// Put it in place of this document, read again in another encoding.
    Replace(DocId),
}

/// A document read on a worker thread.
pub struct DocumentJob {
    /// The file.
    pub path: PathBuf,
    /// What to do with it.
    pub then: Then,
    /// What the worker read.
    pub result: Result<DocumentRead, IoError>,
}

/// A document whose encoding was a guess: the bar offering another.
#[derive(Clone, Debug)]
pub struct EncodingGuess {
    /// The document.
    pub doc: DocId,
    /// Its file.
    pub path: PathBuf,
    /// The encoding used.
    pub encoding: String,
    /// The one chosen in the bar.
    pub choice: String,
}

impl PizhuApp {
    /// Read a document on a worker thread, in `label`'s encoding if given.
    pub(super) fn spawn_document(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        then: Then,
        label: Option<String>,
    ) {
        let id = match &then {
            Then::Open => DocId("d-1".into()),
            Then::Add => self.project.fresh_doc_id(),
            Then::Replace(id) => id.clone(),
        };
        let progress = Arc::new(Progress::new());
        self.readings.push(Reading {
            path: path.clone(),
            progress: progress.clone(),
        });
        self.spawn_job(ctx, move || {
            let result = open_document(&path, id, label.as_deref(), &progress);
            Job::Document(Box::new(DocumentJob { path, then, result }))
        });
    }

    /// Take in a document read by [`PizhuApp::spawn_document`] (or at start).
    pub(super) fn finish_document(&mut self, job: DocumentJob) {
        if let Some(at) = self.readings.iter().position(|r| r.path == job.path) {
            self.readings.remove(at);
        }
        let read = match job.result {
            Ok(read) => read,
            Err(IoError::Cancelled { path }) => {
                self.toast(t!("toast-import-cancelled", name = file_name(&path)));
                return;
            }
            Err(err) => {
                self.error(t!("error-open-document"), &err);
                return;
            }
        };
        let doc = read.document;
        let encoding = doc
            .source
            .as_ref()
            .map(|s| s.encoding.clone())
            .unwrap_or_default();
        let id = doc.id.clone();
        let unsure = read.format.has_encoding() && !read.encoding_confident;
        match job.then {
            Then::Open => {
                let name = doc
                    .name
                    .rsplit_once('.')
                    .map_or(doc.name.clone(), |(stem, _)| stem.to_owned());
                self.replace_project(project_with(name, doc), None);
                self.prefs.add_recent(&job.path);
            }
            Then::Add => {
                let name = doc.name.clone();
                let index = self.project.documents().len();
                self.push(Command::Edit(Edit::InsertDocument {
                    document: Box::new(doc),
                    index,
                }));
                self.push(Command::ShowDocument(id.clone()));
                self.toast(t!("toast-added", name = name));
            }
            Then::Replace(old) => {
                if self.replace_document(&old, doc)
                    && let Some(guess) = &mut self.encoding_guess
                {
                    guess.encoding.clone_from(&encoding);
                }
                return;
            }
        }
        self.encoding_guess = unsure.then(|| EncodingGuess {
            doc: id,
            path: job.path,
            choice: encoding.clone(),
            encoding,
        });
    }

    /// Put `doc` (the same file read in another encoding) in place of `old`;
    /// refused (false) once the document carries annotations, whose offsets
    /// would point into a different text.
    fn replace_document(&mut self, old: &DocId, doc: crate::model::Document) -> bool {
        if !self.project.annotations_of(old).is_empty() {
            self.toast(t!("encoding-has-annotations"));
            return false;
        }
        let Some(index) = self.project.documents().iter().position(|d| &d.id == old) else {
            return false;
        };
        let encoding = doc
            .source
            .as_ref()
            .map(|s| s.encoding.clone())
            .unwrap_or_default();
        let label = t!(
            "edit-reencode",
            name = doc.name.clone(),
            encoding = encoding
        );
        self.push(Command::Edit(Edit::Batch {
            label,
            edits: vec![
                Edit::RemoveDocument(old.clone()),
                Edit::InsertDocument {
                    document: Box::new(doc),
                    index,
                },
            ],
        }));
        self.push(Command::ShowDocument(old.clone()));
        true
    }
}

impl PizhuApp {
    /// Read another tool's annotations on a worker thread (against a copy
    /// of the project, to match its documents and codes).
    pub(super) fn spawn_import_annotations(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        format: AnnotationFormat,
    ) {
        let project = self.project.clone();
        self.spawn_job(ctx, move || {
            let result =
                crate::io::import::import_annotations(&project, format, &path).map(Box::new);
            Job::Imported(path, result)
        });
    }

    /// Apply an import as one undoable step and say what it did.
    pub(super) fn finish_import_annotations(&mut self, path: &std::path::Path, imported: Imported) {
        let name = file_name(path);
        let report = imported.report;
        if let Edit::Batch { edits, .. } = imported.edit
            && !edits.is_empty()
        {
            self.push(Command::Edit(Edit::Batch {
                label: t!("edit-import", name = name.clone()),
                edits,
            }));
        }
        let mut message = t!(
            "import-report",
            name = name,
            documents = report.documents_added,
            codes = report.codes_added,
            annotations = report.annotations_added,
            present = report.annotations_present
        );
        if !report.skipped.is_empty() {
            message.push_str("\n\n");
            message.push_str(&t!("import-skipped", count = report.skipped.len()));
            for skipped in report.skipped.iter().take(20) {
                message.push_str(&format!("\n• {skipped}"));
            }
        }
        for note in report.notes.iter().take(10) {
            message.push_str(&format!("\n• {note}"));
        }
        self.modal = Some(super::modals::Modal::Message {
            title: t!("import-title"),
            message,
        });
    }
}

/// The reads in progress, in the status bar: name, percentage, Cancel.
pub fn progress_ui(app: &PizhuApp, ui: &mut Ui) {
    for reading in &app.readings {
        ui.separator();
        ui.spinner();
        let fraction = reading.progress.fraction();
        ui.label(t!("status-reading-file", name = file_name(&reading.path)));
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(120.0)
                .show_percentage(),
        );
        if ui.small_button(t!("button-cancel")).clicked() {
            reading.progress.cancel();
        }
    }
}

/// The bar under the menus after a document whose encoding was guessed.
pub fn encoding_bar(app: &mut PizhuApp, ui: &mut Ui) {
    let Some(guess) = &mut app.encoding_guess else {
        return;
    };
    let mut reopen = false;
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(t!(
            "encoding-guessed",
            name = file_name(&guess.path),
            encoding = guess.encoding.clone()
        ));
        let label = ui.label(t!("encoding-choose"));
        egui::ComboBox::from_id_salt("encoding-choice")
            .selected_text(guess.choice.clone())
            .show_ui(ui, |ui| {
                for encoding in ENCODINGS {
                    ui.selectable_value(&mut guess.choice, encoding.to_owned(), encoding);
                }
            })
            .response
            .labelled_by(label.id);
        reopen = ui
            .add_enabled(
                !guess.choice.eq_ignore_ascii_case(&guess.encoding),
                egui::Button::new(t!("encoding-reopen")),
            )
            .clicked();
        close = ui.button(t!("encoding-keep")).clicked();
    });
    if close {
        app.encoding_guess = None;
    } else if reopen {
        let (path, doc, label) = (guess.path.clone(), guess.doc.clone(), guess.choice.clone());
        let ctx = ui.ctx().clone();
        app.spawn_document(&ctx, path, Then::Replace(doc), Some(label));
    }
}
