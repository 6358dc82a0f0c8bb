//! W3C Web Annotation import (JSON-LD): an `AnnotationCollection` (its
//! embedded pages), an `AnnotationPage`, one `Annotation`, or an array.
//!
//! * A W3C file does not hold texts: a target's document is known by its
//!   source's `label` (ours write the document's name there), else by the
//!   last segment of the source IRI. It is matched by name to a project
//!   document, or read from a file of that name beside the JSON.
//! * `TextPositionSelector` gives the position (chars, end exclusive);
//!   a `TextQuoteSelector` beside it checks it, and finds the passage by its
//!   quote and context when the position is missing or wrong. One target per
//!   span, all in one document.
//! * Bodies: a `TextualBody` whose `purpose` (or else the annotation's
//!   `motivation`) is `tagging` names a code; other textual bodies and
//!   `bodyValue` make the note. `creator` gives the author, `created` and
//!   `modified` the times, a `urn:uuid:` id the annotation's id.
//!
//! What W3C cannot carry: document texts, code colours, hierarchy and
//! descriptions (codes are known by name only; new ones get a colour of
//! the palette), keywords, shortcuts. Bodies that are not text, targets that
//! are whole resources and selectors other than the two above are reported
//! and skipped.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use super::merge::{
    Foreign, ForeignAnnotation, ForeignCode, ForeignDoc, ForeignSpan, Quote, Skipped,
};
use crate::io::IoError;
use crate::model::{DocId, Project, Timestamp};

