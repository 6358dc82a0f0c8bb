//! Comparing two coders side by side: the same document twice, each with
//! one coder's annotations, the stretches where they disagree framed, and a
//! way to accept either version into a curated layer (annotations whose
//! author is [`CURATED`]), one undoable step per decision.

use egui::{Ui, vec2};

use crate::analysis::agreement::{Difference, differences};
use crate::model::{Annotation, DocId, Edit, Project};
use crate::t;

use super::app::PizhuApp;
use super::commands::Command;
use super::document_view::{DocumentView, Matches, code_chip};

/// The author of accepted (curated) annotations.
pub const CURATED: &str = "curated";

/// Each coder's layer of one document and where they differ, with what it
/// was computed for: (revision, document, left coder, right coder).
type Layers = (
    (u64, DocId, String, String),
    Project,
    Project,
    Vec<Difference>,
);

/// State of the comparison window.
pub struct CompareState {
    /// The window is open.
    pub open: bool,
    left: Option<String>,
    right: Option<String>,
    left_view: DocumentView,
    right_view: DocumentView,
    /// (revision, document, left coder, right coder) → filtered projects and differences.
    cache: Option<Layers>,
    current: Option<usize>,
    /// The difference both views were last scrolled to.
    scrolled: Option<usize>,
}

impl CompareState {
    /// Drop the cached comparison (another project is shown: its revisions
    /// say nothing about this one's).
    pub fn forget_results(&mut self) {
        self.cache = None;
        self.current = None;
        self.scrolled = None;
        self.left_view.reset();
        self.right_view.reset();
    }
}

impl Default for CompareState {
    fn default() -> Self {
        Self {
            open: false,
            left: None,
            right: None,
            left_view: DocumentView::named("compare-left"),
            right_view: DocumentView::named("compare-right"),
            cache: None,
            current: None,
            scrolled: None,
        }
    }
}

/// The project with only `author`'s annotations of `doc` (and only that document).
fn layer(project: &Project, doc: &DocId, author: &str) -> Project {
    let documents = project.document(doc).cloned().into_iter().collect();
    let annotations = project
        .annotations_of(doc)
        .iter()
        .filter(|a| a.author == author)
        .cloned()
        .collect();
    Project::from_parts(
        project.name().to_owned(),
        project.codes().to_vec(),
        documents,
        annotations,
    )
}

/// Draw the window.
pub fn show(app: &mut PizhuApp, ctx: &egui::Context) {
    if !app.compare.open {
        return;
    }
    let mut open = true;
    egui::Window::new(t!("compare-title"))
        .id(egui::Id::unique("compare-window"))
        .open(&mut open)
        .default_size(vec2(1000.0, 640.0))
        .show(ctx, |ui| compare_ui(app, ui));
    app.compare.open = open;
}

