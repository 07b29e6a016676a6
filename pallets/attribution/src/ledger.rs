//! The reward ledger of one call: every account, contribution, dataset pool and currency total a
//! call credits or settles is read from storage once, changed in memory, and written back once
//! when the call succeeds ([`Ledger::commit`]).
//!
//! A batch of reports naming the same contribution, contributor or dataset many times therefore
//! costs one read and at most one write per distinct key, and the benchmarks that count distinct
//! keys measure exactly the storage the call does. The arithmetic is the same, step for step, as
//! if every credit went to storage at once: a report's outcome does not depend on whether it is
//! alone in its call.

use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, BoundedVec};
use sp_runtime::DispatchResult;
use tributary_primitives::{ContributionInfo, DatasetInspect, Points};

use crate::{
	pallet::*,
	settlement::{mul_div, pooled_reward},
	types::*,
	COUNTER_SCALE, LOG_TARGET,
};

/// Values read from storage once, with what they were, so that only changed ones are written.
pub(crate) struct Cached<K, V> {
	entries: BTreeMap<K, (V, V)>,
}

impl<K: Ord, V: Clone + PartialEq> Cached<K, V> {
	pub(crate) fn new() -> Self {
		Self { entries: BTreeMap::new() }
	}

	/// The value of `key`, read with `load` the first time.
	pub(crate) fn get(&mut self, key: K, load: impl FnOnce(&K) -> V) -> &mut V {
		let (_, now) = self.entries.entry(key).or_insert_with_key(|k| {
			let v = load(k);
			(v.clone(), v)
		});
		now
	}

	/// How many keys were read.
	pub(crate) fn len(&self) -> u32 {
		self.entries.len() as u32
	}

	/// Calls `store` with every value that changed.
	pub(crate) fn commit(self, mut store: impl FnMut(K, V)) {
		for (k, (was, now)) in self.entries {
			if was != now {
				store(k, now);
			}
		}
	}
}

/// The storage of the reward accounting, cached for one call.
pub(crate) struct Ledger<T: Config> {
	rewards: Cached<(T::AccountId, AssetKind), RewardTotals>,
	totals: Cached<AssetKind, CurrencyTotals>,
	counters: Cached<(DatasetId, AssetKind), u128>,
	currencies: Cached<DatasetId, BoundedVec<AssetKind, T::MaxCurrenciesPerDataset>>,
	ledgers: Cached<(ContributionId, AssetKind), ContributionLedger>,
	points: BTreeMap<DatasetId, u128>,
	contributions: BTreeMap<ContributionId, ContributionInfo<T::AccountId>>,
}

impl<T: Config> Ledger<T> {
	pub(crate) fn new() -> Self {
		Self {
			rewards: Cached::new(),
			totals: Cached::new(),
			counters: Cached::new(),
			currencies: Cached::new(),
			ledgers: Cached::new(),
			points: BTreeMap::new(),
			contributions: BTreeMap::new(),
		}
	}

	/// The distinct contributions read so far.
	pub(crate) fn contributions_read(&self) -> u32 {
		self.contributions.len() as u32
	}

	/// The distinct datasets whose pools were read so far.
	pub(crate) fn datasets_read(&self) -> u32 {
		self.points.len() as u32
	}

	/// The contribution `id`, read once.
	pub(crate) fn contribution(
		&mut self,
		id: ContributionId,
	) -> Result<&ContributionInfo<T::AccountId>, Error<T>> {
		if let alloc::collections::btree_map::Entry::Vacant(e) = self.contributions.entry(id) {
			e.insert(T::Datasets::contribution(id).ok_or(Error::<T>::ContributionNotFound)?);
		}
		self.contributions.get(&id).ok_or(Error::<T>::ContributionNotFound)
	}

