//! The egui user interface: turns gestures into edits, draws the model.

/// Run the GUI, opening `path` (a document or a project) or the bundled declaration.
pub fn run(path: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let _ = path;
    anyhow::bail!("the GUI is not built yet")
}