/// Read the W3C JSON file at `path`; `project` tells which documents need
/// their text from beside the file.
pub(crate) fn read(path: &Path, project: &Project) -> Result<Foreign, IoError> {
    let bytes = crate::io::read_capped(path)?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(&bytes);
    let json: Value = serde_json::from_slice(bytes).map_err(|e| IoError::Parse {
        path: path.to_owned(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    let mut reader = Reader {
        foreign: Foreign::default(),
        tags: HashSet::new(),
        docs: HashSet::new(),
    };
    let annotations = reader
        .annotations(&json)
        .map_err(|message| IoError::Unsupported {
            path: path.to_owned(),
            message,
        })?;
    for (n, annotation) in annotations.iter().enumerate() {
        reader.annotation(annotation, n);
    }
    let mut foreign = reader.foreign;
    // Documents the project lacks may sit beside the file.
    let dir = path.parent().unwrap_or(Path::new("."));
    for doc in &mut foreign.documents {
        if project.documents().iter().any(|d| d.name == doc.name) || !is_plain_file_name(&doc.name)
        {
            continue;
        }
        let beside = dir.join(&doc.name);
        if beside.is_file() {
            match super::read_document(&beside, DocId(doc.key.clone())) {
                Ok(read) => {
                    doc.text = Some(read.text().to_owned());
                    doc.source = read.source;
                }
                Err(err) => foreign.notes.push(format!("{err}")),
            }
        }
    }
    Ok(foreign)
}

/// A name that is one file in one folder: no separators, not `.` or `..`.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0', ':'])
}

/// `value` as a list: an array's items, or the value itself.
fn many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

/// True when `value`'s `type` is or includes `kind`.
fn has_type(value: &Value, kind: &str) -> bool {
    many(value.get("type"))
        .iter()
        .any(|t| t.as_str() == Some(kind))
}

fn string(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

struct Reader {
    foreign: Foreign,
    tags: HashSet<String>,
    docs: HashSet<String>,
}

impl Reader {
    fn skip(&mut self, id: &str, reason: impl Into<String>) {
        self.foreign.skipped.push(Skipped {
            id: id.to_owned(),
            reason: reason.into(),
        });
    }

    /// Every annotation in the file.
    fn annotations<'v>(&mut self, json: &'v Value) -> Result<Vec<&'v Value>, String> {
        if let Value::Array(items) = json {
            return Ok(items.iter().collect());
        }
        if has_type(json, "AnnotationCollection") {
            self.foreign.project_name = string(json, "label").filter(|l| !l.trim().is_empty());
            let mut out = Vec::new();
            let mut page = json.get("first");
            let mut pages = 0;
            while let Some(current) = page {
                if !current.is_object() {
                    if json.get("total").and_then(Value::as_u64).unwrap_or(0) > out.len() as u64 {
                        self.foreign.notes.push(format!(
                            "the collection's page {current} is not in the file; only embedded pages are read"
                        ));
                    }
                    break;
                }
                out.extend(many(current.get("items")));
                pages += 1;
                // Pages chain by `next`; a page that points back would loop.
                page = current.get("next").filter(|_| pages < 10_000);
            }
            return Ok(out);
        }
        if has_type(json, "AnnotationPage") {
            return Ok(many(json.get("items")));
        }
        if has_type(json, "Annotation") {
            return Ok(vec![json]);
        }
        Err(
            "not a W3C Web Annotation, AnnotationPage or AnnotationCollection (no such \"type\")"
                .into(),
        )
    }

    fn annotation(&mut self, json: &Value, n: usize) {
        let id = string(json, "id");
        let label = id
            .clone()
            .unwrap_or_else(|| format!("annotation #{}", n + 1));
        if !json.is_object() {
            return self.skip(&label, "not a JSON object");
        }
        let uuid = id.as_deref().and_then(|id| {
            let lower = id.to_ascii_lowercase();
            lower
                .strip_prefix("urn:uuid:")
                .and_then(|u| uuid::Uuid::parse_str(u).ok())
        });
        let motivations: Vec<&str> = many(json.get("motivation"))
            .iter()
            .filter_map(|m| m.as_str())
            .collect();
        let mut codes = Vec::new();
        let mut notes = Vec::new();
        if let Some(value) = json.get("bodyValue").and_then(Value::as_str) {
            notes.push(value.to_owned());
        }
        for body in many(json.get("body")) {
            let Some(value) = body.get("value").and_then(Value::as_str) else {
                let kind = body
                    .get("type")
                    .map_or_else(|| body.to_string(), Value::to_string);
                self.foreign.notes.push(format!(
                    "annotation {label}: a body of type {kind} is not text; left out"
                ));
                continue;
            };
            let purposes: Vec<&str> = many(body.get("purpose"))
                .iter()
                .filter_map(|p| p.as_str())
                .collect();
            let purposes = if purposes.is_empty() {
                motivations.clone()
            } else {
                purposes
            };
            if purposes.contains(&"tagging") {
                let name = value.trim().to_owned();
                if self.tags.insert(name.clone()) {
                    self.foreign.codes.push(ForeignCode {
                        key: name.clone(),
                        name: name.clone(),
                        color: None,
                        parent: None,
                        description: String::new(),
                    });
                }
                if !codes.contains(&name) {
                    codes.push(name);
                }
            } else {
                notes.push(value.to_owned());
            }
        }
        let mut doc: Option<String> = None;
        let mut spans = Vec::new();
        for target in many(json.get("target")) {
            let Some(source) = target.get("source") else {
                return self.skip(
                    &label,
                    "a target is a whole resource, not a passage of a text",
                );
            };
            let name = source_name(source);
            if doc.as_ref().is_some_and(|d| d != &name) {
                return self.skip(
                    &label,
                    "its targets are in several documents; a Pizhu annotation is in one",
                );
            }
            let mut range = None;
            let mut quote = None;
            for selector in many(target.get("selector")) {
                if has_type(selector, "TextPositionSelector") {
                    let start = selector.get("start").and_then(Value::as_u64);
                    let end = selector.get("end").and_then(Value::as_u64);
                    match (
                        start.and_then(|s| usize::try_from(s).ok()),
                        end.and_then(|e| usize::try_from(e).ok()),
                    ) {
                        (Some(s), Some(e)) => range = Some((s, e)),
                        _ => {
                            return self
                                .skip(&label, "its TextPositionSelector has no start and end ≥ 0");
                        }
                    }
                } else if has_type(selector, "TextQuoteSelector") {
                    quote = string(selector, "exact").map(|exact| Quote {
                        exact,
                        prefix: string(selector, "prefix").unwrap_or_default(),
                        suffix: string(selector, "suffix").unwrap_or_default(),
                    });
                }
            }
            if range.is_none() && quote.is_none() {
                return self.skip(
                    &label,
                    "a target has neither a TextPositionSelector nor a TextQuoteSelector",
                );
            }
            spans.push(ForeignSpan { range, quote });
            doc = Some(name);
        }
        let Some(doc) = doc else {
            return self.skip(&label, "it has no target");
        };
        if self.docs.insert(doc.clone()) {
            self.foreign.documents.push(ForeignDoc {
                key: doc.clone(),
                name: doc.clone(),
                text: None,
                source: None,
            });
        }
        let creator = many(json.get("creator")).into_iter().next().and_then(|c| {
            c.as_str()
                .map(str::to_owned)
                .or_else(|| string(c, "name"))
                .or_else(|| string(c, "nickname"))
        });
        let time = |key: &str| string(json, key).map(Timestamp);
        self.foreign.annotations.push(ForeignAnnotation {
            label,
            uuid,
            doc,
            spans,
            codes,
            note: notes.join("\n\n"),
            author: creator.unwrap_or_default(),
            created: time("created"),
            modified: time("modified"),
        });
    }
}

/// A target source's document name: its `label`, else the last segment of
/// its IRI, percent-decoded.
fn source_name(source: &Value) -> String {
    if let Some(label) = string(source, "label").filter(|l| !l.is_empty()) {
        return label;
    }
    let iri = source
        .as_str()
        .map(str::to_owned)
        .or_else(|| string(source, "id"))
        .unwrap_or_default();
    let last = iri.rsplit(['/', ':', '#']).next().unwrap_or(&iri);
    percent_decode(last)
}

pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn document_names_come_from_labels_or_iris() {
        assert_eq!(
            source_name(&serde_json::json!({"id": "urn:pizhu:doc:d-1", "label": "中俄.txt"})),
            "中俄.txt"
        );
        assert_eq!(
            source_name(&serde_json::json!("http://x.org/texts/%E4%B8%AD.txt")),
            "中.txt"
        );
        assert_eq!(
            source_name(&serde_json::json!({"id": "urn:pizhu:doc:d%201"})),
            "d 1"
        );
        assert!(!is_plain_file_name("../x.txt"));
        assert!(is_plain_file_name("中俄 😀.txt"));
    }

    #[test]
    fn bodies_targets_and_selectors() {
        let json = serde_json::json!({
            "type": "AnnotationPage",
            "items": [
                {"id": "urn:uuid:2c0e1b5e-0000-4000-8000-000000000001", "type": "Annotation", "motivation": "tagging",
                 "body": [{"type": "TextualBody", "value": "Kosovo"}, {"type": "TextualBody", "purpose": "commenting", "value": "注"}],
                 "creator": {"type": "Person", "name": "Ann"}, "created": "2026-11-25T10:00:00Z",
                 "target": [
                    {"source": {"id": "urn:x", "label": "a.txt"}, "selector": {"type": "TextPositionSelector", "start": 1, "end": 3}},
                    {"source": {"id": "urn:x", "label": "a.txt"}, "selector": [{"type": "TextQuoteSelector", "exact": "北约"}]}
                 ]},
                {"type": "Annotation", "body": "http://example.org/tag", "target": "http://example.org/whole.txt"},
                {"type": "Annotation", "bodyValue": "x", "target": [
                    {"source": "a.txt", "selector": {"type": "TextPositionSelector", "start": 0, "end": 1}},
                    {"source": "b.txt", "selector": {"type": "TextPositionSelector", "start": 0, "end": 1}}]}
            ]
        });
        let mut reader = Reader {
            foreign: Foreign::default(),
            tags: HashSet::new(),
            docs: HashSet::new(),
        };
        let items = reader.annotations(&json).unwrap();
        for (n, item) in items.iter().enumerate() {
            reader.annotation(item, n);
        }
        let foreign = reader.foreign;
        assert_eq!(foreign.annotations.len(), 1);
        let ann = &foreign.annotations[0];
        assert_eq!(ann.codes, ["Kosovo"]);
        assert_eq!((ann.note.as_str(), ann.author.as_str()), ("注", "Ann"));
        assert_eq!(ann.spans.len(), 2);
        assert_eq!(ann.spans[0].range, Some((1, 3)));
        assert_eq!(
            ann.uuid.unwrap().to_string(),
            "2c0e1b5e-0000-4000-8000-000000000001"
        );
        let skipped: Vec<&str> = foreign.skipped.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(skipped, ["annotation #2", "annotation #3"]);
        assert!(
            foreign.notes.iter().any(|n| n.contains("not text")),
            "{:?}",
            foreign.notes
        );
    }
}
