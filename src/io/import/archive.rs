//! Reading entries of a ZIP archive we did not write, without trusting it.
//!
//! Nothing is ever extracted to disk: entries are read into memory by name.
//! Even so an archive whose entry names could escape a folder (absolute,
//! `..`, backslashes, drive letters, NUL) is refused as a whole, because no
//! honest tool writes one. Sizes are capped while inflating, never taken
//! from the headers, which can lie: at most [`MAX_ENTRY_BYTES`] per entry and
//! [`MAX_TOTAL_BYTES`] in all, and an entry that inflates more than
//! [`MAX_RATIO`] times its packed size (past [`RATIO_FLOOR`]) is a zip bomb.

use std::io::{Cursor, Read as _};
use std::path::{Path, PathBuf};

use crate::io::IoError;

/// Most entries an archive may list.
pub(crate) const MAX_ENTRIES: usize = 100_000;
/// Most bytes one entry may inflate to.
pub(crate) const MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;
/// Most bytes all entries read may inflate to.
pub(crate) const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// Highest inflation ratio accepted for an entry larger than [`RATIO_FLOOR`].
/// Prose deflates 2–10 times, CJK text less; a deflate bomb reaches about
/// a thousand (the format's limit).
pub(crate) const MAX_RATIO: u64 = 200;
/// Entries up to this size may have any ratio: they fit in memory anyway,
/// and short, repetitive texts (test data, generated corpora) compress well.
pub(crate) const RATIO_FLOOR: u64 = 8 * 1024 * 1024;

/// An archive checked for unsafe names, read entry by entry within budgets.
pub(crate) struct SafeZip {
    path: PathBuf,
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
    names: Vec<String>,
    inflated: u64,
}

impl SafeZip {
    /// Open the archive `bytes` (read from `path`, which names it in errors).
    pub(crate) fn open(path: &Path, bytes: Vec<u8>) -> Result<Self, IoError> {
        let bad = |message: String| IoError::Unsupported {
            path: path.to_owned(),
            message,
        };
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| bad(format!("not a readable ZIP archive ({e})")))?;
        if archive.len() > MAX_ENTRIES {
            return Err(bad(format!(
                "the archive lists {} entries; at most {MAX_ENTRIES} are read",
                archive.len()
            )));
        }
        let mut names = Vec::with_capacity(archive.len());
        for raw in archive.file_names_raw() {
            let name = std::str::from_utf8(raw).map_err(|_| {
                bad(format!(
                    "an entry name is not UTF-8: {:?}",
                    String::from_utf8_lossy(raw)
                ))
            })?;
            if !is_safe_name(name) {
                return Err(bad(format!(
                    "unsafe path in archive: {name:?} (it could write outside a folder)"
                )));
            }
            names.push(name.to_owned());
        }
        Ok(Self {
            path: path.to_owned(),
            archive,
            names,
            inflated: 0,
        })
    }

    /// The index of the entry named `name`, ignoring ASCII case (tools
    /// differ on `sources/` and `Sources/`), preferring an exact match.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n == name)
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }

    /// The bytes of entry `index`, within the size and ratio limits.
    pub(crate) fn read(&mut self, index: usize) -> Result<Vec<u8>, IoError> {
        let path = self.path.clone();
        let name = self.names.get(index).cloned().unwrap_or_default();
        let bad = |message: String| IoError::Unsupported {
            path: path.clone(),
            message: format!("{name}: {message}"),
        };
        let budget = MAX_ENTRY_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.inflated));
        let mut entry = self
            .archive
            .by_index(index)
            .map_err(|e| bad(format!("cannot read this entry ({e})")))?;
        let packed = entry.compressed_size().max(1);
        let ratio_limit = RATIO_FLOOR.max(packed.saturating_mul(MAX_RATIO));
        let limit = budget.min(ratio_limit);
        let mut bytes = Vec::new();
        // Read one byte past the limit to tell "exactly at" from "over".
        (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("cannot inflate this entry ({e})")))?;
        let size = bytes.len() as u64;
        if size > limit {
            return Err(bad(if limit == ratio_limit && ratio_limit < budget {
                format!(
                    "inflates more than {MAX_RATIO} times its packed size of {packed} bytes; this looks like a zip bomb"
                )
            } else {
                format!("inflates to more than {limit} bytes, over the limit")
            }));
        }
        self.inflated += size;
        Ok(bytes)
    }
}

/// True for a relative path of plain components: no root, drive, `..`, `.`,
/// empty component (but a directory's trailing `/`), backslash or NUL.
pub(crate) fn is_safe_name(name: &str) -> bool {
    if name.is_empty() || name.contains(['\\', '\0', ':']) || name.starts_with('/') {
        return false;
    }
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    trimmed
        .split('/')
        .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // In a test a panic is the failure report.
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn unsafe_names() {
        for name in ["project.qde", "sources/a.txt", "sources/", "源/科索沃.txt"] {
            assert!(is_safe_name(name), "{name}");
        }
        for name in [
            "",
            "../evil",
            "a/../../evil",
            "/etc/passwd",
            "C:/x",
            "a\\b",
            "a//b",
            "./a",
            "a\0b",
        ] {
            assert!(!is_safe_name(name), "{name:?}");
        }
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_entries_and_refuses_bombs_and_unsafe_names() {
        let path = Path::new("x.qdpx");
        let mut ok = SafeZip::open(
            path,
            zip_of(&[
                ("project.qde", b"<Project/>"),
                ("Sources/A.txt", "科".as_bytes()),
            ]),
        )
        .unwrap();
        let i = ok.find("sources/A.txt").unwrap();
        assert_eq!(ok.read(i).unwrap(), "科".as_bytes());
        assert!(ok.find("nothing").is_none());

        let zeros = vec![0u8; 4 * RATIO_FLOOR as usize];
        let mut bomb = SafeZip::open(path, zip_of(&[("bomb.txt", &zeros)])).unwrap();
        let err = bomb.read(0).unwrap_err().to_string();
        assert!(err.contains("zip bomb") && err.contains("x.qdpx"), "{err}");

        let err = SafeZip::open(path, zip_of(&[("../evil", b"x")]))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("../evil"), "{err}");
        let err = SafeZip::open(path, b"PK\x03\x04 not really".to_vec())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("not a readable ZIP"), "{err}");
    }
}
