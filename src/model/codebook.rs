//! Codes: the tags a researcher applies to passages.

use serde::{Deserialize, Serialize};

/// A code's id, unique within a project (e.g. `"c-kosovo"`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CodeId(pub String);

impl std::fmt::Display for CodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// An sRGB colour, stored as `"#rrggbb"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Color(pub [u8; 3]);

impl Color {
    /// Parse `#rrggbb` or `#rgb`.
    pub fn parse(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#')?;
        let digit = |c: char| c.to_digit(16).and_then(|d| u8::try_from(d).ok());
        let digits: Vec<u8> = hex.chars().map(digit).collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Self([r * 17, g * 17, b * 17])),
            [r1, r2, g1, g2, b1, b2] => Some(Self([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2])),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The `i`-th colour of a palette whose neighbours are easy to tell apart:
    /// hues stepped by the golden angle, so any prefix of the sequence is spread.
    pub fn distinct(i: usize) -> Self {
        // Hand-picked first colours that read well as highlights on white and dark.
        const FIRST: [[u8; 3]; 10] = [
            [0xc0, 0x39, 0x2b],
            [0x29, 0x80, 0xb9],
            [0x27, 0xae, 0x60],
            [0x8e, 0x44, 0xad],
            [0xd3, 0x54, 0x00],
            [0x16, 0xa0, 0x85],
            [0xb7, 0x95, 0x0b],
            [0xc2, 0x18, 0x5b],
            [0x2c, 0x3e, 0x9e],
            [0x6d, 0x4c, 0x41],
        ];
        if let Some(rgb) = FIRST.get(i) {
            return Self(*rgb);
        }
        #[allow(clippy::cast_precision_loss)]
        let hue = (i as f32 * 137.508) % 360.0;
        Self(hsv_to_rgb(hue, 0.65, 0.75))
    }
}

fn hsv_to_rgb(h: f32, s: f32, v: f32) -> [u8; 3] {
    let c = v * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = v - c;
    let (r, g, b) = match h {
        h if h < 60.0 => (c, x, 0.0),
        h if h < 120.0 => (x, c, 0.0),
        h if h < 180.0 => (0.0, c, x),
        h if h < 240.0 => (0.0, x, c),
        h if h < 300.0 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let to_u8 = |f: f32| ((f + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    [to_u8(r), to_u8(g), to_u8(b)]
}

impl TryFrom<String> for Color {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or_else(|| format!("{s:?} is not a colour like \"#c0392b\""))
    }
}

impl From<Color> for String {
    fn from(c: Color) -> Self {
        c.to_hex()
    }
}

/// A code of the codebook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// Unique within the project; never shown, never changes.
    pub id: CodeId,
    /// Shown to the user; unique within the project (case-insensitive).
    pub name: String,
    /// Highlight colour.
    pub color: Color,
    /// The parent code, for a hierarchical codebook.
    pub parent: Option<CodeId>,
    /// What the code means and when to apply it.
    #[serde(default)]
    pub description: String,
    /// Words whose occurrence suggests this code.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// A single key (`"1"`–`"9"`) that applies the code to the selection.
    #[serde(default)]
    pub shortcut: Option<String>,
}

impl Code {
    /// A code with just a name and a colour.
    pub fn new(id: CodeId, name: impl Into<String>, color: Color) -> Self {
        Self {
            id,
            name: name.into(),
            color,
            parent: None,
            description: String::new(),
            keywords: Vec::new(),
            shortcut: None,
        }
    }
}

/// A fresh code id derived from `name`, not among `taken`:
/// `c-` plus the ASCII letters and digits of the name, else a number.
pub fn fresh_code_id<'a>(name: &str, taken: impl Iterator<Item = &'a CodeId> + Clone) -> CodeId {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if slug.is_empty() {
        "c".to_owned()
    } else {
        format!("c-{slug}")
    };
    let free = |candidate: &str| !taken.clone().any(|id| id.0 == candidate);
    if slug.is_empty() {
        // Non-Latin names get a number.
        return (1..)
            .map(|n| format!("{stem}-{n}"))
            .find(|c| free(c))
            .map_or_else(|| CodeId(stem.clone()), CodeId);
    }
    if free(&stem) {
        return CodeId(stem);
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|c| free(c))
        .map_or_else(|| CodeId(stem.clone()), CodeId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_parses_and_prints() {
        assert_eq!(Color::parse("#c0392b"), Some(Color([0xc0, 0x39, 0x2b])));
        assert_eq!(Color::parse("#fff"), Some(Color([255, 255, 255])));
        assert_eq!(Color::parse("c0392b"), None);
        assert_eq!(Color::parse("#c0392"), None);
        assert_eq!(Color::parse("#ggg"), None);
        assert_eq!(Color([1, 2, 255]).to_hex(), "#0102ff");
    }

    #[test]
    fn distinct_colours_do_not_repeat_early() {
        let colours: Vec<Color> = (0..40).map(Color::distinct).collect();
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn code_ids_from_names() {
        let taken = [CodeId("c-kosovo".into()), CodeId("c-1".into())];
        assert_eq!(fresh_code_id("ABM Treaty", taken.iter()).0, "c-abm-treaty");
        assert_eq!(fresh_code_id("Kosovo", taken.iter()).0, "c-kosovo-2");
        assert_eq!(fresh_code_id("科索沃", taken.iter()).0, "c-2");
    }
}
