//! Reading the codings back: coded-segment retrieval and statistics, each in
//! its own window, computed by [`crate::analysis`] and cached per project
//! revision so an open window costs nothing per frame.

use std::collections::BTreeSet;

use egui::{Color32, Ui, vec2};

use crate::analysis::retrieval::{Query, RetrievalOptions, RetrievedSegment, retrieve};
use crate::analysis::stats::{Proximity, Stats, stats};
use crate::model::{CodeId, Project};
use crate::t;

use super::app::PizhuApp;
use super::commands::Command;
use super::document_view::{code_chip, to_color32};

/// How the chosen codes combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Combine {
    /// Segments carrying every chosen code.
    #[default]
    All,
    /// Segments carrying any chosen code.
    Any,
}

/// State of the analysis windows.
#[derive(Default)]
pub struct AnalysisState {
    /// The retrieval window is open.
    pub retrieval_open: bool,
    /// The statistics window is open.
    pub stats_open: bool,
    /// Codes a segment must (or may) carry.
    pub include: BTreeSet<CodeId>,
    /// Codes a segment must not carry.
    pub exclude: BTreeSet<CodeId>,
    /// AND or OR over `include`.
    pub combine: Combine,
    /// Characters between segments that still count as co-occurring (0: overlap).
    pub within_chars: usize,
    retrieved: Option<(u64, Query, Vec<RetrievedSegment>)>,
    stats: Option<(u64, Proximity, Stats)>,
}

impl AnalysisState {
    /// Drop the cached results (another project is shown: its revisions
    /// say nothing about this one's).
    pub fn forget_results(&mut self) {
        self.retrieved = None;
        self.stats = None;
    }

    /// The query the checkboxes describe, if any code is chosen.
    pub fn query(&self) -> Option<Query> {
        if self.include.is_empty() && self.exclude.is_empty() {
            return None;
        }
        let included: Vec<Query> = self.include.iter().cloned().map(Query::code).collect();
        let mut parts = Vec::new();
        if !included.is_empty() {
            parts.push(match self.combine {
                Combine::All => Query::and(included),
                Combine::Any => Query::or(included),
            });
        }
        if !self.exclude.is_empty() {
            parts.push(!Query::or(self.exclude.iter().cloned().map(Query::code)));
        }
        Some(Query::and(parts))
    }

    /// The retrieved segments for the current query (cached per revision).
    pub fn segments(&mut self, project: &Project) -> &[RetrievedSegment] {
        let Some(query) = self.query() else {
            return &[];
        };
        let fresh = self
            .retrieved
            .as_ref()
            .is_some_and(|(rev, q, _)| *rev == project.revision() && *q == query);
        if !fresh {
            self.retrieved = None;
        }
        let revision = project.revision();
        &self
            .retrieved
            .get_or_insert_with(|| {
                let segments = retrieve(project, &query, &RetrievalOptions::default());
                (revision, query, segments)
            })
            .2
    }

    fn stats(&mut self, project: &Project) -> &Stats {
        let proximity = if self.within_chars == 0 {
            Proximity::Overlap
        } else {
            Proximity::Within {
                chars: self.within_chars,
            }
        };
        let fresh = self
            .stats
            .as_ref()
            .is_some_and(|(rev, p, _)| *rev == project.revision() && *p == proximity);
        if !fresh {
            self.stats = None;
        }
        &self
            .stats
            .get_or_insert_with(|| (project.revision(), proximity, stats(project, proximity)))
            .2
    }
}

