//! Configuration of every pallet in the runtime, one domain per module.

// Configuration values are computed from constants fixed in this code (block weights, lengths,
// shares); none depends on chain state or input.
#![allow(clippy::arithmetic_side_effects)]

mod assets;
mod attribution;
pub mod consensus;
mod datasets;
pub mod governance;
mod monetary;
mod parameters;
mod system;
mod treasury;

pub use assets::{BoundedAssetSupply, MAX_ASSET_SUPPLY};
pub use attribution::*;
pub use consensus::*;
pub use monetary::*;
pub use parameters::*;
pub use system::*;
pub use treasury::*;
