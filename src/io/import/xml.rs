//! A small element tree over quick-xml, enough to read REFI-QDA files.
//!
//! Elements and attributes are known by their local names (REFI-QDA files
//! use one default namespace). Text is unescaped and its line ends
//! normalised as XML 1.0 says (`\r\n` → `\n`; a `&#13;` stays a CR), and
//! attribute values are normalised too (a literal TAB or line break becomes
//! a space, `&#10;` stays a line break), as every conforming parser does, so
//! positions computed from them agree with other tools. A DOCTYPE is
//! ignored and only the five predefined entities are known, so no entity
//! expansion can blow up; nesting deeper than [`MAX_DEPTH`] is refused, so
//! walking the tree cannot overflow the stack.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

/// Deepest element nesting accepted.
pub(crate) const MAX_DEPTH: usize = 256;

/// An XML element: local name, attributes in order, children, and the text
/// directly inside it (all text nodes joined).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Element {
    /// Local name (no prefix).
    pub name: String,
    /// (local name, normalised value).
    pub attributes: Vec<(String, String)>,
    /// Child elements in order.
    pub children: Vec<Element>,
    /// The text directly inside, unescaped.
    pub text: String,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The children named `name`.
    pub fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
}

/// Why a text is not well-formed XML, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XmlError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in chars.
    pub col: usize,
    /// What is wrong.
    pub message: String,
}

fn error_at(xml: &str, byte: u64, message: impl Into<String>) -> XmlError {
    let byte = usize::try_from(byte).unwrap_or(usize::MAX).min(xml.len());
    let mut before = xml.get(..byte).unwrap_or(xml);
    // An error position can fall inside a character; count whole ones.
    let mut cut = byte;
    while before.is_empty() && cut > 0 {
        cut -= 1;
        before = xml.get(..cut).unwrap_or_default();
    }
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    XmlError {
        line,
        col,
        message: message.into(),
    }
}

/// Parse `xml` into its root element.
pub(crate) fn parse(xml: &str) -> Result<Element, XmlError> {
    let xml_text = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let mut reader = quick_xml::Reader::from_str(xml_text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| error_at(xml_text, reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(tag) | Event::Empty(tag) if root.is_some() => {
                let _ = tag;
                return Err(error_at(
                    xml_text,
                    position,
                    "content after the root element",
                ));
            }
            Event::Start(tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error_at(
                        xml_text,
                        position,
                        format!("elements nested deeper than {MAX_DEPTH}"),
                    ));
                }
                stack.push(element(&tag).map_err(|m| error_at(xml_text, position, m))?);
            }
            Event::Empty(tag) => {
                let el = element(&tag).map_err(|m| error_at(xml_text, position, m))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(error_at(
                        xml_text,
                        position,
                        "an end tag without a start tag",
                    ));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(text) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&text.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::CData(data) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&data.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_predefined_entity(&reference) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(error_at(
                                xml_text,
                                position,
                                format!("unknown entity &{};", &*reference),
                            ));
                        }
                    },
                    Err(e) => return Err(error_at(xml_text, position, e.to_string())),
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(error_at(
            xml_text,
            reader.buffer_position(),
            "the document ends inside an element",
        ));
    }
    root.ok_or_else(|| error_at(xml_text, 0, "no root element"))
}

fn element(tag: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let name = tag.local_name().as_ref().to_owned();
    let mut attributes = Vec::new();
    for attr in tag.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = attr.key.local_name().as_ref().to_owned();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attributes.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_unescaped_and_normalised_like_xml_says() {
        let xml = "\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE x>\n<p:Root xmlns:p=\"urn:x\" name=\"a&#10;b\tc&amp;\"><A k='1'/>\
                   <Text>科索沃\r\n😀&#13;&lt;&#x20000;<![CDATA[<b>]]></Text></p:Root>";
        let root = parse(xml).unwrap();
        assert_eq!(root.name, "Root");
        assert_eq!(root.attr("name"), Some("a\nb c&"));
        assert_eq!(root.child("A").unwrap().attr("k"), Some("1"));
        assert_eq!(root.child("Text").unwrap().text, "科索沃\n😀\r<𠀀<b>");
        assert_eq!(root.children_named("A").count(), 1);
    }

    #[test]
    fn malformed_xml_is_reported_with_its_line() {
        let err = parse("<a>\n<b>\n</a>").unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        let err = parse("<a>&bomb;</a>").unwrap_err();
        assert!(err.message.contains("bomb"), "{err:?}");
        assert!(parse("").is_err());
        assert!(parse("<a/><b/>").is_err());
        assert!(parse("<a>").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().message.contains("deeper"));
    }
}
