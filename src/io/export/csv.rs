//! CSV export (placeholder).
