//! REFI-QDA project import (`.qdpx`): text sources, their selections with
//! codes and notes, the codebook, users.
//!
//! Read: `project.qde` at the archive's root (any case), every
//! `TextSource` whose text is inline (`PlainTextContent`) or an internal
//! file (`plainTextPath="internal://NAME"` → `sources/NAME`), its
//! `PlainTextSelection`s (positions in code points of that text, a leading
//! BOM not counted, as QualCoder writes one and does not count it; a CR LF
//! counted as two, as the file has it), their `Coding`s, `NoteRef`s and
//! `Description` (both become the note), the author (`creatingUser`) and
//! times; the codebook with colours, descriptions and nesting; memos (the
//! `Note`s that the `Project`, a `TextSource` or a `Code` refers to); and the
//! `Link`s named [`CONTINUES`] by which our export ties the spans of one
//! annotation, so such selections become one annotation again.
//!
//! Reported and skipped: selections out of range or with unreadable
//! positions, sources of other kinds (PDF, pictures, audio, video), text
//! kept outside the archive, codings of whole sources. A selection whose
//! `name` is not its text is kept (other tools use names as labels) and
//! noted. Archives are read with `SafeZip`: an unsafe entry
//! name, a zip bomb or a corrupt archive fails the whole import.

use std::collections::HashMap;
use std::path::Path;

use super::archive::SafeZip;
use super::merge::{
    Foreign, ForeignAnnotation, ForeignCode, ForeignDoc, ForeignMemo, ForeignSpan, ForeignTarget,
    RawText, Skipped, name_matches,
};
use super::sha256_hex;
use super::xml::{self, Element};
use crate::io::IoError;
use crate::io::export::qdpx::{CONTINUES, PROJECT_ENTRY, SOURCES_DIR};
use crate::model::{Color, Source, Timestamp};
use crate::text::decode::normalize_newlines;

/// Read the `.qdpx` file at `path`.
pub(crate) fn read(path: &Path) -> Result<Foreign, IoError> {
    let bytes = crate::io::read_capped(path)?;
    from_bytes(path, bytes)
}

/// Read a `.qdpx` archive from its bytes; `path` names it in messages.
pub(crate) fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Foreign, IoError> {
    let mut zip = SafeZip::open(path, bytes)?;
    let index = zip
        .find(PROJECT_ENTRY)
        .ok_or_else(|| IoError::Unsupported {
            path: path.to_owned(),
            message: format!("no {PROJECT_ENTRY} in the archive; is this a REFI-QDA project?"),
        })?;
    let qde = zip.read(index)?;
    let qde = String::from_utf8(qde).map_err(|e| IoError::Parse {
        path: path.to_owned(),
        line: 1,
        col: 1,
        message: format!("{PROJECT_ENTRY} is not UTF-8 ({e})"),
    })?;
    let root = xml::parse(&qde).map_err(|e| IoError::Parse {
        path: path.to_owned(),
        line: e.line,
        col: e.col,
        message: format!("{PROJECT_ENTRY}: {}", e.message),
    })?;
    if root.name != "Project" {
        return Err(IoError::Unsupported {
            path: path.to_owned(),
            message: format!(
                "{PROJECT_ENTRY} holds a <{}>, not a REFI-QDA <Project>",
                root.name
            ),
        });
    }
    Reader {
        path,
        zip: &mut zip,
        foreign: Foreign::default(),
        users: HashMap::new(),
        notes: HashMap::new(),
    }
    .project(&root)
}

/// GUIDs compare without braces and case.
fn guid(text: &str) -> String {
    text.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

struct Reader<'a> {
    path: &'a Path,
    zip: &'a mut SafeZip,
    foreign: Foreign,
    /// User GUID → name.
    users: HashMap<String, String>,
    /// Note GUID → text.
    notes: HashMap<String, String>,
}

