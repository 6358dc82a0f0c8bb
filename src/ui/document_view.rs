//! The document view: a virtualized text view that lays out only what is on
//! screen, draws annotation highlights and search matches, and turns mouse
//! and keyboard gestures into a selection.
//!
//! The shown text (the document, or its reflowed reading-mode version) is cut
//! into blocks at line breaks. Each block is laid out into its own galley
//! when it first scrolls into view and cached until the width or font
//! changes; far ones are evicted; blocks never seen have an estimated
//! height. Highlights are painted over the cached galleys, so adding an
//! annotation re-lays out nothing.
//!
//! Positions inside the view are *display* positions; everything that leaves
//! it (selection, clicks) is mapped back to the document's own chars.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use crate::model::{Annotation, AnnotationId, CharPos, CharSpan, DocId, Document, Project};
use crate::text::reflow::Reflow;
use crate::text::segment::Segmenter;

/// Padding around the text, in points.
const PAD: f32 = 8.0;
/// The default row height as a multiple of the font size: room for
/// stacked underlines.
pub const LINE_SPACING: f32 = 1.9;
/// Underline thickness and the distance between stacked underlines.
const UNDERLINE: f32 = 2.0;
const LANE_STEP: f32 = 3.0;
/// Galleys kept around the visible blocks; farther ones are dropped.
const KEEP_AROUND: usize = 300;
/// Width of the overview strip and of the line-number gutter.
const STRIP: f32 = 10.0;
const GUTTER: f32 = 44.0;

/// A block of the shown text: chars `[start, start + len)`, without its `\n`.
#[derive(Clone, Copy, Debug)]
struct Block {
    start: usize,
    len: usize,
}

impl Block {
    fn end(self) -> usize {
        self.start + self.len
    }
}

/// The text shown: the document itself, or its reading-mode reflow.
#[derive(Default)]
struct Shown {
    key: Option<(DocId, usize, bool)>,
    /// The reflowed text as a document (reading mode only).
    reflowed: Option<Document>,
    reflow: Option<Reflow>,
    /// Original line number (1-based) of each block's first char.
    line_of_block: Vec<usize>,
}

/// Highlight data derived from a document's annotations, rebuilt when the
/// project changes.
#[derive(Default)]
struct Highlights {
    key: Option<(DocId, u64)>,
    /// For each annotation of the document (in project order), the lane of
    /// the underline of each of its codes.
    lanes: Vec<Vec<u16>>,
    /// Running maximum of annotation ends, to find those overlapping a block.
    max_end: Vec<usize>,
}

/// Search matches to draw, in original positions, sorted.
#[derive(Clone, Debug, Default)]
pub struct Matches<'a> {
    /// All matches in this document.
    pub spans: &'a [CharSpan],
    /// The current one.
    pub current: Option<CharSpan>,
}

/// What the overview strip's marks depend on: document, revision, mode, strip height.
type StripKey = (DocId, u64, bool, u32);
/// A mark: fraction of the text height, colour.
type StripMark = (f32, Color32);

/// What the user did in the view this frame.
#[derive(Debug, Default)]
pub struct ViewOutput {
    /// An annotation was clicked (without dragging).
    pub clicked_annotation: Option<AnnotationId>,
    /// The click landed on no annotation.
    pub clicked_empty: bool,
}

/// UI state of the document view: selection, scroll requests, caches.
pub struct DocumentView {
    shown: Shown,
    blocks: Vec<Block>,
    heights: Vec<f32>,
    tops: Vec<f32>,
    tops_dirty: bool,
    galleys: HashMap<usize, Arc<Galley>>,
    layout_key: (u32, u32, u32, [u8; 4]),
    highlights: Highlights,
    /// Selection ends, in display positions.
    anchor: CharPos,
    cursor: CharPos,
    /// Where the drag started, before snapping to words.
    raw_anchor: CharPos,
    scroll_to: Option<CharPos>,
    /// Selection (document chars) and top char to restore after a mode switch.
    pending_selection: Option<(CharSpan, CharPos)>,
    /// Overview strip marks, and what they were computed for.
    strip: (Option<StripKey>, Vec<StripMark>),
    /// Screen position of the text's top-left corner in the last frame.
    origin: Pos2,
    /// The visible part of the text, in content coordinates, last frame.
    viewport: Rect,
    /// Font size of the document text, in points.
    pub font_size: f32,
    /// Row height as a multiple of the font size.
    pub line_spacing: f32,
    /// Show the reflowed text (reading mode).
    pub reading_mode: bool,
    /// Show original line numbers in a gutter.
    pub line_numbers: bool,
    /// Snap drag selections to word boundaries (Alt drags exact characters).
    pub snap_to_words: bool,
    /// Tells several views of one document apart (egui ids).
    pub name: &'static str,
    /// The egui id of the text area, last frame.
    text_id: Option<egui::Id>,
}

