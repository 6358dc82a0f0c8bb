//! The application: state, the frame, and the panel layout.
//!
//! Widgets never change the project: they push [`Command`]s, which
//! [`PizhuApp::run_commands`] applies after drawing, through [`History`].

use crate::t;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, mpsc};
use std::time::{Duration, Instant};

use crate::io::IoError;
use crate::io::import::document_from_bytes;
use crate::io::project_file::Loaded;
use crate::io::recovery::{Found, Recovery};
use crate::model::{AnnotationId, CodeId, DocId, Document, History, Project, starter};
use crate::text::segment::Segmenter;

use super::commands::Command;
use super::dialogs::FileDialogs;
use super::document_view::DocumentView;
use super::modals::Modal;
use super::prefs::Prefs;

/// The bundled declaration, shown when Pizhu starts without a file.
pub const DECLARATION: &[u8] = include_bytes!("../../assets/declaration-1998-zh.txt");
/// Its file name.
pub const DECLARATION_NAME: &str = "declaration-1998-zh.txt";
/// The example project (the declaration, coded), offered by the welcome window.
const EXAMPLE: &[u8] = include_bytes!("../../assets/example.pizhu.ron");
/// Its file name.
const EXAMPLE_NAME: &str = "example.pizhu.ron";
/// How often unsaved work is written to the recovery file.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// How the app starts.
pub struct AppOptions {
    /// A project or document to open instead of the declaration.
    pub open: Option<PathBuf>,
    /// Where the recovery file lives; `None` turns autosave off.
    pub data_dir: Option<PathBuf>,
    /// The file dialogs (native in the app, scripted in tests).
    pub dialogs: Box<dyn FileDialogs>,
    /// Saved preferences.
    pub prefs: Prefs,
    /// Show the welcome window (the first start, or when the user asked).
    pub welcome: bool,
}

/// A file being read on a worker thread.
pub(super) enum Job {
    Project(PathBuf, Result<Loaded, IoError>),
    Document(Box<super::reading::DocumentJob>),
    Merge(PathBuf, Result<Loaded, IoError>),
    Exported(PathBuf, Result<(), IoError>),
    Imported(PathBuf, Result<Box<crate::io::import::Imported>, IoError>),
}

/// A short message at the bottom of the window.
pub(super) struct Toast {
    pub text: String,
    pub until: Instant,
}

/// The Pizhu window.
pub struct PizhuApp {
    pub(super) project: Project,
    pub(super) history: History,
    pub(super) path: Option<PathBuf>,
    pub(super) saved_revision: u64,
    pub(super) current_doc: Option<DocId>,
    /// The document view's UI state (selection, scroll, caches).
    pub view: DocumentView,
    pub(super) selected: Option<AnnotationId>,
    pub(super) note_draft: Option<(AnnotationId, String)>,
    pub(super) code_filter: Option<CodeId>,
    pub(super) new_code_name: String,
    pub(super) code_draft: Option<super::codebook_panel::CodeDraft>,
    pub(super) dialogs: Box<dyn FileDialogs>,
    pub(super) modal: Option<Modal>,
    pub(super) toasts: Vec<Toast>,
    pub(super) commands: Vec<Command>,
    pub(super) segmenter: Arc<OnceLock<Segmenter>>,
    pub(super) prefs: Prefs,
    pub(super) recovery: Option<Recovery>,
    pub(super) last_autosave: Instant,
    pub(super) autosaved_revision: u64,
    pub(super) jobs: (mpsc::Sender<Job>, mpsc::Receiver<Job>),
    pub(super) busy: usize,
    /// Documents being read, with their progress.
    pub(super) readings: Vec<super::reading::Reading>,
    /// The last document read in a guessed encoding.
    pub(super) encoding_guess: Option<super::reading::EncodingGuess>,
    pub(super) title: String,
    pub(super) allow_close: bool,
    pub(super) search: super::search_bar::SearchState,
    pub(super) analysis: super::analysis_windows::AnalysisState,
    pub(super) compare: super::compare_view::CompareState,
    pub(super) memos: super::memos_window::MemoState,
    pub(super) settings: super::settings::SettingsState,
    /// Annotations per code, for the codebook; recounted once per edit.
    code_counts: (u64, std::collections::HashMap<crate::model::CodeId, usize>),
}

