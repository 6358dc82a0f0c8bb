//! `pizhu stats PROJECT [--json] [--within N]`: counts per code and
//! document, the code × document matrix and code co-occurrence.

use std::path::Path;

use anyhow::Result;

use super::table::Table;
use super::{plural, say, warn_repaired};
use crate::analysis::stats::{Proximity, Stats, stats};
use crate::io::project_file;
use crate::model::Project;

/// Print the statistics of the project at `path`, as tables or as JSON (the
/// fields of [`Stats`]). `within`: co-occurrence of segments at most that many
/// characters apart, instead of overlapping ones.
pub(super) fn run(path: &Path, json: bool, within: Option<usize>) -> Result<()> {
    let loaded = project_file::load(path)?;
    warn_repaired(path, &loaded.repaired);
    let project = loaded.project;
    let proximity = within.map_or(Proximity::Overlap, |chars| Proximity::Within { chars });
    let figures = stats(&project, proximity);
    if json {
        say(serde_json::to_string_pretty(&figures)?);
    } else {
        say(text(&project, &figures).trim_end());
    }
    Ok(())
}

/// The human-readable report.
fn text(project: &Project, s: &Stats) -> String {
    let c = &s.counts;
    let t = &c.totals;
    let mut out = format!(
        "{}: {}, {}, {} covering {} of {} characters",
        project.name(),
        plural(t.documents, "document", "documents"),
        plural(t.codes, "code", "codes"),
        plural(t.segments, "coded segment", "coded segments"),
        t.coded_chars,
        t.chars,
    );
    if !t.authors.is_empty() {
        out.push_str(&format!(
            "\n{}: {}",
            if t.authors.len() == 1 {
                "Author"
            } else {
                "Authors"
            },
            t.authors.join(", ")
        ));
    }
    out.push_str("\n\nCodes\n");
    let mut codes = Table::new(["code", "segments", "characters", "documents"]);
    for k in &c.codes {
        codes.row(vec![
            k.name.clone(),
            k.segments.to_string(),
            k.chars.to_string(),
            k.documents.to_string(),
        ]);
    }
    out.push_str(&codes.render());

    out.push_str("\nDocuments\n");
    let mut docs = Table::new([
        "document",
        "characters",
        "segments",
        "coded characters",
        "codes",
    ]);
    for d in &c.documents {
        docs.row(vec![
            d.name.clone(),
            d.chars.to_string(),
            d.segments.to_string(),
            d.coded_chars.to_string(),
            d.codes.to_string(),
        ]);
    }
    out.push_str(&docs.render());

    let code_names: Vec<String> = project.codes().iter().map(|k| k.name.clone()).collect();
    let doc_names: Vec<String> = project.documents().iter().map(|d| d.name.clone()).collect();
    for (title, cells) in [
        ("Segments by code and document", &c.code_document.segments),
        ("Characters by code and document", &c.code_document.chars),
    ] {
        out.push('\n');
        out.push_str(title);
        out.push('\n');
        out.push_str(&matrix(&code_names, &doc_names, cells));
    }
    out.push_str(&format!(
        "\nCo-occurrence ({}; pairs of coded segments; the diagonal counts each code's segments)\n",
        s.cooccurrence.proximity
    ));
    out.push_str(&matrix(&code_names, &code_names, &s.cooccurrence.counts));
    out
}

fn matrix(rows: &[String], columns: &[String], cells: &[Vec<usize>]) -> String {
    let mut table = Table::new(std::iter::once(String::new()).chain(columns.iter().cloned()));
    for (name, row) in rows.iter().zip(cells) {
        table.row(
            std::iter::once(name.clone())
                .chain(row.iter().map(ToString::to_string))
                .collect(),
        );
    }
    table.render()
}
