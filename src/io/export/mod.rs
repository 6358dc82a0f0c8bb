//! Exports to the tools researchers analyse with. Offsets are chars
//! (Unicode scalar values), end exclusive, in every format; see `DESIGN.md`.
//!
//! Every exporter builds its whole output in memory and then writes it
//! atomically, so a failed export leaves nothing behind and an existing file
//! as it was. brat writes a directory, which is swapped in as a whole (see
//! [`brat`]). Ids that a format needs but the project lacks (REFI-QDA GUIDs
//! of codes, documents, notes…) are derived from the project's own ids by
//! [`stable_uuid`], so exporting the same project twice gives the same bytes.

pub mod brat;
pub mod csv;
pub mod html;
pub mod md;
pub mod qdc;
pub mod qdpx;
mod refi;
pub mod w3c;

use std::path::Path;

use sha2::Digest as _;

use std::collections::{HashMap, HashSet};

use super::IoError;
use crate::model::{Code, CodeId, Project};

/// An export format, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One row per coded segment.
    Csv,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// brat standoff.
    Brat,
    /// REFI-QDA project.
    Qdpx,
    /// REFI-QDA codebook.
    Qdc,
    /// Self-contained HTML report.
    Html,
    /// Markdown, grouped by code.
    Md,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "csv" => Self::Csv,
            "w3c" => Self::W3c,
            "brat" => Self::Brat,
            "qdpx" => Self::Qdpx,
            "qdc" => Self::Qdc,
            "html" => Self::Html,
            "md" => Self::Md,
            other => {
                return Err(format!(
                    "unknown format {other:?} (csv, w3c, brat, qdpx, qdc, html, md)"
                ));
            }
        })
    }
}

/// Options shared by the exporters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// CSV only: start with a UTF-8 BOM so that Excel reads CJK correctly.
    pub csv_bom: bool,
}

/// Export `project` as `format` to `out`, atomically: the whole file is
/// built in memory first, so on error nothing is written and an existing
/// file is left as it was. For [`Format::Brat`] `out` is a directory.
pub fn export(
    project: &Project,
    format: Format,
    out: &Path,
    options: ExportOptions,
) -> Result<(), IoError> {
    match format {
        Format::Csv => self::csv::export(project, out, options.csv_bom),
        Format::W3c => w3c::export(project, out),
        Format::Brat => brat::export(project, out),
        Format::Qdpx => qdpx::export(project, out),
        Format::Qdc => qdc::export(project, out),
        Format::Html => html::export(project, out),
        Format::Md => md::export(project, out),
    }
}

/// A name-based UUID for `id` of kind `kind` (`"code"`, `"document"`…):
/// version 8 from SHA-256 (RFC 9562 §B.2), the same for the same input.
///
/// Only the id goes in, not the project, so two projects whose documents
/// are both `d-1` share that document's GUID: importers must never match by
/// these GUIDs across projects (they match texts and code names instead).
pub fn stable_uuid(kind: &str, id: &str) -> uuid::Uuid {
    let mut hash = sha2::Sha256::new();
    // Lengths keep ("ab", "c") apart from ("a", "bc").
    for part in [b"pizhu".as_slice(), kind.as_bytes(), id.as_bytes()] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    let digest = hash.finalize();
    // SHA-256 has 32 bytes, so the first 16 are always there.
    let bytes = digest.first_chunk::<16>().copied().unwrap_or_default();
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The codebook as a tree, depth first: each code with its depth (0 for a
/// root), children right after their parent, siblings in codebook order.
///
/// A sound project has no cycles and no unknown parents; should a code sit
/// on a cycle or under a missing parent anyway, it is listed as a root rather
/// than lost. Iterative, so a deep hierarchy cannot overflow the stack.
pub(crate) fn codes_in_tree_order(project: &Project) -> Vec<(usize, &Code)> {
    let codes = project.codes();
    let index: HashMap<&CodeId, usize> =
        codes.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        match code.parent.as_ref().and_then(|p| index.get(p)) {
            Some(&parent) if parent != i => children.entry(parent).or_default().push(i),
            _ => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(codes.len());
    let mut seen = HashSet::new();
    // Codes on a cycle are reachable from no root, so every code is a
    // starting point after the roots; `seen` skips those already listed.
    for start in roots.into_iter().chain(0..codes.len()) {
        let mut stack = vec![(0usize, start)];
        while let Some((depth, i)) = stack.pop() {
            let Some(code) = codes.get(i) else { continue };
            if !seen.insert(i) {
                continue;
            }
            order.push((depth, code));
            if let Some(kids) = children.get(&i) {
                stack.extend(kids.iter().rev().map(|&c| (depth + 1, c)));
            }
        }
    }
    order
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn stable_uuids_are_version_8_and_depend_on_kind_and_id() {
        let a = stable_uuid("code", "c-kosovo");
        assert_eq!(a, stable_uuid("code", "c-kosovo"));
        assert_eq!(a.get_version_num(), 8);
        assert_eq!(a.get_variant(), uuid::Variant::RFC4122);
        assert_ne!(a, stable_uuid("document", "c-kosovo"));
        assert_ne!(stable_uuid("code", "ab"), stable_uuid("codea", "b"));
    }

    #[test]
    fn formats_parse_case_insensitively() {
        for (name, format) in [
            ("BRAT", Format::Brat),
            ("qdpx", Format::Qdpx),
            ("Md", Format::Md),
        ] {
            assert_eq!(name.parse::<Format>().unwrap(), format);
        }
        assert!("docx".parse::<Format>().is_err());
    }

    #[test]
    fn tree_order_nests_children_after_their_parents() {
        use crate::model::{Color, Edit};
        let mut project = Project::new("p");
        for (id, parent) in [
            ("a", None),
            ("b", None),
            ("a1", Some("a")),
            ("b1", Some("b")),
            ("a11", Some("a1")),
            ("a2", Some("a")),
        ] {
            let mut code = Code::new(CodeId(id.into()), id, Color::distinct(0));
            code.parent = parent.map(|p: &str| CodeId(p.into()));
            project
                .apply(Edit::InsertCode {
                    code,
                    index: usize::MAX,
                })
                .unwrap();
        }
        let order: Vec<(usize, &str)> = codes_in_tree_order(&project)
            .into_iter()
            .map(|(d, c)| (d, c.name.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                (0, "a"),
                (1, "a1"),
                (2, "a11"),
                (1, "a2"),
                (0, "b"),
                (1, "b1")
            ]
        );
    }
}
