//! # Tributary attestor
//!
//! The off-chain inference provider of Tributary: it takes content from contributors, follows the
//! chain (subxt, finalised blocks) for which content is accepted and which models exist, trains a
//! word-level n-gram model per on-chain model on exactly its training contributions, serves
//! inferences, attributes every output to the contributions it reproduces (a suffix array over
//! the training corpus: [`attribution`]), and reports each paid inference with a signed
//! `report_inferences` through a crash-safe [`outbox`]. `tributary-attestor verify` re-runs the
//! attribution of any receipt on chain. See `docs/attestor.md`.

pub mod attribution;
pub mod chain;
pub mod content;
pub mod index;
pub mod metrics;
pub mod model;
pub mod outbox;
pub mod service;
pub mod tokenize;
