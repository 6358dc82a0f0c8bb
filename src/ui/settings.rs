//! The settings window (language, name, text size, line spacing, theme),
//! the keyboard shortcuts window (list and change them), and the welcome
//! window of the first start.

use egui::{KeyboardShortcut, Ui};

use super::app::PizhuApp;
use super::commands::Command;
use super::shortcuts::Action;
use crate::i18n::{self, Lang};
use crate::t;

/// Which of these windows are open.
#[derive(Default)]
pub struct SettingsState {
    /// The settings window.
    pub open: bool,
    /// Help → Keyboard shortcuts.
    pub shortcuts_open: bool,
    /// The welcome window.
    pub welcome_open: bool,
    /// The action waiting for its new shortcut (the next key pressed).
    pub capturing: Option<Action>,
}

/// The themes offered, by the name the preferences store.
const THEMES: [&str; 4] = ["system", "light", "dark", "high-contrast"];

fn theme_label(theme: &str) -> String {
    match theme {
        "light" => t!("theme-light"),
        "dark" => t!("theme-dark"),
        "high-contrast" => t!("theme-high-contrast"),
        _ => t!("theme-system"),
    }
}

/// Apply a theme by name: egui's light/dark, or a high-contrast dark one
/// (white on black, yellow focus and selection, thicker outlines).
pub fn apply_theme(ctx: &egui::Context, theme: &str) {
    use egui::{Color32, Stroke, Theme, ThemePreference};
    let high = theme == "high-contrast";
    let dark = if high {
        let mut v = egui::Visuals::dark();
        v.override_text_color = Some(Color32::WHITE);
        v.panel_fill = Color32::BLACK;
        v.window_fill = Color32::BLACK;
        v.extreme_bg_color = Color32::BLACK;
        v.faint_bg_color = Color32::from_gray(24);
        v.window_stroke = Stroke::new(2.0, Color32::WHITE);
        v.hyperlink_color = Color32::YELLOW;
        v.selection.bg_fill = Color32::from_rgb(0, 70, 160);
        v.selection.stroke = Stroke::new(2.0, Color32::YELLOW);
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, Color32::WHITE);
        v.widgets.noninteractive.fg_stroke = Stroke::new(1.0, Color32::WHITE);
        v.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::WHITE);
        v.widgets.inactive.fg_stroke = Stroke::new(1.5, Color32::WHITE);
        v.widgets.inactive.weak_bg_fill = Color32::from_gray(20);
        v.widgets.hovered.bg_stroke = Stroke::new(2.0, Color32::YELLOW);
        v.widgets.hovered.fg_stroke = Stroke::new(2.0, Color32::YELLOW);
        v.widgets.active.bg_stroke = Stroke::new(3.0, Color32::YELLOW);
        v.widgets.active.fg_stroke = Stroke::new(2.0, Color32::YELLOW);
        v.widgets.open.bg_stroke = Stroke::new(2.0, Color32::YELLOW);
        v
    } else {
        egui::Visuals::dark()
    };
    ctx.set_visuals_of(Theme::Dark, dark);
    ctx.set_theme(match theme {
        "light" => ThemePreference::Light,
        "dark" | "high-contrast" => ThemePreference::Dark,
        _ => ThemePreference::System,
    });
}

/// The theme radio buttons (settings window and View menu).
pub fn theme_choice(app: &mut PizhuApp, ui: &mut Ui) {
    for theme in THEMES {
        if ui
            .radio(app.prefs.theme == theme, theme_label(theme))
            .clicked()
            && app.prefs.theme != theme
        {
            app.prefs.theme = theme.to_owned();
            apply_theme(ui.ctx(), theme);
        }
    }
}

/// Switch the interface language at once (this thread and new ones).
pub fn set_language(app: &mut PizhuApp, lang: Lang) {
    app.prefs.language = Some(lang);
    i18n::set_thread_lang(lang);
    i18n::set_default_lang(lang);
}

fn language_choice(app: &mut PizhuApp, ui: &mut Ui) {
    let current = i18n::lang();
    ui.horizontal(|ui| {
        ui.label(t!("settings-language"));
        for lang in Lang::ALL {
            // Each language names itself, so that either reader finds theirs.
            if ui
                .selectable_label(current == lang, lang.native_name())
                .clicked()
            {
                set_language(app, lang);
            }
        }
    });
}

