//! The `.pizhu.ron` project file: versioned, self-contained, diff-friendly.
//!
//! Texts are embedded with their real line breaks and each code and
//! annotation sits on one line, so a project kept in git diffs line by line.
//! Loading checks the format and version, then every invariant; an annotation
//! whose quote no longer matches its offsets is re-anchored when the quote
//! can be found, and reported otherwise.

use std::path::Path;

use serde::Deserialize;

use super::{IoError, read_capped, write_atomic};
use crate::model::{Annotation, CharPos, CharSpan, Code, Document, Memo, Problem, Project};
use crate::text::anchor::{common_prefix, common_suffix, overlapping_matches, reanchor};

/// The value of the `format` field.
pub const FORMAT: &str = "pizhu";
/// The newest file version this build reads and the one it writes.
pub const VERSION: u32 = 1;
/// The extension of project files.
pub const EXTENSION: &str = "pizhu.ron";

#[derive(Deserialize)]
#[serde(rename = "Project")]
struct FileOwned {
    format: String,
    version: u32,
    name: String,
    codes: Vec<Code>,
    documents: Vec<Document>,
    annotations: Vec<Annotation>,
    /// Added after version 1 was first written: older files have none.
    #[serde(default)]
    memos: Vec<Memo>,
}

/// Just enough to decide whether the rest can be read.
#[derive(Deserialize)]
#[serde(rename = "Project")]
struct Header {
    format: String,
    version: u32,
}

/// A loaded project and what was repaired on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The project, sound.
    pub project: Project,
    /// Annotations re-anchored because their quote had moved; the user
    /// should hear about these, and saving makes them permanent.
    pub repaired: Vec<Problem>,
}

/// Load and check the project at `path`.
pub fn load(path: &Path) -> Result<Loaded, IoError> {
    let bytes = read_capped(path)?;
    from_bytes(path, &bytes)
}

/// Parse and check a project from bytes; `path` is for messages.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, IoError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IoError::Parse {
        path: path.to_owned(),
        line: 1 + bytes
            .get(..e.valid_up_to())
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()),
        col: 1,
        message: "the file is not UTF-8 text".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(IoError::Parse {
            path: path.to_owned(),
            line: 1,
            col: 1,
            message: "the file is empty".into(),
        });
    }
    let parse_err = |e: ron::error::SpannedError| IoError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    };
    // One parse in the common case; the header alone is read only to explain
    // a failure (a newer or foreign file fails for its format, not its shape).
    let file: FileOwned = match ron::from_str(text) {
        Ok(file) => file,
        Err(err) => {
            if let Ok(header) = ron::from_str::<Header>(text) {
                check_header(path, &header.format, header.version)?;
            }
            return Err(parse_err(err));
        }
    };
    check_header(path, &file.format, file.version)?;
    // Version 1 is the first; older versions would be migrated here.
    let mut project = Project::from_parts(file.name, file.codes, file.documents, file.annotations)
        .with_memos(file.memos);
    let repaired = repair_quotes(&mut project);
    let problems = project.problems();
    if !problems.is_empty() {
        return Err(IoError::Invalid {
            path: path.to_owned(),
            problems,
        });
    }
    Ok(Loaded { project, repaired })
}

/// Refuse a file of another format or of a newer version.
fn check_header(path: &Path, format: &str, version: u32) -> Result<(), IoError> {
    if format != FORMAT {
        return Err(IoError::Format {
            path: path.to_owned(),
            found: format.to_owned(),
        });
    }
    if version > VERSION {
        return Err(IoError::Version {
            path: path.to_owned(),
            found: version,
            supported: VERSION,
        });
    }
    Ok(())
}

