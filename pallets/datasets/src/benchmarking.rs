//! Benchmarks of `pallet-datasets` (FRAME benchmarks v2). Each measures the worst case of its
//! call: the longest inputs, the fullest curator list, the open-dataset submission that is also
//! accepted, and the rejection that slashes.

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;
use sp_runtime::Saturating;

use crate::*;

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

fn policy<T: Config>(mode: ReviewMode) -> ContributionPolicy<BalanceOf<T>> {
	ContributionPolicy { mode, deposit: 1_000u32.into(), max_content_size: u64::MAX }
}

fn dataset<T: Config>(owner: &T::AccountId, mode: ReviewMode) -> DatasetId {
	Pallet::<T>::do_create_dataset(
		owner.clone(),
		vec![b'n'; T::MaxNameLength::get() as usize],
		vec![b'd'; T::MaxDescriptionLength::get() as usize],
		DataKind::Text,
		vec![b'l'; T::MaxLicenseLength::get() as usize],
		policy::<T>(mode),
	)
	.expect("the owner is funded; qed")
}

fn pending<T: Config>(dataset: DatasetId, who: &T::AccountId, n: u32) -> ContributionId {
	let hash = sp_io::hashing::blake2_256(&n.to_le_bytes());
	let uri = vec![b'u'; T::MaxUriLength::get() as usize];
	let file = ContributionFile { content_hash: hash, size_bytes: 1, uri };
	let done = Pallet::<T>::do_submit(who.clone(), dataset, [file]).expect("valid submission; qed");
	done.ids[0]
}

/// `n` distinct files with the longest URI.
fn files<T: Config>(n: u32) -> Vec<ContributionFile> {
	(0..n)
		.map(|i| ContributionFile {
			content_hash: sp_io::hashing::blake2_256(&(u32::MAX - i).to_le_bytes()),
			size_bytes: 1,
			uri: vec![b'u'; T::MaxUriLength::get() as usize],
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_dataset(
		b: Linear<1, { T::MaxDescriptionLength::get() + 1 }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let description = vec![b'd'; (b - 1) as usize];
		let id = NextDatasetId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			vec![b'n'],
			description,
			DataKind::Text,
			vec![],
			policy::<T>(ReviewMode::Curated),
		);
		assert_eq!(Datasets::<T>::get(id).map(|d| d.owner), Some(owner));
		Ok(())
	}

	#[benchmark]
	fn update_metadata(
		b: Linear<1, { T::MaxDescriptionLength::get() + 1 }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = Pallet::<T>::do_create_dataset(
			owner.clone(),
			vec![b'n'],
			vec![],
			DataKind::Text,
			vec![],
			policy::<T>(ReviewMode::Curated),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, vec![b'm'], vec![b'd'; (b - 1) as usize], vec![]);
		assert_eq!(Datasets::<T>::get(id).map(|d| d.description.len() as u32), Some(b - 1));
		Ok(())
	}

	#[benchmark]
	fn update_policy() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, policy::<T>(ReviewMode::Open));
		assert_eq!(Datasets::<T>::get(id).map(|d| d.policy.mode), Some(ReviewMode::Open));
		Ok(())
	}

	#[benchmark]
	fn add_curator() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		for i in 1..T::MaxCurators::get() {
			Pallet::<T>::do_add_curator(owner.clone(), id, account("curator", i, 0))?;
		}
		let curator: T::AccountId = account("curator", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, curator.clone());
		assert!(Datasets::<T>::get(id).is_some_and(|d| d.curators.contains(&curator)));
		Ok(())
	}

	#[benchmark]
	fn remove_curator() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		for i in 0..T::MaxCurators::get() {
			Pallet::<T>::do_add_curator(owner.clone(), id, account("curator", i, 0))?;
		}
		let last: T::AccountId = account("curator", T::MaxCurators::get() - 1, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, last.clone());
		assert!(Datasets::<T>::get(id).is_some_and(|d| !d.curators.contains(&last)));
		Ok(())
	}

	#[benchmark]
	fn offer_ownership() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		let to: T::AccountId = account("to", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, to.clone());
		assert_eq!(PendingOwner::<T>::get(id), Some(to));
		Ok(())
	}

	#[benchmark]
	fn accept_ownership() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		let to = funded::<T>("to", 0);
		Pallet::<T>::do_offer_ownership(owner, id, to.clone())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(to.clone()), id);
		assert_eq!(Datasets::<T>::get(id).map(|d| d.owner), Some(to));
		Ok(())
	}

	#[benchmark]
	fn close_dataset() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert_eq!(Datasets::<T>::get(id).map(|d| d.status), Some(DatasetStatus::Closed));
		Ok(())
	}

	// An open dataset: the submission is also accepted, the costlier path.
	/// `n` files of the longest URI, each registered and accepted at once (an open dataset).
	#[benchmark]
	fn submit_contributions(
		n: Linear<1, { T::MaxFilesPerSubmission::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Open);
		let who = funded::<T>("contributor", 0);
		let files = BoundedVec::truncate_from(files::<T>(n));
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, files);
		assert_eq!(Datasets::<T>::get(id).map(|d| d.version), Some(n));
		Ok(())
	}

	/// `n` files of the longest URI held for review (a curated dataset).
	#[benchmark]
	fn submit_for_review(
		n: Linear<1, { T::MaxFilesPerSubmission::get().min(T::MaxPendingPerAccount::get()) }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		let who = funded::<T>("contributor", 0);
		let files = BoundedVec::truncate_from(files::<T>(n));
		#[block]
		{
			Pallet::<T>::submit_contributions(RawOrigin::Signed(who.clone()).into(), id, files)
				.map_err(|e| e.error)?;
		}
		assert_eq!(PendingCount::<T>::get(&who), n);
		Ok(())
	}

	#[benchmark]
	fn accept_contribution() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		let who = funded::<T>("contributor", 0);
		let c = pending::<T>(id, &who, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), c, T::MaxScore::get());
		assert_eq!(
			Contributions::<T>::get(c).map(|c| c.status),
			Some(ContributionStatus::Accepted)
		);
		Ok(())
	}

	#[benchmark]
	fn reject_contribution() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		let who = funded::<T>("contributor", 0);
		let existing = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		T::Currency::set_balance(&T::SlashBeneficiary::get(), existing);
		let c = pending::<T>(id, &who, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), c, 1);
		assert!(Contributions::<T>::get(c).is_none());
		Ok(())
	}

	#[benchmark]
	fn expire_contribution() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Curated);
		let who = funded::<T>("contributor", 0);
		let c = pending::<T>(id, &who, 0);
		let later = frame_system::Pallet::<T>::block_number() + T::ReviewPeriod::get();
		frame_system::Pallet::<T>::set_block_number(later);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), c);
		assert!(Contributions::<T>::get(c).is_none());
		Ok(())
	}

	#[benchmark]
	fn withdraw_contribution() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner, ReviewMode::Open);
		let who = funded::<T>("contributor", 0);
		let c = pending::<T>(id, &who, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), c);
		assert_eq!(
			Contributions::<T>::get(c).map(|c| c.status),
			Some(ContributionStatus::Withdrawn)
		);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
