//! REFI-QDA project export (`.qdpx`, REFI-QDA 1.5, QDA-XML 1.0), which
//! ATLAS.ti, MAXQDA, NVivo, QDA Miner and QualCoder import.
//!
//! The file is a ZIP holding `project.qde` (the XML, namespace
//! `urn:QDA-XML:project:1.0`, valid against `Project.xsd`) and one
//! `sources/<GUID>.txt` per document: its text in UTF-8 without a BOM,
//! referenced as `plainTextPath="internal://<GUID>.txt"` (QualCoder cannot
//! read a text given inline as `PlainTextContent`).
//!
//! * `Users`: one `User` per annotation author.
//! * `CodeBook`: every code with its colour and description, children nested
//!   in their parents (see `refi::write_codes`).
//! * `Sources`: one `TextSource` per document; each annotation span is a
//!   `PlainTextSelection` whose `startPosition`/`endPosition` count code
//!   points (chars) from 0, end exclusive (§10.2), whose `name` is the
//!   selected text, with one `Coding` per code, the author as
//!   `creatingUser`/`modifyingUser` and the annotation's times.
//! * `Notes`: an annotation's note is a `Note` (text in `PlainTextContent`),
//!   referenced by a `NoteRef` from each of its selections; a memo about the
//!   project, a document or a code is a `Note` referenced from the
//!   `Project`, its `TextSource` or its `Code`.
//! * `Links`: REFI-QDA selections are contiguous, so an annotation of several
//!   spans is several selections (each with the codes and the note), the
//!   later ones tied to the first by a `Link` named [`CONTINUES`]. Pizhu's
//!   importer joins them again; other tools show linked selections.
//!
//! GUIDs: a selection of an annotation's first span has the annotation's own
//! UUID; every other GUID is [`super::stable_uuid`] of our ids, so the same
//! project always gives the same file (entries also carry a fixed time).
//!
//! What the format cannot carry: code keywords and shortcuts, a document's
//! provenance (original path, SHA-256 and encoding), when a memo was changed
//! (written, but an import stamps memos with its own time). Characters XML cannot
//! hold (NUL and other C0 controls but TAB, LF, CR) become U+FFFD in code
//! names, descriptions and notes; in a selection's `name` the text is cut
//! before the first such character and ends in `…`, a form REFI-QDA readers
//! accept for names. Document texts are written as they are.

use std::io::{Cursor, Write as _};
use std::path::Path;

use quick_xml::events::{BytesEnd, BytesStart, Event};
use zip::write::SimpleFileOptions;

use super::refi::{self, XmlWriter, code_guid, is_xml_char, start, text_element};
use super::stable_uuid;
use super::w3c::xsd_date_time;
use crate::io::IoError;
use crate::model::memo::MemoTarget;
use crate::model::{Annotation, Document, Project};

/// The name of the project file inside the archive (§8.1).
pub const PROJECT_ENTRY: &str = "project.qde";
/// The folder of internal sources inside the archive (§8.1).
pub const SOURCES_DIR: &str = "sources";
/// The name of the `Link` from an annotation's first selection to each of
/// its further selections.
pub const CONTINUES: &str = "pizhu:continues";
/// The project file's namespace.
pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// The GUID of a document's `TextSource`, which also names its text file.
pub fn document_guid(doc: &Document) -> String {
    stable_uuid("document", &doc.id.0).to_string()
}

/// The GUID of the `PlainTextSelection` of `ann`'s span number `span`.
pub fn selection_guid(ann: &Annotation, span: usize) -> String {
    if span == 0 {
        ann.id.to_string()
    } else {
        stable_uuid("selection", &format!("{}#{span}", ann.id)).to_string()
    }
}

/// Who made an annotation and when, as REFI-QDA attributes: one place for
/// the selection, its codings and its note.
struct Audit {
    user: Option<String>,
    created: Option<String>,
    modified: Option<String>,
}

