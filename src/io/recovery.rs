//! The recovery file: the app's unsaved work, written every minute, so a
//! crash loses at most a minute. Removed after a clean save or exit.

use std::path::{Path, PathBuf};

use super::{IoError, write_atomic};

/// Unsaved work found at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The recovery project file.
    pub path: PathBuf,
    /// Where the project was saved before, if anywhere.
    pub original: Option<PathBuf>,
    /// When the recovery file was written.
    pub written: Option<std::time::SystemTime>,
}

/// The recovery files in one directory.
#[derive(Clone, Debug)]
pub struct Recovery {
    dir: PathBuf,
}

impl Recovery {
    /// Recovery files kept in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn project_file(&self) -> PathBuf {
        self.dir.join("recovery.pizhu.ron")
    }

    fn origin_file(&self) -> PathBuf {
        self.dir.join("recovery-origin.txt")
    }

    /// Write `project_text` (a serialized project) as the recovery file,
    /// noting where the project normally lives.
    pub fn write(&self, project_text: &str, original: Option<&Path>) -> Result<(), IoError> {
        std::fs::create_dir_all(&self.dir).map_err(|source| IoError::Write {
            path: self.dir.clone(),
            source,
        })?;
        let origin = original
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        write_atomic(&self.origin_file(), origin.as_bytes(), false)?;
        write_atomic(&self.project_file(), project_text.as_bytes(), false)
    }

    /// The recovery file, if one was left behind.
    pub fn find(&self) -> Option<Found> {
        let path = self.project_file();
        let meta = std::fs::metadata(&path).ok()?;
        let original = std::fs::read_to_string(self.origin_file())
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        Some(Found {
            path,
            original,
            written: meta.modified().ok(),
        })
    }

    /// Remove the recovery files (after a save, or when the user declines).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.project_file());
        let _ = std::fs::remove_file(self.origin_file());
    }
}
