//! brat standoff export (<https://brat.nlplab.org/standoff.html>): a
//! directory with, per document, `NAME.txt` (the text, UTF-8, no BOM) and
//! `NAME.ann`, plus `annotation.conf` and `visual.conf` for the codebook.
//!
//! * `NAME` is the document's name without a final `.txt`, made safe as a
//!   file name and unique (see [`file_stems`]).
//! * Each code of an annotation gives a text-bound line
//!   `T1⇥TYPE START END[;START END]*⇥TEXT`, offsets in chars, end exclusive.
//!   A T line cannot hold a line break (nor a TAB, its field separator), so
//!   every span is split into fragments at `\n`, `\r` and TAB, and TEXT is the
//!   fragments' texts joined by one space (see [`fragments`]).
//! * An annotation's note is `#1⇥AnnotatorNotes T1⇥NOTE`, with `\`, line
//!   breaks and TABs written as `\\`, `\n`, `\r`, `\t` (see [`escape_note`]).
//! * An annotation with several codes has one T line per code, tied by
//!   `*⇥Equiv T1 T2…` (declared symmetric-transitive in `annotation.conf`);
//!   one without codes has the type [`UNCODED`].
//! * brat type names cannot hold spaces, so a code's type is an ASCII form of
//!   its name ([`type_names`]); `visual.conf` maps each type back to the
//!   code's full name (`[labels]`) and colour (`[drawing]`), and
//!   `annotation.conf` nests child codes under their parents (TAB indent).
//!   Both start with [`MARKER`], which is how the importer knows them.
//!
//! Writing: the directory is built beside the target and renamed into place.
//! An existing target is replaced only when it is empty or an earlier export
//! of ours (its `annotation.conf` starts with [`MARKER`] and it holds only
//! `.txt`, `.ann` and `.conf` files); anything else is refused, so a slip of
//! `--out` cannot delete a folder of someone's texts.
//!
//! What brat cannot carry: annotation ids, authors and times; code
//! descriptions, keywords and shortcuts; the project's name (only in a
//! comment); a `|` in a code name (written as `¦`, brat's label separator);
//! a document name that does not end in `.txt` (the import names documents
//! after their `.txt` file). Line breaks and TABs at the very start or end of
//! a span are not in any fragment, and spans that touch or are separated
//! only by line breaks or TABs cannot be told from one span.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::io::IoError;
use crate::model::{CharSpan, Code, CodeId, Document, Project};

/// The first line of the `.conf` files we write.
pub const MARKER: &str = "# Written by Pizhu";
/// The type of an annotation without codes.
pub const UNCODED: &str = "Uncoded";
/// The relation that ties the T lines of one annotation.
pub const EQUIV: &str = "Equiv";
/// The type of note lines.
pub const NOTE_TYPE: &str = "AnnotatorNotes";
/// The entity and relation declarations.
pub const ANNOTATION_CONF: &str = "annotation.conf";
/// Labels and colours.
pub const VISUAL_CONF: &str = "visual.conf";

/// Characters a T line cannot hold inside a fragment.
pub fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t')
}

/// `span` of `doc` in the pieces between breaks ([`is_break`]), empty pieces
/// left out; a span of nothing but breaks gives one empty fragment at its
/// start, so that the annotation still has a line.
pub fn fragments(doc: &Document, span: CharSpan) -> Vec<CharSpan> {
    let mut out = Vec::new();
    let mut piece_start = span.start().0;
    let mut pos = span.start().0;
    for c in doc.slice_clamped(span).chars() {
        if is_break(c) {
            if pos > piece_start {
                out.push(CharSpan::from_range(piece_start, pos));
            }
            piece_start = pos + 1;
        }
        pos += 1;
    }
    if pos > piece_start {
        out.push(CharSpan::from_range(piece_start, pos));
    }
    if out.is_empty() {
        out.push(CharSpan::new(span.start(), span.start()));
    }
    out
}

