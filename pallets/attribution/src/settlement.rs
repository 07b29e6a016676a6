//! Reports, the fee split, reward counters and claims.

use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use frame_support::{
	ensure,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::Preservation,
		Get,
	},
	BoundedVec,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{AccountIdConversion, CheckedAdd},
	DispatchError, DispatchResult, Perbill, Rounding,
};
use tributary_primitives::{
	ContributionInfo, ContributionObserver, ContributionStatus, DatasetInspect, Points,
};

use crate::{pallet::*, types::*, weights::WeightInfo, COUNTER_SCALE, LOG_TARGET};

/// `a × b ÷ c`, rounded down, or `None` on overflow or division by zero.
pub(crate) fn mul_div(a: u128, b: u128, c: u128) -> Option<u128> {
	if c == 0 {
		return None;
	}
	multiply_by_rational_with_rounding(a, b, c, Rounding::Down)
}

impl<T: Config> Pallet<T> {
	/// The pot: the account holding fees until they are claimed.
	pub fn pot() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Checks, charges, splits and records one report; returns its receipt id.
	pub fn do_report(
		provider: &T::AccountId,
		report: InferenceReportOf<T>,
	) -> Result<ReceiptId, DispatchError> {
		let bonded = Providers::<T>::get(provider).is_some_and(|p| p.unbonding_at.is_none());
		ensure!(bonded, Error::<T>::NotBonded);
		let model = Models::<T>::get(report.model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(model.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		ensure!(model.providers.contains(provider), Error::<T>::NotAuthorized);
		ensure!(
			!ProcessedRequests::<T>::contains_key(provider, report.request_id),
			Error::<T>::AlreadyReported
		);
		ensure!(report.units > 0, Error::<T>::ZeroUnits);
		let contributors = Self::check_attribution(&model, &report.attribution)?;

		let fee = model.price.checked_mul(report.units.into()).ok_or(Error::<T>::Overflow)?;
		let allowance_key = (report.consumer.clone(), provider.clone(), report.model);
		let allowance =
			Allowances::<T>::get(&allowance_key).ok_or(Error::<T>::AllowanceNotFound)?;
		ensure!(fee <= allowance, Error::<T>::AllowanceExceeded);
		let currency = model.currency.clone();
		ensure!(T::Assets::asset_exists(currency.clone()), Error::<T>::AssetNotFound);

		let split = if fee > 0 {
			let reserve = Self::take_reserve(&currency, fee)?;
			T::Assets::transfer(
				currency.clone(),
				&report.consumer,
				&Self::pot(),
				fee,
				Preservation::Preserve,
			)
			.map_err(|_| Error::<T>::ConsumerCannotPay)?;
			Self::split(&model, provider, &report.attribution, &contributors, fee, reserve)?
		} else {
			FeeSplit::default()
		};

		let left = allowance.saturating_sub(fee);
		if left == 0 {
			Allowances::<T>::remove(&allowance_key);
		} else {
			Allowances::<T>::insert(&allowance_key, left);
		}
		Usage::<T>::mutate(report.model, |u| {
			u.inferences = u.inferences.saturating_add(1);
			u.units = u.units.saturating_add(report.units.into());
			u.fees = u.fees.saturating_add(fee);
		});

		let id = NextReceiptId::<T>::get();
		NextReceiptId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		ProcessedRequests::<T>::insert(provider, report.request_id, id);
		if let Some(old) = id.checked_sub(T::ReceiptRetention::get()) {
			if let Some(r) = Receipts::<T>::take(old) {
				ProcessedRequests::<T>::remove(&r.provider, r.request_id);
			}
		}
		Receipts::<T>::insert(
			id,
			Receipt {
				provider: provider.clone(),
				request_id: report.request_id,
				model: report.model,
				consumer: report.consumer.clone(),
				units: report.units,
				output_hash: report.output_hash,
				fee,
				currency: currency.clone(),
				attribution: report.attribution,
				block: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::InferenceReported {
			receipt: id,
			model: report.model,
			provider: provider.clone(),
			consumer: report.consumer,
			fee,
			currency,
			split,
		});
		Ok(id)
	}

	/// Checks an attribution against the model; returns each entry's contributor.
	fn check_attribution(
		model: &ModelOf<T>,
		attribution: &AttributionOf<T>,
	) -> Result<Vec<T::AccountId>, DispatchError> {
		let mut total = Perbill::zero();
		let mut seen = BTreeSet::new();
		let mut contributors = Vec::with_capacity(attribution.len());
		for (id, share) in attribution.iter() {
			total = total.checked_add(share).ok_or(Error::<T>::SharesExceed)?;
			ensure!(seen.insert(*id), Error::<T>::DuplicateAttribution);
			let c = T::Datasets::contribution(*id).ok_or(Error::<T>::ContributionNotFound)?;
			Self::ensure_attributable(model, &c)?;
			contributors.push(c.contributor);
		}
		Ok(contributors)
	}

	/// Whether `model` may attribute an output to contribution `c`: `c` is accepted (neither
	/// pending nor withdrawn) in one of the datasets the model was trained on, at or before the
	/// version it names. The one statement of the rule: reports are checked by it, and
	/// [`Pallet::training_set`] answers by it.
	pub(crate) fn ensure_attributable(
		model: &ModelOf<T>,
		c: &ContributionInfo<T::AccountId>,
	) -> Result<(), Error<T>> {
		match c.status {
			ContributionStatus::Pending => return Err(Error::<T>::ContributionNotAccepted),
			ContributionStatus::Withdrawn => return Err(Error::<T>::WithdrawnContribution),
			ContributionStatus::Accepted => (),
		}
		let trained_on =
			model.trained_on.iter().any(|(d, v)| *d == c.dataset && c.accepted_in <= *v);
		ensure!(trained_on, Error::<T>::NotInTrainingSet);
		Ok(())
	}

	/// The first fee in a currency leaves the pot's existential reserve behind.
	fn take_reserve(currency: &AssetKind, fee: Balance) -> Result<Balance, DispatchError> {
		if Reserve::<T>::get(currency) > 0 {
			return Ok(0);
		}
		let min = T::Assets::minimum_balance(currency.clone()).max(1);
		ensure!(fee > min, Error::<T>::FeeBelowMinimum);
		Reserve::<T>::insert(currency, min);
		Ok(min)
	}

	/// Splits `fee` (already in the pot) by the governed fractions and credits everyone.
	fn split(
		model: &ModelOf<T>,
		provider: &T::AccountId,
		attribution: &AttributionOf<T>,
		contributors: &[T::AccountId],
		fee: Balance,
		reserve: Balance,
	) -> Result<FeeSplit, DispatchError> {
		let k = &model.currency;
		let total = fee.saturating_sub(reserve);
		let mut left = total;
		let mut take = |share: Perbill| {
			let amount = share.mul_floor(total).min(left);
			left = left.saturating_sub(amount);
			amount
		};
		let owner = take(T::OwnerShare::get());
		let parent = take(T::ParentShare::get());
		let provider_part = take(T::ProviderShare::get());
		let treasury = take(T::TreasuryShare::get());
		let contributors_part = left;

		let parent_owner = model.parent.and_then(Models::<T>::get).map(|p| p.owner);
		match parent_owner {
			Some(parent_owner) => {
				Self::credit(&model.owner, k, owner)?;
				Self::credit(&parent_owner, k, parent)?;
			},
			// Without a parent, its share goes to the model's owner.
			None => Self::credit(&model.owner, k, owner.saturating_add(parent))?,
		}
		Self::credit(provider, k, provider_part)?;
		Self::credit(&T::TreasuryAccount::get(), k, treasury)?;

		let mut attributed: Balance = 0;
		for ((id, share), who) in attribution.iter().zip(contributors) {
			let amount = share.mul_floor(contributors_part);
			Self::credit(who, k, amount)?;
			ContributionEarnings::<T>::mutate(id, k, |e| *e = e.saturating_add(amount));
			attributed = attributed.saturating_add(amount);
		}

		let unassigned = contributors_part.saturating_sub(attributed);
		let datasets = model.trained_on.len() as u128;
		let each = unassigned.checked_div(datasets).unwrap_or(0);
		let mut dust = unassigned.saturating_sub(each.saturating_mul(datasets));
		let mut pooled: Balance = 0;
		for (dataset, _) in model.trained_on.iter() {
			let (into_pool, remainder) = Self::distribute(*dataset, k, each);
			pooled = pooled.saturating_add(into_pool);
			dust = dust.saturating_add(remainder);
		}
		Dust::<T>::mutate(k, |d| *d = d.saturating_add(dust));

		Ok(FeeSplit {
			reserve,
			owner: if model.parent.is_some() { owner } else { owner.saturating_add(parent) },
			parent: if model.parent.is_some() { parent } else { 0 },
			provider: provider_part,
			treasury,
			attributed,
			pooled,
			dust,
		})
	}

	/// Adds `amount` to `dataset`'s reward counter in `currency`. Returns what went into the pool
	/// and what could not (an empty dataset, a full currency list, a saturated counter) and is
	/// dust instead.
	///
	/// The whole `amount` is pooled: the counter's increment is rounded down, so the pending
	/// rewards of all contributions together never exceed what was pooled, and the rounding
	/// residue stays counted in `Pooled`.
	fn distribute(dataset: DatasetId, currency: &AssetKind, amount: Balance) -> (Balance, Balance) {
		if amount == 0 {
			return (0, 0);
		}
		let points = T::Datasets::dataset(dataset).map(|d| d.total_points).unwrap_or(0) as u128;
		if points == 0 {
			// Nobody to share with: rewards arriving while a dataset has no points can never
			// be attributed.
			return (0, amount);
		}
		let tracked = DatasetCurrencies::<T>::mutate(dataset, |list| {
			list.contains(currency) || list.try_push(currency.clone()).is_ok()
		});
		if !tracked {
			log::warn!(target: LOG_TARGET, "dataset {dataset} tracks no more currencies");
			return (0, amount);
		}
		let Some(increment) = mul_div(amount, COUNTER_SCALE, points) else {
			return (0, amount);
		};
		let counter = RewardCounters::<T>::get(dataset, currency);
		let Some(next) = counter.checked_add(increment) else {
			log::warn!(target: LOG_TARGET, "reward counter of dataset {dataset} saturated");
			return (0, amount);
		};
		RewardCounters::<T>::insert(dataset, currency, next);
		Pooled::<T>::mutate(currency, |p| *p = p.saturating_add(amount));
		(amount, 0)
	}

	/// Credits `amount` to what `who` is owed in `currency`.
	fn credit(who: &T::AccountId, currency: &AssetKind, amount: Balance) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		Rewards::<T>::try_mutate(who, currency, |r| {
			r.earned = r.earned.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		TotalOwed::<T>::mutate(currency, |o| *o = o.saturating_add(amount));
		Ok(())
	}

	/// The pooled reward `points` earned in `dataset` since `contribution` last settled.
	pub(crate) fn pending_pooled(
		dataset: DatasetId,
		contribution: ContributionId,
		points: Points,
		currency: &AssetKind,
	) -> Balance {
		let counter = RewardCounters::<T>::get(dataset, currency);
		let since = counter.saturating_sub(Checkpoints::<T>::get(contribution, currency));
		mul_div(points.into(), since, COUNTER_SCALE).unwrap_or(0)
	}

	/// Moves a contribution's pending pooled reward in `currency` to its contributor.
	pub(crate) fn settle(
		contribution: ContributionId,
		dataset: DatasetId,
		contributor: &T::AccountId,
		points: Points,
		currency: &AssetKind,
	) -> DispatchResult {
		let pending = Self::pending_pooled(dataset, contribution, points, currency);
		Checkpoints::<T>::insert(
			contribution,
			currency,
			RewardCounters::<T>::get(dataset, currency),
		);
		if pending == 0 {
			return Ok(());
		}
		Pooled::<T>::try_mutate(currency, |p| {
			*p = p.checked_sub(pending).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		ContributionEarnings::<T>::mutate(contribution, currency, |e| {
			*e = e.saturating_add(pending)
		});
		Self::credit(contributor, currency, pending)
	}

	/// Settles `contributions`, then pays `who` everything it is owed in `currency`.
	pub fn do_claim(
		who: T::AccountId,
		currency: AssetKind,
		contributions: BoundedVec<ContributionId, T::MaxSettlePerClaim>,
	) -> Result<Balance, DispatchError> {
		for id in contributions {
			let c = T::Datasets::contribution(id).ok_or(Error::<T>::ContributionNotFound)?;
			Self::settle(id, c.dataset, &c.contributor, c.points, &currency)?;
		}
		let totals = Rewards::<T>::get(&who, &currency);
		let amount = totals.owed();
		ensure!(amount > 0, Error::<T>::NothingToClaim);
		T::Assets::transfer(currency.clone(), &Self::pot(), &who, amount, Preservation::Preserve)?;
		Rewards::<T>::insert(
			&who,
			&currency,
			RewardTotals { earned: totals.earned, claimed: totals.claimed.saturating_add(amount) },
		);
		TotalOwed::<T>::try_mutate(&currency, |o| {
			*o = o.checked_sub(amount).ok_or(Error::<T>::Overflow)?;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::RewardsClaimed { who, currency, amount });
		Ok(amount)
	}
}

/// The datasets pallet tells us of acceptances and withdrawals.
impl<T: Config> ContributionObserver<T::AccountId> for Pallet<T> {
	fn on_accepted(
		dataset: DatasetId,
		contribution: ContributionId,
		contributor: &T::AccountId,
		_points: Points,
	) -> DispatchResult {
		// A new contribution earns only what arrives from now on.
		for currency in DatasetCurrencies::<T>::get(dataset) {
			let counter = RewardCounters::<T>::get(dataset, &currency);
			Checkpoints::<T>::insert(contribution, &currency, counter);
		}
		Earners::<T>::insert(contributor, contribution, ());
		Ok(())
	}

	fn on_withdrawn(
		dataset: DatasetId,
		contribution: ContributionId,
		contributor: &T::AccountId,
		points: Points,
	) -> DispatchResult {
		// What it earned under its points is credited before the points go.
		for currency in DatasetCurrencies::<T>::get(dataset) {
			Self::settle(contribution, dataset, contributor, points, &currency)?;
		}
		Ok(())
	}

	fn weight() -> frame_support::weights::Weight {
		T::WeightInfo::settle_on_change(T::MaxCurrenciesPerDataset::get())
	}
}
