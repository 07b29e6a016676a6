//! The records this pallet stores.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
pub use tributary_primitives::{
	ContributionId, ContributionStatus, DatasetId, DatasetVersion, Hash256, Points,
};

use crate::Config;

/// Balance of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A dataset's name.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLength>;
/// A dataset's description.
pub type DescriptionOf<T> = BoundedVec<u8, <T as Config>::MaxDescriptionLength>;
/// A license tag such as `CC-BY-4.0`.
pub type LicenseOf<T> = BoundedVec<u8, <T as Config>::MaxLicenseLength>;
/// Where a contribution's content can be fetched.
pub type UriOf<T> = BoundedVec<u8, <T as Config>::MaxUriLength>;
/// A dataset's curators.
pub type CuratorsOf<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxCurators>;
/// A stored dataset.
pub type DatasetOf<T> = Dataset<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	NameOf<T>,
	DescriptionOf<T>,
	LicenseOf<T>,
	CuratorsOf<T>,
>;
/// A stored contribution.
pub type ContributionOf<T> =
	Contribution<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>, UriOf<T>>;

/// What a dataset holds.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DataKind {
	/// Text.
	Text,
	/// Images.
	Image,
	/// Audio.
	Audio,
	/// Anything else.
	Other,
}

/// How contributions enter a dataset.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ReviewMode {
	/// Accepted on submission, with the pallet's `OpenScore` points.
	Open,
	/// Pending until a curator accepts or rejects it.
	Curated,
}

/// The rules of a dataset for its contributions.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct ContributionPolicy<Balance> {
	/// Open or curated.
	pub mode: ReviewMode,
	/// The deposit each contribution holds while it is pending.
	pub deposit: Balance,
	/// The largest content accepted, in bytes.
	pub max_content_size: u64,
}

/// Whether a dataset takes new contributions.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub enum DatasetStatus {
	/// Taking contributions.
	Active,
	/// Closed by its owner: no new contributions; what was earned stays earned.
	Closed,
}

/// A dataset.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Dataset<AccountId, Balance, Name, Description, License, Curators> {
	/// Its owner: edits metadata, appoints curators, curates, closes.
	pub owner: AccountId,
	/// Its name.
	pub name: Name,
	/// Its description.
	pub description: Description,
	/// What it holds.
	pub kind: DataKind,
	/// Its license tag.
	pub license: License,
	/// The rules for contributions.
	pub policy: ContributionPolicy<Balance>,
	/// Accounts that review contributions besides the owner.
	pub curators: Curators,
	/// Active or closed.
	pub status: DatasetStatus,
	/// Number of contributions accepted so far.
	pub version: DatasetVersion,
	/// `blake2_256(previous root ‖ content hash)` over every acceptance; zero at version 0.
	pub root: Hash256,
	/// Sum of the points of its accepted, not withdrawn contributions.
	pub total_points: u64,
	/// The metadata deposit its owner holds.
	pub deposit: Balance,
}

/// A contribution of content to a dataset.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Contribution<AccountId, Balance, BlockNumber, Uri> {
	/// The dataset it was submitted to.
	pub dataset: DatasetId,
	/// Who submitted it.
	pub contributor: AccountId,
	/// blake2-256 of the content.
	pub content_hash: Hash256,
	/// Size of the content in bytes.
	pub size_bytes: u64,
	/// Where the content can be fetched.
	pub uri: Uri,
	/// Pending, accepted or withdrawn.
	pub status: ContributionStatus,
	/// The deposit held while pending (zero afterwards).
	pub deposit: Balance,
	/// The block it was submitted in.
	pub submitted_at: BlockNumber,
	/// Its points once accepted.
	pub points: Points,
	/// The dataset version its acceptance created.
	pub accepted_in: DatasetVersion,
}

/// One file submitted as a contribution: `submit_contribution` takes one, `submit_contributions`
/// a folder of them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct ContributionFile {
	/// blake2-256 of the content; registered at most once in the whole chain.
	pub content_hash: Hash256,
	/// Size of the content in bytes (at least 1, at most the dataset's `max_content_size`).
	pub size_bytes: u64,
	/// Where the content can be fetched (at most `MaxUriLength` bytes).
	pub uri: alloc::vec::Vec<u8>,
}

/// What a submission registered.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Submission {
	/// The new contributions, in the order of the files.
	pub ids: alloc::vec::Vec<ContributionId>,
	/// Whether they were accepted at once (an open dataset).
	pub accepted: bool,
	/// The weight the observer took beyond its cheapest path.
	pub observer_weight: Weight,
}
