//! What every annotation importer produces (`Foreign`: documents, codes
//! and annotations as another tool described them) and how that is merged
//! into a project as one undoable [`Edit::Batch`].
//!
//! Merging rules:
//!
//! * **Documents** that bring their text are matched to a project document
//!   by the SHA-256 of the text (UTF-8, after BOM removal and `\r\n` → `\n`),
//!   not of the original file: a document imported from GB18030 and its
//!   UTF-8 copy in an export have different bytes but the same text, and it
//!   is the text the offsets count. Unmatched ones are added under a fresh
//!   id. Documents known only by name (W3C) are matched by name.
//! * **Codes** are matched by name, ignoring case, as the project keeps
//!   names unique; new ones keep the foreign colour, parent and description.
//!   Two different foreign codes of one name (REFI-QDA allows it under
//!   different parents) become `NAME (2)`…, reported.
//! * **Annotations** out of range, empty, on an unknown document, or whose
//!   quote is found nowhere are skipped and reported with their ids; an
//!   unknown code is dropped from its annotation, reported. One equal to an
//!   annotation already in the project (same document, spans, codes and
//!   note) is counted as present, so importing a file twice adds nothing. A
//!   foreign UUID is kept unless the project uses it already.
//! * **Memos** are set; where the project has a memo about the same thing
//!   that does not contain the file's text, that text is added after it.

use std::collections::{HashMap, HashSet};

use super::sha256_hex;
use crate::model::codebook::fresh_code_id;
use crate::model::memo::MemoTarget;
use crate::model::{
    Annotation, AnnotationId, CharPos, CharSpan, Code, CodeId, Color, DocId, Document, Edit,
    Project, Source, TextIndex, Timestamp,
};
use crate::text::anchor::reanchor;

/// A file's contents, before they meet the project.
#[derive(Clone, Debug, Default)]
pub(crate) struct Foreign {
    /// The project's name in the file, if it has one.
    pub project_name: Option<String>,
    /// The documents, in file order.
    pub documents: Vec<ForeignDoc>,
    /// The codes, in file order (parents need not come first).
    pub codes: Vec<ForeignCode>,
    /// The annotations, in file order.
    pub annotations: Vec<ForeignAnnotation>,
    /// Memos about the project, documents and codes.
    pub memos: Vec<ForeignMemo>,
    /// What the reader already had to skip.
    pub skipped: Vec<Skipped>,
    /// What the reader wants the user to know.
    pub notes: Vec<String>,
}

/// A document of the file.
#[derive(Clone, Debug)]
pub(crate) struct ForeignDoc {
    /// What annotations call it.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its text (newlines normalised), or `None` when the file only names it.
    pub text: Option<String>,
    /// Where the text came from.
    pub source: Option<Source>,
}

/// A code of the file.
#[derive(Clone, Debug)]
pub(crate) struct ForeignCode {
    /// What annotations and children call it.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its colour, if the file has one.
    pub color: Option<Color>,
    /// The key of its parent.
    pub parent: Option<String>,
    /// Its description.
    pub description: String,
}

/// What a foreign memo is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ForeignTarget {
    /// The project.
    Project,
    /// The document with this key.
    Document(String),
    /// The code with this key.
    Code(String),
}

/// A memo of the file.
#[derive(Clone, Debug)]
pub(crate) struct ForeignMemo {
    /// What it is about.
    pub about: ForeignTarget,
    /// Its text.
    pub text: String,
}

/// One span of a foreign annotation.
#[derive(Clone, Debug)]
pub(crate) struct ForeignSpan {
    /// Start and end in chars of the normalised text, if the file gives them.
    pub range: Option<(usize, usize)>,
    /// The quoted text and its context, to check the range against or to
    /// find the passage by when there is no range or it does not fit.
    pub quote: Option<Quote>,
}

/// A W3C-style text quote.
#[derive(Clone, Debug)]
pub(crate) struct Quote {
    /// The exact text.
    pub exact: String,
    /// Text just before it.
    pub prefix: String,
    /// Text just after it.
    pub suffix: String,
}

