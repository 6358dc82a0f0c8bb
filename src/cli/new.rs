//! `pizhu new PROJECT --doc FILE…`: a project from documents.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::{note_backup, say};
use crate::io::{IoError, import, project_file};
use crate::model::{Edit, Project, starter};
use crate::t;
use crate::text::decode::normalize_newlines;

/// The bundled declaration; a project on it starts with its codebook.
const DECLARATION: &str = include_str!("../../assets/declaration-1998-zh.txt");

/// Read every document, then write the project; nothing is written unless
/// all documents could be read.
pub(super) fn run(path: &Path, docs: &[PathBuf]) -> Result<()> {
    // Refuse a directory here: otherwise the rename at the end of the save
    // would fail with a less helpful OS message.
    if path.is_dir() {
        return Err(IoError::NotAFile {
            path: path.to_owned(),
        }
        .into());
    }
    let context = || path.display().to_string();
    let mut project = Project::new(project_name(path));
    for doc_path in docs {
        // Ids are taken one document at a time, so each sees the ones before.
        let document = import::read_document(doc_path, project.fresh_doc_id())?;
        project
            .apply(Edit::InsertDocument {
                document: Box::new(document),
                index: usize::MAX,
            })
            .with_context(context)?;
    }
    let declaration = normalize_newlines(DECLARATION);
    if project
        .documents()
        .iter()
        .any(|d| d.text().trim_end() == declaration.trim_end())
    {
        for (index, code) in starter::declaration_codebook().into_iter().enumerate() {
            project
                .apply(Edit::InsertCode { code, index })
                .with_context(context)?;
        }
    }
    let existed = path.exists();
    project_file::save(&project, path)?;
    say(t!(
        "cli-new-created",
        path = path.display().to_string(),
        documents = t!("cli-n-documents", count = project.documents().len()),
        codes = t!("cli-n-codes", count = project.codes().len()),
    ));
    for doc in project.documents() {
        let encoding = doc.source.as_ref().map_or("", |s| s.encoding.as_str());
        say(format_args!(
            "  {}",
            t!(
                "cli-new-document",
                id = doc.id.to_string(),
                name = doc.name.as_str(),
                encoding = encoding,
                chars = doc.char_len(),
            )
        ));
    }
    if existed {
        note_backup(path);
    }
    Ok(())
}

/// The project's name: the file name without `.pizhu.ron` (or `.ron`, or
/// any other extension).
pub(super) fn project_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for ext in [".pizhu.ron", ".ron"] {
        let stem_len = file.len().saturating_sub(ext.len());
        if let (Some(stem), Some(tail)) = (file.get(..stem_len), file.get(stem_len..))
            && !stem.is_empty()
            && tail.eq_ignore_ascii_case(ext)
        {
            return stem.to_owned();
        }
    }
    path.file_stem().map_or_else(
        || "Untitled".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_drop_the_extension() {
        assert_eq!(
            project_name(Path::new("/tmp/中俄联合声明 1998.pizhu.ron")),
            "中俄联合声明 1998"
        );
        assert_eq!(project_name(Path::new("study.PIZHU.RON")), "study");
        assert_eq!(project_name(Path::new("study.ron")), "study");
        assert_eq!(project_name(Path::new("study.txt")), "study");
        assert_eq!(project_name(Path::new(".pizhu.ron")), ".pizhu");
    }
}