impl Reader<'_> {
    fn skip(&mut self, id: &str, reason: impl Into<String>) {
        self.foreign.skipped.push(Skipped {
            id: id.to_owned(),
            reason: reason.into(),
        });
    }

    fn project(mut self, root: &Element) -> Result<Foreign, IoError> {
        self.foreign.project_name = root
            .attr("name")
            .map(str::to_owned)
            .filter(|n| !n.trim().is_empty());
        for user in root
            .children_named("Users")
            .flat_map(|u| u.children_named("User"))
        {
            if let (Some(id), Some(name)) = (user.attr("guid"), user.attr("name")) {
                self.users.insert(guid(id), name.to_owned());
            }
        }
        // Notes first: codes, sources and the project point at them.
        for note in root
            .children_named("Notes")
            .flat_map(|n| n.children_named("Note"))
        {
            let Some(id) = note.attr("guid") else {
                continue;
            };
            if let Some((text, _, _)) = self.text_of(note, id)? {
                self.notes.insert(guid(id), text.text);
            }
        }
        for codes in root
            .children_named("CodeBook")
            .flat_map(|b| b.children_named("Codes"))
        {
            self.codes(codes);
        }
        let links: HashMap<String, String> = root
            .children_named("Links")
            .flat_map(|l| l.children_named("Link"))
            .filter(|l| l.attr("name") == Some(CONTINUES))
            .filter_map(|l| Some((guid(l.attr("targetGUID")?), guid(l.attr("originGUID")?))))
            .collect();
        for sources in root.children_named("Sources") {
            for source in &sources.children {
                let id = source.attr("guid").unwrap_or("(no guid)").to_owned();
                if source.name == "TextSource" {
                    self.text_source(source, &id)?;
                } else {
                    let count = source
                        .children
                        .iter()
                        .filter(|c| c.name.ends_with("Selection"))
                        .count();
                    self.skip(
                        &id,
                        format!(
                            "{} {:?} with {count} selections: only text sources are imported",
                            source.name,
                            source.attr("name").unwrap_or_default()
                        ),
                    );
                }
            }
        }
        self.join_linked(&links);
        self.memo(ForeignTarget::Project, root);
        Ok(self.foreign)
    }

    /// The codes in `codes`, depth first, with an explicit stack.
    fn codes(&mut self, codes: &Element) {
        let mut stack: Vec<(&Element, Option<String>)> = codes
            .children_named("Code")
            .rev()
            .map(|c| (c, None))
            .collect();
        while let Some((code, parent)) = stack.pop() {
            let key = code
                .attr("guid")
                .map_or_else(|| format!("code-{}", self.foreign.codes.len()), guid);
            self.foreign.codes.push(ForeignCode {
                key: key.clone(),
                name: code.attr("name").unwrap_or_default().to_owned(),
                color: code.attr("color").and_then(Color::parse),
                parent,
                description: code
                    .child("Description")
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
            });
            self.memo(ForeignTarget::Code(key.clone()), code);
            stack.extend(
                code.children_named("Code")
                    .rev()
                    .map(|c| (c, Some(key.clone()))),
            );
        }
    }

    /// The text of a `TextSource` or `Note`, inline or from `sources/`, with
    /// where it came from and the SHA-256 of its bytes; `None` (reported)
    /// when it has none we can read.
    fn text_of(
        &mut self,
        el: &Element,
        id: &str,
    ) -> Result<Option<(RawText, String, String)>, IoError> {
        if let Some(content) = el.child("PlainTextContent") {
            let sha = sha256_hex(content.text.as_bytes());
            return Ok(Some((
                RawText::new(&content.text, false),
                PROJECT_ENTRY.to_owned(),
                sha,
            )));
        }
        let Some(path) = el.attr("plainTextPath") else {
            self.skip(
                id,
                format!(
                    "{} {:?} has no plain text",
                    el.name,
                    el.attr("name").unwrap_or_default()
                ),
            );
            return Ok(None);
        };
        let Some(file) = path.strip_prefix("internal://") else {
            self.skip(
                id,
                format!("its text {path:?} is outside the archive, which is not read"),
            );
            return Ok(None);
        };
        let entry = format!("{SOURCES_DIR}/{file}");
        let index = match self.zip.find(&entry) {
            Some(index) if !file.contains('/') => index,
            _ => {
                self.skip(id, format!("its text {path:?} is not in the archive"));
                return Ok(None);
            }
        };
        let bytes = self.zip.read(index)?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            self.skip(id, format!("its text {entry} is not UTF-8"));
            return Ok(None);
        };
        // A BOM is not document text, and QualCoder does not count it.
        Ok(Some((RawText::new(text, false), entry, sha256_hex(&bytes))))
    }

    fn text_source(&mut self, source: &Element, id: &str) -> Result<(), IoError> {
        let Some((raw, entry, sha)) = self.text_of(source, id)? else {
            return Ok(());
        };
        let key = guid(id);
        let name = source
            .attr("name")
            .filter(|n| !n.trim().is_empty())
            .map_or_else(|| format!("{key}.txt"), str::to_owned);
        if source.children_named("Coding").next().is_some() {
            self.skip(
                id,
                "codings of a whole source are not imported; code a selection instead",
            );
        }
        let mut selections = Vec::new();
        for (n, selection) in source.children_named("PlainTextSelection").enumerate() {
            let label = selection
                .attr("guid")
                .map_or_else(|| format!("{name}: selection #{}", n + 1), str::to_owned);
            let (Some(start), Some(end)) = (
                position(selection, "startPosition"),
                position(selection, "endPosition"),
            ) else {
                self.skip(
                    &label,
                    "its startPosition or endPosition is not a number ≥ 0",
                );
                continue;
            };
            if start > end || end > raw.raw_len {
                self.skip(
                    &label,
                    format!(
                        "selection {start}..{end} is outside the text of {name:?} ({} code points)",
                        raw.raw_len
                    ),
                );
                continue;
            }
            if let Some(given) = selection.attr("name") {
                let selected: String = raw_slice(&raw, start, end);
                if !name_matches(&normalize_newlines(given), &selected) {
                    self.foreign.notes.push(format!(
                        "selection {label}: its name {given:?} is not the text at {start}..{end} ({selected:?}); imported by position"
                    ));
                }
            }
            let mut codes = Vec::new();
            let mut notes: Vec<String> = selection
                .child("Description")
                .map(|d| d.text.clone())
                .filter(|d| !d.trim().is_empty())
                .into_iter()
                .collect();
            for coding in selection.children_named("Coding") {
                for code_ref in coding.children_named("CodeRef") {
                    if let Some(target) = code_ref.attr("targetGUID") {
                        codes.push(guid(target));
                    }
                }
            }
            let note_refs = selection.children_named("NoteRef").chain(
                selection
                    .children_named("Coding")
                    .flat_map(|c| c.children_named("NoteRef")),
            );
            for note_ref in note_refs {
                let target = note_ref.attr("targetGUID").map(guid).unwrap_or_default();
                match self.notes.get(&target) {
                    Some(text) if !notes.contains(text) => notes.push(text.clone()),
                    Some(_) => {}
                    None => self.foreign.notes.push(format!(
                        "selection {label}: note {target} is not in the file"
                    )),
                }
            }
            let user = |attr: &str| {
                selection
                    .attr(attr)
                    .and_then(|u| self.users.get(&guid(u)).cloned())
            };
            let time = |attr: &str| selection.attr(attr).map(|t| Timestamp(t.to_owned()));
            selections.push(ForeignAnnotation {
                label: label.clone(),
                uuid: selection
                    .attr("guid")
                    .and_then(|g| uuid::Uuid::parse_str(&guid(g)).ok()),
                doc: key.clone(),
                spans: vec![ForeignSpan {
                    range: Some((raw.map(start), raw.map(end))),
                    quote: None,
                }],
                codes,
                note: notes.join("\n\n"),
                author: user("creatingUser")
                    .or_else(|| user("modifyingUser"))
                    .unwrap_or_default(),
                created: time("creationDateTime"),
                modified: time("modifiedDateTime"),
            });
        }
        self.memo(ForeignTarget::Document(key.clone()), source);
        self.foreign.documents.push(ForeignDoc {
            key,
            name,
            text: Some(raw.text),
            source: Some(Source {
                path: format!("{}!{entry}", self.path.display()),
                sha256: sha,
                encoding: "UTF-8".into(),
            }),
        });
        self.foreign.annotations.extend(selections);
        Ok(())
    }

    /// The memo that `el`'s own `NoteRef`s point to, if any.
    fn memo(&mut self, about: ForeignTarget, el: &Element) {
        let texts: Vec<String> = el
            .children_named("NoteRef")
            .filter_map(|r| self.notes.get(&guid(r.attr("targetGUID")?)).cloned())
            .collect();
        if !texts.is_empty() {
            self.foreign.memos.push(ForeignMemo {
                about,
                text: texts.join("\n\n"),
            });
        }
    }

    /// Fold each selection linked by [`CONTINUES`] into its origin.
    fn join_linked(&mut self, links: &HashMap<String, String>) {
        if links.is_empty() {
            return;
        }
        let key_of = |a: &ForeignAnnotation| a.uuid.map(|u| u.to_string()).unwrap_or_default();
        let mut parts: HashMap<String, Vec<ForeignAnnotation>> = HashMap::new();
        let mut kept = Vec::with_capacity(self.foreign.annotations.len());
        let positions: HashMap<String, String> = self
            .foreign
            .annotations
            .iter()
            .map(|a| (key_of(a), a.doc.clone()))
            .collect();
        for ann in std::mem::take(&mut self.foreign.annotations) {
            let origin = links.get(&key_of(&ann));
            match origin {
                Some(origin) if positions.get(origin) == Some(&ann.doc) => {
                    parts.entry(origin.clone()).or_default().push(ann);
                }
                _ => kept.push(ann),
            }
        }
        for ann in &mut kept {
            for part in parts.remove(&key_of(ann)).unwrap_or_default() {
                ann.spans.extend(part.spans);
                for code in part.codes {
                    if !ann.codes.contains(&code) {
                        ann.codes.push(code);
                    }
                }
                if !part.note.is_empty() && !ann.note.contains(&part.note) {
                    if !ann.note.is_empty() {
                        ann.note.push_str("\n\n");
                    }
                    ann.note.push_str(&part.note);
                }
            }
        }
        self.foreign.annotations = kept;
    }
}

