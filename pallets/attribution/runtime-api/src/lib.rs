//! Runtime API of the attribution pallet, read by the node's `tributary_*` JSON-RPC methods and by
//! polkadot.js through `api.call.attributionApi.*`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_attribution::{
	AssetKind, Balance, ContributionEarning, ContributionId, ModelId, ModelView, ReceiptId,
	ReceiptView, RewardView,
};

sp_api::decl_runtime_apis! {
	/// What accounts are owed, what receipts say, what contributions and models earned.
	pub trait AttributionApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// `who`'s rewards per currency: owed (claimable now), pending in dataset pools,
		/// earned and claimed, and the contributions to pass to `claim` to collect the pending
		/// part too.
		fn rewards(who: AccountId) -> Vec<RewardView>;
		/// Receipt `id`, if it is still kept.
		fn receipt(id: ReceiptId) -> Option<ReceiptView<AccountId, BlockNumber>>;
		/// What contribution `id` earned and has pending, per currency.
		fn contribution_earnings(id: ContributionId) -> Option<Vec<ContributionEarning>>;
		/// Model `id` and its usage.
		fn model(id: ModelId) -> Option<ModelView<AccountId>>;
	}
}
