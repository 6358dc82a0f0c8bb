//! Text processing, pure and testable: decoding bytes, word segmentation,
//! anchoring quotes, searching. Knows nothing of egui or files.

pub mod anchor;
pub mod decode;
pub mod reflow;
pub mod search;
pub mod segment;
