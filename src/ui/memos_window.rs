//! Memos (about the project, the shown document, a code), each edited in
//! place and committed as one undoable edit when the field loses focus.

use egui::Ui;

use crate::model::{CodeId, Edit, MemoTarget};
use crate::t;

use super::app::PizhuApp;
use super::commands::Command;

/// State of the memos window.
#[derive(Default)]
pub struct MemoState {
    /// The memos window is open.
    pub open: bool,
    /// The code whose memo is shown.
    code: Option<CodeId>,
    /// Texts being edited, by target.
    drafts: Vec<(MemoTarget, String)>,
}

impl MemoState {
    fn draft(&mut self, about: &MemoTarget, saved: &str) -> &mut String {
        let at = match self.drafts.iter().position(|(t, _)| t == about) {
            Some(at) => at,
            None => {
                self.drafts.push((about.clone(), saved.to_owned()));
                self.drafts.len() - 1
            }
        };
        &mut self.drafts[at].1
    }

    /// Forget drafts (after undo, or another project).
    pub fn reset(&mut self) {
        self.drafts.clear();
    }
}

/// Draw the open windows.
pub fn show(app: &mut PizhuApp, ctx: &egui::Context) {
    if app.memos.open {
        let mut open = true;
        egui::Window::new(t!("memo-title"))
            .id(egui::Id::unique("memos-window"))
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| memos_ui(app, ui));
        app.memos.open = open;
    }
}

fn memos_ui(app: &mut PizhuApp, ui: &mut Ui) {
    memo_field(app, ui, &t!("memo-project"), MemoTarget::Project);
    if let Some(doc) = app
        .current_document()
        .map(|d| (d.id.clone(), d.name.clone()))
    {
        memo_field(
            app,
            ui,
            &t!("memo-document", document = doc.1),
            MemoTarget::Document(doc.0),
        );
    }
    let codes: Vec<(CodeId, String)> = app
        .project
        .codes()
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    if codes.is_empty() {
        return;
    }
    let chosen = app
        .memos
        .code
        .get_or_insert_with(|| codes[0].0.clone())
        .clone();
    let name = codes
        .iter()
        .find(|(id, _)| *id == chosen)
        .map_or_else(String::new, |(_, n)| n.clone());
    egui::ComboBox::new("memo-code", t!("memo-code-choice"))
        .selected_text(&name)
        .show_ui(ui, |ui| {
            for (id, n) in &codes {
                ui.selectable_value(&mut app.memos.code, Some(id.clone()), n);
            }
        });
    memo_field(
        app,
        ui,
        &t!("memo-code", code = name.as_str()),
        MemoTarget::Code(chosen),
    );
}

fn memo_field(app: &mut PizhuApp, ui: &mut Ui, title: &str, about: MemoTarget) {
    let saved = app
        .project
        .memo(&about)
        .map(|m| m.text.clone())
        .unwrap_or_default();
    let label = ui.strong(title);
    let draft = app.memos.draft(&about, &saved);
    let response = ui
        .add(
            egui::TextEdit::multiline(draft)
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .hint_text(t!("memo-hint")),
        )
        .labelled_by(label.id);
    if response.lost_focus() && *draft != saved {
        let text = draft.clone();
        app.push(Command::Edit(Edit::SetMemo { about, text }));
    }
    ui.add_space(6.0);
}
