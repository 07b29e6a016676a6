//! # Attribution pallet
//!
//! Tributary's inference economy. A paid inference happens off-chain; its provider reports it
//! here with the contributions the output drew on; the fee is charged to the consumer within an
//! allowance, split by governed fractions, and everyone it was split to claims what they earned.
//!
//! ## Overview
//!
//! - **Models** are registered against the `(dataset, version)` pairs they were trained on, with
//!   an optional parent model (a fine-tune) and a price per unit in the native token or an asset
//!   ([`AssetKind`]). The owner changes the price, authorises providers and retires the model.
//! - **Providers** hold a native bond (`MinProviderBond`); unbonding takes `UnbondingDelay`
//!   blocks, during which they cannot report.
//! - **Consumers** approve a provider to charge up to an allowance for a model; a report charges
//!   `price × units` within it — never beyond it, never without it.
//! - **Reports** ([`InferenceReport`]) carry a request id unique per provider, the consumer, the
//!   units, an output hash and the attribution: `(contribution, share)` pairs, shares summing to at
//!   most 100 %, each contribution accepted, not withdrawn, and in a dataset version the model was
//!   trained on. Each becomes a [`Receipt`]; the last `ReceiptRetention` receipts are kept, and a
//!   request id cannot be replayed while its receipt is kept.
//! - **The split**: the model owner, the parent model's owner (or the owner again when there is
//!   none), the provider and the treasury get their governed fractions; the contributors get the
//!   rest. Of the contributors' part, each attributed contribution gets its share directly; the
//!   unassigned remainder goes in equal parts to the model's datasets, where it is shared among
//!   their accepted contributions by points through a reward counter (the nomination-pools
//!   design), so every contributor to a used dataset earns.
//! - **Claims**: [`Pallet::claim`] pays an account what it is owed in one currency, after
//!   settling a caller-chosen, bounded list of its contributions' pooled rewards. Its cost depends
//!   on that list only — not on how many contributors, receipts or datasets exist.
//!
//! ## Accounting
//!
//! Fees are held by the pallet's pot account. Per currency, the pot holds
//! `owed + pooled + dust + reserve` ([`PotTotals`]): credited-but-unclaimed rewards, rewards in
//! dataset counters not yet settled to a contribution, rounding remainders (never paid, never
//! lost, always counted), and the pot's existential reserve (taken from the first fee in a
//! currency so that claims never reap the pot). It may hold more: anyone can transfer to the
//! pot's account, and such a transfer is no one's reward (it stays there). `do_try_state`
//! checks that the pot holds at least the totals, and that no contribution's pending pooled
//! reward exceeds `pooled`.

#![cfg_attr(not(feature = "std"), no_std)]
// Tests may compute freely (clippy.toml lets them unwrap, expect and index).
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod intents;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod ledger;
pub mod migrations;
#[cfg(test)]
mod mock;
mod models;
mod queries;
mod settlement;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use queries::{
	ContributionEarning, ModelRecord, ModelView, ReceiptView, RewardView, TrainingContribution,
	TrainingSetPage, MAX_TRAINING_SET_PAGE,
};
pub use settlement::ReportsCost;
pub use types::*;
pub use weights::WeightInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::attribution";

/// Fixed-point scale of the dataset reward counters (rewards per point × 10¹⁸).
pub const COUNTER_SCALE: u128 = 1_000_000_000_000_000_000;

