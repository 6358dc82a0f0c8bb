//! The embedded CJK font, so Chinese never renders as tofu.
//!
//! egui ships Latin and emoji fonts only. We embed Noto Sans CJK SC (SIL OFL
//! 1.1, licence in `assets/`) as the fallback after egui's Latin font in both
//! families; characters it lacks (CJK Extension B, colour emoji) are found by
//! eframe's system-font fallback at run time when the machine has one.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// `NotoSansCJK-Regular.ttc`; face 2 is the Simplified Chinese one.
static NOTO_CJK: &[u8] = include_bytes!("../../assets/NotoSansCJK-Regular.ttc");
const NOTO_CJK_SC_FACE: u32 = 2;
const NAME: &str = "Noto Sans CJK SC";

/// Font definitions: egui's defaults plus the embedded CJK face.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        NAME.to_owned(),
        Arc::new(FontData::from_blob(Arc::new(NOTO_CJK), NOTO_CJK_SC_FACE)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        // After the Latin face (so Latin keeps egui's look), before the emoji faces.
        let at = list.len().min(1);
        list.insert(at, NAME.to_owned());
    }
    fonts
}

/// Install Pizhu's fonts into `ctx`.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