impl Default for DocumentView {
    fn default() -> Self {
        Self {
            shown: Shown::default(),
            blocks: Vec::new(),
            heights: Vec::new(),
            tops: Vec::new(),
            tops_dirty: true,
            galleys: HashMap::new(),
            layout_key: (0, 0, 0, [0; 4]),
            highlights: Highlights::default(),
            anchor: CharPos(0),
            cursor: CharPos(0),
            raw_anchor: CharPos(0),
            scroll_to: None,
            pending_selection: None,
            strip: (None, Vec::new()),
            origin: Pos2::ZERO,
            viewport: Rect::NOTHING,
            font_size: 18.0,
            line_spacing: LINE_SPACING,
            reading_mode: false,
            line_numbers: false,
            snap_to_words: false,
            name: "main",
            text_id: None,
        }
    }
}

impl DocumentView {
    /// A view with its own egui ids, for showing a document more than once.
    pub fn named(name: &'static str) -> Self {
        Self {
            name,
            ..Self::default()
        }
    }

    fn to_display(&self, pos: CharPos) -> CharPos {
        self.shown
            .reflow
            .as_ref()
            .map_or(pos, |r| r.to_display(pos))
    }

    fn to_original(&self, pos: CharPos) -> CharPos {
        self.shown
            .reflow
            .as_ref()
            .map_or(pos, |r| r.to_original(pos))
    }

    fn display_span(&self, span: CharSpan) -> CharSpan {
        CharSpan::new(self.to_display(span.start()), self.to_display(span.end()))
    }

    /// The current selection (possibly empty), in the document's chars.
    pub fn selection(&self) -> CharSpan {
        let sel = CharSpan::new(self.anchor, self.cursor);
        CharSpan::new(self.to_original(sel.start()), self.to_original(sel.end()))
    }

    /// Select `span` (document chars) and scroll it into view.
    pub fn select(&mut self, span: CharSpan) {
        let span = self.display_span(span);
        self.anchor = span.start();
        self.raw_anchor = span.start();
        self.cursor = span.end();
        self.scroll_to = Some(span.start());
    }

    /// Select the whole text.
    pub fn select_all(&mut self) {
        self.anchor = CharPos(0);
        self.raw_anchor = CharPos(0);
        self.cursor = CharPos(self.blocks.last().map_or(0, |b| b.end()));
    }

    /// Select nothing.
    pub fn clear_selection(&mut self) {
        self.anchor = self.cursor;
        self.raw_anchor = self.cursor;
    }

    /// Scroll so that `pos` (document chars) is visible.
    pub fn scroll_to(&mut self, pos: CharPos) {
        self.scroll_to = Some(self.to_display(pos));
    }

    /// Forget the document (another one is shown next).
    pub fn reset(&mut self) {
        let Self {
            font_size,
            line_spacing,
            reading_mode,
            line_numbers,
            snap_to_words,
            name,
            ..
        } = *self;
        *self = Self {
            font_size,
            line_spacing,
            reading_mode,
            line_numbers,
            snap_to_words,
            name,
            ..Self::default()
        };
    }

    /// Switch reading mode, keeping the selection on the same characters.
    pub fn set_reading_mode(&mut self, on: bool) {
        if on == self.reading_mode {
            return;
        }
        let sel = self.selection();
        let top = self.top_char();
        self.reading_mode = on;
        self.shown.key = None; // rebuilt on the next frame
        self.pending_selection = Some((sel, top));
    }

    /// The document char at the top of the viewport.
    fn top_char(&self) -> CharPos {
        let i = self
            .tops
            .partition_point(|&t| t <= self.viewport.min.y)
            .saturating_sub(1);
        let display = self.blocks.get(i).map_or(CharPos(0), |b| CharPos(b.start));
        self.to_original(display)
    }

    /// Where the caret before `pos` (document chars) was drawn in the last
    /// frame (a zero-width rect, screen coordinates), if that text was laid out.
    pub fn screen_rect_of(&self, pos: CharPos) -> Option<Rect> {
        let pos = self.to_display(pos);
        let b = self.block_of(pos);
        let block = self.blocks.get(b)?;
        let galley = self.galleys.get(&b)?;
        let top = *self.tops.get(b)?;
        let local =
            galley.pos_from_cursor(egui::text::CCursor::new(pos.0.checked_sub(block.start)?));
        Some(local.translate(self.origin.to_vec2() + vec2(0.0, top)))
    }

    /// The shown text as a document (the reflow in reading mode).
    fn text<'a>(&'a self, doc: &'a Document) -> &'a Document {
        self.shown.reflowed.as_ref().unwrap_or(doc)
    }

