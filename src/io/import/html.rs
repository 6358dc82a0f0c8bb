//! The visible text of an HTML page (also EPUB chapters).
//!
//! html5ever (through `scraper`) parses the page as a browser does, entities
//! and broken markup included; this module only walks the tree:
//! - block elements (`p`, `div`, `h1`–`h6`, `li`, `section`, `blockquote`,
//!   `pre`, `table`…) become paragraphs, separated by a blank line;
//! - `<br>` is a line break inside its paragraph (a browser shows no gap
//!   either, and a poem keeps its lines together); two in a row leave a
//!   blank line;
//! - a table row is one line, its cells separated by a tab (as DOCX tables);
//! - `head`, `script`, `style`, `noscript`, `template` and elements marked
//!   `hidden` are dropped;
//! - white space collapses as a browser collapses it, except in `pre`: a
//!   run of spaces is one space, and a line break in the source between two
//!   Chinese (or Japanese) characters disappears rather than becoming a
//!   space, as CSS Text 3 says and Firefox does.
//!
//! The charset comes from, in order: the caller, a BOM, a `<meta charset>`
//! (or `http-equiv` Content-Type) near the start, else `text::decode`'s
//! detection (UTF-8, then `chardetng`).

use std::path::Path;

use ego_tree::iter::Edge;
use html5ever::tendril::TendrilSink as _;
use scraper::{Html, HtmlTreeSink, Node};
use unicode_width::UnicodeWidthChar as _;

use super::Progress;
use crate::io::IoError;
use crate::text::decode::{DecodeError, Decoded, decode_with};

/// How many bytes at the start are searched for a `<meta>` charset. The
/// standard's prescan reads 1024; pages with long heads put it later, and
/// parsing a few KiB more costs nothing.
const META_WINDOW: usize = 4096;

/// How much text html5ever is fed at a time, between cancel checks.
const PARSE_CHUNK: usize = 1 << 20;

/// `bytes` decoded as HTML: a forced encoding, else BOM, `<meta>`, detection.
/// `encoding` of the result is the charset's name.
pub(crate) fn decode_html(
    path: &Path,
    bytes: &[u8],
    forced: Option<&'static encoding_rs::Encoding>,
    progress: &Progress,
) -> Result<Decoded, IoError> {
    let declared = forced.or_else(|| {
        encoding_rs::Encoding::for_bom(bytes)
            .map(|(e, _)| e)
            .or_else(|| meta_charset(bytes))
    });
    let decoded = decode_with(bytes, declared, &mut |done, total| {
        // Decoding is the first half of an HTML import, parsing the second.
        progress.set(done, total.saturating_mul(2));
        !progress.is_cancelled()
    });
    decoded.map_err(|source| match source {
        DecodeError::Cancelled => IoError::Cancelled {
            path: path.to_owned(),
        },
        source => IoError::Decode {
            path: path.to_owned(),
            source,
        },
    })
}

/// The charset a `<meta>` in the first [`META_WINDOW`] bytes declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..META_WINDOW).unwrap_or(bytes);
    // Every charset name is ASCII, and windows-1252 keeps ASCII as it is
    // whatever the real encoding, so the head can be parsed before we know it.
    let (head, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(head);
    let html = Html::parse_document(&head);
    let label = html.tree.nodes().find_map(|node| {
        let el = node.value().as_element()?;
        if el.name() != "meta" {
            return None;
        }
        if let Some(charset) = el.attr("charset") {
            return Some(charset.to_owned());
        }
        let http_equiv = el.attr("http-equiv")?;
        if !http_equiv.trim().eq_ignore_ascii_case("content-type") {
            return None;
        }
        charset_in_content_type(el.attr("content")?)
    })?;
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    // The standard: a page cannot declare UTF-16 in ASCII, so the meta lies;
    // x-user-defined means windows-1252 here.
    Some(match encoding {
        e if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        e if e == encoding_rs::X_USER_DEFINED => encoding_rs::WINDOWS_1252,
        e => e,
    })
}

/// The `charset=` value of a Content-Type such as `text/html; charset="gbk"`.
fn charset_in_content_type(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let after = lower.split_once("charset")?.1.trim_start();
    let value = after.strip_prefix('=')?.trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_ascii_whitespace())
        .unwrap_or(value.len());
    value
        .get(..end)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The visible text of `html`, paragraphs separated by blank lines, ending
