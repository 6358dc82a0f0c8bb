//! UI tests: the real app in a headless egui harness, driven by pointer and
//! keyboard events as a user would.

use egui::{Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pizhu::i18n::Lang;
use pizhu::model::{CharPos, CharSpan};
use pizhu::ui::PizhuApp;
use pizhu::ui::dialogs::ScriptedDialogs;

mod ui_support;

use ui_support::{Start, harness};

fn app_with(
    dialogs: &ScriptedDialogs,
    open: Option<std::path::PathBuf>,
    data_dir: Option<std::path::PathBuf>,
) -> PizhuApp {
    app_in(Lang::En, dialogs, open, data_dir)
}

/// An app whose interface is in `lang`, whatever the machine's locale.
fn app_in(
    lang: Lang,
    dialogs: &ScriptedDialogs,
    open: Option<std::path::PathBuf>,
    data_dir: Option<std::path::PathBuf>,
) -> PizhuApp {
    Start {
        lang,
        open,
        data_dir,
        ..Start::new(dialogs)
    }
    .app()
}

fn pointer(harness: &Harness<'_, PizhuApp>, pos: Pos2, pressed: Option<bool>) {
    harness.event(egui::Event::PointerMoved(pos));
    if let Some(pressed) = pressed {
        harness.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
}

/// Drag the mouse across chars `[from, to)` of the current document.
fn drag_select(harness: &mut Harness<'_, PizhuApp>, from: usize, to: usize) {
    harness.state_mut().view.scroll_to(CharPos(from));
    harness.run_steps(3);
    let view = &harness.state().view;
    let start = view
        .screen_rect_of(CharPos(from))
        .expect("start laid out")
        .center();
    let end = view
        .screen_rect_of(CharPos(to))
        .expect("end laid out")
        .center();
    pointer(harness, start, Some(true));
    harness.step();
    pointer(harness, start + (end - start) * 0.5, None);
    harness.step();
    pointer(harness, end, None);
    harness.step();
    pointer(harness, end, Some(false));
    harness.run_steps(4);
}

/// Where 科索沃 first occurs in the declaration.
fn kosovo(app: &PizhuApp) -> CharSpan {
    let doc = app.current_document().expect("a document");
    pizhu::text::search::find_all(doc, "科索沃")[0]
}

#[test]
fn starts_with_the_declaration_and_its_codebook() {
    let dialogs = ScriptedDialogs::default();
    let harness = harness(app_with(&dialogs, None, None));
    assert_eq!(harness.state().title(), "中俄联合声明 1998 — Pizhu");
    harness.get_by_label("declaration-1998-zh.txt (0)");
    harness.get_by_label("Kosovo");
    harness.get_by_label("ABM Treaty");
    assert!(
        harness
            .state()
            .current_document()
            .unwrap()
            .text()
            .contains("世纪之交的中俄关系")
    );
}

#[test]
fn select_tag_with_shortcut_undo_redo() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let span = kosovo(harness.state());
    drag_select(&mut harness, span.start().0, span.end().0);
    assert_eq!(
        harness.state().view.selection(),
        span,
        "the drag selects exactly 科索沃"
    );

    harness.key_press(Key::Num1); // Kosovo's shortcut
    harness.run_steps(4);
    let anns = harness.state().project().annotations();
    assert_eq!(anns.len(), 1);
    assert_eq!(anns[0].quote, "科索沃");
    assert_eq!(anns[0].spans, vec![span]);
    assert_eq!(anns[0].codes[0].0, "c-kosovo");
    assert_eq!(anns[0].author, "tester");
    // Listed in the panel, and the title shows unsaved changes.
    assert!(harness.get_all_by_label("科索沃").count() >= 1);
    assert!(harness.state().title().starts_with("* "));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert!(
        harness.state().project().annotations().is_empty(),
        "undo removes it"
    );
    assert!(harness.query_by_label("科索沃").is_none());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(4);
    assert_eq!(
        harness.state().project().annotations().len(),
        1,
        "redo restores it"
    );
}

#[test]
fn clicking_a_code_tags_and_typing_a_new_code_creates_it() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let span = kosovo(harness.state());
    drag_select(&mut harness, span.start().0, span.end().0);
    harness.get_by_label("UN reform").click();
    harness.run_steps(4);
    assert_eq!(
        harness.state().project().annotations()[0].codes[0].0,
        "c-un-reform"
    );

    // A new code typed in the codebook, applied to a fresh selection.
    drag_select(&mut harness, span.start().0, span.end().0 - 1);
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "New code");
    field.focus();
    field.type_text("Balkans");
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let project = harness.state().project();
    let balkans = project.code_by_name("Balkans").expect("code created");
    assert!(
        project
            .annotations()
            .iter()
            .any(|a| a.codes.contains(&balkans.id) && a.quote == "科索")
    );
}

