//! `pizhu stats PROJECT [--json] [--within N]`: counts per code and
//! document, the code × document matrix and code co-occurrence.

use std::path::Path;

use anyhow::Result;

use super::table::Table;
use super::{list, say, warn_repaired};
use crate::analysis::stats::{Proximity, Stats, stats};
use crate::io::project_file;
use crate::model::Project;
use crate::t;

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
    let mut out = t!(
        "cli-stats-summary",
        name = project.name(),
        documents = t!("cli-n-documents", count = t.documents),
        codes = t!("cli-n-codes", count = t.codes),
        segments = t!("cli-n-segments", count = t.segments),
        coded = t.coded_chars,
        chars = t.chars,
    );
    if !t.authors.is_empty() {
        out.push('\n');
        out.push_str(&t!(
            "cli-stats-authors",
            count = t.authors.len(),
            authors = list(&t.authors)
        ));
    }
    out.push_str(&format!("\n\n{}\n", t!("cli-stats-codes")));
    let mut codes = Table::new([
        t!("cli-col-code"),
        t!("cli-col-segments"),
        t!("cli-col-characters"),
        t!("cli-col-documents"),
    ]);
    for k in &c.codes {
        codes.row(vec![
            k.name.clone(),
            k.segments.to_string(),
            k.chars.to_string(),
            k.documents.to_string(),
        ]);
    }
    out.push_str(&codes.render());

    out.push_str(&format!("\n{}\n", t!("cli-stats-documents")));
    let mut docs = Table::new([
        t!("cli-col-document"),
        t!("cli-col-characters"),
        t!("cli-col-segments"),
        t!("cli-col-coded-characters"),
        t!("cli-col-codes"),
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
        (t!("cli-stats-segments-matrix"), &c.code_document.segments),
        (t!("cli-stats-chars-matrix"), &c.code_document.chars),
    ] {
        out.push('\n');
        out.push_str(&title);
        out.push('\n');
        out.push_str(&matrix(&code_names, &doc_names, cells));
    }
    let proximity = match s.cooccurrence.proximity {
        Proximity::Overlap => t!("cli-proximity-overlap"),
        Proximity::Within { chars } => t!("cli-proximity-within", chars = chars),
    };
    out.push_str(&format!(
        "\n{}\n",
        t!("cli-stats-cooccurrence", proximity = proximity)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_thread_lang};

    #[test]
    fn english_reports_read_as_before() {
        set_thread_lang(Lang::En);
        let project = Project::new("p".to_owned());
        for (proximity, text) in [
            (Proximity::Overlap, "Co-occurrence (overlapping; "),
            (
                Proximity::Within { chars: 5 },
                "Co-occurrence (within 5 characters; ",
            ),
        ] {
            let report = super::text(&project, &stats(&project, proximity));
            assert!(report.contains(text), "{report}");
            assert!(report.starts_with("p: 0 documents, 0 codes, 0 coded segments covering 0 of 0 characters\n\nCodes\n  code  segments  characters  documents\n"), "{report}");
        }
        set_thread_lang(Lang::Zh);
        let report = super::text(&project, &stats(&project, Proximity::Overlap));
        assert!(
            report.starts_with(
                "p：0 个文档、0 个编码、0 个编码片段，覆盖 0 个字符中的 0 个\n\n编码\n"
            ),
            "{report}"
        );
    }
}