/// An annotation of the file.
#[derive(Clone, Debug)]
pub(crate) struct ForeignAnnotation {
    /// How the file identifies it, for reports.
    pub label: String,
    /// Its UUID, if the file has one.
    pub uuid: Option<uuid::Uuid>,
    /// The key of its document.
    pub doc: String,
    /// Its spans.
    pub spans: Vec<ForeignSpan>,
    /// Keys of its codes.
    pub codes: Vec<String>,
    /// Its note.
    pub note: String,
    /// Who made it.
    pub author: String,
    /// When.
    pub created: Option<Timestamp>,
    /// Last change.
    pub modified: Option<Timestamp>,
}

/// Something in the file that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// How the file identifies it (a GUID, `doc.ann:T3`, a W3C id…).
    pub id: String,
    /// Why it was skipped.
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.id, self.reason)
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Documents added to the project.
    pub documents_added: usize,
    /// Documents found in the project already.
    pub documents_matched: usize,
    /// Codes added.
    pub codes_added: usize,
    /// Codes found in the project already (by name).
    pub codes_matched: usize,
    /// Annotations added.
    pub annotations_added: usize,
    /// Annotations that were in the project already.
    pub annotations_present: usize,
    /// Memos added, or added to.
    pub memos: usize,
    /// What was left out, with the ids the file gives it.
    pub skipped: Vec<Skipped>,
    /// Other things worth knowing (renamed codes, re-anchored quotes…).
    pub notes: Vec<String>,
}

/// The edit an import makes, and its report.
#[derive(Clone, Debug)]
pub struct Imported {
    /// Everything to add, as one undoable step; apply it with
    /// [`Project::apply`]. An empty batch when there is nothing new.
    pub edit: Edit,
    /// What was added, matched and skipped.
    pub report: ImportReport,
    /// The project's name in the file, for a project created by the import.
    pub project_name: Option<String>,
}

impl Imported {
    /// True when applying the edit would change nothing.
    pub fn is_empty(&self) -> bool {
        matches!(&self.edit, Edit::Batch { edits, .. } if edits.is_empty())
    }
}

/// Work out the edit that adds `foreign` to `project`. `label` names it in
/// the Undo menu. Documents and codes are applied to a copy as they are
/// made, and annotations checked against it, so the batch applies to
/// `project` as a whole.
pub(crate) fn merge(project: &Project, foreign: Foreign, label: String) -> Imported {
    let mut m = Merger {
        work: project.clone(),
        edits: Vec::new(),
        report: ImportReport {
            skipped: foreign.skipped,
            notes: foreign.notes,
            ..ImportReport::default()
        },
        docs: HashMap::new(),
        doc_names: HashMap::new(),
        codes: HashMap::new(),
        created_codes: HashMap::new(),
        ids: project.annotations().iter().map(|a| a.id).collect(),
        by_place: HashMap::new(),
        now: Timestamp::now(),
    };
    for ann in project.annotations() {
        let place = (ann.document.clone(), ann.spans.clone());
        m.by_place.entry(place).or_default().push(ann);
    }
    m.documents(foreign.documents);
    m.codes(foreign.codes);
    for ann in foreign.annotations {
        m.annotation(ann);
    }
    for memo in foreign.memos {
        m.memo(memo);
    }
    Imported {
        edit: Edit::Batch {
            label,
            edits: m.edits,
        },
        report: m.report,
        project_name: foreign.project_name,
    }
}

struct Merger<'p> {
    work: Project,
    edits: Vec<Edit>,
    report: ImportReport,
    /// Foreign document key → project document.
    docs: HashMap<String, DocId>,
    /// Foreign document key → its name, for reports.
    doc_names: HashMap<String, String>,
    /// Foreign code key → project code.
    codes: HashMap<String, CodeId>,
    /// Codes this import created → the foreign key they came from.
    created_codes: HashMap<CodeId, String>,
    /// Every annotation id in the working copy (the model looks ids up
    /// linearly, too slow for ten thousand annotations).
    ids: HashSet<AnnotationId>,
    /// The project's own annotations by document and spans, to find those
    /// an import brings again.
    by_place: HashMap<(DocId, Vec<CharSpan>), Vec<&'p Annotation>>,
    now: Timestamp,
}