#[test]
fn double_click_selects_a_jieba_word() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let span = kosovo(harness.state());
    harness.state_mut().view.scroll_to(span.start());
    harness.run_steps(3);
    let middle = harness
        .state()
        .view
        .screen_rect_of(span.start().plus(1))
        .unwrap()
        .center()
        + Vec2::new(4.0, 0.0);
    for _ in 0..2 {
        pointer(&harness, middle, Some(true));
        harness.step();
        pointer(&harness, middle, Some(false));
        harness.step();
    }
    harness.run_steps(4);
    let doc = harness.state().current_document().unwrap();
    let selected = doc
        .slice(harness.state().view.selection())
        .unwrap()
        .to_owned();
    assert!(
        selected.contains("科索沃"),
        "double-click selected {selected:?}"
    );
}

#[test]
fn save_through_dialog_and_reopen_gives_the_same_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("decl.pizhu.ron");
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let span = kosovo(harness.state());
    drag_select(&mut harness, span.start().0, span.end().0);
    harness.key_press(Key::Num1);
    harness.run_steps(4);
    // Write a note on the selected annotation.
    let note = harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note");
    note.focus();
    note.type_text("北约轰炸前夕");
    harness.run_steps(1);
    harness.key_press(Key::Escape); // leaving the field commits the note
    harness.run_steps(4);
    assert_eq!(
        harness.state().project().annotations()[0].note,
        "北约轰炸前夕"
    );

    dialogs.answer(Some(target.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    assert_eq!(harness.state().path(), Some(target.as_path()));
    assert!(
        !harness.state().title().starts_with("* "),
        "saved: title clean"
    );
    let saved = harness.state().project().annotations().to_vec();

    // A new app opening the file sees exactly the same annotations.
    let reopened = app_with(&ScriptedDialogs::default(), Some(target.clone()), None);
    assert_eq!(reopened.project().annotations(), saved.as_slice());
    assert_eq!(
        reopened.project().codes(),
        harness.state().project().codes()
    );
}

#[test]
fn a_broken_project_shows_an_error_naming_the_file_and_keeps_running() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.pizhu.ron");
    std::fs::write(&bad, "Project(format: \"pizhu\", version: 1, name: ").unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, Some(bad.clone()), None));
    let message = harness
        .state()
        .error_message()
        .expect("an error dialog")
        .to_owned();
    assert!(message.contains("broken.pizhu.ron"), "{message}");
    // The declaration is still there and the app keeps working.
    assert!(harness.state().current_document().is_some());
    harness.get_by_label("OK").click();
    harness.run_steps(4);
    assert!(harness.state().error_message().is_none());
}

#[test]
fn opening_with_unsaved_changes_asks_first() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let span = kosovo(harness.state());
    drag_select(&mut harness, span.start().0, span.end().0);
    harness.key_press(Key::Num1);
    harness.run_steps(4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run_steps(4);
    harness.get_by_label("Save changes?");
    assert!(
        dialogs.requests().is_empty(),
        "no dialog before the question is answered"
    );
    harness.get_by_label("Cancel").click();
    harness.run_steps(4);
    assert_eq!(
        harness.state().project().annotations().len(),
        1,
        "cancel keeps the work"
    );
    assert!(harness.query_by_label("Save changes?").is_none());
}

