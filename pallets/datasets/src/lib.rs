//! # Datasets pallet
//!
//! Datasets and the data contributed to them: who contributed which content (by its blake2-256
//! hash), under which rules, and whether it was accepted. The content itself stays off-chain.
//!
//! ## Overview
//!
//! - Any signed account creates a **dataset**: a name, a description, a kind of data, a license
//!   tag and a [`ContributionPolicy`]. The owner holds a metadata deposit
//!   (`DatasetDepositBase + DatasetDepositPerByte × bytes`) for as long as it owns the dataset.
//! - Anyone **submits a contribution** to an active dataset: the content hash, its size and a URI.
//!   A content hash exists at most once in the whole chain ([`Error::ContentAlreadyRegistered`]): nobody is
//!   paid twice for the same bytes. The dataset's contribution deposit is held while the
//!   contribution is pending; each account has at most `MaxPendingPerAccount` pending.
//! - In an `Open` dataset a contribution is accepted on submission with `OpenScore` points. In a
//!   `Curated` one the owner or a curator **accepts** it with a quality score (its points; the
//!   deposit is released) or **rejects** it with a reason code (`RejectionSlash` of the deposit
//!   goes to `SlashBeneficiary`, the rest is released). A contribution nobody reviewed within
//!   `ReviewPeriod` blocks can be **expired** by anyone, releasing its whole deposit.
//! - Every acceptance bumps the dataset's **version** and extends its commitment
//!   `root' = blake2_256(root ‖ content_hash)`; the root of every version is kept, so a model can
//!   name the exact version it was trained on and anyone holding the content can recompute it.
//! - A contributor can **withdraw** an accepted contribution: it loses its points and can no longer
//!   be attributed; what it earned before is kept by the rewards pallet, which is told first
//!   through [`Config::Observer`].
//!
//! Other pallets read datasets through [`tributary_primitives::DatasetInspect`].
//!
//! ## Invariants (checked by `do_try_state`)
//!
//! - Each account's held `ContributionDeposit` equals the deposits of its pending contributions;
//!   its held `DatasetDeposit` equals the deposits of the datasets it owns.
//! - `PendingCount` of each account equals its number of pending contributions.
//! - `ContentIndex` maps every stored contribution's hash to it, and nothing else.
//! - Each dataset's `total_points` is the sum of its accepted contributions' points, its `version`
//!   the number of its accepted or withdrawn contributions, and a root is stored for every version.

#![cfg_attr(not(feature = "std"), no_std)]
// Tests may compute freely (clippy.toml lets them unwrap, expect and index).
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::datasets";

