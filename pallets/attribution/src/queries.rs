//! What the runtime API answers: rewards, receipts, contribution earnings, models, training sets.
//!
//! These view types are the one shape of each answer from the pallet to the clients: the runtime
//! API returns them in SCALE, and the `tributary_*` JSON-RPC serialises the same types (their serde
//! form follows [`tributary_primitives::json`]: integers wider than 32 bits as strings, hashes as
//! hex, currencies as the calls take them).

use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use codec::{Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use tributary_primitives::{
	mutants::{planted, Mutant},
	ContributionStatus, DatasetInspect,
};

use crate::{pallet::*, settlement::pooled_reward, types::*};

/// Most contribution ids one [`Pallet::training_set`] page scans.
pub const MAX_TRAINING_SET_PAGE: u32 = 1_000;

/// An account's rewards in one currency.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RewardView {
	/// The currency.
	pub currency: AssetKind,
	/// What a claim that settles [`RewardView::settle`] pays: `owed + pending_pooled`.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub claimable: Balance,
	/// Credited and not yet claimed.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub owed: Balance,
	/// Earned in dataset reward pools and not yet settled (a claim settles it).
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub pending_pooled: Balance,
	/// Credited so far.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub earned: Balance,
	/// Paid out so far.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub claimed: Balance,
	/// The contributions whose pooled rewards are pending in this currency: pass them to `claim`
	/// to collect `pending_pooled` too.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string_list"))]
	pub settle: Vec<ContributionId>,
}

impl RewardView {
	fn new(currency: AssetKind, totals: RewardTotals) -> Self {
		Self {
			currency,
			claimable: totals.owed(),
			owed: totals.owed(),
			pending_pooled: 0,
			earned: totals.earned,
			claimed: totals.claimed,
			settle: Vec::new(),
		}
	}
}

/// A receipt with its id: the stored [`Receipt`], its attribution as a plain list.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize, BlockNumber: serde::Serialize",
		deserialize = "AccountId: serde::Deserialize<'de>, BlockNumber: serde::Deserialize<'de>"
	))
)]
pub struct ReceiptView<AccountId, BlockNumber> {
	/// Its id.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub id: ReceiptId,
	/// The receipt (flattened into the view in JSON).
	#[cfg_attr(feature = "std", serde(flatten))]
	pub receipt: Receipt<AccountId, Vec<(ContributionId, Perbill)>, BlockNumber>,
}

/// What one contribution earned in one currency.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct ContributionEarning {
	/// The currency.
	pub currency: AssetKind,
	/// Credited to its contributor (direct shares and settled pooled rewards).
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub earned: Balance,
	/// Pooled rewards not yet settled.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub pending: Balance,
}

/// A stored model with plain lists, as [`ModelView`] carries it.
pub type ModelRecord<AccountId> =
	Model<AccountId, Vec<u8>, Vec<(DatasetId, DatasetVersion)>, Vec<AccountId>>;

/// A model with its id and usage: the stored [`Model`] and [`ModelUsage`].
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(bound(
		serialize = "AccountId: serde::Serialize",
		deserialize = "AccountId: serde::Deserialize<'de>"
	))
)]
pub struct ModelView<AccountId> {
	/// Its id.
	pub id: ModelId,
	/// The model (flattened into the view in JSON).
	#[cfg_attr(feature = "std", serde(flatten))]
	pub model: ModelRecord<AccountId>,
	/// Its usage (flattened into the view in JSON).
	#[cfg_attr(feature = "std", serde(flatten))]
	pub usage: ModelUsage,
}

/// A contribution a model may attribute to.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct TrainingContribution {
	/// Its id.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::string"))]
	pub id: ContributionId,
	/// Its dataset.
	pub dataset: DatasetId,
	/// blake2-256 of its content.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::hex"))]
	pub content_hash: Hash256,
}

/// One page of a model's training set.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct TrainingSetPage {
	/// The attributable contributions among the ids scanned, by id.
	pub contributions: Vec<TrainingContribution>,
	/// The id to continue from; `None` when every contribution was scanned.
	#[cfg_attr(feature = "std", serde(with = "tributary_primitives::json::option_string"))]
	pub next: Option<ContributionId>,
}