#[test]
fn deleting_a_used_code_asks_and_can_be_undone() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let span = kosovo(harness.state());
    drag_select(&mut harness, span.start().0, span.end().0);
    harness.key_press(Key::Num1);
    harness.run_steps(4);
    let id = harness
        .state()
        .project()
        .code_by_name("Kosovo")
        .unwrap()
        .id
        .clone();
    harness
        .state_mut()
        .push(pizhu::ui::commands::Command::DeleteCode(id));
    harness.run_steps(4);
    harness.get_by_label("Delete code “Kosovo”?");
    harness.get_by_label("Delete").click();
    harness.run_steps(4);
    assert!(harness.state().project().code_by_name("Kosovo").is_none());
    assert!(harness.state().project().annotations().is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert!(harness.state().project().code_by_name("Kosovo").is_some());
    assert_eq!(harness.state().project().annotations().len(), 1);
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash() {
    let data = tempfile::tempdir().unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, Some(data.path().to_owned())));
    let span = kosovo(harness.state());
    drag_select(&mut harness, span.start().0, span.end().0);
    harness.key_press(Key::Num2);
    harness.run_steps(4);
    harness.state_mut().autosave_now();
    let before = harness.state().project().annotations().to_vec();
    drop(harness); // the "crash": no save, no clean exit

    let mut harness = self::harness(app_with(&dialogs, None, Some(data.path().to_owned())));
    harness.get_by_label("Recover unsaved work?");
    assert!(
        harness.state().project().annotations().is_empty(),
        "nothing recovered before the user says so"
    );
    harness.get_by_label("Recover").click();
    harness.run_steps(4);
    assert_eq!(harness.state().project().annotations(), before.as_slice());
    assert!(
        harness.state().is_dirty(),
        "recovered work still needs saving"
    );
}

/// Open the View menu and click one of its entries.
fn view_menu(harness: &mut Harness<'_, PizhuApp>, entry: &str) {
    harness.get_by_label("View").click();
    harness.run_steps(3);
    harness.get_by_label(entry).click();
    harness.run_steps(4);
}

#[test]
fn reading_mode_joins_lines_and_annotations_stay_on_the_same_characters() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let span = kosovo(harness.state());
    drag_select(&mut harness, span.start().0, span.end().0);
    harness.key_press(Key::Num1);
    harness.run_steps(4);

    view_menu(&mut harness, "Reading mode (join broken lines)");
    assert!(harness.state().view.reading_mode);
    // The annotation is drawn where 科索沃 is in the reflowed text.
    harness.state_mut().view.scroll_to(span.start());
    harness.run_steps(3);
    assert!(harness.state().view.screen_rect_of(span.start()).is_some());

    // A phrase broken over two lines in the PDF is one run in reading mode:
    // select it there and tag it; the annotation covers the original characters.
    let doc = harness.state().current_document().unwrap();
    let abm = pizhu::text::search::find_all(doc, "限制反导弹防御系统条约")[0];
    assert!(
        doc.slice(abm).unwrap().contains('\n'),
        "split in the original"
    );
    drag_select(&mut harness, abm.start().0, abm.end().0);
    assert_eq!(
        harness.state().view.selection(),
        abm,
        "selection maps back to original chars"
    );
    harness.key_press(Key::Num2);
    harness.run_steps(4);
    let project = harness.state().project();
    let ann = project
        .annotations()
        .iter()
        .find(|a| a.codes[0].0 == "c-abm-treaty")
        .expect("tagged");
    assert_eq!(ann.spans, vec![abm]);
    assert_eq!(
        ann.quote.split_whitespace().collect::<String>(),
        "限制反导弹防御系统条约"
    );

    view_menu(&mut harness, "Reading mode (join broken lines)");
    assert!(!harness.state().view.reading_mode);
    assert_eq!(
        harness.state().project().annotations().len(),
        2,
        "switching modes changes no annotation"
    );
}

#[test]
fn find_next_wraps_and_code_all_matches_is_one_undo() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(3);
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find");
    field.type_text("联合国");
    harness.run_steps(3);
    let doc = harness.state().current_document().unwrap();
    let all = pizhu::text::search::find_all(doc, "联合国");
    assert!(all.len() > 3);
    harness.get_by_label(&format!("1 of {}", all.len()));

    // Enter steps through the matches and wraps around to the first.
    for expected in all.iter().skip(1).chain(all.first()) {
        harness.key_press(Key::Enter);
        harness.run_steps(3);
        assert_eq!(harness.state().view.selection(), *expected);
    }

    harness.get_by_label("Code all matches").click();
    harness.run_steps(3);
    // The menu's entry, not the codebook's (which sits in the left panel).
    harness
        .get_all_by_label("UN reform")
        .find(|n| n.rect().left() > 260.0)
        .expect("menu entry")
        .click();
    harness.run_steps(4);
    assert_eq!(harness.state().project().annotations().len(), all.len());

    harness.key_press(Key::Escape); // close the find bar
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert!(
        harness.state().project().annotations().is_empty(),
        "one undo removes them all"
    );
}

