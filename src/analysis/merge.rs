//! Merging annotators' projects of the same documents into one, keeping
//! every annotation with its author and reporting, never guessing, where the
//! projects disagree.
//!
//! Rules, applied to the inputs in order (the first one's choices win, and
//! every difference they override is reported as a [`Conflict`]):
//!
//! - **Documents** are matched by the SHA-256 of their text (computed here:
//!   [`Source::sha256`](crate::model::Source::sha256) is of the original bytes,
//!   which differ between encodings of one text). A matched document keeps
//!   the first project's id and name. An unmatched one is added (under a new
//!   id if its id is taken); if it has the name of an already merged document
//!   the texts differ, which is reported ([`Conflict::DocumentText`]).
//! - **Codes** are unified by name (case-insensitive). Unified codes keep the
//!   first project's colour, parent, description and shortcut; any
//!   difference is reported ([`Conflict::CodeField`]); keywords are united.
//!   A code whose id is taken by a code of another name is added under a new
//!   id ([`Conflict::CodeId`]). An added code whose shortcut another code
//!   already uses loses it ([`Conflict::Shortcut`]).
//! - **Annotations** are all kept, with their authors, documents and codes
//!   mapped to the merged ids. Two with the same id (as when annotators
//!   started from copies of one project) are kept once when identical; when
//!   they differ both are kept, the later under a new id derived from the old
//!   one ([`Conflict::Annotation`]), so that merging is deterministic.
//!
//! The merged project takes the first project's name.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::model::codebook::fresh_code_id;
use crate::model::{
    Annotation, AnnotationId, Code, CodeId, DocId, Document, Memo, MemoTarget, Problem, Project,
};

/// One project to merge.
#[derive(Clone, Copy, Debug)]
pub struct MergeInput<'a> {
    /// How conflicts name this project: usually its file's path.
    pub label: &'a str,
    /// The project.
    pub project: &'a Project,
}

/// A field of a code that differs between projects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeField {
    /// The highlight colour.
    Color,
    /// The parent code.
    Parent,
    /// The description.
    Description,
    /// The keyboard shortcut.
    Shortcut,
}

impl std::fmt::Display for CodeField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Color => "colour",
            Self::Parent => "parent",
            Self::Description => "description",
            Self::Shortcut => "shortcut",
        })
    }
}

/// A difference between the projects that the merge reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    /// Codes unified by name differ in a field; the earlier value is kept.
    CodeField {
        /// The project with the differing value.
        source: String,
        /// The merged code's id.
        code: CodeId,
        /// Its name.
        name: String,
        /// The field.
        field: CodeField,
        /// The value kept (a parent by id; "" for none).
        kept: String,
        /// The value in `source`, not kept.
        other: String,
    },
    /// Codes of different names share an id; the later one gets a new id.
    CodeId {
        /// The project of the later code.
        source: String,
        /// The shared id.
        id: CodeId,
        /// The name of the code that keeps the id.
        kept_name: String,
        /// The name of the later code.
        other_name: String,
        /// The later code's new id.
        new_id: CodeId,
    },
    /// An added code's shortcut is another code's; the added code loses it.
    Shortcut {
        /// The project of the added code.
        source: String,
        /// The added code's (merged) id.
        code: CodeId,
        /// Its name.
        name: String,
        /// The shortcut.
        shortcut: String,
        /// The code that keeps the shortcut.
        taken_by: CodeId,
    },
    /// A document has the name of a merged one but a different text: both kept.
    DocumentText {
        /// The project of the later document.
        source: String,
        /// The shared name.
        name: String,
        /// The merged document with that name.
        kept: DocId,
        /// The id the later document got.
        added: DocId,
    },
    /// Two different annotations share an id: both kept, the later one under
    /// a new id.
    Annotation {
        /// The project of the later annotation.
        source: String,
        /// The shared id.
        id: AnnotationId,
        /// The later annotation's new id.
        new_id: AnnotationId,
        /// The later annotation's author.
        author: String,
    },
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let or_none = |s: &str| {
            if s.is_empty() {
                "(none)".to_owned()
            } else {
                format!("{s:?}")
            }
        };
        match self {
            Self::CodeField {
                source,
                name,
                field,
                kept,
                other,
                ..
            } => write!(
                f,
                "{source}: code {name:?} has {field} {} here but {} in an earlier project; kept {}",
                or_none(other),
                or_none(kept),
                or_none(kept)
            ),
            Self::CodeId {
                source,
                id,
                kept_name,
                other_name,
                new_id,
            } => write!(
                f,
                "{source}: code id {:?} is {other_name:?} here but {kept_name:?} in an earlier project; kept both, this one as {:?}",
                id.0, new_id.0
            ),
            Self::Shortcut {
                source,
                name,
                shortcut,
                taken_by,
                ..
            } => write!(
                f,
                "{source}: code {name:?}: shortcut {shortcut:?} is already used by code {:?}; dropped it from {name:?}",
                taken_by.0
            ),
            Self::DocumentText {
                source,
                name,
                kept,
                added,
            } => write!(
                f,
                "{source}: document {name:?} has a different text from the one already merged ({}); kept both, this one as {}",
                kept, added
            ),
            Self::Annotation {
                source,
                id,
                new_id,
                author,
            } => write!(
                f,
                "{source}: annotation {id} (by {author:?}) differs from the one with the same id in an earlier project; kept both, this one as {new_id}"
            ),
        }
    }
}