    fn sync_document(&mut self, doc: &Document) {
        let key = (doc.id.clone(), doc.char_len(), self.reading_mode);
        if self.shown.key.as_ref() == Some(&key) {
            return;
        }
        let (reflow, reflowed) = if self.reading_mode {
            let reflow = Reflow::new(doc.text());
            let reflowed = Document::new(doc.id.clone(), doc.name.clone(), reflow.text.clone());
            (Some(reflow), Some(reflowed))
        } else {
            (None, None)
        };
        self.shown = Shown {
            key: Some(key),
            reflow,
            reflowed,
            line_of_block: Vec::new(),
        };
        let mut blocks = Vec::new();
        let mut start = 0;
        for line in self.text(doc).text().split('\n') {
            let len = line.chars().count();
            blocks.push(Block { start, len });
            start += len + 1;
        }
        self.blocks = blocks;
        // Original line numbers: count line breaks of the document up to each block.
        let mut line_starts = vec![0usize];
        line_starts.extend(
            doc.text()
                .chars()
                .enumerate()
                .filter(|(_, c)| *c == '\n')
                .map(|(i, _)| i + 1),
        );
        let line_of: Vec<usize> = self
            .blocks
            .iter()
            .map(|b| line_starts.partition_point(|&s| s <= self.to_original(CharPos(b.start)).0))
            .collect();
        self.shown.line_of_block = line_of;
        self.galleys.clear();
        self.heights.clear();
        self.tops_dirty = true;
        self.highlights = Highlights::default();
        let n = self.blocks.last().map_or(0, |b| b.end());
        if let Some((sel, top)) = self.pending_selection.take() {
            let sel = self.display_span(sel);
            self.anchor = sel.start();
            self.cursor = sel.end();
            self.raw_anchor = sel.start();
            self.scroll_to = Some(self.to_display(top));
        }
        self.anchor = CharPos(self.anchor.0.min(n));
        self.cursor = CharPos(self.cursor.0.min(n));
    }
}

impl DocumentView {
    /// The egui id of the text area (which takes keyboard focus).
    pub fn text_id(&self) -> Option<egui::Id> {
        self.text_id
    }