#[test]
fn a_large_document_scrolls_to_the_end_and_selects_across_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.txt");
    // ~300 KB of PDF-like text: debug builds lay text out ~50× slower than release.
    let line = "中俄两国元首认为世纪之交的国际形势正在发生深刻变化多极化趋势不断发展\n\n";
    std::fs::write(&path, line.repeat(3000)).unwrap();
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, Some(path), None));
    let len = harness.state().current_document().unwrap().char_len();
    assert!(len > 100_000);

    // To the very end, and a selection across three lines there.
    let line_len = line.chars().count();
    let from = len - 3 * line_len + 5;
    let to = len - line_len + 5;
    drag_select(&mut harness, from, to);
    assert_eq!(
        harness.state().view.selection(),
        CharSpan::from_range(from, to)
    );
    // Shift+Down extends the selection by keyboard.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run_steps(3);
    assert_eq!(
        harness.state().view.selection(),
        CharSpan::from_range(from, to + 1)
    );
    harness.key_press(Key::Num3);
    harness.run_steps(4);
    // No shortcut code in a new project: the key does nothing, the selection stays.
    assert!(harness.state().project().annotations().is_empty());
}

fn example() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example.pizhu.ron")
}

/// How many annotations of `project` carry the code named `code`.
fn coded_with(project: &pizhu::model::Project, code: &str) -> usize {
    let id = &project.code_by_name(code).expect("the code").id;
    project
        .annotations()
        .iter()
        .filter(|a| a.codes.contains(id))
        .count()
}

#[test]
fn retrieval_with_and_or_and_jumping_to_a_segment() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, Some(example()), None));
    let project = harness.state().project().clone();
    let count = |code: &str| coded_with(&project, code);
    let (kosovo, un) = (count("Kosovo"), count("UN reform"));
    assert!(kosovo > 0 && un > 0);

    harness.get_by_label("Analysis").click();
    harness.run_steps(3);
    harness.get_by_label("Coded segments…").click();
    harness.run_steps(4);
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    let includes: Vec<_> = harness.get_all_by_label("include").collect();
    includes[0].click(); // Kosovo
    harness.run_steps(4);
    harness.get_by_label_contains(&format!("{kosovo} segments for"));
    let includes: Vec<_> = harness.get_all_by_label("include").collect();
    includes[2].click(); // UN reform
    harness.run_steps(4);
    harness.get_by_label_contains("0 segments for"); // AND: none carries both
    harness.get_by_label("any of (OR)").click();
    harness.run_steps(4);
    harness.get_by_label_contains(&format!("{} segments for", kosovo + un));

    // Clicking a segment's link selects its annotation in the document.
    let link = harness
        .get_all_by_label_contains("declaration-1998-zh.txt [")
        .next()
        .expect("a segment link");
    link.click();
    harness.run_steps(4);
    let selected = harness.state().selected().expect("an annotation selected");
    let ann = harness.state().project().annotation(selected).unwrap();
    assert!(
        ann.codes
            .iter()
            .any(|c| c.0 == "c-kosovo" || c.0 == "c-un-reform")
    );
}

#[test]
fn retrieval_in_chinese_is_driven_by_chinese_names() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_in(Lang::Zh, &dialogs, Some(example()), None));
    let project = harness.state().project().clone();
    let count = |code: &str| coded_with(&project, code);
    let (kosovo, un) = (count("Kosovo"), count("UN reform"));
    harness.state_mut().show_analysis(true, false, false);
    harness.run_steps(4);
    harness.get_by_label("编码片段");
    harness.get_by_label("请至少勾选一个编码。");
    let includes: Vec<_> = harness.get_all_by_label("包含").collect();
    includes[0].click(); // Kosovo
    harness.run_steps(4);
    harness.get_by_label_contains(&format!("共 {kosovo} 个片段符合"));
    let includes: Vec<_> = harness.get_all_by_label("包含").collect();
    includes[2].click(); // UN reform
    harness.run_steps(4);
    harness.get_by_label_contains("共 0 个片段符合");
    harness.get_by_label("任一（OR）").click();
    harness.run_steps(4);
    harness.get_by_label_contains(&format!("共 {} 个片段符合", kosovo + un));
    assert!(
        harness.query_by_label("include").is_none(),
        "no English left in the window"
    );
}

