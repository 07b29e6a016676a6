//! Weights of `pallet-datasets`.
//!
//! Placeholder figures until `scripts/benchmark.sh` regenerates this file from the pallet's
//! benchmarks on the reference machine.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions of `pallet-datasets`.
pub trait WeightInfo {
	fn create_dataset(b: u32) -> Weight;
	fn update_metadata(b: u32) -> Weight;
	fn update_policy() -> Weight;
	fn add_curator() -> Weight;
	fn remove_curator() -> Weight;
	fn offer_ownership() -> Weight;
	fn accept_ownership() -> Weight;
	fn close_dataset() -> Weight;
	fn submit_contribution(u: u32) -> Weight;
	fn accept_contribution() -> Weight;
	fn reject_contribution() -> Weight;
	fn expire_contribution() -> Weight;
	fn withdraw_contribution() -> Weight;
}

/// Weights for `pallet-datasets` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_dataset(b: u32) -> Weight {
		Weight::from_parts(60_000_000, 3_600)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads_writes(3, 4))
	}
	fn update_metadata(b: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_600)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn update_policy() -> Weight {
		Weight::from_parts(20_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn add_curator() -> Weight {
		Weight::from_parts(22_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn remove_curator() -> Weight {
		Weight::from_parts(22_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn offer_ownership() -> Weight {
		Weight::from_parts(18_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn accept_ownership() -> Weight {
		Weight::from_parts(90_000_000, 6_200).saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn close_dataset() -> Weight {
		Weight::from_parts(18_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn submit_contribution(u: u32) -> Weight {
		Weight::from_parts(70_000_000, 3_600)
			.saturating_add(Weight::from_parts(1_500, 0).saturating_mul(u.into()))
			.saturating_add(T::DbWeight::get().reads_writes(6, 6))
	}
	fn accept_contribution() -> Weight {
		Weight::from_parts(75_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn reject_contribution() -> Weight {
		Weight::from_parts(110_000_000, 6_200).saturating_add(T::DbWeight::get().reads_writes(6, 6))
	}
	fn expire_contribution() -> Weight {
		Weight::from_parts(70_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(4, 5))
	}
	fn withdraw_contribution() -> Weight {
		Weight::from_parts(30_000_000, 3_600).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
}

// For tests: the same figures against RocksDB's database weights.
impl WeightInfo for () {
	fn create_dataset(b: u32) -> Weight {
		Weight::from_parts(60_000_000, 3_600)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(b.into()))
	}
	fn update_metadata(_b: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_600).saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn update_policy() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
	}
	fn add_curator() -> Weight {
		Weight::from_parts(22_000_000, 3_600)
	}
	fn remove_curator() -> Weight {
		Weight::from_parts(22_000_000, 3_600)
	}
	fn offer_ownership() -> Weight {
		Weight::from_parts(18_000_000, 3_600)
	}
	fn accept_ownership() -> Weight {
		Weight::from_parts(90_000_000, 6_200)
	}
	fn close_dataset() -> Weight {
		Weight::from_parts(18_000_000, 3_600)
	}
	fn submit_contribution(_u: u32) -> Weight {
		Weight::from_parts(70_000_000, 3_600)
	}
	fn accept_contribution() -> Weight {
		Weight::from_parts(75_000_000, 3_600)
	}
	fn reject_contribution() -> Weight {
		Weight::from_parts(110_000_000, 6_200)
	}
	fn expire_contribution() -> Weight {
		Weight::from_parts(70_000_000, 3_600)
	}
	fn withdraw_contribution() -> Weight {
		Weight::from_parts(30_000_000, 3_600)
	}
}
