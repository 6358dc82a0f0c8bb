//! Access keys: catalog labels mark theirs with `&` ("&File", "文件(&F)"),
//! shown underlined; Alt plus the key opens the menu.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, Key, Modifiers, Stroke, TextStyle, Ui, WidgetText};

/// A label with its access key taken out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessLabel {
    /// The text without the marker (`&&` becomes `&`).
    pub text: String,
    /// The char index of the access key in `text`.
    pub at: Option<usize>,
}

impl AccessLabel {
    /// Split `label` at its `&` marker.
    pub fn parse(label: &str) -> Self {
        let mut text = String::with_capacity(label.len());
        let mut at = None;
        let mut chars = label.chars().peekable();
        let mut n = 0;
        while let Some(c) = chars.next() {
            if c == '&' {
                match chars.peek() {
                    Some('&') => {
                        chars.next();
                    }
                    Some(_) if at.is_none() => {
                        at = Some(n);
                        continue;
                    }
                    _ => {}
                }
            }
            text.push(c);
            n += 1;
        }
        Self { text, at }
    }

    /// The key that triggers it, if it is a letter or digit.
    pub fn key(&self) -> Option<Key> {
        let c = self.text.chars().nth(self.at?)?;
        Key::from_name(&c.to_ascii_uppercase().to_string())
    }

    /// The text with the access key underlined, in the button font.
    pub fn widget_text(&self, ui: &Ui) -> WidgetText {
        let Some(at) = self.at else {
            return self.text.clone().into();
        };
        let font_id = TextStyle::Button.resolve(ui.style());
        let plain = TextFormat {
            font_id,
            color: Color32::PLACEHOLDER,
            ..Default::default()
        };
        let underlined = TextFormat {
            underline: Stroke::new(1.0, Color32::PLACEHOLDER),
            ..plain.clone()
        };
        let mut job = LayoutJob::default();
        for (i, c) in self.text.chars().enumerate() {
            let mut buf = [0; 4];
            let format = if i == at { &underlined } else { &plain };
            job.append(c.encode_utf8(&mut buf), 0.0, format.clone());
        }
        job.into()
    }
}

/// A top-level menu with an access key: Alt+key opens it (and focuses its
/// first item, so arrows and Enter take over from there).
pub fn menu<R>(ui: &mut Ui, label: &str, content: impl FnOnce(&mut Ui) -> R) {
    let label = AccessLabel::parse(label);
    let pressed = label
        .key()
        .is_some_and(|key| ui.input_mut(|i| i.consume_key(Modifiers::ALT, key)));
    let (response, _) =
        egui::containers::menu::MenuButton::new(label.widget_text(ui)).ui(ui, content);
    if pressed {
        let id = egui::Popup::menu(&response).get_id();
        egui::Popup::open_id(ui.ctx(), id);
        response.request_focus();
        ui.ctx().request_repaint();
    }
}

/// A button showing only a symbol: its words go to the tooltip and to
/// screen readers, which would otherwise read "▶".
pub fn icon_button(ui: &mut Ui, icon: &str, name: String) -> egui::Response {
    let response = ui.button(icon);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response.on_hover_text(name)
}

/// Draw a ring around the widget with keyboard focus, wherever it is:
/// egui's own hint (a hover look) is too faint to follow while tabbing.
/// The document text is left out: its selection shows where one is.
pub fn focus_ring(ctx: &egui::Context, except: Option<egui::Id>) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    if Some(id) == except {
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let color = ctx.global_style().visuals.selection.stroke.color;
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("focus-ring"),
    ));
    painter.rect_stroke(
        response.rect.expand(2.0),
        3.0,
        Stroke::new(2.0, color),
        egui::StrokeKind::Outside,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_and_removed() {
        let en = AccessLabel::parse("&File");
        assert_eq!(
            (en.text.as_str(), en.at, en.key()),
            ("File", Some(0), Some(Key::F))
        );
        let zh = AccessLabel::parse("文件(&F)");
        assert_eq!(
            (zh.text.as_str(), zh.at, zh.key()),
            ("文件(F)", Some(3), Some(Key::F))
        );
        let amp = AccessLabel::parse("Q&&A");
        assert_eq!((amp.text.as_str(), amp.at), ("Q&A", None));
        let none = AccessLabel::parse("批注");
        assert_eq!((none.text.as_str(), none.key()), ("批注", None));
    }
}