    fn sync_layout(&mut self, width: f32, text_color: egui::Color32) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let key = (
            width.round() as u32,
            (self.font_size * 10.0).round() as u32,
            (self.line_spacing * 100.0).round() as u32,
            text_color.to_array(),
        );
        if key != self.layout_key || self.heights.len() != self.blocks.len() {
            self.layout_key = key;
            self.galleys.clear();
            let row = self.row_height();
            let per_row = (width / self.font_size).max(1.0);
            let blank = self.blank_height();
            self.heights = self
                .blocks
                .iter()
                .map(|b| {
                    if b.len == 0 {
                        return blank;
                    }
                    #[allow(clippy::cast_precision_loss)]
                    let rows = ((b.len as f32) / per_row).ceil().max(1.0);
                    rows * row
                })
                .collect();
            self.tops_dirty = true;
        }
    }

    fn row_height(&self) -> f32 {
        self.font_size * self.line_spacing.clamp(1.0, 3.0)
    }

    /// Blank lines are drawn half height: PDF-extracted texts put one
    /// between every two lines, and full rows would double the scrolling.
    fn blank_height(&self) -> f32 {
        self.row_height() * 0.5
    }

    fn sync_tops(&mut self) {
        if !self.tops_dirty {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        self.tops.push(y);
        for h in &self.heights {
            y += h;
            self.tops.push(y);
        }
        self.tops_dirty = false;
    }

    fn sync_highlights(&mut self, project: &Project, doc: &Document) {
        let key = (doc.id.clone(), project.revision());
        if self.highlights.key.as_ref() == Some(&key) {
            return;
        }
        let anns = project.annotations_of(&doc.id);
        // Greedy interval colouring: each (annotation, code) underline takes
        // the lowest lane free at its start, so overlapping ones stack.
        let mut lane_ends: Vec<usize> = Vec::new();
        let mut lanes = Vec::with_capacity(anns.len());
        let mut max_end = Vec::with_capacity(anns.len());
        let mut running = 0;
        for ann in anns {
            let (start, end) = (ann.start().0, ann.end().0);
            let mut mine = Vec::with_capacity(ann.codes.len().max(1));
            for _ in 0..ann.codes.len().max(1) {
                let lane = match lane_ends.iter().position(|&e| e <= start) {
                    Some(free) => free,
                    None => {
                        lane_ends.push(0);
                        lane_ends.len() - 1
                    }
                };
                if let Some(slot) = lane_ends.get_mut(lane) {
                    *slot = end;
                }
                mine.push(u16::try_from(lane).unwrap_or(u16::MAX));
            }
            lanes.push(mine);
            running = running.max(end);
            max_end.push(running);
        }
        self.highlights = Highlights {
            key: Some(key),
            lanes,
            max_end,
        };
    }

    /// Indices (into `annotations_of(doc)`) of annotations overlapping
    /// document chars `[from, to)`.
    fn overlapping(&self, anns: &[Annotation], from: usize, to: usize) -> std::ops::Range<usize> {
        let hi = anns.partition_point(|a| a.start().0 < to);
        let lo = self.highlights.max_end.partition_point(|&e| e <= from);
        lo.min(hi)..hi
    }

    fn galley(&mut self, ui: &Ui, doc: &Document, index: usize, width: f32) -> Option<Arc<Galley>> {
        if let Some(g) = self.galleys.get(&index) {
            return Some(g.clone());
        }
        let block = *self.blocks.get(index)?;
        let text = self
            .text(doc)
            .slice(CharSpan::from_range(block.start, block.end()))?;
        let format = TextFormat {
            font_id: FontId::proportional(self.font_size),
            color: ui.visuals().text_color(),
            line_height: Some(self.row_height()),
            valign: egui::Align::Center,
            ..TextFormat::default()
        };
        let mut job = LayoutJob::single_section(text.to_owned(), format);
        job.wrap.max_width = width;
        let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
        let height = if block.len == 0 {
            self.blank_height()
        } else {
            galley.size().y.max(self.row_height())
        };
        if let Some(h) = self.heights.get_mut(index)
            && (*h - height).abs() > 0.1
        {
            *h = height;
            self.tops_dirty = true;
        }
        self.galleys.insert(index, galley.clone());
        Some(galley)
    }

    /// The block holding display position `pos`.
    fn block_of(&self, pos: CharPos) -> usize {
        self.blocks
            .partition_point(|b| b.end() < pos.0)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// Draw the document and handle selection gestures.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        doc: &Document,
        selected: Option<AnnotationId>,
        matches: &Matches<'_>,
        segmenter: Option<&Segmenter>,
    ) -> ViewOutput {
        self.sync_document(doc);
        let full = ui.available_rect_before_wrap();
        let gutter = if self.line_numbers { GUTTER } else { 0.0 };
        let width = (full.width() - 2.0 * PAD - 16.0 - STRIP - gutter).max(50.0);
        self.sync_layout(width, ui.visuals().text_color());
        self.sync_highlights(project, doc);
        // Lay out the target block first, so the scroll lands on real heights.
        if let Some(pos) = self.scroll_to {
            let b = self.block_of(pos);
            let _ = self.galley(ui, doc, b, width);
        }
        self.sync_tops();
        self.handle_keys(ui, doc, segmenter);

        let text_rect = full.with_max_x(full.right() - STRIP - 2.0);
        let strip_rect = Rect::from_min_max(pos2(full.right() - STRIP, full.top()), full.max);
        ui.allocate_rect(full, Sense::hover());
        let mut text_ui = ui.new_child(egui::UiBuilder::new().max_rect(text_rect));

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("document", self.name, &doc.id))
            .auto_shrink([false, false])
            // Dragging selects text; the wheel and the scroll bar scroll.
            .scroll_source(
                egui::containers::scroll_area::ScrollSource::MOUSE_WHEEL
                    | egui::containers::scroll_area::ScrollSource::SCROLL_BAR,
            );
        let total = self.tops.last().copied().unwrap_or(0.0) + 2.0 * PAD;
        if let Some(pos) = self.scroll_to.take() {
            let b = self.block_of(pos);
            let y = self.tops.get(b).copied().unwrap_or(0.0);
            // Past the end, egui would animate back: clamp to what can scroll.
            let max = (total - text_rect.height()).max(0.0);
            area = area.vertical_scroll_offset((y - text_rect.height() / 3.0).clamp(0.0, max));
        }
        let mut output = ViewOutput::default();
        area.show_viewport(&mut text_ui, |ui, viewport| {
            self.viewport = viewport;
            ui.set_min_height(total);
            let origin = ui.max_rect().min + vec2(PAD + gutter, PAD);
            self.origin = origin;
            let content = Rect::from_min_size(ui.max_rect().min, vec2(ui.available_width(), total));
            let response =
                ui.interact(content, ui.scope_id().with("text"), Sense::click_and_drag());
            self.text_id = Some(response.id);
            // Screen readers name the text by its document; the status bar
            // announces the selection (see `PizhuApp::status_ui`).
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Document,
                    true,
                    crate::t!("a11y-document", name = doc.name.clone()),
                )
            });

            // Lay out and paint the visible blocks.
            let first = self
                .tops
                .partition_point(|&t| t <= viewport.min.y - PAD)
                .saturating_sub(1);
            let mut visible = first..first;
            let mut i = first;
            while i < self.blocks.len() {
                let top = self.tops.get(i).copied().unwrap_or(f32::MAX);
                if top > viewport.max.y {
                    break;
                }
                if let Some(galley) = self.galley(ui, doc, i, width) {
                    let pos = origin + vec2(0.0, top);
                    self.paint_block(ui, project, doc, i, &galley, pos, selected, matches);
                    if self.line_numbers {
                        self.paint_line_number(ui, i, &galley, pos);
                    }
                }
                i += 1;
                visible.end = i;
            }
            self.sync_tops();
            self.evict(&visible);

            self.handle_pointer(ui, &response, doc, origin, segmenter, project, &mut output);
            self.hover_ui(&response, project, doc, origin);
        });
        self.strip_ui(ui, strip_rect, project, doc);
        output
    }

    fn evict(&mut self, visible: &std::ops::Range<usize>) {
        if self.galleys.len() > 4 * KEEP_AROUND {
            let lo = visible.start.saturating_sub(KEEP_AROUND);
            let hi = visible.end + KEEP_AROUND;
            self.galleys.retain(|i, _| (lo..hi).contains(i));
        }
    }

    fn paint_line_number(&self, ui: &Ui, index: usize, galley: &Galley, pos: Pos2) {
        let (Some(block), Some(line)) =
            (self.blocks.get(index), self.shown.line_of_block.get(index))
        else {
            return;
        };
        if block.len == 0 {
            return;
        }
        let y = galley
            .rows
            .first()
            .map_or(0.0, |r| r.pos.y + r.row.size.y / 2.0);
        ui.painter().text(
            pos2(pos.x - 8.0, pos.y + y),
            egui::Align2::RIGHT_CENTER,
            line.to_string(),
            FontId::monospace(self.font_size * 0.6),
            ui.visuals().weak_text_color(),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn paint_block(
        &self,
        ui: &Ui,
        project: &Project,
        doc: &Document,
        index: usize,
        galley: &Arc<Galley>,
        pos: Pos2,
        selected: Option<AnnotationId>,
        matches: &Matches<'_>,
    ) {
        let Some(block) = self.blocks.get(index).copied() else {
            return;
        };
        let painter = ui.painter();
        let anns = project.annotations_of(&doc.id);
        let block_span = CharSpan::from_range(block.start, block.end());
        // The block in document chars, for looking up annotations and matches.
        let orig_from = self.to_original(CharPos(block.start)).0;
        let orig_to = self.to_original(CharPos(block.end())).0.max(orig_from + 1);
        let range = self.overlapping(anns, orig_from, orig_to);
        let dark = ui.visuals().dark_mode;
        let rects_of = |span: CharSpan| -> Vec<Rect> {
            let Some(part) = self.display_span(span).intersect(block_span) else {
                return Vec::new();
            };
            span_rects(
                galley,
                part.start().0 - block.start,
                part.end().0 - block.start,
            )
            .into_iter()
            .map(|r| r.translate(pos.to_vec2()))
            .collect()
        };

        // Fills first, so text stays on top.
        for k in range.clone() {
            let Some(ann) = anns.get(k) else { continue };
            let colour = ann
                .codes
                .first()
                .and_then(|c| project.code(c))
                .map_or(Color32::GRAY, |c| to_color32(c.color.0));
            let fill = colour.gamma_multiply(if dark { 0.5 } else { 0.3 });
            for span in &ann.spans {
                for rect in rects_of(*span) {
                    painter.rect_filled(rect, 2.0, fill);
                }
            }
        }
        // Search matches: a frame around each, the current one filled.
        let lo = matches.spans.partition_point(|m| m.end().0 <= orig_from);
        let hi = matches.spans.partition_point(|m| m.start().0 < orig_to);
        for m in matches.spans.get(lo..hi).unwrap_or_default() {
            let current = matches.current == Some(*m);
            for rect in rects_of(*m) {
                if current {
                    painter.rect_filled(
                        rect.expand(1.0),
                        2.0,
                        Color32::from_rgba_unmultiplied(255, 200, 0, 110),
                    );
                }
                painter.rect_stroke(
                    rect.expand(1.0),
                    2.0,
                    Stroke::new(1.5, Color32::from_rgb(230, 170, 0)),
                    egui::StrokeKind::Outside,
                );
            }
        }
        let sel = CharSpan::new(self.anchor, self.cursor);
        if let Some(part) = sel.intersect(block_span) {
            let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
            for rect in span_rects(
                galley,
                part.start().0 - block.start,
                part.end().0 - block.start,
            ) {
                painter.rect_filled(rect.translate(pos.to_vec2()), 0.0, fill);
            }
        }
        painter.galley(pos, galley.clone(), ui.visuals().text_color());

        // Underlines, one lane per (annotation, code), and the selected outline.
        for k in range {
            let Some(ann) = anns.get(k) else { continue };
            let lanes = self.highlights.lanes.get(k);
            for span in &ann.spans {
                let rects = rects_of(*span);
                for (j, code) in ann.codes.iter().enumerate() {
                    let colour = project
                        .code(code)
                        .map_or(Color32::GRAY, |c| to_color32(c.color.0));
                    let lane = lanes.and_then(|l| l.get(j)).copied().unwrap_or(0);
                    let dy = 1.0 + f32::from(lane) * LANE_STEP;
                    for r in &rects {
                        let y = r.bottom() + dy;
                        painter.line_segment(
                            [pos2(r.left(), y), pos2(r.right(), y)],
                            Stroke::new(UNDERLINE, colour),
                        );
                    }
                }
                if Some(ann.id) == selected {
                    for rect in &rects {
                        painter.rect_stroke(
                            rect.expand(1.5),
                            2.0,
                            Stroke::new(1.5, ui.visuals().strong_text_color()),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
        }
    }

    /// The display char under `pointer` (screen coordinates).
    fn char_at(&self, pointer: Pos2, origin: Pos2) -> CharPos {
        let y = pointer.y - origin.y;
        let i = self
            .tops
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
            .min(self.blocks.len().saturating_sub(1));
        let Some(block) = self.blocks.get(i).copied() else {
            return CharPos(0);
        };
        let top = self.tops.get(i).copied().unwrap_or(0.0);
        match self.galleys.get(&i) {
            Some(galley) => {
                let local = pointer - origin - vec2(0.0, top);
                let cursor = galley.cursor_from_pos(local);
                CharPos(block.start + cursor.index.0.min(block.len))
            }
            None => CharPos(block.start),
        }
    }

    /// The word (display chars) holding display position `pos`.
    fn word_at(&self, doc: &Document, pos: CharPos, segmenter: Option<&Segmenter>) -> CharSpan {
        let text = self.text(doc);
        segmenter
            .and_then(|s| s.word_at(text, pos))
            .unwrap_or_else(|| fallback_word(text, pos))
    }

    #[allow(clippy::too_many_arguments)]
    fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        doc: &Document,
        origin: Pos2,
        segmenter: Option<&Segmenter>,
        project: &Project,
        output: &mut ViewOutput,
    ) {
        let Some(pointer) = response.interact_pointer_pos() else {
            return;
        };
        let at = self.char_at(pointer, origin);
        let (shift, alt) = ui.input(|i| (i.modifiers.shift, i.modifiers.alt));
        if response.double_clicked() {
            let word = self.word_at(doc, at, segmenter);
            self.anchor = word.start();
            self.raw_anchor = word.start();
            self.cursor = word.end();
            return;
        }
        let pressed = response.is_pointer_button_down_on() && ui.input(|i| i.pointer.any_pressed());
        if pressed {
            if !shift {
                self.anchor = at;
                self.raw_anchor = at;
            }
            self.cursor = at;
        } else if response.dragged() {
            self.cursor = at;
            if self.snap_to_words && !alt && at != self.raw_anchor {
                // Grow both ends to whole words, in the drag's direction.
                let forward = at > self.raw_anchor;
                let a = self.word_at(doc, self.raw_anchor, segmenter);
                let b = self.word_at(
                    doc,
                    if forward {
                        CharPos(at.0.saturating_sub(1))
                    } else {
                        at
                    },
                    segmenter,
                );
                if forward {
                    self.anchor = a.start().min(self.raw_anchor);
                    self.cursor = b.end().max(at);
                } else {
                    self.anchor = a.end().max(self.raw_anchor);
                    self.cursor = b.start().min(at);
                }
            }
            // Keep the moving end in view when dragging past the edges.
            let rect = ui.clip_rect();
            if pointer.y < rect.top() + 10.0 || pointer.y > rect.bottom() - 10.0 {
                ui.scroll_to_rect(Rect::from_center_size(pointer, Vec2::splat(1.0)), None);
            }
        }
        if response.clicked() && !shift {
            let at = self.to_original(at);
            let anns = project.annotations_of(&doc.id);
            // The innermost (shortest) annotation under the click.
            output.clicked_annotation = anns
                .iter()
                .filter(|a| a.covers(at))
                .min_by_key(|a| a.char_count())
                .map(|a| a.id);
            output.clicked_empty = output.clicked_annotation.is_none();
        }
    }

    /// Shift with arrows, Page Up/Down, Home/End extends the selection.
    fn handle_keys(&mut self, ui: &Ui, doc: &Document, segmenter: Option<&Segmenter>) {
        if ui.ctx().text_edit_focused() || !ui.input(|i| i.modifiers.shift) {
            return;
        }
        use egui::Key;
        let n = self.blocks.last().map_or(0, |b| b.end());
        let page = (self.viewport.height() * 0.9).max(self.row_height());
        let line = self.row_height();
        let ctrl = ui.input(|i| i.modifiers.command);
        let pressed = |k: Key| ui.input(|i| i.key_pressed(k));
        let mut moved = None;
        if pressed(Key::ArrowLeft) {
            moved = Some(if ctrl {
                self.word_at(doc, CharPos(self.cursor.0.saturating_sub(1)), segmenter)
                    .start()
            } else {
                CharPos(self.cursor.0.saturating_sub(1))
            });
        } else if pressed(Key::ArrowRight) {
            moved = Some(if ctrl {
                self.word_at(doc, self.cursor, segmenter).end()
            } else {
                self.cursor.plus(1)
            });
        } else if pressed(Key::ArrowUp) {
            moved = self.vertical(-line);
        } else if pressed(Key::ArrowDown) {
            moved = self.vertical(line);
        } else if pressed(Key::PageUp) {
            moved = self.vertical(-page);
        } else if pressed(Key::PageDown) {
            moved = self.vertical(page);
        } else if pressed(Key::Home) {
            moved = Some(CharPos(
                self.blocks
                    .get(self.block_of(self.cursor))
                    .map_or(0, |b| b.start),
            ));
        } else if pressed(Key::End) {
            moved = Some(CharPos(
                self.blocks
                    .get(self.block_of(self.cursor))
                    .map_or(0, |b| b.end()),
            ));
        }
        if let Some(pos) = moved {
            self.cursor = CharPos(pos.0.min(n));
            self.scroll_to = Some(self.cursor);
        }
    }

    /// The display position `dy` points below (or above) the cursor.
    fn vertical(&self, dy: f32) -> Option<CharPos> {
        let b = self.block_of(self.cursor);
        let block = self.blocks.get(b)?;
        let top = *self.tops.get(b)?;
        let x_y = match self.galleys.get(&b) {
            Some(g) => {
                let r = g.pos_from_cursor(egui::text::CCursor::new(
                    self.cursor.0.saturating_sub(block.start),
                ));
                pos2(r.center().x, top + r.center().y)
            }
            None => pos2(0.0, top),
        };
        let target = x_y + vec2(0.0, dy);
        let i = self
            .tops
            .partition_point(|&t| t <= target.y)
            .saturating_sub(1)
            .min(self.blocks.len().saturating_sub(1));
        let block = self.blocks.get(i)?;
        let t = *self.tops.get(i)?;
        Some(match self.galleys.get(&i) {
            Some(g) => CharPos(
                block.start
                    + g.cursor_from_pos(vec2(target.x, target.y - t))
                        .index
                        .0
                        .min(block.len),
            ),
            None => CharPos(block.start),
        })
    }

    fn hover_ui(&self, response: &egui::Response, project: &Project, doc: &Document, origin: Pos2) {
        if response.dragged() {
            return;
        }
        let Some(hover) = response.hover_pos() else {
            return;
        };
        let at = self.to_original(self.char_at(hover, origin));
        let anns = project.annotations_of(&doc.id);
        let range = self.overlapping(anns, at.0, at.0 + 1);
        let under: Vec<&Annotation> = anns
            .get(range)
            .unwrap_or_default()
            .iter()
            .filter(|a| a.covers(at))
            .collect();
        if under.is_empty() {
            return;
        }
        response.clone().on_hover_ui_at_pointer(|ui| {
            for ann in under {
                ui.horizontal_wrapped(|ui| {
                    for code in ann.codes.iter().filter_map(|c| project.code(c)) {
                        code_chip(ui, &code.name, code.color.0);
                    }
                });
                if !ann.note.is_empty() {
                    ui.label(&ann.note);
                }
            }
        });
    }

    /// The overview strip: where each code's annotations sit; click to go there.
    fn strip_ui(&mut self, ui: &Ui, rect: Rect, project: &Project, doc: &Document) {
        // Positions on the strip are fractions of the text's characters, not
        // of its laid-out height, which changes while the user scrolls: the
        // marks are computed once per edit, not once per frame.
        #[allow(clippy::cast_precision_loss)]
        let len = self.blocks.last().map_or(1, |b| b.end()).max(1) as f32;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let key = (
            doc.id.clone(),
            project.revision(),
            self.reading_mode,
            rect.height() as u32,
        );
        if self.strip.0.as_ref() != Some(&key) {
            // One mark per pixel row at most: 10,000 annotations stay cheap to draw.
            let mut marks: Vec<(f32, Color32)> = Vec::new();
            let mut last_px = -1.0_f32;
            for ann in project.annotations_of(&doc.id) {
                #[allow(clippy::cast_precision_loss)]
                let frac = self.to_display(ann.start()).0 as f32 / len;
                let px = (frac * rect.height()).floor();
                if px > last_px {
                    let colour = ann
                        .codes
                        .first()
                        .and_then(|c| project.code(c))
                        .map_or(Color32::GRAY, |c| to_color32(c.color.0));
                    marks.push((frac, colour));
                    last_px = px;
                }
            }
            self.strip = (Some(key), marks);
        }
        let painter = ui.painter();
        painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
        for (frac, colour) in &self.strip.1 {
            let y = rect.top() + frac * rect.height();
            painter.rect_filled(
                Rect::from_min_size(pos2(rect.left(), y), vec2(rect.width(), 2.0)),
                0.0,
                *colour,
            );
        }
        // Where the viewport is, in the same character fractions.
        let frac_at = |y: f32| {
            let i = self.tops.partition_point(|&t| t <= y).saturating_sub(1);
            #[allow(clippy::cast_precision_loss)]
            let start = self.blocks.get(i).map_or(0, |b| b.start) as f32;
            start / len
        };
        let vy0 = rect.top() + frac_at(self.viewport.min.y) * rect.height();
        let vy1 = rect.top() + frac_at(self.viewport.max.y) * rect.height();
        painter.rect_stroke(
            Rect::from_min_max(
                pos2(rect.left(), vy0),
                pos2(rect.right(), vy1.max(vy0 + 3.0)),
            ),
            1.0,
            Stroke::new(1.0, ui.visuals().weak_text_color()),
            egui::StrokeKind::Inside,
        );
        let response = ui.interact(
            rect,
            ui.scope_id().with(("overview", self.name)),
            Sense::click_and_drag(),
        );
        if let Some(p) = response.interact_pointer_pos()
            && (response.clicked() || response.dragged())
        {
            let frac = ((p.y - rect.top()) / rect.height()).clamp(0.0, 1.0);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let pos = CharPos((frac * len) as usize);
            self.scroll_to = Some(pos);
        }
    }
}

/// A word-ish span around `pos` when jieba is not ready yet: the run of
/// characters of the same kind (ideographs, letters/digits).
fn fallback_word(doc: &Document, pos: CharPos) -> CharSpan {
    let kind = |c: char| {
        if c.is_alphanumeric() && !c.is_ascii() {
            1
        } else if c.is_alphanumeric() {
            2
        } else {
            0
        }
    };
    let lo = CharPos(pos.0.saturating_sub(20));
    let hi = pos.plus(21).min(CharPos(doc.char_len()));
    let window: Vec<char> = doc.slice_clamped(CharSpan::new(lo, hi)).chars().collect();
    let at = pos.0 - lo.0;
    let Some(&c) = window.get(at) else {
        return CharSpan::new(pos, pos);
    };
    let k = kind(c);
    if k == 0 {
        return CharSpan::new(pos, pos.plus(1));
    }
    let mut a = at;
    while a > 0 && window.get(a - 1).is_some_and(|&c| kind(c) == k) {
        a -= 1;
    }
    let mut b = at + 1;
    while window.get(b).is_some_and(|&c| kind(c) == k) {
        b += 1;
    }
    CharSpan::from_range(lo.0 + a, lo.0 + b)
}

/// Rectangles (galley coordinates) covering chars `[from, to)` of a galley,
/// one per row, hugging the glyphs (line gaps stay free for underlines).
fn span_rects(galley: &Galley, from: usize, to: usize) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.row.glyphs.len();
        let (a, b) = (from.max(row_start), to.min(row_start + n));
        if a < b {
            let glyphs = &row.row.glyphs;
            let (Some(first), Some(last)) =
                (glyphs.get(a - row_start), glyphs.get(b - row_start - 1))
            else {
                continue;
            };
            let top = row.pos.y + first.pos.y - first.font_ascent;
            let bottom = top + first.font_height;
            rects.push(Rect::from_min_max(
                pos2(row.pos.x + first.pos.x, top),
                pos2(row.pos.x + last.max_x(), bottom),
            ));
        }
        row_start += n + usize::from(row.ends_with_newline);
    }
    rects
}

/// An sRGB triple as an egui colour.
pub fn to_color32([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// A small rounded label in a code's colour.
pub fn code_chip(ui: &mut Ui, name: &str, rgb: [u8; 3]) -> egui::Response {
    let colour = to_color32(rgb);
    let text = egui::RichText::new(name).color(Color32::WHITE).small();
    egui::Frame::new()
        .fill(colour)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| ui.label(text))
        .response
}