impl Audit {
    fn of(ann: &Annotation) -> Self {
        Self {
            user: (!ann.author.is_empty()).then(|| user_guid(&ann.author)),
            created: xsd_date_time(&ann.created),
            modified: xsd_date_time(&ann.modified),
        }
    }

    /// `creatingUser` and `creationDateTime`, where known.
    fn created<'a>(&'a self, attributes: &mut Vec<(&'a str, &'a str)>) {
        if let Some(user) = &self.user {
            attributes.push(("creatingUser", user));
        }
        if let Some(created) = &self.created {
            attributes.push(("creationDateTime", created));
        }
    }

    /// Those and `modifyingUser`, `modifiedDateTime`.
    fn all<'a>(&'a self, attributes: &mut Vec<(&'a str, &'a str)>) {
        self.created(attributes);
        if let Some(user) = &self.user {
            attributes.push(("modifyingUser", user));
        }
        if let Some(modified) = &self.modified {
            attributes.push(("modifiedDateTime", modified));
        }
    }
}

fn user_guid(author: &str) -> String {
    stable_uuid("user", author).to_string()
}

fn note_guid(ann: &Annotation) -> String {
    stable_uuid("note", &ann.id.to_string()).to_string()
}

/// The GUID of the `Note` holding the memo about `about`.
pub fn memo_guid(about: &MemoTarget) -> String {
    let key = match about {
        MemoTarget::Project => "project".to_owned(),
        MemoTarget::Document(id) => format!("document:{id}"),
        MemoTarget::Code(id) => format!("code:{id}"),
    };
    stable_uuid("memo", &key).to_string()
}

/// The GUID of the memo about `about`, when the project has one.
fn memo_ref(project: &Project, about: &MemoTarget) -> Option<String> {
    project.memo(about).map(|m| memo_guid(&m.about))
}

