//! Files in and out through the window: documents of every format added, a
//! scanned PDF refused with a message, a guessed encoding corrected from the
//! bar, a large import cancelled from the status bar, and exports written in
//! the background.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pizhu::ui::PizhuApp;
use pizhu::ui::dialogs::ScriptedDialogs;

mod ui_support;

fn harness(dialogs: &ScriptedDialogs) -> Harness<'static, PizhuApp> {
    ui_support::harness(ui_support::Start::new(dialogs).app())
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Add Document… with the dialog answering `path`, and wait for the read.
fn add_document(
    harness: &mut Harness<'_, PizhuApp>,
    dialogs: &ScriptedDialogs,
    path: &std::path::Path,
) {
    dialogs.answer(Some(path.to_owned()));
    harness.get_by_label("Add Document…").click();
    harness.run_steps(3);
    harness.state_mut().wait_for_jobs();
    harness.run_steps(4);
}

#[test]
fn every_format_is_added_and_a_scanned_pdf_is_refused_by_name() {
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(&dialogs);
    for name in [
        "declaration.docx",
        "declaration.epub",
        "declaration.pdf",
        "gbk.html",
    ] {
        add_document(&mut harness, &dialogs, &fixture(name));
        let doc = harness.state().current_document().expect("shown");
        assert_eq!(doc.name, name);
        assert!(doc.text().contains("中俄"), "{name}: {}", doc.text());
    }
    assert_eq!(harness.state().project().documents().len(), 5);
    add_document(&mut harness, &dialogs, &fixture("scanned.pdf"));
    let message = harness
        .state()
        .error_message()
        .expect("an error")
        .to_owned();
    assert!(
        message.contains("scanned.pdf") && message.contains("OCR"),
        "{message}"
    );
    assert_eq!(
        harness.state().project().documents().len(),
        5,
        "nothing added"
    );
}

#[test]
fn a_guessed_encoding_can_be_changed_from_the_bar_and_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("short-gbk.txt");
    let (bytes, _, _) = encoding_rs::GBK.encode("世纪之交的中俄关系\n");
    std::fs::write(&path, &bytes).expect("write");
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(&dialogs);
    add_document(&mut harness, &dialogs, &path);
    let first = harness
        .state()
        .current_document()
        .expect("added")
        .text()
        .to_owned();
    harness.get_by_label_contains("the text encoding was guessed as");
    // Read it again as Big5: another text, one undoable step.
    harness.get_by_label("read it as").click();
    harness.run_steps(3);
    harness.get_by_label("Big5").click();
    harness.run_steps(3);
    harness.get_by_label("Read Again").click();
    harness.run_steps(3);
    harness.state_mut().wait_for_jobs();
    harness.run_steps(4);
    let doc = harness.state().current_document().expect("shown");
    assert_eq!(
        doc.source.as_ref().map(|s| s.encoding.as_str()),
        Some("Big5")
    );
    assert_ne!(doc.text(), first);
    assert_eq!(harness.state().project().documents().len(), 2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    let doc = harness.state().current_document().expect("shown");
    assert_eq!(doc.text(), first);
    harness.get_by_label("Keep This Encoding").click();
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("was guessed as").is_none());
}

#[test]
fn a_large_import_shows_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large-gb18030.txt");
    let line = "世纪之交的中俄关系：双方愿在平等互利的基础上发展长期稳定的睦邻友好和互利合作。\n";
    let text = line.repeat(8 * 1024 * 1024 / line.len());
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    std::fs::write(&path, &bytes).expect("write");
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(&dialogs);
    dialogs.answer(Some(path.clone()));
    harness.get_by_label("Add Document…").click();
    harness.run_steps(2);
    harness.get_by_label("reading large-gb18030.txt");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    harness.state_mut().wait_for_jobs();
    harness.run_steps(3);
    harness.get_by_label_contains("Import of large-gb18030.txt cancelled");
    assert_eq!(harness.state().project().documents().len(), 1);
    assert!(harness.state().error_message().is_none());
}

#[test]
fn export_from_the_menu_writes_the_file_in_the_background() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dialogs = ScriptedDialogs::default();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example.pizhu.ron");
    let mut harness = ui_support::harness(
        ui_support::Start {
            open: Some(example),
            ..ui_support::Start::new(&dialogs)
        }
        .app(),
    );
    let annotations = harness.state().project().annotations().len();
    for (item, file) in [("REFI-QDA project", "out.qdpx"), ("CSV…", "out.csv")] {
        let path = dir.path().join(file);
        dialogs.answer(Some(path.clone()));
        harness.get_by_label("File").click();
        harness.run_steps(3);
        harness.get_by_label("Export").hover();
        harness.run_steps(3);
        harness.get_by_label_contains(item).click();
        harness.run_steps(3);
        harness.state_mut().wait_for_jobs();
        harness.run_steps(3);
        harness.get_by_label_contains(&format!("Exported {}", path.display()));
        assert!(
            std::fs::metadata(&path).expect("written").len() > 1000,
            "{file}"
        );
    }
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).expect("csv");
    assert_eq!(
        csv.lines().count(),
        annotations + 1,
        "a header and a row per annotation"
    );
}

#[test]
fn annotations_of_another_tool_are_imported_in_one_undoable_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let qdpx = dir.path().join("example.qdpx");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example.pizhu.ron");
    let loaded = pizhu::io::project_file::load(&example).expect("example");
    pizhu::io::export::export(
        &loaded.project,
        pizhu::io::export::Format::Qdpx,
        &qdpx,
        pizhu::io::export::ExportOptions::default(),
    )
    .expect("export");
    let dialogs = ScriptedDialogs::default();
    let mut harness = harness(&dialogs);
    assert!(harness.state().project().annotations().is_empty());
    dialogs.answer(Some(qdpx));
    harness.get_by_label("File").click();
    harness.run_steps(3);
    harness.get_by_label("Import Annotations").hover();
    harness.run_steps(3);
    harness.get_by_label("REFI-QDA project (.qdpx)…").click();
    harness.run_steps(3);
    harness.state_mut().wait_for_jobs();
    harness.run_steps(4);
    let added = harness.state().project().annotations().len();
    assert_eq!(added, loaded.project.annotations().len());
    assert_eq!(
        harness.state().project().documents().len(),
        1,
        "the declaration is matched"
    );
    harness.get_by_label("Annotations imported");
    harness.get_by_label("OK").click();
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert!(
        harness.state().project().annotations().is_empty(),
        "one undo"
    );
}
