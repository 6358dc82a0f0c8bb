//! brat standoff import: a directory of `NAME.txt` + `NAME.ann` pairs (or
//! one `.ann` or `.txt` of a pair), with `annotation.conf` and `visual.conf`
//! when present.
//!
//! * Documents are named after their `.txt` file and read as UTF-8; brat
//!   counts a BOM and both chars of a CR LF, so positions are mapped past
//!   them to the document's text.
//! * Each T line is checked as brat checks it (offsets in range, TEXT equal
//!   to the fragments joined by one space) and skipped with its id when it
//!   fails. Fragments separated only by line breaks or TABs are joined into
//!   one span again: that is how a span crossing lines is written.
//! * Types become codes: named by `visual.conf` `[labels]`, coloured by its
//!   `[drawing]` `bgColor`, nested by `annotation.conf`'s TAB indents; types
//!   found only in `.ann` files become top-level codes named as the type.
//! * `#` notes (any type) become the note of their T; `*` Equiv groups of T
//!   lines with the same spans become one annotation with several codes.
//! * Relations (R), events (E), attributes (A/M) and normalizations (N) have
//!   no place in Pizhu: each is reported with its id and skipped.
//!
//! Files written by our export (their `.conf` starts with
//! [`export::MARKER`]) get two more rules: the [`export::UNCODED`] type
//! means no code, and notes are unescaped (`\n`, `\t`, `\\`…).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::merge::{
    Foreign, ForeignAnnotation, ForeignCode, ForeignDoc, ForeignSpan, RawText, Skipped,
};
use super::sha256_hex;
use crate::io::IoError;
use crate::io::export::brat::{
    self as export, ANNOTATION_CONF, MARKER, UNCODED, VISUAL_CONF, is_break,
};
use crate::model::{Color, Source};

/// Most `.ann` files read from one directory.
pub(crate) const MAX_FILES: usize = 10_000;

/// Read the brat directory or file at `path`.
pub(crate) fn read(path: &Path) -> Result<Foreign, IoError> {
    let (dir, pairs) = pairs(path)?;
    let mut foreign = Foreign::default();
    let annotation_conf = read_conf(&dir.join(ANNOTATION_CONF))?;
    let visual_conf = read_conf(&dir.join(VISUAL_CONF))?;
    let ours = annotation_conf
        .as_deref()
        .is_some_and(|c| c.starts_with(MARKER));
    let mut types = Types::default();
    if let Some(conf) = &annotation_conf {
        types.entities(conf);
    }
    if let Some(conf) = &visual_conf {
        types.visual(conf);
    }
    for (ann_path, txt_path) in pairs {
        read_pair(&ann_path, &txt_path, ours, &mut types, &mut foreign)?;
    }
    foreign.codes = types.into_codes(ours);
    Ok(foreign)
}

/// The directory and the (`.ann`, `.txt`) pairs to read.
fn pairs(path: &Path) -> Result<(PathBuf, Vec<(PathBuf, PathBuf)>), IoError> {
    let read_err = |source| IoError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        let mut anns = Vec::new();
        for entry in std::fs::read_dir(path).map_err(read_err)? {
            let entry_path = entry.map_err(read_err)?.path();
            if entry_path.extension().is_some_and(|e| e == "ann") && entry_path.is_file() {
                anns.push(entry_path);
            }
        }
        if anns.is_empty() {
            return Err(IoError::Unsupported {
                path: path.to_owned(),
                message: "holds no .ann file; is this a brat directory?".into(),
            });
        }
        if anns.len() > MAX_FILES {
            return Err(IoError::Unsupported {
                path: path.to_owned(),
                message: format!(
                    "holds {} .ann files; at most {MAX_FILES} are read at once",
                    anns.len()
                ),
            });
        }
        anns.sort();
        let pairs = anns
            .into_iter()
            .map(|ann| (ann.clone(), ann.with_extension("txt")))
            .collect();
        return Ok((path.to_owned(), pairs));
    }
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    match path.extension().and_then(|e| e.to_str()) {
        Some("ann") => Ok((dir, vec![(path.to_owned(), path.with_extension("txt"))])),
        Some("txt") => Ok((dir, vec![(path.with_extension("ann"), path.to_owned())])),
        _ => Err(IoError::Unsupported {
            path: path.to_owned(),
            message: "expected a brat directory, or a .ann or .txt file of one".into(),
        }),
    }
}

