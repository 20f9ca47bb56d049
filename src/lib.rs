//! assay: read commodity market reports into tidy Arrow tables.
//!
//! The reading pipeline, one module per step:
//! `decode` (bytes to text) -> `html` (pages to text) -> `segment` (furniture,
//! sections, sentences) -> `numbers` (quantities and units) -> `periods`
//! (dates and spans) -> `extract` (resolving each number into a fact), with
//! vocabulary from `lexicon` (found in a text by `phrases`); `arrow` builds
//! record batches, `corpus` runs many documents in parallel and `python`
//! exposes it all through pyo3.

pub mod extract;
pub mod faults;
pub mod fiscal;
pub mod model;
pub mod period_grammar;
pub mod periods;

pub use extract::parse_text;
pub use model::{Fact, ParseOptions, ParsedDoc};
pub mod arrow;
pub mod bytes;
pub mod corpus;
pub mod decode;
pub mod html;
pub mod legend;
pub mod lexicon;
pub mod meta;
pub mod numbers;
pub mod phrases;
pub mod python;
pub mod segment;
pub mod stream;
pub mod surfaces;
pub mod tables;
#[cfg(test)]
mod testing;

/// Every allocation of the core (and of the programs and tests linking it) goes
/// through mimalloc: see Cargo.toml.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
