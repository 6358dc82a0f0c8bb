//! Pizhu (批注): close reading and qualitative coding of texts, Chinese first.
//!
//! Layers, dependencies pointing one way (see `DESIGN.md`):
//! [`model`] (pure data and rules) ← [`text`] (pure text processing) ← [`io`]
//! (files in and out) ← {[`ui`], [`cli`]}.
//!
//! Every position in the model, the project file and the exports is a count of
//! Unicode scalar values (`char`s): see [`model::offsets`].

pub mod analysis;
pub mod cli;
pub mod i18n;
pub mod io;
pub mod model;
pub mod text;
pub mod ui;
