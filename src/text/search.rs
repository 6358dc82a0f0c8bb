//! Finding text in a document, in chars, the way a reader means it.
//!
//! PDF-extracted texts break lines (and add blank lines) in the middle of
//! phrases: 限制反导弹 / 防御系统条约 is one phrase on two lines of the
//! declaration. So search runs over a *folded* copy of the text in which
//! every white-space run holding a line break is dropped (between CJK
//! characters) or becomes one space (between Latin words), optionally
//! lower-cased and with full-width ASCII folded to half-width. A map from
//! folded chars back to original chars turns matches into original spans.

use crate::model::{CharPos, CharSpan, Document};

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SearchOptions {
    /// Match upper and lower case exactly.
    pub case_sensitive: bool,
    /// Full-width ASCII (ＡＢＣ１２３) matches half-width (ABC123).
    pub fold_width: bool,
    /// The needle is a regular expression (over the folded text).
    pub regex: bool,
}

/// Why a search could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// The regular expression does not parse.
    #[error("invalid regular expression: {0}")]
    BadRegex(String),
}

/// A document's text folded for searching, with the way back.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    text: String,
    /// For each char of `text`, the original char position it came from.
    origin: Vec<u32>,
    options: SearchOptions,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

fn fold_char(c: char, options: SearchOptions, out: &mut impl FnMut(char)) {
    let c = if options.fold_width {
        match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        }
    } else {
        c
    };
    if options.case_sensitive {
        out(c);
    } else {
        c.to_lowercase().for_each(out);
    }
}

/// Fold `chars` (with their original positions) into `text`/`origin`.
fn fold_into(
    chars: impl Iterator<Item = (usize, char)>,
    options: SearchOptions,
    text: &mut String,
    origin: &mut Vec<u32>,
) {
    let mut pending_ws: Vec<(usize, char)> = Vec::new();
    let mut last: Option<char> = None;
    let flush = |ws: &mut Vec<(usize, char)>,
                 last: Option<char>,
                 next: Option<char>,
                 text: &mut String,
                 origin: &mut Vec<u32>| {
        if ws.iter().any(|(_, c)| *c == '\n') {
            // A line break inside a phrase: gone between CJK, one space between words.
            let cjk_side = last.is_none_or(is_cjk) || next.is_none_or(is_cjk);
            if !cjk_side && let Some(&(pos, _)) = ws.first() {
                text.push(' ');
                origin.push(u32::try_from(pos).unwrap_or(u32::MAX));
            }
        } else {
            for &(pos, c) in ws.iter() {
                fold_char(c, options, &mut |f| {
                    text.push(f);
                    origin.push(u32::try_from(pos).unwrap_or(u32::MAX));
                });
            }
        }
        ws.clear();
    };
    for (pos, c) in chars {
        if c.is_whitespace() && c != '\u{3000}' || c == '\u{3000}' && options.fold_width {
            pending_ws.push((pos, c));
            continue;
        }
        if !pending_ws.is_empty() {
            flush(&mut pending_ws, last, Some(c), text, origin);
        }
        fold_char(c, options, &mut |f| {
            text.push(f);
            origin.push(u32::try_from(pos).unwrap_or(u32::MAX));
        });
        last = Some(c);
    }
    if !pending_ws.is_empty() {
        flush(&mut pending_ws, last, None, text, origin);
    }
}

impl Folded {
    /// Fold `doc`'s text for `options`. O(n); build once per document and options.
    pub fn new(doc: &Document, options: SearchOptions) -> Self {
        let mut text = String::with_capacity(doc.text().len());
        let mut origin = Vec::with_capacity(doc.char_len());
        // Regex matching folds case itself (with `(?i)`), keeping `\W`, `[A-Z]`… meaningful.
        let fold_options = SearchOptions {
            case_sensitive: options.case_sensitive || options.regex,
            ..options
        };
        fold_into(
            doc.text().chars().enumerate(),
            fold_options,
            &mut text,
            &mut origin,
        );
        Self {
            text,
            origin,
            options,
        }
    }

    /// The options this was folded for.
    pub fn options(&self) -> SearchOptions {
        self.options
    }