impl PizhuApp {
    /// The app showing the declaration (or `options.open`).
    pub fn new(ctx: &egui::Context, options: AppOptions) -> Self {
        super::fonts::install(ctx);
        let segmenter = Arc::new(OnceLock::new());
        {
            // jieba's dictionary takes ~125 ms to build: never on the UI thread.
            let segmenter = segmenter.clone();
            let ctx = ctx.clone();
            std::thread::spawn(move || {
                let _ = segmenter.set(Segmenter::new());
                ctx.request_repaint();
            });
        }
        let mut app = Self {
            project: default_project(),
            history: History::default(),
            path: None,
            saved_revision: 0,
            current_doc: None,
            view: DocumentView::default(),
            selected: None,
            note_draft: None,
            code_filter: None,
            new_code_name: String::new(),
            code_draft: None,
            dialogs: options.dialogs,
            modal: None,
            toasts: Vec::new(),
            commands: Vec::new(),
            segmenter,
            prefs: options.prefs,
            recovery: options.data_dir.map(|d| Recovery::new(d.join("recovery"))),
            last_autosave: Instant::now(),
            autosaved_revision: 0,
            jobs: mpsc::channel(),
            busy: 0,
            readings: Vec::new(),
            encoding_guess: None,
            title: String::new(),
            allow_close: false,
            search: super::search_bar::SearchState::default(),
            analysis: super::analysis_windows::AnalysisState::default(),
            compare: super::compare_view::CompareState::default(),
            memos: super::memos_window::MemoState::default(),
            settings: super::settings::SettingsState::default(),
            code_counts: (u64::MAX, std::collections::HashMap::new()),
        };
        app.saved_revision = app.project.revision();
        app.current_doc = app.project.documents().first().map(|d| d.id.clone());
        app.view.font_size = app.prefs.font_size;
        app.view.reading_mode = app.prefs.reading_mode;
        app.view.line_numbers = app.prefs.line_numbers;
        app.view.snap_to_words = app.prefs.snap_to_words;
        app.view.line_spacing = app.prefs.line_spacing;
        super::settings::apply_theme(ctx, &app.prefs.theme);
        if (app.prefs.ui_scale - 1.0).abs() > f32::EPSILON {
            ctx.set_zoom_factor(app.prefs.ui_scale.clamp(0.8, 2.0));
        }
        let lang = *app
            .prefs
            .language
            .get_or_insert_with(crate::i18n::Lang::from_system);
        super::settings::set_language(&mut app, lang);
        app.settings.welcome_open = options.welcome;
        if let Some(found) = app.recovery.as_ref().and_then(Recovery::find) {
            app.modal = Some(Modal::Recover(found));
        }
        if let Some(path) = options.open {
            app.open_now(&path);
        }
        app
    }

    /// The project shown.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Where the project is saved, if it is.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when the project has changes not saved.
    pub fn is_dirty(&self) -> bool {
        self.project.revision() != self.saved_revision
    }

    /// The selected annotation.
    pub fn selected(&self) -> Option<AnnotationId> {
        self.selected
    }

    /// The document shown.
    pub fn current_document(&self) -> Option<&Document> {
        self.current_doc
            .as_ref()
            .and_then(|id| self.project.document(id))
    }

