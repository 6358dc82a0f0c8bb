//! `pizhu check PROJECT`: is the file sound as written?

use std::path::Path;

use anyhow::{Result, bail};

use super::{plural, say};
use crate::io::{IoError, project_file};

/// Exit 0 only when the file loads without any repair. Loading already
/// refuses what cannot be read or repaired; a quote that had to be
/// re-anchored also fails the check, because the offsets written in the
/// file are wrong and every other tool reading them would be misled.
pub(super) fn run(path: &Path) -> Result<()> {
    let loaded = project_file::load(path)?;
    if !loaded.repaired.is_empty() {
        let n = loaded.repaired.len();
        let invalid = IoError::Invalid {
            path: path.to_owned(),
            problems: loaded.repaired,
        };
        bail!(
            "{invalid} ({} whose quote was found elsewhere in the text; saving the project, e.g. with `pizhu tag`, re-anchors them)",
            plural(n, "annotation", "annotations")
        );
    }
    let project = loaded.project;
    say(format_args!(
        "OK: {}, {}, {}",
        plural(project.documents().len(), "document", "documents"),
        plural(project.codes().len(), "code", "codes"),
        plural(project.annotations().len(), "annotation", "annotations"),
    ));
    Ok(())
}
