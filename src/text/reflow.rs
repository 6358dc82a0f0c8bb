//! Reading mode: joins the lines that PDF extraction broke mid-sentence into
//! paragraphs, with an exact offset map both ways.
//!
//! A PDF-extracted text has a line break (often with a blank line) wherever
//! the printed page had one. Reading mode removes such a break when the
//! sentence goes on: between CJK characters nothing is inserted; between two
//! Latin letters or digits one space is. A break stays (as one `\n`) where a
//! paragraph plausibly ends: the next line is indented, the line ends with
//! sentence-final punctuation, or the line is much shorter than the text's
//! typical line.
//!
//! Offsets: annotations always live in the original text. [`Reflow`] maps
//! original positions to display positions and back. For every display
//! position `d`, `to_display(to_original(d)) == d`; original positions inside
//! a removed line break collapse onto the join.

use crate::model::CharPos;

/// One stretch of the display text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    /// `len` chars copied from the original at `orig`.
    Copy {
        orig: usize,
        disp: usize,
        len: usize,
    },
    /// One char (a space or a line break) standing for the removed
    /// original run that starts at `orig`.
    Insert { orig: usize, disp: usize },
}

impl Piece {
    fn disp(self) -> usize {
        match self {
            Self::Copy { disp, .. } | Self::Insert { disp, .. } => disp,
        }
    }
}

/// A reflowed text and its offset map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reflow {
    /// The display text.
    pub text: String,
    pieces: Vec<Piece>,
    /// Length of the original text, in chars.
    orig_len: usize,
    /// Length of the display text, in chars.
    disp_len: usize,
}

/// Characters after which a line plausibly ends a paragraph.
const FINAL: &[char] = &[
    '。', '！', '？', '：', '；', '」', '』', '”', '.', '!', '?', ':', ';',
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// A line of the original: its first char and its chars.
struct Line {
    start: usize,
    chars: Vec<char>,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.chars.iter().all(|c| c.is_whitespace())
    }
    fn content_len(&self) -> usize {
        self.chars.iter().filter(|c| !c.is_whitespace()).count()
    }
}

impl Reflow {
    /// Reflow `text` (already newline-normalised). O(n).
    pub fn new(text: &str) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let chars: Vec<char> = line.chars().collect();
            let n = chars.len();
            lines.push(Line { start, chars });
            start += n + 1;
        }
        let orig_len = start.saturating_sub(1);
        let typical = typical_line_len(&lines);

        let mut out = Self {
            orig_len,
            ..Self::default()
        };
        // Indices of non-blank lines; breaks between them are what we judge.
        let content: Vec<usize> = (0..lines.len())
            .filter(|&i| lines.get(i).is_some_and(|l| !l.is_blank()))
            .collect();
        let (Some(&first), Some(&last)) = (content.first(), content.last()) else {
            // Nothing but white space: show it as it is.
            out.copy_lines(&lines, 0..lines.len());
            return out;
        };
        // Leading blank lines, as they are.
        out.copy_lines(&lines, 0..first);
        for pair in content.windows(2) {
            let (Some(line), Some(next_line)) = (lines.get(pair[0]), lines.get(pair[1])) else {
                continue;
            };
            // The run removed or replaced: trailing spaces of this line, the
            // line breaks and blank lines, and (when joining) nothing else,
            // since an indented next line always starts a paragraph.
            let keep = trimmed_end(&line.chars);
            out.copy_chars(line, 0, keep);
            let before = keep.checked_sub(1).and_then(|i| line.chars.get(i)).copied();
            let after = next_line.chars.get(leading_ws(&next_line.chars)).copied();
            let indented = leading_ws(&next_line.chars) > 0;
            let ends_sentence = before.is_some_and(|c| FINAL.contains(&c));
            let short = line.content_len() * 10 < typical * 7;
            if indented || ends_sentence || short {
                out.insert(line.start + keep, '\n');
            } else if before.is_some_and(|c| !is_cjk(c) && !c.is_ascii_punctuation())
                && after.is_some_and(|c| !is_cjk(c))
            {
                out.insert(line.start + keep, ' ');
            }
        }
        // The last line and whatever trails it, as they are.
        out.copy_lines(&lines, last..lines.len());
        out
    }

    /// Copy whole lines, with the line breaks between them.
    fn copy_lines(&mut self, lines: &[Line], range: std::ops::Range<usize>) {
        let end = range.end;
        for i in range {
            let Some(line) = lines.get(i) else { continue };
            self.copy_chars(line, 0, line.chars.len());
            if i + 1 < end || i + 1 < lines.len() && end < lines.len() {
                self.copy_newline(line.start + line.chars.len());
            }
        }
    }

    /// Copy chars `[from, to)` of one line.
    fn copy_chars(&mut self, line: &Line, from: usize, to: usize) {
        let Some(part) = line.chars.get(from..to) else {
            return;
        };
        if part.is_empty() {
            return;
        }
        self.pieces.push(Piece::Copy {
            orig: line.start + from,
            disp: self.disp_len,
            len: part.len(),
        });
        self.text.extend(part);
        self.disp_len += part.len();
    }

    /// Copy the original line break at `orig`.
    fn copy_newline(&mut self, orig: usize) {
        self.pieces.push(Piece::Copy {
            orig,
            disp: self.disp_len,
            len: 1,
        });
        self.text.push('\n');
        self.disp_len += 1;
    }

    fn insert(&mut self, orig: usize, c: char) {
        self.pieces.push(Piece::Insert {
            orig,
            disp: self.disp_len,
        });
        self.text.push(c);
        self.disp_len += 1;
    }

    /// Length of the display text in chars.
    pub fn display_len(&self) -> usize {
        self.disp_len
    }

    /// The display position of original position `pos` (clamped). A position
    /// inside a removed line break maps to the join.
    pub fn to_display(&self, pos: CharPos) -> CharPos {
        let p = pos.0.min(self.orig_len);
        // The last copy starting at or before p.
        let i = self.pieces.partition_point(|piece| match *piece {
            Piece::Copy { orig, .. } => orig <= p,
            Piece::Insert { orig, .. } => orig < p,
        });
        for piece in self.pieces[..i].iter().rev() {
            if let Piece::Copy { orig, disp, len } = *piece {
                return CharPos(disp + (p - orig).min(len));
            }
        }
        CharPos(0)
    }

    /// The original position shown at display position `pos` (clamped). An
    /// inserted space or line break maps to the start of the run it replaces.
    pub fn to_original(&self, pos: CharPos) -> CharPos {
        let d = pos.0.min(self.disp_len);
        if d == self.disp_len {
            // After the last piece: the end of the last copy, or the end.
            return match self.pieces.last() {
                Some(Piece::Copy { orig, len, .. }) => CharPos(orig + len),
                Some(Piece::Insert { orig, .. }) => CharPos(*orig),
                None => CharPos(self.orig_len.min(d)),
            };
        }
        let i = self
            .pieces
            .partition_point(|piece| piece.disp() <= d)
            .saturating_sub(1);
        match self.pieces.get(i) {
            Some(Piece::Copy { orig, disp, .. }) => CharPos(orig + (d - disp)),
            Some(Piece::Insert { orig, .. }) => CharPos(*orig),
            None => CharPos(d),
        }
    }
}

