//! `pizhu agree PROJECT [--json]`: inter-annotator agreement (percent,
//! Cohen's κ, Krippendorff's α) at the character and the segment level.

use std::path::Path;

use anyhow::Result;

use super::table::Table;
use super::{say, warn_repaired};
use crate::analysis::agreement::{
    AgreementOptions, AgreementReport, Coefficient, LevelReport, Measures, Undefined, agreement,
};
use crate::io::project_file;

/// Print agreement between the authors of the project at `path`, as tables
/// or as JSON (the fields of [`AgreementReport`]). Figures that cannot be
/// computed are `null` with a reason in JSON, `—` in the tables.
pub(super) fn run(path: &Path, json: bool) -> Result<()> {
    let loaded = project_file::load(path)?;
    warn_repaired(path, &loaded.repaired);
    let report = agreement(&loaded.project, &AgreementOptions::default());
    if json {
        say(serde_json::to_string_pretty(&report)?);
    } else {
        say(text(loaded.project.name(), &report).trim_end());
    }
    Ok(())
}

/// The human-readable report.
fn text(name: &str, r: &AgreementReport) -> String {
    let mut reasons: Vec<Undefined> = Vec::new();
    let mut out = match r.coders.as_slice() {
        [] => format!("{name}: no coded segments, so no coders to compare"),
        coders => format!(
            "{name}: {} {}",
            if coders.len() == 1 { "coder" } else { "coders" },
            coders.join(", ")
        ),
    };
    let levels = [
        (
            "Character level: unit = one non-whitespace character; value = the codes applied to it",
            &r.character,
        ),
        (
            &*format!(
                "Segment level: unit = a coded passage (segments sharing ≥ {:.0}% of the longer one are one passage); value = the codes applied to it",
                r.options.segment_min_overlap * 100.0
            ),
            &r.segment,
        ),
    ];
    for (title, level) in levels {
        out.push_str(&format!("\n\n{title}\n"));
        out.push_str(&level_table(level, &mut reasons));
        if level.pairs.len() > 1 {
            let mut pairs = Table::new(["coders", "units", "agreement", "Cohen's κ"]);
            for p in &level.pairs {
                pairs.row(vec![
                    format!("{} – {}", p.coders[0], p.coders[1]),
                    p.units.to_string(),
                    percent(p.percent_agreement, &mut reasons),
                    figure(p.cohen_kappa, &mut reasons),
                ]);
            }
            out.push_str("\n  Pairs of coders, all codes\n");
            out.push_str(&pairs.render());
        }
    }
    if !r.documents.is_empty() {
        out.push_str("\n\nPer document, all codes (character level | segment level)\n");
        let mut docs = Table::new([
            "document",
            "coders",
            "agreement",
            "κ",
            "α",
            "|",
            "agreement",
            "κ",
            "α",
        ]);
        for d in &r.documents {
            let (c, s) = (&d.character.overall, &d.segment.overall);
            docs.row(vec![
                d.name.clone(),
                d.coders.len().to_string(),
                percent(c.percent_agreement, &mut reasons),
                figure(c.cohen_kappa, &mut reasons),
                figure(c.krippendorff_alpha, &mut reasons),
                "|".into(),
                percent(s.percent_agreement, &mut reasons),
                figure(s.cohen_kappa, &mut reasons),
                figure(s.krippendorff_alpha, &mut reasons),
            ]);
        }
        out.push_str(&docs.render());
    }
    if !reasons.is_empty() {
        let list: Vec<String> = reasons.iter().map(ToString::to_string).collect();
        out.push_str(&format!("\n— = undefined: {}\n", list.join("; ")));
    }
    out
}

fn level_table(level: &LevelReport, reasons: &mut Vec<Undefined>) -> String {
    let mut table = Table::new([
        "code",
        "units",
        "coders",
        "agreement",
        "Cohen's κ",
        "Krippendorff's α",
    ]);
    let mut row = |label: &str, m: &Measures| {
        table.row(vec![
            label.to_owned(),
            m.units.to_string(),
            m.coders.to_string(),
            percent(m.percent_agreement, reasons),
            figure(m.cohen_kappa, reasons),
            figure(m.krippendorff_alpha, reasons),
        ]);
    };
    row("(all codes)", &level.overall);
    for code in &level.codes {
        row(&code.name, &code.measures);
    }
    table.render()
}

/// "0.703", or "—" noting the reason.
fn figure(c: Coefficient, reasons: &mut Vec<Undefined>) -> String {
    note(c, reasons);
    c.to_string()
}

/// "87.5%", or "—" noting the reason.
fn percent(c: Coefficient, reasons: &mut Vec<Undefined>) -> String {
    note(c, reasons);
    c.value
        .map_or_else(|| "—".to_owned(), |v| format!("{v:.1}%"))
}

fn note(c: Coefficient, reasons: &mut Vec<Undefined>) {
    if let Some(reason) = c.reason
        && !reasons.contains(&reason)
    {
        reasons.push(reason);
    }
}
