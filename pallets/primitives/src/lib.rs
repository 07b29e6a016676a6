//! # Tributary primitives
//!
//! What Tributary's pallets know of each other. The attribution and rewards pallets read datasets
//! and contributions through [`DatasetInspect`] and learn of changes of points through
//! [`ContributionObserver`], never through another pallet's storage.

#![cfg_attr(not(feature = "std"), no_std)]
// Tests may compute freely (clippy.toml lets them unwrap, expect and index).
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

#[cfg(feature = "std")]
pub mod json;
pub mod mutants;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::{DispatchError, Weight};
use scale_info::TypeInfo;

/// Identifier of a dataset.
pub type DatasetId = u32;
/// Identifier of a contribution (unique across datasets).
pub type ContributionId = u64;
/// Version of a dataset: the number of contributions it has accepted.
pub type DatasetVersion = u32;
/// Reward weight of an accepted contribution within its dataset (its quality score).
pub type Points = u32;
/// A 32-byte hash (blake2-256 of content, or a dataset's commitment root).
pub type Hash256 = [u8; 32];

/// Where a contribution stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ContributionStatus {
	/// Submitted, its deposit held, waiting for a curator.
	Pending,
	/// Accepted: part of its dataset from `version` on, earning by its points.
	Accepted,
	/// Withdrawn by its contributor: no longer attributable, earns nothing further.
	Withdrawn,
}

/// A contribution as other pallets see it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ContributionInfo<AccountId> {
	/// Who contributed it (and is paid for it).
	pub contributor: AccountId,
	/// The dataset it belongs to.
	pub dataset: DatasetId,
	/// Its status.
	pub status: ContributionStatus,
	/// Its points (zero unless accepted).
	pub points: Points,
	/// The dataset version its acceptance created (zero unless accepted or withdrawn).
	pub accepted_in: DatasetVersion,
	/// blake2-256 of its content.
	pub content_hash: Hash256,
}

/// A dataset as other pallets see it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DatasetInfo<AccountId> {
	/// Its owner.
	pub owner: AccountId,
	/// Its current version.
	pub version: DatasetVersion,
	/// Its current commitment root.
	pub root: Hash256,
	/// Sum of the points of its accepted, not withdrawn contributions.
	pub total_points: u64,
}

/// Read access to datasets and contributions.
pub trait DatasetInspect<AccountId> {
	/// The contribution `id`, if it exists.
	fn contribution(id: ContributionId) -> Option<ContributionInfo<AccountId>>;
	/// The id the next contribution will get: every contribution's id is below it.
	fn next_contribution_id() -> ContributionId;
	/// The dataset `id`, if it exists.
	fn dataset(id: DatasetId) -> Option<DatasetInfo<AccountId>>;
	/// The commitment root of `dataset` at `version`, if that version exists.
	fn version_root(dataset: DatasetId, version: DatasetVersion) -> Option<Hash256>;
}

/// Told of every change of an accepted contribution's points, so that reward accounting can
/// settle what was earned under the old points first.
///
/// Each hook returns the weight it took beyond its cheapest path: the datasets pallet's
/// benchmarks run with the runtime's observer on fresh datasets, so their weights include that
/// path already, and the datasets pallet adds what a hook returns to its own.
pub trait ContributionObserver<AccountId> {
	/// `contribution` of `contributor` was accepted into `dataset` with `points`.
	fn on_accepted(
		dataset: DatasetId,
		contribution: ContributionId,
		contributor: &AccountId,
		points: Points,
	) -> Result<Weight, DispatchError>;
	/// `contribution` is about to be withdrawn from `dataset`: it had `points`.
	fn on_withdrawn(
		dataset: DatasetId,
		contribution: ContributionId,
		contributor: &AccountId,
		points: Points,
	) -> Result<Weight, DispatchError>;
	/// The most either hook returns.
	fn max_extra_weight() -> Weight;
}

impl<AccountId> ContributionObserver<AccountId> for () {
	fn on_accepted(
		_: DatasetId,
		_: ContributionId,
		_: &AccountId,
		_: Points,
	) -> Result<Weight, DispatchError> {
		Ok(Weight::zero())
	}
	fn on_withdrawn(
		_: DatasetId,
		_: ContributionId,
		_: &AccountId,
		_: Points,
	) -> Result<Weight, DispatchError> {
		Ok(Weight::zero())
	}
	fn max_extra_weight() -> Weight {
		Weight::zero()
	}
}