/// A note on one line: `\` → `\\`, LF → `\n`, CR → `\r`, TAB → `\t`.
pub fn escape_note(note: &str) -> String {
    let mut out = String::with_capacity(note.len());
    for c in note.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape_note`]; a `\` before any other character stays.
pub fn unescape_note(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The brat type of every code: its name's ASCII letters and digits, other
/// runs as `_`, at most 40 characters, `Code` when nothing is left, a `C_`
/// before a leading digit, and `_2`, `_3`… to keep types apart (ignoring
/// case) and off the reserved [`UNCODED`], [`EQUIV`] and [`NOTE_TYPE`].
pub fn type_names(project: &Project) -> HashMap<CodeId, String> {
    let mut taken: HashSet<String> = [UNCODED, EQUIV, NOTE_TYPE]
        .iter()
        .map(|t| t.to_lowercase())
        .collect();
    let mut types = HashMap::new();
    for code in project.codes() {
        let mut slug = String::new();
        for c in code.name.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.ends_with('_') {
                slug.push('_');
            }
        }
        let mut slug: String = slug.trim_matches('_').chars().take(40).collect();
        if slug.is_empty() {
            slug = "Code".into();
        } else if slug.starts_with(|c: char| c.is_ascii_digit()) {
            slug.insert_str(0, "C_");
        }
        let unique = (1..)
            .map(|n| {
                if n == 1 {
                    slug.clone()
                } else {
                    format!("{slug}_{n}")
                }
            })
            .find(|t| !taken.contains(&t.to_lowercase()))
            .unwrap_or(slug);
        taken.insert(unique.to_lowercase());
        types.insert(code.id.clone(), unique);
    }
    types
}

/// Each document's file name without extension, in document order: its name
/// without a final `.txt`, with path separators, control characters and
/// `<>:"|?*` as `_`, no leading `.` or trailing `.`/space, at most 80
/// characters, the id when nothing is left, `-2`, `-3`… for clashes
/// (ignoring case, as some file systems do).
pub fn file_stems(project: &Project) -> Vec<String> {
    let mut taken = HashSet::new();
    project
        .documents()
        .iter()
        .map(|doc| {
            let stem = safe_stem(&doc.name)
                .or_else(|| safe_stem(&doc.id.0))
                .unwrap_or_else(|| "document".to_owned());
            let unique = (1..)
                .map(|n| {
                    if n == 1 {
                        stem.clone()
                    } else {
                        format!("{stem}-{n}")
                    }
                })
                .find(|s| !taken.contains(&s.to_lowercase()))
                .unwrap_or(stem);
            taken.insert(unique.to_lowercase());
            unique
        })
        .collect()
}

fn safe_stem(name: &str) -> Option<String> {
    let name = match name
        .len()
        .checked_sub(4)
        .and_then(|i| name.get(i..).map(|tail| (i, tail)))
    {
        Some((i, tail)) if tail.eq_ignore_ascii_case(".txt") => name.get(..i).unwrap_or(name),
        _ => name,
    };
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\<>:\"|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let cleaned = cleaned
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .trim_start();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

/// The `.ann` text of one document.
pub fn ann_file(project: &Project, doc: &Document, types: &HashMap<CodeId, String>) -> String {
    let mut out = String::new();
    let (mut t, mut n) = (0usize, 0usize);
    for ann in project.annotations_of(&doc.id) {
        let frags: Vec<CharSpan> = ann.spans.iter().flat_map(|&s| fragments(doc, s)).collect();
        let spec = frags
            .iter()
            .map(|f| format!("{} {}", f.start(), f.end()))
            .collect::<Vec<_>>()
            .join(";");
        let text = frags
            .iter()
            .map(|&f| doc.slice_clamped(f))
            .collect::<Vec<_>>()
            .join(" ");
        let mut kinds: Vec<&str> = Vec::new();
        for code in &ann.codes {
            if let Some(kind) = types.get(code)
                && !kinds.contains(&kind.as_str())
            {
                kinds.push(kind);
            }
        }
        if kinds.is_empty() {
            kinds.push(UNCODED);
        }
        let mut ids = Vec::with_capacity(kinds.len());
        for kind in kinds {
            t += 1;
            // Writing to a String cannot fail.
            let _ = writeln!(out, "T{t}\t{kind} {spec}\t{text}");
            ids.push(format!("T{t}"));
        }
        if !ann.note.is_empty() {
            n += 1;
            let first = ids.first().map_or("T1", String::as_str);
            let _ = writeln!(out, "#{n}\t{NOTE_TYPE} {first}\t{}", escape_note(&ann.note));
        }
        if ids.len() > 1 {
            let _ = writeln!(out, "*\t{EQUIV} {}", ids.join(" "));
        }
    }
    out
}

/// One line for a `.conf` comment.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `annotation.conf`: the codes as entity types, nested by TAB indents.
pub fn annotation_conf(project: &Project, types: &HashMap<CodeId, String>) -> String {
    let mut out = format!(
        "{MARKER} {}. Each entity type is a code of the project {:?};\n\
         # visual.conf gives its name and colour. {EQUIV} ties the T lines of one\n\
         # annotation with several codes; {UNCODED} marks one without a code.\n\
         [entities]\n",
        env!("CARGO_PKG_VERSION"),
        one_line(project.name()),
    );
    for (depth, code) in super::codes_in_tree_order(project) {
        if let Some(kind) = types.get(&code.id) {
            let _ = writeln!(out, "{}{kind}", "\t".repeat(depth));
        }
    }
    let _ = write!(
        out,
        "{UNCODED}\n[relations]\n{EQUIV}\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n\
         [events]\n[attributes]\n"
    );
    out
}

/// `visual.conf`: each type's label (the code's name) and colour.
pub fn visual_conf(project: &Project, types: &HashMap<CodeId, String>) -> String {
    let label = |code: &Code| one_line(&code.name).replace('|', "¦");
    let mut out = format!("{MARKER} {}.\n[labels]\n", env!("CARGO_PKG_VERSION"));
    for code in project.codes() {
        if let Some(kind) = types.get(&code.id) {
            let _ = writeln!(out, "{kind} | {}", label(code));
        }
    }
    let _ = writeln!(out, "{UNCODED} | (no code)\n[drawing]");
    for code in project.codes() {
        if let Some(kind) = types.get(&code.id) {
            let _ = writeln!(out, "{kind}\tbgColor:{}", code.color.to_hex());
        }
    }
    let _ = writeln!(out, "{UNCODED}\tbgColor:#dddddd");
    out
}

/// Every file of the export: (file name, contents), the `.conf` files first,
/// then `.txt` and `.ann` per document.
pub fn files(project: &Project) -> Vec<(String, String)> {
    let types = type_names(project);
    let mut files = vec![
        (ANNOTATION_CONF.to_owned(), annotation_conf(project, &types)),
        (VISUAL_CONF.to_owned(), visual_conf(project, &types)),
    ];
    for (doc, stem) in project.documents().iter().zip(file_stems(project)) {
        files.push((format!("{stem}.txt"), doc.text().to_owned()));
        files.push((format!("{stem}.ann"), ann_file(project, doc, &types)));
    }
    files
}

/// Export `project` as brat standoff into the directory `dir`, which is
/// created or, when it is empty or an earlier brat export of ours, replaced
/// as a whole. On error nothing is written and `dir` is left as it was.
pub fn export(project: &Project, dir: &Path) -> Result<(), IoError> {
    let files = files(project);
    let existed = match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {
            check_replaceable(dir)?;
            true
        }
        Ok(_) => {
            return Err(IoError::Unsupported {
                path: dir.to_owned(),
                message: "exists and is not a directory; brat export writes a directory of .txt and .ann files"
                    .into(),
            });
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => false,
        Err(source) => {
            return Err(IoError::Read {
                path: dir.to_owned(),
                source,
            });
        }
    };
    let tmp = sibling_dir(dir, "new")?;
    if let Err(err) = write_files(&tmp, dir, &files) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(err);
    }
    let write_err = |source| IoError::Write {
        path: dir.to_owned(),
        source,
    };
    if existed {
        let old = sibling_dir(dir, "old")?;
        // `old` was made to reserve a unique name; the rename needs it gone.
        std::fs::remove_dir(&old).map_err(write_err)?;
        if let Err(source) = std::fs::rename(dir, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(write_err(source));
        }
        if let Err(source) = std::fs::rename(&tmp, dir) {
            let _ = std::fs::rename(&old, dir);
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(write_err(source));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(source) = std::fs::rename(&tmp, dir) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(write_err(source));
    }
    Ok(())
}

/// Refuse to replace a directory that holds anything but an earlier export.
fn check_replaceable(dir: &Path) -> Result<(), IoError> {
    let read_err = |source| IoError::Read {
        path: dir.to_owned(),
        source,
    };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        entries.push(entry.map_err(read_err)?);
    }
    if entries.is_empty() {
        return Ok(());
    }
    let ours = std::fs::read_to_string(dir.join(ANNOTATION_CONF))
        .is_ok_and(|conf| conf.starts_with(MARKER));
    let only_export_files = entries.iter().all(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        e.file_type().is_ok_and(|t| t.is_file())
            && [".txt", ".ann", ".conf"]
                .iter()
                .any(|ext| name.ends_with(ext))
    });
    if ours && only_export_files {
        return Ok(());
    }
    Err(IoError::Unsupported {
        path: dir.to_owned(),
        message:
            "is not empty and not an earlier brat export by Pizhu; choose a new or empty directory"
                .into(),
    })
}