	/// Credits `amount` to what `who` is owed in `currency`.
	pub(crate) fn credit(
		&mut self,
		who: &T::AccountId,
		currency: &AssetKind,
		amount: Balance,
	) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		let totals =
			self.rewards.get((who.clone(), currency.clone()), |(w, k)| Rewards::<T>::get(w, k));
		totals.earned = totals.earned.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let pot = self.totals(currency);
		pot.owed = pot.owed.saturating_add(amount);
		Ok(())
	}

	/// What `who` is owed in `currency`, as this call leaves it.
	pub(crate) fn rewards(&mut self, who: &T::AccountId, currency: &AssetKind) -> RewardTotals {
		*self.rewards.get((who.clone(), currency.clone()), |(w, k)| Rewards::<T>::get(w, k))
	}

	/// Pays out `amount` of what `who` is owed in `currency` (the transfer is the caller's).
	pub(crate) fn pay(
		&mut self,
		who: &T::AccountId,
		currency: &AssetKind,
		amount: Balance,
	) -> DispatchResult {
		let totals =
			self.rewards.get((who.clone(), currency.clone()), |(w, k)| Rewards::<T>::get(w, k));
		ensure!(amount <= totals.owed(), Error::<T>::Overflow);
		totals.claimed = totals.claimed.saturating_add(amount);
		let pot = self.totals(currency);
		pot.owed = pot.owed.checked_sub(amount).ok_or(Error::<T>::Overflow)?;
		Ok(())
	}

	/// What the pot holds in `currency`, by purpose.
	pub(crate) fn totals(&mut self, currency: &AssetKind) -> &mut CurrencyTotals {
		self.totals.get(currency.clone(), |k| PotTotals::<T>::get(k))
	}

	fn ledger(&mut self, id: ContributionId, currency: &AssetKind) -> &mut ContributionLedger {
		self.ledgers.get((id, currency.clone()), |(c, k)| ContributionLedgers::<T>::get(c, k))
	}

	/// Adds to what contribution `id` has earned in `currency`.
	pub(crate) fn add_earnings(
		&mut self,
		id: ContributionId,
		currency: &AssetKind,
		amount: Balance,
	) {
		if amount == 0 {
			return;
		}
		let ledger = self.ledger(id, currency);
		ledger.earned = ledger.earned.saturating_add(amount);
	}

	/// Keeps `amount` of `currency` as dust.
	pub(crate) fn add_dust(&mut self, currency: &AssetKind, amount: Balance) {
		if amount == 0 {
			return;
		}
		let pot = self.totals(currency);
		pot.dust = pot.dust.saturating_add(amount);
	}

	/// Adds `amount` to `dataset`'s reward counter in `currency`. Returns what went into the pool
	/// and what could not (an empty dataset, a full currency list, a saturated counter) and is
	/// dust instead.
	///
	/// The whole `amount` is pooled: the counter's increment is rounded down, so the pending
	/// rewards of all contributions together never exceed what was pooled, and the rounding
	/// residue stays counted in `Pooled`.
	pub(crate) fn distribute(
		&mut self,
		dataset: DatasetId,
		currency: &AssetKind,
		amount: Balance,
	) -> (Balance, Balance) {
		if amount == 0 {
			return (0, 0);
		}
		let points = *self.points.entry(dataset).or_insert_with(|| {
			T::Datasets::dataset(dataset).map(|d| d.total_points).unwrap_or(0) as u128
		});
		if points == 0 {
			// Nobody to share with: rewards arriving while a dataset has no points can never
			// be attributed.
			return (0, amount);
		}
		let list = self.currencies.get(dataset, |d| DatasetCurrencies::<T>::get(d));
		let tracked = list.contains(currency) || list.try_push(currency.clone()).is_ok();
		if !tracked {
			log::warn!(target: LOG_TARGET, "dataset {dataset} tracks no more currencies");
			return (0, amount);
		}
		let Some(increment) = mul_div(amount, COUNTER_SCALE, points) else {
			return (0, amount);
		};
		let counter =
			self.counters.get((dataset, currency.clone()), |(d, k)| RewardCounters::<T>::get(d, k));
		let Some(next) = counter.checked_add(increment) else {
			log::warn!(target: LOG_TARGET, "reward counter of dataset {dataset} saturated");
			return (0, amount);
		};
		*counter = next;
		let pot = self.totals(currency);
		pot.pooled = pot.pooled.saturating_add(amount);
		(amount, 0)
	}

	/// Moves a contribution's pending pooled reward in `currency` to its contributor.
	pub(crate) fn settle(
		&mut self,
		contribution: ContributionId,
		dataset: DatasetId,
		contributor: &T::AccountId,
		points: Points,
		currency: &AssetKind,
	) -> DispatchResult {
		let counter = *self
			.counters
			.get((dataset, currency.clone()), |(d, k)| RewardCounters::<T>::get(d, k));
		let ledger = self.ledger(contribution, currency);
		let pending = pooled_reward(points, ledger.checkpoint, counter);
		ledger.checkpoint = counter;
		ledger.earned = ledger.earned.saturating_add(pending);
		if pending == 0 {
			return Ok(());
		}
		let pot = self.totals(currency);
		pot.pooled = pot.pooled.checked_sub(pending).ok_or(Error::<T>::Overflow)?;
		self.credit(contributor, currency, pending)
	}

	/// The currencies `dataset`'s pool has received.
	pub(crate) fn dataset_currencies(
		&mut self,
		dataset: DatasetId,
	) -> BoundedVec<AssetKind, T::MaxCurrenciesPerDataset> {
		self.currencies.get(dataset, |d| DatasetCurrencies::<T>::get(d)).clone()
	}

	/// Writes every value this call changed.
	pub(crate) fn commit(self) {
		self.rewards.commit(|(who, k), v| Rewards::<T>::insert(who, k, v));
		self.totals.commit(PotTotals::<T>::insert);
		self.counters.commit(|(d, k), v| RewardCounters::<T>::insert(d, k, v));
		self.currencies.commit(DatasetCurrencies::<T>::insert);
		self.ledgers.commit(|(c, k), v| ContributionLedgers::<T>::insert(c, k, v));
	}
}
