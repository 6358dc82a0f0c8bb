//! `pizhu import PROJECT --format qdpx|brat|w3c FILE`.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::args::ImportFormat;
use super::{plural, say, warn_repaired};
use crate::io::import::{AnnotationFormat, import_annotations};
use crate::io::{IoError, project_file};
use crate::model::Project;

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
        bail!(
            "{}: refusing to import the project into itself",
            file.display()
        );
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
    for skipped in &report.skipped {
        eprintln!("pizhu: warning: {}: skipped {skipped}", file.display());
    }
    for note in &report.notes {
        eprintln!("pizhu: note: {}: {note}", file.display());
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
    say(format_args!(
        "imported {} ({} already there), {} ({} matched), {} ({} matched) from {} into {}{}",
        plural(report.annotations_added, "annotation", "annotations"),
        report.annotations_present,
        plural(report.documents_added, "document", "documents"),
        report.documents_matched,
        plural(report.codes_added, "code", "codes"),
        report.codes_matched,
        file.display(),
        path.display(),
        [
            (report.memos > 0).then(|| format!("; {}", plural(report.memos, "memo", "memos"))),
            (!report.skipped.is_empty()).then(|| format!(
                "; skipped {}",
                plural(report.skipped.len(), "item", "items")
            )),
        ]
        .into_iter()
        .flatten()
        .collect::<String>()
    ));
    Ok(())
}