/// Draw the open analysis windows.
pub fn show(app: &mut PizhuApp, ctx: &egui::Context) {
    if app.analysis.retrieval_open {
        let mut open = true;
        egui::Window::new(t!("analysis-retrieval-title"))
            .id(egui::Id::unique("retrieval-window"))
            .open(&mut open)
            .default_size(vec2(620.0, 480.0))
            .show(ctx, |ui| retrieval_ui(app, ui));
        app.analysis.retrieval_open = open;
    }
    if app.analysis.stats_open {
        let mut open = true;
        egui::Window::new(t!("analysis-stats-title"))
            .id(egui::Id::unique("statistics-window"))
            .open(&mut open)
            .default_size(vec2(640.0, 520.0))
            .show(ctx, |ui| stats_ui(app, ui));
        app.analysis.stats_open = open;
    }
}

fn retrieval_ui(app: &mut PizhuApp, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("analysis-retrieval-segments-with"));
        ui.radio_value(
            &mut app.analysis.combine,
            Combine::All,
            t!("analysis-retrieval-all"),
        );
        ui.radio_value(
            &mut app.analysis.combine,
            Combine::Any,
            t!("analysis-retrieval-any"),
        );
        ui.label(t!("analysis-retrieval-rule"));
    });
    let (include, exclude) = (
        t!("analysis-retrieval-include"),
        t!("analysis-retrieval-exclude"),
    );
    egui::Grid::new("retrieval-codes")
        .num_columns(3)
        .show(ui, |ui| {
            for code in app.project.codes() {
                let mut inc = app.analysis.include.contains(&code.id);
                let mut exc = app.analysis.exclude.contains(&code.id);
                code_chip(ui, &code.name, code.color.0);
                if ui.checkbox(&mut inc, include.as_str()).changed() {
                    toggle(&mut app.analysis.include, &code.id, inc);
                    if inc {
                        app.analysis.exclude.remove(&code.id);
                    }
                }
                if ui.checkbox(&mut exc, exclude.as_str()).changed() {
                    toggle(&mut app.analysis.exclude, &code.id, exc);
                    if exc {
                        app.analysis.include.remove(&code.id);
                    }
                }
                ui.end_row();
            }
        });
    let Some(query) = app.analysis.query() else {
        ui.label(egui::RichText::new(t!("analysis-retrieval-none-chosen")).weak());
        return;
    };
    let project = &app.project;
    let segments = app.analysis.segments(project).to_vec();
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(t!(
            "analysis-retrieval-found",
            count = segments.len(),
            query = query_names(&query, project)
        ));
        if ui.button(t!("analysis-retrieval-copy-csv")).clicked() {
            ui.ctx().copy_text(segments_csv(project, &segments));
        }
        if ui.button(t!("analysis-retrieval-copy-markdown")).clicked() {
            ui.ctx().copy_text(segments_markdown(project, &segments));
        }
    });
    let mut jump = None;
    let go = t!("analysis-retrieval-go");
    egui::ScrollArea::vertical()
        .id_salt("retrieved")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for seg in &segments {
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .link(format!(
                            "{} [{}, {})",
                            seg.document_name, seg.start, seg.end
                        ))
                        .on_hover_text(go.as_str())
                        .clicked()
                    {
                        jump = Some(seg.annotation);
                    }
                    for code in seg.codes.iter().filter_map(|c| project.code(c)) {
                        code_chip(ui, &code.name, code.color.0);
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 0.0;
                    ui.label(egui::RichText::new(flat(&seg.before)).weak());
                    ui.label(egui::RichText::new(flat(&seg.text)).strong());
                    ui.label(egui::RichText::new(flat(&seg.after)).weak());
                });
                if !seg.note.is_empty() {
                    ui.label(egui::RichText::new(&seg.note).italics());
                }
                ui.separator();
            }
        });
    if let Some(id) = jump {
        app.push(Command::SelectAnnotation { id, scroll: true });
    }
}

fn toggle(set: &mut BTreeSet<CodeId>, id: &CodeId, on: bool) {
    if on {
        set.insert(id.clone());
    } else {
        set.remove(id);
    }
}

/// The query with code names instead of ids.
fn query_names(query: &Query, project: &Project) -> String {
    let mut text = query.to_string();
    for code in project.codes() {
        text = text.replace(&code.id.0, &code.name);
    }
    text
}

