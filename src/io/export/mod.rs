//! Exports to the tools researchers analyse with. Offsets are chars.

pub mod csv;
pub mod w3c;