/// with a newline (empty when nothing is visible). Reports parsing as the
/// second half of `progress` and stops when it is cancelled.
pub(crate) fn html_text(path: &Path, html: &str, progress: &Progress) -> Result<String, IoError> {
    let mut parser = html5ever::driver::parse_document(
        HtmlTreeSink::new(Html::new_document()),
        html5ever::ParseOpts::default(),
    );
    let total = html.len() as u64;
    let mut start = 0;
    while start < html.len() {
        let end = html.floor_char_boundary(start + PARSE_CHUNK);
        // A chunk shorter than one char cannot happen (chars are at most 4
        // bytes), but never loop forever on a bad boundary.
        let end = if end <= start { html.len() } else { end };
        let chunk = html.get(start..end).unwrap_or_default();
        parser.process(chunk.into());
        start = end;
        progress.step(path, total + start as u64, total * 2)?;
    }
    let document = parser.finish();
    Ok(visible_text(&document))
}

/// The text a reader sees in a parsed document.
fn visible_text(document: &Html) -> String {
    let mut out = TextBuilder::default();
    // Depth inside a dropped element, `pre`, and a table cell.
    let mut hidden = 0usize;
    let mut pre = 0usize;
    let mut cell = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if hidden > 0 || is_dropped(name) || el.attr("hidden").is_some() {
                        hidden += 1;
                        continue;
                    }
                    match name {
                        "br" => out.line_break(),
                        "tr" => {
                            out.line_break_unless_at_start();
                            out.cells_in_row = 0;
                        }
                        "td" | "th" => {
                            if out.cells_in_row > 0 {
                                out.tab();
                            }
                            out.cells_in_row += 1;
                            cell += 1;
                        }
                        // A block inside a cell must not break the row's line.
                        _ if is_block(name) && cell > 0 => out.soft_break(),
                        _ if is_block(name) => out.end_paragraph(),
                        _ => {}
                    }
                    if is_preformatted(name) {
                        pre += 1;
                    }
                }
                Node::Text(text) if hidden == 0 => out.text(text, pre > 0),
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let name = el.name();
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                if is_preformatted(name) {
                    pre = pre.saturating_sub(1);
                }
                match name {
                    "td" | "th" => cell = cell.saturating_sub(1),
                    "tr" => {}
                    _ if is_block(name) && cell > 0 => out.soft_break(),
                    _ if is_block(name) => out.end_paragraph(),
                    _ => {}
                }
            }
        }
    }
    out.finish()
}

/// Elements whose content a reader never sees.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "head" | "script" | "style" | "noscript" | "template" | "title" | "iframe" | "object"
    )
}

/// Elements that keep their white space.
fn is_preformatted(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "plaintext" | "textarea")
}

/// Elements a browser lays out as blocks (the HTML standard's rendering
/// section), which become paragraphs.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "plaintext"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "ul"
    )
}

/// White space waiting to be written until the next visible character.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Pending {
    #[default]
    None,
    /// Spaces or tabs: one space.
    Space,
    /// A run with a line break: a space, or nothing between two wide
    /// (CJK) characters.
    Break,
}

/// Paragraphs being collected, with browser-like white-space collapsing.
#[derive(Default)]
struct TextBuilder {
    paragraphs: Vec<String>,
    current: String,
    pending: Pending,
    cells_in_row: usize,
}

impl TextBuilder {
    fn text(&mut self, text: &str, preformatted: bool) {
        if preformatted {
            self.current.push_str(text);
            self.pending = Pending::None;
            return;
        }
        for c in text.chars() {
            match c {
                '\n' | '\r' => self.pending = Pending::Break,
                ' ' | '\t' | '\u{c}' => {
                    if self.pending == Pending::None {
                        self.pending = Pending::Space;
                    }
                }
                c => {
                    self.flush_space(c);
                    self.current.push(c);
                }
            }
        }
    }

    /// Write the pending white space before `next`, unless at a line start.
    fn flush_space(&mut self, next: char) {
        let pending = std::mem::take(&mut self.pending);
        let Some(last) = self.current.chars().next_back() else {
            return;
        };
        if matches!(last, '\n' | '\t' | ' ') {
            return;
        }
        match pending {
            Pending::None => {}
            Pending::Space => self.current.push(' '),
            Pending::Break if is_wide(last) && is_wide(next) => {}
            Pending::Break => self.current.push(' '),
        }
    }

    fn line_break(&mut self) {
        self.current.push('\n');
        self.pending = Pending::None;
    }

