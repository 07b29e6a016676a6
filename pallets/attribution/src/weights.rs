//! Weights of `pallet-attribution`.
//!
//! Placeholder figures until `scripts/benchmark.sh` regenerates this file from the pallet's
//! benchmarks on the reference machine.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// Weight functions of `pallet-attribution`.
pub trait WeightInfo {
	fn register_model(d: u32) -> Weight;
	fn set_price() -> Weight;
	fn authorize_provider() -> Weight;
	fn revoke_provider() -> Weight;
	fn retire_model() -> Weight;
	fn register_provider() -> Weight;
	fn unbond_provider() -> Weight;
	fn withdraw_bond() -> Weight;
	fn approve() -> Weight;
	fn report_inference(a: u32, d: u32) -> Weight;
	fn claim(s: u32) -> Weight;
	fn settle_on_change(c: u32) -> Weight;
}

/// Weights for `pallet-attribution` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_model(d: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 3))
	}
	fn set_price() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn authorize_provider() -> Weight {
		Weight::from_parts(22_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn revoke_provider() -> Weight {
		Weight::from_parts(22_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn retire_model() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn register_provider() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn unbond_provider() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn withdraw_bond() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn approve() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn report_inference(a: u32, d: u32) -> Weight {
		Weight::from_parts(200_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(d.into()))
			.saturating_add(T::DbWeight::get().reads_writes(20, 20))
	}
	fn claim(s: u32) -> Weight {
		Weight::from_parts(80_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads_writes(5, 4))
	}
	fn settle_on_change(c: u32) -> Weight {
		Weight::from_parts(10_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
}

// For tests.
impl WeightInfo for () {
	fn register_model(d: u32) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(4, 3))
	}
	fn set_price() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn authorize_provider() -> Weight {
		Weight::from_parts(22_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn revoke_provider() -> Weight {
		Weight::from_parts(22_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn retire_model() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn register_provider() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn unbond_provider() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn withdraw_bond() -> Weight {
		Weight::from_parts(50_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2))
	}
	fn approve() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn report_inference(a: u32, d: u32) -> Weight {
		Weight::from_parts(200_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(a.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2).saturating_mul(d.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(20, 20))
	}
	fn claim(s: u32) -> Weight {
		Weight::from_parts(80_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2).saturating_mul(s.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(5, 4))
	}
	fn settle_on_change(c: u32) -> Weight {
		Weight::from_parts(10_000_000, 4_000)
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 2).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(2, 1))
	}
}
