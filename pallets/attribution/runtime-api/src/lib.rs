//! Runtime API of the attribution pallet, read by the node's `tributary_*` JSON-RPC methods and by
//! polkadot.js through `api.call.attributionApi.*`.
//!
//! Every answer is one of the pallet's view types ([`RewardView`], [`ReceiptView`],
//! [`ContributionEarning`], [`ModelView`], [`TrainingSetPage`]): the RPC returns the same types as
//! JSON, so the two agree field for field.
//!
//! ## Versions
//!
//! - 2: `training_set`; `RewardView` gained `claimable`; `ReceiptView` and `ModelView` carry the
//!   stored `Receipt` and `Model` (with `ModelUsage`) instead of copies of their fields.
//! - 1: `rewards`, `receipt`, `contribution_earnings`, `model`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_attribution::{
	AssetKind, Balance, ContributionEarning, ContributionId, ModelId, ModelView, ReceiptId,
	ReceiptView, RewardView, TrainingContribution, TrainingSetPage, MAX_TRAINING_SET_PAGE,
};

sp_api::decl_runtime_apis! {
	/// What accounts are owed, what receipts say, what contributions and models earned, and what
	/// a model may attribute to.
	#[api_version(2)]
	pub trait AttributionApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// `who`'s rewards per currency: claimable, owed, pending in dataset pools, earned and
		/// claimed, and the contributions to pass to `claim` to collect the pending part too.
		fn rewards(who: AccountId) -> Vec<RewardView>;
		/// Receipt `id`, if it is still kept.
		fn receipt(id: ReceiptId) -> Option<ReceiptView<AccountId, BlockNumber>>;
		/// What contribution `id` earned and has pending, per currency.
		fn contribution_earnings(id: ContributionId) -> Option<Vec<ContributionEarning>>;
		/// Model `id` with its usage.
		fn model(id: ModelId) -> Option<ModelView<AccountId>>;
		/// The contributions model `model` may attribute to, among the ids `from..from + limit`
		/// (`limit` at most [`MAX_TRAINING_SET_PAGE`]); `None` if the model does not exist.
		fn training_set(model: ModelId, from: ContributionId, limit: u32) -> Option<TrainingSetPage>;
	}
}
