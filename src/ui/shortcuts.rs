//! Keyboard shortcuts of the main window.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::app::PizhuApp;
use super::commands::Command;

/// Shortcuts shown in menus and handled in [`handle`].
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
/// Save As.
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
/// Open.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Undo.
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Redo.
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Redo, the other way.
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
/// Find.
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Larger text.
pub const ZOOM_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
const ZOOM_IN_EQUALS: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
/// Smaller text.
pub const ZOOM_OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
/// Default text size.
pub const ZOOM_RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
/// Quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Turn this frame's key presses into commands.
pub fn handle(app: &mut PizhuApp, ctx: &egui::Context) {
    if app.modal.is_some() {
        return;
    }
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        // Longer shortcuts first: Ctrl+Shift+S must not also fire Ctrl+S.
        if i.consume_shortcut(&SAVE_AS) {
            out.push(Command::SaveAs);
        }
        if i.consume_shortcut(&SAVE) {
            out.push(Command::Save);
        }
        if i.consume_shortcut(&OPEN) {
            out.push(Command::Open);
        }
        if i.consume_shortcut(&QUIT) {
            out.push(Command::Quit);
        }
        if i.consume_shortcut(&FIND) {
            out.push(Command::Find);
        }
        if i.consume_shortcut(&ZOOM_IN) || i.consume_shortcut(&ZOOM_IN_EQUALS) {
            out.push(Command::Zoom(1));
        }
        if i.consume_shortcut(&ZOOM_OUT) {
            out.push(Command::Zoom(-1));
        }
        if i.consume_shortcut(&ZOOM_RESET) {
            out.push(Command::Zoom(0));
        }
    });
    // While a text field has focus, its own editing keys win.
    if !ctx.text_edit_focused() {
        ctx.input_mut(|i| {
            if i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y) {
                out.push(Command::Redo);
            }
            if i.consume_shortcut(&UNDO) {
                out.push(Command::Undo);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::A)) {
                out.push(Command::SelectAll);
            }
            if i.events.iter().any(|e| matches!(e, egui::Event::Copy)) {
                out.push(Command::Copy);
            }
            if i.modifiers.is_none() {
                for (n, key) in DIGITS.iter().enumerate() {
                    if i.key_pressed(*key) {
                        out.push(Command::ApplyShortcut((n + 1).to_string()));
                    }
                }
                if i.key_pressed(Key::N) {
                    out.push(Command::NextAnnotation(true));
                }
                if i.key_pressed(Key::P) {
                    out.push(Command::NextAnnotation(false));
                }
                if i.key_pressed(Key::Escape) {
                    out.push(Command::ClearSelection);
                }
                if i.key_pressed(Key::Delete)
                    && let Some(id) = app.selected
                {
                    out.push(Command::DeleteAnnotation(id));
                }
            }
        });
    }
    for command in out {
        app.push(command);
    }
}
