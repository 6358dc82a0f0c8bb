//! The menu bar.

use crate::io::export::Format;

use super::app::PizhuApp;
use super::commands::Command;
use super::modals::Modal;
use super::shortcuts;

/// Draw the menu bar; items push commands.
pub fn menu_bar(app: &mut PizhuApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let shortcut = |s: &egui::KeyboardShortcut| ctx.format_shortcut(s);
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.add(egui::Button::new("Open…").shortcut_text(shortcut(&shortcuts::OPEN))).clicked() {
                app.push(Command::Open);
            }
            if ui.button("Add Document…").clicked() {
                app.push(Command::AddDocument);
            }
            if ui.button("Merge Another Annotator's Project…").clicked() {
                app.push(Command::Merge);
            }
            ui.menu_button("Open Recent", |ui| {
                if app.prefs.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in app.prefs.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        app.push(Command::OpenPath(path));
                    }
                }
            });
            ui.separator();
            if ui.add(egui::Button::new("Save").shortcut_text(shortcut(&shortcuts::SAVE))).clicked() {
                app.push(Command::Save);
            }
            if ui.add(egui::Button::new("Save As…").shortcut_text(shortcut(&shortcuts::SAVE_AS))).clicked() {
                app.push(Command::SaveAs);
            }
            ui.menu_button("Export", |ui| {
                if ui.button("CSV…").clicked() {
                    app.push(Command::Export(Format::Csv, false));
                }
                if ui.button("CSV for Excel (with BOM)…").clicked() {
                    app.push(Command::Export(Format::Csv, true));
                }
                if ui.button("W3C Web Annotation (JSON-LD)…").clicked() {
                    app.push(Command::Export(Format::W3c, false));
                }
                if ui.button("REFI-QDA project (.qdpx: MAXQDA, ATLAS.ti, NVivo, QualCoder)…").clicked() {
                    app.push(Command::Export(Format::Qdpx, false));
                }
                if ui.button("REFI-QDA codebook (.qdc)…").clicked() {
                    app.push(Command::Export(Format::Qdc, false));
                }
                if ui.button("brat standoff (folder)…").clicked() {
                    app.push(Command::Export(Format::Brat, false));
                }
                if ui.button("HTML report…").clicked() {
                    app.push(Command::Export(Format::Html, false));
                }
                if ui.button("Markdown (segments by code)…").clicked() {
                    app.push(Command::Export(Format::Md, false));
                }
            });
            ui.separator();
            if ui.add(egui::Button::new("Quit").shortcut_text(shortcut(&shortcuts::QUIT))).clicked() {
                app.push(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = app.history.undo_label().map(|l| format!("Undo {l}"));
            let redo = app.history.redo_label().map(|l| format!("Redo {l}"));
            let undo_button = egui::Button::new(undo.as_deref().unwrap_or("Undo")).shortcut_text(shortcut(&shortcuts::UNDO));
            if ui.add_enabled(undo.is_some(), undo_button).clicked() {
                app.push(Command::Undo);
            }
            let redo_button = egui::Button::new(redo.as_deref().unwrap_or("Redo")).shortcut_text(shortcut(&shortcuts::REDO));
            if ui.add_enabled(redo.is_some(), redo_button).clicked() {
                app.push(Command::Redo);
            }
            ui.separator();
            if ui.button("Copy").clicked() {
                app.push(Command::Copy);
            }
            if ui.button("Select All").clicked() {
                app.push(Command::SelectAll);
            }
            ui.separator();
            if ui.button("Preferences…").clicked() {
                app.memos.prefs_open = true;
            }
            if ui.add_enabled(app.selected.is_some(), egui::Button::new("Delete Annotation")).clicked()
                && let Some(id) = app.selected
            {
                app.push(Command::DeleteAnnotation(id));
            }
        });
        ui.menu_button("View", |ui| {
            if ui.add(egui::Button::new("Find…").shortcut_text(shortcut(&shortcuts::FIND))).clicked() {
                app.push(Command::Find);
            }
            ui.separator();
            let mut reading = app.view.reading_mode;
            if ui.checkbox(&mut reading, "Reading mode (join broken lines)").clicked() {
                app.view.set_reading_mode(reading);
            }
            ui.checkbox(&mut app.view.line_numbers, "Line numbers");
            ui.checkbox(&mut app.view.snap_to_words, "Snap selection to words (Alt: exact)");
            ui.separator();
            if ui.add(egui::Button::new("Larger Text").shortcut_text(shortcut(&shortcuts::ZOOM_IN))).clicked() {
                app.push(Command::Zoom(1));
            }
            if ui.add(egui::Button::new("Smaller Text").shortcut_text(shortcut(&shortcuts::ZOOM_OUT))).clicked() {
                app.push(Command::Zoom(-1));
            }
            if ui.add(egui::Button::new("Default Size").shortcut_text(shortcut(&shortcuts::ZOOM_RESET))).clicked() {
                app.push(Command::Zoom(0));
            }
            ui.separator();
            ui.label("Theme");
            let mut theme = ui.ctx().options(|o| o.theme_preference);
            ui.radio_value(&mut theme, egui::ThemePreference::System, "Follow the system");
            ui.radio_value(&mut theme, egui::ThemePreference::Light, "Light");
            ui.radio_value(&mut theme, egui::ThemePreference::Dark, "Dark");
            if theme != ui.ctx().options(|o| o.theme_preference) {
                ui.ctx().set_theme(theme);
            }
            ui.separator();
            if ui.button("Next annotation (N)").clicked() {
                app.push(Command::NextAnnotation(true));
            }
            if ui.button("Previous annotation (P)").clicked() {
                app.push(Command::NextAnnotation(false));
            }
        });
        ui.menu_button("Analysis", |ui| {
            ui.checkbox(&mut app.analysis.retrieval_open, "Coded segments…");
            ui.checkbox(&mut app.analysis.stats_open, "Statistics…");
            ui.checkbox(&mut app.compare.open, "Compare coders…");
            ui.separator();
            ui.checkbox(&mut app.memos.open, "Memos…");
        });
        ui.menu_button("Help", |ui| {
            if ui.button("About Pizhu").clicked() {
                app.modal = Some(Modal::Message {
                    title: "Pizhu 批注".into(),
                    message: format!(
                        "Version {}. Close reading and qualitative coding of texts.\n\nSelect a passage, then press a code's number key (1–9) or click the code. Double-click selects a word. Ctrl+Z undoes, Ctrl+S saves.\n\nChinese text is set in Noto Sans CJK SC (SIL Open Font License 1.1).",
                        env!("CARGO_PKG_VERSION")
                    ),
                });
            }
        });
    });
}
