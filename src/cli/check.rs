//! `pizhu check PROJECT`: is the file sound as written?

use std::path::Path;

use anyhow::{Result, bail};

use super::say;
use crate::i18n::errors::describe;
use crate::io::{IoError, project_file};
use crate::t;

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
        bail!(t!(
            "cli-check-reanchorable",
            problems = describe(&invalid),
            annotations = t!("cli-n-annotations", count = n)
        ));
    }
    let project = loaded.project;
    say(t!(
        "cli-check-ok",
        documents = t!("cli-n-documents", count = project.documents().len()),
        codes = t!("cli-n-codes", count = project.codes().len()),
        annotations = t!("cli-n-annotations", count = project.annotations().len()),
    ));
    Ok(())
}