/// Draw whichever of the windows are open.
pub fn show(app: &mut PizhuApp, ctx: &egui::Context) {
    if app.settings.open {
        let mut open = true;
        egui::Window::new(t!("settings-title"))
            .id(egui::Id::unique("settings-window"))
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| settings_ui(app, ui));
        app.settings.open = open;
    }
    if app.settings.shortcuts_open {
        let mut open = true;
        egui::Window::new(t!("shortcuts-title"))
            .id(egui::Id::unique("shortcuts-window"))
            // Beside the settings window, which opens at the left edge.
            .default_pos([400.0, 40.0])
            .open(&mut open)
            .show(ctx, |ui| shortcuts_ui(app, ui));
        app.settings.shortcuts_open = open;
        if !open {
            app.settings.capturing = None;
        }
    }
    if app.settings.welcome_open {
        let mut open = true;
        egui::Window::new(t!("welcome-title"))
            .id(egui::Id::unique("welcome-window"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| welcome_ui(app, ui));
        app.settings.welcome_open &= open;
    }
}

fn settings_ui(app: &mut PizhuApp, ui: &mut Ui) {
    language_choice(app, ui);
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label(t!("settings-author"));
        ui.text_edit_singleline(&mut app.prefs.author)
            .labelled_by(label.id);
    });
    ui.separator();
    egui::Grid::new("settings-grid")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label(t!("settings-font-size"));
            ui.add(egui::Slider::new(&mut app.view.font_size, 10.0..=40.0).suffix(" pt"))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t!("settings-line-spacing"));
            ui.add(egui::Slider::new(&mut app.view.line_spacing, 1.2..=3.0).step_by(0.1))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(t!("settings-ui-scale"));
            let mut scale = app.prefs.ui_scale;
            let slider = ui
                .add(egui::Slider::new(&mut scale, 0.8..=2.0).step_by(0.1))
                .labelled_by(label.id);
            // Rescaling while dragging would move the slider under the mouse.
            if slider.drag_stopped() || (slider.changed() && !slider.dragged()) {
                app.prefs.ui_scale = scale;
                ui.ctx().set_zoom_factor(scale);
            }
            ui.end_row();
        });
    ui.separator();
    ui.label(t!("menu-view-theme"));
    theme_choice(app, ui);
    ui.separator();
    ui.checkbox(&mut app.prefs.welcome_at_start, t!("welcome-at-start"));
}

fn shortcuts_ui(app: &mut PizhuApp, ui: &mut Ui) {
    ui.label(t!("shortcuts-help"));
    ui.separator();
    if let Some(action) = app.settings.capturing
        && let Some(shortcut) = captured(ui)
    {
        if shortcut.logical_key != egui::Key::Escape || !shortcut.modifiers.is_none() {
            app.prefs.keys.set(action, Some(shortcut));
        }
        app.settings.capturing = None;
    }
    let ctx = ui.ctx().clone();
    egui::Grid::new("shortcuts-grid")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for action in Action::ALL {
                ui.label(action.label());
                let text = if app.settings.capturing == Some(action) {
                    t!("shortcuts-press")
                } else {
                    let text = app.prefs.keys.text(&ctx, action);
                    if text.is_empty() {
                        t!("shortcuts-none")
                    } else {
                        text
                    }
                };
                let button = ui.button(text).on_hover_text(t!("shortcuts-change"));
                if button.clicked() {
                    app.settings.capturing = Some(action);
                }
                if ui.small_button(t!("shortcuts-clear")).clicked() {
                    app.prefs.keys.set(action, None);
                }
                ui.end_row();
            }
        });
    ui.separator();
    ui.label(t!("shortcuts-fixed"));
    ui.separator();
    if ui
        .add_enabled(
            !app.prefs.keys.is_default(),
            egui::Button::new(t!("shortcuts-reset")),
        )
        .clicked()
    {
        app.prefs.keys.reset();
    }
}

/// The first key pressed this frame (with its modifiers), consumed.
fn captured(ui: &Ui) -> Option<KeyboardShortcut> {
    ui.input_mut(|i| {
        let found = i.events.iter().find_map(|e| match e {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => Some(KeyboardShortcut::new(*modifiers, *key)),
            _ => None,
        });
        if let Some(s) = found {
            i.consume_shortcut(&s);
        }
        found
    })
}

fn welcome_ui(app: &mut PizhuApp, ui: &mut Ui) {
    ui.set_max_width(460.0);
    ui.heading(t!("welcome-heading"));
    ui.label(t!("welcome-text"));
    ui.add_space(8.0);
    language_choice(app, ui);
    ui.add_space(8.0);
    if ui.button(t!("welcome-declaration")).clicked() {
        app.push(Command::OpenDeclaration);
        app.settings.welcome_open = false;
    }
    if ui.button(t!("welcome-example")).clicked() {
        app.push(Command::OpenExample);
        app.settings.welcome_open = false;
    }
    if ui.button(t!("welcome-open")).clicked() {
        app.push(Command::Open);
        app.settings.welcome_open = false;
    }
    ui.add_space(8.0);
    ui.label(t!("welcome-tips"));
    ui.checkbox(&mut app.prefs.welcome_at_start, t!("welcome-at-start"));
}
