//! Reading the codings back: statistics, coded-segment retrieval,
//! agreement between annotators, and merging annotators' projects.
//!
//! Everything here is pure: functions over a [`Project`](crate::model::Project)
//! that return plain structs (all `serde::Serialize`, for `--json` output and
//! csv exports), with no egui, no files and no threads, so that the GUI views,
//! the CLI (`pizhu stats`, `pizhu agree`, `pizhu merge`) and the benches share
//! one implementation.
//!
//! Conventions shared by the submodules:
//! - Positions and lengths count `char`s, as everywhere in Pizhu
//!   ([`crate::model::offsets`]).
//! - A *coded segment* is one annotation carrying at least one code; an
//!   annotation with several spans is still one segment. Annotations without
//!   codes (bare notes) are not counted.
//! - A *coder* is an annotation's [`author`](crate::model::Annotation::author).
//! - Codes and documents are listed in the project's (the user's) order.
//! - A figure that cannot be computed is `None` with a reason, never `NaN`.

pub mod agreement;
#[cfg(test)]
mod fixtures;
mod intervals;
pub mod merge;
pub mod retrieval;
pub mod stats;

pub use agreement::{AgreementOptions, AgreementReport, agreement};
pub use merge::{Conflict, MergeError, MergeInput, merge};
pub use retrieval::{Query, RetrievalOptions, RetrievedSegment, Scope, retrieve};
pub use stats::{Cooccurrence, Counts, Proximity, Stats, cooccurrence, counts, stats};
