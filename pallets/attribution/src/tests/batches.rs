//! Batches of reports: one ledger per call, written once per key, charged for what it touched —
//! and settling exactly as the same reports one call at a time.

use frame_support::{
	assert_noop, assert_ok,
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	BoundedVec,
};
use proptest::prelude::*;
use sp_runtime::Perbill;

use super::*;
use crate::{pallet::*, Call, Error, ReportsCost};

/// The items of `it`, printed and sorted.
fn sorted<I: core::fmt::Debug>(it: impl Iterator<Item = I>) -> String {
	let mut items: Vec<String> = it.map(|i| format!("{i:?}")).collect();
	items.sort();
	items.join("; ")
}

/// Everything the settlement writes, sorted, to compare two runs.
fn snapshot() -> Vec<String> {
	let mut out = vec![
		sorted(Rewards::<Test>::iter()),
		sorted(PotTotals::<Test>::iter()),
		sorted(RewardCounters::<Test>::iter()),
		sorted(ContributionLedgers::<Test>::iter()),
		sorted(Usage::<Test>::iter()),
		sorted(Allowances::<Test>::iter()),
		sorted(Receipts::<Test>::iter()),
		format!("{:?}", NextReceiptId::<Test>::get()),
	];
	for who in [CONSUMER, MODEL_OWNER, PROVIDER, BOB, CHARLIE, TREASURY, Attribution::pot()] {
		out.push(format!("{who}: {} {}", balance(NATIVE, who), balance(USD, who)));
	}
	out
}

/// The world of the unit tests plus a USD model on the same dataset, both with allowances.
fn two_models() -> (World, ModelId) {
	let w = world(7, NATIVE);
	let usd = register(vec![(w.dataset, 2)], None, 11, USD);
	assert_ok!(Attribution::authorize_provider(RuntimeOrigin::signed(MODEL_OWNER), usd, PROVIDER));
	assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, usd, 1_000_000));
	(w, usd)
}

/// Reports of the two models naming Bob's and Charlie's contributions by `plan`: per report,
/// whether it is in USD, its units and the shares (percent) of Bob and Charlie (0 = absent).
fn reports(
	w: &World,
	usd: ModelId,
	plan: &[(bool, u32, u32, u32)],
) -> Vec<crate::InferenceReportOf<Test>> {
	plan.iter()
		.enumerate()
		.map(|(i, (in_usd, units, bob, charlie))| {
			let mut attribution = Vec::new();
			if *bob > 0 {
				attribution.push((w.bob, Perbill::from_percent(*bob)));
			}
			if *charlie > 0 {
				attribution.push((w.charlie, Perbill::from_percent(*charlie)));
			}
			let model = if *in_usd { usd } else { w.model };
			report(i as u64 + 1, model, *units, attribution)
		})
		.collect()
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

	/// Gathering a batch's credits in memory changes no outcome: the batch leaves the same
	/// rewards, pools, dust, reserves, receipts, allowances and balances as its reports sent one
	/// by one (including receipts pruned out of the window of 3).
	#[test]
	fn a_batch_settles_exactly_as_its_reports_one_by_one(
		plan in proptest::collection::vec((any::<bool>(), 2u32..300, 0u32..60, 0u32..40), 1..=4)
	) {
		let mut one_by_one = ExtBuilder.build();
		let sequential = one_by_one.execute_with(|| {
			let (w, usd) = two_models();
			for r in reports(&w, usd, &plan) {
				assert_ok!(Attribution::report_inference(RuntimeOrigin::signed(PROVIDER), r));
			}
			Attribution::do_try_state().unwrap();
			snapshot()
		});
		let mut batched = ExtBuilder.build();
		let batch = batched.execute_with(|| {
			let (w, usd) = two_models();
			let all = BoundedVec::truncate_from(reports(&w, usd, &plan));
			assert_ok!(Attribution::report_inferences(RuntimeOrigin::signed(PROVIDER), all));
			Attribution::do_try_state().unwrap();
			pallet_datasets::Pallet::<Test>::do_try_state().unwrap();
			snapshot()
		});
		prop_assert_eq!(sequential, batch);
	}
}