/// Line breaks (many in PDF text) shown as spaces in one-line previews.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn segments_csv(project: &Project, segments: &[RetrievedSegment]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["document", "start", "end", "codes", "text", "note"]);
    for seg in segments {
        let codes: Vec<&str> = seg
            .codes
            .iter()
            .filter_map(|c| project.code(c))
            .map(|c| c.name.as_str())
            .collect();
        let start = seg.start.to_string();
        let end = seg.end.to_string();
        let codes = codes.join("; ");
        let _ = out.write_record([
            guard(&seg.document_name).as_str(),
            &start,
            &end,
            &guard(&codes),
            &guard(&seg.text),
            &guard(&seg.note),
        ]);
    }
    out.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Cells a spreadsheet would run as formulas get a leading apostrophe.
fn guard(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn segments_markdown(project: &Project, segments: &[RetrievedSegment]) -> String {
    let mut out = String::new();
    for seg in segments {
        let codes: Vec<&str> = seg
            .codes
            .iter()
            .filter_map(|c| project.code(c))
            .map(|c| c.name.as_str())
            .collect();
        out.push_str(&format!(
            "- **{}** [{}, {}) *{}*: {}",
            seg.document_name,
            seg.start,
            seg.end,
            codes.join(", "),
            flat(&seg.text)
        ));
        if !seg.note.is_empty() {
            out.push_str(&format!(" — {}", flat(&seg.note)));
        }
        out.push('\n');
    }
    out
}

fn stats_ui(app: &mut PizhuApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        let label = ui.label(t!("analysis-stats-proximity"));
        ui.add(
            egui::DragValue::new(&mut app.analysis.within_chars)
                .range(0..=10_000)
                .suffix(format!(" {}", t!("analysis-stats-characters-suffix"))),
        )
        .labelled_by(label.id);
    });
    let project = &app.project;
    let stats = app.analysis.stats(project).clone();
    let names: Vec<(String, Color32)> = stats
        .counts
        .codes
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                project
                    .code(&c.id)
                    .map_or(Color32::GRAY, |code| to_color32(code.color.0)),
            )
        })
        .collect();
    ui.horizontal(|ui| {
        if ui.button(t!("analysis-stats-copy-csv")).clicked() {
            ui.ctx().copy_text(stats_csv(&stats, &names));
        }
        let totals = &stats.counts.totals;
        ui.label(t!(
            "analysis-stats-totals",
            documents = totals.documents,
            codes = totals.codes,
            segments = totals.segments,
            coded = totals.coded_chars,
            chars = totals.chars
        ));
    });
    egui::ScrollArea::vertical()
        .id_salt("stats")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(t!("analysis-stats-per-code"));
            let max = stats
                .counts
                .codes
                .iter()
                .map(|c| c.segments)
                .max()
                .unwrap_or(0)
                .max(1);
            egui::Grid::new("per-code")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    ui.strong(t!("analysis-col-code"));
                    ui.strong(t!("analysis-col-segments"));
                    ui.strong(t!("analysis-col-characters"));
                    ui.strong("");
                    ui.end_row();
                    for (code, (name, colour)) in stats.counts.codes.iter().zip(&names) {
                        ui.label(name);
                        ui.label(code.segments.to_string());
                        ui.label(code.chars.to_string());
                        bar(ui, code.segments, max, *colour);
                        ui.end_row();
                    }
                });
            ui.heading(t!("analysis-stats-per-document"));
            egui::Grid::new("per-doc")
                .num_columns(5)
                .striped(true)
                .show(ui, |ui| {
                    for h in [
                        t!("analysis-col-document"),
                        t!("analysis-col-characters"),
                        t!("analysis-col-segments"),
                        t!("analysis-col-coded-characters"),
                        t!("analysis-col-codes"),
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for d in &stats.counts.documents {
                        ui.label(&d.name);
                        ui.label(d.chars.to_string());
                        ui.label(d.segments.to_string());
                        ui.label(d.coded_chars.to_string());
                        ui.label(d.codes.to_string());
                        ui.end_row();
                    }
                });
            ui.heading(t!("analysis-stats-code-document"));
            let doc_names: Vec<String> = stats
                .counts
                .code_document
                .documents
                .iter()
                .map(|id| {
                    project
                        .document(id)
                        .map_or_else(|| id.0.clone(), |d| d.name.clone())
                })
                .collect();
            heat_map(
                ui,
                "code-doc",
                &names,
                &doc_names,
                &stats.counts.code_document.segments,
            );
            ui.heading(match stats.cooccurrence.proximity {
                Proximity::Overlap => t!("analysis-stats-cooccurrence-overlap"),
                Proximity::Within { chars } => {
                    t!("analysis-stats-cooccurrence-within", chars = chars)
                }
            });
            let code_names: Vec<String> = names.iter().map(|(n, _)| n.clone()).collect();
            heat_map(ui, "cooc", &names, &code_names, &stats.cooccurrence.counts);
        });
}

