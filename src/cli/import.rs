//! `pizhu import PROJECT --format qdpx|brat|w3c FILE`.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::args::ImportFormat;
use super::{note, say, warn, warn_repaired};
use crate::io::import::{AnnotationFormat, import_annotations};
use crate::io::{IoError, project_file};
use crate::model::Project;
use crate::t;

impl From<ImportFormat> for AnnotationFormat {
    fn from(format: ImportFormat) -> Self {
        match format {
            ImportFormat::Qdpx => Self::Qdpx,
            ImportFormat::Brat => Self::Brat,
            ImportFormat::W3c => Self::W3c,
        }
    }
}

/// Add the annotations (and the documents and codes they need) of `file`
/// to `path`, creating the project when it does not exist. What is skipped
/// is listed on stderr with the ids the file gives it; the command still
/// succeeds. Nothing is written when the file cannot be read, nor when it
/// brings nothing new to an existing project.
pub(super) fn run(path: &Path, format: ImportFormat, file: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(IoError::NotAFile {
            path: path.to_owned(),
        }
        .into());
    }
    if let (Ok(project), Ok(foreign)) = (path.canonicalize(), file.canonicalize())
        && project == foreign
    {
        bail!(t!(
            "cli-import-into-itself",
            path = file.display().to_string()
        ));
    }
    let existed = path.exists();
    let mut project = if existed {
        let loaded = project_file::load(path)?;
        warn_repaired(path, &loaded.repaired);
        loaded.project
    } else {
        // The name is settled below, once the file says whether it has one.
        Project::new(String::new())
    };
    let imported = import_annotations(&project, format.into(), file)?;
    if !existed {
        let name = imported
            .project_name
            .clone()
            .unwrap_or_else(|| super::new::project_name(path));
        project = Project::new(name);
    }
    let report = &imported.report;
    let file_name = file.display().to_string();
    for skipped in &report.skipped {
        warn(t!(
            "cli-import-skipped",
            file = file_name.as_str(),
            item = skipped.to_string()
        ));
    }
    for text in &report.notes {
        note(t!(
            "cli-import-note",
            file = file_name.as_str(),
            note = text.as_str()
        ));
    }
    let changed = !imported.is_empty();
    if changed {
        project
            .apply(imported.edit)
            .with_context(|| path.display().to_string())?;
    }
    if changed || !existed {
        project_file::save(&project, path)?;
    }
    let mut summary = t!(
        "cli-import-done",
        annotations = t!("cli-n-annotations", count = report.annotations_added),
        present = report.annotations_present,
        documents = t!("cli-n-documents", count = report.documents_added),
        documents_matched = report.documents_matched,
        codes = t!("cli-n-codes", count = report.codes_added),
        codes_matched = report.codes_matched,
        file = file_name.as_str(),
        project = path.display().to_string(),
    );
    if report.memos > 0 {
        summary.push_str(&t!(
            "cli-import-memos",
            memos = t!("cli-n-memos", count = report.memos)
        ));
    }
    if !report.skipped.is_empty() {
        summary.push_str(&t!(
            "cli-import-skipped-items",
            items = t!("cli-n-items", count = report.skipped.len())
        ));
    }
    say(summary);
    Ok(())
}
