//! The egui user interface: turns gestures into commands, draws the model.
//!
//! [`app::PizhuApp`] holds the state; widgets (`*_panel`, `document_view`,
//! `menus`, `shortcuts`) push [`commands::Command`]s, applied once a frame.

pub mod access;
pub mod analysis_windows;
pub mod annotation_panel;
pub mod app;
pub mod codebook_panel;
pub mod commands;
pub mod compare_view;
pub mod dialogs;
pub mod document_view;
pub mod fonts;
pub mod memos_window;
pub mod menus;
pub mod modals;
pub mod prefs;
pub mod reading;
pub mod search_bar;
pub mod settings;
pub mod shortcuts;

pub use app::{AppOptions, PizhuApp};

/// Run the GUI, opening `path` (a document or a project) or the bundled declaration.
pub fn run(path: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Pizhu")
            .with_app_id("pizhu")
            // The PNG is embedded; were it undecodable, the empty icon means "none".
            .with_icon(
                eframe::icon_data::from_png_bytes(include_bytes!(
                    "../../assets/icon/pizhu-256.png"
                ))
                .unwrap_or_default(),
            )
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Pizhu",
        options,
        Box::new(move |cc| {
            let stored: Option<prefs::Prefs> =
                cc.storage.and_then(|s| eframe::get_value(s, prefs::KEY));
            // The first start (nothing stored) welcomes, unless a file was
            // named: someone who opened a project wants the project.
            let welcome = path.is_none() && stored.as_ref().is_none_or(|p| p.welcome_at_start);
            let prefs = stored.unwrap_or_default();
            let data_dir = std::env::var_os("PIZHU_DATA_DIR")
                .map(std::path::PathBuf::from)
                .or_else(|| eframe::storage_dir("Pizhu"));
            Ok(Box::new(PizhuApp::new(
                &cc.egui_ctx,
                AppOptions {
                    open: path,
                    data_dir,
                    dialogs: Box::new(dialogs::NativeDialogs::default()),
                    prefs,
                    welcome,
                },
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!(crate::t!("error-window", reason = e.to_string())))
}
