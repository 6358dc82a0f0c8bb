//! `pizhu merge OUT PROJECT PROJECT… [--strict]`: combine annotators'
//! projects of the same documents (the rules: [`crate::analysis::merge`]).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::{plural, say, warn_repaired};
use crate::analysis::merge::{MergeInput, merge};
use crate::io::{IoError, project_file};

/// Load every project, merge, report conflicts on stderr, save OUT
/// atomically (an existing OUT is kept as OUT.bak).
///
/// Conflicts are warnings: every one is settled without losing anything
/// (both annotations kept, the first project's code attributes kept and the
/// other value named in the warning), so the merged file is written and the
/// command exits 0. With `strict`, any conflict is an error: exit 1 and
/// nothing written. A project that cannot be loaded is always an error.
pub(super) fn run(out: &Path, paths: &[PathBuf], strict: bool) -> Result<()> {
    if out.is_dir() {
        return Err(IoError::NotAFile {
            path: out.to_owned(),
        }
        .into());
    }
    let mut projects = Vec::with_capacity(paths.len());
    for path in paths {
        let loaded = project_file::load(path)?;
        warn_repaired(path, &loaded.repaired);
        projects.push(loaded.project);
    }
    let labels: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let inputs: Vec<MergeInput<'_>> = labels
        .iter()
        .zip(&projects)
        .map(|(label, project)| MergeInput { label, project })
        .collect();
    let (merged, conflicts) = merge(&inputs).with_context(|| out.display().to_string())?;
    let kind = if strict { "conflict" } else { "warning" };
    for conflict in &conflicts {
        eprintln!("pizhu: {kind}: {conflict}");
    }
    if strict && !conflicts.is_empty() {
        bail!(
            "{}: not written: {} between the projects (--strict)",
            out.display(),
            plural(conflicts.len(), "conflict", "conflicts")
        );
    }
    let existed = out.exists();
    project_file::save(&merged, out)?;
    let mut authors: Vec<&str> = merged
        .annotations()
        .iter()
        .map(|a| a.author.as_str())
        .collect();
    authors.sort_unstable();
    authors.dedup();
    let mut summary = format!(
        "merged {} into {}: {}, {}, {} by {}",
        plural(paths.len(), "project", "projects"),
        out.display(),
        plural(merged.documents().len(), "document", "documents"),
        plural(merged.codes().len(), "code", "codes"),
        plural(merged.annotations().len(), "annotation", "annotations"),
        plural(authors.len(), "author", "authors"),
    );
    if !conflicts.is_empty() {
        summary.push_str(&format!(
            "; {} reported above",
            plural(conflicts.len(), "conflict", "conflicts")
        ));
    }
    say(summary);
    if existed {
        eprintln!(
            "pizhu: note: {0} existed; the previous file is kept as {0}.bak",
            out.display()
        );
    }
    Ok(())
}
