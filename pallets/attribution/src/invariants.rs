//! The pallet's invariants (`do_try_state`).

use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungibles::Inspect, Get},
};
use tributary_primitives::{ContributionStatus, DatasetInspect};

use crate::{pallet::*, types::*};

impl<T: Config> Pallet<T> {
	/// Checks, per currency, that the pot holds at least what is owed, pooled, dust and reserve;
	/// that `owed` is the sum of every account's owed rewards; that no contribution's pending
	/// pooled reward exceeds what is pooled; and that models and providers are consistent.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut owed: BTreeMap<AssetKind, Balance> = BTreeMap::new();
		for (_, currency, totals) in Rewards::<T>::iter() {
			ensure!(totals.claimed <= totals.earned, "an account claimed more than it earned");
			let o = owed.entry(currency).or_default();
			*o = o.saturating_add(totals.owed());
		}
		let mut currencies: alloc::collections::btree_set::BTreeSet<AssetKind> =
			owed.keys().cloned().collect();
		currencies.extend(PotTotals::<T>::iter_keys());
		let pot = Self::pot();
		for k in currencies {
			let totals = PotTotals::<T>::get(&k);
			ensure!(
				owed.get(&k).copied().unwrap_or(0) == totals.owed,
				"the pot's owed total differs from the sum of owed rewards"
			);
			// At least: anyone can transfer to the pot's account, and nothing owns such a
			// transfer (found by the runtime fuzzer, seed 0xdedc7a8100002710).
			ensure!(
				T::Assets::balance(k.clone(), &pot) >= totals.sum(),
				"pot balance below owed + pooled + dust + reserve"
			);
		}

		// Pending pooled rewards never exceed what was pooled.
		let mut pending: BTreeMap<AssetKind, Balance> = BTreeMap::new();
		for (_, id, ()) in Earners::<T>::iter() {
			let Some(c) = T::Datasets::contribution(id) else {
				return Err("an earner's contribution does not exist".into());
			};
			if c.status != ContributionStatus::Accepted {
				continue;
			}
			for k in DatasetCurrencies::<T>::get(c.dataset) {
				let p = pending.entry(k.clone()).or_default();
				*p = p.saturating_add(Self::pending_pooled(c.dataset, id, c.points, &k));
			}
		}
		for (k, p) in pending {
			ensure!(p <= PotTotals::<T>::get(&k).pooled, "pending pooled rewards exceed the pool");
		}

		for (_, m) in Models::<T>::iter() {
			ensure!(!m.trained_on.is_empty(), "a model with no dataset");
			ensure!(
				(m.status == ModelStatus::Retired) == (m.deposit == 0)
					|| T::ModelDeposit::get() == 0,
				"a model's deposit does not match its status"
			);
		}
		let retained = NextReceiptId::<T>::get().min(T::ReceiptRetention::get());
		ensure!(Receipts::<T>::iter_keys().count() as u64 == retained, "receipts not retained");
		ensure!(
			ProcessedRequests::<T>::iter().count() as u64 == retained,
			"replay protection out of step with receipts"
		);
		Ok(())
	}
}