/// Creates what benchmarks need from the datasets pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A dataset with `n` accepted contributions (points > 0) and its version.
	fn dataset_with_contributions(
		n: u32,
	) -> (DatasetId, DatasetVersion, alloc::vec::Vec<ContributionId>);
	/// An asset usable as a model's currency, with `who` funded in it.
	fn asset(who: &AccountId) -> AssetKind;
}

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
		traits::{fungible, fungibles},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use tributary_primitives::{
		mutants::{planted, Mutant},
		DatasetInspect,
	};

	/// v1: `PotTotals` and `ContributionLedgers` (see [`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bond.
		#[codec(index = 0)]
		ProviderBond,
		/// A model owner's deposit.
		#[codec(index = 1)]
		ModelDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// The native currency: provider bonds and model deposits are held in it.
		type NativeCurrency: fungible::Mutate<Self::AccountId, Balance = Balance>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// Every currency a model can be priced in: the native token and assets.
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = AssetKind, Balance = Balance>;
		/// Datasets and contributions.
		type Datasets: DatasetInspect<Self::AccountId>;
		/// The pallet's id; its account is the pot holding fees until they are claimed.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// The treasury's account.
		type TreasuryAccount: Get<Self::AccountId>;
		/// Fraction of each fee to the model's owner (governed).
		type OwnerShare: Get<Perbill>;
		/// Fraction of each fee to the provider (governed).
		type ProviderShare: Get<Perbill>;
		/// Fraction of each fee to the treasury (governed).
		type TreasuryShare: Get<Perbill>;
		/// Fraction of each fee to the parent model's owner (governed).
		type ParentShare: Get<Perbill>;
		/// Smallest bond a provider holds (governed).
		type MinProviderBond: Get<Balance>;
		/// Blocks between unbonding and withdrawing a bond (governed).
		type UnbondingDelay: Get<BlockNumberFor<Self>>;
		/// Deposit a model's owner holds while the model is active.
		#[pallet::constant]
		type ModelDeposit: Get<Balance>;
		/// Longest model metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLength: Get<u32>;
		/// Most dataset versions a model names.
		#[pallet::constant]
		type MaxDatasetsPerModel: Get<u32>;
		/// Most providers a model authorises.
		#[pallet::constant]
		type MaxProvidersPerModel: Get<u32>;
		/// Most entries in one attribution.
		#[pallet::constant]
		type MaxAttributionEntries: Get<u32>;
		/// Most reports in one batch.
		#[pallet::constant]
		type MaxBatchSize: Get<u32>;
		/// Most currencies one dataset's reward pool tracks.
		#[pallet::constant]
		type MaxCurrenciesPerDataset: Get<u32>;
		/// Most contributions one claim settles.
		#[pallet::constant]
		type MaxSettlePerClaim: Get<u32>;
		/// Number of most recent receipts kept.
		#[pallet::constant]
		type ReceiptRetention: Get<u64>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The next model id.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Models by id.
	// Twox64Concat: ids are sequential, chosen by the pallet.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Twox64Concat, ModelId, ModelOf<T>>;

	/// Usage of each model.
	#[pallet::storage]
	pub type Usage<T: Config> = StorageMap<_, Twox64Concat, ModelId, ModelUsage, ValueQuery>;

	/// Bonded providers.
	#[pallet::storage]
	pub type Providers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Provider<BlockNumberFor<T>>>;

	/// What a consumer allows a provider to charge for a model, in the model's currency.
	#[pallet::storage]
	pub type Allowances<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, ModelId>,
		),
		Balance,
	>;

	/// The receipt of each request id of each provider, while the receipt is kept.
	// Request ids are chosen by providers: Blake2 against unbalancing the trie.
	#[pallet::storage]
	pub type ProcessedRequests<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, RequestId, ReceiptId>;

	/// The next receipt id.
	#[pallet::storage]
	pub type NextReceiptId<T> = StorageValue<_, ReceiptId, ValueQuery>;

	/// The most recent `ReceiptRetention` receipts.
	#[pallet::storage]
	pub type Receipts<T: Config> = StorageMap<_, Twox64Concat, ReceiptId, ReceiptOf<T>>;

	/// What each account earned and claimed, per currency.
	#[pallet::storage]
	pub type Rewards<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		AssetKind,
		RewardTotals,
		ValueQuery,
	>;

	/// What the pot holds in each currency, by purpose: owed, pooled, dust and reserve. Its
	/// balance in the currency is exactly their sum.
	#[pallet::storage]
	pub type PotTotals<T> = StorageMap<_, Blake2_128Concat, AssetKind, CurrencyTotals, ValueQuery>;

	/// Reward counter of each dataset per currency: rewards per point × `COUNTER_SCALE`.
	#[pallet::storage]
	pub type RewardCounters<T> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Blake2_128Concat, AssetKind, u128, ValueQuery>;

	/// The currencies each dataset's reward pool has received.
	#[pallet::storage]
	pub type DatasetCurrencies<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DatasetId,
		BoundedVec<AssetKind, T::MaxCurrenciesPerDataset>,
		ValueQuery,
	>;

	/// Each contribution's standing per currency: the reward counter it last settled at, and
	/// what it has earned (direct shares and settled pooled rewards).
	#[pallet::storage]
	pub type ContributionLedgers<T> = StorageDoubleMap<
		_,
		Twox64Concat,
		ContributionId,
		Blake2_128Concat,
		AssetKind,
		ContributionLedger,
		ValueQuery,
	>;

	/// The accepted contributions of each account, for queries.
	#[pallet::storage]
	pub type Earners<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ContributionId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered.
		ModelRegistered { model: ModelId, owner: T::AccountId, price: Balance, currency: AssetKind },
		/// A model's price changed.
		PriceChanged { model: ModelId, price: Balance },
		/// A provider may now report inferences of a model.
		ProviderAuthorized { model: ModelId, provider: T::AccountId },
		/// A provider may no longer report inferences of a model.
		ProviderRevoked { model: ModelId, provider: T::AccountId },
		/// A model was retired.
		ModelRetired { model: ModelId },
		/// An account bonded as a provider.
		ProviderBonded { provider: T::AccountId, bond: Balance },
		/// A provider started unbonding; the bond can be withdrawn from block `at`.
		ProviderUnbonding { provider: T::AccountId, at: BlockNumberFor<T> },
		/// A provider's bond was released.
		BondWithdrawn { provider: T::AccountId, bond: Balance },
		/// A consumer set what a provider may charge it for a model.
		AllowanceSet {
			consumer: T::AccountId,
			provider: T::AccountId,
			model: ModelId,
			allowance: Balance,
		},
		/// An inference was settled into receipt `receipt`.
		InferenceReported {
			receipt: ReceiptId,
			model: ModelId,
			provider: T::AccountId,
			consumer: T::AccountId,
			fee: Balance,
			currency: AssetKind,
			split: FeeSplit,
		},
		/// `who` was paid `amount` of what it earned.
		RewardsClaimed { who: T::AccountId, currency: AssetKind, amount: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id.
		ModelNotFound,
		/// Only the model's owner may do this.
		NotModelOwner,
		/// The model is retired: it takes no inferences and no changes.
		ModelNotActive,
		/// The model names no dataset version.
		EmptyTrainingSet,
		/// A named dataset version does not exist.
		DatasetVersionNotFound,
		/// A dataset is named twice.
		DuplicateDataset,
		/// The parent model does not exist.
		ParentModelNotFound,
		/// The currency is an asset that does not exist.
		AssetNotFound,
		/// The metadata is longer than `MaxMetadataLength`.
		MetadataTooLong,
		/// The model authorises `MaxProvidersPerModel` providers already.
		TooManyProviders,
		/// The provider is already authorised for the model.
		AlreadyAuthorized,
		/// The provider is not authorised for the model.
		NotAuthorized,
		/// The account is already a provider.
		AlreadyProvider,
		/// The account is not a bonded provider (or is unbonding).
		NotBonded,
		/// The bond is below `MinProviderBond`.
		BondTooLow,
		/// The provider is already unbonding.
		AlreadyUnbonding,
		/// The provider is not unbonding.
		NotUnbonding,
		/// The unbonding delay has not passed.
		UnbondingNotOver,
		/// The account cannot hold the bond or deposit.
		InsufficientBalance,
		/// The consumer gave this provider no allowance for this model.
		AllowanceNotFound,
		/// The fee exceeds the allowance left.
		AllowanceExceeded,
		/// The consumer cannot pay the fee.
		ConsumerCannotPay,
		/// The fee is below the currency's minimum balance (the pot could not hold it).
		FeeBelowMinimum,
		/// This provider already reported this request id (while its receipt is kept).
		AlreadyReported,
		/// A report must be for at least one unit.
		ZeroUnits,
		/// The attribution's shares sum to more than 100 %.
		SharesExceed,
		/// A contribution is attributed twice.
		DuplicateAttribution,
		/// An attributed contribution does not exist.
		ContributionNotFound,
		/// An attributed contribution is pending review.
		ContributionNotAccepted,
		/// An attributed contribution was withdrawn by its contributor.
		WithdrawnContribution,
		/// An attributed contribution is in no dataset version the model was trained on.
		NotInTrainingSet,
		/// Nothing is owed to the account in this currency.
		NothingToClaim,
		/// The batch is empty.
		EmptyBatch,
		/// An amount or counter would overflow.
		Overflow,
		/// The currency's ledger debited a transfer without crediting it in full (pallet-assets
		/// drops the credit of a transfer once the asset's supply plus the amount overflows):
		/// nothing moved.
		TransferNotCredited,
		/// The allowance is no longer what the caller expected: a report spent from it, or
		/// another approval changed it. Read it again and retry.
		AllowanceChanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::ReceiptRetention::get() > 0, "some receipts must be kept");
			assert!(T::MaxDatasetsPerModel::get() > 0, "models need datasets");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a model trained on `trained_on`, priced at `price` per unit of `currency`.
		/// The caller holds `ModelDeposit` while the model is active.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::EmptyTrainingSet`], [`Error::DatasetVersionNotFound`],
		/// [`Error::DuplicateDataset`], [`Error::ParentModelNotFound`], [`Error::AssetNotFound`],
		/// [`Error::MetadataTooLong`], [`Error::InsufficientBalance`].
		///
		/// ## Events
		/// [`Event::ModelRegistered`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(trained_on.len() as u32))]
		pub fn register_model(
			origin: OriginFor<T>,
			metadata: Vec<u8>,
			trained_on: TrainedOnOf<T>,
			parent: Option<ModelId>,
			price: Balance,
			currency: AssetKind,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_model(owner, metadata, trained_on, parent, price, currency)
				.map(|_| ())
		}

		/// Change a model's price per unit.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelNotActive`].
		///
		/// ## Events
		/// [`Event::PriceChanged`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_price())]
		pub fn set_price(origin: OriginFor<T>, model: ModelId, price: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_price(who, model, price)
		}

		/// Allow `provider` to report inferences of `model`.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelNotActive`],
		/// [`Error::AlreadyAuthorized`], [`Error::TooManyProviders`].
		///
		/// ## Events
		/// [`Event::ProviderAuthorized`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::authorize_provider())]
		pub fn authorize_provider(
			origin: OriginFor<T>,
			model: ModelId,
			provider: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_authorize(who, model, provider)
		}

		/// Stop `provider` from reporting inferences of `model`.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::NotAuthorized`].
		///
		/// ## Events
		/// [`Event::ProviderRevoked`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::revoke_provider())]
		pub fn revoke_provider(
			origin: OriginFor<T>,
			model: ModelId,
			provider: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke(who, model, provider)
		}

		/// Retire a model: no more inferences; its deposit is released; its receipts and what
		/// they paid stay.
		///
		/// ## Dispatch Origin
		/// Signed, the owner.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::NotModelOwner`], [`Error::ModelNotActive`].
		///
		/// ## Events
		/// [`Event::ModelRetired`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::retire_model())]
		pub fn retire_model(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire(who, model)
		}

		/// Bond `bond` (at least `MinProviderBond`) to become an inference provider.
		///
		/// ## Dispatch Origin
		/// Signed.
		///
		/// ## Errors
		/// [`Error::AlreadyProvider`], [`Error::BondTooLow`], [`Error::InsufficientBalance`].
		///
		/// ## Events
		/// [`Event::ProviderBonded`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::register_provider())]
		pub fn register_provider(origin: OriginFor<T>, bond: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_provider(who, bond)
		}

		/// Start unbonding: the provider can no longer report; the bond can be withdrawn after
		/// `UnbondingDelay` blocks.
		///
		/// ## Dispatch Origin
		/// Signed, a provider.
		///
		/// ## Errors
		/// [`Error::NotBonded`], [`Error::AlreadyUnbonding`].
		///
		/// ## Events
		/// [`Event::ProviderUnbonding`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unbond_provider())]
		pub fn unbond_provider(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(who)
		}

		/// Release the bond of an unbonded provider.
		///
		/// ## Dispatch Origin
		/// Signed, the provider.
		///
		/// ## Errors
		/// [`Error::NotBonded`], [`Error::NotUnbonding`], [`Error::UnbondingNotOver`].
		///
		/// ## Events
		/// [`Event::BondWithdrawn`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::withdraw_bond())]
		pub fn withdraw_bond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_bond(who)
		}

		/// Allow `provider` to charge the caller up to `allowance` (in the model's currency) for
		/// inferences of `model`. Zero removes the allowance.
		///
		/// ## Dispatch Origin
		/// Signed, the consumer.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`].
		///
		/// ## Events
		/// [`Event::AllowanceSet`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(
			origin: OriginFor<T>,
			provider: T::AccountId,
			model: ModelId,
			allowance: Balance,
		) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_approve(consumer, provider, model, None, allowance)
		}

		/// Change what `provider` may charge the caller for `model` from `expected` (zero when
		/// there is no allowance) to `allowance`, only if it is still `expected`. Unlike
		/// `approve`, it cannot race with the provider's charges: a consumer lowering 100 to 50
		/// while a report spends the 100 is refused (the allowance is 0 by then), instead of
		/// granting 50 more. Zero removes the allowance.
		///
		/// ## Dispatch Origin
		/// Signed, the consumer.
		///
		/// ## Errors
		/// [`Error::ModelNotFound`], [`Error::AllowanceChanged`].
		///
		/// ## Events
		/// [`Event::AllowanceSet`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::change_allowance())]
		pub fn change_allowance(
			origin: OriginFor<T>,
			provider: T::AccountId,
			model: ModelId,
			expected: Balance,
			allowance: Balance,
		) -> DispatchResult {
			let consumer = ensure_signed(origin)?;
			Self::do_approve(consumer, provider, model, Some(expected), allowance)
		}

		/// Report one paid inference; it is charged, split and recorded as a receipt.
		///
		/// ## Dispatch Origin
		/// Signed, a bonded provider authorised for the model.
		///
		/// ## Errors
		/// [`Error::NotBonded`], [`Error::ModelNotFound`], [`Error::ModelNotActive`],
		/// [`Error::NotAuthorized`], [`Error::AlreadyReported`], [`Error::ZeroUnits`],
		/// [`Error::SharesExceed`], [`Error::DuplicateAttribution`],
		/// [`Error::ContributionNotFound`], [`Error::ContributionNotAccepted`],
		/// [`Error::WithdrawnContribution`], [`Error::NotInTrainingSet`],
		/// [`Error::AllowanceNotFound`], [`Error::AllowanceExceeded`], [`Error::AssetNotFound`],
		/// [`Error::ConsumerCannotPay`], [`Error::FeeBelowMinimum`], [`Error::TransferNotCredited`].
		///
		/// ## Events
		/// [`Event::InferenceReported`].
		#[pallet::call_index(9)]
		#[pallet::weight(Pallet::<T>::reports_weight(ReportsCost::bound(
			core::slice::from_ref(report),
			T::MaxDatasetsPerModel::get(),
		)))]
		pub fn report_inference(
			origin: OriginFor<T>,
			report: InferenceReportOf<T>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let (_, cost) = Self::do_report(&provider, [report])?;
			Ok(Some(Self::reports_weight(cost)).into())
		}

		/// Report several inferences at once; all are settled or none is. Credits to the same
		/// account, contribution or dataset pool are gathered and written once, and the call
		/// is charged for the distinct ones it touched.
		///
		/// ## Dispatch Origin
		/// Signed, a bonded provider.
		///
		/// ## Errors
		/// [`Error::EmptyBatch`], and those of `report_inference` for any report.
		///
		/// ## Events
		/// [`Event::InferenceReported`] for each.
		#[pallet::call_index(10)]
		#[pallet::weight(Pallet::<T>::reports_weight(ReportsCost::bound(
			reports,
			T::MaxDatasetsPerModel::get(),
		)))]
		pub fn report_inferences(
			origin: OriginFor<T>,
			reports: BoundedVec<InferenceReportOf<T>, T::MaxBatchSize>,
		) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			let bound = ReportsCost::bound(&reports, T::MaxDatasetsPerModel::get());
			let (_, cost) = Self::do_report(&provider, reports)?;
			if planted(Mutant::ReportRefundsTooLittle) {
				return Ok(Some(Self::reports_weight(bound).saturating_mul(2)).into());
			}
			Ok(Some(Self::reports_weight(cost)).into())
		}

		/// Pay `who` everything it is owed in `currency`, after settling the pooled rewards of
		/// `settle` (contributions of `who`'s, or anyone's: settling only credits their
		/// contributors). Anyone may call it; the payment always goes to `who`.
		///
		/// ## Dispatch Origin
		/// Signed, anyone.
		///
		/// ## Errors
		/// [`Error::ContributionNotFound`], [`Error::NothingToClaim`],
		/// [`Error::TransferNotCredited`].
		///
		/// ## Events
		/// [`Event::RewardsClaimed`].
		#[pallet::call_index(11)]
		#[pallet::weight(if planted(Mutant::ClaimWeightTooLow) {
			Weight::from_parts(1_000_000, 0)
		} else {
			T::WeightInfo::claim(settle.len() as u32)
		})]
		pub fn claim(
			origin: OriginFor<T>,
			who: T::AccountId,
			currency: AssetKind,
			settle: BoundedVec<ContributionId, T::MaxSettlePerClaim>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_claim(who, currency, settle).map(|_| ())
		}
	}
}
