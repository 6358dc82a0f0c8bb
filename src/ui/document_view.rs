//! The document view: a virtualized text view that lays out only what is on
//! screen, draws annotation highlights, and turns mouse gestures into a
//! selection.
//!
//! The text is cut into blocks at line breaks. Each block is laid out into
//! its own galley when it first scrolls into view and cached until the width
//! or font changes; blocks never seen have an estimated height. Highlights
//! are painted over the cached galleys, so adding an annotation re-lays out
//! nothing.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use crate::model::{Annotation, AnnotationId, CharPos, CharSpan, DocId, Document, Project};
use crate::text::segment::Segmenter;

/// Padding around the text, in points.
const PAD: f32 = 8.0;
/// Line height as a multiple of the font size: room for stacked underlines.
const LINE_SPACING: f32 = 1.9;
/// Underline thickness and the distance between stacked underlines.
const UNDERLINE: f32 = 2.0;
const LANE_STEP: f32 = 3.0;
/// Galleys kept around the visible blocks; farther ones are dropped.
const KEEP_AROUND: usize = 300;

/// A line of the document: chars `[start, start + len)`, without its `\n`.
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
    doc_key: Option<(DocId, usize)>,
    blocks: Vec<Block>,
    heights: Vec<f32>,
    tops: Vec<f32>,
    tops_dirty: bool,
    galleys: HashMap<usize, Arc<Galley>>,
    layout_key: (u32, u32, bool),
    highlights: Highlights,
    /// Where the selection started (fixed end).
    pub anchor: CharPos,
    /// Where the selection ends (moving end).
    pub cursor: CharPos,
    scroll_to: Option<CharPos>,
    /// Screen position of the text's top-left corner in the last frame.
    origin: Pos2,
    /// Font size of the document text, in points.
    pub font_size: f32,
}

impl Default for DocumentView {
    fn default() -> Self {
        Self {
            doc_key: None,
            blocks: Vec::new(),
            heights: Vec::new(),
            tops: Vec::new(),
            tops_dirty: true,
            galleys: HashMap::new(),
            layout_key: (0, 0, false),
            highlights: Highlights::default(),
            anchor: CharPos(0),
            cursor: CharPos(0),
            scroll_to: None,
            origin: Pos2::ZERO,
            font_size: 18.0,
        }
    }
}

impl DocumentView {
    /// The current selection (possibly empty).
    pub fn selection(&self) -> CharSpan {
        CharSpan::new(self.anchor, self.cursor)
    }

    /// Select `span` and scroll it into view.
    pub fn select(&mut self, span: CharSpan) {
        self.anchor = span.start();
        self.cursor = span.end();
        self.scroll_to = Some(span.start());
    }

    /// Select nothing.
    pub fn clear_selection(&mut self) {
        self.anchor = self.cursor;
    }

    /// Scroll so that `pos` is visible.
    pub fn scroll_to(&mut self, pos: CharPos) {
        self.scroll_to = Some(pos);
    }

    /// Where the caret before `pos` was drawn in the last frame (a
    /// zero-width rect, screen coordinates), if that text was laid out.
    pub fn screen_rect_of(&self, pos: CharPos) -> Option<Rect> {
        let b = self.block_of(pos);
        let block = self.blocks.get(b)?;
        let galley = self.galleys.get(&b)?;
        let top = *self.tops.get(b)?;
        let local = galley.pos_from_cursor(egui::text::CCursor::new(pos.0.checked_sub(block.start)?));
        Some(local.translate(self.origin.to_vec2() + vec2(0.0, top)))
    }

    /// Forget the document (another one is shown next).
    pub fn reset(&mut self) {
        let font_size = self.font_size;
        *self = Self { font_size, ..Self::default() };
    }

    fn sync_document(&mut self, doc: &Document) {
        let key = (doc.id.clone(), doc.char_len());
        if self.doc_key.as_ref() == Some(&key) {
            return;
        }
        self.doc_key = Some(key);
        self.blocks.clear();
        let mut start = 0;
        for line in doc.text().split('\n') {
            let len = line.chars().count();
            self.blocks.push(Block { start, len });
            start += len + 1;
        }
        self.galleys.clear();
        self.heights.clear();
        self.tops_dirty = true;
        self.highlights = Highlights::default();
        let n = doc.char_len();
        self.anchor = CharPos(self.anchor.0.min(n));
        self.cursor = CharPos(self.cursor.0.min(n));
    }