#[test]
fn a_batch_is_charged_for_the_distinct_contributions_it_touched() {
	ExtBuilder.build_and_execute(|| {
		let w = world(7, NATIVE);
		// Four reports naming the same two contributions: 8 entries, 2 distinct.
		let plan = vec![(w.bob, Perbill::from_percent(30)), (w.charlie, Perbill::from_percent(20))];
		let batch: Vec<_> = (1..=4).map(|i| report(i, w.model, 10, plan.clone())).collect();
		let call =
			Call::<Test>::report_inferences { reports: BoundedVec::truncate_from(batch.clone()) };
		let upfront = call.get_dispatch_info().call_weight;
		// Charged before dispatch from the decoded call: every entry as if distinct.
		assert_eq!(
			upfront,
			Attribution::reports_weight(ReportsCost {
				reports: 4,
				pairs: 4,
				datasets: 4,
				contributions: 8,
				entries: 8,
				pruned: 4
			})
		);
		let post: PostDispatchInfo = Attribution::report_inferences(
			RuntimeOrigin::signed(PROVIDER),
			BoundedVec::truncate_from(batch),
		)
		.unwrap();
		// Charged after: what it touched — one consumer and model, one dataset, two
		// contributions, six repeats, and the receipt pruned by the fourth report (the window
		// is 3).
		let actual = Attribution::reports_weight(ReportsCost {
			reports: 4,
			pairs: 1,
			datasets: 1,
			contributions: 2,
			entries: 8,
			pruned: 1,
		});
		assert_eq!(post.actual_weight, Some(actual));
		assert!(actual.all_lt(upfront));
	});
}

#[test]
fn the_upfront_weight_follows_the_decoded_entries_never_a_field() {
	ExtBuilder.build_and_execute(|| {
		let w = world(7, NATIVE);
		let weight = |entries: Vec<(ContributionId, Perbill)>| {
			let reports = BoundedVec::truncate_from(vec![report(1, w.model, 1, entries)]);
			Call::<Test>::report_inferences { reports }.get_dispatch_info().call_weight
		};
		let none = weight(vec![]);
		let one = weight(vec![(w.bob, Perbill::from_percent(10))]);
		let two = weight(vec![
			(w.bob, Perbill::from_percent(10)),
			(w.charlie, Perbill::from_percent(10)),
		]);
		assert!(none.all_lt(one) && one.all_lt(two));
		// The single call is weighed as a batch of one.
		let single = Call::<Test>::report_inference {
			report: report(1, w.model, 1, vec![(w.bob, Perbill::from_percent(10))]),
		};
		assert_eq!(single.get_dispatch_info().call_weight, one);
	});
}

#[test]
fn a_failing_report_fails_its_whole_batch_and_changes_nothing() {
	ExtBuilder.build_and_execute(|| {
		let w = world(7, NATIVE);
		let good = report(1, w.model, 10, vec![(w.bob, Perbill::from_percent(50))]);
		// The same request id twice in one batch is a replay.
		let replay = report(1, w.model, 10, vec![(w.charlie, Perbill::from_percent(50))]);
		assert_noop!(
			Attribution::report_inferences(
				RuntimeOrigin::signed(PROVIDER),
				BoundedVec::truncate_from(vec![good.clone(), replay])
			),
			Error::<Test>::AlreadyReported
		);
		let too_dear = report(2, w.model, 1_000_000, vec![]);
		assert_noop!(
			Attribution::report_inferences(
				RuntimeOrigin::signed(PROVIDER),
				BoundedVec::truncate_from(vec![good, too_dear])
			),
			Error::<Test>::AllowanceExceeded
		);
		assert_noop!(
			Attribution::report_inferences(RuntimeOrigin::signed(PROVIDER), BoundedVec::new()),
			Error::<Test>::EmptyBatch
		);
	});
}