    fn line_break_unless_at_start(&mut self) {
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.line_break();
        }
    }

    fn tab(&mut self) {
        self.current.push('\t');
        self.pending = Pending::None;
    }

    /// A block boundary inside a table cell: white space, not a new line.
    fn soft_break(&mut self) {
        if self.pending == Pending::None {
            self.pending = Pending::Space;
        }
    }

    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        self.pending = Pending::None;
        let paragraph = paragraph
            .trim_start_matches('\n')
            .trim_end_matches(['\n', ' ']);
        if !paragraph.trim().is_empty() {
            self.paragraphs.push(paragraph.to_owned());
        }
    }

    fn finish(mut self) -> String {
        self.end_paragraph();
        let mut text = self.paragraphs.join("\n\n");
        if !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

/// East Asian wide characters (CJK ideographs, kana, fullwidth punctuation)
/// but not Hangul, which separates words with spaces.
fn is_wide(c: char) -> bool {
    let hangul =
        matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}');
    c.width() == Some(2) && !hangul
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        html_text(Path::new("t.html"), html, &Progress::new()).unwrap()
    }

    #[test]
    fn blocks_become_paragraphs_and_hidden_things_go() {
        let html = "<!DOCTYPE html><html><head><title>标题</title><style>p{}</style>\
            <script>var x = '<p>no</p>';</script></head><body>\
            <h1>中俄联合声明</h1><p>世纪之交的\n   中俄关系</p>\
            <div>科索沃 &amp; <b>北约</b>&nbsp;&#x20000;<div>内层</div>尾</div>\
            <ul><li>一</li><li>二</li></ul><noscript>无</noscript><template>模板</template>\
            <p hidden>藏</p><p>A\n B\tC</p></body></html>";
        assert_eq!(
            text(html),
            "中俄联合声明\n\n世纪之交的中俄关系\n\n科索沃 & 北约\u{a0}𠀀\n\n内层\n\n尾\n\n一\n\n二\n\nA B C\n"
        );
    }

    #[test]
    fn pre_keeps_white_space_and_br_breaks_lines() {
        let html = "<p>床前明月光，<br>疑是地上霜。<br><br>举头望明月</p><pre>\n  a  b\n\tc</pre>";
        assert_eq!(
            text(html),
            "床前明月光，\n疑是地上霜。\n\n举头望明月\n\n  a  b\n\tc\n"
        );
    }

    #[test]
    fn tables_are_rows_of_tab_separated_cells() {
        let html = "<table><tr><th>国家</th><th>城市</th></tr>\
            <tr><td><p>中国</p></td><td>北京</td></tr><tr><td></td><td>莫斯科</td></tr></table><p>后</p>";
        assert_eq!(text(html), "国家\t城市\n中国\t北京\n\t莫斯科\n\n后\n");
    }

    #[test]
    fn line_breaks_between_latin_words_are_spaces() {
        assert_eq!(
            text("<p>Kosovo\nquestion 科索沃\n问题</p>"),
            "Kosovo question 科索沃问题\n"
        );
        assert_eq!(text("<p>한국\n어</p>"), "한국 어\n");
        assert_eq!(text(""), "");
    }

    #[test]
    fn the_charset_comes_from_meta_or_detection() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
                    </head><body><p>科索沃</p></body></html>";
        let (gbk, _, _) = encoding_rs::GBK.encode(page);
        let path = Path::new("gb.html");
        let decoded = decode_html(path, &gbk, None, &Progress::new()).unwrap();
        assert_eq!(decoded.encoding, "GBK");
        assert!(decoded.confident);
        assert_eq!(
            html_text(path, &decoded.text, &Progress::new()).unwrap(),
            "科索沃\n"
        );
        let meta = "<meta charset='big5'><p>科索沃</p>";
        let (big5, _, _) = encoding_rs::BIG5.encode(meta);
        let decoded = decode_html(path, &big5, None, &Progress::new()).unwrap();
        assert_eq!(decoded.encoding, "Big5");
        assert!(decoded.text.contains("科索沃"));
        assert_eq!(
            charset_in_content_type("text/html;CHARSET = \"UTF-8\""),
            Some("utf-8".into())
        );
        assert_eq!(charset_in_content_type("text/html"), None);
    }

    #[test]
    fn parsing_can_be_cancelled() {
        let progress = Progress::new();
        progress.cancel();
        let err = html_text(Path::new("t.html"), "<p>x</p>", &progress).unwrap_err();
        assert!(matches!(err, IoError::Cancelled { .. }), "{err}");
    }
}
