//! W3C Web Annotation export: one JSON-LD `AnnotationCollection` per project
//! (Web Annotation Data Model, W3C Recommendation 2017-02-23).
//!
//! Shape:
//!
//! * The collection has `@context` `http://www.w3.org/ns/anno.jsonld`, an
//!   `id` `urn:uuid:…`, the project's name as `label`, `total`, a `generator`,
//!   and all annotations in one embedded `first` page (which is also `last`).
//!   An empty project still needs `first` (our validator's profile requires
//!   it, and a page may not be empty), so there `first` is the page's IRI.
//! * The collection and page ids are name-based (UUIDv8 from SHA-256, RFC 9562
//!   §B.2) over the project name and the document and annotation ids, so that
//!   exporting the same project twice gives the same file.
//! * Each annotation: `id` `urn:uuid:<annotation id>`; `motivation`
//!   `tagging` when it has codes, else `commenting` when it has a note, else
//!   `highlighting`; `created`/`modified` as `xsd:dateTime` in UTC; `creator`
//!   a `Person` named after the author, when there is one; `body` one
//!   `TextualBody` per code (`purpose` `tagging`, `value` the code's name)
//!   and the note as a `TextualBody` with `purpose` `commenting`.
//! * Target: a `SpecificResource` whose `source` is the document
//!   (`urn:pizhu:doc:<document id>`, typed `Text`, labelled with its name) and
//!   whose `selector` is a `TextQuoteSelector` (exact, prefix, suffix) and a
//!   `TextPositionSelector` (start, end in chars, end exclusive) for the same
//!   passage. An annotation of several spans has one such target per span:
//!   the selectors of one target must describe one and the same passage, and
//!   the model relates every body to every target, which is what coding a
//!   discontinuous passage means. Its spans' prefix and suffix are taken
//!   from the document.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use sha2::Digest as _;

use crate::io::IoError;
use crate::model::annotation::CONTEXT_CHARS;
use crate::model::{Annotation, CharPos, CharSpan, DocId, Document, Project, Timestamp};

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
    total: usize,
    generator: Agent<'a>,
    first: First<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum First<'a> {
    Page(Page<'a>),
    Iri(String),
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Item<'a>>,
}

/// An annotation inside a page: no `@context` of its own (model §5.2).
#[derive(Serialize)]
struct Item<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body<'a>>,
    target: OneOrMany<Target<'a>>,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    format: &'static str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: Source<'a>,
    selector: Vec<Selector<'a>>,
}

#[derive(Serialize)]
struct Source<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    format: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    label: &'a str,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

fn collection(project: &Project) -> Collection<'_> {
    let items: Vec<Item<'_>> = project
        .annotations()
        .iter()
        .map(|ann| item(project, ann))
        .collect();
    let page_id = name_based_urn(project, b"page");
    let total = items.len();
    let (first, last) = if items.is_empty() {
        (First::Iri(page_id), None)
    } else {
        let page = Page {
            id: page_id.clone(),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        };
        (First::Page(page), Some(page_id))
    };
    Collection {
        context: CONTEXT,
        id: name_based_urn(project, b"collection"),
        kind: "AnnotationCollection",
        label: project.name(),
        total,
        generator: Agent {
            kind: "Software",
            name: concat!("Pizhu ", env!("CARGO_PKG_VERSION")),
        },
        first,
        last,
    }
}