    fn sync_layout(&mut self, width: f32, dark: bool) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let key = (width.round() as u32, (self.font_size * 10.0).round() as u32, dark);
        if key != self.layout_key || self.heights.len() != self.blocks.len() {
            self.layout_key = key;
            self.galleys.clear();
            let row = self.row_height();
            #[allow(clippy::cast_precision_loss)]
            let per_row = (width / (self.font_size * 1.0)).max(1.0);
            self.heights = self
                .blocks
                .iter()
                .map(|b| {
                    if b.len == 0 {
                        return self.blank_height();
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
        self.font_size * LINE_SPACING
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
        self.highlights = Highlights { key: Some(key), lanes, max_end };
    }

    /// Indices (into `annotations_of(doc)`) of annotations overlapping chars `[from, to)`.
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
        let text = doc.slice(CharSpan::from_range(block.start, block.end()))?;
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
        let height = if block.len == 0 { self.blank_height() } else { galley.size().y.max(self.row_height()) };
        if let Some(h) = self.heights.get_mut(index)
            && (*h - height).abs() > 0.1
        {
            *h = height;
            self.tops_dirty = true;
        }
        self.galleys.insert(index, galley.clone());
        Some(galley)
    }

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
        segmenter: Option<&Segmenter>,
    ) -> ViewOutput {
        self.sync_document(doc);
        let width = (ui.available_width() - 2.0 * PAD - 16.0).max(50.0);
        self.sync_layout(width, ui.visuals().dark_mode);
        self.sync_highlights(project, doc);
        // Lay out the target block first, so the scroll lands on real heights.
        if let Some(pos) = self.scroll_to {
            let b = self.block_of(pos);
            let _ = self.galley(ui, doc, b, width);
        }
        self.sync_tops();

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("document", &doc.id))
            .auto_shrink([false, false]);
        if let Some(pos) = self.scroll_to.take() {
            let b = self.block_of(pos);
            let y = self.tops.get(b).copied().unwrap_or(0.0);
            area = area.vertical_scroll_offset((y - ui.available_height() / 3.0).max(0.0));
        }
        let total = self.tops.last().copied().unwrap_or(0.0) + 2.0 * PAD;
        let mut output = ViewOutput::default();
        area.show_viewport(ui, |ui, viewport| {
            ui.set_min_height(total);
            let origin = ui.max_rect().min + vec2(PAD, PAD);
            self.origin = origin;
            let content = Rect::from_min_size(ui.max_rect().min, vec2(ui.available_width(), total));
            let response = ui.interact(content, ui.scope_id().with("text"), Sense::click_and_drag());

            // Lay out and paint the visible blocks.
            let first = self.tops.partition_point(|&t| t <= viewport.min.y - PAD).saturating_sub(1);
            let mut visible = first..first;
            let mut i = first;
            while i < self.blocks.len() {
                let top = self.tops.get(i).copied().unwrap_or(f32::MAX);
                if top > viewport.max.y {
                    break;
                }
                if let Some(galley) = self.galley(ui, doc, i, width) {
                    self.paint_block(ui, project, doc, i, &galley, origin + vec2(0.0, top), selected);
                }
                i += 1;
                visible.end = i;
            }
            self.sync_tops();
            self.evict(&visible);

            self.handle_pointer(ui, &response, doc, origin, segmenter, project, &mut output);
            self.hover_ui(&response, project, doc, origin);
        });
        output
    }

