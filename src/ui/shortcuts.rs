//! Keyboard shortcuts of the main window: the actions, their default keys,
//! the user's changes (saved in the preferences), and the handler.

use std::collections::BTreeMap;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::app::PizhuApp;
use super::commands::Command;
use crate::t;

/// An action a shortcut can trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// File → Open.
    Open,
    /// File → Save.
    Save,
    /// File → Save As.
    SaveAs,
    /// File → Quit.
    Quit,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Select the whole document.
    SelectAll,
    /// Find.
    Find,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Default text size.
    ZoomReset,
    /// Next annotation.
    Next,
    /// Previous annotation.
    Previous,
    /// Delete the selected annotation.
    Delete,
    /// Clear the selection.
    Clear,
    /// Settings window.
    Settings,
    /// The shortcuts window.
    Shortcuts,
}

impl Action {
    /// Every action, in the order the shortcuts window lists them.
    pub const ALL: [Action; 17] = [
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::SelectAll,
        Action::Find,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::Next,
        Action::Previous,
        Action::Delete,
        Action::Clear,
        Action::Settings,
        Action::Shortcuts,
    ];

    /// The name the preferences store it under.
    pub fn id(self) -> &'static str {
        match self {
            Action::Open => "open",
            Action::Save => "save",
            Action::SaveAs => "save-as",
            Action::Quit => "quit",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::SelectAll => "select-all",
            Action::Find => "find",
            Action::ZoomIn => "zoom-in",
            Action::ZoomOut => "zoom-out",
            Action::ZoomReset => "zoom-reset",
            Action::Next => "next",
            Action::Previous => "previous",
            Action::Delete => "delete",
            Action::Clear => "clear",
            Action::Settings => "settings",
            Action::Shortcuts => "shortcuts",
        }
    }

    /// What the shortcuts window calls it, in the interface language.
    pub fn label(self) -> String {
        match self {
            Action::Open => t!("menu-file-open"),
            Action::Save => t!("menu-file-save"),
            Action::SaveAs => t!("menu-file-save-as"),
            Action::Quit => t!("menu-file-quit"),
            Action::Undo => t!("menu-edit-undo"),
            Action::Redo => t!("menu-edit-redo"),
            Action::SelectAll => t!("menu-edit-select-all"),
            Action::Find => t!("menu-view-find"),
            Action::ZoomIn => t!("menu-view-larger"),
            Action::ZoomOut => t!("menu-view-smaller"),
            Action::ZoomReset => t!("menu-view-default-size"),
            Action::Next => t!("shortcut-next"),
            Action::Previous => t!("shortcut-previous"),
            Action::Delete => t!("menu-edit-delete-annotation"),
            Action::Clear => t!("shortcut-clear"),
            Action::Settings => t!("menu-edit-settings"),
            Action::Shortcuts => t!("menu-help-shortcuts"),
        }
    }

    /// The key it has until the user changes it.
    pub fn default_shortcut(self) -> KeyboardShortcut {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        let none = Modifiers::NONE;
        let (modifiers, key) = match self {
            Action::Open => (cmd, Key::O),
            Action::Save => (cmd, Key::S),
            Action::SaveAs => (cmd_shift, Key::S),
            Action::Quit => (cmd, Key::Q),
            Action::Undo => (cmd, Key::Z),
            Action::Redo => (cmd_shift, Key::Z),
            Action::SelectAll => (cmd, Key::A),
            Action::Find => (cmd, Key::F),
            Action::ZoomIn => (cmd, Key::Plus),
            Action::ZoomOut => (cmd, Key::Minus),
            Action::ZoomReset => (cmd, Key::Num0),
            Action::Next => (none, Key::N),
            Action::Previous => (none, Key::P),
            Action::Delete => (none, Key::Delete),
            Action::Clear => (none, Key::Escape),
            Action::Settings => (cmd, Key::Comma),
            Action::Shortcuts => (none, Key::F1),
        };
        KeyboardShortcut::new(modifiers, key)
    }

    /// Plain keys (no Ctrl/Alt) would type into text fields: they act only
    /// when no text field has focus; so do edits of the document.
    fn needs_document_focus(self) -> bool {
        matches!(
            self,
            Action::Undo
                | Action::Redo
                | Action::SelectAll
                | Action::Next
                | Action::Previous
                | Action::Delete
                | Action::Clear
        )
    }

    fn command(self, app: &PizhuApp) -> Option<Command> {
        Some(match self {
            Action::Open => Command::Open,
            Action::Save => Command::Save,
            Action::SaveAs => Command::SaveAs,
            Action::Quit => Command::Quit,
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::SelectAll => Command::SelectAll,
            Action::Find => Command::Find,
            Action::ZoomIn => Command::Zoom(1),
            Action::ZoomOut => Command::Zoom(-1),
            Action::ZoomReset => Command::Zoom(0),
            Action::Next => Command::NextAnnotation(true),
            Action::Previous => Command::NextAnnotation(false),
            Action::Delete => Command::DeleteAnnotation(app.selected?),
            Action::Clear => Command::ClearSelection,
            Action::Settings => Command::ShowSettings,
            Action::Shortcuts => Command::ShowShortcuts,
        })
    }
}

