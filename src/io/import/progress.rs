//! How far a document import has got, and a way to stop it.
//!
//! The GUI shares one [`Progress`] (in an `Arc`) with the worker thread that
//! reads the file: the worker reports, the UI reads [`Progress::fraction`]
//! each frame and may call [`Progress::cancel`]. Only atomics, so neither
//! side ever waits for the other.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::io::IoError;

/// The progress of one import, and its cancel flag.
#[derive(Debug, Default)]
pub struct Progress {
    /// The fraction done, as the bits of an `f32` (atomics hold no floats).
    fraction_bits: AtomicU32,
    cancelled: AtomicBool,
}

impl Progress {
    /// Nothing done, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// The fraction done, from 0 to 1. It may jump back a little when one
    /// stage (decoding, say) ends and the next begins.
    pub fn fraction(&self) -> f32 {
        f32::from_bits(self.fraction_bits.load(Ordering::Relaxed))
    }

    /// Ask the import to stop; it ends with [`IoError::Cancelled`] at its
    /// next check (between pages, chapters, paragraphs or 1 MiB of text).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// True once [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Record `done` of `total` units (pages, bytes…); a zero total counts
    /// as nothing done.
    pub(crate) fn set(&self, done: u64, total: u64) {
        let fraction = if total == 0 {
            0.0
        } else {
            // Precision does not matter for a progress bar.
            #[allow(clippy::cast_precision_loss)]
            let f = done as f64 / total as f64;
            f.clamp(0.0, 1.0) as f32
        };
        self.fraction_bits
            .store(fraction.to_bits(), Ordering::Relaxed);
    }

    /// Record `done` of `total`, then stop with [`IoError::Cancelled`]
    /// (naming `path`) if the import was cancelled.
    pub(crate) fn step(&self, path: &Path, done: u64, total: u64) -> Result<(), IoError> {
        self.set(done, total);
        self.check(path)
    }

    /// [`IoError::Cancelled`] (naming `path`) if the import was cancelled.
    pub(crate) fn check(&self, path: &Path) -> Result<(), IoError> {
        if self.is_cancelled() {
            Err(IoError::Cancelled {
                path: path.to_owned(),
            })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_and_cancel() {
        let progress = Progress::new();
        assert!(progress.fraction().abs() < f32::EPSILON);
        progress.set(1, 4);
        assert!((progress.fraction() - 0.25).abs() < 1e-6);
        progress.set(9, 4);
        assert!((progress.fraction() - 1.0).abs() < 1e-6);
        progress.set(3, 0);
        assert!(progress.fraction().abs() < f32::EPSILON);
        let path = Path::new("科索沃.pdf");
        assert!(progress.step(path, 1, 2).is_ok());
        progress.cancel();
        assert!(progress.is_cancelled());
        let err = progress.check(path).unwrap_err().to_string();
        assert_eq!(err, "科索沃.pdf: import cancelled");
    }
}
