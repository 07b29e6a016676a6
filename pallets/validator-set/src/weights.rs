// This file is part of Tributary.
// SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_validator_set`: provisional until `scripts/benchmark.sh validator_set`
//! regenerates this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions of `pallet_validator_set`.
pub trait WeightInfo {
	fn add_validator(v: u32, ) -> Weight;
	fn remove_validator(v: u32, ) -> Weight;
	fn set_session_length() -> Weight;
}

/// Weights of `pallet_validator_set` with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator(v: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_validator(v: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn set_session_length() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn add_validator(v: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_validator(v: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn set_session_length() -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