/// A `.conf` file's text, or `None` when there is none.
fn read_conf(path: &Path) -> Result<Option<String>, IoError> {
    if !path.is_file() {
        return Ok(None);
    }
    let bytes = crate::io::read_capped(path)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// What the `.conf` files and `.ann` files say about types.
#[derive(Default)]
struct Types {
    /// Types in the order met, with their parent type.
    order: Vec<(String, Option<String>)>,
    labels: HashMap<String, String>,
    colors: HashMap<String, Color>,
}

impl Types {
    fn add(&mut self, kind: &str, parent: Option<String>) {
        if !self.order.iter().any(|(k, _)| k == kind) {
            self.order.push((kind.to_owned(), parent));
        }
    }

    /// `[entities]` of `annotation.conf`: one type per line, children
    /// indented with TABs under their parent, `!` marking abstract types.
    fn entities(&mut self, conf: &str) {
        let mut section = "";
        let mut path: Vec<String> = Vec::new();
        for line in conf.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if trimmed.starts_with('[') && trimmed.ends_with(']') {
                section = if trimmed == "[entities]" {
                    "entities"
                } else {
                    "other"
                };
                continue;
            }
            if section != "entities" {
                continue;
            }
            let depth = line.chars().take_while(|&c| c == '\t').count();
            let Some(kind) = trimmed
                .split_whitespace()
                .next()
                .map(|k| k.trim_start_matches('!'))
            else {
                continue;
            };
            if kind.is_empty() || kind.starts_with('<') {
                continue;
            }
            path.truncate(depth);
            let parent = path.last().cloned();
            self.add(kind, parent);
            path.push(kind.to_owned());
        }
    }

    /// `[labels]` (`TYPE | LABEL | ABBREVIATION…`) and `[drawing]`
    /// (`TYPE⇥bgColor:#rrggbb, …`) of `visual.conf`.
    fn visual(&mut self, conf: &str) {
        let mut section = "";
        for line in conf.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if trimmed.starts_with('[') && trimmed.ends_with(']') {
                section = match trimmed {
                    "[labels]" => "labels",
                    "[drawing]" => "drawing",
                    _ => "other",
                };
                continue;
            }
            match section {
                "labels" => {
                    let mut parts = trimmed.split('|').map(str::trim);
                    if let (Some(kind), Some(label)) = (parts.next(), parts.next())
                        && !label.is_empty()
                    {
                        self.labels.insert(kind.to_owned(), label.to_owned());
                    }
                }
                "drawing" => {
                    let Some((kind, settings)) = trimmed.split_once(char::is_whitespace) else {
                        continue;
                    };
                    let color = settings
                        .split(',')
                        .filter_map(|s| s.trim().strip_prefix("bgColor:"))
                        .find_map(|c| Color::parse(c.trim()));
                    if let Some(color) = color {
                        self.colors.insert(kind.to_owned(), color);
                    }
                }
                _ => {}
            }
        }
    }

    fn into_codes(self, ours: bool) -> Vec<ForeignCode> {
        let Self {
            order,
            labels,
            colors,
        } = self;
        order
            .into_iter()
            .filter(|(kind, _)| !(ours && kind == UNCODED))
            .map(|(kind, parent)| ForeignCode {
                name: labels.get(&kind).cloned().unwrap_or_else(|| kind.clone()),
                color: colors.get(&kind).copied(),
                key: kind,
                parent,
                description: String::new(),
            })
            .collect()
    }
}

/// One T line, once checked.
struct Textbound {
    id: String,
    kind: String,
    /// Spans in the document's text, fragments across breaks joined.
    spans: Vec<(usize, usize)>,
    notes: Vec<String>,
}