impl Merger<'_> {
    /// Apply `edit` to the working copy and keep it for the batch.
    fn apply(&mut self, edit: Edit) -> Result<(), crate::model::EditError> {
        self.work.apply(edit.clone())?;
        self.edits.push(edit);
        Ok(())
    }

    fn skip(&mut self, id: &str, reason: impl Into<String>) {
        self.report.skipped.push(Skipped {
            id: id.to_owned(),
            reason: reason.into(),
        });
    }

    fn documents(&mut self, documents: Vec<ForeignDoc>) {
        let mut by_sha: HashMap<String, DocId> = HashMap::new();
        for doc in self.work.documents() {
            by_sha
                .entry(sha256_hex(doc.text().as_bytes()))
                .or_insert_with(|| doc.id.clone());
        }
        for foreign in documents {
            self.doc_names
                .insert(foreign.key.clone(), foreign.name.clone());
            let Some(text) = foreign.text else {
                match self
                    .work
                    .documents()
                    .iter()
                    .find(|d| d.name == foreign.name)
                {
                    Some(doc) => {
                        self.docs.insert(foreign.key, doc.id.clone());
                        self.report.documents_matched += 1;
                    }
                    None => self.report.notes.push(format!(
                        "document {:?} is not in the project and the file does not hold its text",
                        foreign.name
                    )),
                }
                continue;
            };
            let doc = Document::new(self.work.fresh_doc_id(), foreign.name, text);
            let sha = sha256_hex(doc.text().as_bytes());
            if let Some(id) = by_sha.get(&sha) {
                self.docs.insert(foreign.key, id.clone());
                self.report.documents_matched += 1;
                continue;
            }
            let id = doc.id.clone();
            let mut doc = doc;
            doc.source = foreign.source;
            match self.apply(Edit::InsertDocument {
                document: Box::new(doc),
                index: usize::MAX,
            }) {
                Ok(()) => {
                    by_sha.insert(sha, id.clone());
                    self.docs.insert(foreign.key, id);
                    self.report.documents_added += 1;
                }
                Err(err) => self.skip(&foreign.key, format!("document not added: {err}")),
            }
        }
    }

    fn codes(&mut self, codes: Vec<ForeignCode>) {
        let mut seen = HashSet::new();
        let mut pending: Vec<ForeignCode> = codes
            .into_iter()
            .filter(|c| seen.insert(c.key.clone()))
            .collect();
        let keys: HashSet<String> = pending.iter().map(|c| c.key.clone()).collect();
        // Parents before children: take every code whose parent is settled,
        // again and again; what is left then sits on a cycle.
        while !pending.is_empty() {
            let ready = pending.iter().position(|c| {
                c.parent
                    .as_ref()
                    .is_none_or(|p| self.codes.contains_key(p) || !keys.contains(p) || p == &c.key)
            });
            let (code, parent) = match ready {
                Some(i) => {
                    let code = pending.remove(i);
                    let parent = match &code.parent {
                        Some(p) if p == &code.key => None,
                        Some(p) => match self.codes.get(p) {
                            Some(id) => Some(id.clone()),
                            None => {
                                self.report.notes.push(format!(
                                    "code {:?}: its parent {p:?} is not in the file; imported at the top level",
                                    code.name
                                ));
                                None
                            }
                        },
                        None => None,
                    };
                    (code, parent)
                }
                None => {
                    let code = pending.remove(0);
                    self.report.notes.push(format!(
                        "code {:?} is its own ancestor in the file; imported at the top level",
                        code.name
                    ));
                    (code, None)
                }
            };
            self.code(code, parent);
        }
    }

    fn code(&mut self, foreign: ForeignCode, parent: Option<CodeId>) {
        let trimmed = foreign.name.trim();
        let name = if trimmed.is_empty() {
            "(unnamed)".to_owned()
        } else {
            trimmed.to_owned()
        };
        let same_name = |p: &Project, n: &str| {
            let lower = n.to_lowercase();
            p.codes()
                .iter()
                .find(|c| c.name.trim().to_lowercase() == lower)
                .map(|c| c.id.clone())
        };
        let mut final_name = name.clone();
        if let Some(existing) = same_name(&self.work, &name) {
            let from_this_file = self
                .created_codes
                .get(&existing)
                .is_some_and(|key| key != &foreign.key);
            if !from_this_file {
                self.codes.insert(foreign.key, existing);
                self.report.codes_matched += 1;
                return;
            }
            final_name = (2..)
                .map(|n| format!("{name} ({n})"))
                .find(|candidate| same_name(&self.work, candidate).is_none())
                .unwrap_or_else(|| format!("{name} ({})", foreign.key));
            self.report.notes.push(format!(
                "two codes of the file are named {name:?}; the one with id {:?} is imported as {final_name:?}",
                foreign.key
            ));
        }
        let id = fresh_code_id(&final_name, self.work.codes().iter().map(|c| &c.id));
        let color = foreign
            .color
            .unwrap_or_else(|| Color::distinct(self.work.codes().len()));
        let mut code = Code::new(id.clone(), final_name, color);
        code.parent = parent;
        code.description = foreign.description;
        match self.apply(Edit::InsertCode {
            code,
            index: usize::MAX,
        }) {
            Ok(()) => {
                self.created_codes.insert(id.clone(), foreign.key.clone());
                self.codes.insert(foreign.key, id);
                self.report.codes_added += 1;
            }
            Err(err) => self.skip(&foreign.key, format!("code {name:?} not added: {err}")),
        }
    }

    fn annotation(&mut self, foreign: ForeignAnnotation) {
        let label = foreign.label.clone();
        let Some(doc_id) = self.docs.get(&foreign.doc).cloned() else {
            let name = self.doc_names.get(&foreign.doc).unwrap_or(&foreign.doc);
            return self.skip(
                &label,
                format!("its document {name:?} is not in the project"),
            );
        };
        let built = match self.build(&foreign, &doc_id) {
            Ok(built) => built,
            Err(reason) => return self.skip(&label, reason),
        };
        let Built { mut ann, notes } = built;
        self.report.notes.extend(notes);
        let same = |a: &Annotation| {
            a.spans == ann.spans
                && a.note == ann.note
                && a.codes.len() == ann.codes.len()
                && a.codes.iter().all(|c| ann.codes.contains(c))
        };
        let place = (doc_id, ann.spans.clone());
        if self
            .by_place
            .get(&place)
            .is_some_and(|anns| anns.iter().copied().any(same))
        {
            self.report.annotations_present += 1;
            return;
        }
        if self.ids.contains(&ann.id) {
            self.report.notes.push(format!(
                "annotation {label}: its id is taken by another annotation, so it gets a new one"
            ));
            ann.id = AnnotationId::random();
        }
        // Checked, not applied: inserting one by one into the copy would cost
        // O(n²) for a large file, and nothing later depends on annotations.
        match self.work.annotation_problems(&ann, true).into_iter().next() {
            None => {
                self.ids.insert(ann.id);
                self.edits.push(Edit::InsertAnnotation(ann));
                self.report.annotations_added += 1;
            }
            Some(problem) => self.skip(&label, problem.to_string()),
        }
    }

    /// Set the memo, or add its text to the project's memo about the same
    /// thing when that says something else.
    fn memo(&mut self, foreign: ForeignMemo) {
        let about = match &foreign.about {
            ForeignTarget::Project => Some(MemoTarget::Project),
            ForeignTarget::Document(key) => self.docs.get(key).cloned().map(MemoTarget::Document),
            ForeignTarget::Code(key) => self.codes.get(key).cloned().map(MemoTarget::Code),
        };
        let Some(about) = about else {
            let what = match foreign.about {
                ForeignTarget::Project => "the project".to_owned(),
                ForeignTarget::Document(key) | ForeignTarget::Code(key) => key,
            };
            return self.skip(&what, "a memo about something that was not imported");
        };
        if foreign.text.trim().is_empty() {
            return;
        }
        let text = match self.work.memo(&about) {
            None => foreign.text,
            Some(memo) if memo.text.contains(&foreign.text) => return,
            Some(memo) => {
                self.report.notes.push(format!(
                    "the memo about {about:?} differs from the project's; the file's text is added after it"
                ));
                format!("{}\n\n{}", memo.text, foreign.text)
            }
        };
        match self.apply(Edit::SetMemo { about, text }) {
            Ok(()) => self.report.memos += 1,
            Err(err) => self.skip("memo", err.to_string()),
        }
    }

    /// The annotation `foreign` describes, or why it cannot be imported.
    fn build(&self, foreign: &ForeignAnnotation, doc_id: &DocId) -> Result<Built, String> {
        let doc = self
            .work
            .document(doc_id)
            .ok_or_else(|| format!("unknown document {doc_id}"))?;
        let len = doc.char_len();
        let mut notes = Vec::new();
        let mut spans = Vec::with_capacity(foreign.spans.len());
        for span in &foreign.spans {
            let placed = match (span.range, &span.quote) {
                (Some((start, end)), _) if start > end || end > len => {
                    return Err(format!(
                        "selection {start}..{end} is outside the text of {:?} ({len} characters)",
                        doc.name
                    ));
                }
                (Some((start, end)), None) => CharSpan::from_range(start, end),
                (Some((start, end)), Some(quote)) => {
                    let span = CharSpan::from_range(start, end);
                    if doc.slice(span) == Some(quote.exact.as_str()) {
                        span
                    } else {
                        let found = reanchor(
                            doc,
                            &quote.exact,
                            &quote.prefix,
                            &quote.suffix,
                            CharPos(start),
                        )
                        .ok_or_else(|| {
                            format!(
                                "its quote {:?} is not at {start}..{end} nor anywhere in {:?}",
                                quote.exact, doc.name
                            )
                        })?;
                        notes.push(format!(
                            "annotation {}: the quote was not at {start}..{end}; found it at {}..{}",
                            foreign.label,
                            found.start(),
                            found.end()
                        ));
                        found
                    }
                }
                (None, Some(quote)) => {
                    reanchor(doc, &quote.exact, &quote.prefix, &quote.suffix, CharPos(0))
                        .ok_or_else(|| {
                            format!("its quote {:?} is nowhere in {:?}", quote.exact, doc.name)
                        })?
                }
                (None, None) => return Err("it has no position and no quote".into()),
            };
            if placed.is_empty() {
                return Err(format!(
                    "its selection {}..{} is empty",
                    placed.start(),
                    placed.end()
                ));
            }
            spans.push(placed);
        }
        if spans.is_empty() {
            return Err("it selects no text".into());
        }
        spans.sort();
        // Overlapping spans become one; touching ones stay apart, as the model allows.
        let mut merged: Vec<CharSpan> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start() < last.end() => {
                    *last = CharSpan::new(last.start(), last.end().max(span.end()));
                }
                _ => merged.push(span),
            }
        }
        let mut codes: Vec<CodeId> = Vec::with_capacity(foreign.codes.len());
        for key in &foreign.codes {
            match self.codes.get(key) {
                Some(id) if !codes.contains(id) => codes.push(id.clone()),
                Some(_) => {}
                None => notes.push(format!(
                    "annotation {}: unknown code {key:?} left out",
                    foreign.label
                )),
            }
        }
        let first = merged
            .first()
            .copied()
            .unwrap_or_else(|| CharSpan::from_range(0, 0));
        let mut ann = Annotation::new(doc, first, codes, &foreign.author);
        ann.id = foreign.uuid.map_or_else(AnnotationId::random, AnnotationId);
        ann.spans = merged;
        ann.refresh_quote(doc);
        ann.note.clone_from(&foreign.note);
        let valid = |t: &Option<Timestamp>| t.clone().filter(Timestamp::is_valid);
        ann.created = valid(&foreign.created).unwrap_or_else(|| self.now.clone());
        ann.modified = valid(&foreign.modified).unwrap_or_else(|| ann.created.clone());
        Ok(Built { ann, notes })
    }
}

