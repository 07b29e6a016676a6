//! Benchmarks of `pallet-attribution` (FRAME benchmarks v2), each at its worst case.

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate as _, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::Perbill;
use tributary_primitives::DatasetInspect;

use crate::*;

const FUNDS: Balance = 1_000_000_000_000_000_000;

fn funded<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	T::NativeCurrency::set_balance(&who, FUNDS);
	who
}

/// `d` datasets with `per` accepted contributions each, as `(dataset, version)` and all ids.
fn datasets<T: Config>(
	d: u32,
	per: u32,
) -> (Vec<(DatasetId, DatasetVersion)>, Vec<ContributionId>) {
	let mut trained_on = Vec::new();
	let mut ids = Vec::new();
	for _ in 0..d {
		let (dataset, version, c) = T::BenchmarkHelper::dataset_with_contributions(per);
		trained_on.push((dataset, version));
		ids.extend(c);
	}
	(trained_on, ids)
}

/// A model on `d` datasets, priced in an asset, with a bonded, authorised provider and a consumer
/// allowance.
fn market<T: Config>(
	d: u32,
	per: u32,
) -> (ModelId, T::AccountId, T::AccountId, Vec<ContributionId>) {
	let owner = funded::<T>("owner", 0);
	let provider = funded::<T>("provider", 0);
	let consumer = funded::<T>("consumer", 0);
	let currency = T::BenchmarkHelper::asset(&consumer);
	let (trained_on, ids) = datasets::<T>(d, per);
	let model = Pallet::<T>::do_register_model(
		owner.clone(),
		vec![0; T::MaxMetadataLength::get() as usize],
		BoundedVec::truncate_from(trained_on),
		None,
		1_000_000,
		currency,
	)
	.expect("valid model; qed");
	Pallet::<T>::do_register_provider(provider.clone(), T::MinProviderBond::get())
		.expect("funded; qed");
	Pallet::<T>::do_authorize(owner, model, provider.clone()).expect("owner; qed");
	Pallet::<T>::do_approve(consumer.clone(), provider.clone(), model, None, FUNDS)
		.expect("model; qed");
	(model, provider, consumer, ids)
}

fn report_of<T: Config>(
	request_id: RequestId,
	model: ModelId,
	consumer: &T::AccountId,
	attributed: &[ContributionId],
) -> InferenceReportOf<T> {
	let share = Perbill::from_rational(1u32, attributed.len().max(1) as u32);
	InferenceReport {
		request_id,
		model,
		consumer: consumer.clone(),
		units: 1_000,
		output_hash: [1; 32],
		attribution: BoundedVec::truncate_from(attributed.iter().map(|c| (*c, share)).collect()),
	}
}