    /// The message of the open error dialog, if one is shown.
    pub fn error_message(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Message { message, .. }) => Some(message),
            _ => None,
        }
    }

    /// The preferences as they stand (saved when the window closes).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The modal dialog shown, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// How many annotations carry `code`, as the codebook shows it (cached
    /// per project revision: the codebook shows this for every code on
    /// every frame).
    pub fn code_count(&mut self, code: &crate::model::CodeId) -> usize {
        if self.code_counts.0 != self.project.revision() {
            let mut counts = std::collections::HashMap::new();
            for ann in self.project.annotations() {
                for c in &ann.codes {
                    *counts.entry(c.clone()).or_insert(0) += 1;
                }
            }
            self.code_counts = (self.project.revision(), counts);
        }
        self.code_counts.1.get(code).copied().unwrap_or(0)
    }

    /// Open or close the analysis windows (as the Analysis menu does).
    pub fn show_analysis(&mut self, retrieval: bool, stats: bool, compare: bool) {
        self.analysis.retrieval_open = retrieval;
        self.analysis.stats_open = stats;
        self.compare.open = compare;
    }

    /// Queue a command, as a widget would.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Wait for background jobs (file reads, jieba), for tests.
    pub fn wait_for_jobs(&mut self) {
        while self.busy > 0 {
            match self.jobs.1.recv_timeout(Duration::from_secs(30)) {
                Ok(job) => {
                    self.busy -= 1;
                    self.finish_job(job);
                }
                Err(_) => break,
            }
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.segmenter.get().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub(super) fn toast(&mut self, text: impl Into<String>) {
        self.toasts.push(Toast {
            text: text.into(),
            until: Instant::now() + Duration::from_secs(4),
        });
    }

    /// Show an error: `title` says what failed, the message why (in the
    /// interface language, naming the file).
    pub(super) fn error(&mut self, title: String, err: &(dyn std::error::Error + 'static)) {
        self.modal = Some(Modal::Message {
            title,
            message: crate::i18n::errors::describe(err),
        });
    }

    /// Open a project or document synchronously (start-up).
    fn open_now(&mut self, path: &Path) {
        if crate::io::project_file::is_project_path(path) {
            let result = crate::io::project_file::load(path);
            self.finish_job(Job::Project(path.to_owned(), result));
        } else {
            let progress = crate::io::import::Progress::new();
            let result =
                crate::io::import::open_document(path, DocId("d-1".into()), None, &progress);
            self.finish_job(Job::Document(Box::new(super::reading::DocumentJob {
                path: path.to_owned(),
                then: super::reading::Then::Open,
                result,
            })));
        }
    }

    /// Run `work` on a worker thread; its job is taken in by
    /// [`PizhuApp::poll_jobs`] (the window is woken for it).
    pub(super) fn spawn_job(
        &mut self,
        ctx: &egui::Context,
        work: impl FnOnce() -> Job + Send + 'static,
    ) {
        let tx = self.jobs.0.clone();
        let ctx = ctx.clone();
        self.busy += 1;
        std::thread::spawn(move || {
            let _ = tx.send(work());
            ctx.request_repaint();
        });
    }

    /// Read another project on a worker thread, to merge it.
    pub(super) fn spawn_merge(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.spawn_job(ctx, move || {
            let result = crate::io::project_file::load(&path);
            Job::Merge(path, result)
        });
    }

    /// Read a project or a document on a worker thread: open it, or add
    /// the document to the project.
    pub(super) fn spawn_read(&mut self, ctx: &egui::Context, path: PathBuf, add: bool) {
        use super::reading::Then;
        if add || !crate::io::project_file::is_project_path(&path) {
            let then = if add { Then::Add } else { Then::Open };
            self.spawn_document(ctx, path, then, None);
            return;
        }
        self.spawn_job(ctx, move || {
            let result = crate::io::project_file::load(&path);
            Job::Project(path, result)
        });
    }

    pub(super) fn poll_jobs(&mut self) {
        while let Ok(job) = self.jobs.1.try_recv() {
            self.busy = self.busy.saturating_sub(1);
            self.finish_job(job);
        }
    }

    fn finish_job(&mut self, job: Job) {
        match job {
            Job::Project(path, Ok(loaded)) => {
                let repaired = loaded.repaired.len();
                self.replace_project(loaded.project, Some(path.clone()));
                self.prefs.add_recent(&path);
                if repaired > 0 {
                    // Re-anchored spans differ from the file: offer to save them.
                    self.saved_revision = u64::MAX;
                    self.modal = Some(Modal::Message {
                        title: t!("reanchored-title"),
                        message: t!(
                            "reanchored-text",
                            path = path.display().to_string(),
                            count = repaired
                        ),
                    });
                }
            }
            Job::Project(_, Err(err)) => self.error(t!("error-open-project"), &err),
            Job::Document(job) => self.finish_document(*job),
            Job::Merge(_, Err(err)) => self.error(t!("error-merge"), &err),
            Job::Merge(path, Ok(loaded)) => self.merge_with(&path, &loaded.project),
            Job::Exported(path, Ok(())) => {
                self.toast(t!("toast-exported", path = path.display().to_string()));
            }
            Job::Exported(_, Err(err)) => self.error(t!("error-export"), &err),
            Job::Imported(path, Ok(imported)) => self.finish_import_annotations(&path, *imported),
            Job::Imported(_, Err(err)) => self.error(t!("error-import"), &err),
        }
    }

    /// Merge another annotator's project into this one (File → Merge).
    fn merge_with(&mut self, path: &Path, other: &Project) {
        use crate::analysis::merge::{MergeInput, merge};
        let here = self.path.as_ref().map_or_else(
            || self.project.name().to_owned(),
            |p| p.display().to_string(),
        );
        let there = path.display().to_string();
        let inputs = [
            MergeInput {
                label: &here,
                project: &self.project,
            },
            MergeInput {
                label: &there,
                project: other,
            },
        ];
        match merge(&inputs) {
            Ok((merged, conflicts)) => {
                let own_path = self.path.clone();
                self.replace_project(merged, own_path);
                // The merge exists only in memory until saved.
                self.saved_revision = u64::MAX;
                let mut message = t!("merged-text", name = crate::io::file_name(path));
                if !conflicts.is_empty() {
                    message.push_str("\n\n");
                    message.push_str(&t!("merged-conflicts"));
                    for c in conflicts.iter().take(20) {
                        message.push_str(&format!("\n• {c}"));
                    }
                }
                self.modal = Some(Modal::Message {
                    title: t!("merged-title"),
                    message,
                });
            }
            Err(err) => self.error(t!("error-merge"), &err),
        }
    }

    /// Show the bundled declaration or the example project (no file).
    pub(super) fn open_bundled(&mut self, what: super::modals::Bundled) {
        match what {
            super::modals::Bundled::Declaration => self.replace_project(default_project(), None),
            super::modals::Bundled::Example => {
                let path = Path::new(EXAMPLE_NAME);
                match crate::io::project_file::from_bytes(path, EXAMPLE) {
                    Ok(loaded) => self.replace_project(loaded.project, None),
                    Err(err) => self.error(t!("error-open-project"), &err),
                }
            }
        }
    }

    pub(super) fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.project = project;
        self.history.clear();
        self.saved_revision = self.project.revision();
        self.autosaved_revision = self.saved_revision;
        self.path = path;
        self.current_doc = self.project.documents().first().map(|d| d.id.clone());
        self.selected = None;
        self.note_draft = None;
        self.code_filter = None;
        self.code_draft = None;
        self.memos.reset();
        self.view.reset();
        self.encoding_guess = None;
        // Caches keyed by revision: a new project may have the same one.
        self.code_counts.0 = u64::MAX;
        self.analysis.forget_results();
        self.compare.forget_results();
    }

    /// Write the recovery file when there are unsaved changes a minute old.
    fn autosave(&mut self) {
        if self.last_autosave.elapsed() < AUTOSAVE_EVERY {
            return;
        }
        self.last_autosave = Instant::now();
        if let Some(write) = self.recovery_writer() {
            // Writing can take a moment on a slow disk: not on the UI thread.
            std::thread::spawn(write);
        }
    }

    /// Write the recovery file now if there is unsaved work (what the
    /// minute timer does, without waiting; for tests and before risky steps).
    pub fn autosave_now(&mut self) {
        if let Some(write) = self.recovery_writer() {
            write();
        }
    }

    /// The write of the recovery file, if there is something new to write.
    fn recovery_writer(&mut self) -> Option<impl FnOnce() + Send + 'static> {
        if !self.is_dirty() || self.autosaved_revision == self.project.revision() {
            return None;
        }
        let recovery = self.recovery.clone()?;
        let text = crate::io::project_file::to_string(&self.project).ok()?;
        self.autosaved_revision = self.project.revision();
        let original = self.path.clone();
        Some(move || {
            let _ = recovery.write(&text, original.as_deref());
        })
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self.project.name();
        let title = format!("{}{name} — Pizhu", if self.is_dirty() { "* " } else { "" });
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title the app wants.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::ConfirmDiscard(super::modals::Then::Close));
        }
    }

    /// One frame of the whole window; what `eframe::App::ui` calls, and tests too.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Strings are looked up in this thread's language (see `i18n`).
        if let Some(lang) = self.prefs.language {
            crate::i18n::set_thread_lang(lang);
        }
        self.poll_jobs();
        if let Some((request, answer)) = self.dialogs.poll() {
            self.dialog_answered(&ctx, request, answer);
        }
        self.handle_close_request(&ctx);
        super::shortcuts::handle(self, &ctx);

        egui::Panel::top("menu").show(ui, |ui| super::menus::menu_bar(self, ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.search.open {
            egui::Panel::top("find").show(ui, |ui| super::search_bar::ui(self, ui));
        }
        if self.encoding_guess.is_some() {
            egui::Panel::top("encoding").show(ui, |ui| super::reading::encoding_bar(self, ui));
        }
        egui::Panel::left("codebook")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| super::codebook_panel::ui(self, ui));
        egui::Panel::right("annotations")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| super::annotation_panel::ui(self, ui));
        egui::CentralPanel::default().show(ui, |ui| self.document_ui(ui));
        super::analysis_windows::show(self, &ctx);
        super::compare_view::show(self, &ctx);
        super::memos_window::show(self, &ctx);
        super::settings::show(self, &ctx);
        super::modals::show(self, &ctx);

        super::access::focus_ring(&ctx, self.view.text_id());
        self.run_commands(&ctx);
        self.autosave();
        self.update_title(&ctx);
        self.toasts.retain(|t| t.until > Instant::now());
        if !self.toasts.is_empty() || self.busy > 0 || self.segmenter.get().is_none() {
            ctx.request_repaint_after(Duration::from_millis(250));
        }
        ctx.request_repaint_after(AUTOSAVE_EVERY);
    }

    fn document_ui(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = self
            .current_doc
            .as_ref()
            .and_then(|id| self.project.document(id))
        else {
            ui.centered_and_justified(|ui| ui.label(t!("no-document")));
            return;
        };
        let matches = if self.search.open {
            super::document_view::Matches {
                spans: self.search.matches_in(&doc.id),
                current: self.search.current().map(|(_, s)| s),
            }
        } else {
            super::document_view::Matches::default()
        };
        let output = self.view.ui(
            ui,
            &self.project,
            doc,
            self.selected,
            &matches,
            self.segmenter.get(),
        );
        if let Some(id) = output.clicked_annotation {
            self.commands
                .push(Command::SelectAnnotation { id, scroll: false });
        } else if output.clicked_empty {
            self.selected = None;
        }
    }

    /// What the status bar says about the selection: the selected passage,
    /// or the selected annotation's passage and codes. Screen readers
    /// announce it.
    pub fn announcement(&self) -> Option<String> {
        const SHOWN: usize = 30;
        let doc = self.current_document()?;
        let short = |span: crate::model::CharSpan| {
            // Runs every frame, and the selection may be the whole document:
            // look only at the chars shown.
            let mut chars = doc
                .slice_clamped(span)
                .chars()
                .filter(|c| !c.is_whitespace());
            let head: String = chars.by_ref().take(SHOWN).collect();
            if chars.next().is_some() {
                format!("{head}…")
            } else {
                head
            }
        };
        let sel = self.view.selection();
        if !sel.is_empty() {
            return Some(t!("a11y-selection", text = short(sel)));
        }
        let ann = self.selected.and_then(|id| self.project.annotation(id))?;
        let codes: Vec<&str> = ann
            .codes
            .iter()
            .filter_map(|c| self.project.code(c).map(|c| c.name.as_str()))
            .collect();
        Some(t!(
            "a11y-annotation",
            text = short(ann.extent()),
            codes = codes.join(t!("list-separator").as_str())
        ))
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(doc) = self.current_document() {
                ui.label(t!(
                    "status-document",
                    name = doc.name.clone(),
                    count = doc.char_len()
                ));
                let sel = self.view.selection();
                if !sel.is_empty() {
                    ui.separator();
                    ui.label(t!(
                        "status-selection",
                        count = sel.len(),
                        at = sel.start().0
                    ));
                }
            }
            ui.separator();
            ui.label(t!(
                "status-annotations",
                count = self.project.annotations().len()
            ));
            if self.readings.is_empty() && self.busy > 0 {
                ui.separator();
                ui.spinner();
                ui.label(t!("status-reading"));
            }
            super::reading::progress_ui(self, ui);
            if self.segmenter.get().is_none() {
                ui.separator();
                ui.label(t!("status-segmenter"));
            }
            if let Some(text) = self.announcement() {
                ui.separator();
                let label = ui.label(text);
                // A live region: screen readers read it out when it changes.
                ui.ctx().accesskit_node_builder(label.id, |node| {
                    node.set_live(egui::accesskit::Live::Polite);
                });
            }
            if let Some(toast) = self.toasts.last() {
                ui.separator();
                ui.label(egui::RichText::new(&toast.text).strong());
            }
        });
    }
}

