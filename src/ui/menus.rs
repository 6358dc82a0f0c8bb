//! The menu bar.

use crate::io::export::Format;
use crate::t;

use super::access;
use super::app::PizhuApp;
use super::commands::Command;
use super::modals::Modal;
use super::shortcuts::Action;

/// Draw the menu bar; items push commands.
pub fn menu_bar(app: &mut PizhuApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let keys = app.prefs.keys.clone();
    let shortcut = |a: Action| keys.text(&ctx, a);
    egui::MenuBar::new().ui(ui, |ui| {
        access::menu(ui, &t!("menu-file"), |ui| {
            if ui
                .add(egui::Button::new(t!("menu-file-open")).shortcut_text(shortcut(Action::Open)))
                .clicked()
            {
                app.push(Command::Open);
            }
            if ui.button(t!("menu-file-add-document")).clicked() {
                app.push(Command::AddDocument);
            }
            if ui.button(t!("menu-file-merge")).clicked() {
                app.push(Command::Merge);
            }
            ui.menu_button(t!("menu-file-import"), |ui| {
                use crate::io::import::AnnotationFormat;
                if ui.button(t!("menu-import-qdpx")).clicked() {
                    app.push(Command::ImportAnnotations(AnnotationFormat::Qdpx));
                }
                if ui.button(t!("menu-import-brat")).clicked() {
                    app.push(Command::ImportAnnotations(AnnotationFormat::Brat));
                }
                if ui.button(t!("menu-import-w3c")).clicked() {
                    app.push(Command::ImportAnnotations(AnnotationFormat::W3c));
                }
            });
            ui.menu_button(t!("menu-file-recent"), |ui| {
                if app.prefs.recent.is_empty() {
                    ui.label(t!("menu-file-recent-none"));
                }
                for path in app.prefs.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        app.push(Command::OpenPath(path));
                    }
                }
            });
            ui.separator();
            if ui
                .add(egui::Button::new(t!("menu-file-save")).shortcut_text(shortcut(Action::Save)))
                .clicked()
            {
                app.push(Command::Save);
            }
            if ui
                .add(
                    egui::Button::new(t!("menu-file-save-as"))
                        .shortcut_text(shortcut(Action::SaveAs)),
                )
                .clicked()
            {
                app.push(Command::SaveAs);
            }
            ui.menu_button(t!("menu-file-export"), |ui| {
                if ui.button(t!("menu-export-csv")).clicked() {
                    app.push(Command::Export(Format::Csv, false));
                }
                if ui.button(t!("menu-export-csv-bom")).clicked() {
                    app.push(Command::Export(Format::Csv, true));
                }
                if ui.button(t!("menu-export-w3c")).clicked() {
                    app.push(Command::Export(Format::W3c, false));
                }
                if ui.button(t!("menu-export-qdpx")).clicked() {
                    app.push(Command::Export(Format::Qdpx, false));
                }
                if ui.button(t!("menu-export-qdc")).clicked() {
                    app.push(Command::Export(Format::Qdc, false));
                }
                if ui.button(t!("menu-export-brat")).clicked() {
                    app.push(Command::Export(Format::Brat, false));
                }
                if ui.button(t!("menu-export-html")).clicked() {
                    app.push(Command::Export(Format::Html, false));
                }
                if ui.button(t!("menu-export-md")).clicked() {
                    app.push(Command::Export(Format::Md, false));
                }
            });
            ui.separator();
            if ui
                .add(egui::Button::new(t!("menu-file-quit")).shortcut_text(shortcut(Action::Quit)))
                .clicked()
            {
                app.push(Command::Quit);
            }
        });
        access::menu(ui, &t!("menu-edit"), |ui| {
            let undo = app
                .history
                .undo_label()
                .map(|l| t!("menu-edit-undo-what", what = l));
            let redo = app
                .history
                .redo_label()
                .map(|l| t!("menu-edit-redo-what", what = l));
            let undo_button =
                egui::Button::new(undo.clone().unwrap_or_else(|| t!("menu-edit-undo")))
                    .shortcut_text(shortcut(Action::Undo));
            if ui.add_enabled(undo.is_some(), undo_button).clicked() {
                app.push(Command::Undo);
            }
            let redo_button =
                egui::Button::new(redo.clone().unwrap_or_else(|| t!("menu-edit-redo")))
                    .shortcut_text(shortcut(Action::Redo));
            if ui.add_enabled(redo.is_some(), redo_button).clicked() {
                app.push(Command::Redo);
            }
            ui.separator();
            if ui.button(t!("menu-edit-copy")).clicked() {
                app.push(Command::Copy);
            }
            if ui.button(t!("menu-edit-select-all")).clicked() {
                app.push(Command::SelectAll);
            }
            ui.separator();
            if ui.button(t!("menu-edit-settings")).clicked() {
                app.settings.open = true;
            }
            if ui
                .add_enabled(
                    app.selected.is_some(),
                    egui::Button::new(t!("menu-edit-delete-annotation")),
                )
                .clicked()
                && let Some(id) = app.selected
            {
                app.push(Command::DeleteAnnotation(id));
            }
        });
        access::menu(ui, &t!("menu-view"), |ui| {
            if ui
                .add(egui::Button::new(t!("menu-view-find")).shortcut_text(shortcut(Action::Find)))
                .clicked()
            {
                app.push(Command::Find);
            }
            ui.separator();
            let mut reading = app.view.reading_mode;
            if ui
                .checkbox(&mut reading, t!("menu-view-reading-mode"))
                .clicked()
            {
                app.view.set_reading_mode(reading);
            }
            ui.checkbox(&mut app.view.line_numbers, t!("menu-view-line-numbers"));
            ui.checkbox(&mut app.view.snap_to_words, t!("menu-view-snap"));
            ui.separator();
            if ui
                .add(
                    egui::Button::new(t!("menu-view-larger"))
                        .shortcut_text(shortcut(Action::ZoomIn)),
                )
                .clicked()
            {
                app.push(Command::Zoom(1));
            }
            if ui
                .add(
                    egui::Button::new(t!("menu-view-smaller"))
                        .shortcut_text(shortcut(Action::ZoomOut)),
                )
                .clicked()
            {
                app.push(Command::Zoom(-1));
            }
            if ui
                .add(
                    egui::Button::new(t!("menu-view-default-size"))
                        .shortcut_text(shortcut(Action::ZoomReset)),
                )
                .clicked()
            {
                app.push(Command::Zoom(0));
            }
            ui.separator();
            ui.label(t!("menu-view-theme"));
            super::settings::theme_choice(app, ui);
            ui.separator();
            if ui.button(t!("menu-view-next")).clicked() {
                app.push(Command::NextAnnotation(true));
            }
            if ui.button(t!("menu-view-previous")).clicked() {
                app.push(Command::NextAnnotation(false));
            }
        });
        access::menu(ui, &t!("menu-analysis"), |ui| {
            ui.checkbox(
                &mut app.analysis.retrieval_open,
                t!("menu-analysis-retrieval"),
            );
            ui.checkbox(&mut app.analysis.stats_open, t!("menu-analysis-statistics"));
            ui.checkbox(&mut app.compare.open, t!("menu-analysis-compare"));
            ui.separator();
            ui.checkbox(&mut app.memos.open, t!("menu-analysis-memos"));
        });
        access::menu(ui, &t!("menu-help"), |ui| {
            if ui.button(t!("menu-help-shortcuts")).clicked() {
                app.settings.shortcuts_open = true;
            }
            if ui.button(t!("menu-help-welcome")).clicked() {
                app.settings.welcome_open = true;
            }
            ui.separator();
            if ui.button(t!("menu-help-about")).clicked() {
                app.modal = Some(Modal::Message {
                    title: t!("about-title"),
                    message: t!("about-text", version = env!("CARGO_PKG_VERSION")),
                });
            }
        });
    });
}