impl<T: Config> Pallet<T> {
	/// Everything `who` has earned, owes to be claimed, and has pending, per currency, with the
	/// contributions a claim should settle (one pass over `who`'s contributions).
	pub fn rewards_of(who: &T::AccountId) -> Vec<RewardView> {
		if planted(Mutant::RewardsQueryWrites) {
			Earners::<T>::insert(who, ContributionId::MAX, ());
		}
		let mut views: BTreeMap<AssetKind, RewardView> = Rewards::<T>::iter_prefix(who)
			.map(|(currency, totals)| (currency.clone(), RewardView::new(currency, totals)))
			.collect();
		// Each dataset's currencies and counters, read once for all of `who`'s contributions.
		let mut pools: BTreeMap<DatasetId, Vec<(AssetKind, u128)>> = BTreeMap::new();
		for (contribution, ()) in Earners::<T>::iter_prefix(who) {
			let Some(c) = T::Datasets::contribution(contribution) else { continue };
			if c.status != ContributionStatus::Accepted {
				continue;
			}
			let counters = pools.entry(c.dataset).or_insert_with(|| {
				DatasetCurrencies::<T>::get(c.dataset)
					.into_iter()
					.map(|k| {
						let counter = RewardCounters::<T>::get(c.dataset, &k);
						(k, counter)
					})
					.collect()
			});
			for (currency, counter) in counters.iter() {
				let checkpoint = ContributionLedgers::<T>::get(contribution, currency).checkpoint;
				let pending = pooled_reward(c.points, checkpoint, *counter);
				if pending > 0 {
					let v = views.entry(currency.clone()).or_insert_with(|| {
						RewardView::new(currency.clone(), RewardTotals::default())
					});
					v.pending_pooled = v.pending_pooled.saturating_add(pending);
					v.claimable = v.claimable.saturating_add(pending);
					v.settle.push(contribution);
				}
			}
		}
		views.into_values().collect()
	}

	/// Receipt `id`, if it is still kept.
	pub fn receipt_view(id: ReceiptId) -> Option<ReceiptView<T::AccountId, BlockNumberFor<T>>> {
		Receipts::<T>::get(id).map(|r| ReceiptView {
			id,
			receipt: Receipt {
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
			},
		})
	}

	/// What contribution `id` earned and has pending, per currency; `None` if it does not exist.
	pub fn earnings_of(id: ContributionId) -> Option<Vec<ContributionEarning>> {
		let c = T::Datasets::contribution(id)?;
		let mut out: BTreeMap<AssetKind, ContributionEarning> =
			ContributionLedgers::<T>::iter_prefix(id)
				.filter(|(_, ledger)| ledger.earned > 0)
				.map(|(currency, ContributionLedger { earned, .. })| {
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

	/// Model `id` with its usage.
	pub fn model_view(id: ModelId) -> Option<ModelView<T::AccountId>> {
		let m = Models::<T>::get(id)?;
		Some(ModelView {
			id,
			model: Model {
				owner: m.owner,
				metadata: m.metadata.into_inner(),
				trained_on: m.trained_on.into_inner(),
				parent: m.parent,
				price: m.price,
				currency: m.currency,
				providers: m.providers.into_inner(),
				status: m.status,
				deposit: m.deposit,
			},
			usage: Usage::<T>::get(id),
		})
	}

	/// The contributions `model` may attribute to (by the rule reports are checked with), among
	/// the ids `from..from + limit`; `limit` is at most [`MAX_TRAINING_SET_PAGE`]. `None` if the
	/// model does not exist. Page on with [`TrainingSetPage::next`].
	pub fn training_set(
		model: ModelId,
		from: ContributionId,
		limit: u32,
	) -> Option<TrainingSetPage> {
		let model = Models::<T>::get(model)?;
		let end = T::Datasets::next_contribution_id();
		let stop = from.saturating_add(limit.clamp(1, MAX_TRAINING_SET_PAGE).into()).min(end);
		let contributions = (from..stop)
			.filter_map(|id| {
				let c = T::Datasets::contribution(id)?;
				Self::ensure_attributable(&model, &c).ok()?;
				Some(TrainingContribution { id, dataset: c.dataset, content_hash: c.content_hash })
			})
			.collect();
		Some(TrainingSetPage { contributions, next: (stop < end).then_some(stop) })
	}
}