/// The user's shortcuts: the defaults with their changes on top.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Keymap {
    /// Changed shortcuts by [`Action::id`]; `None` means "no shortcut".
    changed: BTreeMap<String, Option<KeyboardShortcut>>,
}

impl Keymap {
    /// The shortcut of `action`.
    pub fn get(&self, action: Action) -> Option<KeyboardShortcut> {
        match self.changed.get(action.id()) {
            Some(changed) => *changed,
            None => Some(action.default_shortcut()),
        }
    }

    /// Give `action` a new shortcut; another action that had it loses it
    /// (one key, one action).
    pub fn set(&mut self, action: Action, shortcut: Option<KeyboardShortcut>) {
        if let Some(s) = shortcut {
            for other in Action::ALL {
                if other != action && self.get(other) == Some(s) {
                    self.changed.insert(other.id().to_owned(), None);
                }
            }
        }
        if shortcut == Some(action.default_shortcut()) {
            self.changed.remove(action.id());
        } else {
            self.changed.insert(action.id().to_owned(), shortcut);
        }
    }

    /// Back to the defaults.
    pub fn reset(&mut self) {
        self.changed.clear();
    }

    /// Whether anything differs from the defaults.
    pub fn is_default(&self) -> bool {
        self.changed.is_empty()
    }

    /// The shortcut as the menus show it ("Ctrl+S"), or empty.
    pub fn text(&self, ctx: &egui::Context, action: Action) -> String {
        self.get(action)
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }
}

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
    if app.modal.is_some() || app.settings.capturing.is_some() {
        return;
    }
    let typing = ctx.text_edit_focused();
    let mut bound: Vec<(Action, KeyboardShortcut)> = Action::ALL
        .iter()
        .filter(|a| !(typing && a.needs_document_focus()))
        .filter_map(|&a| Some((a, app.prefs.keys.get(a)?)))
        .collect();
    // More modifiers first: Ctrl+Shift+S must not also fire Ctrl+S.
    bound.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (action, shortcut) in &bound {
            if i.consume_shortcut(shortcut) {
                out.extend(action.command(app));
            }
        }
        // Conventional second keys: Ctrl+Y redoes, Ctrl+= enlarges.
        if !typing && i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)) {
            out.push(Command::Redo);
        }
        if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)) {
            out.push(Command::Zoom(1));
        }
        if !typing {
            if i.events.iter().any(|e| matches!(e, egui::Event::Copy)) {
                out.push(Command::Copy);
            }
            if i.modifiers.is_none() {
                for (n, key) in DIGITS.iter().enumerate() {
                    if i.key_pressed(*key) {
                        out.push(Command::ApplyShortcut((n + 1).to_string()));
                    }
                }
            }
        }
    });
    for command in out {
        app.push(command);
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_distinct_and_changes_move_a_key() {
        let mut keys = Keymap::default();
        let all: std::collections::HashSet<_> =
            Action::ALL.iter().filter_map(|&a| keys.get(a)).collect();
        assert_eq!(all.len(), Action::ALL.len());
        let f2 = KeyboardShortcut::new(Modifiers::NONE, Key::F2);
        keys.set(Action::Find, Some(f2));
        assert_eq!(keys.get(Action::Find), Some(f2));
        // Taking Save's key leaves Save without one.
        keys.set(Action::Find, Some(Action::Save.default_shortcut()));
        assert_eq!(keys.get(Action::Save), None);
        keys.reset();
        assert!(keys.is_default());
        assert_eq!(
            keys.get(Action::Save),
            Some(Action::Save.default_shortcut())
        );
    }

    #[test]
    fn keymap_survives_serialization() {
        let mut keys = Keymap::default();
        keys.set(
            Action::Next,
            Some(KeyboardShortcut::new(Modifiers::ALT, Key::J)),
        );
        keys.set(Action::Quit, None);
        let text = ron::to_string(&keys).unwrap();
        let back: Keymap = ron::from_str(&text).unwrap();
        assert_eq!(back, keys);
    }
}
