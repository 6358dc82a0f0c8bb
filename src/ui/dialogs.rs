//! Native file dialogs behind a trait, so tests can answer them.
//!
//! The real dialogs run on their own thread, so the window keeps repainting
//! while one is open.

use crate::t;
use std::path::PathBuf;
use std::sync::mpsc;

/// What a dialog is asked for; comes back with its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogRequest {
    /// Open a project or a document (replacing the current project).
    Open,
    /// Add a document to the current project.
    AddDocument,
    /// Choose another annotator's project to merge in.
    Merge,
    /// Choose a file of annotations to import (qdpx, brat .ann, W3C JSON-LD).
    ImportAnnotations(crate::io::import::AnnotationFormat),
    /// Choose where to save the project.
    SaveProject {
        /// Suggested file name.
        suggested: String,
    },
    /// Choose where to export.
    Export {
        /// The format's extension, e.g. `"csv"`.
        extension: &'static str,
        /// Which export, as a command name the app understands.
        what: crate::io::export::Format,
        /// CSV only: with a BOM for Excel.
        bom: bool,
        /// Suggested file name.
        suggested: String,
    },
}

/// A source of file-dialog answers.
pub trait FileDialogs {
    /// Show a dialog for `request`. Ignored while another one is open.
    fn request(&mut self, request: DialogRequest, ctx: &egui::Context);
    /// The answer to the last request, once the user has given it
    /// (`None` inside when they cancelled).
    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)>;
    /// True while a dialog is open.
    fn is_open(&self) -> bool;
}

/// Dialogs by `rfd` (the desktop portal, else zenity), each on a thread.
#[derive(Default)]
pub struct NativeDialogs {
    pending: Option<mpsc::Receiver<(DialogRequest, Option<PathBuf>)>>,
}

impl FileDialogs for NativeDialogs {
    fn request(&mut self, request: DialogRequest, ctx: &egui::Context) {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        self.pending = Some(rx);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let answer = show(&request);
            let _ = tx.send((request, answer));
            ctx.request_repaint();
        });
    }

    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)> {
        let rx = self.pending.as_ref()?;
        match rx.try_recv() {
            Ok(answer) => {
                self.pending = None;
                Some(answer)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                None
            }
        }
    }

    fn is_open(&self) -> bool {
        self.pending.is_some()
    }
}

fn show(request: &DialogRequest) -> Option<PathBuf> {
    // Runs on the dialog thread: `t!` uses the language set as default.
    let texts = ["txt", "text", "md"];
    let documents = [
        "txt", "text", "md", "html", "htm", "xhtml", "docx", "epub", "pdf",
    ];
    let project = t!("dialog-filter-project");
    let all = t!("dialog-filter-all");
    match request {
        DialogRequest::Open => rfd::FileDialog::new()
            .set_title(t!("dialog-open"))
            .add_filter(
                t!("dialog-filter-project-or-document"),
                &[&["ron"][..], &documents].concat(),
            )
            .add_filter(&project, &["ron"])
            .add_filter(t!("dialog-filter-documents"), &documents)
            .add_filter(t!("dialog-filter-text"), &texts)
            .add_filter(&all, &["*"])
            .pick_file(),
        DialogRequest::Merge => rfd::FileDialog::new()
            .set_title(t!("dialog-merge"))
            .add_filter(&project, &["ron"])
            .pick_file(),
        DialogRequest::AddDocument => rfd::FileDialog::new()
            .set_title(t!("dialog-add-document"))
            .add_filter(t!("dialog-filter-documents"), &documents)
            .add_filter(t!("dialog-filter-text"), &texts)
            .add_filter(&all, &["*"])
            .pick_file(),
        DialogRequest::ImportAnnotations(format) => {
            use crate::io::import::AnnotationFormat;
            let extensions: &[&str] = match format {
                AnnotationFormat::Qdpx => &["qdpx"],
                AnnotationFormat::Brat => &["ann"],
                AnnotationFormat::W3c => &["jsonld", "json"],
            };
            rfd::FileDialog::new()
                .set_title(t!("dialog-import-annotations"))
                .add_filter(extensions.join(", "), extensions)
                .add_filter(&all, &["*"])
                .pick_file()
        }
        DialogRequest::SaveProject { suggested } => rfd::FileDialog::new()
            .set_title(t!("dialog-save-project"))
            .add_filter(&project, &["ron"])
            .set_file_name(suggested)
            .save_file(),
        DialogRequest::Export {
            extension,
            suggested,
            ..
        } => rfd::FileDialog::new()
            .set_title(t!("dialog-export"))
            .add_filter(*extension, &[*extension])
            .set_file_name(suggested)
            .save_file(),
    }
}

/// Dialogs answered from a script, for tests: each request takes the next
/// queued answer at once (or is cancelled when none is queued).
#[derive(Clone, Debug, Default)]
pub struct ScriptedDialogs {
    script: std::sync::Arc<std::sync::Mutex<Script>>,
    ready: Option<(DialogRequest, Option<PathBuf>)>,
}

#[derive(Debug, Default)]
struct Script {
    answers: std::collections::VecDeque<Option<PathBuf>>,
    requests: Vec<DialogRequest>,
}

impl ScriptedDialogs {
    /// Queue the answer to a later request; clones share one script.
    pub fn answer(&self, path: Option<PathBuf>) {
        if let Ok(mut script) = self.script.lock() {
            script.answers.push_back(path);
        }
    }

    /// Every request made so far, in order.
    pub fn requests(&self) -> Vec<DialogRequest> {
        self.script
            .lock()
            .map(|s| s.requests.clone())
            .unwrap_or_default()
    }
}

impl FileDialogs for ScriptedDialogs {
    fn request(&mut self, request: DialogRequest, _ctx: &egui::Context) {
        let answer = self.script.lock().ok().and_then(|mut script| {
            script.requests.push(request.clone());
            script.answers.pop_front().flatten()
        });
        self.ready = Some((request, answer));
    }

    fn poll(&mut self) -> Option<(DialogRequest, Option<PathBuf>)> {
        self.ready.take()
    }

    fn is_open(&self) -> bool {
        self.ready.is_some()
    }
}
