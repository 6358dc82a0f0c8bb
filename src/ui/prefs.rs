//! Preferences kept by eframe between runs (never documents: see `io`).

use std::path::{Path, PathBuf};

/// The storage key.
pub const KEY: &str = "pizhu-prefs";
/// How many recent files the File menu lists.
const RECENT: usize = 10;

/// What Pizhu remembers between runs.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Name stamped on new annotations.
    pub author: String,
    /// Document font size in points.
    pub font_size: f32,
    /// Reading mode on.
    pub reading_mode: bool,
    /// Line numbers shown.
    pub line_numbers: bool,
    /// Drag selections snap to words.
    pub snap_to_words: bool,
    /// "system", "light", "dark" or "high-contrast".
    pub theme: String,
    /// Interface language; `None` until the first start reads the system's.
    pub language: Option<crate::i18n::Lang>,
    /// Document row height as a multiple of the font size.
    pub line_spacing: f32,
    /// Size of the interface (menus, panels) relative to egui's default.
    pub ui_scale: f32,
    /// The user's keyboard shortcuts.
    pub keys: super::shortcuts::Keymap,
    /// Show the welcome window at start.
    pub welcome_at_start: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            author: crate::io::author::default_author(),
            font_size: 18.0,
            reading_mode: false,
            line_numbers: false,
            snap_to_words: false,
            theme: "system".into(),
            language: None,
            line_spacing: super::document_view::LINE_SPACING,
            ui_scale: 1.0,
            keys: super::shortcuts::Keymap::default(),
            welcome_at_start: true,
        }
    }
}

impl Prefs {
    /// Put `path` first in the recent list.
    pub fn add_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT);
    }
}
