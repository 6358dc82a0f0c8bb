//! The left panel: the project's documents and its codebook.

use egui::Ui;

use crate::model::{Code, CodeId, Edit};
use crate::t;

use super::app::PizhuApp;
use super::commands::Command;
use super::document_view::to_color32;

/// A code being edited, committed with "Apply".
#[derive(Clone, Debug)]
pub struct CodeDraft {
    code: Code,
    keywords: String,
}

/// Draw the panel.
pub fn ui(app: &mut PizhuApp, ui: &mut Ui) {
    egui::ScrollArea::vertical()
        .id_salt("codebook-scroll")
        .show(ui, |ui| {
            documents_ui(app, ui);
            ui.separator();
            ui.heading(t!("codebook-heading"));
            new_code_ui(app, ui);
            let top: Vec<CodeId> = app
                .project
                .children_of(None)
                .map(|c| c.id.clone())
                .collect();
            for id in top {
                code_tree_ui(app, ui, &id, 0);
            }
            if app.code_draft.is_some() {
                ui.separator();
                draft_ui(app, ui);
            }
        });
}

fn documents_ui(app: &mut PizhuApp, ui: &mut Ui) {
    ui.heading(t!("codebook-documents"));
    let docs: Vec<_> = app
        .project
        .documents()
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    for (id, name) in docs {
        let current = app.current_doc.as_ref() == Some(&id);
        let n = app.project.annotations_of(&id).len();
        if ui
            .selectable_label(current, format!("{name} ({n})"))
            .on_hover_text(t!("codebook-document-annotations", count = n))
            .clicked()
        {
            app.push(Command::ShowDocument(id));
        }
    }
    if ui.small_button(t!("codebook-add-document")).clicked() {
        app.push(Command::AddDocument);
    }
}

fn new_code_ui(app: &mut PizhuApp, ui: &mut Ui) {
    let label = ui.label(t!("codebook-new-code"));
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut app.new_code_name)
                .hint_text(t!("codebook-new-code-hint"))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        let name = std::mem::take(&mut app.new_code_name);
        app.push(Command::CreateCode(name));
    }
}

fn code_tree_ui(app: &mut PizhuApp, ui: &mut Ui, id: &CodeId, depth: usize) {
    let Some(code) = app.project.code(id).cloned() else {
        return;
    };
    let uses = app.code_count(id);
    ui.horizontal(|ui| {
        #[allow(clippy::cast_precision_loss)]
        ui.add_space(depth as f32 * 14.0);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 3.0, to_color32(code.color.0));
        let has_selection = !app.view.selection().is_empty();
        let label =
            ui.selectable_label(false, &code.name)
                .on_hover_text(if code.description.is_empty() {
                    code.name.clone()
                } else {
                    code.description.clone()
                });
        if label.clicked() {
            if has_selection {
                app.push(Command::ApplyCode(id.clone()));
            } else {
                app.code_draft = Some(CodeDraft {
                    keywords: code.keywords.join(", "),
                    code: code.clone(),
                });
            }
        }
        label.context_menu(|ui| context_menu(app, ui, &code));
        if let Some(key) = &code.shortcut {
            ui.label(egui::RichText::new(key).monospace().weak());
        }
        ui.label(egui::RichText::new(uses.to_string()).small().weak())
            .on_hover_text(t!("codebook-code-uses", count = uses));
    });
    let children: Vec<CodeId> = app
        .project
        .children_of(Some(id))
        .map(|c| c.id.clone())
        .collect();
    for child in children {
        code_tree_ui(app, ui, &child, depth + 1);
    }
}

