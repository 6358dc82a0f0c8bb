//! What the two REFI-QDA exports ([`super::qdpx`], [`super::qdc`]) share:
//! GUIDs, XML text a parser gives back unchanged, and the codebook as
//! nested `<Code>` elements (REFI-QDA 1.5 §5.2, §5.3).

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::stable_uuid;
use crate::model::{Code, Project};

/// An XML writer into memory, indenting by two spaces. Elements holding text
/// are not indented inside, so their text stays exact.
pub(super) type XmlWriter = Writer<Vec<u8>>;

/// A new writer with the XML declaration written.
pub(super) fn writer() -> std::io::Result<XmlWriter> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    Ok(w)
}

/// `origin` of the files we write.
pub(super) const ORIGIN: &str = concat!("Pizhu ", env!("CARGO_PKG_VERSION"));

/// The GUID of a code.
pub(super) fn code_guid(code: &Code) -> String {
    stable_uuid("code", &code.id.0).to_string()
}

/// True for the characters XML 1.0 allows (§2.2 `Char`); the others cannot
/// be written even as character references.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` with the characters XML cannot hold replaced by U+FFFD. quick-xml
/// escapes the rest (`&`, `<`, and in attributes TAB, LF and CR as
/// character references, which attribute-value normalisation would
/// otherwise turn into spaces).
pub(super) fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// `<name>text</name>`, the text escaped (a CR as `&#13;`, so a parser
/// does not turn it into LF).
pub(super) fn text_element(w: &mut XmlWriter, name: &str, text: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    w.write_event(Event::Text(BytesText::new(&xml_safe(text))))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

/// A start tag with attributes (values made XML-safe; quick-xml escapes them).
pub(super) fn start<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut tag = BytesStart::new(name);
    for (key, value) in attributes {
        tag.push_attribute((*key, xml_safe(value).as_ref()));
    }
    tag
}

/// `<Codes>` with every code, children nested in their parents, roots and
/// siblings in the codebook's order. Writes nothing for an empty codebook
/// (`Codes` must hold at least one `Code`). `note_ref` gives the GUID of a
/// code's note, written as a `NoteRef` (a project file has them, a codebook
/// file's schema does not).
pub(super) fn write_codes(
    w: &mut XmlWriter,
    project: &Project,
    note_ref: &dyn Fn(&Code) -> Option<String>,
) -> std::io::Result<()> {
    let tree = super::codes_in_tree_order(project);
    if tree.is_empty() {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("Codes")))?;
    let mut open = 0usize;
    for (i, &(depth, code)) in tree.iter().enumerate() {
        while open > depth {
            w.write_event(Event::End(BytesEnd::new("Code")))?;
            open -= 1;
        }
        let guid = code_guid(code);
        let color = code.color.to_hex();
        let tag = start(
            "Code",
            &[
                ("guid", &guid),
                ("name", &code.name),
                ("isCodable", "true"),
                ("color", &color),
            ],
        );
        let has_children = tree.get(i + 1).is_some_and(|&(d, _)| d > depth);
        let note = note_ref(code);
        if code.description.is_empty() && note.is_none() && !has_children {
            w.write_event(Event::Empty(tag))?;
            continue;
        }
        w.write_event(Event::Start(tag))?;
        if !code.description.is_empty() {
            text_element(w, "Description", &code.description)?;
        }
        if let Some(note) = &note {
            w.write_event(Event::Empty(start("NoteRef", &[("targetGUID", note)])))?;
        }
        if has_children {
            open += 1;
        } else {
            w.write_event(Event::End(BytesEnd::new("Code")))?;
        }
    }
    for _ in 0..open {
        w.write_event(Event::End(BytesEnd::new("Code")))?;
    }
    w.write_event(Event::End(BytesEnd::new("Codes")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn xml_safe_replaces_only_what_xml_cannot_hold() {
        assert!(matches!(xml_safe("科索沃\n\t\r😀𠀀"), Cow::Borrowed(_)));
        assert_eq!(
            xml_safe("a\u{0}b\u{c}c\u{FFFE}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
    }

    #[test]
    fn attributes_keep_line_breaks_and_tabs_as_references() {
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Empty(start("X", &[("name", "a\n\tb\"<&\r")])))
            .unwrap();
        let xml = String::from_utf8(w.into_inner()).unwrap();
        assert_eq!(xml, "<X name=\"a&#10;&#9;b&quot;&lt;&amp;&#13;\"/>");
    }
}