fn item<'a>(project: &'a Project, ann: &'a Annotation) -> Item<'a> {
    let doc = project.document(&ann.document);
    let mut body: Vec<Body<'a>> = ann
        .codes
        .iter()
        .map(|id| Body {
            kind: "TextualBody",
            purpose: "tagging",
            // A sound project knows all its codes; the id beats losing the tag.
            value: project.code(id).map_or(id.0.as_str(), |c| c.name.as_str()),
            format: "text/plain",
        })
        .collect();
    if !ann.note.is_empty() {
        body.push(Body {
            kind: "TextualBody",
            purpose: "commenting",
            value: &ann.note,
            format: "text/plain",
        });
    }
    let motivation = if !ann.codes.is_empty() {
        "tagging"
    } else if !ann.note.is_empty() {
        "commenting"
    } else {
        "highlighting"
    };
    let source = || Source {
        id: document_iri(&ann.document),
        kind: "Text",
        format: "text/plain",
        label: doc.map_or("", |d| d.name.as_str()),
    };
    let target = match ann.spans.as_slice() {
        [span] => OneOrMany::One(Target {
            kind: "SpecificResource",
            source: source(),
            selector: selectors(*span, &ann.quote, &ann.prefix, &ann.suffix),
        }),
        spans => OneOrMany::Many(
            spans
                .iter()
                .map(|&span| {
                    let (exact, prefix, suffix) = doc.map_or(("", "", ""), |d| context(d, span));
                    Target {
                        kind: "SpecificResource",
                        source: source(),
                        selector: selectors(span, exact, prefix, suffix),
                    }
                })
                .collect(),
        ),
    };
    Item {
        id: format!("urn:uuid:{}", ann.id),
        kind: "Annotation",
        motivation,
        created: xsd_date_time(&ann.created),
        modified: xsd_date_time(&ann.modified),
        creator: (!ann.author.is_empty()).then_some(Agent {
            kind: "Person",
            name: &ann.author,
        }),
        body,
        target,
    }
}

/// Both selectors of one passage; the quote selector only when there is a
/// quote, since `exact` may not be empty.
fn selectors<'a>(
    span: CharSpan,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
) -> Vec<Selector<'a>> {
    let quote = (!exact.is_empty()).then_some(Selector::TextQuoteSelector {
        exact,
        prefix,
        suffix,
    });
    let position = Selector::TextPositionSelector {
        start: span.start().0,
        end: span.end().0,
    };
    quote.into_iter().chain([position]).collect()
}

/// The text of `span` with up to [`CONTEXT_CHARS`] characters on each side,
/// as [`Annotation::refresh_quote`] takes them for a whole annotation.
fn context(doc: &Document, span: CharSpan) -> (&str, &str, &str) {
    let (start, end) = (span.start(), span.end());
    let before = CharSpan::new(CharPos(start.0.saturating_sub(CONTEXT_CHARS)), start);
    let after = CharSpan::new(end, end.plus(CONTEXT_CHARS));
    (
        doc.slice_clamped(span),
        doc.slice_clamped(before),
        doc.slice_clamped(after),
    )
}

/// `urn:pizhu:doc:` plus the document id, percent-encoded (RFC 3986 §2.1)
/// except for unreserved ASCII, so that any id gives a valid IRI.
fn document_iri(id: &DocId) -> String {
    use std::fmt::Write as _;
    let mut iri = String::from("urn:pizhu:doc:");
    for byte in id.0.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            iri.push(char::from(byte));
        } else {
            let _ = write!(iri, "%{byte:02X}");
        }
    }
    iri
}

/// `ts` as `xsd:dateTime` in UTC (`…Z`). Timestamps are RFC 3339 UTC, but a
/// hand-edited project may hold the weaker forms [`Timestamp::is_valid`]
/// accepts (no `T`, no `Z`); anything unreadable is left out rather than
/// written invalid.
pub(super) fn xsd_date_time(ts: &Timestamp) -> Option<String> {
    let time = humantime::parse_rfc3339(&ts.0)
        .or_else(|_| humantime::parse_rfc3339_weak(ts.0.trim_end_matches('Z')))
        .ok()?;
    Some(humantime::format_rfc3339(time).to_string())
}

