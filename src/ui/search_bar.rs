//! The find bar (Ctrl+F): incremental search with a match count, next and
//! previous, folding options, one document or all, and "code all matches".

use crate::t;
use std::collections::HashMap;

use egui::Ui;

use crate::model::{Annotation, CharSpan, CodeId, DocId, Edit, Project};
use crate::text::search::{Folded, SearchOptions};

use super::app::PizhuApp;
use super::commands::Command;

/// Find bar state.
#[derive(Default)]
pub struct SearchState {
    /// The bar is shown.
    pub open: bool,
    /// What is searched for.
    pub query: String,
    /// Case, width folding, regex.
    pub options: SearchOptions,
    /// Search every document of the project, not just the shown one.
    pub all_documents: bool,
    /// Matches per document, in document order.
    results: Vec<(DocId, Vec<CharSpan>)>,
    /// The current match: (index into `results`, index into its spans).
    current: Option<(usize, usize)>,
    /// Folded texts, per document (text is immutable for a given id and length).
    folded: HashMap<(DocId, usize, SearchOptions), Folded>,
    key: Option<(String, SearchOptions, bool, Option<DocId>, usize)>,
    /// Why the last search failed (bad regex).
    pub error: Option<String>,
    focus: bool,
}

impl SearchState {
    /// Show the bar and put the cursor in it.
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Recompute the matches if the query, options or documents changed.
    pub fn refresh(&mut self, project: &Project, current_doc: Option<&DocId>) {
        let key = (
            self.query.clone(),
            self.options,
            self.all_documents,
            current_doc.cloned(),
            project.documents().len(),
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        self.results.clear();
        self.current = None;
        self.error = None;
        if self.query.trim().is_empty() {
            return;
        }
        for doc in project.documents() {
            if !self.all_documents && Some(&doc.id) != current_doc {
                continue;
            }
            let folded = self
                .folded
                .entry((doc.id.clone(), doc.char_len(), self.options))
                .or_insert_with(|| Folded::new(doc, self.options));
            match folded.find_all(&self.query) {
                Ok(spans) if !spans.is_empty() => self.results.push((doc.id.clone(), spans)),
                Ok(_) => {}
                Err(err) => {
                    self.error = Some(err.to_string());
                    return;
                }
            }
        }
        // Start at the first match of the shown document, if it has one.
        self.current = self
            .results
            .iter()
            .position(|(id, _)| Some(id) == current_doc)
            .or((!self.results.is_empty()).then_some(0))
            .map(|d| (d, 0));
    }

    /// How many matches in all.
    pub fn count(&self) -> usize {
        self.results.iter().map(|(_, s)| s.len()).sum()
    }

    /// The matches in one document.
    pub fn matches_in(&self, doc: &DocId) -> &[CharSpan] {
        self.results
            .iter()
            .find(|(id, _)| id == doc)
            .map_or(&[], |(_, s)| s.as_slice())
    }

    /// The current match.
    pub fn current(&self) -> Option<(&DocId, CharSpan)> {
        let (d, i) = self.current?;
        let (id, spans) = self.results.get(d)?;
        Some((id, *spans.get(i)?))
    }

    /// 1-based number of the current match among all.
    fn current_number(&self) -> Option<usize> {
        let (d, i) = self.current?;
        Some(
            self.results
                .iter()
                .take(d)
                .map(|(_, s)| s.len())
                .sum::<usize>()
                + i
                + 1,
        )
    }

    /// Move to the next (or previous) match, wrapping around.
    pub fn step(&mut self, forward: bool) -> Option<(DocId, CharSpan)> {
        let (mut d, mut i) = self.current?;
        if forward {
            i += 1;
            if i >= self.results.get(d).map_or(0, |(_, s)| s.len()) {
                d = (d + 1) % self.results.len().max(1);
                i = 0;
            }
        } else if i > 0 {
            i -= 1;
        } else {
            d = (d + self.results.len().max(1) - 1) % self.results.len().max(1);
            i = self
                .results
                .get(d)
                .map_or(0, |(_, s)| s.len().saturating_sub(1));
        }
        self.current = Some((d, i));
        self.current().map(|(id, span)| (id.clone(), span))
    }

    /// The edit that codes every match with `code` (skipping passages that
    /// already carry it), as one undoable step.
    pub fn code_all_edit(&self, project: &Project, code: &CodeId, author: &str) -> Option<Edit> {
        let mut edits = Vec::new();
        for (doc_id, spans) in &self.results {
            let Some(doc) = project.document(doc_id) else {
                continue;
            };
            let existing = project.annotations_of(doc_id);
            for span in spans {
                let done = existing
                    .iter()
                    .any(|a| a.spans.as_slice() == [*span] && a.codes.contains(code));
                if !done {
                    edits.push(Edit::InsertAnnotation(Annotation::new(
                        doc,
                        *span,
                        vec![code.clone()],
                        author,
                    )));
                }
            }
        }
        if edits.is_empty() {
            return None;
        }
        let name = project
            .code(code)
            .map_or_else(|| code.0.clone(), |c| c.name.clone());
        Some(Edit::Batch {
            label: t!("edit-code-matches", count = edits.len(), name = name),
            edits,
        })
    }
}

/// Draw the find bar.
pub fn ui(app: &mut PizhuApp, ui: &mut Ui) {
    let mut go: Option<bool> = None;
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t!("find-label"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut app.search.query)
                    .desired_width(220.0)
                    .hint_text(t!("find-hint")),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut app.search.focus) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            go = Some(!ui.input(|i| i.modifiers.shift));
            field.request_focus();
        }
        if field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close = true;
        }
        app.search.refresh(&app.project, app.current_doc.as_ref());
        match (&app.search.error, app.search.current_number()) {
            (Some(err), _) => {
                ui.colored_label(ui.visuals().error_fg_color, err);
            }
            (None, Some(n)) => {
                ui.label(t!("find-position", n = n, count = app.search.count()));
            }
            (None, None) if !app.search.query.trim().is_empty() => {
                ui.label(t!("find-none"));
            }
            _ => {}
        }
        if super::access::icon_button(ui, "◀", t!("find-previous")).clicked() {
            go = Some(false);
        }
        if super::access::icon_button(ui, "▶", t!("find-next")).clicked() {
            go = Some(true);
        }
        ui.checkbox(&mut app.search.options.case_sensitive, t!("find-case"));
        ui.checkbox(&mut app.search.options.fold_width, t!("find-width"));
        ui.checkbox(&mut app.search.options.regex, t!("find-regex"));
        ui.checkbox(&mut app.search.all_documents, t!("find-all-documents"));
        ui.add_enabled_ui(app.search.count() > 0, |ui| {
            ui.menu_button(t!("find-code-all"), |ui| {
                for code in app.project.codes() {
                    if ui.button(&code.name).clicked()
                        && let Some(edit) =
                            app.search
                                .code_all_edit(&app.project, &code.id, &app.prefs.author)
                    {
                        app.commands.push(Command::Edit(edit));
                    }
                }
            });
        });
        if super::access::icon_button(ui, "×", t!("find-close")).clicked() {
            close = true;
        }
    });
    if let Some(forward) = go
        && let Some((doc, span)) = app.search.step(forward)
    {
        app.push(Command::ShowDocument(doc));
        app.push(Command::SelectSpan(span));
    }
    if close {
        app.search.open = false;
    }
}