fn leading_ws(chars: &[char]) -> usize {
    chars.iter().take_while(|c| c.is_whitespace()).count()
}

fn trimmed_end(chars: &[char]) -> usize {
    chars.len() - chars.iter().rev().take_while(|c| c.is_whitespace()).count()
}

/// The length a full line has in this text: the 80th percentile of the
/// non-blank lines' visible lengths (headings and last lines are shorter).
fn typical_line_len(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Line::content_len)
        .collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[(lens.len() * 8 / 10).min(lens.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn joins_broken_cjk_lines_and_keeps_paragraphs() {
        let text = " 第一段开始的这一行很长很长很长很长\n\n继续第一段的内容也很长很长很长很长\n\n还在第一段结束了。\n\n 第二段开始很长很长很长很长很长很长\n\n末行";
        let r = Reflow::new(text);
        assert_eq!(
            r.text,
            " 第一段开始的这一行很长很长很长很长继续第一段的内容也很长很长很长很长还在第一段结束了。\n 第二段开始很长很长很长很长很长很长末行"
        );
    }

    #[test]
    fn latin_words_keep_a_space() {
        let r =
            Reflow::new("the quick brown fox jumps over\nthe lazy dog and runs far far away\nend");
        assert!(
            r.text
                .starts_with("the quick brown fox jumps over the lazy dog"),
            "{}",
            r.text
        );
    }

    #[test]
    fn offsets_map_both_ways_on_the_declaration() {
        let text =
            crate::text::decode::decode(include_bytes!("../../assets/declaration-1998-zh.txt"))
                .map(|d| d.text)
                .unwrap_or_default();
        let r = Reflow::new(&text);
        let orig = chars(&text);
        let disp = chars(&r.text);
        assert!(
            disp.len() < orig.len(),
            "reading mode removes the blank lines"
        );
        // Every copied display char is the original char it maps to.
        for (d, c) in disp.iter().enumerate() {
            let o = r.to_original(CharPos(d)).0;
            if !c.is_whitespace() {
                assert_eq!(orig.get(o), Some(c), "display {d}");
            }
            assert_eq!(
                r.to_display(CharPos(o)),
                CharPos(d),
                "round trip at display {d}"
            );
        }
        // The ABM treaty's name, split over two lines in the PDF, is one phrase.
        assert!(
            r.text.contains("限制反导弹防御系统条约") || r.text.contains("反导弹防御系统条约"),
            "joined"
        );
    }

    proptest::proptest! {
        #[test]
        fn map_unmap_is_identity(text in "[ a-z世纪。\n]{0,200}") {
            let r = Reflow::new(&text);
            for d in 0..=r.display_len() {
                proptest::prop_assert_eq!(r.to_display(r.to_original(CharPos(d))), CharPos(d));
            }
            proptest::prop_assert_eq!(r.text.chars().count(), r.display_len());
            for p in 0..=text.chars().count() {
                let d = r.to_display(CharPos(p));
                proptest::prop_assert!(d.0 <= r.display_len());
            }
        }
    }
}