/// A provider and `r` reports without entries for `p` (consumer, model) pairs taken in turn: each
/// model with its own owner, a parent with an owner, trained on the same `d` datasets.
fn pairs<T: Config>(
	p: u32,
	r: u32,
	d: u32,
) -> Result<(T::AccountId, Vec<InferenceReportOf<T>>), BenchmarkError> {
	let (trained_on, _) = datasets::<T>(d, 1);
	let provider = funded::<T>("provider", 0);
	Pallet::<T>::do_register_provider(provider.clone(), T::MinProviderBond::get())?;
	let parent_owner = funded::<T>("parent", 0);
	let currency = T::BenchmarkHelper::asset(&parent_owner);
	let parent = Pallet::<T>::do_register_model(
		parent_owner,
		vec![],
		BoundedVec::truncate_from(trained_on.clone()),
		None,
		1,
		currency.clone(),
	)?;
	let mut pairs = Vec::new();
	for i in 0..p {
		let owner = funded::<T>("owner", i);
		let consumer = funded::<T>("consumer", i);
		T::BenchmarkHelper::asset(&consumer);
		let model = Pallet::<T>::do_register_model(
			owner.clone(),
			vec![0; T::MaxMetadataLength::get() as usize],
			BoundedVec::truncate_from(trained_on.clone()),
			Some(parent),
			1_000_000,
			currency.clone(),
		)?;
		Pallet::<T>::do_authorize(owner, model, provider.clone())?;
		Pallet::<T>::do_approve(consumer.clone(), provider.clone(), model, None, FUNDS)?;
		pairs.push((model, consumer));
	}
	let reports = (0..r)
		.map(|i| {
			let (model, consumer) = &pairs[(i % p) as usize];
			report_of::<T>(i.into(), *model, consumer, &[])
		})
		.collect();
	Ok((provider, reports))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_model(
		d: Linear<1, { T::MaxDatasetsPerModel::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let (trained_on, _) = datasets::<T>(d, 1);
		let currency = T::BenchmarkHelper::asset(&owner);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			vec![0; T::MaxMetadataLength::get() as usize],
			BoundedVec::truncate_from(trained_on),
			Some(0).filter(|_| Models::<T>::contains_key(0)),
			5,
			currency,
		);
		assert_eq!(NextModelId::<T>::get(), 1);
		Ok(())
	}

	#[benchmark]
	fn set_price() -> Result<(), BenchmarkError> {
		let (model, ..) = market::<T>(1, 1);
		let owner: T::AccountId = account("owner", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, 9);
		assert_eq!(Models::<T>::get(model).map(|m| m.price), Some(9));
		Ok(())
	}

	#[benchmark]
	fn authorize_provider() -> Result<(), BenchmarkError> {
		let (model, ..) = market::<T>(1, 1);
		let owner: T::AccountId = account("owner", 0, 0);
		for i in 2..T::MaxProvidersPerModel::get() {
			Pallet::<T>::do_authorize(owner.clone(), model, account("other", i, 0))?;
		}
		let new: T::AccountId = account("new", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, new.clone());
		assert!(Models::<T>::get(model).is_some_and(|m| m.providers.contains(&new)));
		Ok(())
	}

	#[benchmark]
	fn revoke_provider() -> Result<(), BenchmarkError> {
		let (model, provider, ..) = market::<T>(1, 1);
		let owner: T::AccountId = account("owner", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, provider.clone());
		assert!(Models::<T>::get(model).is_some_and(|m| !m.providers.contains(&provider)));
		Ok(())
	}

	#[benchmark]
	fn retire_model() -> Result<(), BenchmarkError> {
		let (model, ..) = market::<T>(1, 1);
		let owner: T::AccountId = account("owner", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model);
		assert_eq!(Models::<T>::get(model).map(|m| m.status), Some(ModelStatus::Retired));
		Ok(())
	}

	#[benchmark]
	fn register_provider() -> Result<(), BenchmarkError> {
		let who = funded::<T>("provider", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), T::MinProviderBond::get());
		assert!(Providers::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn unbond_provider() -> Result<(), BenchmarkError> {
		let who = funded::<T>("provider", 0);
		Pallet::<T>::do_register_provider(who.clone(), T::MinProviderBond::get())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Providers::<T>::get(&who).is_some_and(|p| p.unbonding_at.is_some()));
		Ok(())
	}

	#[benchmark]
	fn withdraw_bond() -> Result<(), BenchmarkError> {
		let who = funded::<T>("provider", 0);
		Pallet::<T>::do_register_provider(who.clone(), T::MinProviderBond::get())?;
		Pallet::<T>::do_unbond(who.clone())?;
		let later = frame_system::Pallet::<T>::block_number() + T::UnbondingDelay::get();
		frame_system::Pallet::<T>::set_block_number(later);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Providers::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let (model, provider, consumer, _) = market::<T>(1, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer.clone()), provider.clone(), model, 77);
		assert_eq!(Allowances::<T>::get((consumer, provider, model)), Some(77));
		Ok(())
	}

	// The allowance is read and compared, then replaced.
	#[benchmark]
	fn change_allowance() -> Result<(), BenchmarkError> {
		let (model, provider, consumer, _) = market::<T>(1, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(consumer.clone()), provider.clone(), model, FUNDS, 77);
		assert_eq!(Allowances::<T>::get((consumer, provider, model)), Some(77));
		Ok(())
	}

	// `r` reports of one consumer for one model (with a parent), trained on `d` datasets whose
	// pools take the whole contributors' part: no entries. The first fee in its currency; no
	// receipt pruned.
	#[benchmark]
	fn report_inferences(
		r: Linear<1, { T::MaxBatchSize::get() }>,
		d: Linear<1, { T::MaxDatasetsPerModel::get() }>,
	) -> Result<(), BenchmarkError> {
		let (provider, reports) = pairs::<T>(1, r, d)?;
		#[extrinsic_call]
		report_inferences(RawOrigin::Signed(provider), BoundedVec::truncate_from(reports));
		assert_eq!(NextReceiptId::<T>::get(), u64::from(r));
		Ok(())
	}

	// `p` reports, each of a consumer and a model of their own (the model with its own owner and
	// a parent), on one dataset, no entries.
	#[benchmark]
	fn report_pairs(p: Linear<1, { T::MaxBatchSize::get() }>) -> Result<(), BenchmarkError> {
		let (provider, reports) = pairs::<T>(p, p, 1)?;
		#[extrinsic_call]
		report_inferences(RawOrigin::Signed(provider), BoundedVec::truncate_from(reports));
		assert_eq!(NextReceiptId::<T>::get(), u64::from(p));
		Ok(())
	}

	// One report naming `a` distinct contributions of distinct contributors.
	#[benchmark]
	fn attribute(a: Linear<0, { T::MaxAttributionEntries::get() }>) -> Result<(), BenchmarkError> {
		let (model, provider, consumer, ids) = market::<T>(1, a.max(1));
		let attributed: Vec<_> = ids.into_iter().take(a as usize).collect();
		let report = report_of::<T>(1, model, &consumer, &attributed);
		#[extrinsic_call]
		report_inferences(RawOrigin::Signed(provider), BoundedVec::truncate_from(vec![report]));
		assert_eq!(NextReceiptId::<T>::get(), 1);
		Ok(())
	}

	// A full batch whose first report names `MaxAttributionEntries` contributions and whose
	// others name `e` entries more, all of them again.
	#[benchmark]
	fn repeat_entries(
		e: Linear<
			0,
			{ (T::MaxBatchSize::get() - 1).saturating_mul(T::MaxAttributionEntries::get()) },
		>,
	) -> Result<(), BenchmarkError> {
		let per = T::MaxAttributionEntries::get();
		let (model, provider, consumer, ids) = market::<T>(1, per);
		let mut left = e as usize;
		let mut reports = vec![report_of::<T>(0, model, &consumer, &ids)];
		for i in 1..T::MaxBatchSize::get() {
			let k = left.min(per as usize);
			left -= k;
			reports.push(report_of::<T>(i.into(), model, &consumer, &ids[..k]));
		}
		#[extrinsic_call]
		report_inferences(RawOrigin::Signed(provider), BoundedVec::truncate_from(reports));
		assert_eq!(NextReceiptId::<T>::get(), u64::from(T::MaxBatchSize::get()));
		Ok(())
	}

	// Removing a receipt that left the retention window, and its replay protection.
	#[benchmark]
	fn prune_receipt() -> Result<(), BenchmarkError> {
		let (model, provider, consumer, ids) = market::<T>(1, T::MaxAttributionEntries::get());
		Pallet::<T>::do_report(&provider, [report_of::<T>(0, model, &consumer, &ids)])?;
		#[block]
		{
			assert!(Pallet::<T>::prune_receipt(0));
		}
		assert!(!Receipts::<T>::contains_key(0));
		Ok(())
	}

	// Claim after settling `s` contributions, each with pooled rewards pending.
	#[benchmark]
	fn claim(s: Linear<0, { T::MaxSettlePerClaim::get() }>) -> Result<(), BenchmarkError> {
		let (model, provider, consumer, ids) = market::<T>(1, s.max(1));
		Pallet::<T>::do_report(&provider, [report_of::<T>(1, model, &consumer, &[])])?;
		// The model's owner is owed its share; the settled contributions credit their own.
		let who: T::AccountId = account("owner", 0, 0);
		let currency = Models::<T>::get(model).map(|m| m.currency).ok_or("model")?;
		let settle = BoundedVec::truncate_from(ids.into_iter().take(s as usize).collect());
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), who.clone(), currency.clone(), settle);
		assert!(Rewards::<T>::get(&who, &currency).claimed > 0);
		Ok(())
	}

	// The observer's work when a contribution's points change: settle `c` currencies.
	#[benchmark]
	fn settle_on_change(
		c: Linear<0, { T::MaxCurrenciesPerDataset::get() }>,
	) -> Result<(), BenchmarkError> {
		let (_, _, ids) = T::BenchmarkHelper::dataset_with_contributions(1);
		let info = T::Datasets::contribution(ids[0]).ok_or("contribution")?;
		let currencies: Vec<AssetKind> = (0..c).map(|i| AssetKind::WithId(1_000 + i)).collect();
		DatasetCurrencies::<T>::insert(info.dataset, BoundedVec::truncate_from(currencies.clone()));
		for k in &currencies {
			RewardCounters::<T>::insert(info.dataset, k, COUNTER_SCALE);
			PotTotals::<T>::mutate(k, |t| t.pooled = Balance::from(info.points));
		}
		#[block]
		{
			<Pallet<T> as tributary_primitives::ContributionObserver<T::AccountId>>::on_withdrawn(
				info.dataset,
				ids[0],
				&info.contributor,
				info.points,
			)?;
		}
		Ok(())
	}

	// The observer's work when a contribution is accepted into a dataset whose pool holds `c`
	// currencies: a checkpoint in each.
	#[benchmark]
	fn accept_on_change(
		c: Linear<0, { T::MaxCurrenciesPerDataset::get() }>,
	) -> Result<(), BenchmarkError> {
		let (_, _, ids) = T::BenchmarkHelper::dataset_with_contributions(1);
		let info = T::Datasets::contribution(ids[0]).ok_or("contribution")?;
		let currencies: Vec<AssetKind> = (0..c).map(|i| AssetKind::WithId(1_000 + i)).collect();
		DatasetCurrencies::<T>::insert(info.dataset, BoundedVec::truncate_from(currencies.clone()));
		for k in &currencies {
			RewardCounters::<T>::insert(info.dataset, k, COUNTER_SCALE);
		}
		#[block]
		{
			<Pallet<T> as tributary_primitives::ContributionObserver<T::AccountId>>::on_accepted(
				info.dataset,
				ids[0],
				&info.contributor,
				info.points,
			)?;
		}
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