/// A non-negative integer attribute.
fn position(el: &Element, attr: &str) -> Option<usize> {
    el.attr(attr)?.trim().parse().ok()
}

/// The text between two of the file's positions, line breaks normalised
/// (the name it is compared with is normalised too).
fn raw_slice(raw: &RawText, start: usize, end: usize) -> String {
    raw.slice(raw.map(start), raw.map(end))
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use std::io::{Cursor, Write as _};

    use super::*;

    fn qdpx(qde: &str, sources: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("project.qde", options).unwrap();
        zip.write_all(qde.as_bytes()).unwrap();
        for (name, bytes) in sources {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const G: &str = "00000000-0000-4000-8000-0000000000";

    #[test]
    fn reads_a_qualcoder_style_project_with_bom_and_crlf() {
        let qde = format!(
            r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="外来">
  <Users><User guid="{G}01" name="Ann"/></Users>
  <CodeBook><Codes>
    <Code guid="{{{G}02}}" name="Places" isCodable="false" color="#ABC"><Description>地方</Description>
      <Code guid="{G}03" name="Kosovo" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{G}04" name="a.txt" plainTextPath="internal://{G}04.txt">
      <PlainTextSelection guid="{G}05" name="科索沃" startPosition="4" endPosition="7" creatingUser="{G}01" creationDateTime="2020-01-02T03:04:05Z">
        <Description>描述</Description>
        <Coding guid="{G}06"><CodeRef targetGUID="{G}03"/></Coding>
        <NoteRef targetGUID="{G}07"/>
      </PlainTextSelection>
      <PlainTextSelection guid="{G}08" name="x" startPosition="0" endPosition="99"/>
      <PlainTextSelection guid="{G}09" name="label" startPosition="0" endPosition="2"/>
    </TextSource>
    <PDFSource guid="{G}10" name="scan.pdf" path="internal://{G}10.pdf"/>
  </Sources>
  <Notes><Note guid="{G}07"><PlainTextContent>注释</PlainTextContent></Note></Notes>
</Project>"##
        );
        // BOM, then "ab" CR LF "c" 科索沃: 科索沃 is at 4..7 counting the CR but not the BOM.
        let text = "\u{feff}ab\r\nc科索沃";
        let bytes = qdpx(&qde, &[(&format!("sources/{G}04.txt"), text.as_bytes())]);
        let foreign = from_bytes(Path::new("x.qdpx"), bytes).unwrap();
        assert_eq!(foreign.project_name.as_deref(), Some("外来"));
        assert_eq!(foreign.codes.len(), 2);
        assert_eq!(foreign.codes[0].color, Color::parse("#abc"));
        assert_eq!(foreign.codes[0].description, "地方");
        assert_eq!(
            foreign.codes[1].parent.as_deref(),
            Some(format!("{G}02").as_str())
        );
        assert_eq!(foreign.documents[0].text.as_deref(), Some("ab\nc科索沃"));
        let ann = &foreign.annotations[0];
        assert_eq!(ann.spans[0].range, Some((3, 6)));
        assert_eq!(
            (ann.author.as_str(), ann.note.as_str()),
            ("Ann", "描述\n\n注释")
        );
        assert_eq!(ann.codes, [format!("{G}03")]);
        let skipped: Vec<&str> = foreign.skipped.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(skipped, [format!("{G}08"), format!("{G}10")]);
        assert!(
            foreign.notes.iter().any(|n| n.contains("\"label\"")),
            "{:?}",
            foreign.notes
        );
    }

    #[test]
    fn corrupt_archives_and_projects_are_errors_naming_the_file() {
        let path = Path::new("bad.qdpx");
        for bytes in [
            b"not a zip".to_vec(),
            qdpx("<Project", &[]),
            qdpx("<Other/>", &[]),
        ] {
            let err = from_bytes(path, bytes).unwrap_err().to_string();
            assert!(err.starts_with("bad.qdpx: "), "{err}");
        }
    }
}