fn read_pair(
    ann_path: &Path,
    txt_path: &Path,
    ours: bool,
    types: &mut Types,
    foreign: &mut Foreign,
) -> Result<(), IoError> {
    let ann_name = ann_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let txt_name = txt_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !txt_path.is_file() {
        foreign.skipped.push(Skipped {
            id: ann_name,
            reason: format!("no {txt_name} beside it"),
        });
        return Ok(());
    }
    let bytes = crate::io::read_capped(txt_path)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| IoError::Unsupported {
        path: txt_path.to_owned(),
        message: format!("not UTF-8 ({e}); brat texts are UTF-8"),
    })?;
    let raw = RawText::new(text, true);
    let raw_chars: Vec<char> = text.chars().collect();
    let ann_text = if ann_path.is_file() {
        String::from_utf8(crate::io::read_capped(ann_path)?).map_err(|e| IoError::Unsupported {
            path: ann_path.to_owned(),
            message: format!("not UTF-8 ({e})"),
        })?
    } else {
        String::new()
    };
    let doc_key = txt_path.display().to_string();
    let mut textbounds: Vec<Textbound> = Vec::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut notes: Vec<(String, String, String)> = Vec::new();
    for (number, line) in ann_text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let id = line.split('\t').next().unwrap_or_default();
        let label = format!("{ann_name}:{id}");
        let mut skip = |reason: String| {
            foreign.skipped.push(Skipped {
                id: label.clone(),
                reason,
            })
        };
        match id.chars().next() {
            Some('T') => match textbound(line, &raw, &raw_chars) {
                Ok(t) => {
                    types.add(&t.kind, None);
                    textbounds.push(t);
                }
                Err(reason) => skip(format!("line {}: {reason}", number + 1)),
            },
            Some('#') => {
                let mut fields = line.splitn(3, '\t');
                let (_, head, note) = (
                    fields.next(),
                    fields.next().unwrap_or_default(),
                    fields.next(),
                );
                match (head.split_whitespace().nth(1), note) {
                    (Some(target), Some(note)) => {
                        let note = if ours {
                            export::unescape_note(note)
                        } else {
                            note.to_owned()
                        };
                        notes.push((label.clone(), target.to_owned(), note));
                    }
                    _ => skip(format!(
                        "line {}: a note needs `#N⇥TYPE TARGET⇥TEXT`",
                        number + 1
                    )),
                }
            }
            Some('*') => {
                let members: Vec<String> = line
                    .split('\t')
                    .nth(1)
                    .unwrap_or_default()
                    .split_whitespace()
                    .skip(1)
                    .map(str::to_owned)
                    .collect();
                groups.push(members);
            }
            Some('R') => skip("relations have no place in Pizhu".into()),
            Some('E') => skip("events have no place in Pizhu".into()),
            Some('A' | 'M') => skip("attributes have no place in Pizhu".into()),
            Some('N') => skip("normalizations have no place in Pizhu".into()),
            _ => skip(format!("line {}: not a brat annotation line", number + 1)),
        }
    }
    // A note goes to the first T line of its id, looked up rather than
    // searched for: a file can hold thousands of both.
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(textbounds.len());
    for (i, t) in textbounds.iter().enumerate() {
        by_id.entry(t.id.clone()).or_insert(i);
    }
    for (label, target, note) in notes {
        match by_id.get(&target).and_then(|&i| textbounds.get_mut(i)) {
            Some(t) => t.notes.push(note),
            None => foreign.skipped.push(Skipped {
                id: label,
                reason: format!("its target {target} is not a text-bound annotation here"),
            }),
        }
    }
    for t in group(textbounds, &groups) {
        let first = t.first().map(|t| t.id.clone()).unwrap_or_default();
        let mut codes = Vec::new();
        let mut note_parts: Vec<String> = Vec::new();
        for member in &t {
            let uncoded = ours && member.kind == UNCODED;
            if !uncoded && !codes.contains(&member.kind) {
                codes.push(member.kind.clone());
            }
            for note in &member.notes {
                if !note_parts.contains(note) {
                    note_parts.push(note.clone());
                }
            }
        }
        let spans = t.first().map(|t| t.spans.clone()).unwrap_or_default();
        foreign.annotations.push(ForeignAnnotation {
            label: format!("{ann_name}:{first}"),
            uuid: None,
            doc: doc_key.clone(),
            spans: spans
                .into_iter()
                .map(|range| ForeignSpan {
                    range: Some(range),
                    quote: None,
                })
                .collect(),
            codes,
            note: note_parts.join("\n\n"),
            author: String::new(),
            created: None,
            modified: None,
        });
    }
    foreign.documents.push(ForeignDoc {
        key: doc_key,
        name: txt_name,
        text: Some(raw.text),
        source: Some(Source {
            path: txt_path.display().to_string(),
            sha256: sha256_hex(&bytes),
            encoding: "UTF-8".into(),
        }),
    });
    Ok(())
}