/// The whole `.qdpx` archive of `project`, in memory.
pub fn to_bytes(project: &Project) -> std::io::Result<Vec<u8>> {
    let qde = project_qde(project)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed time keeps the archive the same from one export to the next.
    // Level 1: the default (6) took over a second for a 6 MB document with
    // 10,000 annotations (`benches/interop.rs`), on the UI thread, for a
    // file 30% smaller; level 1 is several times faster.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    zip.start_file(PROJECT_ENTRY, options)
        .map_err(std::io::Error::other)?;
    zip.write_all(&qde)?;
    for doc in project.documents() {
        let entry = format!("{SOURCES_DIR}/{}.txt", document_guid(doc));
        zip.start_file(entry, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(doc.text().as_bytes())?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

/// The `project.qde` XML of `project`.
pub fn project_qde(project: &Project) -> std::io::Result<Vec<u8>> {
    let mut w = refi::writer()?;
    let root = start(
        "Project",
        &[
            ("xmlns", NAMESPACE),
            ("name", project.name()),
            ("origin", refi::ORIGIN),
        ],
    );
    w.write_event(Event::Start(root))?;
    write_users(&mut w, project)?;
    if !project.codes().is_empty() {
        w.write_event(Event::Start(BytesStart::new("CodeBook")))?;
        let note_ref =
            |code: &crate::model::Code| memo_ref(project, &MemoTarget::Code(code.id.clone()));
        refi::write_codes(&mut w, project, &note_ref)?;
        w.write_event(Event::End(BytesEnd::new("CodeBook")))?;
    }
    if !project.documents().is_empty() {
        w.write_event(Event::Start(BytesStart::new("Sources")))?;
        for doc in project.documents() {
            write_source(&mut w, project, doc)?;
        }
        w.write_event(Event::End(BytesEnd::new("Sources")))?;
    }
    write_notes(&mut w, project)?;
    write_links(&mut w, project)?;
    if let Some(memo) = memo_ref(project, &MemoTarget::Project) {
        w.write_event(Event::Empty(start("NoteRef", &[("targetGUID", &memo)])))?;
    }
    w.write_event(Event::End(BytesEnd::new("Project")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn write_users(w: &mut XmlWriter, project: &Project) -> std::io::Result<()> {
    let mut authors: Vec<&str> = Vec::new();
    for ann in project.annotations() {
        if !ann.author.is_empty() && !authors.contains(&ann.author.as_str()) {
            authors.push(&ann.author);
        }
    }
    if authors.is_empty() {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("Users")))?;
    for author in authors {
        let guid = user_guid(author);
        w.write_event(Event::Empty(start(
            "User",
            &[("guid", &guid), ("name", author)],
        )))?;
    }
    w.write_event(Event::End(BytesEnd::new("Users")))
}

fn write_source(w: &mut XmlWriter, project: &Project, doc: &Document) -> std::io::Result<()> {
    let guid = document_guid(doc);
    let path = format!("internal://{guid}.txt");
    let tag = start(
        "TextSource",
        &[
            ("guid", &guid),
            ("name", &doc.name),
            ("plainTextPath", &path),
        ],
    );
    let annotations = project.annotations_of(&doc.id);
    let memo = memo_ref(project, &MemoTarget::Document(doc.id.clone()));
    if annotations.is_empty() && memo.is_none() {
        return w.write_event(Event::Empty(tag));
    }
    w.write_event(Event::Start(tag))?;
    for ann in annotations {
        for (i, span) in ann.spans.iter().enumerate() {
            write_selection(w, project, doc, ann, i, *span)?;
        }
    }
    if let Some(memo) = &memo {
        w.write_event(Event::Empty(start("NoteRef", &[("targetGUID", memo)])))?;
    }
    w.write_event(Event::End(BytesEnd::new("TextSource")))
}

fn write_selection(
    w: &mut XmlWriter,
    project: &Project,
    doc: &Document,
    ann: &Annotation,
    index: usize,
    span: crate::model::CharSpan,
) -> std::io::Result<()> {
    let guid = selection_guid(ann, index);
    let (start_pos, end_pos) = (span.start().0.to_string(), span.end().0.to_string());
    let audit = Audit::of(ann);
    let name = selection_name(doc.slice_clamped(span));
    let mut attributes: Vec<(&str, &str)> = vec![("guid", &guid)];
    if let Some(name) = &name {
        attributes.push(("name", name));
    }
    attributes.extend([
        ("startPosition", start_pos.as_str()),
        ("endPosition", end_pos.as_str()),
    ]);
    audit.all(&mut attributes);
    let tag = start("PlainTextSelection", &attributes);
    if ann.codes.is_empty() && ann.note.is_empty() {
        return w.write_event(Event::Empty(tag));
    }
    w.write_event(Event::Start(tag))?;
    for (k, code_id) in ann.codes.iter().enumerate() {
        // A sound project knows every code; a missing one has no GUID to
        // point at, and a repeated one would repeat the Coding's GUID.
        let Some(code) = project.code(code_id) else {
            continue;
        };
        if ann
            .codes
            .get(..k)
            .is_some_and(|before| before.contains(code_id))
        {
            continue;
        }
        let coding = stable_uuid("coding", &format!("{}#{index}#{}", ann.id, code.id)).to_string();
        let mut attributes: Vec<(&str, &str)> = vec![("guid", &coding)];
        audit.created(&mut attributes);
        w.write_event(Event::Start(start("Coding", &attributes)))?;
        let target = code_guid(code);
        w.write_event(Event::Empty(start("CodeRef", &[("targetGUID", &target)])))?;
        w.write_event(Event::End(BytesEnd::new("Coding")))?;
    }
    if !ann.note.is_empty() {
        let target = note_guid(ann);
        w.write_event(Event::Empty(start("NoteRef", &[("targetGUID", &target)])))?;
    }
    w.write_event(Event::End(BytesEnd::new("PlainTextSelection")))
}

/// A selection's `name`: the selected text, or, when it holds a character
/// XML cannot carry, the text before that character followed by `…` (none
/// at all when that leaves only white space).
pub fn selection_name(selected: &str) -> Option<String> {
    match selected.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        None => Some(selected.to_owned()),
        Some((byte, _)) => {
            let head = selected.get(..byte).unwrap_or_default();
            (!head.trim_end().is_empty()).then(|| format!("{head}…"))
        }
    }
}

fn write_notes(w: &mut XmlWriter, project: &Project) -> std::io::Result<()> {
    let mut noted = project
        .annotations()
        .iter()
        .filter(|a| !a.note.is_empty())
        .peekable();
    if noted.peek().is_none() && project.memos().is_empty() {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("Notes")))?;
    for ann in noted {
        let guid = note_guid(ann);
        let name = note_name(&ann.quote);
        let audit = Audit::of(ann);
        let mut attributes: Vec<(&str, &str)> = vec![("guid", &guid), ("name", &name)];
        audit.all(&mut attributes);
        w.write_event(Event::Start(start("Note", &attributes)))?;
        text_element(w, "PlainTextContent", &ann.note)?;
        w.write_event(Event::End(BytesEnd::new("Note")))?;
    }
    for memo in project.memos() {
        let guid = memo_guid(&memo.about);
        let about = match &memo.about {
            MemoTarget::Project => project.name(),
            MemoTarget::Document(id) => project.document(id).map_or("", |d| d.name.as_str()),
            MemoTarget::Code(id) => project.code(id).map_or("", |c| c.name.as_str()),
        };
        let name = format!("Memo: {}", note_name(about));
        let mut attributes: Vec<(&str, &str)> = vec![("guid", &guid), ("name", &name)];
        let modified = xsd_date_time(&memo.modified);
        if let Some(modified) = &modified {
            attributes.push(("modifiedDateTime", modified));
        }
        w.write_event(Event::Start(start("Note", &attributes)))?;
        text_element(w, "PlainTextContent", &memo.text)?;
        w.write_event(Event::End(BytesEnd::new("Note")))?;
    }
    w.write_event(Event::End(BytesEnd::new("Notes")))
}

/// A note's title in other tools' memo lists: the start of what it is about.
fn note_name(quote: &str) -> String {
    const SHOWN: usize = 30;
    let one_line: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > SHOWN {
        format!("{}…", one_line.chars().take(SHOWN).collect::<String>())
    } else {
        one_line
    }
}

fn write_links(w: &mut XmlWriter, project: &Project) -> std::io::Result<()> {
    let mut split = project
        .annotations()
        .iter()
        .filter(|a| a.spans.len() > 1)
        .peekable();
    if split.peek().is_none() {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("Links")))?;
    for ann in split {
        let origin = selection_guid(ann, 0);
        for i in 1..ann.spans.len() {
            let guid = stable_uuid("link", &format!("{}#{i}", ann.id)).to_string();
            let target = selection_guid(ann, i);
            let tag = start(
                "Link",
                &[
                    ("guid", &guid),
                    ("name", CONTINUES),
                    ("direction", "OneWay"),
                    ("originGUID", &origin),
                    ("targetGUID", &target),
                ],
            );
            w.write_event(Event::Empty(tag))?;
        }
    }
    w.write_event(Event::End(BytesEnd::new("Links")))
}

/// Export `project` as a REFI-QDA project to `path`, atomically: on error an
/// existing file is left as it was.
pub fn export(project: &Project, path: &Path) -> Result<(), IoError> {
    let bytes = to_bytes(project).map_err(|source| IoError::Write {
        path: path.to_owned(),
        source,
    })?;
    crate::io::write_atomic(path, &bytes, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn selection_names_stop_before_characters_xml_cannot_hold() {
        assert_eq!(selection_name("科索沃\n😀").as_deref(), Some("科索沃\n😀"));
        assert_eq!(
            selection_name("第一页\u{c}第二页").as_deref(),
            Some("第一页…")
        );
        assert_eq!(selection_name(" \u{c}x"), None);
    }

    #[test]
    fn note_names_are_one_short_line() {
        assert_eq!(note_name("任\n\n何武力"), "任 何武力");
        assert_eq!(note_name(&"科".repeat(40)), format!("{}…", "科".repeat(30)));
    }
}
