//! REFI-QDA codebook export (`.qdc`, REFI-QDA 1.5 §5.2): the codes alone,
//! for sharing a codebook between projects and tools.
//!
//! Root `<CodeBook xmlns="urn:QDA-XML:codebook:1.0">` (note the dot in
//! `1.0`), valid against `Codebook.xsd`: every code with its GUID (derived
//! from its id, see [`super::stable_uuid`]), name, colour and description,
//! children nested in their parents. The codebook schema has no room for
//! keywords, shortcuts or memos, and needs at least one code, so an empty
//! codebook is refused rather than written invalid.

use std::path::Path;

use quick_xml::events::{BytesEnd, Event};

use super::refi::{self, start};
use crate::io::IoError;
use crate::model::Project;

/// The codebook file's namespace.
pub const NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";

/// The `.qdc` XML of `project`'s codebook. The codebook must not be empty.
pub fn to_bytes(project: &Project) -> std::io::Result<Vec<u8>> {
    let mut w = refi::writer()?;
    w.write_event(Event::Start(start(
        "CodeBook",
        &[("xmlns", NAMESPACE), ("origin", refi::ORIGIN)],
    )))?;
    refi::write_codes(&mut w, project, &|_| None)?;
    w.write_event(Event::End(BytesEnd::new("CodeBook")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// Export `project`'s codebook as REFI-QDA to `path`, atomically: on error
/// an existing file is left as it was.
pub fn export(project: &Project, path: &Path) -> Result<(), IoError> {
    if project.codes().is_empty() {
        return Err(IoError::Unsupported {
            path: path.to_owned(),
            message: "the codebook is empty, and a REFI-QDA codebook needs at least one code"
                .into(),
        });
    }
    let bytes = to_bytes(project).map_err(|source| IoError::Write {
        path: path.to_owned(),
        source,
    })?;
    crate::io::write_atomic(path, &bytes, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;
    use crate::model::{Code, CodeId, Color, Edit};

    #[test]
    fn nested_codes_with_colour_and_description() {
        let mut project = Project::new("p");
        let mut parent = Code::new(
            CodeId("c-1".into()),
            "冲突 & <war>",
            Color([0xc0, 0x39, 0x2b]),
        );
        parent.description = "科索沃\n😀".into();
        let mut child = Code::new(CodeId("c-2".into()), "Kosovo", Color([1, 2, 3]));
        child.parent = Some(CodeId("c-1".into()));
        for code in [parent, child] {
            project
                .apply(Edit::InsertCode {
                    code,
                    index: usize::MAX,
                })
                .unwrap();
        }
        let xml = String::from_utf8(to_bytes(&project).unwrap()).unwrap();
        let g1 = crate::io::export::stable_uuid("code", "c-1");
        let g2 = crate::io::export::stable_uuid("code", "c-2");
        let expected = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"{origin}\">\n  <Codes>\n    \
             <Code guid=\"{g1}\" name=\"冲突 &amp; &lt;war&gt;\" isCodable=\"true\" color=\"#c0392b\">\n      \
             <Description>科索沃\n😀</Description>\n      \
             <Code guid=\"{g2}\" name=\"Kosovo\" isCodable=\"true\" color=\"#010203\"/>\n    \
             </Code>\n  </Codes>\n</CodeBook>\n",
            origin = refi::ORIGIN
        );
        assert_eq!(xml, expected);
    }
}