// FRAME's pallet macros expand to code that these lints flag under our spans; the pallet's logic
// lives outside this module (impls, settlement, queries), where they apply.
#[allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use tributary_primitives::ContributionObserver;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A dataset owner's metadata deposit.
		#[codec(index = 0)]
		DatasetDeposit,
		/// A pending contribution's deposit.
		#[codec(index = 1)]
		ContributionDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// The currency deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// Metadata deposit of a dataset: the base part.
		#[pallet::constant]
		type DatasetDepositBase: Get<BalanceOf<Self>>;
		/// Metadata deposit of a dataset: per byte of name, description and license.
		#[pallet::constant]
		type DatasetDepositPerByte: Get<BalanceOf<Self>>;
		/// Longest dataset name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;
		/// Longest dataset description, in bytes.
		#[pallet::constant]
		type MaxDescriptionLength: Get<u32>;
		/// Longest license tag, in bytes.
		#[pallet::constant]
		type MaxLicenseLength: Get<u32>;
		/// Longest contribution URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;
		/// Most curators a dataset may have.
		#[pallet::constant]
		type MaxCurators: Get<u32>;
		/// Most pending contributions one account may have at a time.
		#[pallet::constant]
		type MaxPendingPerAccount: Get<u32>;
		/// Blocks a pending contribution waits for review before anyone may expire it.
		#[pallet::constant]
		type ReviewPeriod: Get<BlockNumberFor<Self>>;
		/// Share of a rejected contribution's deposit that is slashed (governed).
		type RejectionSlash: Get<Perbill>;
		/// Who receives slashed deposits (the treasury).
		type SlashBeneficiary: Get<Self::AccountId>;
		/// Points of a contribution accepted by an `Open` dataset.
		#[pallet::constant]
		type OpenScore: Get<Points>;
		/// Highest quality score a curator may give.
		#[pallet::constant]
		type MaxScore: Get<Points>;
		/// Most files one `submit_contributions` registers.
		#[pallet::constant]
		type MaxFilesPerSubmission: Get<u32>;
		/// Told of acceptances and withdrawals (the rewards pallet).
		type Observer: ContributionObserver<Self::AccountId>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The next dataset id.
	#[pallet::storage]
	pub type NextDatasetId<T> = StorageValue<_, DatasetId, ValueQuery>;

	/// Datasets by id.
	// Twox64Concat is safe: ids are sequential, chosen by the pallet, not by users.
	#[pallet::storage]
	pub type Datasets<T: Config> = StorageMap<_, Twox64Concat, DatasetId, DatasetOf<T>>;

	/// An ownership handover offered by a dataset's owner, waiting for the new owner to accept.
	#[pallet::storage]
	pub type PendingOwner<T: Config> = StorageMap<_, Twox64Concat, DatasetId, T::AccountId>;

	/// The commitment root of each version of each dataset (version 0 has the zero root).
	#[pallet::storage]
	pub type VersionRoots<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, DatasetVersion, Hash256>;

	/// The next contribution id.
	#[pallet::storage]
	pub type NextContributionId<T> = StorageValue<_, ContributionId, ValueQuery>;

	/// Contributions by id. Rejected and expired ones are removed; accepted and withdrawn stay.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, ContributionOf<T>>;

	/// Which contribution registered a content hash: each hash exists once in the chain.
	// Blake2_128Concat: content hashes are chosen by users, who must not be able to unbalance
	// the trie.
	#[pallet::storage]
	pub type ContentIndex<T: Config> = StorageMap<_, Blake2_128Concat, Hash256, ContributionId>;

	/// Number of pending contributions of each account.
	#[pallet::storage]
	pub type PendingCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dataset was created.
		DatasetCreated { dataset: DatasetId, owner: T::AccountId, deposit: BalanceOf<T> },
		/// A dataset's metadata changed; its owner's deposit is now `deposit`.
		MetadataUpdated { dataset: DatasetId, deposit: BalanceOf<T> },
		/// A dataset's contribution policy changed.
		PolicyUpdated { dataset: DatasetId, policy: ContributionPolicy<BalanceOf<T>> },
		/// A curator was appointed.
		CuratorAdded { dataset: DatasetId, curator: T::AccountId },
		/// A curator was removed.
		CuratorRemoved { dataset: DatasetId, curator: T::AccountId },
		/// The owner offered the dataset to `to`.
		OwnershipOffered { dataset: DatasetId, to: T::AccountId },
		/// The dataset changed hands.
		OwnershipTransferred { dataset: DatasetId, from: T::AccountId, to: T::AccountId },
		/// The dataset takes no more contributions.
		DatasetClosed { dataset: DatasetId },
		/// A contribution was submitted and is pending review.
		ContributionSubmitted {
			contribution: ContributionId,
			dataset: DatasetId,
			contributor: T::AccountId,
			content_hash: Hash256,
			deposit: BalanceOf<T>,
		},
		/// A contribution was accepted: the dataset is now at `version` with `root`.
		ContributionAccepted {
			contribution: ContributionId,
			dataset: DatasetId,
			points: Points,
			version: DatasetVersion,
			root: Hash256,
		},
		/// A contribution was rejected: `slashed` went to the treasury, `refunded` back.
		ContributionRejected {
			contribution: ContributionId,
			dataset: DatasetId,
			reason: u8,
			slashed: BalanceOf<T>,
			refunded: BalanceOf<T>,
		},
		/// A pending contribution expired unreviewed; its deposit was refunded.
		ContributionExpired { contribution: ContributionId, dataset: DatasetId },
		/// An accepted contribution was withdrawn by its contributor.
		ContributionWithdrawn { contribution: ContributionId, dataset: DatasetId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No dataset has this id.
		DatasetNotFound,
		/// No contribution has this id.
		ContributionNotFound,
		/// Only the dataset's owner may do this.
		NotDatasetOwner,
		/// Only the dataset's owner or one of its curators may review.
		NotCurator,
		/// Only the contribution's contributor may do this.
		NotContributor,
		/// The dataset is closed to new contributions.
		DatasetNotOpen,
		/// This content hash is already registered.
		ContentAlreadyRegistered,
		/// The content is larger than the dataset accepts.
		ContentTooLarge,
		/// A contribution must have at least one byte.
		EmptyContent,
		/// The account has as many pending contributions as allowed.
		TooManyPending,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLength`.
		NameTooLong,
		/// The description is longer than `MaxDescriptionLength`.
		DescriptionTooLong,
		/// The license tag is longer than `MaxLicenseLength`.
		LicenseTooLong,
		/// The URI is longer than `MaxUriLength`.
		UriTooLong,
		/// The account cannot hold the deposit.
		InsufficientBalance,
		/// The contribution is not pending.
		ContributionNotPending,
		/// The contribution is not accepted.
		ContributionNotAccepted,
		/// The score is zero or above `MaxScore`.
		InvalidScore,
		/// The dataset has `MaxCurators` curators already.
		TooManyCurators,
		/// The account is already a curator of this dataset.
		AlreadyCurator,
		/// The account is not a curator of this dataset.
		CuratorNotFound,
		/// The review period of this contribution has not ended yet.
		ReviewPeriodNotOver,
		/// No handover of this dataset was offered to the caller.
		OwnershipOfferNotFound,
		/// The dataset is already closed.
		AlreadyClosed,
		/// The maximum content size must be at least one byte.
		InvalidPolicy,
		/// A submission names no file.
		NoFiles,
		/// A counter or a sum would overflow.
		Overflow,
	}

	/// A dataset seeded at genesis.
	#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
	pub struct GenesisDataset<AccountId, Balance> {
		/// Its owner, who holds the metadata deposit.
		pub owner: AccountId,
		/// Its name (UTF-8).
		pub name: alloc::string::String,
		/// Its description (UTF-8).
		pub description: alloc::string::String,
		/// What it holds.
		pub kind: DataKind,
		/// Its license tag.
		pub license: alloc::string::String,
		/// Its contribution policy.
		pub policy: ContributionPolicy<Balance>,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Datasets to create at genesis, with ids 0, 1, …
		pub datasets: Vec<GenesisDataset<T::AccountId, BalanceOf<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		#[allow(clippy::expect_used)]
		fn build(&self) {
			for d in &self.datasets {
				Pallet::<T>::do_create_dataset(
					d.owner.clone(),
					d.name.clone().into_bytes(),
					d.description.clone().into_bytes(),
					d.kind,
					d.license.clone().into_bytes(),
					d.policy,
				)
				.expect("genesis datasets are valid and their owners can hold the deposit; qed");
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			if tributary_primitives::mutants::planted(
				tributary_primitives::mutants::Mutant::HookReadsEveryContribution,
			) {
				let _ = Contributions::<T>::iter_values().count();
			}
			Weight::zero()
		}

		fn integrity_test() {
			assert!(T::MaxScore::get() > 0, "MaxScore must allow a score");
			assert!(
				T::OpenScore::get() > 0 && T::OpenScore::get() <= T::MaxScore::get(),
				"OpenScore must be a valid score"
			);
			assert!(T::MaxNameLength::get() > 0, "names must be possible");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a dataset owned by the caller.
		///
		/// ## Dispatch Origin
		/// Signed; the caller holds the metadata deposit.
		///
		/// ## Errors
		/// [`Error::EmptyName`], [`Error::NameTooLong`], [`Error::DescriptionTooLong`],
		/// [`Error::LicenseTooLong`], [`Error::InvalidPolicy`], [`Error::InsufficientBalance`].
		///
		/// ## Events
		/// [`Event::DatasetCreated`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_dataset(
			name.len() as u32 + description.len() as u32 + license.len() as u32
		))]
		pub fn create_dataset(
			origin: OriginFor<T>,
			name: Vec<u8>,
			description: Vec<u8>,
			kind: DataKind,
			license: Vec<u8>,
			policy: ContributionPolicy<BalanceOf<T>>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_create_dataset(owner, name, description, kind, license, policy).map(|_| ())
		}

		/// Replace a dataset's name, description and license; the deposit follows the new size.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::NotDatasetOwner`], the length errors,
		/// [`Error::InsufficientBalance`].
		///
		/// ## Events
		/// [`Event::MetadataUpdated`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_metadata(
			name.len() as u32 + description.len() as u32 + license.len() as u32
		))]
		pub fn update_metadata(
			origin: OriginFor<T>,
			dataset: DatasetId,
			name: Vec<u8>,
			description: Vec<u8>,
			license: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_metadata(who, dataset, name, description, license)
		}

		/// Change the contribution policy. Pending contributions keep the deposit they hold.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::NotDatasetOwner`], [`Error::InvalidPolicy`].
		///
		/// ## Events
		/// [`Event::PolicyUpdated`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::update_policy())]
		pub fn update_policy(
			origin: OriginFor<T>,
			dataset: DatasetId,
			policy: ContributionPolicy<BalanceOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_policy(who, dataset, policy)
		}

		/// Appoint a curator.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::NotDatasetOwner`], [`Error::AlreadyCurator`],
		/// [`Error::TooManyCurators`].
		///
		/// ## Events
		/// [`Event::CuratorAdded`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::add_curator())]
		pub fn add_curator(
			origin: OriginFor<T>,
			dataset: DatasetId,
			curator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_curator(who, dataset, curator)
		}

		/// Remove a curator.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::NotDatasetOwner`], [`Error::CuratorNotFound`].
		///
		/// ## Events
		/// [`Event::CuratorRemoved`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_curator())]
		pub fn remove_curator(
			origin: OriginFor<T>,
			dataset: DatasetId,
			curator: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_curator(who, dataset, curator)
		}

		/// Offer the dataset to `to`; it changes hands when `to` calls `accept_ownership`.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::NotDatasetOwner`].
		///
		/// ## Events
		/// [`Event::OwnershipOffered`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::offer_ownership())]
		pub fn offer_ownership(
			origin: OriginFor<T>,
			dataset: DatasetId,
			to: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_offer_ownership(who, dataset, to)
		}

		/// Take over a dataset offered to the caller: the caller now holds the metadata deposit
		/// and the previous owner's is released.
		///
		/// ## Dispatch Origin
		/// Signed, the account the dataset was offered to.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::OwnershipOfferNotFound`],
		/// [`Error::InsufficientBalance`].
		///
		/// ## Events
		/// [`Event::OwnershipTransferred`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_ownership(who, dataset)
		}

		/// Close the dataset to new contributions. Accepted contributions keep earning; pending
		/// ones can still be reviewed or expired.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::NotDatasetOwner`], [`Error::AlreadyClosed`].
		///
		/// ## Events
		/// [`Event::DatasetClosed`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::close_dataset())]
		pub fn close_dataset(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_dataset(who, dataset)
		}

		/// Submit content (by its blake2-256 hash) to a dataset. In a `Curated` dataset the
		/// dataset's deposit is held while it waits for review; in an `Open` one it is accepted
		/// at once and nothing is held.
		///
		/// ## Dispatch Origin
		/// Signed, the contributor.
		///
		/// ## Errors
		/// [`Error::DatasetNotFound`], [`Error::DatasetNotOpen`],
		/// [`Error::ContentAlreadyRegistered`], [`Error::EmptyContent`],
		/// [`Error::ContentTooLarge`], [`Error::UriTooLong`], [`Error::TooManyPending`],
		/// [`Error::InsufficientBalance`].
		///
		/// ## Events
		/// [`Event::ContributionSubmitted`], and [`Event::ContributionAccepted`] in an open
		/// dataset.
		#[pallet::call_index(8)]
		#[pallet::weight(Pallet::<T>::submission_weight(1))]
		pub fn submit_contribution(
			origin: OriginFor<T>,
			dataset: DatasetId,
			content_hash: Hash256,
			size_bytes: u64,
			uri: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let file = ContributionFile { content_hash, size_bytes, uri };
			Self::submit(who, dataset, [file])
		}

		/// Submit a folder of files at once, each as one contribution, all or none: as
		/// `submit_contribution` for each, for a fraction of the cost.
		///
		/// ## Dispatch Origin
		/// Signed, the contributor.
		///
		/// ## Errors
		/// [`Error::NoFiles`], and those of `submit_contribution` for any file (a hash named
		/// twice is [`Error::ContentAlreadyRegistered`]).
		///
		/// ## Events
		/// Those of `submit_contribution`, for each file in order.
		#[pallet::call_index(13)]
		#[pallet::weight(Pallet::<T>::submission_weight(files.len() as u32))]
		pub fn submit_contributions(
			origin: OriginFor<T>,
			dataset: DatasetId,
			files: BoundedVec<ContributionFile, T::MaxFilesPerSubmission>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::submit(who, dataset, files)
		}

		/// Accept a pending contribution with a quality score (its points); its deposit is
		/// released and the dataset's version and root advance.
		///
		/// ## Dispatch Origin
		/// Signed, the owner or a curator of the dataset.
		///
		/// ## Errors
		/// [`Error::ContributionNotFound`], [`Error::NotCurator`],
		/// [`Error::ContributionNotPending`], [`Error::InvalidScore`].
		///
		/// ## Events
		/// [`Event::ContributionAccepted`].
		#[pallet::call_index(9)]
		#[pallet::weight(
			T::WeightInfo::accept_contribution().saturating_add(T::Observer::max_extra_weight())
		)]
		pub fn accept_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
			score: Points,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let extra = Self::do_accept(who, contribution, score)?;
			Ok(Some(T::WeightInfo::accept_contribution().saturating_add(extra)).into())
		}

		/// Reject a pending contribution with a reason code: `RejectionSlash` of its deposit goes
		/// to the treasury, the rest back to the contributor, and its hash is free again.
		///
		/// ## Dispatch Origin
		/// Signed, the owner or a curator of the dataset.
		///
		/// ## Errors
		/// [`Error::ContributionNotFound`], [`Error::NotCurator`],
		/// [`Error::ContributionNotPending`].
		///
		/// ## Events
		/// [`Event::ContributionRejected`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::reject_contribution())]
		pub fn reject_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
			reason: u8,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reject(who, contribution, reason)
		}

		/// Expire a contribution left unreviewed for `ReviewPeriod` blocks: its whole deposit
		/// goes back to the contributor and its hash is free again.
		///
		/// ## Dispatch Origin
		/// Signed, anyone.
		///
		/// ## Errors
		/// [`Error::ContributionNotFound`], [`Error::ContributionNotPending`],
		/// [`Error::ReviewPeriodNotOver`].
		///
		/// ## Events
		/// [`Event::ContributionExpired`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::expire_contribution())]
		pub fn expire_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire(contribution)
		}

		/// Withdraw an accepted contribution: it earns nothing further and can no longer be
		/// attributed; what it earned is kept.
		///
		/// ## Dispatch Origin
		/// Signed, the contributor.
		///
		/// ## Errors
		/// [`Error::ContributionNotFound`], [`Error::NotContributor`],
		/// [`Error::ContributionNotAccepted`].
		///
		/// ## Events
		/// [`Event::ContributionWithdrawn`].
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::withdraw_contribution().saturating_add(T::Observer::max_extra_weight())
		)]
		pub fn withdraw_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let extra = Self::do_withdraw(who, contribution)?;
			Ok(Some(T::WeightInfo::withdraw_contribution().saturating_add(extra)).into())
		}
	}
}