fn compare_ui(app: &mut PizhuApp, ui: &mut Ui) {
    let Some(doc_id) = app.current_doc.clone() else {
        return;
    };
    let mut coders: Vec<String> = app
        .project
        .annotations_of(&doc_id)
        .iter()
        .map(|a| a.author.clone())
        .filter(|a| a != CURATED)
        .collect();
    coders.sort();
    coders.dedup();
    if coders.len() < 2 {
        ui.label(t!("compare-too-few-coders"));
        return;
    }
    let state = &mut app.compare;
    let left = state.left.get_or_insert_with(|| coders[0].clone()).clone();
    let right = state.right.get_or_insert_with(|| coders[1].clone()).clone();
    ui.horizontal(|ui| {
        coder_combo(
            ui,
            "compare-left-coder-combo",
            &t!("compare-left-coder"),
            &coders,
            &mut state.left,
        );
        coder_combo(
            ui,
            "compare-right-coder-combo",
            &t!("compare-right-coder"),
            &coders,
            &mut state.right,
        );
    });
    let key = (
        app.project.revision(),
        doc_id.clone(),
        left.clone(),
        right.clone(),
    );
    if state.cache.as_ref().map(|c| &c.0) != Some(&key) {
        let diffs: Vec<Difference> = differences(&app.project, &doc_id)
            .into_iter()
            .filter(|d| {
                let of = |who: &str| {
                    d.codes
                        .iter()
                        .find(|(c, _)| c == who)
                        .map(|(_, codes)| codes.clone())
                        .unwrap_or_default()
                };
                of(&left) != of(&right)
            })
            .collect();
        state.cache = Some((
            key,
            layer(&app.project, &doc_id, &left),
            layer(&app.project, &doc_id, &right),
            diffs,
        ));
        state.current = None;
    }
    let Some((_, left_project, right_project, diffs)) = state.cache.as_ref() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(t!(
            "compare-differences",
            count = diffs.len(),
            left = left.as_str(),
            right = right.as_str()
        ));
        let previous = t!("compare-previous");
        if ui
            .button("◀")
            .on_hover_text(&previous)
            .accessible_name(previous)
            .clicked()
            && !diffs.is_empty()
        {
            state.current = Some(
                state
                    .current
                    .map_or(diffs.len() - 1, |i| (i + diffs.len() - 1) % diffs.len()),
            );
        }
        let next = t!("compare-next");
        if ui
            .button("▶")
            .on_hover_text(&next)
            .accessible_name(next)
            .clicked()
            && !diffs.is_empty()
        {
            state.current = Some(state.current.map_or(0, |i| (i + 1) % diffs.len()));
        }
    });
    let current = state.current.and_then(|i| diffs.get(i));
    let mut accept = None;
    if let Some(d) = current {
        ui.horizontal_wrapped(|ui| {
            for (who, codes) in d
                .codes
                .iter()
                .filter(|(who, _)| *who == left || *who == right)
            {
                ui.label(t!("compare-coder-codes", coder = who.as_str()));
                if codes.is_empty() {
                    ui.label(t!("compare-no-code"));
                }
                for code in codes.iter().filter_map(|c| app.project.code(c)) {
                    code_chip(ui, &code.name, code.color.0);
                }
                if ui
                    .button(t!("compare-accept", coder = who.as_str()))
                    .clicked()
                {
                    accept = Some(who.clone());
                }
            }
        });
    }
    let spans: Vec<_> = diffs.iter().map(|d| d.span).collect();
    let matches = Matches {
        spans: &spans,
        current: current.map(|d| d.span),
    };
    if state.scrolled != state.current
        && let Some(d) = current
    {
        state.left_view.scroll_to(d.span.start());
        state.right_view.scroll_to(d.span.start());
        state.scrolled = state.current;
    }
    let height = ui.available_height();
    ui.columns(2, |cols| {
        for (col, (project, view, who)) in cols.iter_mut().zip([
            (left_project, &mut state.left_view, &left),
            (right_project, &mut state.right_view, &right),
        ]) {
            // Each column its own id scope: egui's columns share auto ids.
            col.push_id(view.name, |col| {
                col.strong(who);
                if let Some(doc) = project.documents().first() {
                    col.allocate_ui(vec2(col.available_width(), height - 30.0), |ui| {
                        let _ = view.ui(ui, project, doc, None, &matches, None);
                    });
                }
            });
        }
    });
    if let (Some(who), Some(d)) = (accept, current.cloned()) {
        accept_version(app, &doc_id, &d, &who);
    }
}

/// A coder picker; `id_salt` keeps its state across a language switch.
fn coder_combo(
    ui: &mut Ui,
    id_salt: &str,
    label: &str,
    coders: &[String],
    chosen: &mut Option<String>,
) {
    egui::ComboBox::new(id_salt, label)
        .selected_text(chosen.clone().unwrap_or_default())
        .show_ui(ui, |ui| {
            for c in coders {
                ui.selectable_value(chosen, Some(c.clone()), c);
            }
        });
}

/// Put `who`'s codes on the difference's span into the curated layer,
/// replacing curated annotations that overlap it, as one undoable edit.
fn accept_version(app: &mut PizhuApp, doc_id: &DocId, d: &Difference, who: &str) {
    let Some(doc) = app.project.document(doc_id) else {
        return;
    };
    let codes = d
        .codes
        .iter()
        .find(|(c, _)| c == who)
        .map(|(_, codes)| codes.clone())
        .unwrap_or_default();
    let mut edits: Vec<Edit> = app
        .project
        .annotations_of(doc_id)
        .iter()
        .filter(|a| a.author == CURATED && a.spans.iter().any(|s| s.overlaps(d.span)))
        .map(|a| Edit::RemoveAnnotation(a.id))
        .collect();
    for code in codes {
        edits.push(Edit::InsertAnnotation(Annotation::new(
            doc,
            d.span,
            vec![code],
            CURATED,
        )));
    }
    if !edits.is_empty() {
        app.push(Command::Edit(Edit::Batch {
            label: t!("compare-accept-undo", coder = who),
            edits,
        }));
    }
}