/// A horizontal bar, `value / max` of 160 points long.
fn bar(ui: &mut Ui, value: usize, max: usize, colour: Color32) {
    #[allow(clippy::cast_precision_loss)]
    let w = 160.0 * value as f32 / max as f32;
    let (rect, _) = ui.allocate_exact_size(vec2(160.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(
        egui::Rect::from_min_size(rect.min, vec2(w, 12.0)),
        2.0,
        colour,
    );
}

/// A table whose cells are shaded by value (darker: more).
fn heat_map(
    ui: &mut Ui,
    id: &str,
    rows: &[(String, Color32)],
    columns: &[String],
    values: &[Vec<usize>],
) {
    let max = values.iter().flatten().copied().max().unwrap_or(0).max(1);
    egui::ScrollArea::horizontal().id_salt(id).show(ui, |ui| {
        egui::Grid::new(id)
            .num_columns(columns.len() + 1)
            .show(ui, |ui| {
                ui.label("");
                for c in columns {
                    ui.label(egui::RichText::new(c).small());
                }
                ui.end_row();
                for ((name, colour), row) in rows.iter().zip(values) {
                    ui.label(egui::RichText::new(name).color(*colour));
                    for v in row {
                        #[allow(clippy::cast_precision_loss)]
                        let t = *v as f32 / max as f32;
                        let (rect, response) =
                            ui.allocate_exact_size(vec2(44.0, 20.0), egui::Sense::hover());
                        let fill = colour.gamma_multiply(0.1 + 0.9 * t);
                        ui.painter().rect_filled(rect, 2.0, fill);
                        ui.painter().text(
                            rect.center(),
                            egui::Align2::CENTER_CENTER,
                            v.to_string(),
                            egui::FontId::proportional(12.0),
                            ui.visuals().strong_text_color(),
                        );
                        response.on_hover_text(format!("{name}: {v}"));
                    }
                    ui.end_row();
                }
            });
    });
}

fn stats_csv(stats: &Stats, names: &[(String, Color32)]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["table", "row", "column", "value"]);
    for (code, (name, _)) in stats.counts.codes.iter().zip(names) {
        let _ = out.write_record([
            "code segments",
            &guard(name),
            "",
            &code.segments.to_string(),
        ]);
        let _ = out.write_record(["code characters", &guard(name), "", &code.chars.to_string()]);
    }
    for (i, (row, _)) in names.iter().enumerate() {
        for (j, (col, _)) in names.iter().enumerate() {
            let v = stats
                .cooccurrence
                .counts
                .get(i)
                .and_then(|r| r.get(j))
                .copied()
                .unwrap_or(0);
            let _ = out.write_record(["co-occurrence", &guard(row), &guard(col), &v.to_string()]);
        }
    }
    out.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}