/// A UUIDv8 IRI derived from `what` and the project's name, documents and
/// annotations: the same project exports with the same ids.
fn name_based_urn(project: &Project, what: &[u8]) -> String {
    let mut hash = sha2::Sha256::new();
    // Lengths keep ("ab", "c") apart from ("a", "bc").
    let mut field = |bytes: &[u8]| {
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    field(b"pizhu w3c export");
    field(what);
    field(project.name().as_bytes());
    for doc in project.documents() {
        field(doc.id.0.as_bytes());
    }
    for ann in project.annotations() {
        field(ann.id.0.as_bytes());
    }
    let digest = hash.finalize();
    // SHA-256 has 32 bytes, so the first 16 are always there.
    let bytes = digest.first_chunk::<16>().copied().unwrap_or_default();
    format!(
        "urn:uuid:{}",
        uuid::Builder::from_custom_bytes(bytes).into_uuid()
    )
}

/// Write `project`'s annotations as a W3C `AnnotationCollection` (pretty
/// JSON, UTF-8, ending in a newline) to `out`. Errors come only from `out`.
pub fn write_w3c<W: Write>(project: &Project, mut out: W) -> Result<(), serde_json::Error> {
    serde_json::to_writer_pretty(&mut out, &collection(project))?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

/// Export `project` as W3C Web Annotation JSON-LD to `path`, atomically: on
/// error an existing file is left as it was.
pub fn export(project: &Project, path: &Path) -> Result<(), IoError> {
    let mut bytes = Vec::new();
    write_w3c(project, &mut bytes).map_err(|err| IoError::Write {
        path: path.to_owned(),
        source: err.into(),
    })?;
    crate::io::write_atomic(path, &bytes, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::model::{Code, CodeId, Color, Edit};

    /// An annotation to make: (spans, code names, note, author).
    type Spec<'a> = (&'a [(usize, usize)], &'a [&'a str], &'a str, &'a str);

    /// "世纪之交的中俄关系😀𠀀科索沃问题\n" with the given annotations.
    fn project(anns: &[Spec<'_>]) -> Project {
        let mut project = Project::new("中俄 1998");
        let doc = Document::new(
            DocId("d 1/é".into()),
            "doc.txt",
            "世纪之交的中俄关系😀𠀀科索沃问题\n",
        );
        for (i, name) in ["Kosovo", "Russia"].into_iter().enumerate() {
            let code = Code::new(CodeId(format!("c-{i}")), name, Color::distinct(i));
            project.apply(Edit::InsertCode { code, index: i }).unwrap();
        }
        for (spans, codes, note, author) in anns {
            let codes = codes
                .iter()
                .map(|c| project.code_by_name(c).unwrap().id.clone())
                .collect();
            let mut ann = Annotation::new(&doc, CharSpan::from_range(0, 1), codes, author);
            ann.spans = spans
                .iter()
                .map(|&(a, b)| CharSpan::from_range(a, b))
                .collect();
            ann.refresh_quote(&doc);
            ann.note = (*note).to_owned();
            ann.created = Timestamp("2026-11-25T10:00:00Z".into());
            ann.modified = Timestamp("2026-11-25 10:05:00.5".into());
            if project.document(&doc.id).is_none() {
                let document = Box::new(doc.clone());
                project
                    .apply(Edit::InsertDocument { document, index: 0 })
                    .unwrap();
            }
            project.apply(Edit::InsertAnnotation(ann)).unwrap();
        }
        project
    }

    fn json_of(project: &Project) -> Value {
        let mut bytes = Vec::new();
        write_w3c(project, &mut bytes).unwrap();
        assert!(bytes.ends_with(b"}\n"));
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn tagged_and_noted_annotation_has_the_full_shape() {
        let project = project(&[(&[(11, 14)], &["Kosovo", "Russia"], "=1+1", "研究员")]);
        let id = project.annotations()[0].id;
        let json = json_of(&project);
        assert_eq!(json["@context"], CONTEXT);
        assert_eq!(json["type"], "AnnotationCollection");
        assert_eq!(json["label"], "中俄 1998");
        assert_eq!(json["total"], 1);
        assert!(json["id"].as_str().unwrap().starts_with("urn:uuid:"));
        let page = &json["first"];
        assert_eq!(page["type"], "AnnotationPage");
        assert_eq!(json["last"], page["id"]);
        assert_ne!(page["id"], json["id"]);
        let items = page["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        let source = json!({
            "id": "urn:pizhu:doc:d%201%2F%C3%A9",
            "type": "Text",
            "format": "text/plain",
            "label": "doc.txt",
        });
        assert_eq!(
            items[0],
            json!({
                "id": format!("urn:uuid:{id}"),
                "type": "Annotation",
                "motivation": "tagging",
                "created": "2026-11-25T10:00:00Z",
                "modified": "2026-11-25T10:05:00.500000000Z",
                "creator": {"type": "Person", "name": "研究员"},
                "body": [
                    {"type": "TextualBody", "purpose": "tagging", "value": "Kosovo", "format": "text/plain"},
                    {"type": "TextualBody", "purpose": "tagging", "value": "Russia", "format": "text/plain"},
                    {"type": "TextualBody", "purpose": "commenting", "value": "=1+1", "format": "text/plain"},
                ],
                "target": {
                    "type": "SpecificResource",
                    "source": source,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": "科索沃", "prefix": "世纪之交的中俄关系😀𠀀", "suffix": "问题\n"},
                        {"type": "TextPositionSelector", "start": 11, "end": 14},
                    ],
                },
            })
        );
    }

    #[test]
    fn motivation_follows_codes_then_note_and_creator_needs_an_author() {
        let project = project(&[(&[(0, 2)], &[], "", ""), (&[(2, 4)], &[], "note", "")]);
        let json = json_of(&project);
        let items = json["first"]["items"].as_array().unwrap();
        assert_eq!(items[0]["motivation"], "highlighting");
        assert!(items[0].get("body").is_none());
        assert!(items[0].get("creator").is_none());
        assert_eq!(items[1]["motivation"], "commenting");
        assert_eq!(items[1]["body"][0]["purpose"], "commenting");
        assert!(items.iter().all(|i| i.get("@context").is_none()));
    }

    #[test]
    fn several_spans_give_one_target_per_span_with_their_own_context() {
        let project = project(&[(&[(5, 7), (11, 14)], &["Russia"], "", "")]);
        let json = json_of(&project);
        let targets = json["first"]["items"][0]["target"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(targets.len(), 2);
        let quote = |t: &Value| t["selector"][0].clone();
        assert_eq!(quote(&targets[0])["exact"], "中俄");
        assert_eq!(quote(&targets[0])["prefix"], "世纪之交的");
        assert_eq!(quote(&targets[0])["suffix"], "关系😀𠀀科索沃问题\n");
        assert_eq!(
            targets[0]["selector"][1],
            json!({"type": "TextPositionSelector", "start": 5, "end": 7})
        );
        assert_eq!(quote(&targets[1])["exact"], "科索沃");
        assert_eq!(targets[1]["selector"][1]["start"], 11);
    }

    #[test]
    fn prefix_is_left_out_at_the_start_of_the_text() {
        let project = project(&[(&[(0, 2)], &["Kosovo"], "", "")]);
        let selector = &json_of(&project)["first"]["items"][0]["target"]["selector"][0];
        assert_eq!(selector["exact"], "世纪");
        assert!(selector.get("prefix").is_none());
    }

    #[test]
    fn empty_project_points_first_at_its_page_and_ids_are_stable() {
        let empty = project(&[]);
        let json = json_of(&empty);
        assert_eq!(json["total"], 0);
        assert!(json["first"].as_str().unwrap().starts_with("urn:uuid:"));
        assert!(json.get("last").is_none());
        assert_eq!(json_of(&empty), json, "same project, same ids");
        let other = project(&[(&[(0, 2)], &["Kosovo"], "", "")]);
        assert_ne!(json_of(&other)["id"], json["id"]);
    }

    #[test]
    fn name_based_ids_are_version_8_uuids() {
        let urn = name_based_urn(&Project::new("p"), b"collection");
        let uuid = uuid::Uuid::parse_str(urn.trim_start_matches("urn:uuid:")).unwrap();
        assert_eq!(uuid.get_version_num(), 8);
        assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122);
    }

    #[test]
    fn timestamps_become_xsd_date_times_or_are_left_out() {
        let ts = |s: &str| xsd_date_time(&Timestamp(s.into()));
        assert_eq!(
            ts("2026-11-25T10:00:00Z").as_deref(),
            Some("2026-11-25T10:00:00Z")
        );
        assert_eq!(
            ts("2026-11-25 10:00:00").as_deref(),
            Some("2026-11-25T10:00:00Z")
        );
        assert_eq!(ts("yesterday"), None);
    }
}
