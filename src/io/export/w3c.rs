//! W3C export (placeholder).