struct Built {
    ann: Annotation,
    notes: Vec<String>,
}

/// A foreign text as the file has it, and the same text as a document
/// holds it (no BOM, `\r\n` → `\n`, a lone `\r` → `\n`), with the map
/// from the file's char positions to the document's.
#[derive(Clone, Debug)]
pub(crate) struct RawText {
    /// The text as a document holds it.
    pub text: String,
    /// The file's char positions of the chars dropped, ascending.
    dropped: Vec<usize>,
    /// The length of the file's text in chars.
    pub raw_len: usize,
    /// Char access to `text`, so that slicing many selections stays cheap.
    index: TextIndex,
}

impl RawText {
    /// Normalise `raw`. A leading BOM is dropped; `bom_counts` says whether
    /// the file's positions count it (brat does, REFI-QDA does not).
    pub(crate) fn new(raw: &str, bom_counts: bool) -> Self {
        let (raw, bom) = match raw.strip_prefix('\u{feff}') {
            Some(rest) => (rest, bom_counts),
            None => (raw, false),
        };
        let mut text = String::with_capacity(raw.len());
        let mut dropped = Vec::new();
        let offset = usize::from(bom);
        if bom {
            dropped.push(0);
        }
        let mut chars = raw.chars().enumerate().peekable();
        let mut raw_len = offset;
        while let Some((i, c)) = chars.next() {
            raw_len += 1;
            if c == '\r' {
                if chars.peek().is_some_and(|&(_, next)| next == '\n') {
                    dropped.push(i + offset);
                } else {
                    text.push('\n');
                }
            } else {
                text.push(c);
            }
        }
        let index = TextIndex::new(&text);
        Self {
            text,
            dropped,
            raw_len,
            index,
        }
    }

