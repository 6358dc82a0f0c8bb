//! What the UI test files share: the app as a test starts it, and the
//! headless window it runs in.

use egui::Vec2;
use egui_kittest::Harness;
use pizhu::i18n::Lang;
use pizhu::ui::dialogs::ScriptedDialogs;
use pizhu::ui::prefs::Prefs;
use pizhu::ui::{AppOptions, PizhuApp};

/// How a test starts the app.
pub struct Start<'a> {
    /// Interface language, whatever the machine's locale.
    pub lang: Lang,
    /// Answers to the file dialogs.
    pub dialogs: &'a ScriptedDialogs,
    /// A file to open instead of the declaration.
    pub open: Option<std::path::PathBuf>,
    /// Where recovery files go (none: autosave off).
    pub data_dir: Option<std::path::PathBuf>,
    /// Show the welcome window.
    pub welcome: bool,
}

impl<'a> Start<'a> {
    /// The declaration, in English, no welcome.
    pub fn new(dialogs: &'a ScriptedDialogs) -> Self {
        Self {
            lang: Lang::En,
            dialogs,
            open: None,
            data_dir: None,
            welcome: false,
        }
    }

    /// The app, its background reads finished, with "tester" as author.
    pub fn app(self) -> PizhuApp {
        let prefs = Prefs {
            author: "tester".into(),
            language: Some(self.lang),
            ..Prefs::default()
        };
        let mut app = PizhuApp::new(
            &egui::Context::default(),
            AppOptions {
                open: self.open,
                data_dir: self.data_dir,
                dialogs: Box::new(self.dialogs.clone()),
                prefs,
                welcome: self.welcome,
            },
        );
        app.wait_for_jobs();
        app
    }
}

/// `app` in a 1280×800 headless window with the app's fonts, at 60 frames
/// a second, after its first frames.
pub fn harness(app: PizhuApp) -> Harness<'static, PizhuApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(pizhu::ui::fonts::install)
        .build_ui_state(|ui, app: &mut PizhuApp| app.ui_root(ui), app);
    harness.run_steps(3);
    harness
}