    fn evict(&mut self, visible: &std::ops::Range<usize>) {
        if self.galleys.len() > 4 * KEEP_AROUND {
            let lo = visible.start.saturating_sub(KEEP_AROUND);
            let hi = visible.end + KEEP_AROUND;
            self.galleys.retain(|i, _| (lo..hi).contains(i));
        }
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
    ) {
        let Some(block) = self.blocks.get(index).copied() else { return };
        let painter = ui.painter();
        let anns = project.annotations_of(&doc.id);
        let range = self.overlapping(anns, block.start, block.end().max(block.start + 1));
        let block_span = CharSpan::from_range(block.start, block.end());
        let dark = ui.visuals().dark_mode;

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
                if let Some(part) = span.intersect(block_span) {
                    for rect in span_rects(galley, part.start().0 - block.start, part.end().0 - block.start) {
                        painter.rect_filled(rect.translate(pos.to_vec2()), 2.0, fill);
                    }
                }
            }
        }
        let sel = self.selection();
        if let Some(part) = sel.intersect(CharSpan::from_range(block.start, block.end())) {
            let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
            for rect in span_rects(galley, part.start().0 - block.start, part.end().0 - block.start) {
                painter.rect_filled(rect.translate(pos.to_vec2()), 0.0, fill);
            }
        }
        painter.galley(pos, galley.clone(), ui.visuals().text_color());

        // Underlines, one lane per (annotation, code), and the selected outline.
        for k in range {
            let Some(ann) = anns.get(k) else { continue };
            let lanes = self.highlights.lanes.get(k);
            for span in &ann.spans {
                let Some(part) = span.intersect(block_span) else { continue };
                let rects = span_rects(galley, part.start().0 - block.start, part.end().0 - block.start);
                for (j, code) in ann.codes.iter().enumerate() {
                    let colour = project.code(code).map_or(Color32::GRAY, |c| to_color32(c.color.0));
                    let lane = lanes.and_then(|l| l.get(j)).copied().unwrap_or(0);
                    let dy = 1.0 + f32::from(lane) * LANE_STEP;
                    for rect in &rects {
                        let r = rect.translate(pos.to_vec2());
                        let y = r.bottom() + dy;
                        painter.line_segment([pos2(r.left(), y), pos2(r.right(), y)], Stroke::new(UNDERLINE, colour));
                    }
                }
                if Some(ann.id) == selected {
                    for rect in &rects {
                        painter.rect_stroke(
                            rect.translate(pos.to_vec2()).expand(1.5),
                            2.0,
                            Stroke::new(1.5, ui.visuals().strong_text_color()),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
        }
    }

    /// The char under `pointer` (screen coordinates).
    fn char_at(&self, pointer: Pos2, origin: Pos2) -> CharPos {
        let y = pointer.y - origin.y;
        let i = self.tops.partition_point(|&t| t <= y).saturating_sub(1).min(self.blocks.len().saturating_sub(1));
        let Some(block) = self.blocks.get(i).copied() else { return CharPos(0) };
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
        let Some(pointer) = response.interact_pointer_pos() else { return };
        let at = self.char_at(pointer, origin);
        let shift = ui.input(|i| i.modifiers.shift);
        if response.double_clicked() {
            let word = segmenter
                .and_then(|s| s.word_at(doc, at))
                .unwrap_or_else(|| fallback_word(doc, at));
            self.anchor = word.start();
            self.cursor = word.end();
            return;
        }
        let pressed = response.is_pointer_button_down_on() && ui.input(|i| i.pointer.any_pressed());
        if pressed {
            if !shift {
                self.anchor = at;
            }
            self.cursor = at;
        } else if response.dragged() {
            self.cursor = at;
            // Keep the moving end in view when dragging past the edges.
            let rect = ui.clip_rect();
            if pointer.y < rect.top() + 10.0 || pointer.y > rect.bottom() - 10.0 {
                ui.scroll_to_rect(Rect::from_center_size(pointer, Vec2::splat(1.0)), None);
            }
        }
        if response.clicked() && !shift {
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

    fn hover_ui(&self, response: &egui::Response, project: &Project, doc: &Document, origin: Pos2) {
        if response.dragged() {
            return;
        }
        let Some(hover) = response.hover_pos() else { return };
        let at = self.char_at(hover, origin);
        let anns = project.annotations_of(&doc.id);
        let range = self.overlapping(anns, at.0, at.0 + 1);
        let under: Vec<&Annotation> = anns.get(range).unwrap_or_default().iter().filter(|a| a.covers(at)).collect();
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
    let Some(&c) = window.get(at) else { return CharSpan::new(pos, pos) };
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
            let (Some(first), Some(last)) = (glyphs.get(a - row_start), glyphs.get(b - row_start - 1)) else {
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