fn context_menu(app: &mut PizhuApp, ui: &mut Ui, code: &Code) {
    if ui.button(t!("codebook-edit")).clicked() {
        app.code_draft = Some(CodeDraft {
            keywords: code.keywords.join(", "),
            code: code.clone(),
        });
    }
    let index = app
        .project
        .codes()
        .iter()
        .position(|c| c.id == code.id)
        .unwrap_or(0);
    if ui.button(t!("codebook-move-up")).clicked() {
        app.push(Command::Edit(Edit::MoveCode {
            id: code.id.clone(),
            index: index.saturating_sub(1),
        }));
    }
    if ui.button(t!("codebook-move-down")).clicked() {
        app.push(Command::Edit(Edit::MoveCode {
            id: code.id.clone(),
            index: index + 1,
        }));
    }
    ui.menu_button(t!("codebook-nest-under"), |ui| {
        if ui.button(t!("codebook-top-level")).clicked() {
            let mut c = code.clone();
            c.parent = None;
            app.push(Command::Edit(Edit::ReplaceCode(c)));
        }
        for other in app.project.codes() {
            if other.id != code.id
                && !app.project.is_ancestor(&code.id, &other.id)
                && ui.button(&other.name).clicked()
            {
                let mut c = code.clone();
                c.parent = Some(other.id.clone());
                app.commands.push(Command::Edit(Edit::ReplaceCode(c)));
            }
        }
    });
    ui.menu_button(t!("codebook-merge-into"), |ui| {
        for other in app.project.codes() {
            if other.id != code.id && ui.button(&other.name).clicked() {
                match app.project.merge_codes_edit(&code.id, &other.id) {
                    Ok(edit) => app.commands.push(Command::Edit(edit)),
                    Err(err) => {
                        app.modal = Some(super::modals::Modal::Message {
                            title: t!("codebook-merge-failed"),
                            message: err.to_string(),
                        })
                    }
                }
            }
        }
    });
    ui.separator();
    if ui.button(t!("codebook-delete")).clicked() {
        app.push(Command::DeleteCode(code.id.clone()));
    }
}

fn draft_ui(app: &mut PizhuApp, ui: &mut Ui) {
    let Some(draft) = app.code_draft.as_mut() else {
        return;
    };
    ui.label(egui::RichText::new(t!("codebook-edit-title")).strong());
    let mut apply = false;
    let mut cancel = false;
    egui::Grid::new("code-draft").num_columns(2).show(ui, |ui| {
        let label = ui.label(t!("codebook-name"));
        ui.text_edit_singleline(&mut draft.code.name)
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(t!("codebook-colour"));
        ui.color_edit_button_srgb(&mut draft.code.color.0)
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(t!("codebook-key"));
        let none = t!("codebook-key-none");
        let key = draft.code.shortcut.clone().unwrap_or_else(|| none.clone());
        egui::ComboBox::from_id_salt("code-key")
            .selected_text(key)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut draft.code.shortcut, None, none);
                for n in 1..=9 {
                    ui.selectable_value(
                        &mut draft.code.shortcut,
                        Some(n.to_string()),
                        n.to_string(),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(t!("codebook-keywords"));
        ui.add(
            egui::TextEdit::singleline(&mut draft.keywords).hint_text(t!("codebook-keywords-hint")),
        )
        .labelled_by(label.id);
        ui.end_row();
    });
    let label = ui.label(t!("codebook-description"));
    ui.add(
        egui::TextEdit::multiline(&mut draft.code.description)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        apply = ui.button(t!("codebook-apply")).clicked();
        cancel = ui.button(t!("codebook-cancel")).clicked();
        if ui.button(t!("codebook-delete")).clicked() {
            app.commands
                .push(Command::DeleteCode(draft.code.id.clone()));
            cancel = true;
        }
    });
    if apply {
        let mut code = draft.code.clone();
        code.name = code.name.trim().to_owned();
        code.keywords = draft
            .keywords
            .split([',', '，'])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
        // A key belongs to one code: take it from any other.
        let mut edits = Vec::new();
        if let Some(key) = &code.shortcut {
            for other in app
                .project
                .codes()
                .iter()
                .filter(|c| c.id != code.id && c.shortcut.as_ref() == Some(key))
            {
                let mut other = other.clone();
                other.shortcut = None;
                edits.push(Edit::ReplaceCode(other));
            }
        }
        let label = t!("codebook-change-undo", name = code.name.as_str());
        edits.push(Edit::ReplaceCode(code));
        app.push(Command::Edit(Edit::Batch { label, edits }));
        app.code_draft = None;
    } else if cancel {
        app.code_draft = None;
    }
}