/// Re-anchor annotations whose text moved; leave the others for `problems`.
fn repair_quotes(project: &mut Project) -> Vec<Problem> {
    let mut repaired = Vec::new();
    let mut fixed = Vec::new();
    for ann in project.annotations() {
        let mismatch = project
            .annotation_problems(ann, true)
            .into_iter()
            .find(|p| {
                matches!(
                    p,
                    Problem::QuoteMismatch { .. } | Problem::SpanOutOfRange { .. }
                )
            });
        let Some(problem) = mismatch else { continue };
        let Some(doc) = project.document(&ann.document) else {
            continue;
        };
        if let Some(spans) = relocate(doc, ann) {
            let mut ann = ann.clone();
            ann.spans = spans;
            ann.refresh_quote(doc);
            fixed.push(ann);
            repaired.push(problem);
        }
    }
    if !fixed.is_empty() {
        let memos = project.memos().to_vec();
        let (name, codes, documents, mut annotations) = project.clone().into_parts();
        for ann in fixed {
            if let Some(slot) = annotations.iter_mut().find(|a| a.id == ann.id) {
                *slot = ann;
            }
        }
        *project = Project::from_parts(name, codes, documents, annotations).with_memos(memos);
    }
    repaired
}

/// Where `ann`'s quote now is in `doc`, keeping its spans' shape: every
/// span moved by one distance, chosen among all places (overlapping ones too)
/// where that gives the quote, by the longest matching prefix + suffix, then
/// nearest the old place. An annotation of several spans whose gaps changed
/// falls back to its quote as one span.
fn relocate(doc: &Document, ann: &Annotation) -> Option<Vec<CharSpan>> {
    if let Some(spans) = shift_spans(doc, ann) {
        return Some(spans);
    }
    // The spans no longer fit the quote (their gaps or lengths changed):
    // find the quote itself.
    reanchor(doc, &ann.quote, &ann.prefix, &ann.suffix, ann.start()).map(|span| vec![span])
}

