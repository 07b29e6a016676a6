//! Benchmarks of `pallet-validator-set` (FRAME benchmarks v2): the set's size `v` is the
//! component of additions and removals, which rewrite the whole bounded list.

use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};

use crate::*;

/// Fill the set with `n` registered validators (besides those of genesis) and return them.
fn fill<T: Config>(n: u32) -> Vec<T::AccountId> {
	let mut set = Vec::new();
	let mut added = Vec::new();
	for i in 0..n {
		let who: T::AccountId = account("validator", i, 0);
		T::BenchmarkHelper::register_keys(&who);
		set.push(who.clone());
		added.push(who);
	}
	set.sort();
	Validators::<T>::put(BoundedVec::truncate_from(set));
	added
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Add a validator to a set of `v`.
	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get() - 1 }>) -> Result<(), BenchmarkError> {
		fill::<T>(v.max(T::MinValidators::get()));
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("newcomer", 0, 0);
		T::BenchmarkHelper::register_keys(&who);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	/// Remove a validator from a set of `v`.
	#[benchmark]
	fn remove_validator(
		v: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let added = fill::<T>(v);
		let who = added.first().cloned().ok_or(BenchmarkError::Weightless)?;
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let origin =
			T::AddRemoveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let blocks = T::MaxSessionLength::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);

		assert_eq!(SessionLength::<T>::get(), blocks);
		Ok(())
	}

	/// A session rotation with a set of `v` validators: `pallet-session` takes the queued keys,
	/// asks this pallet for the next set and tells Aura and GRANDPA.
	#[benchmark]
	fn rotate_session(v: Linear<1, { T::MaxValidators::get() }>) -> Result<(), BenchmarkError> {
		fill::<T>(v);
		ChangePending::<T>::put(true);
		// One rotation queues the set; the measured one also puts it in force.
		T::Sessions::rotate_session();
		ChangePending::<T>::put(true);
		#[block]
		{
			T::Sessions::rotate_session();
		}
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
