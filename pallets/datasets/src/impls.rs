//! What the calls do, the lookups other pallets use, and the pallet's invariants.

#[cfg(any(feature = "try-runtime", feature = "std", test))]
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use alloc::vec::Vec;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
use frame_support::traits::fungible::InspectHold;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};
use tributary_primitives::{
	mutants::{planted, Mutant},
	ContributionInfo, ContributionObserver, DatasetInfo, DatasetInspect,
};

use crate::{pallet::*, types::*, weights::WeightInfo, LOG_TARGET};

impl<T: Config> Pallet<T> {
	/// The metadata deposit of a dataset whose name, description and license take `bytes`.
	pub fn metadata_deposit(bytes: u32) -> BalanceOf<T> {
		T::DatasetDepositBase::get()
			.saturating_add(T::DatasetDepositPerByte::get().saturating_mul(bytes.into()))
	}

	fn hold(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Ok(())
	}

	fn release(reason: HoldReason, who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(&reason.into(), who, amount, Precision::Exact)?;
		Ok(())
	}

	#[allow(clippy::type_complexity)]
	fn metadata(
		name: Vec<u8>,
		description: Vec<u8>,
		license: Vec<u8>,
	) -> Result<(NameOf<T>, DescriptionOf<T>, LicenseOf<T>, u32), DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		let bytes =
			name.len().saturating_add(description.len()).saturating_add(license.len()) as u32;
		let name: NameOf<T> = name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		let description: DescriptionOf<T> =
			description.try_into().map_err(|_| Error::<T>::DescriptionTooLong)?;
		let license: LicenseOf<T> = license.try_into().map_err(|_| Error::<T>::LicenseTooLong)?;
		Ok((name, description, license, bytes))
	}

	fn ensure_policy(policy: &ContributionPolicy<BalanceOf<T>>) -> DispatchResult {
		ensure!(policy.max_content_size > 0, Error::<T>::InvalidPolicy);
		Ok(())
	}

	fn owned(who: &T::AccountId, dataset: DatasetId) -> Result<DatasetOf<T>, DispatchError> {
		let d = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(&d.owner == who, Error::<T>::NotDatasetOwner);
		Ok(d)
	}

	fn ensure_reviewer(who: &T::AccountId, d: &DatasetOf<T>) -> DispatchResult {
		ensure!(&d.owner == who || d.curators.contains(who), Error::<T>::NotCurator);
		Ok(())
	}

	/// Creates a dataset and holds its metadata deposit from `owner`.
	pub fn do_create_dataset(
		owner: T::AccountId,
		name: Vec<u8>,
		description: Vec<u8>,
		kind: DataKind,
		license: Vec<u8>,
		policy: ContributionPolicy<BalanceOf<T>>,
	) -> Result<DatasetId, DispatchError> {
		let (name, description, license, bytes) = Self::metadata(name, description, license)?;
		Self::ensure_policy(&policy)?;
		let id = NextDatasetId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = Self::metadata_deposit(bytes);
		Self::hold(HoldReason::DatasetDeposit, &owner, deposit)?;

		Datasets::<T>::insert(
			id,
			Dataset {
				owner: owner.clone(),
				name,
				description,
				kind,
				license,
				policy,
				curators: Default::default(),
				status: DatasetStatus::Active,
				version: 0,
				root: [0u8; 32],
				total_points: 0,
				deposit,
			},
		);
		VersionRoots::<T>::insert(id, 0, [0u8; 32]);
		NextDatasetId::<T>::put(next);
		Self::deposit_event(Event::DatasetCreated { dataset: id, owner, deposit });
		Ok(id)
	}

	pub(crate) fn do_update_metadata(
		who: T::AccountId,
		dataset: DatasetId,
		name: Vec<u8>,
		description: Vec<u8>,
		license: Vec<u8>,
	) -> DispatchResult {
		let mut d = Self::owned(&who, dataset)?;
		let (name, description, license, bytes) = Self::metadata(name, description, license)?;
		let deposit = Self::metadata_deposit(bytes);
		if deposit > d.deposit {
			Self::hold(HoldReason::DatasetDeposit, &who, deposit.saturating_sub(d.deposit))?;
		} else {
			Self::release(HoldReason::DatasetDeposit, &who, d.deposit.saturating_sub(deposit))?;
		}
		d.name = name;
		d.description = description;
		d.license = license;
		d.deposit = deposit;
		Datasets::<T>::insert(dataset, d);
		Self::deposit_event(Event::MetadataUpdated { dataset, deposit });
		Ok(())
	}

	pub(crate) fn do_update_policy(
		who: T::AccountId,
		dataset: DatasetId,
		policy: ContributionPolicy<BalanceOf<T>>,
	) -> DispatchResult {
		let mut d = Self::owned(&who, dataset)?;
		Self::ensure_policy(&policy)?;
		d.policy = policy;
		Datasets::<T>::insert(dataset, d);
		Self::deposit_event(Event::PolicyUpdated { dataset, policy });
		Ok(())
	}

	pub(crate) fn do_add_curator(
		who: T::AccountId,
		dataset: DatasetId,
		curator: T::AccountId,
	) -> DispatchResult {
		let mut d = Self::owned(&who, dataset)?;
		ensure!(!d.curators.contains(&curator), Error::<T>::AlreadyCurator);
		d.curators.try_push(curator.clone()).map_err(|_| Error::<T>::TooManyCurators)?;
		Datasets::<T>::insert(dataset, d);
		Self::deposit_event(Event::CuratorAdded { dataset, curator });
		Ok(())
	}

	pub(crate) fn do_remove_curator(
		who: T::AccountId,
		dataset: DatasetId,
		curator: T::AccountId,
	) -> DispatchResult {
		let mut d = Self::owned(&who, dataset)?;
		let before = d.curators.len();
		d.curators.retain(|c| c != &curator);
		ensure!(d.curators.len() < before, Error::<T>::CuratorNotFound);
		Datasets::<T>::insert(dataset, d);
		Self::deposit_event(Event::CuratorRemoved { dataset, curator });
		Ok(())
	}

	pub(crate) fn do_offer_ownership(
		who: T::AccountId,
		dataset: DatasetId,
		to: T::AccountId,
	) -> DispatchResult {
		Self::owned(&who, dataset)?;
		PendingOwner::<T>::insert(dataset, to.clone());
		Self::deposit_event(Event::OwnershipOffered { dataset, to });
		Ok(())
	}

	pub(crate) fn do_accept_ownership(who: T::AccountId, dataset: DatasetId) -> DispatchResult {
		let mut d = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(
			PendingOwner::<T>::get(dataset).as_ref() == Some(&who),
			Error::<T>::OwnershipOfferNotFound
		);
		Self::hold(HoldReason::DatasetDeposit, &who, d.deposit)?;
		Self::release(HoldReason::DatasetDeposit, &d.owner, d.deposit)?;
		PendingOwner::<T>::remove(dataset);
		let from = core::mem::replace(&mut d.owner, who.clone());
		Datasets::<T>::insert(dataset, d);
		Self::deposit_event(Event::OwnershipTransferred { dataset, from, to: who });
		Ok(())
	}

	pub(crate) fn do_close_dataset(who: T::AccountId, dataset: DatasetId) -> DispatchResult {
		let mut d = Self::owned(&who, dataset)?;
		ensure!(d.status == DatasetStatus::Active, Error::<T>::AlreadyClosed);
		d.status = DatasetStatus::Closed;
		if planted(Mutant::CloseReadsEveryContribution) {
			let open = Contributions::<T>::iter_values().filter(|c| c.dataset == dataset).count();
			log::debug!(target: LOG_TARGET, "closing dataset {dataset} with {open} contributions");
		}
		Datasets::<T>::insert(dataset, d);
		Self::deposit_event(Event::DatasetClosed { dataset });
		Ok(())
	}

	/// The most a submission of `files` files can weigh: the dearer of the open path (accepted
	/// at once) and the curated one (held for review), and the observer's most.
	pub fn submission_weight(files: u32) -> Weight {
		T::WeightInfo::submit_contributions(files)
			.max(T::WeightInfo::submit_for_review(files))
			.saturating_add(T::Observer::max_extra_weight().saturating_mul(files.into()))
	}

	/// Submits `files` and returns the weight of the path taken.
	pub(crate) fn submit(
		who: T::AccountId,
		dataset: DatasetId,
		files: impl IntoIterator<Item = ContributionFile>,
	) -> DispatchResultWithPostInfo {
		let done = Self::do_submit(who, dataset, files)?;
		let n = done.ids.len() as u32;
		let path = if done.accepted {
			T::WeightInfo::submit_contributions(n)
		} else {
			T::WeightInfo::submit_for_review(n)
		};
		Ok(Some(path.saturating_add(done.observer_weight)).into())
	}

	/// Registers `files` as contributions of `who` to `dataset`, all or none; in an open
	/// dataset also accepts them, each in its own version.
	pub fn do_submit(
		who: T::AccountId,
		dataset: DatasetId,
		files: impl IntoIterator<Item = ContributionFile>,
	) -> Result<Submission, DispatchError> {
		let mut d = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(d.status == DatasetStatus::Active, Error::<T>::DatasetNotOpen);
		let open = d.policy.mode == ReviewMode::Open;
		let mut pending = if open { 0 } else { PendingCount::<T>::get(&who) };
		let mut next = NextContributionId::<T>::get();
		let mut ids = Vec::new();
		let mut extra = Weight::zero();
		for file in files {
			let ContributionFile { content_hash, size_bytes, uri } = file;
			ensure!(
				!ContentIndex::<T>::contains_key(content_hash),
				Error::<T>::ContentAlreadyRegistered
			);
			ensure!(size_bytes > 0, Error::<T>::EmptyContent);
			ensure!(size_bytes <= d.policy.max_content_size, Error::<T>::ContentTooLarge);
			let uri: UriOf<T> = uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
			let id = next;
			next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
			// An open dataset accepts at once: nothing is held, nothing is pending.
			let deposit = if open { Zero::zero() } else { d.policy.deposit };
			if !open {
				ensure!(pending < T::MaxPendingPerAccount::get(), Error::<T>::TooManyPending);
				if !planted(Mutant::SubmissionWithoutDeposit) {
					Self::hold(HoldReason::ContributionDeposit, &who, deposit)?;
				}
				pending = pending.saturating_add(1);
			}
			let mut c = Contribution {
				dataset,
				contributor: who.clone(),
				content_hash,
				size_bytes,
				uri,
				status: ContributionStatus::Pending,
				deposit,
				submitted_at: frame_system::Pallet::<T>::block_number(),
				points: 0,
				accepted_in: 0,
			};
			ContentIndex::<T>::insert(content_hash, id);
			Self::deposit_event(Event::ContributionSubmitted {
				contribution: id,
				dataset,
				contributor: who.clone(),
				content_hash,
				deposit,
			});
			if open {
				extra = extra.saturating_add(Self::admit(&mut d, id, &mut c, T::OpenScore::get())?);
			}
			Contributions::<T>::insert(id, c);
			ids.push(id);
		}
		ensure!(!ids.is_empty(), Error::<T>::NoFiles);
		NextContributionId::<T>::put(next);
		if open {
			Datasets::<T>::insert(dataset, d);
		} else {
			PendingCount::<T>::insert(&who, pending);
		}
		Ok(Submission { ids, accepted: open, observer_weight: extra })
	}

	/// Accepts contribution `id` into its dataset `d` with `score` points: the dataset's version
	/// and root advance, the observer is told. The caller stores `d` and `c`. Returns the weight
	/// the observer took beyond its cheapest path.
	fn admit(
		d: &mut DatasetOf<T>,
		id: ContributionId,
		c: &mut ContributionOf<T>,
		score: Points,
	) -> Result<Weight, DispatchError> {
		ensure!(score > 0 && score <= T::MaxScore::get(), Error::<T>::InvalidScore);
		let version = d.version.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let total_points = d.total_points.checked_add(score.into()).ok_or(Error::<T>::Overflow)?;
		let mut preimage = [0u8; 64];
		let (prev, next) = preimage.split_at_mut(32);
		prev.copy_from_slice(&d.root);
		next.copy_from_slice(&c.content_hash);
		d.root = sp_io::hashing::blake2_256(&preimage);
		d.version = version;
		d.total_points = total_points;
		c.status = ContributionStatus::Accepted;
		c.points = score;
		c.accepted_in = version;
		c.deposit = Zero::zero();

		let extra = T::Observer::on_accepted(c.dataset, id, &c.contributor, score)?;
		VersionRoots::<T>::insert(c.dataset, version, d.root);
		Self::deposit_event(Event::ContributionAccepted {
			contribution: id,
			dataset: c.dataset,
			points: score,
			version,
			root: d.root,
		});
		Ok(extra)
	}

	fn decrement_pending_count(c: &ContributionOf<T>) {
		PendingCount::<T>::mutate_exists(&c.contributor, |n| {
			let left = n.unwrap_or(0).saturating_sub(1);
			*n = if left == 0 { None } else { Some(left) };
		});
	}

	/// A reviewer accepts a pending contribution; returns the weight the observer took beyond
	/// its cheapest path.
	pub(crate) fn do_accept(
		reviewer: T::AccountId,
		id: ContributionId,
		score: Points,
	) -> Result<Weight, DispatchError> {
		let mut c = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		let mut d = Datasets::<T>::get(c.dataset).ok_or(Error::<T>::DatasetNotFound)?;
		Self::ensure_reviewer(&reviewer, &d)?;
		ensure!(c.status == ContributionStatus::Pending, Error::<T>::ContributionNotPending);
		Self::release(HoldReason::ContributionDeposit, &c.contributor, c.deposit)?;
		Self::decrement_pending_count(&c);
		let extra = Self::admit(&mut d, id, &mut c, score)?;
		Datasets::<T>::insert(c.dataset, d);
		Contributions::<T>::insert(id, c);
		Ok(extra)
	}

	pub(crate) fn do_reject(who: T::AccountId, id: ContributionId, reason: u8) -> DispatchResult {
		let c = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		let d = Datasets::<T>::get(c.dataset).ok_or(Error::<T>::DatasetNotFound)?;
		Self::ensure_reviewer(&who, &d)?;
		ensure!(c.status == ContributionStatus::Pending, Error::<T>::ContributionNotPending);

		let slash = T::RejectionSlash::get().mul_floor(c.deposit);
		let slashed = if slash.is_zero() {
			Zero::zero()
		} else {
			T::Currency::transfer_on_hold(
				&HoldReason::ContributionDeposit.into(),
				&c.contributor,
				&T::SlashBeneficiary::get(),
				slash,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?
		};
		let refunded = c.deposit.saturating_sub(slashed);
		Self::release(HoldReason::ContributionDeposit, &c.contributor, refunded)?;
		Self::remove_pending(id, &c);
		Self::deposit_event(Event::ContributionRejected {
			contribution: id,
			dataset: c.dataset,
			reason,
			slashed,
			refunded,
		});
		Ok(())
	}

	pub(crate) fn do_expire(id: ContributionId) -> DispatchResult {
		let c = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		ensure!(c.status == ContributionStatus::Pending, Error::<T>::ContributionNotPending);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now >= c.submitted_at.saturating_add(T::ReviewPeriod::get()),
			Error::<T>::ReviewPeriodNotOver
		);
		Self::release(HoldReason::ContributionDeposit, &c.contributor, c.deposit)?;
		Self::remove_pending(id, &c);
		Self::deposit_event(Event::ContributionExpired { contribution: id, dataset: c.dataset });
		Ok(())
	}

	fn remove_pending(id: ContributionId, c: &ContributionOf<T>) {
		Self::decrement_pending_count(c);
		ContentIndex::<T>::remove(c.content_hash);
		Contributions::<T>::remove(id);
	}

	/// Withdraws an accepted contribution; returns the weight the observer took beyond its
	/// cheapest path.
	pub(crate) fn do_withdraw(
		who: T::AccountId,
		id: ContributionId,
	) -> Result<Weight, DispatchError> {
		let mut c = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		ensure!(c.contributor == who, Error::<T>::NotContributor);
		ensure!(c.status == ContributionStatus::Accepted, Error::<T>::ContributionNotAccepted);
		let mut d = Datasets::<T>::get(c.dataset).ok_or(Error::<T>::DatasetNotFound)?;
		// Rewards settle what the contribution earned under its points before they go.
		let extra = T::Observer::on_withdrawn(c.dataset, id, &who, c.points)?;
		d.total_points = d.total_points.checked_sub(c.points.into()).ok_or_else(|| {
			log::error!(target: LOG_TARGET, "dataset {} points below contribution {id}'s", c.dataset);
			Error::<T>::Overflow
		})?;
		c.status = ContributionStatus::Withdrawn;
		let dataset = c.dataset;
		Datasets::<T>::insert(dataset, d);
		Contributions::<T>::insert(id, c);
		Self::deposit_event(Event::ContributionWithdrawn { contribution: id, dataset });
		Ok(extra)
	}

	/// Checks the invariants listed in the crate documentation.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut pending_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut pending_counts: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut points: BTreeMap<DatasetId, u64> = BTreeMap::new();
		let mut accepted: BTreeMap<DatasetId, u32> = BTreeMap::new();
		let next_contribution = NextContributionId::<T>::get();
		let mut contributions = 0usize;
		for (id, c) in Contributions::<T>::iter() {
			contributions = contributions.saturating_add(1);
			ensure!(id < next_contribution, "contribution id at or above NextContributionId");
			ensure!(Datasets::<T>::contains_key(c.dataset), "contribution of a missing dataset");
			ensure!(
				ContentIndex::<T>::get(c.content_hash) == Some(id),
				"ContentIndex does not point at the contribution holding the hash"
			);
			match c.status {
				ContributionStatus::Pending => {
					let e = pending_deposits.entry(c.contributor.clone()).or_default();
					*e = e.saturating_add(c.deposit);
					let n = pending_counts.entry(c.contributor.clone()).or_default();
					*n = n.saturating_add(1);
				},
				ContributionStatus::Accepted => {
					ensure!(c.deposit.is_zero(), "accepted contribution still has a deposit");
					let p = points.entry(c.dataset).or_default();
					*p = p.saturating_add(u64::from(c.points));
					let n = accepted.entry(c.dataset).or_default();
					*n = n.saturating_add(1);
				},
				ContributionStatus::Withdrawn => {
					ensure!(c.deposit.is_zero(), "withdrawn contribution still has a deposit");
					let n = accepted.entry(c.dataset).or_default();
					*n = n.saturating_add(1);
				},
			}
		}
		ensure!(
			ContentIndex::<T>::iter().count() == contributions,
			"ContentIndex holds hashes of no contribution"
		);

		let mut dataset_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let next_dataset = NextDatasetId::<T>::get();
		for (id, d) in Datasets::<T>::iter() {
			ensure!(id < next_dataset, "dataset id at or above NextDatasetId");
			ensure!(
				d.total_points == points.get(&id).copied().unwrap_or(0),
				"dataset total_points differs from its accepted contributions' points"
			);
			ensure!(
				d.version == accepted.get(&id).copied().unwrap_or(0),
				"dataset version differs from its number of acceptances"
			);
			ensure!(
				VersionRoots::<T>::get(id, d.version) == Some(d.root),
				"current root is not stored for the current version"
			);
			ensure!(
				VersionRoots::<T>::iter_prefix(id).count()
					== (d.version as usize).saturating_add(1),
				"a version root is missing or extra"
			);
			let e = dataset_deposits.entry(d.owner.clone()).or_default();
			*e = e.saturating_add(d.deposit);
		}

		for (who, n) in PendingCount::<T>::iter() {
			ensure!(pending_counts.get(&who) == Some(&n), "PendingCount differs from pending");
		}
		ensure!(
			pending_counts.len() == PendingCount::<T>::iter().count(),
			"an account with pending contributions has no PendingCount"
		);
		let accounts = pending_deposits.keys().chain(dataset_deposits.keys()).cloned();
		for who in accounts.collect::<BTreeSet<_>>() {
			let held_c =
				T::Currency::balance_on_hold(&HoldReason::ContributionDeposit.into(), &who);
			let held_d = T::Currency::balance_on_hold(&HoldReason::DatasetDeposit.into(), &who);
			ensure!(
				held_c == pending_deposits.get(&who).copied().unwrap_or_default(),
				"held contribution deposits differ from pending deposits owed"
			);
			ensure!(
				held_d == dataset_deposits.get(&who).copied().unwrap_or_default(),
				"held dataset deposits differ from owned datasets' deposits"
			);
		}
		Ok(())
	}
}

impl<T: Config> DatasetInspect<T::AccountId> for Pallet<T> {
	fn contribution(id: ContributionId) -> Option<ContributionInfo<T::AccountId>> {
		Contributions::<T>::get(id).map(|c| ContributionInfo {
			points: if c.status == ContributionStatus::Accepted { c.points } else { 0 },
			contributor: c.contributor,
			dataset: c.dataset,
			status: c.status,
			accepted_in: c.accepted_in,
			content_hash: c.content_hash,
		})
	}

	fn next_contribution_id() -> ContributionId {
		NextContributionId::<T>::get()
	}

	fn dataset(id: DatasetId) -> Option<DatasetInfo<T::AccountId>> {
		Datasets::<T>::get(id).map(|d| DatasetInfo {
			owner: d.owner,
			version: d.version,
			root: d.root,
			total_points: d.total_points,
		})
	}

	fn version_root(dataset: DatasetId, version: DatasetVersion) -> Option<Hash256> {
		VersionRoots::<T>::get(dataset, version)
	}
}
