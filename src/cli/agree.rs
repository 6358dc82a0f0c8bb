//! `pizhu agree PROJECT [--json]`: inter-annotator agreement (percent,
//! Cohen's κ, Krippendorff's α) at the character and the segment level.

use std::path::Path;

use anyhow::Result;

use super::table::Table;
use super::{list, say, warn_repaired};
use crate::analysis::agreement::{
    AgreementOptions, AgreementReport, Coefficient, LevelReport, Measures, Undefined, agreement,
};
use crate::io::project_file;
use crate::t;

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
        [] => t!("cli-agree-no-coders", name = name),
        coders => t!(
            "cli-agree-coders",
            name = name,
            count = coders.len(),
            coders = list(coders)
        ),
    };
    let levels = [
        (t!("cli-agree-character-level"), &r.character),
        (
            t!(
                "cli-agree-segment-level",
                percent = format!("{:.0}", r.options.segment_min_overlap * 100.0)
            ),
            &r.segment,
        ),
    ];
    for (title, level) in levels {
        out.push_str(&format!("\n\n{title}\n"));
        out.push_str(&level_table(level, &mut reasons));
        if level.pairs.len() > 1 {
            let mut pairs = Table::new([
                t!("cli-col-coder-pair"),
                t!("cli-col-units"),
                t!("cli-col-agreement"),
                "Cohen's κ".to_owned(),
            ]);
            for p in &level.pairs {
                pairs.row(vec![
                    format!("{} – {}", p.coders[0], p.coders[1]),
                    p.units.to_string(),
                    percent(p.percent_agreement, &mut reasons),
                    figure(p.cohen_kappa, &mut reasons),
                ]);
            }
            out.push_str(&format!("\n  {}\n", t!("cli-agree-pairs")));
            out.push_str(&pairs.render());
        }
    }
    if !r.documents.is_empty() {
        out.push_str(&format!("\n\n{}\n", t!("cli-agree-per-document")));
        let agreement = t!("cli-col-agreement");
        let mut docs = Table::new([
            t!("cli-col-document"),
            t!("cli-col-coders"),
            agreement.clone(),
            "κ".to_owned(),
            "α".to_owned(),
            "|".to_owned(),
            agreement,
            "κ".to_owned(),
            "α".to_owned(),
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
        let reasons: Vec<String> = reasons.iter().map(|r| reason(*r)).collect();
        let reasons = reasons.join(&t!("cli-reason-separator"));
        out.push_str(&format!(
            "\n{}\n",
            t!("cli-agree-undefined", reasons = reasons)
        ));
    }
    out
}

fn level_table(level: &LevelReport, reasons: &mut Vec<Undefined>) -> String {
    let mut table = Table::new([
        t!("cli-col-code"),
        t!("cli-col-units"),
        t!("cli-col-coders"),
        t!("cli-col-agreement"),
        "Cohen's κ".to_owned(),
        "Krippendorff's α".to_owned(),
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
    row(&t!("cli-agree-all-codes"), &level.overall);
    for code in &level.codes {
        row(&code.name, &code.measures);
    }
    table.render()
}

/// Why a figure is undefined, in the interface language (in English, as
/// [`Undefined`] displays).
fn reason(reason: Undefined) -> String {
    match reason {
        Undefined::NoCoders => t!("cli-undefined-no-coders"),
        Undefined::OneCoder => t!("cli-undefined-one-coder"),
        Undefined::NoPairableUnits => t!("cli-undefined-no-pairable-units"),
        Undefined::NotTwoCoders => t!("cli-undefined-not-two-coders"),
        Undefined::NoVariation => t!("cli-undefined-no-variation"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, set_thread_lang};

    #[test]
    fn reasons_read_as_the_library_words_them() {
        let all = [
            Undefined::NoCoders,
            Undefined::OneCoder,
            Undefined::NoPairableUnits,
            Undefined::NotTwoCoders,
            Undefined::NoVariation,
        ];
        set_thread_lang(Lang::En);
        for r in all {
            assert_eq!(reason(r), r.to_string());
        }
        set_thread_lang(Lang::Zh);
        for r in all {
            assert_ne!(reason(r), r.to_string());
        }
    }
}
