//! The annotation panel: the selected annotation's editor and the list of
//! the current document's annotations in text order.

use egui::{Sense, Ui, UiBuilder, vec2};

use crate::model::{Annotation, AnnotationId};
use crate::t;

use super::app::PizhuApp;
use super::commands::Command;
use super::document_view::code_chip;

const ROW_HEIGHT: f32 = 46.0;
const QUOTE_CHARS: usize = 28;

/// Draw the panel.
pub fn ui(app: &mut PizhuApp, ui: &mut Ui) {
    ui.heading(t!("panel-heading"));
    suggestions_ui(app, ui);
    sync_note_draft(app);
    if let Some(id) = app.selected {
        editor_ui(app, ui, id);
        ui.separator();
    }
    filter_ui(app, ui);
    list_ui(app, ui);
}

/// Keep the note being edited in step with the selected annotation,
/// committing the old draft when the selection moves on.
fn sync_note_draft(app: &mut PizhuApp) {
    let current = app.note_draft.as_ref().map(|(id, _)| *id);
    if current == app.selected {
        return;
    }
    if let Some((id, text)) = app.note_draft.take() {
        app.push(Command::SetNote(id, text));
    }
    app.note_draft = app
        .selected
        .and_then(|id| app.project.annotation(id))
        .map(|a| (a.id, a.note.clone()));
}

/// Codes whose keywords occur in the selected text, one click to apply.
fn suggestions_ui(app: &mut PizhuApp, ui: &mut Ui) {
    let selection = app.view.selection();
    if selection.is_empty() {
        return;
    }
    let Some(text) = app.current_document().and_then(|d| d.slice(selection)) else {
        return;
    };
    // Keywords may be broken over lines in PDF text: compare without white space.
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let suggested: Vec<(crate::model::CodeId, String, [u8; 3])> = app
        .project
        .codes()
        .iter()
        .filter(|c| {
            c.keywords
                .iter()
                .any(|k| !k.is_empty() && text.contains(k.as_str()))
        })
        .map(|c| (c.id.clone(), c.name.clone(), c.color.0))
        .collect();
    if suggested.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("panel-suggested"));
        for (id, name, rgb) in suggested {
            if code_chip(ui, &name, rgb)
                .interact(egui::Sense::click())
                .on_hover_text(t!("panel-apply-suggestion"))
                .clicked()
            {
                app.push(Command::ApplyCode(id));
            }
        }
    });
    ui.separator();
}

fn editor_ui(app: &mut PizhuApp, ui: &mut Ui, id: AnnotationId) {
    let Some(ann) = app.project.annotation(id).cloned() else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("quote")
        .max_height(90.0)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(&ann.quote).italics());
        });
    ui.horizontal_wrapped(|ui| {
        for code in ann.codes.iter().filter_map(|c| app.project.code(c)) {
            code_chip(ui, &code.name, code.color.0);
            let remove = t!("panel-remove-code", code = code.name.as_str());
            if ui
                .small_button("×")
                .on_hover_text(&remove)
                .accessible_name(remove)
                .clicked()
            {
                app.commands
                    .push(Command::RemoveCodeFrom(id, code.id.clone()));
            }
        }
        ui.menu_button(t!("panel-add-code"), |ui| {
            for code in app.project.codes() {
                if !ann.codes.contains(&code.id) && ui.button(&code.name).clicked() {
                    app.commands.push(Command::ApplyCode(code.id.clone()));
                }
            }
        });
    });
    let label = ui.label(t!("panel-note"));
    let mut commit = None;
    if let Some((_, text)) = app.note_draft.as_mut() {
        let response = ui
            .add(
                egui::TextEdit::multiline(text)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text(t!("panel-note-hint")),
            )
            .labelled_by(label.id);
        if response.lost_focus() {
            commit = Some(text.clone());
        }
    }
    if let Some(text) = commit {
        app.push(Command::SetNote(id, text));
    }
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(format!("{} · {}", ann.author, ann.modified.0))
                .small()
                .weak(),
        );
        if ui.button(t!("panel-delete")).clicked() {
            app.push(Command::DeleteAnnotation(id));
        }
    });
}

fn filter_ui(app: &mut PizhuApp, ui: &mut Ui) {
    let Some(doc) = app.current_doc.clone() else {
        return;
    };
    let anns = app.project.annotations_of(&doc);
    let all = t!("panel-filter-all", count = anns.len());
    let (label, listed) = match app.code_filter.as_ref().and_then(|c| app.project.code(c)) {
        Some(code) => {
            let n = anns.iter().filter(|a| a.codes.contains(&code.id)).count();
            (
                t!("panel-filter-code", code = code.name.as_str(), count = n),
                n,
            )
        }
        None => (all.clone(), anns.len()),
    };
    let mut filter = app.code_filter.clone();
    egui::ComboBox::new("annotation-filter", t!("panel-filter"))
        .selected_text(label)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter, None, all);
            for code in app.project.codes() {
                let n = anns.iter().filter(|a| a.codes.contains(&code.id)).count();
                ui.selectable_value(
                    &mut filter,
                    Some(code.id.clone()),
                    t!("panel-filter-code", code = code.name.as_str(), count = n),
                );
            }
        })
        .response
        .on_hover_text(t!("panel-annotations-count", count = listed));
    app.code_filter = filter;
}

fn list_ui(app: &mut PizhuApp, ui: &mut Ui) {
    let Some(doc) = app.current_doc.clone() else {
        return;
    };
    let anns: Vec<&Annotation> = app
        .project
        .annotations_of(&doc)
        .iter()
        .filter(|a| app.code_filter.as_ref().is_none_or(|c| a.codes.contains(c)))
        .collect();
    if anns.is_empty() {
        let empty = if app.code_filter.is_some() {
            t!("panel-empty-filtered")
        } else {
            t!("panel-empty")
        };
        ui.label(egui::RichText::new(empty).weak());
        return;
    }
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("annotation-list")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, anns.len(), |ui, rows| {
            for ann in anns.get(rows).unwrap_or_default() {
                let (rect, _) =
                    ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::hover());
                let mut row = ui.new_child(UiBuilder::new().max_rect(rect));
                // One line per row: show_rows needs every row the same height.
                row.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                let selected = app.selected == Some(ann.id);
                if row
                    .selectable_label(selected, short_quote(&ann.quote))
                    .clicked()
                {
                    clicked = Some(ann.id);
                }
                row.horizontal(|ui| {
                    for code in ann.codes.iter().filter_map(|c| app.project.code(c)) {
                        code_chip(ui, &code.name, code.color.0);
                    }
                    if !ann.note.is_empty() {
                        ui.label(egui::RichText::new(short_quote(&ann.note)).small().weak());
                    }
                });
            }
        });
    if let Some(id) = clicked {
        app.push(Command::SelectAnnotation { id, scroll: true });
    }
}

/// One line of at most [`QUOTE_CHARS`] characters.
fn short_quote(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > QUOTE_CHARS {
        let mut s: String = flat.chars().take(QUOTE_CHARS).collect();
        s.push('…');
        s
    } else {
        flat
    }
}
