//! The interface in both languages, switched at run time; access keys,
//! configurable shortcuts, the selection announced to screen readers, the
//! welcome window and the high-contrast theme. Controls are found by their
//! accessible names, as a screen reader finds them.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pizhu::i18n::Lang;
use pizhu::model::CharSpan;
use pizhu::ui::PizhuApp;
use pizhu::ui::dialogs::ScriptedDialogs;
use pizhu::ui::shortcuts::Action;

mod ui_support;

fn harness_in(lang: Lang, welcome: bool) -> Harness<'static, PizhuApp> {
    let dialogs = ScriptedDialogs::default();
    ui_support::harness(
        ui_support::Start {
            lang,
            welcome,
            ..ui_support::Start::new(&dialogs)
        }
        .app(),
    )
}

fn click(harness: &mut Harness<'_, PizhuApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(4);
}

/// The first occurrence of `needle` in the shown document.
fn span_of(app: &PizhuApp, needle: &str) -> CharSpan {
    let doc = app.current_document().expect("a document");
    pizhu::text::search::find_all(doc, needle)[0]
}

#[test]
fn menus_and_dialogs_speak_chinese() {
    let mut harness = harness_in(Lang::Zh, false);
    click(&mut harness, "文件(F)");
    // Items with a shortcut are named with it ("打开… Ctrl+O").
    harness.get_by_label_contains("打开…");
    harness.get_by_label_contains("另存为…");
    assert!(harness.query_by_label_contains("Open…").is_none());
    let mut harness = harness_in(Lang::Zh, false);
    click(&mut harness, "帮助(H)");
    click(&mut harness, "键盘快捷键");
    // The shortcuts window lists actions by their Chinese names.
    harness.get_by_label("查找…");
    harness.get_by_label("恢复默认");
    // The status bar counts in Chinese.
    harness.get_by_label("0 条批注");
}

#[test]
fn switching_language_in_settings_takes_effect_at_once() {
    let mut harness = harness_in(Lang::En, false);
    harness.get_by_label("File");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run_steps(4);
    harness.get_by_label("Interface language");
    click(&mut harness, "简体中文");
    // No restart: the next frame is in Chinese.
    harness.get_by_label("文件(F)");
    harness.get_by_label("界面语言");
    assert!(harness.query_by_label("File").is_none());
    assert_eq!(harness.state().prefs().language, Some(Lang::Zh));
    click(&mut harness, "English");
    harness.get_by_label("File");
    assert_eq!(harness.state().prefs().language, Some(Lang::En));
}

#[test]
fn alt_and_the_access_key_opens_a_menu() {
    let mut harness = harness_in(Lang::En, false);
    assert!(harness.query_by_label_contains("Save As…").is_none());
    harness.key_press_modifiers(Modifiers::ALT, Key::F);
    harness.run_steps(4);
    harness.get_by_label_contains("Save As…");
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    let mut harness = harness_in(Lang::Zh, false);
    harness.key_press_modifiers(Modifiers::ALT, Key::H);
    harness.run_steps(4);
    harness.get_by_label("关于批注");
}

#[test]
fn the_selection_and_its_codes_are_announced() {
    let mut harness = harness_in(Lang::Zh, false);
    let span = span_of(harness.state(), "科索沃");
    harness.state_mut().view.select(span);
    harness.run_steps(3);
    harness.get_by_label("已选中：“科索沃”");
    harness.key_press(Key::Num1); // Kosovo's key
    harness.run_steps(4);
    assert_eq!(harness.state().project().annotations().len(), 1);
    harness.get_by_label("批注“科索沃”，编码：Kosovo");
    // Undo is labelled in Chinese too.
    click(&mut harness, "编辑(E)");
    harness.get_by_label_contains("撤销：添加批注").click();
    harness.run_steps(4);
    assert!(harness.state().project().annotations().is_empty());
}

#[test]
fn a_changed_shortcut_works_and_is_kept_in_the_preferences() {
    let mut harness = harness_in(Lang::En, false);
    harness.key_press(Key::F1); // the shortcuts window
    harness.run_steps(4);
    harness.get_by_label("Restore Defaults");
    click(&mut harness, "Ctrl+F");
    harness.get_by_label("Press keys…");
    harness.key_press(Key::F3);
    harness.run_steps(4);
    let f3 = egui::KeyboardShortcut::new(Modifiers::NONE, Key::F3);
    assert_eq!(harness.state().prefs().keys.get(Action::Find), Some(f3));
    // The window lists it, and F3 now opens the find bar; Ctrl+F no longer does.
    harness.get_by_label("F3");
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(4);
    assert!(harness.query_by_label("word or phrase").is_none());
    harness.key_press(Key::F3);
    harness.run_steps(4);
    harness.get_by_label("Find");
}

#[test]
fn the_welcome_window_opens_the_example_project() {
    let mut harness = harness_in(Lang::Zh, true);
    harness.get_by_label("欢迎使用批注");
    harness.state_mut().view.line_spacing = 2.5;
    click(&mut harness, "打开示例项目（已完成编码）");
    assert_eq!(
        harness.state().view.line_spacing,
        2.5,
        "the setting survives"
    );
    assert!(harness.query_by_label("欢迎使用批注").is_none());
    assert!(!harness.state().project().annotations().is_empty());
    // The codebook counts the example's annotations, not the declaration's
    // (both projects start at the same revision).
    let kosovo = pizhu::model::CodeId("c-kosovo".into());
    let tagged = harness
        .state()
        .project()
        .annotations()
        .iter()
        .filter(|a| a.codes.contains(&kosovo))
        .count();
    assert!(tagged > 0);
    assert_eq!(harness.state_mut().code_count(&kosovo), tagged);
}

#[test]
fn the_high_contrast_theme_is_white_on_black() {
    let mut harness = harness_in(Lang::En, false);
    click(&mut harness, "View");
    click(&mut harness, "High contrast");
    let visuals = harness.ctx.global_style().visuals.clone();
    assert_eq!(visuals.panel_fill, egui::Color32::BLACK);
    assert_eq!(visuals.override_text_color, Some(egui::Color32::WHITE));
    assert_eq!(harness.state().prefs().theme, "high-contrast");
}

/// Every control a screen reader can reach has a name made of words (not
/// just "▶" or "×"): in the main window, the find bar and the settings and
/// shortcuts windows, in both languages.
#[test]
fn every_control_has_an_accessible_name() {
    use egui::accesskit::Role;
    for lang in [Lang::En, Lang::Zh] {
        let mut harness = harness_in(lang, false);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
        harness.key_press(Key::F1);
        harness.run_steps(4);
        let is_control = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
            matches!(
                n.role(),
                Role::Button
                    | Role::CheckBox
                    | Role::RadioButton
                    | Role::TextInput
                    | Role::MultilineTextInput
                    | Role::ComboBox
                    | Role::Slider
                    | Role::SpinButton
                    | Role::MenuItem
            )
        };
        let controls = harness
            .query_all(egui_kittest::kittest::by().predicate(is_control))
            .count();
        assert!(controls > 40, "{lang:?}: only {controls} controls found");
        let unnamed: Vec<String> = harness
            .query_all(egui_kittest::kittest::by().predicate(|n| {
                is_control(n)
                    && n.label()
                        .is_none_or(|l| !l.chars().any(char::is_alphanumeric))
            }))
            .map(|n| format!("{n:?}"))
            .collect();
        assert!(
            unnamed.is_empty(),
            "{lang:?}: unnamed controls:\n{}",
            unnamed.join("\n")
        );
    }
}