/// A new, empty directory next to `dir`, named after it, for building the
/// export or parking the old one.
fn sibling_dir(dir: &Path, role: &str) -> Result<PathBuf, IoError> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last_err = None;
    for n in 0..100 {
        let candidate = parent.join(format!(".{name}.pizhu-{role}-{}-{n}", std::process::id()));
        match std::fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => last_err = Some(err),
            Err(source) => {
                return Err(IoError::Write {
                    path: dir.to_owned(),
                    source,
                });
            }
        }
    }
    Err(IoError::Write {
        path: dir.to_owned(),
        source: last_err.unwrap_or_else(|| std::io::Error::other("no free temporary name")),
    })
}

/// Write every file into `tmp`, durably; errors name the file as it will
/// be called in `dir`.
fn write_files(tmp: &Path, dir: &Path, files: &[(String, String)]) -> Result<(), IoError> {
    use std::io::Write as _;
    for (name, contents) in files {
        let write_err = |source| IoError::Write {
            path: dir.join(name),
            source,
        };
        let mut file = std::fs::File::create(tmp.join(name)).map_err(write_err)?;
        file.write_all(contents.as_bytes()).map_err(write_err)?;
        file.sync_all().map_err(write_err)?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use super::*;
    use crate::model::{Annotation, Color, DocId, Edit};

    fn doc(text: &str) -> Document {
        Document::new(DocId("d-1".into()), "d.txt", text)
    }

    fn spans(frags: &[CharSpan]) -> Vec<(usize, usize)> {
        frags.iter().map(|f| (f.start().0, f.end().0)).collect()
    }

    #[test]
    fn fragments_split_at_line_breaks_and_tabs() {
        let d = doc("任\n\n何武力\t手段😀\n");
        assert_eq!(
            spans(&fragments(&d, CharSpan::from_range(0, 9))),
            [(0, 1), (3, 6), (7, 9)]
        );
        assert_eq!(spans(&fragments(&d, CharSpan::from_range(1, 5))), [(3, 5)]);
        assert_eq!(spans(&fragments(&d, CharSpan::from_range(1, 3))), [(1, 1)]);
        assert_eq!(spans(&fragments(&d, CharSpan::from_range(3, 5))), [(3, 5)]);
    }

    #[test]
    fn notes_escape_and_unescape() {
        for note in ["", "a", "跨行\n注释\t\"x\"\\n\r", "\\", "end\\"] {
            assert_eq!(unescape_note(&escape_note(note)), note, "{note:?}");
            assert!(!escape_note(note).contains(['\n', '\t', '\r']));
        }
        assert_eq!(unescape_note("a\\qb\\"), "a\\qb\\");
    }

    #[test]
    fn types_and_stems_are_safe_and_unique() {
        let mut project = Project::new("p");
        for (i, name) in [
            "Kosovo 科索沃",
            "kosovo",
            "科索沃",
            "联合国",
            "1998 treaty",
            "Uncoded",
            "a|b",
        ]
        .iter()
        .enumerate()
        {
            let code = Code::new(CodeId(format!("c-{i}")), *name, Color::distinct(i));
            project.apply(Edit::InsertCode { code, index: i }).unwrap();
        }
        let types = type_names(&project);
        let got: Vec<&str> = (0..7)
            .map(|i| types[&CodeId(format!("c-{i}"))].as_str())
            .collect();
        assert_eq!(
            got,
            [
                "Kosovo",
                "kosovo_2",
                "Code",
                "Code_2",
                "C_1998_treaty",
                "Uncoded_2",
                "a_b"
            ]
        );
        for (i, name) in ["中俄.txt", "中俄.TXT", "../a/b", ".hidden", "", "x.txt."]
            .iter()
            .enumerate()
        {
            let document = Box::new(Document::new(DocId(format!("d-{i}")), *name, "x"));
            project
                .apply(Edit::InsertDocument { document, index: i })
                .unwrap();
        }
        assert_eq!(
            file_stems(&project),
            ["中俄", "中俄-2", "_a_b", "hidden", "d-4", "x.txt"]
        );
    }

    #[test]
    fn ann_lines_for_several_codes_a_note_and_no_code() {
        let mut project = Project::new("p");
        for (i, name) in ["A", "B"].iter().enumerate() {
            let code = Code::new(CodeId(format!("c-{i}")), *name, Color::distinct(i));
            project.apply(Edit::InsertCode { code, index: i }).unwrap();
        }
        let d = doc("😀𠀀科索\n沃问题");
        let mut a = Annotation::new(
            &d,
            CharSpan::from_range(2, 6),
            vec![CodeId("c-0".into()), CodeId("c-1".into())],
            "",
        );
        a.note = "跨行\n注释".into();
        let b = Annotation::new(&d, CharSpan::from_range(0, 1), vec![], "");
        project
            .apply(Edit::InsertDocument {
                document: Box::new(d.clone()),
                index: 0,
            })
            .unwrap();
        project.apply(Edit::InsertAnnotation(a)).unwrap();
        project.apply(Edit::InsertAnnotation(b)).unwrap();
        let ann = ann_file(&project, &d, &type_names(&project));
        assert_eq!(
            ann,
            "T1\tUncoded 0 1\t😀\n\
             T2\tA 2 4;5 6\t科索 沃\n\
             T3\tB 2 4;5 6\t科索 沃\n\
             #1\tAnnotatorNotes T2\t跨行\\n注释\n\
             *\tEquiv T2 T3\n"
        );
    }
}
