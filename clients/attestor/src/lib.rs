//! # Tributary attestor
//!
//! The off-chain inference provider of Tributary: it takes content from contributors, follows the
//! chain (subxt, finalised blocks) for which models exist and which contributions each may
//! attribute to (the runtime's `AttributionApi`), trains a word-level n-gram model per on-chain
//! model on exactly those training contributions, serves inferences, attributes every output to
//! the contributions it reproduces (a suffix array over the training corpus: [`attribution`]),
//! and reports each paid inference with a signed
//! `report_inferences` through a crash-safe [`outbox`]. `tributary-attestor verify` re-runs the
//! attribution of any receipt on chain; `tributary-attestor metadata` fetches (or checks) the
//! runtime metadata the [`chain`] code is generated from. See `docs/attestor.md`.

pub mod attribution;
pub mod chain;
pub mod content;
pub mod error;
pub mod index;
pub mod intent;
pub mod metrics;
pub mod model;
pub mod outbox;
pub mod service;
pub mod tokenize;
