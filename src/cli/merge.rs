//! `pizhu merge OUT PROJECT PROJECT… [--strict]`: combine annotators'
//! projects of the same documents (the rules: [`crate::analysis::merge`]).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::{note_backup, say, warn_repaired};
use crate::analysis::merge::{CodeField, Conflict, MergeInput, merge};
use crate::io::{IoError, project_file};
use crate::t;

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
    for conflict in &conflicts {
        let message = describe(conflict);
        if strict {
            eprintln!("pizhu: {}", t!("cli-conflict", message = message));
        } else {
            super::warn(message);
        }
    }
    let n_conflicts = || t!("cli-n-conflicts", count = conflicts.len());
    if strict && !conflicts.is_empty() {
        bail!(t!(
            "cli-merge-strict-failed",
            path = out.display().to_string(),
            conflicts = n_conflicts()
        ));
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
    let mut summary = t!(
        "cli-merge-done",
        projects = t!("cli-n-projects", count = paths.len()),
        path = out.display().to_string(),
        documents = t!("cli-n-documents", count = merged.documents().len()),
        codes = t!("cli-n-codes", count = merged.codes().len()),
        annotations = t!("cli-n-annotations", count = merged.annotations().len()),
        authors = t!("cli-n-authors", count = authors.len()),
    );
    if !conflicts.is_empty() {
        summary.push_str(&t!("cli-merge-conflicts-above", conflicts = n_conflicts()));
    }
    say(summary);
    if existed {
        note_backup(out);
    }
    Ok(())
}

/// A conflict in the interface language (in English, its `Display`).
fn describe(conflict: &Conflict) -> String {
    let value = |s: &str| {
        if s.is_empty() {
            t!("cli-none")
        } else {
            format!("{s:?}")
        }
    };
    match conflict {
        Conflict::CodeField {
            source,
            name,
            field,
            kept,
            other,
            ..
        } => t!(
            "cli-conflict-code-field",
            source = source.as_str(),
            name = format!("{name:?}"),
            field = match field {
                CodeField::Color => t!("cli-code-field-color"),
                CodeField::Parent => t!("cli-code-field-parent"),
                CodeField::Description => t!("cli-code-field-description"),
                CodeField::Shortcut => t!("cli-code-field-shortcut"),
            },
            other = value(other),
            kept = value(kept),
        ),
        Conflict::CodeId {
            source,
            id,
            kept_name,
            other_name,
            new_id,
        } => t!(
            "cli-conflict-code-id",
            source = source.as_str(),
            id = format!("{:?}", id.0),
            other = format!("{other_name:?}"),
            kept = format!("{kept_name:?}"),
            new_id = format!("{:?}", new_id.0),
        ),
        Conflict::Shortcut {
            source,
            name,
            shortcut,
            taken_by,
            ..
        } => t!(
            "cli-conflict-shortcut",
            source = source.as_str(),
            name = format!("{name:?}"),
            shortcut = format!("{shortcut:?}"),
            taken_by = format!("{:?}", taken_by.0),
        ),
        Conflict::DocumentText {
            source,
            name,
            kept,
            added,
        } => t!(
            "cli-conflict-document-text",
            source = source.as_str(),
            name = format!("{name:?}"),
            kept = kept.to_string(),
            added = added.to_string(),
        ),
        Conflict::Annotation {
            source,
            id,
            new_id,
            author,
        } => t!(
            "cli-conflict-annotation",
            source = source.as_str(),
            id = id.to_string(),
            author = format!("{author:?}"),
            new_id = new_id.to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_thread_lang};
    use crate::model::{AnnotationId, CodeId, DocId};

    /// In English the CLI words conflicts as the library does (the GUI, the
    /// logs and the tests read those words).
    #[test]
    fn conflicts_read_as_the_library_words_them() {
        let code = |s: &str| CodeId(s.to_owned());
        let mut conflicts = vec![
            Conflict::CodeId {
                source: "b.pizhu.ron".into(),
                id: code("c-un"),
                kept_name: "UN".into(),
                other_name: "联合国".into(),
                new_id: code("c-un-2"),
            },
            Conflict::Shortcut {
                source: "b.pizhu.ron".into(),
                code: code("c-x"),
                name: "X".into(),
                shortcut: "1".into(),
                taken_by: code("c-y"),
            },
            Conflict::DocumentText {
                source: "b.pizhu.ron".into(),
                name: "doc.txt".into(),
                kept: DocId("d-1".into()),
                added: DocId("d-2".into()),
            },
            Conflict::Annotation {
                source: "b.pizhu.ron".into(),
                id: AnnotationId::random(),
                new_id: AnnotationId::random(),
                author: "bo".into(),
            },
        ];
        for field in [
            CodeField::Color,
            CodeField::Parent,
            CodeField::Description,
            CodeField::Shortcut,
        ] {
            for (kept, other) in [("#123456", ""), ("", "a \"b\"")] {
                conflicts.push(Conflict::CodeField {
                    source: "b.pizhu.ron".into(),
                    code: code("c-un"),
                    name: "UN".into(),
                    field,
                    kept: kept.into(),
                    other: other.into(),
                });
            }
        }
        set_thread_lang(Lang::En);
        for conflict in &conflicts {
            assert_eq!(describe(conflict), conflict.to_string());
        }
        set_thread_lang(Lang::Zh);
        for conflict in &conflicts {
            let zh = describe(conflict);
            assert!(zh.starts_with("b.pizhu.ron："), "{zh}");
            assert_ne!(zh, conflict.to_string());
        }
    }
}