impl eframe::App for PizhuApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.font_size = self.view.font_size;
        self.prefs.reading_mode = self.view.reading_mode;
        self.prefs.line_numbers = self.view.line_numbers;
        self.prefs.snap_to_words = self.view.snap_to_words;
        self.prefs.line_spacing = self.view.line_spacing;
        eframe::set_value(storage, super::prefs::KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit (saved, or the user chose to discard) needs no recovery.
        if (!self.is_dirty() || self.allow_close)
            && let Some(recovery) = &self.recovery
        {
            recovery.clear();
        }
    }
}

/// The project a new user sees: the declaration with the starter codebook.
pub fn default_project() -> Project {
    let doc = document_from_bytes(
        Path::new(DECLARATION_NAME),
        DECLARATION,
        DocId("d-1".into()),
    );
    let mut project = Project::new("中俄联合声明 1998");
    if let Ok(doc) = doc {
        project = project_with("中俄联合声明 1998".into(), doc);
    }
    project
}

/// A new project holding `doc`, with the starter codebook when `doc` is the
/// bundled declaration.
pub fn project_with(name: String, doc: Document) -> Project {
    let is_declaration =
        crate::text::decode::decode(DECLARATION).is_ok_and(|d| d.text == doc.text());
    let codes = if is_declaration {
        starter::declaration_codebook()
    } else {
        Vec::new()
    };
    Project::from_parts(name, codes, vec![doc], Vec::new())
}

/// Where the data of a found recovery file came from, for the prompt.
pub(super) fn describe_found(found: &Found) -> String {
    let when = found
        .written
        .map(|t| humantime::format_rfc3339_seconds(t).to_string())
        .unwrap_or_else(|| t!("recover-earlier"));
    match &found.original {
        Some(p) => t!(
            "recover-found-file",
            path = p.display().to_string(),
            when = when
        ),
        None => t!("recover-found-unsaved", when = when),
    }
}
