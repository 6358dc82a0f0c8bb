//! Markdown export: the coded segments grouped by code, for reading,
//! pasting into a write-up, or a wiki.
//!
//! The project's memo under the title, then one heading per code in codebook order, children nested one heading
//! level deeper (down to `######`), the code's description in italics and
//! its memo as a quote, then each segment carrying the code, in project order: the document's
//! name and the position in chars (start included, end excluded, several
//! spans separated by commas), author and time, the quoted text as a block
//! quote, and the note. Annotations without a code come last under
//! "(no code)". Text from the project is escaped, so a quote that starts
//! with `#`, `-` or `1.` or holds `<tag>`s stays text.

use std::fmt::Write as _;
use std::path::Path;

use crate::io::IoError;
use crate::model::memo::MemoTarget;
use crate::model::{Annotation, Project};

/// `text` with Markdown's inline punctuation backslash-escaped, and what
/// would start a heading, list or block at the start of a line escaped too.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        for (j, c) in line.chars().enumerate() {
            let starts_block = (j == 0 && matches!(c, '-' | '+' | '=' | '>' | '#'))
                || (j == digits && digits > 0 && matches!(c, '.' | ')'));
            if starts_block
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
                )
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The whole Markdown text.
pub fn to_string(project: &Project) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "# {}\n\nCoded segments by code. Positions count characters (Unicode code points) \
         from the start of the document's text; the start is included, the end is not.",
        escape(project.name())
    );
    memo(&mut out, project, &MemoTarget::Project);
    for (depth, code) in super::codes_in_tree_order(project) {
        let level = "#".repeat((depth + 2).min(6));
        let _ = writeln!(out, "\n{level} {}\n", escape(&code.name));
        if !code.description.is_empty() {
            for line in escape(&code.description).split('\n') {
                let _ = writeln!(
                    out,
                    "{}",
                    if line.trim().is_empty() {
                        String::new()
                    } else {
                        format!("*{line}*")
                    }
                );
            }
            out.push('\n');
        }
        memo(&mut out, project, &MemoTarget::Code(code.id.clone()));
        let segments: Vec<&Annotation> = project
            .annotations()
            .iter()
            .filter(|a| a.codes.contains(&code.id))
            .collect();
        if segments.is_empty() {
            out.push_str("No segments.\n");
        }
        for ann in segments {
            segment(&mut out, project, ann);
        }
    }
    let uncoded: Vec<&Annotation> = project
        .annotations()
        .iter()
        .filter(|a| a.codes.is_empty())
        .collect();
    if !uncoded.is_empty() {
        out.push_str("\n## (no code)\n\n");
        for ann in uncoded {
            segment(&mut out, project, ann);
        }
    }
    out
}

/// The memo about `about`, if there is one, as a block quote.
fn memo(out: &mut String, project: &Project, about: &MemoTarget) {
    let Some(memo) = project.memo(about) else {
        return;
    };
    let _ = writeln!(out, "\n> **Memo** ({})\n>", escape(&memo.modified.0));
    for line in escape(&memo.text).split('\n') {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
}

fn segment(out: &mut String, project: &Project, ann: &Annotation) {
    let doc = project.document(&ann.document);
    let name = doc.map_or(ann.document.0.as_str(), |d| d.name.as_str());
    let positions: Vec<String> = ann
        .spans
        .iter()
        .map(|s| format!("{}–{}", s.start(), s.end()))
        .collect();
    let _ = write!(
        out,
        "- **{}**, chars {}",
        escape(name),
        positions.join(", ")
    );
    if !ann.author.is_empty() {
        let _ = write!(out, ", {}", escape(&ann.author));
    }
    let _ = writeln!(out, ", {}\n", escape(&ann.created.0));
    let quote: Vec<&str> = match doc {
        Some(doc) => ann.spans.iter().map(|&s| doc.slice_clamped(s)).collect(),
        None => vec![ann.quote.as_str()],
    };
    for line in escape(&quote.join(" … ")).split('\n') {
        let _ = writeln!(out, "  > {line}");
    }
    if !ann.note.is_empty() {
        let mut lines = escape(&ann.note)
            .split('\n')
            .map(str::to_owned)
            .collect::<Vec<_>>()
            .into_iter();
        let first = lines.next().unwrap_or_default();
        let _ = writeln!(out, "\n  Note: {first}");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    out.push('\n');
}

/// Export `project` as Markdown to `path`, atomically: on error an existing
/// file is left as it was.
pub fn export(project: &Project, path: &Path) -> Result<(), IoError> {
    crate::io::write_atomic(path, to_string(project).as_bytes(), false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;
    use crate::model::{CharSpan, Code, CodeId, Color, DocId, Document, Edit, Timestamp};

    #[test]
    fn escapes_what_markdown_would_interpret() {
        assert_eq!(escape("科索沃"), "科索沃");
        assert_eq!(
            escape("# a\n- b\n12. c\n*x* <b>"),
            "\\# a\n\\- b\n12\\. c\n\\*x\\* \\<b\\>"
        );
        assert_eq!(escape("a-b 1.5"), "a-b 1.5");
    }

    #[test]
    fn segments_grouped_by_code_with_positions() {
        let mut project = Project::new("中俄");
        let mut parent = Code::new(CodeId("c-1".into()), "Kosovo", Color::distinct(0));
        parent.description = "科索沃问题".into();
        let mut child = Code::new(CodeId("c-2".into()), "NATO", Color::distinct(1));
        child.parent = Some(CodeId("c-1".into()));
        project
            .apply(Edit::InsertCode {
                code: parent,
                index: 0,
            })
            .unwrap();
        project
            .apply(Edit::InsertCode {
                code: child,
                index: 1,
            })
            .unwrap();
        let doc = Document::new(DocId("d-1".into()), "中俄.txt", "😀𠀀科索沃\n问题");
        let mut ann = Annotation::new(
            &doc,
            CharSpan::from_range(2, 7),
            vec![CodeId("c-1".into())],
            "研究员",
        );
        ann.note = "- 跨行\n注释".into();
        ann.created = Timestamp("2026-11-25T10:00:00Z".into());
        project
            .apply(Edit::InsertDocument {
                document: Box::new(doc),
                index: 0,
            })
            .unwrap();
        project.apply(Edit::InsertAnnotation(ann)).unwrap();
        let md = to_string(&project);
        let expected = "\n## Kosovo\n\n*科索沃问题*\n\n\
                        - **中俄.txt**, chars 2–7, 研究员, 2026-11-25T10:00:00Z\n\n  > 科索沃\n  > 问\n\n  Note: \\- 跨行\n  注释\n\n\
                        \n### NATO\n\nNo segments.\n";
        assert!(md.ends_with(expected), "{md}");
    }
}
