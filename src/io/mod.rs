//! Files in and out. Every error names the file and the problem.

pub mod author;
pub mod error;
pub mod export;
pub mod import;
pub mod project_file;
pub mod recovery;

pub use error::IoError;

use std::path::Path;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// How messages and documents name `path`: its file name, or the whole
/// path when it has none (`/`, `..`).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Read a whole file, refusing ones over [`MAX_FILE_BYTES`].
pub fn read_capped(path: &Path) -> Result<Vec<u8>, IoError> {
    let read_err = |source| IoError::Read {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(IoError::NotAFile {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(IoError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(read_err)
}

/// Write `bytes` to `path` atomically: a temp file in the same directory,
/// fsync, then rename over the target. With `backup`, an existing target is
/// first copied to `PATH.bak`. On error the existing file is untouched.
/// A replaced file keeps its permissions; a new one gets the usual ones.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> Result<(), IoError> {
    use std::io::Write as _;
    let write_err = |source| IoError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pizhu-").suffix(".tmp");
    // A temp file is private (0o600); the file it becomes gets the permissions
    // a plain create would give (0o666 less the umask)…
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(write_err)?;
    // …or, when it replaces a file, that file's permissions.
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
    {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(write_err)?;
    }
    tmp.write_all(bytes).map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    if backup && path.is_file() {
        let mut bak = path.as_os_str().to_owned();
        bak.push(".bak");
        std::fs::copy(path, &bak).map_err(|source| IoError::Write {
            path: bak.into(),
            source,
        })?;
    }
    tmp.persist(path).map_err(|e| write_err(e.error))?;
    // Make the rename itself durable; not every platform lets us open a directory.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
