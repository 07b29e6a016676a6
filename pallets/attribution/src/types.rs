//! The records this pallet stores and the types its calls take.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible::NativeOrWithId};
use scale_info::TypeInfo;
use sp_runtime::Perbill;
pub use tributary_primitives::{ContributionId, DatasetId, DatasetVersion};

use crate::Config;

/// Balances of every currency (native and assets) are `u128`.
pub type Balance = u128;
/// Identifier of an asset in pallet-assets.
pub type AssetId = u32;
/// The currency a model is priced in: the native token or an asset.
pub type AssetKind = NativeOrWithId<AssetId>;
/// Identifier of a model.
pub type ModelId = u32;
/// Identifier of an attribution receipt.
pub type ReceiptId = u64;
/// A provider's identifier of a request; unique per provider.
pub type RequestId = u64;
/// A 32-byte hash.
pub type Hash256 = [u8; 32];

/// The attribution of one inference: contributions and their shares of the contributors' part.
pub type AttributionOf<T> =
	BoundedVec<(ContributionId, Perbill), <T as Config>::MaxAttributionEntries>;
/// The dataset versions a model was trained on.
pub type TrainedOnOf<T> =
	BoundedVec<(DatasetId, DatasetVersion), <T as Config>::MaxDatasetsPerModel>;
/// A stored model.
pub type ModelOf<T> = Model<
	<T as frame_system::Config>::AccountId,
	BoundedVec<u8, <T as Config>::MaxMetadataLength>,
	TrainedOnOf<T>,
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxProvidersPerModel>,
>;
/// An inference report as a provider submits it.
pub type InferenceReportOf<T> =
	InferenceReport<<T as frame_system::Config>::AccountId, AttributionOf<T>>;
/// A stored receipt.
pub type ReceiptOf<T> = Receipt<
	<T as frame_system::Config>::AccountId,
	AttributionOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// Whether a model can be used.
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
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
pub enum ModelStatus {
	/// Inferences can be reported.
	Active,
	/// Retired by its owner: no more inferences.
	Retired,
}

/// A model registered against the dataset versions it was trained on.
///
/// Its JSON form (in [`ModelView`](crate::ModelView)) follows [`tributary_primitives::json`].
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, Metadata: AsRef<[u8]>, \
			             TrainedOn: serde::Serialize, Providers: serde::Serialize",
			deserialize = "AccountId: serde::Deserialize<'de>, Metadata: TryFrom<Vec<u8>>, \
			               TrainedOn: serde::Deserialize<'de>, Providers: serde::Deserialize<'de>"
		)
	)
)]
pub struct Model<AccountId, Metadata, TrainedOn, Providers> {
	/// Its owner, paid the owner's share of every fee.
	pub owner: AccountId,
	/// Free-form metadata (name, URI of the weights, …).
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::hex"))]
	pub metadata: Metadata,
	/// The `(dataset, version)` pairs it was trained on.
	pub trained_on: TrainedOn,
	/// The model it was fine-tuned from, whose owner receives the parent share.
	pub parent: Option<ModelId>,
	/// Price of one unit of inference.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub price: Balance,
	/// The currency of the price.
	pub currency: AssetKind,
	/// Providers allowed to report inferences of it.
	pub providers: Providers,
	/// Active or retired.
	pub status: ModelStatus,
	/// The deposit its owner holds while it is active.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub deposit: Balance,
}

/// How much a model has been used.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct ModelUsage {
	/// Reported inferences.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub inferences: u64,
	/// Units of inference.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub units: u64,
	/// Fees paid, in the model's currency.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub fees: Balance,
}

/// An inference provider.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Provider<BlockNumber> {
	/// The native bond held.
	pub bond: Balance,
	/// When unbonding, the block from which the bond can be withdrawn.
	pub unbonding_at: Option<BlockNumber>,
}

/// One paid inference, reported by its provider.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct InferenceReport<AccountId, Attribution> {
	/// The provider's identifier of the request; a second report with it is refused.
	pub request_id: RequestId,
	/// The model used.
	pub model: ModelId,
	/// Who pays: the consumer, within the allowance it gave the provider.
	pub consumer: AccountId,
	/// Units of inference (the fee is `price × units`).
	pub units: u32,
	/// Hash of the output.
	pub output_hash: Hash256,
	/// The contributions the output drew on and their shares (sum at most 100 %).
	pub attribution: Attribution,
}

/// An attribution receipt: the settled record of one inference.
///
/// Its JSON form (in [`ReceiptView`](crate::ReceiptView)) follows [`tributary_primitives::json`].
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: serde::Serialize, \
			             Attribution: AsRef<[(ContributionId, Perbill)]>, \
			             BlockNumber: serde::Serialize",
			deserialize = "AccountId: serde::Deserialize<'de>, \
			               Attribution: TryFrom<Vec<(ContributionId, Perbill)>>, \
			               BlockNumber: serde::Deserialize<'de>"
		)
	)
)]
pub struct Receipt<AccountId, Attribution, BlockNumber> {
	/// Who reported it.
	pub provider: AccountId,
	/// The provider's request id.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub request_id: RequestId,
	/// The model used.
	pub model: ModelId,
	/// Who paid.
	pub consumer: AccountId,
	/// Units of inference.
	pub units: u32,
	/// Hash of the output.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::hex"))]
	pub output_hash: Hash256,
	/// The fee charged.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub fee: Balance,
	/// Its currency.
	pub currency: AssetKind,
	/// The attribution.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::attribution"))]
	pub attribution: Attribution,
	/// The block it was settled in.
	pub block: BlockNumber,
}

/// What an account has earned and claimed in one currency.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RewardTotals {
	/// Credited to it so far.
	pub earned: Balance,
	/// Paid out to it so far.
	pub claimed: Balance,
}

impl RewardTotals {
	/// What is owed now.
	pub fn owed(&self) -> Balance {
		self.earned.saturating_sub(self.claimed)
	}
}

/// How a fee was split (in the event of every report).
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct FeeSplit {
	/// Kept as the pot's existential reserve (first fee in a currency only).
	pub reserve: Balance,
	/// To the model's owner.
	pub owner: Balance,
	/// To the parent model's owner.
	pub parent: Balance,
	/// To the provider.
	pub provider: Balance,
	/// To the treasury.
	pub treasury: Balance,
	/// To the attributed contributions, by share.
	pub attributed: Balance,
	/// To the model's datasets' reward pools.
	pub pooled: Balance,
	/// Rounding remainders and what no contribution could take.
	pub dust: Balance,
}

/// What the pot holds in one currency, by purpose; the pot's balance is exactly the sum.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct CurrencyTotals {
	/// Credited to accounts, not yet claimed.
	pub owed: Balance,
	/// In dataset reward counters, not yet settled to a contribution.
	pub pooled: Balance,
	/// Rounding remainders and rewards nobody could take: held, never paid.
	pub dust: Balance,
	/// The pot's existential reserve, taken from the first fee.
	pub reserve: Balance,
}

impl CurrencyTotals {
	/// What the pot must hold.
	pub fn sum(&self) -> Balance {
		self.owed.saturating_add(self.pooled).saturating_add(self.dust).saturating_add(self.reserve)
	}
}

/// A contribution's standing in one currency.
#[derive(Clone, Copy, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ContributionLedger {
	/// The dataset's reward counter when it last settled: it has pooled rewards pending for
	/// what the counter rose since.
	pub checkpoint: u128,
	/// What it has earned: direct shares and settled pooled rewards.
	pub earned: Balance,
}
