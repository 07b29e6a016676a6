//! Reports, the fee split, reward counters and claims.

use alloc::{
	collections::{
		btree_map::{BTreeMap, Entry},
		btree_set::BTreeSet,
	},
	vec::Vec,
};
use frame_support::{
	ensure,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::Preservation,
		Get,
	},
	weights::Weight,
	BoundedVec,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{AccountIdConversion, CheckedAdd},
	DispatchError, Perbill, Rounding,
};
use tributary_primitives::{
	mutants::{planted, Mutant},
	ContributionInfo, ContributionObserver, ContributionStatus, Points,
};

use crate::{
	ledger::{Cached, Ledger},
	pallet::*,
	types::*,
	weights::WeightInfo,
	COUNTER_SCALE,
};

/// `a × b ÷ c`, rounded down, or `None` on overflow or division by zero.
pub(crate) fn mul_div(a: u128, b: u128, c: u128) -> Option<u128> {
	if c == 0 {
		return None;
	}
	multiply_by_rational_with_rounding(a, b, c, Rounding::Down)
}

/// The pooled reward `points` earned while a reward counter went from `checkpoint` to `counter`.
pub(crate) fn pooled_reward(points: Points, checkpoint: u128, counter: u128) -> Balance {
	mul_div(points.into(), counter.saturating_sub(checkpoint), COUNTER_SCALE).unwrap_or(0)
}

/// What a call of reports did, for its weight: the components of
/// [`Pallet::reports_weight`](crate::Pallet::reports_weight).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct ReportsCost {
	/// Reports settled.
	pub reports: u32,
	/// Distinct (consumer, model) pairs among them: each pair's allowance, model, usage, owner
	/// and consumer account are read and written once.
	pub pairs: u32,
	/// Distinct datasets whose reward pools the reports' models share.
	pub datasets: u32,
	/// Distinct contributions attributed.
	pub contributions: u32,
	/// Attribution entries in all (each distinct contribution's first entry included).
	pub entries: u32,
	/// Old receipts pruned out of the retention window.
	pub pruned: u32,
}

impl ReportsCost {
	/// The most `reports` can cost, from the decoded call alone: every entry a distinct
	/// contribution, every model on `max_datasets` datasets of its own, every report pruning a
	/// receipt. Nothing a caller sets is trusted; lengths are those of the decoded vectors.
	pub fn bound<AccountId, Attribution: AsRef<[(ContributionId, sp_runtime::Perbill)]>>(
		reports: &[InferenceReport<AccountId, Attribution>],
		max_datasets: u32,
	) -> Self {
		let models: BTreeSet<ModelId> = reports.iter().map(|r| r.model).collect();
		let entries =
			reports.iter().fold(0u32, |n, r| n.saturating_add(r.attribution.as_ref().len() as u32));
		let reports = reports.len() as u32;
		Self {
			reports,
			pairs: reports,
			datasets: (models.len() as u32).saturating_mul(max_datasets),
			contributions: entries,
			entries,
			pruned: reports,
		}
	}
}

/// The reports of one call, settled against one ledger and written once.
struct Reports<T: Config> {
	provider: T::AccountId,
	ledger: Ledger<T>,
	/// Each model used, with its parent's owner.
	models: BTreeMap<ModelId, (ModelOf<T>, Option<T::AccountId>)>,
	usage: Cached<ModelId, ModelUsage>,
	allowances: Cached<(T::AccountId, ModelId), Option<Balance>>,
	/// What each consumer pays in each currency, moved to the pot once.
	charges: BTreeMap<(T::AccountId, AssetKind), Balance>,
	next_receipt: ReceiptId,
	cost: ReportsCost,
}

impl<T: Config> Reports<T> {
	fn new(provider: &T::AccountId) -> Result<Self, DispatchError> {
		let bonded = Providers::<T>::get(provider).is_some_and(|p| p.unbonding_at.is_none());
		ensure!(bonded, Error::<T>::NotBonded);
		Ok(Self {
			provider: provider.clone(),
			ledger: Ledger::new(),
			models: BTreeMap::new(),
			usage: Cached::new(),
			allowances: Cached::new(),
			charges: BTreeMap::new(),
			next_receipt: NextReceiptId::<T>::get(),
			cost: ReportsCost::default(),
		})
	}

