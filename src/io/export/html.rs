//! HTML report: one self-contained page (no scripts, no external files)
//! to read or print the coded documents.
//!
//! The page has the project's name and memo, a legend (every code as a
//! colour swatch, nested like the codebook, with its description, memo and
//! how often it is used), then each document (its memo first) in full with
//! its annotated passages highlighted in their first code's colour, and
//! after the text a numbered list of its annotations (quote, codes,
//! position in chars, author, time and note). Each highlight ends in a superscript number linking to its
//! entry. Where annotations overlap, the one that starts last gives the
//! colour and the passage is underlined twice.
//!
//! Everything taken from the project (names, texts, notes) is escaped, so a
//! note holding `<script>` is shown, not run.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::io::IoError;
use crate::model::memo::MemoTarget;
use crate::model::{Annotation, Color, Document, Project};

/// `text` with `&`, `<`, `>`, `"` and `'` as character references, safe in
/// element content and in quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
body{font-family:system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;\
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#222}\
h1,h2,h3{line-height:1.3}\
.legend ul{list-style:none;padding-left:1.2rem}.legend>ul{padding-left:0}\
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:.2em;margin-right:.4em;vertical-align:-.1em}\
.desc{color:#555;font-size:.9em;margin-left:1.3em;white-space:pre-wrap}\
.count{color:#777;font-size:.85em}\
.text{white-space:pre-wrap;border:1px solid #ddd;border-radius:.3rem;padding:1rem;background:#fcfcfc}\
mark{color:inherit;border-radius:.15em}mark.overlap{text-decoration:underline double}\
sup.ref{font-size:.65em;margin-left:.1em}sup.ref a{text-decoration:none}\
.code{display:inline-block;padding:0 .4em;border-radius:.3em;margin-right:.3em;font-size:.85em}\
.meta{color:#666;font-size:.85em}.note{white-space:pre-wrap;margin:.2rem 0 0}\
blockquote{white-space:pre-wrap;margin:.2rem 0;padding-left:.8rem;border-left:3px solid #ccc}\
li{margin-bottom:.6rem}\
.memo{border-left:3px solid #b7950b;background:#fffbea;padding:.3rem .8rem;margin:.5rem 0}\
@media print{.text{border:none;padding:0}}\n";

/// The highlight colour of `color`: translucent, so the text stays legible.
fn highlight(color: Color) -> String {
    let [r, g, b] = color.0;
    format!("rgba({r},{g},{b},0.35)")
}

/// The colour an annotation is shown in: its first known code's, else grey.
fn colour_of(project: &Project, ann: &Annotation) -> Color {
    ann.codes
        .iter()
        .find_map(|id| project.code(id))
        .map_or(Color([0x99, 0x99, 0x99]), |c| c.color)
}

/// The whole report as one HTML page.
pub fn to_string(project: &Project) -> String {
    let mut out = String::with_capacity(
        project
            .documents()
            .iter()
            .map(|d| d.text().len())
            .sum::<usize>()
            * 2
            + 8192,
    );
    let title = escape(project.name());
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Pizhu {version}\">\n<title>{title}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n\
         <p class=\"meta\">{docs} documents, {codes} codes, {anns} annotations. \
         Positions are characters (Unicode code points) from the start of the text, end excluded.</p>\n</header>\n",
        version = env!("CARGO_PKG_VERSION"),
        docs = project.documents().len(),
        codes = project.codes().len(),
        anns = project.annotations().len(),
    );
    memo(&mut out, project, &MemoTarget::Project);
    legend(&mut out, project);
    out.push_str("<main>\n");
    for (i, doc) in project.documents().iter().enumerate() {
        document(&mut out, project, doc, i + 1);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The memo about `about`, if there is one, as a block.
fn memo(out: &mut String, project: &Project, about: &MemoTarget) {
    if let Some(memo) = project.memo(about) {
        let _ = write!(
            out,
            "<div class=\"memo\"><span class=\"meta\">Memo · {}</span>\n<p class=\"note\">{}</p></div>\n",
            escape(&memo.modified.0),
            escape(&memo.text)
        );
    }
}

fn legend(out: &mut String, project: &Project) {
    out.push_str("<nav class=\"legend\">\n<h2>Codes</h2>\n");
    let tree = super::codes_in_tree_order(project);
    if tree.is_empty() {
        out.push_str("<p class=\"meta\">The codebook is empty.</p>\n</nav>\n");
        return;
    }
    let mut depth_open = 0usize;
    out.push_str("<ul>\n");
    for (i, &(depth, code)) in tree.iter().enumerate() {
        while depth_open > depth {
            out.push_str("</ul></li>\n");
            depth_open -= 1;
        }
        let _ = write!(
            out,
            "<li><span class=\"swatch\" style=\"background:{}\"></span>{} <span class=\"count\">({})</span>",
            code.color.to_hex(),
            escape(&code.name),
            project.usage_count(&code.id)
        );
        if !code.description.is_empty() {
            let _ = write!(
                out,
                "<div class=\"desc\">{}</div>",
                escape(&code.description)
            );
        }
        memo(out, project, &MemoTarget::Code(code.id.clone()));
        if tree.get(i + 1).is_some_and(|&(d, _)| d > depth) {
            out.push_str("\n<ul>\n");
            depth_open += 1;
        } else {
            out.push_str("</li>\n");
        }
    }
    for _ in 0..depth_open {
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

fn document(out: &mut String, project: &Project, doc: &Document, number: usize) {
    let anns = project.annotations_of(&doc.id);
    let _ = write!(
        out,
        "<section class=\"document\" id=\"doc-{number}\">\n<h2>{}</h2>\n<p class=\"meta\">{} characters, {} annotations</p>\n",
        escape(&doc.name),
        doc.char_len(),
        anns.len()
    );
    memo(out, project, &MemoTarget::Document(doc.id.clone()));
    out.push_str("<div class=\"text\">");
    highlighted_text(out, project, doc, anns, number);
    out.push_str("</div>\n");
    if !anns.is_empty() {
        out.push_str("<h3>Annotations</h3>\n<ol class=\"annotations\">\n");
        for (i, ann) in anns.iter().enumerate() {
            annotation_entry(out, project, doc, ann, number, i + 1);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// What happens at one position of the text, by annotation index.
#[derive(Default)]
struct Events {
    /// Spans starting here.
    starts: Vec<usize>,
    /// Spans ending here.
    ends: Vec<usize>,
    /// Annotations whose last span ends here: their reference number goes here.
    lasts: Vec<usize>,
}

/// The text with `<mark>`s: a sweep over the span boundaries, keeping the
/// set of annotations (by index, so by start) that cover each piece.
fn highlighted_text(
    out: &mut String,
    project: &Project,
    doc: &Document,
    anns: &[Annotation],
    number: usize,
) {
    let mut events: BTreeMap<usize, Events> = BTreeMap::new();
    for (i, ann) in anns.iter().enumerate() {
        for span in &ann.spans {
            events.entry(span.start().0).or_default().starts.push(i);
            events.entry(span.end().0).or_default().ends.push(i);
        }
        events.entry(ann.end().0).or_default().lasts.push(i);
    }
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut pos = 0usize;
    let piece = |out: &mut String, from: usize, to: usize, active: &BTreeSet<usize>| {
        if from >= to {
            return;
        }
        let slice = doc.slice_clamped(crate::model::CharSpan::from_range(from, to));
        let Some(&top) = active.last() else {
            out.push_str(&escape(slice));
            return;
        };
        let Some(ann) = anns.get(top) else { return };
        let names: Vec<String> = active
            .iter()
            .filter_map(|&i| anns.get(i))
            .flat_map(|a| {
                a.codes
                    .iter()
                    .filter_map(|id| project.code(id))
                    .map(|c| c.name.clone())
            })
            .collect();
        let _ = write!(
            out,
            "<mark{} style=\"background-color:{}\" title=\"{}\">{}</mark>",
            if active.len() > 1 {
                " class=\"overlap\""
            } else {
                ""
            },
            highlight(colour_of(project, ann)),
            escape(&names.join("; ")),
            escape(slice)
        );
    };
    for (
        &at,
        Events {
            starts,
            ends,
            lasts,
        },
    ) in &events
    {
        piece(out, pos, at, &active);
        pos = pos.max(at);
        for i in ends {
            active.remove(i);
        }
        for i in lasts {
            let n = i + 1;
            let _ = write!(
                out,
                "<sup class=\"ref\"><a href=\"#d{number}-a{n}\" id=\"d{number}-r{n}\">{n}</a></sup>"
            );
        }
        active.extend(starts.iter().copied());
    }
    piece(out, pos, doc.char_len(), &active);
}

fn annotation_entry(
    out: &mut String,
    project: &Project,
    doc: &Document,
    ann: &Annotation,
    number: usize,
    n: usize,
) {
    let _ = write!(
        out,
        "<li id=\"d{number}-a{n}\"><a href=\"#d{number}-r{n}\">↑</a> "
    );
    for id in &ann.codes {
        let (name, colour) = project
            .code(id)
            .map_or((id.0.as_str(), Color([0x99, 0x99, 0x99])), |c| {
                (c.name.as_str(), c.color)
            });
        let _ = write!(
            out,
            "<span class=\"code\" style=\"background-color:{}\">{}</span>",
            highlight(colour),
            escape(name)
        );
    }
    let positions: Vec<String> = ann
        .spans
        .iter()
        .map(|s| format!("{}–{}", s.start(), s.end()))
        .collect();
    let _ = write!(out, "<span class=\"meta\">chars {}", positions.join(", "));
    if !ann.author.is_empty() {
        let _ = write!(out, " · {}", escape(&ann.author));
    }
    let _ = write!(out, " · {}</span>", escape(&ann.created.0));
    let quote: Vec<&str> = ann.spans.iter().map(|&s| doc.slice_clamped(s)).collect();
    let _ = write!(
        out,
        "\n<blockquote>{}</blockquote>",
        escape(&quote.join(" … "))
    );
    if !ann.note.is_empty() {
        let _ = write!(out, "\n<p class=\"note\">{}</p>", escape(&ann.note));
    }
    out.push_str("</li>\n");
}

/// Export `project` as an HTML report to `path`, atomically: on error an
/// existing file is left as it was.
pub fn export(project: &Project, path: &Path) -> Result<(), IoError> {
    crate::io::write_atomic(path, to_string(project).as_bytes(), false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;
    use crate::model::{CharSpan, Code, CodeId, DocId, Edit};

    fn project() -> Project {
        let mut project = Project::new("<中俄> & \"1998\"");
        let code = Code::new(
            CodeId("c-1".into()),
            "<b>Kosovo</b>",
            Color([0xc0, 0x39, 0x2b]),
        );
        project.apply(Edit::InsertCode { code, index: 0 }).unwrap();
        let doc = Document::new(DocId("d-1".into()), "a<b>.txt", "😀𠀀科索沃<script>问题\n");
        let mut a = Annotation::new(
            &doc,
            CharSpan::from_range(2, 5),
            vec![CodeId("c-1".into())],
            "me",
        );
        a.note = "<script>alert(1)</script>".into();
        let b = Annotation::new(&doc, CharSpan::from_range(4, 13), vec![], "");
        project
            .apply(Edit::InsertDocument {
                document: Box::new(doc),
                index: 0,
            })
            .unwrap();
        project.apply(Edit::InsertAnnotation(a)).unwrap();
        project.apply(Edit::InsertAnnotation(b)).unwrap();
        project
    }

    #[test]
    fn everything_from_the_project_is_escaped() {
        let html = to_string(&project());
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("<title>&lt;中俄&gt; &amp; &quot;1998&quot;</title>"));
    }

    #[test]
    fn overlapping_highlights_split_the_text_and_keep_it_whole() {
        let html = to_string(&project());
        assert!(html.contains("😀𠀀<mark style=\"background-color:rgba(192,57,43,0.35)\" title=\"&lt;b&gt;Kosovo&lt;/b&gt;\">科索</mark>"), "{html}");
        assert!(
            html.contains(
                "<mark class=\"overlap\" style=\"background-color:rgba(153,153,153,0.35)\""
            ),
            "{html}"
        );
        assert!(html.contains("<sup class=\"ref\"><a href=\"#d1-a1\" id=\"d1-r1\">1</a></sup>"));
        // Without the reference numbers and the tags, the text is all there, once.
        let text_div = html
            .split("<div class=\"text\">")
            .nth(1)
            .unwrap()
            .split("</div>")
            .next()
            .unwrap();
        let mut rest = text_div.to_owned();
        while let (Some(a), Some(b)) = (rest.find("<sup"), rest.find("</sup>")) {
            rest.replace_range(a..b + "</sup>".len(), "");
        }
        let mut plain = String::new();
        let mut in_tag = false;
        for c in rest.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        assert_eq!(plain, "😀𠀀科索沃&lt;script&gt;问题\n");
    }
}