    /// The normalised text between two document positions.
    pub(crate) fn slice(&self, start: usize, end: usize) -> Option<&str> {
        if start > end {
            return None;
        }
        self.index
            .slice(&self.text, CharSpan::from_range(start, end))
    }

    /// The document position of the file's position `pos` (at most
    /// [`Self::raw_len`]).
    pub(crate) fn map(&self, pos: usize) -> usize {
        pos - self.dropped.partition_point(|&d| d < pos)
    }
}

/// True when `name`, a REFI-QDA selection's name, is the selected text or
/// its beginning cut with an ellipsis (as ATLAS.ti names quotations).
pub(crate) fn name_matches(name: &str, selected: &str) -> bool {
    if name == selected {
        return true;
    }
    ["…", "..."].iter().any(|ellipsis| {
        name.strip_suffix(ellipsis)
            .map(str::trim_end)
            .is_some_and(|stem| !stem.is_empty() && selected.starts_with(stem))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn raw_text_maps_positions_past_dropped_bom_and_crs() {
        let raw = RawText::new("\u{feff}a\r\nb\rc😀", true);
        assert_eq!(raw.text, "a\nb\nc😀");
        assert_eq!(raw.raw_len, 8);
        // BOM a CR LF b CR c 😀 → a LF b LF c 😀
        let mapped: Vec<usize> = (0..=8).map(|p| raw.map(p)).collect();
        assert_eq!(mapped, [0, 0, 1, 1, 2, 3, 4, 5, 6]);
        let uncounted = RawText::new("\u{feff}a\r\nb", false);
        assert_eq!(uncounted.raw_len, 4);
        assert_eq!(
            (0..=4).map(|p| uncounted.map(p)).collect::<Vec<_>>(),
            [0, 1, 1, 2, 3]
        );
    }

    #[test]
    fn names_may_be_cut_with_an_ellipsis() {
        assert!(name_matches("科索沃", "科索沃"));
        assert!(name_matches("科索…", "科索沃"));
        assert!(name_matches("科索 ...", "科索沃"));
        assert!(!name_matches("…", "科索沃"));
        assert!(!name_matches("沃…", "科索沃"));
    }

    fn foreign_doc(key: &str, name: &str, text: &str) -> ForeignDoc {
        ForeignDoc {
            key: key.into(),
            name: name.into(),
            text: Some(text.into()),
            source: None,
        }
    }

    fn span(start: usize, end: usize) -> ForeignSpan {
        ForeignSpan {
            range: Some((start, end)),
            quote: None,
        }
    }

    fn foreign_ann(
        label: &str,
        doc: &str,
        spans: Vec<ForeignSpan>,
        codes: &[&str],
    ) -> ForeignAnnotation {
        ForeignAnnotation {
            label: label.into(),
            uuid: None,
            doc: doc.into(),
            spans,
            codes: codes.iter().map(|&c| c.to_owned()).collect(),
            note: String::new(),
            author: "外人".into(),
            created: None,
            modified: None,
        }
    }

    fn code(key: &str, name: &str, parent: Option<&str>) -> ForeignCode {
        ForeignCode {
            key: key.into(),
            name: name.into(),
            color: None,
            parent: parent.map(str::to_owned),
            description: String::new(),
        }
    }

    #[test]
    fn merges_matching_texts_and_names_and_reports_what_it_skips() {
        let mut project = Project::new("p");
        let doc = Document::new(DocId("d-1".into()), "mine.txt", "😀科索沃\n");
        project
            .apply(Edit::InsertDocument {
                document: Box::new(doc),
                index: 0,
            })
            .unwrap();
        let kosovo = Code::new(CodeId("c-kosovo".into()), "Kosovo", Color::distinct(0));
        project
            .apply(Edit::InsertCode {
                code: kosovo,
                index: 0,
            })
            .unwrap();

        let foreign = Foreign {
            documents: vec![
                foreign_doc("g1", "theirs.txt", "😀科索沃\r\n"),
                foreign_doc("g2", "new.txt", "𠀀北约"),
            ],
            // The child comes first; "kosovo" matches the project's code; two "Other"s.
            codes: vec![
                code("k2", "Child", Some("k1")),
                code("k1", "kosovo", None),
                code("o1", "Other", None),
                code("o2", "other", Some("k1")),
                code("loop", "Loop", Some("loop2")),
                code("loop2", "Loop2", Some("loop")),
            ],
            annotations: vec![
                foreign_ann("s1", "g1", vec![span(1, 4)], &["k1", "k2", "nope"]),
                foreign_ann("s2", "g1", vec![span(3, 9)], &["k1"]),
                foreign_ann("s3", "g9", vec![span(0, 1)], &[]),
                foreign_ann("s4", "g2", vec![span(1, 1)], &[]),
                foreign_ann("s5", "g2", vec![span(1, 3), span(0, 2)], &["o2"]),
            ],
            ..Foreign::default()
        };
        let imported = merge(&project, foreign, "import".into());
        let report = &imported.report;
        assert_eq!((report.documents_added, report.documents_matched), (1, 1));
        assert_eq!((report.codes_added, report.codes_matched), (5, 1));
        assert_eq!(report.annotations_added, 2);
        let skipped: Vec<&str> = report.skipped.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(skipped, ["s2", "s3", "s4"]);
        assert!(
            report.skipped[0].reason.contains("outside the text"),
            "{:?}",
            report.skipped
        );
        assert!(
            report.notes.iter().any(|n| n.contains("\"nope\"")),
            "{:?}",
            report.notes
        );
        assert!(
            report.notes.iter().any(|n| n.contains("\"other (2)\"")),
            "{:?}",
            report.notes
        );
        assert!(
            report.notes.iter().any(|n| n.contains("own ancestor")),
            "{:?}",
            report.notes
        );

        let mut after = project.clone();
        after.apply(imported.edit.clone()).unwrap();
        assert_eq!(after.problems(), []);
        assert_eq!(after.documents().len(), 2);
        let child = after.code_by_name("Child").unwrap();
        assert_eq!(child.parent, Some(CodeId("c-kosovo".into())));
        let first = &after.annotations_of(&DocId("d-1".into()))[0];
        assert_eq!(
            (first.quote.as_str(), first.author.as_str()),
            ("科索沃", "外人")
        );
        assert_eq!(first.codes, [CodeId("c-kosovo".into()), child.id.clone()]);
        let merged = &after.annotations_of(&DocId("d-2".into()))[0];
        assert_eq!(
            merged.spans,
            [CharSpan::from_range(0, 3)],
            "overlapping spans become one"
        );

        // The same file again adds nothing.
        let again = merge(
            &after,
            Foreign {
                documents: vec![foreign_doc("g1", "theirs.txt", "😀科索沃\r\n")],
                codes: vec![code("k1", "kosovo", None), code("k2", "Child", Some("k1"))],
                annotations: vec![foreign_ann("s1", "g1", vec![span(1, 4)], &["k1", "k2"])],
                ..Foreign::default()
            },
            "again".into(),
        );
        assert!(again.is_empty(), "{:?}", again.edit);
        assert_eq!(again.report.annotations_present, 1);
    }

    #[test]
    fn quotes_check_positions_and_find_moved_passages() {
        let mut project = Project::new("p");
        let doc = Document::new(DocId("d-1".into()), "d.txt", "科索沃 北约 科索沃 北约");
        project
            .apply(Edit::InsertDocument {
                document: Box::new(doc),
                index: 0,
            })
            .unwrap();
        let quote = |exact: &str, prefix: &str| {
            Some(Quote {
                exact: exact.into(),
                prefix: prefix.into(),
                suffix: String::new(),
            })
        };
        let by_name = ForeignDoc {
            key: "d".into(),
            name: "d.txt".into(),
            text: None,
            source: None,
        };
        let anns = vec![
            ForeignAnnotation {
                spans: vec![ForeignSpan {
                    range: Some((0, 3)),
                    quote: quote("科索沃", ""),
                }],
                ..foreign_ann("ok", "d", vec![], &[])
            },
            ForeignAnnotation {
                spans: vec![ForeignSpan {
                    range: Some((0, 2)),
                    quote: quote("北约", "科索沃 北约 科索沃 "),
                }],
                ..foreign_ann("moved", "d", vec![], &[])
            },
            ForeignAnnotation {
                spans: vec![ForeignSpan {
                    range: None,
                    quote: quote("北约", ""),
                }],
                ..foreign_ann("quote-only", "d", vec![], &[])
            },
            ForeignAnnotation {
                spans: vec![ForeignSpan {
                    range: Some((0, 2)),
                    quote: quote("台湾", ""),
                }],
                ..foreign_ann("lost", "d", vec![], &[])
            },
        ];
        let imported = merge(
            &project,
            Foreign {
                documents: vec![by_name],
                annotations: anns,
                ..Foreign::default()
            },
            "i".into(),
        );
        assert_eq!(imported.report.annotations_added, 3);
        assert_eq!(
            imported
                .report
                .skipped
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>(),
            ["lost"]
        );
        let mut after = project.clone();
        after.apply(imported.edit).unwrap();
        let spans: Vec<(usize, usize)> = after
            .annotations()
            .iter()
            .map(|a| (a.start().0, a.end().0))
            .collect();
        assert_eq!(spans, [(0, 3), (4, 6), (11, 13)]);
    }
}
