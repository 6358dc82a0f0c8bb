//! Modal dialogs: errors, unsaved changes, deleting a used code, recovery.

use crate::io::recovery::Found;
use crate::model::CodeId;
use crate::t;

use super::app::{PizhuApp, describe_found};

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    /// Show the Open dialog.
    Open,
    /// Open this file.
    OpenPath(std::path::PathBuf),
    /// Open the bundled declaration or example project.
    OpenBundled(Bundled),
    /// Close the window.
    Close,
}

/// What ships inside Pizhu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundled {
    /// The 1998 declaration with the starter codebook.
    Declaration,
    /// The example project (the declaration, coded).
    Example,
}

/// The modal dialog shown, if any.
#[derive(Clone, Debug)]
pub enum Modal {
    /// A message with an OK button: an error (naming the file and the
    /// problem) or news such as a finished merge.
    Message {
        /// Heading.
        title: String,
        /// Full message.
        message: String,
    },
    /// "Save changes before …?"
    ConfirmDiscard(Then),
    /// Waiting for the Save As dialog, then carry on (not drawn).
    SaveThen(Then),
    /// "Delete code used by N annotations?"
    ConfirmDeleteCode {
        /// The code.
        id: CodeId,
        /// How many annotations carry it.
        uses: usize,
    },
    /// "Recover unsaved work?"
    Recover(Found),
}

/// Draw the current modal and act on its buttons.
pub fn show(app: &mut PizhuApp, ctx: &egui::Context) {
    if matches!(app.modal, None | Some(Modal::SaveThen(_))) {
        return;
    }
    // Taken out while shown: a button's action may put up another modal.
    let Some(modal) = app.modal.take() else {
        return;
    };
    let shown = modal.clone();
    let mut close = false;
    let response = egui::Modal::new(egui::Id::unique("pizhu-modal")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match modal {
            Modal::Message { title, message } => {
                ui.heading(title);
                ui.add_space(6.0);
                ui.label(message);
                ui.add_space(6.0);
                if ui.button(t!("button-ok")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Enter))
                {
                    close = true;
                }
            }
            Modal::ConfirmDiscard(then) => {
                ui.heading(t!("confirm-save-title"));
                ui.label(t!(
                    "confirm-save-text",
                    name = app.project().name().to_owned()
                ));
                ui.horizontal(|ui| {
                    if ui.button(t!("button-save")).clicked() {
                        close = true;
                        match app.path().map(std::path::Path::to_owned) {
                            Some(path) => {
                                if app.save_to(&path) {
                                    app.continue_with(then.clone(), ctx);
                                }
                            }
                            None => {
                                app.push(super::commands::Command::SaveAs);
                                app.modal = Some(Modal::SaveThen(then.clone()));
                                return;
                            }
                        }
                    }
                    if ui.button(t!("button-dont-save")).clicked() {
                        close = true;
                        app.continue_with(then.clone(), ctx);
                    }
                    if ui.button(t!("button-cancel")).clicked() {
                        close = true;
                    }
                });
            }
            Modal::ConfirmDeleteCode { id, uses } => {
                let name = app
                    .project()
                    .code(&id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                ui.heading(t!("confirm-delete-code-title", name = name));
                ui.label(t!("confirm-delete-code-text", count = uses));
                ui.horizontal(|ui| {
                    if ui.button(t!("button-delete")).clicked() {
                        close = true;
                        app.delete_code(&id);
                    }
                    if ui.button(t!("button-cancel")).clicked() {
                        close = true;
                    }
                });
            }
            Modal::Recover(found) => {
                ui.heading(t!("recover-title"));
                ui.label(describe_found(&found));
                ui.horizontal(|ui| {
                    if ui.button(t!("button-recover")).clicked() {
                        close = true;
                        app.recover(&found);
                    }
                    if ui.button(t!("button-discard")).clicked() {
                        close = true;
                        if let Some(recovery) = &app.recovery {
                            recovery.clear();
                        }
                    }
                });
            }
            Modal::SaveThen(_) => {}
        }
    });
    // Escape or a click outside dismisses, except the recovery question,
    // which must be answered so that nothing is lost by a stray key.
    let dismissed = response.should_close() && !matches!(shown, Modal::Recover(_));
    if !close && !dismissed && app.modal.is_none() {
        app.modal = Some(shown);
    }
}

impl PizhuApp {
    fn recover(&mut self, found: &Found) {
        match crate::io::project_file::load(&found.path) {
            Ok(loaded) => {
                self.replace_project(loaded.project, found.original.clone());
                // Recovered work is not saved anywhere yet.
                self.saved_revision = u64::MAX;
            }
            Err(err) => self.error(t!("error-recover"), &err),
        }
    }
}