#[test]
fn comparison_view_shows_disagreement_and_accepts_a_version() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    // Two coders code 科索沃 differently: alice as Kosovo, bob as NATO expansion.
    let project = harness.state().project().clone();
    let doc = project.documents()[0].clone();
    let span = kosovo(harness.state());
    let kosovo_code = project.code_by_name("Kosovo").unwrap().id.clone();
    let nato = project.code_by_name("NATO expansion").unwrap().id.clone();
    for (code, who) in [(kosovo_code, "alice"), (nato.clone(), "bob")] {
        let ann = pizhu::model::Annotation::new(&doc, span, vec![code], who);
        harness.state_mut().push(pizhu::ui::commands::Command::Edit(
            pizhu::model::Edit::InsertAnnotation(ann),
        ));
    }
    harness.run_steps(3);
    harness.state_mut().show_analysis(false, false, true);
    harness.run_steps(4);
    harness.get_by_label_contains("1 stretch where alice and bob differ");
    harness.get_by_label("Next difference").click();
    harness.run_steps(4);
    harness.get_by_label("Accept bob's version").click();
    harness.run_steps(4);
    let curated: Vec<_> = harness
        .state()
        .project()
        .annotations()
        .iter()
        .filter(|a| a.author == "curated")
        .cloned()
        .collect();
    assert_eq!(curated.len(), 1, "accepted into the curated layer");
    assert_eq!(curated[0].codes, vec![nato]);
    assert_eq!(curated[0].spans, vec![span]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert!(
        harness
            .state()
            .project()
            .annotations()
            .iter()
            .all(|a| a.author != "curated"),
        "one undo"
    );
}

#[test]
fn memos_are_edited_saved_reopened_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("memo.pizhu.ron");
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    harness.get_by_label("Analysis").click();
    harness.run_steps(3);
    harness.get_by_label("Memos…").click();
    harness.run_steps(4);
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    let field =
        harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Project memo");
    field.focus();
    field.type_text("声明的核心是多极化");
    harness.run_steps(2);
    harness.key_press(Key::Escape);
    harness.run_steps(4);
    let about = pizhu::model::MemoTarget::Project;
    assert_eq!(
        harness
            .state()
            .project()
            .memo(&about)
            .map(|m| m.text.as_str()),
        Some("声明的核心是多极化")
    );

    dialogs.answer(Some(target.clone()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(4);
    let reopened = app_with(&ScriptedDialogs::default(), Some(target), None);
    assert_eq!(
        reopened.project().memos(),
        harness.state().project().memos()
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert!(
        harness.state().project().memo(&about).is_none(),
        "undo removes the memo"
    );
}

#[test]
fn file_merge_combines_another_annotators_project() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("bob.pizhu.ron");
    let mut other = pizhu::ui::app::default_project();
    let doc = other.documents()[0].clone();
    let span = pizhu::text::search::find_all(&doc, "阿富汗")[0];
    let code = other.code_by_name("Afghanistan").unwrap().id.clone();
    other
        .apply(pizhu::model::Edit::InsertAnnotation(
            pizhu::model::Annotation::new(&doc, span, vec![code], "bob"),
        ))
        .unwrap();
    let memo = pizhu::model::Edit::SetMemo {
        about: pizhu::model::MemoTarget::Project,
        text: "bob 的备忘".into(),
    };
    other.apply(memo).unwrap();
    pizhu::io::project_file::save(&other, &theirs).unwrap();

    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(app_with(&dialogs, None, None));
    let mine = kosovo(harness.state());
    drag_select(&mut harness, mine.start().0, mine.end().0);
    harness.key_press(Key::Num1);
    harness.run_steps(4);
    dialogs.answer(Some(theirs));
    harness
        .state_mut()
        .push(pizhu::ui::commands::Command::Merge);
    harness.run_steps(2);
    harness.state_mut().wait_for_jobs();
    harness.run_steps(4);
    harness.get_by_label("Projects merged");
    let authors: Vec<_> = harness
        .state()
        .project()
        .annotations()
        .iter()
        .map(|a| a.author.clone())
        .collect();
    assert_eq!(authors.len(), 2, "{authors:?}");
    assert!(authors.contains(&"bob".to_owned()) && authors.contains(&"tester".to_owned()));
    assert_eq!(
        harness.state().project().documents().len(),
        1,
        "same text: matched, not duplicated"
    );
    let memo = harness
        .state()
        .project()
        .memo(&pizhu::model::MemoTarget::Project)
        .map(|m| m.text.clone());
    assert_eq!(
        memo.as_deref(),
        Some("bob 的备忘"),
        "their memos come along"
    );
    assert!(harness.state().is_dirty());
}