/// Parse and check a T line: `ID⇥TYPE START END[;START END]*⇥TEXT`.
fn textbound(line: &str, raw: &RawText, raw_chars: &[char]) -> Result<Textbound, String> {
    let mut fields = line.splitn(3, '\t');
    let id = fields.next().unwrap_or_default().to_owned();
    let (Some(head), Some(text)) = (fields.next(), fields.next()) else {
        return Err("a T line needs `ID⇥TYPE START END⇥TEXT`".into());
    };
    let (kind, spec) = head.split_once(' ').ok_or("no offsets after the type")?;
    let mut fragments = Vec::new();
    for fragment in spec.split(';') {
        let (a, b) = fragment
            .trim()
            .split_once(' ')
            .ok_or_else(|| format!("bad offsets {fragment:?}"))?;
        let (Ok(start), Ok(end)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) else {
            return Err(format!("bad offsets {fragment:?}"));
        };
        if start > end || end > raw.raw_len {
            return Err(format!(
                "span {start} {end} is outside the text ({} characters)",
                raw.raw_len
            ));
        }
        fragments.push((start, end));
    }
    let expected: Vec<String> = fragments
        .iter()
        .map(|&(a, b)| raw_chars.get(a..b).unwrap_or_default().iter().collect())
        .collect();
    let expected = expected.join(" ");
    if expected != text {
        return Err(format!(
            "its text {text:?} is not the text at {spec} ({expected:?})"
        ));
    }
    fragments.sort_unstable();
    // Back to document positions, joining fragments that only line breaks
    // or TABs keep apart: that is how the export writes a span across lines.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (a, b) in fragments {
        let (a, b) = (raw.map(a), raw.map(b));
        match spans.last_mut() {
            Some(last)
                if raw
                    .slice(last.1, a)
                    .is_some_and(|gap| gap.chars().all(is_break)) =>
            {
                last.1 = last.1.max(b);
            }
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => spans.push((a, b)),
        }
    }
    Ok(Textbound {
        id,
        kind: kind.to_owned(),
        spans,
        notes: Vec::new(),
    })
}

/// The T lines as annotations: those an Equiv line ties together and whose
/// spans are the same form one; every other stands alone. In file order.
fn group(textbounds: Vec<Textbound>, groups: &[Vec<String>]) -> Vec<Vec<Textbound>> {
    // Union-find over T ids.
    let index: HashMap<String, usize> = textbounds
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    let mut parent: Vec<usize> = (0..textbounds.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    for members in groups {
        let ids: Vec<usize> = members
            .iter()
            .filter_map(|m| index.get(m).copied())
            .collect();
        for pair in ids.windows(2) {
            if let [a, b] = *pair {
                let same_spans =
                    textbounds.get(a).map(|t| &t.spans) == textbounds.get(b).map(|t| &t.spans);
                if same_spans {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    if let Some(slot) = parent.get_mut(rb.max(ra)) {
                        *slot = ra.min(rb);
                    }
                }
            }
        }
    }
    let roots: Vec<usize> = (0..textbounds.len())
        .map(|i| root(&mut parent, i))
        .collect();
    let mut out: Vec<Vec<Textbound>> = Vec::new();
    let mut slot_of: HashMap<usize, usize> = HashMap::new();
    for (t, r) in textbounds.into_iter().zip(roots) {
        match slot_of.get(&r) {
            Some(&slot) => {
                if let Some(group) = out.get_mut(slot) {
                    group.push(t);
                }
            }
            None => {
                slot_of.insert(r, out.len());
                out.push(vec![t]);
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn t_lines_are_checked_and_fragments_across_breaks_joined() {
        let text = "\u{feff}任\r\n\n何武力😀";
        let raw = RawText::new(text, true);
        let chars: Vec<char> = text.chars().collect();
        // brat counts the BOM and the CR: 任 is 1..2, 何武力 5..8.
        let t = textbound("T1\tForce 1 2;5 8\t任 何武力", &raw, &chars).unwrap();
        assert_eq!(t.spans, [(0, 6)]);
        assert_eq!(raw.slice(0, 6), Some("任\n\n何武力"));
        let t = textbound("T2\tX 5 6;7 9\t何 力😀", &raw, &chars).unwrap();
        assert_eq!(
            t.spans,
            [(3, 4), (5, 7)],
            "a gap of text keeps the spans apart"
        );
        for bad in [
            "T3\tX 1 2\t何",
            "T3\tX 1 99\t任",
            "T3\tX 1 2",
            "T3\tX a b\t任",
            "T3\tX 2 1\t",
        ] {
            assert!(textbound(bad, &raw, &chars).is_err(), "{bad}");
        }
    }

    #[test]
    fn conf_files_give_names_colours_and_nesting() {
        let mut types = Types::default();
        types.entities("# c\n[entities]\nPlace\n\tCity\n\t\t!District\nPerson\n[relations]\nEquiv\tArg1:<ENTITY>\n");
        types.visual("[labels]\nCity | 城市 | C\n[drawing]\nCity\tfgColor:black, bgColor:#abc\nSPAN_DEFAULT\tfgColor:black\n");
        let codes = types.into_codes(false);
        let summary: Vec<(&str, &str, Option<&str>)> = codes
            .iter()
            .map(|c| (c.key.as_str(), c.name.as_str(), c.parent.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Place", "Place", None),
                ("City", "城市", Some("Place")),
                ("District", "District", Some("City")),
                ("Person", "Person", None)
            ]
        );
        assert_eq!(codes[1].color, Color::parse("#abc"));
    }
}