/// `ann`'s spans all moved alike to where their text is the quote. O(text +
/// occurrences of the first span's text × (spans + context)).
fn shift_spans(doc: &Document, ann: &Annotation) -> Option<Vec<CharSpan>> {
    let first = *ann.spans.first()?;
    // Only when the spans account for the quote char for char.
    if first.is_empty()
        || ann.spans.iter().map(|s| s.len()).sum::<usize>() != ann.quote.chars().count()
    {
        return None;
    }
    let first_quote: String = ann.quote.chars().take(first.len()).collect();
    let text = doc.text();
    let old = first.start().0;
    let mut best: Option<(usize, usize, Vec<CharSpan>)> = None;
    for byte in overlapping_matches(text, &first_quote) {
        let Some(start) = doc.char_of_byte(byte) else {
            continue;
        };
        let moved = |p: CharPos| {
            if start.0 >= old {
                p.0.checked_add(start.0 - old)
            } else {
                p.0.checked_sub(old - start.0)
            }
        };
        let Some(spans) = ann
            .spans
            .iter()
            .map(|s| Some(CharSpan::from_range(moved(s.start())?, moved(s.end())?)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        if spans
            .iter()
            .map(|s| doc.slice(*s))
            .collect::<Option<String>>()
            .as_deref()
            != Some(ann.quote.as_str())
        {
            continue;
        }
        let end = spans
            .last()
            .and_then(|s| doc.byte_of(s.end()))
            .unwrap_or(text.len());
        let context = common_suffix(text.get(..byte).unwrap_or_default(), &ann.prefix)
            + common_prefix(text.get(end..).unwrap_or_default(), &ann.suffix);
        let distance = start.0.abs_diff(old);
        if best
            .as_ref()
            .is_none_or(|(c, d, _)| context > *c || (context == *c && distance < *d))
        {
            best = Some((context, distance, spans));
        }
    }
    best.map(|(_, _, spans)| spans)
}

/// The project as RON text.
///
/// Written item by item so that each code and annotation takes exactly one
/// line (newlines in notes and quotes escaped) while document texts keep
/// their real line breaks (RON raw strings): both diff well in git.
pub fn to_string(project: &Project) -> Result<String, ron::Error> {
    use std::fmt::Write as _;
    let one_line = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(0);
    let mut out = String::with_capacity(
        project
            .documents()
            .iter()
            .map(|d| d.text().len())
            .sum::<usize>()
            * 2
            + 4096,
    );
    // Writing to a String cannot fail.
    let _ = writeln!(out, "Project(");
    let _ = writeln!(out, "    format: {},", ron::to_string(FORMAT)?);
    let _ = writeln!(out, "    version: {VERSION},");
    let _ = writeln!(out, "    name: {},", ron::to_string(project.name())?);
    let _ = writeln!(out, "    codes: [");
    for code in project.codes() {
        let _ = writeln!(out, "        {},", item(code, &one_line)?);
    }
    let _ = writeln!(out, "    ],\n    documents: [");
    for doc in project.documents() {
        let _ = writeln!(out, "        {},", document_ron(doc, &one_line)?);
    }
    let _ = writeln!(out, "    ],\n    annotations: [");
    for ann in project.annotations() {
        out.push_str("        ");
        annotation_ron(ann, &mut out);
        out.push_str(",\n");
    }
    let _ = writeln!(out, "    ],\n    memos: [");
    for memo in project.memos() {
        let _ = writeln!(out, "        {},", item(memo, &one_line)?);
    }
    let _ = writeln!(out, "    ],\n)");
    Ok(out)
}

/// A document as RON with its text as a raw string, written directly: a
/// serializer goes char by char, which costs most of a 6 MB save.
fn document_ron(doc: &Document, config: &ron::ser::PrettyConfig) -> Result<String, ron::Error> {
    use std::fmt::Write as _;
    let text = doc.text();
    // Enough hashes that no `"###…` inside the text ends the raw string.
    let mut longest = 0;
    for (i, _) in text.match_indices('"') {
        let run = text
            .get(i + 1..)
            .map_or(0, |rest| rest.bytes().take_while(|&b| b == b'#').count());
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    let mut out = String::with_capacity(text.len() + 512);
    let _ = write!(
        out,
        "Document(id: {}, name: {}, source: {}, text: r{hashes}\"",
        ron::to_string(&doc.id)?,
        ron::to_string(&doc.name)?,
        item(&doc.source, config)?
    );
    out.push_str(text);
    let _ = write!(out, "\"{hashes})");
    Ok(out)
}

/// An annotation as one line of RON, written directly: ron's serializer
/// costs ~22 µs an annotation, most of a 10,000-annotation save. The field
/// order and names are those of the `Serialize` derive; the round-trip tests
/// (tests/project_file.rs) hold the two together.
fn annotation_ron(a: &Annotation, out: &mut String) {
    use std::fmt::Write as _;
    let _ = write!(out, "Annotation(id: \"{}\", document: ", a.id);
    ron_str(&a.document.0, out);
    out.push_str(", spans: [");
    for (i, span) in a.spans.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let _ = write!(out, "{sep}({}, {})", span.start().0, span.end().0);
    }
    out.push_str("], codes: [");
    for (i, code) in a.codes.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        ron_str(&code.0, out);
    }
    out.push(']');
    for (name, value) in [
        ("note", &a.note),
        ("quote", &a.quote),
        ("prefix", &a.prefix),
        ("suffix", &a.suffix),
        ("author", &a.author),
        ("created", &a.created.0),
        ("modified", &a.modified.0),
    ] {
        let _ = write!(out, ", {name}: ");
        ron_str(value, out);
    }
    out.push(')');
}

/// `s` as a RON string literal on one line.
fn ron_str(s: &str, out: &mut String) {
    use std::fmt::Write as _;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One item as RON text with `config`.
fn item<T: serde::Serialize>(
    value: &T,
    config: &ron::ser::PrettyConfig,
) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(value, config.clone())
}

/// Save atomically, keeping the previous file as `PATH.bak`.
pub fn save(project: &Project, path: &Path) -> Result<(), IoError> {
    let text = to_string(project).map_err(|e| IoError::Unsupported {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes(), true)
}

/// True when `path` names a project file rather than a document.
pub fn is_project_path(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.to_lowercase().ends_with(".pizhu.ron") || n.to_lowercase().ends_with(".ron")
    })
}

#[cfg(test)]
mod writer_tests {
    use super::ron_str;

    #[test]
    fn hand_written_strings_parse_back_exactly() {
        for s in [
            "",
            "科索沃 \"问题\"\\ 😀𠀀",
            "line\nbreak\r\ttab",
            "\u{0}\u{1b}\u{7f}\u{85}end",
            "r#\"raw\"#",
        ] {
            let mut out = String::new();
            ron_str(s, &mut out);
            assert!(!out.contains('\n'), "one line: {out}");
            assert_eq!(ron::from_str::<String>(&out).as_deref(), Ok(s), "{out}");
        }
    }
}
