//! Configuration of every pallet in the runtime, one domain per module.

mod assets;
mod attribution;
pub mod consensus;
mod datasets;
mod monetary;
mod parameters;
mod system;

pub use attribution::*;
pub use consensus::*;
pub use datasets::*;
pub use monetary::*;
pub use parameters::*;
pub use system::*;