/// Why projects could not be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// Nothing to merge.
    #[error("no projects to merge")]
    NoProjects,
    /// The merged project breaks an invariant (a bug: inputs are sound).
    #[error("the merged project is not sound: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

/// Lower-case hex SHA-256 of a document's text (UTF-8, newlines normalised).
pub fn text_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Merge `inputs` (see the [module docs](self) for the rules). Returns the
/// merged project and every conflict, in input order.
pub fn merge(inputs: &[MergeInput<'_>]) -> Result<(Project, Vec<Conflict>), MergeError> {
    let first = inputs.first().ok_or(MergeError::NoProjects)?;
    let mut merged = Merged::default();
    let mut memos: Vec<Memo> = Vec::new();
    for (n, input) in inputs.iter().enumerate() {
        let docs = merged.documents(input);
        let codes = merged.codes(n, input);
        merged.annotations(n, input, &docs, &codes);
        merge_memos(&mut memos, input, &docs, &codes);
    }
    let Merged {
        codes,
        docs,
        anns,
        conflicts,
        ..
    } = merged;
    let project =
        Project::from_parts(first.project.name().to_owned(), codes, docs, anns).with_memos(memos);
    let problems = project.problems();
    if problems.is_empty() {
        Ok((project, conflicts))
    } else {
        Err(MergeError::Invalid(problems))
    }
}

/// Add `input`'s memos, their targets renamed as the merge renamed them.
/// Two different memos on one target are both kept, one after the other,
/// the later one headed by its project's label: a memo is writing, and
/// writing is never dropped.
fn merge_memos(
    memos: &mut Vec<Memo>,
    input: &MergeInput<'_>,
    docs: &HashMap<DocId, DocId>,
    codes: &HashMap<CodeId, CodeId>,
) {
    for memo in input.project.memos() {
        let about = match &memo.about {
            MemoTarget::Project => Some(MemoTarget::Project),
            MemoTarget::Document(id) => docs.get(id).cloned().map(MemoTarget::Document),
            MemoTarget::Code(id) => codes.get(id).cloned().map(MemoTarget::Code),
        };
        let Some(about) = about else { continue };
        match memos.iter_mut().find(|m| m.about == about) {
            Some(existing) if existing.text == memo.text => {}
            Some(existing) => {
                existing.text = format!("{}\n\n— {}:\n{}", existing.text, input.label, memo.text);
            }
            None => memos.push(Memo {
                about,
                ..memo.clone()
            }),
        }
    }
}

/// The merge so far.
#[derive(Default)]
struct Merged {
    codes: Vec<Code>,
    docs: Vec<Document>,
    /// Text hash of each of `docs`.
    hashes: Vec<String>,
    anns: Vec<Annotation>,
    /// Position of each annotation in `anns`.
    ann_index: HashMap<AnnotationId, usize>,
    conflicts: Vec<Conflict>,
}

impl Merged {
    /// Match or add the input's documents; returns input id → merged id.
    fn documents(&mut self, input: &MergeInput<'_>) -> HashMap<DocId, DocId> {
        let mut map = HashMap::new();
        // A merged document stands for at most one document of each input.
        let mut claimed: HashSet<usize> = HashSet::new();
        for doc in input.project.documents() {
            let hash = text_sha256(doc.text());
            let candidates: Vec<usize> = (0..self.docs.len())
                .filter(|&i| self.hashes[i] == hash && !claimed.contains(&i))
                .collect();
            let pick = candidates
                .iter()
                .find(|&&i| self.docs[i].id == doc.id)
                .or_else(|| candidates.iter().find(|&&i| self.docs[i].name == doc.name))
                .or(candidates.first())
                .copied();
            if let Some(i) = pick {
                claimed.insert(i);
                map.insert(doc.id.clone(), self.docs[i].id.clone());
                continue;
            }
            let id = if self.docs.iter().any(|d| d.id == doc.id) {
                self.fresh_doc_id()
            } else {
                doc.id.clone()
            };
            if let Some(same) = self.docs.iter().find(|d| d.name == doc.name) {
                self.conflicts.push(Conflict::DocumentText {
                    source: input.label.to_owned(),
                    name: doc.name.clone(),
                    kept: same.id.clone(),
                    added: id.clone(),
                });
            }
            let mut added = doc.clone();
            added.id = id.clone();
            self.docs.push(added);
            self.hashes.push(hash);
            claimed.insert(self.docs.len() - 1);
            map.insert(doc.id.clone(), id);
        }
        map
    }

    fn fresh_doc_id(&self) -> DocId {
        (1..)
            .map(|n| DocId(format!("d-{n}")))
            .find(|id| self.docs.iter().all(|d| &d.id != id))
            .unwrap_or_else(|| DocId(format!("d-{}", uuid::Uuid::new_v4())))
    }

    /// Unify or add the input's codes; returns input id → merged id.
    fn codes(&mut self, n: usize, input: &MergeInput<'_>) -> HashMap<CodeId, CodeId> {
        let source = || input.label.to_owned();
        let theirs = input.project.codes();
        let mut map: HashMap<CodeId, CodeId> = HashMap::new();
        let mut matched: Vec<(usize, &Code)> = Vec::new();
        let mut added: Vec<(usize, &Code)> = Vec::new();
        for code in theirs {
            let lower = code.name.to_lowercase();
            if let Some(i) = self
                .codes
                .iter()
                .position(|c| c.name.to_lowercase() == lower)
            {
                map.insert(code.id.clone(), self.codes[i].id.clone());
                matched.push((i, code));
                continue;
            }
            let id = match self.codes.iter().find(|c| c.id == code.id) {
                Some(holder) => {
                    // Avoid the ids of this input's codes too, not yet added.
                    let taken = self
                        .codes
                        .iter()
                        .map(|c| &c.id)
                        .chain(theirs.iter().map(|c| &c.id));
                    let new_id = fresh_code_id(&code.name, taken);
                    self.conflicts.push(Conflict::CodeId {
                        source: source(),
                        id: code.id.clone(),
                        kept_name: holder.name.clone(),
                        other_name: code.name.clone(),
                        new_id: new_id.clone(),
                    });
                    new_id
                }
                None => code.id.clone(),
            };
            map.insert(code.id.clone(), id.clone());
            let mut new = code.clone();
            new.id = id;
            self.codes.push(new);
            added.push((self.codes.len() - 1, code));
        }
        let mapped = |id: &Option<CodeId>| {
            id.as_ref()
                .map(|p| map.get(p).cloned().unwrap_or_else(|| p.clone()))
        };
        for &(i, code) in &added {
            self.codes[i].parent = mapped(&code.parent);
            if n == 0 {
                continue;
            }
            let Some(shortcut) = self.codes[i].shortcut.clone() else {
                continue;
            };
            if let Some(holder) = self
                .codes
                .iter()
                .enumerate()
                .find(|(j, c)| *j != i && c.shortcut.as_ref() == Some(&shortcut))
                .map(|(_, c)| c.id.clone())
            {
                self.codes[i].shortcut = None;
                self.conflicts.push(Conflict::Shortcut {
                    source: source(),
                    code: self.codes[i].id.clone(),
                    name: self.codes[i].name.clone(),
                    shortcut,
                    taken_by: holder,
                });
            }
        }
        for &(i, code) in &matched {
            let kept = &self.codes[i];
            let id_text =
                |id: &Option<CodeId>| id.as_ref().map_or_else(String::new, |p| p.0.clone());
            let opt = |s: &Option<String>| s.clone().unwrap_or_default();
            let fields = [
                (CodeField::Color, kept.color.to_hex(), code.color.to_hex()),
                (
                    CodeField::Parent,
                    id_text(&kept.parent),
                    id_text(&mapped(&code.parent)),
                ),
                (
                    CodeField::Description,
                    kept.description.clone(),
                    code.description.clone(),
                ),
                (
                    CodeField::Shortcut,
                    opt(&kept.shortcut),
                    opt(&code.shortcut),
                ),
            ];
            for (field, kept_value, other) in fields {
                if kept_value != other {
                    self.conflicts.push(Conflict::CodeField {
                        source: source(),
                        code: kept.id.clone(),
                        name: kept.name.clone(),
                        field,
                        kept: kept_value,
                        other,
                    });
                }
            }
            let keywords = &mut self.codes[i].keywords;
            for word in &code.keywords {
                if !keywords.contains(word) {
                    keywords.push(word.clone());
                }
            }
        }
        map
    }

    /// Add the input's annotations, mapped to the merged ids.
    fn annotations(
        &mut self,
        n: usize,
        input: &MergeInput<'_>,
        docs: &HashMap<DocId, DocId>,
        codes: &HashMap<CodeId, CodeId>,
    ) {
        for ann in input.project.annotations() {
            let mut a = ann.clone();
            if let Some(doc) = docs.get(&ann.document) {
                a.document = doc.clone();
            }
            a.codes.clear();
            for code in &ann.codes {
                let code = codes.get(code).unwrap_or(code);
                if !a.codes.contains(code) {
                    a.codes.push(code.clone());
                }
            }
            match self.ann_index.get(&a.id) {
                Some(&i) if self.anns.get(i) == Some(&a) => continue,
                Some(_) => {
                    let new_id = self.derived_id(a.id, n);
                    self.conflicts.push(Conflict::Annotation {
                        source: input.label.to_owned(),
                        id: a.id,
                        new_id,
                        author: a.author.clone(),
                    });
                    a.id = new_id;
                }
                None => {}
            }
            self.ann_index.insert(a.id, self.anns.len());
            self.anns.push(a);
        }
    }

    /// A new id for the `n`-th input's version of annotation `id`: a UUID
    /// (version 8) from a hash of both, so that merging twice gives the same
    /// file.
    fn derived_id(&self, id: AnnotationId, n: usize) -> AnnotationId {
        (0u64..)
            .map(|attempt| {
                let mut hash = Sha256::new();
                hash.update(b"pizhu merge\0");
                hash.update(id.0.as_bytes());
                hash.update((n as u64).to_le_bytes());
                hash.update(attempt.to_le_bytes());
                let digest = hash.finalize();
                let mut bytes = [0u8; 16];
                bytes.copy_from_slice(&digest[..16]);
                AnnotationId(uuid::Builder::from_custom_bytes(bytes).into_uuid())
            })
            .find(|candidate| !self.ann_index.contains_key(candidate))
            .unwrap_or_else(AnnotationId::random)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod memo_merge_tests {
    use super::*;
    use crate::model::{Color, Edit};

    fn project(memo: &str) -> Project {
        let doc = Document::new(DocId("d-1".into()), "d", "科索沃问题😀");
        let code = Code::new(CodeId("c-k".into()), "Kosovo", Color::distinct(0));
        let mut p = Project::from_parts("p".into(), vec![code], vec![doc], Vec::new());
        for about in [MemoTarget::Project, MemoTarget::Code(CodeId("c-k".into()))] {
            let _ = p.apply(Edit::SetMemo {
                about,
                text: memo.into(),
            });
        }
        p
    }

    #[test]
    fn memos_survive_a_merge_and_different_ones_are_both_kept() {
        let (a, b) = (project("甲的备忘"), project("乙的备忘"));
        let inputs = [
            MergeInput {
                label: "a.pizhu.ron",
                project: &a,
            },
            MergeInput {
                label: "b.pizhu.ron",
                project: &b,
            },
        ];
        let (merged, _) = merge(&inputs).unwrap();
        let code_memo = merged
            .memo(&MemoTarget::Code(CodeId("c-k".into())))
            .unwrap();
        assert!(code_memo.text.contains("甲的备忘") && code_memo.text.contains("乙的备忘"));
        assert!(code_memo.text.contains("b.pizhu.ron"));
        // The same memo twice stays one.
        let (same, _) = merge(&[inputs[0], inputs[0]]).unwrap();
        assert_eq!(
            same.memo(&MemoTarget::Project).map(|m| m.text.as_str()),
            Some("甲的备忘")
        );
        assert!(merged.problems().is_empty());
    }
}
