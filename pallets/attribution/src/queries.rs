//! What the runtime API answers: rewards, receipts, contribution earnings, model usage.

use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use codec::{Decode, Encode};
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use tributary_primitives::{ContributionStatus, DatasetInspect};

use crate::{pallet::*, types::*};

/// An account's rewards in one currency.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct RewardView {
	/// The currency.
	pub currency: AssetKind,
	/// Credited and not yet claimed.
	pub owed: Balance,
	/// Earned in dataset reward pools and not yet settled (a claim settles it).
	pub pending_pooled: Balance,
	/// Credited so far.
	pub earned: Balance,
	/// Paid out so far.
	pub claimed: Balance,
	/// The contributions whose pooled rewards are pending in this currency: pass them to `claim`
	/// to collect `pending_pooled` too.
	pub settle: Vec<ContributionId>,
}

/// A receipt with its id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ReceiptView<AccountId, BlockNumber> {
	/// Its id.
	pub id: ReceiptId,
	/// The provider that reported it.
	pub provider: AccountId,
	/// The provider's request id.
	pub request_id: RequestId,
	/// The model used.
	pub model: ModelId,
	/// Who paid.
	pub consumer: AccountId,
	/// Units of inference.
	pub units: u32,
	/// Hash of the output.
	pub output_hash: Hash256,
	/// The fee.
	pub fee: Balance,
	/// Its currency.
	pub currency: AssetKind,
	/// The attribution.
	pub attribution: Vec<(ContributionId, Perbill)>,
	/// The block it was settled in.
	pub block: BlockNumber,
}

/// What one contribution earned in one currency.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ContributionEarning {
	/// The currency.
	pub currency: AssetKind,
	/// Credited to its contributor (direct shares and settled pooled rewards).
	pub earned: Balance,
	/// Pooled rewards not yet settled.
	pub pending: Balance,
}

/// A model and its usage.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct ModelView<AccountId> {
	/// Its owner.
	pub owner: AccountId,
	/// Price per unit.
	pub price: Balance,
	/// Currency of the price.
	pub currency: AssetKind,
	/// Whether it can be used.
	pub active: bool,
	/// The dataset versions it was trained on.
	pub trained_on: Vec<(DatasetId, DatasetVersion)>,
	/// Reported inferences.
	pub inferences: u64,
	/// Units of inference.
	pub units: u64,
	/// Fees paid, in its currency.
	pub fees: Balance,
}

impl<T: Config> Pallet<T> {
	/// Everything `who` has earned, owes to be claimed, and has pending, per currency, with the
	/// contributions a claim should settle (one pass over `who`'s contributions).
	pub fn rewards_of(who: &T::AccountId) -> Vec<RewardView> {
		let mut views: BTreeMap<AssetKind, RewardView> = Rewards::<T>::iter_prefix(who)
			.map(|(currency, t)| {
				(
					currency.clone(),
					RewardView {
						currency,
						owed: t.owed(),
						pending_pooled: 0,
						earned: t.earned,
						claimed: t.claimed,
						settle: Vec::new(),
					},
				)
			})
			.collect();
		for (contribution, ()) in Earners::<T>::iter_prefix(who) {
			for e in Self::earnings_of(contribution).unwrap_or_default() {
				if e.pending > 0 {
					let v = views.entry(e.currency.clone()).or_insert(RewardView {
						currency: e.currency,
						owed: 0,
						pending_pooled: 0,
						earned: 0,
						claimed: 0,
						settle: Vec::new(),
					});
					v.pending_pooled = v.pending_pooled.saturating_add(e.pending);
					v.settle.push(contribution);
				}
			}
		}
		views.into_values().collect()
	}

	/// Receipt `id`, if it is still kept.
	pub fn receipt_view(
		id: ReceiptId,
	) -> Option<ReceiptView<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>> {
		Receipts::<T>::get(id).map(|r| ReceiptView {
			id,
			provider: r.provider,
			request_id: r.request_id,
			model: r.model,
			consumer: r.consumer,
			units: r.units,
			output_hash: r.output_hash,
			fee: r.fee,
			currency: r.currency,
			attribution: r.attribution.into_inner(),
			block: r.block,
		})
	}

	/// What contribution `id` earned and has pending, per currency; `None` if it does not exist.
	pub fn earnings_of(id: ContributionId) -> Option<Vec<ContributionEarning>> {
		let c = T::Datasets::contribution(id)?;
		let mut out: BTreeMap<AssetKind, ContributionEarning> =
			ContributionEarnings::<T>::iter_prefix(id)
				.map(|(currency, earned)| {
					(currency.clone(), ContributionEarning { currency, earned, pending: 0 })
				})
				.collect();
		if c.status == ContributionStatus::Accepted {
			for currency in DatasetCurrencies::<T>::get(c.dataset) {
				let pending = Self::pending_pooled(c.dataset, id, c.points, &currency);
				out.entry(currency.clone())
					.or_insert(ContributionEarning { currency, earned: 0, pending: 0 })
					.pending = pending;
			}
		}
		Some(out.into_values().collect())
	}

	/// Model `id` and its usage.
	pub fn model_view(id: ModelId) -> Option<ModelView<T::AccountId>> {
		let m = Models::<T>::get(id)?;
		let u = Usage::<T>::get(id);
		Some(ModelView {
			owner: m.owner,
			price: m.price,
			currency: m.currency,
			active: m.status == ModelStatus::Active,
			trained_on: m.trained_on.into_inner(),
			inferences: u.inferences,
			units: u.units,
			fees: u.fees,
		})
	}
}
