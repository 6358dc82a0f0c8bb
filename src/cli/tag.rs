//! `pizhu tag PROJECT --doc NAME --quote TEXT --code CODE [--note TEXT] [--all]`.

use anyhow::{Context as _, Result, anyhow, bail};

use super::args::TagArgs;
use super::{list, say, warn_repaired};
use crate::io::author::default_author;
use crate::io::project_file;
use crate::model::codebook::fresh_code_id;
use crate::model::{Annotation, Code, Color, Edit};
use crate::t;
use crate::text::decode::normalize_newlines;
use crate::text::search::find_all;

/// Annotate the first (or every) occurrence of the quote. Occurrences that
/// already carry an annotation with the same span and code are skipped, so
/// running the same command twice changes nothing (and writes nothing).
pub(super) fn run(args: &TagArgs) -> Result<()> {
    let path = args.project.display().to_string();
    let loaded = project_file::load(&args.project)?;
    warn_repaired(&args.project, &loaded.repaired);
    let mut project = loaded.project;

    let doc = project.document_by_key(&args.doc).ok_or_else(|| {
        let known: Vec<String> = project
            .documents()
            .iter()
            .map(|d| {
                t!(
                    "cli-document-with-id",
                    name = d.name.as_str(),
                    id = d.id.to_string()
                )
            })
            .collect();
        anyhow!(t!(
            "cli-tag-no-document",
            path = path.as_str(),
            name = format!("{:?}", args.doc),
            documents = list(&known)
        ))
    })?;
    // Document texts are newline-normalised, so the quote must be too.
    let quote = normalize_newlines(&args.quote);
    if quote.is_empty() {
        bail!(t!("cli-tag-empty-quote", path = path.as_str()));
    }
    let found = find_all(doc, &quote);
    if found.is_empty() {
        bail!(t!(
            "cli-tag-quote-not-found",
            path = path.as_str(),
            quote = format!("{quote:?}"),
            document = format!("{:?}", doc.name),
            id = doc.id.to_string()
        ));
    }

    let code_name = args.code.trim();
    if code_name.is_empty() {
        bail!(t!("cli-tag-empty-code", path = path.as_str()));
    }
    let mut edits = Vec::new();
    let (code_id, code_name, new_code) = match project.code_by_name(code_name) {
        Some(code) => (code.id.clone(), code.name.clone(), false),
        None => {
            let id = fresh_code_id(code_name, project.codes().iter().map(|c| &c.id));
            let code = Code::new(
                id.clone(),
                code_name,
                Color::distinct(project.codes().len()),
            );
            edits.push(Edit::InsertCode {
                code,
                index: usize::MAX,
            });
            (id, code_name.to_owned(), true)
        }
    };

    let wanted = if args.all { found.len() } else { 1 };
    let existing = project.annotations_of(&doc.id);
    let author = default_author();
    let mut skipped = Vec::new();
    for span in found.into_iter().take(wanted) {
        if let Some(same) = existing
            .iter()
            .find(|a| a.spans == [span] && a.codes.contains(&code_id))
        {
            skipped.push(same);
            continue;
        }
        let mut ann = Annotation::new(doc, span, vec![code_id.clone()], &author);
        ann.note.clone_from(&args.note);
        edits.push(Edit::InsertAnnotation(ann));
    }
    let added = edits
        .iter()
        .filter(|e| matches!(e, Edit::InsertAnnotation(_)))
        .count();
    let doc_name = doc.name.clone();

    let mut summary = if added == 0 {
        t!(
            "cli-tag-nothing-to-do",
            quote = quote.as_str(),
            document = doc_name.as_str(),
            code = code_name.as_str()
        )
    } else {
        t!(
            "cli-tag-tagged",
            occurrences = t!("cli-n-occurrences", count = added),
            quote = quote.as_str(),
            document = doc_name.as_str(),
            code = code_name.as_str()
        )
    };
    if new_code {
        summary.push_str(&t!("cli-tag-new-code", id = code_id.to_string()));
    }
    if added > 0 && !skipped.is_empty() {
        summary.push_str(&t!("cli-tag-already-tagged", count = skipped.len()));
    }
    // Skipping keeps the command idempotent, but a different note must not
    // vanish silently.
    let stale_notes = skipped.iter().filter(|a| a.note != args.note).count();
    if stale_notes > 0 && !args.note.is_empty() {
        summary.push_str(&t!("cli-tag-kept-note", count = stale_notes));
    }

    if added > 0 {
        let label = format!("tag {quote} with {code_name}");
        project
            .apply(Edit::Batch { label, edits })
            .with_context(|| path.clone())?;
        project_file::save(&project, &args.project)?;
    }
    say(summary);
    Ok(())
}