    /// Every non-overlapping match of `needle`, as original spans in text order.
    pub fn find_all(&self, needle: &str) -> Result<Vec<CharSpan>, SearchError> {
        if needle.trim().is_empty() {
            return Ok(Vec::new());
        }
        let mut byte_ranges: Vec<(usize, usize)> = Vec::new();
        if self.options.regex {
            let pattern = if self.options.case_sensitive {
                needle.to_owned()
            } else {
                format!("(?i){needle}")
            };
            let re =
                regex::Regex::new(&pattern).map_err(|e| SearchError::BadRegex(e.to_string()))?;
            byte_ranges.extend(
                re.find_iter(&self.text)
                    .filter(|m| !m.is_empty())
                    .map(|m| (m.start(), m.end())),
            );
        } else {
            let mut folded = String::new();
            let mut ignored = Vec::new();
            fold_into(
                needle.chars().enumerate(),
                self.options,
                &mut folded,
                &mut ignored,
            );
            let folded = folded.trim();
            if folded.is_empty() {
                return Ok(Vec::new());
            }
            byte_ranges.extend(
                self.text
                    .match_indices(folded)
                    .map(|(b, m)| (b, b + m.len())),
            );
        }
        // Byte offsets in the folded text → folded char indices → original chars.
        let mut spans = Vec::with_capacity(byte_ranges.len());
        let mut last_byte = 0;
        let mut last_char = 0;
        for (start, end) in byte_ranges {
            last_char += self
                .text
                .get(last_byte..start)
                .map_or(0, |s| s.chars().count());
            last_byte = start;
            let len = self.text.get(start..end).map_or(0, |s| s.chars().count());
            let (Some(&a), Some(&b)) = (
                self.origin.get(last_char),
                self.origin.get(last_char + len.max(1) - 1),
            ) else {
                continue;
            };
            spans.push(CharSpan::new(CharPos(a as usize), CharPos(b as usize + 1)));
        }
        Ok(spans)
    }
}

/// Every occurrence of `needle` in `doc` the way a reader means it: exact
/// characters, but line breaks inside the phrase ignored. An empty needle
/// matches nothing.
pub fn find_all(doc: &Document, needle: &str) -> Vec<CharSpan> {
    let options = SearchOptions {
        case_sensitive: true,
        ..SearchOptions::default()
    };
    Folded::new(doc, options)
        .find_all(needle)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    fn doc(text: &str) -> Document {
        Document::new(DocId("d".into()), "d", text)
    }

    #[test]
    fn finds_in_chars_after_astral_characters() {
        let d = doc("😀𠀀科索沃和科索沃");
        assert_eq!(
            find_all(&d, "科索沃"),
            vec![CharSpan::from_range(2, 5), CharSpan::from_range(6, 9)]
        );
        assert!(find_all(&d, "").is_empty());
        assert!(find_all(&d, "北约").is_empty());
    }

    #[test]
    fn a_phrase_broken_over_lines_is_found_whole() {
        let d = doc("保持和巩固限制反导弹 \n\n防御系统条约非常重要");
        let spans = find_all(&d, "限制反导弹防御系统条约");
        assert_eq!(spans.len(), 1);
        assert_eq!(d.slice(spans[0]), Some("限制反导弹 \n\n防御系统条约"));
        // Latin words across a line break match with one space.
        let d = doc("the ABM\nTreaty matters");
        assert_eq!(
            find_all(&d, "ABM Treaty"),
            vec![CharSpan::from_range(4, 14)]
        );
    }

    #[test]
    fn the_declaration_phrase_split_across_lines() {
        let text =
            crate::text::decode::decode(include_bytes!("../../assets/declaration-1998-zh.txt"))
                .map(|d| d.text)
                .unwrap_or_default();
        let d = doc(&text);
        let spans = find_all(&d, "限制反导弹防御系统条约");
        assert!(!spans.is_empty(), "found across the line break");
        assert!(d.slice(spans[0]).unwrap().contains('\n'));
    }

    #[test]
    fn case_and_width_folding() {
        let d = doc("ＡＢＭ条约 and abm treaty");
        let folded = Folded::new(
            &d,
            SearchOptions {
                fold_width: true,
                ..SearchOptions::default()
            },
        );
        assert_eq!(
            folded.find_all("abm").unwrap(),
            vec![CharSpan::from_range(0, 3), CharSpan::from_range(10, 13)]
        );
        let exact = Folded::new(
            &d,
            SearchOptions {
                case_sensitive: true,
                ..SearchOptions::default()
            },
        );
        assert_eq!(
            exact.find_all("abm").unwrap(),
            vec![CharSpan::from_range(10, 13)]
        );
    }

    #[test]
    fn regex_search_and_bad_regex() {
        let d = doc("1998年 11月 23日 和 1996年");
        let folded = Folded::new(
            &d,
            SearchOptions {
                regex: true,
                ..SearchOptions::default()
            },
        );
        let spans = folded.find_all(r"\d{4}年").unwrap();
        assert_eq!(
            spans,
            vec![CharSpan::from_range(0, 5), CharSpan::from_range(16, 21)]
        );
        assert!(matches!(
            folded.find_all("(unclosed"),
            Err(SearchError::BadRegex(_))
        ));
    }
}