	/// The model `id`, read once, checked to be usable by the provider.
	fn model(&mut self, id: ModelId) -> Result<(ModelOf<T>, Option<T::AccountId>), DispatchError> {
		if let Entry::Vacant(e) = self.models.entry(id) {
			let model = Models::<T>::get(id).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(model.status == ModelStatus::Active, Error::<T>::ModelNotActive);
			ensure!(model.providers.contains(&self.provider), Error::<T>::NotAuthorized);
			ensure!(T::Assets::asset_exists(model.currency.clone()), Error::<T>::AssetNotFound);
			let parent_owner = model.parent.and_then(Models::<T>::get).map(|p| p.owner);
			e.insert((model, parent_owner));
		}
		self.models.get(&id).cloned().ok_or_else(|| Error::<T>::ModelNotFound.into())
	}

	/// Checks, charges, splits and records one report; returns its receipt id.
	fn report(&mut self, report: InferenceReportOf<T>) -> Result<ReceiptId, DispatchError> {
		let (model, parent_owner) = self.model(report.model)?;
		ensure!(
			!ProcessedRequests::<T>::contains_key(&self.provider, report.request_id),
			Error::<T>::AlreadyReported
		);
		ensure!(report.units > 0, Error::<T>::ZeroUnits);
		let contributors = self.check_attribution(&model, &report.attribution)?;

		let fee = model.price.checked_mul(report.units.into()).ok_or(Error::<T>::Overflow)?;
		let provider = &self.provider;
		let allowance = self.allowances.get((report.consumer.clone(), report.model), |(c, m)| {
			Allowances::<T>::get((c, provider, m))
		});
		let left = allowance
			.ok_or(Error::<T>::AllowanceNotFound)?
			.checked_sub(fee)
			.ok_or(Error::<T>::AllowanceExceeded)?;
		*allowance = Some(left).filter(|l| *l > 0);
		let currency = model.currency.clone();

		let split = if fee > 0 {
			let reserve = self.take_reserve(&currency, fee)?;
			let charge =
				self.charges.entry((report.consumer.clone(), currency.clone())).or_default();
			*charge = charge.checked_add(fee).ok_or(Error::<T>::Overflow)?;
			self.split(
				&model,
				parent_owner.as_ref(),
				&report.attribution,
				&contributors,
				fee,
				reserve,
			)?
		} else {
			FeeSplit::default()
		};

		let usage = self.usage.get(report.model, |m| Usage::<T>::get(m));
		usage.inferences = usage.inferences.saturating_add(1);
		usage.units = usage.units.saturating_add(report.units.into());
		usage.fees = usage.fees.saturating_add(fee);

		let id = self.next_receipt;
		self.next_receipt = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		ProcessedRequests::<T>::insert(&self.provider, report.request_id, id);
		if let Some(old) = id.checked_sub(T::ReceiptRetention::get()) {
			if Pallet::<T>::prune_receipt(old) {
				self.cost.pruned = self.cost.pruned.saturating_add(1);
			}
		}
		self.cost.reports = self.cost.reports.saturating_add(1);
		self.cost.entries = self.cost.entries.saturating_add(report.attribution.len() as u32);
		Receipts::<T>::insert(
			id,
			Receipt {
				provider: self.provider.clone(),
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
		Pallet::<T>::deposit_event(Event::InferenceReported {
			receipt: id,
			model: report.model,
			provider: self.provider.clone(),
			consumer: report.consumer,
			fee,
			currency,
			split,
		});
		Ok(id)
	}

	/// Checks an attribution against the model; returns each entry's contributor.
	fn check_attribution(
		&mut self,
		model: &ModelOf<T>,
		attribution: &AttributionOf<T>,
	) -> Result<Vec<T::AccountId>, DispatchError> {
		let mut total = Perbill::zero();
		let mut seen = BTreeSet::new();
		let mut contributors = Vec::with_capacity(attribution.len());
		for (id, share) in attribution.iter() {
			total = total.checked_add(share).ok_or(Error::<T>::SharesExceed)?;
			ensure!(seen.insert(*id), Error::<T>::DuplicateAttribution);
			let c = self.ledger.contribution(*id)?;
			Pallet::<T>::ensure_attributable(model, c)?;
			contributors.push(c.contributor.clone());
		}
		Ok(contributors)
	}

	/// The first fee in a currency leaves the pot's existential reserve behind.
	fn take_reserve(
		&mut self,
		currency: &AssetKind,
		fee: Balance,
	) -> Result<Balance, DispatchError> {
		let pot = self.ledger.totals(currency);
		if pot.reserve > 0 {
			return Ok(0);
		}
		let min = T::Assets::minimum_balance(currency.clone()).max(1);
		ensure!(fee > min, Error::<T>::FeeBelowMinimum);
		pot.reserve = min;
		Ok(min)
	}

	/// Splits `fee` by the governed fractions and credits everyone.
	fn split(
		&mut self,
		model: &ModelOf<T>,
		parent_owner: Option<&T::AccountId>,
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

		let ledger = &mut self.ledger;
		match parent_owner {
			Some(parent_owner) => {
				ledger.credit(&model.owner, k, owner)?;
				ledger.credit(parent_owner, k, parent)?;
			},
			// Without a parent, its share goes to the model's owner.
			None => ledger.credit(&model.owner, k, owner.saturating_add(parent))?,
		}
		ledger.credit(&self.provider, k, provider_part)?;
		if planted(Mutant::ProviderShareLeaksPlanck) {
			ledger.credit(&self.provider, k, 1)?;
		}
		ledger.credit(&T::TreasuryAccount::get(), k, treasury)?;

		let mut attributed: Balance = 0;
		for ((id, share), who) in attribution.iter().zip(contributors) {
			let amount = share.mul_floor(contributors_part);
			ledger.credit(who, k, amount)?;
			ledger.add_earnings(*id, k, amount);
			attributed = attributed.saturating_add(amount);
		}

		let unassigned = contributors_part.saturating_sub(attributed);
		let datasets = model.trained_on.len() as u128;
		let each = unassigned.checked_div(datasets).unwrap_or(0);
		let mut dust = unassigned.saturating_sub(each.saturating_mul(datasets));
		let mut pooled: Balance = 0;
		for (dataset, _) in model.trained_on.iter() {
			let (into_pool, remainder) = ledger.distribute(*dataset, k, each);
			pooled = pooled.saturating_add(into_pool);
			dust = dust.saturating_add(remainder);
		}
		ledger.add_dust(k, dust);

		Ok(FeeSplit {
			reserve,
			owner: if parent_owner.is_some() { owner } else { owner.saturating_add(parent) },
			parent: if parent_owner.is_some() { parent } else { 0 },
			provider: provider_part,
			treasury,
			attributed,
			pooled,
			dust,
		})
	}

	/// Moves the fees to the pot and writes everything the reports changed.
	fn commit(self) -> Result<ReportsCost, DispatchError> {
		let pot = Pallet::<T>::pot();
		for ((consumer, currency), fee) in self.charges {
			let credited = Pallet::<T>::transfer_credited(currency, &consumer, &pot, fee)
				.map_err(|_| Error::<T>::ConsumerCannotPay)?;
			ensure!(credited, Error::<T>::TransferNotCredited);
		}
		let provider = self.provider;
		let pairs = self.allowances.len();
		self.allowances.commit(|(consumer, model), left| match left {
			Some(left) => Allowances::<T>::insert((consumer, &provider, model), left),
			None => Allowances::<T>::remove((consumer, &provider, model)),
		});
		self.usage.commit(Usage::<T>::insert);
		NextReceiptId::<T>::put(self.next_receipt);
		let cost = ReportsCost {
			pairs,
			datasets: self.ledger.datasets_read(),
			contributions: self.ledger.contributions_read(),
			..self.cost
		};
		self.ledger.commit();
		Ok(cost)
	}
}

impl<T: Config> Pallet<T> {
	/// The weight of settling reports that cost `cost`: the reports (of one consumer and one
	/// model) and their datasets' pools, each further (consumer, model) pair, each distinct
	/// contribution attributed, each further entry naming one again, each receipt pruned.
	pub fn reports_weight(cost: ReportsCost) -> Weight {
		let per = |f: fn(u32) -> Weight| f(1).saturating_sub(f(0));
		let per_report = T::WeightInfo::report_inferences(2, 1)
			.saturating_sub(T::WeightInfo::report_inferences(1, 1));
		let per_pair = per(T::WeightInfo::report_pairs).saturating_sub(per_report);
		let repeats = cost.entries.saturating_sub(cost.contributions);
		T::WeightInfo::report_inferences(cost.reports.max(1), cost.datasets.max(1))
			.saturating_add(per_pair.saturating_mul(cost.pairs.saturating_sub(1).into()))
			.saturating_add(per(T::WeightInfo::attribute).saturating_mul(cost.contributions.into()))
			.saturating_add(per(T::WeightInfo::repeat_entries).saturating_mul(repeats.into()))
			.saturating_add(T::WeightInfo::prune_receipt().saturating_mul(cost.pruned.into()))
	}

	/// The pot: the account holding fees until they are claimed.
	pub fn pot() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Checks, charges, splits and records `reports` of `provider`, all or none; returns their
	/// receipt ids and what the settlement cost.
	pub fn do_report(
		provider: &T::AccountId,
		reports: impl IntoIterator<Item = InferenceReportOf<T>>,
	) -> Result<(Vec<ReceiptId>, ReportsCost), DispatchError> {
		let mut batch = Reports::<T>::new(provider)?;
		let ids = reports.into_iter().map(|r| batch.report(r)).collect::<Result<Vec<_>, _>>()?;
		ensure!(!ids.is_empty(), Error::<T>::EmptyBatch);
		let cost = batch.commit()?;
		Ok((ids, cost))
	}

	/// Removes receipt `id` and its replay protection; whether it was there.
	pub(crate) fn prune_receipt(id: ReceiptId) -> bool {
		match Receipts::<T>::take(id) {
			Some(r) => {
				ProcessedRequests::<T>::remove(&r.provider, r.request_id);
				true
			},
			None => false,
		}
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

	/// The pooled reward `points` earned in `dataset` since `contribution` last settled.
	pub(crate) fn pending_pooled(
		dataset: DatasetId,
		contribution: ContributionId,
		points: Points,
		currency: &AssetKind,
	) -> Balance {
		let counter = RewardCounters::<T>::get(dataset, currency);
		pooled_reward(
			points,
			ContributionLedgers::<T>::get(contribution, currency).checkpoint,
			counter,
		)
	}

	/// Moves `amount` of `currency` from `from` to `to`, keeping `from` alive; whether `to` was
	/// credited all of it. pallet-assets 54's `fungibles::Mutate::transfer` debits the source,
	/// then ignores a failed credit: once an asset's supply plus `amount` overflows, the amount
	/// leaves every account while the supply keeps it (found by the runtime fuzzer, seed
	/// 0x066419c700040000). Callers refuse such a transfer, and the call's transaction undoes
	/// the debit.
	pub(crate) fn transfer_credited(
		currency: AssetKind,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
	) -> Result<bool, DispatchError> {
		let before = T::Assets::balance(currency.clone(), to);
		T::Assets::transfer(currency.clone(), from, to, amount, Preservation::Preserve)?;
		Ok(T::Assets::balance(currency, to) == before.saturating_add(amount))
	}

	/// Settles `contributions`, then pays `who` everything it is owed in `currency`.
	pub fn do_claim(
		who: T::AccountId,
		currency: AssetKind,
		contributions: BoundedVec<ContributionId, T::MaxSettlePerClaim>,
	) -> Result<Balance, DispatchError> {
		let mut ledger = Ledger::<T>::new();
		for id in contributions {
			let c = ledger.contribution(id)?;
			let (dataset, contributor, points) = (c.dataset, c.contributor.clone(), c.points);
			ledger.settle(id, dataset, &contributor, points, &currency)?;
		}
		let amount = ledger.rewards(&who, &currency).owed();
		ensure!(amount > 0, Error::<T>::NothingToClaim);
		if planted(Mutant::ClaimMints) {
			T::Assets::mint_into(currency.clone(), &who, amount)?;
		} else {
			let credited = Self::transfer_credited(currency.clone(), &Self::pot(), &who, amount)?;
			ensure!(credited, Error::<T>::TransferNotCredited);
		}
		ledger.pay(&who, &currency, amount)?;
		ledger.commit();
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
	) -> Result<Weight, DispatchError> {
		// A new contribution earns only what arrives from now on.
		let currencies = DatasetCurrencies::<T>::get(dataset);
		for currency in &currencies {
			let counter = RewardCounters::<T>::get(dataset, currency);
			ContributionLedgers::<T>::mutate(contribution, currency, |l| l.checkpoint = counter);
		}
		Earners::<T>::insert(contributor, contribution, ());
		Ok(beyond_none(T::WeightInfo::accept_on_change, currencies.len() as u32))
	}

	fn on_withdrawn(
		dataset: DatasetId,
		contribution: ContributionId,
		contributor: &T::AccountId,
		points: Points,
	) -> Result<Weight, DispatchError> {
		// What it earned under its points is credited before the points go.
		let mut ledger = Ledger::<T>::new();
		let currencies = ledger.dataset_currencies(dataset);
		for currency in &currencies {
			ledger.settle(contribution, dataset, contributor, points, currency)?;
		}
		ledger.commit();
		Ok(beyond_none(T::WeightInfo::settle_on_change, currencies.len() as u32))
	}

	fn max_extra_weight() -> Weight {
		let max = T::MaxCurrenciesPerDataset::get();
		beyond_none(T::WeightInfo::accept_on_change, max)
			.max(beyond_none(T::WeightInfo::settle_on_change, max))
	}
}

/// The weight `f(n)` takes beyond `f(0)`: the datasets pallet's benchmarks run with this
/// observer on datasets whose pools hold no currency yet, so they include `f(0)` already.
fn beyond_none(f: fn(u32) -> Weight, n: u32) -> Weight {
	f(n).saturating_sub(f(0))
}
