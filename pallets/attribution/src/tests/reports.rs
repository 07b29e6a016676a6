//! Reporting inferences: charging, the split, receipts, and every refusal.

use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::Perbill;

use super::*;
use crate::{Error, Event, FeeSplit, ProcessedRequests, Receipts, Usage, COUNTER_SCALE};

/// The worked example of docs/economics.md: price 100 × 10 units = 1,000 (native); the first fee
/// keeps ED = 10 as the pot's reserve; of 990: owner 30 % = 297, parent 5 % = 49 (no parent: to
/// the owner), provider 10 % = 99, treasury 5 % = 49, contributors 496. Bob's contribution is
/// attributed 60 % = 297; the 199 left go to the dataset's pool (20 points): 9.95 per point.
#[test]
fn a_report_charges_the_consumer_and_splits_the_fee() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		let consumer_before = balance(NATIVE, CONSUMER);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![(w.bob, Perbill::from_percent(60))]),
		));
		assert_eq!(balance(NATIVE, CONSUMER), consumer_before - 1_000);
		assert_eq!(balance(NATIVE, Attribution::pot()), 1_000);
		let split = FeeSplit {
			reserve: 10,
			owner: 297 + 49,
			parent: 0,
			provider: 99,
			treasury: 49,
			attributed: 297,
			pooled: 199,
			dust: 0,
		};
		assert!(events().contains(&Event::InferenceReported {
			receipt: 0,
			model: w.model,
			provider: PROVIDER,
			consumer: CONSUMER,
			fee: 1_000,
			currency: NATIVE,
			split,
		}));
		assert_eq!(owed(MODEL_OWNER, NATIVE), 346);
		assert_eq!(owed(PROVIDER, NATIVE), 99);
		assert_eq!(owed(TREASURY, NATIVE), 49);
		assert_eq!(owed(BOB, NATIVE), 297);
		assert_eq!(crate::RewardCounters::<Test>::get(w.dataset, NATIVE), 199 * COUNTER_SCALE / 20);
		// Pooled rewards show as pending until settled: 10 points × 9.95 = 99 (rounded down).
		let bob = Attribution::earnings_of(w.bob).unwrap();
		assert_eq!((bob[0].earned, bob[0].pending), (297, 99));
		let receipt = Receipts::<Test>::get(0).unwrap();
		assert_eq!((receipt.fee, receipt.units, receipt.consumer), (1_000, 10, CONSUMER));
		assert_eq!(ProcessedRequests::<Test>::get(PROVIDER, 1), Some(0));
		assert_eq!(crate::Allowances::<Test>::get((CONSUMER, PROVIDER, w.model)), Some(999_000));
		let usage = Usage::<Test>::get(w.model);
		assert_eq!((usage.inferences, usage.units, usage.fees), (1, 10, 1_000));
	});
}

#[test]
fn the_parent_models_owner_gets_the_parent_share() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		assert_ok!(Attribution::register_model(
			RuntimeOrigin::signed(PARENT_OWNER),
			vec![],
			BoundedVec::truncate_from(vec![(w.dataset, 2)]),
			None,
			1,
			NATIVE
		));
		let parent = crate::NextModelId::<Test>::get() - 1;
		let child = register(vec![(w.dataset, 2)], Some(parent), 100, NATIVE);
		assert_ok!(Attribution::authorize_provider(
			RuntimeOrigin::signed(MODEL_OWNER),
			child,
			PROVIDER
		));
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, child, 5_000));
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, child, 10, vec![]),
		));
		assert_eq!(owed(PARENT_OWNER, NATIVE), 49);
		assert_eq!(owed(MODEL_OWNER, NATIVE), 297);
	});
}

#[test]
fn a_model_priced_in_an_asset_is_paid_in_that_asset() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, USD);
		let native_before = balance(NATIVE, CONSUMER);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![(w.charlie, Perbill::from_percent(100))]),
		));
		assert_eq!(balance(USD, CONSUMER), ENDOWMENT - 1_000);
		assert_eq!(balance(NATIVE, CONSUMER), native_before, "no native moved");
		assert_eq!(balance(USD, Attribution::pot()), 1_000);
		// Reserve is the asset's minimum balance, 5: of 995 contributors get 995-298-49-99-49.
		assert_eq!(crate::PotTotals::<Test>::get(USD).reserve, 5);
		assert_eq!(owed(CHARLIE, USD), 995 - 298 - 49 - 99 - 49);
		assert_eq!(owed(CHARLIE, NATIVE), 0);
	});
}

#[test]
fn providers_must_be_bonded_and_authorised() {
	ExtBuilder.build_and_execute(|| {
		let w = world(1, NATIVE);
		assert_noop!(
			Attribution::report_inference(
				RuntimeOrigin::signed(STRANGER),
				report(1, w.model, 100, vec![])
			),
			Error::<Test>::NotBonded
		);
		assert_ok!(Attribution::register_provider(RuntimeOrigin::signed(STRANGER), BOND));
		assert_noop!(
			Attribution::report_inference(
				RuntimeOrigin::signed(STRANGER),
				report(1, w.model, 100, vec![])
			),
			Error::<Test>::NotAuthorized
		);
		assert_ok!(Attribution::unbond_provider(RuntimeOrigin::signed(PROVIDER)));
		assert_noop!(
			Attribution::report_inference(
				RuntimeOrigin::signed(PROVIDER),
				report(1, w.model, 100, vec![])
			),
			Error::<Test>::NotBonded
		);
	});
}

#[test]
fn model_errors() {
	ExtBuilder.build_and_execute(|| {
		let w = world(1, NATIVE);
		let p = || RuntimeOrigin::signed(PROVIDER);
		assert_noop!(
			Attribution::report_inference(p(), report(1, 9, 100, vec![])),
			Error::<Test>::ModelNotFound
		);
		assert_ok!(Attribution::retire_model(RuntimeOrigin::signed(MODEL_OWNER), w.model));
		assert_noop!(
			Attribution::report_inference(p(), report(1, w.model, 100, vec![])),
			Error::<Test>::ModelNotActive
		);
	});
}

#[test]
fn a_request_id_cannot_be_replayed() {
	ExtBuilder.build_and_execute(|| {
		let w = world(1, NATIVE);
		let p = || RuntimeOrigin::signed(PROVIDER);
		assert_ok!(Attribution::report_inference(p(), report(7, w.model, 100, vec![])));
		assert_noop!(
			Attribution::report_inference(p(), report(7, w.model, 100, vec![])),
			Error::<Test>::AlreadyReported
		);
		assert_noop!(
			Attribution::report_inference(p(), report(8, w.model, 0, vec![])),
			Error::<Test>::ZeroUnits
		);
	});
}

#[test]
fn attribution_errors() {
	ExtBuilder.build_and_execute(|| {
		let w = world(1, NATIVE);
		let p = || RuntimeOrigin::signed(PROVIDER);
		let attempt =
			|attribution| Attribution::report_inference(p(), report(1, w.model, 100, attribution));
		let pc = Perbill::from_percent;
		assert_noop!(
			attempt(vec![(w.bob, pc(60)), (w.charlie, pc(41))]),
			Error::<Test>::SharesExceed
		);
		assert_noop!(
			attempt(vec![(w.bob, pc(10)), (w.bob, pc(10))]),
			Error::<Test>::DuplicateAttribution
		);
		assert_noop!(attempt(vec![(77, pc(10))]), Error::<Test>::ContributionNotFound);
		// A contribution accepted after the version the model was trained on.
		let late = contribute(STRANGER, w.dataset, 3);
		assert_noop!(attempt(vec![(late, pc(10))]), Error::<Test>::NotInTrainingSet);
		// A contribution of a dataset the model was not trained on.
		let other = open_dataset();
		let elsewhere = contribute(STRANGER, other, 4);
		assert_noop!(attempt(vec![(elsewhere, pc(10))]), Error::<Test>::NotInTrainingSet);
		// Pending and withdrawn contributions.
		let curated = curated_dataset();
		let pending = contribute(STRANGER, curated, 5);
		assert_noop!(attempt(vec![(pending, pc(10))]), Error::<Test>::ContributionNotAccepted);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), w.bob));
		assert_noop!(attempt(vec![(w.bob, pc(10))]), Error::<Test>::WithdrawnContribution);
		// Exactly 100 % is allowed.
		assert_ok!(attempt(vec![(w.charlie, pc(100))]));
	});
}

#[test]
fn the_allowance_is_never_exceeded_or_skipped() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		let p = || RuntimeOrigin::signed(PROVIDER);
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, w.model, 1_500));
		assert_ok!(Attribution::report_inference(p(), report(1, w.model, 10, vec![])));
		assert_noop!(
			Attribution::report_inference(p(), report(2, w.model, 6, vec![])),
			Error::<Test>::AllowanceExceeded
		);
		assert_ok!(Attribution::report_inference(p(), report(2, w.model, 5, vec![])));
		// Spent to the last unit: the allowance is gone.
		assert_noop!(
			Attribution::report_inference(p(), report(3, w.model, 1, vec![])),
			Error::<Test>::AllowanceNotFound
		);
	});
}

#[test]
fn a_consumer_who_cannot_pay_is_not_charged() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(POOR), PROVIDER, w.model, 1_000));
		let mut r = report(1, w.model, 10, vec![]);
		r.consumer = POOR;
		assert_noop!(
			Attribution::report_inference(RuntimeOrigin::signed(PROVIDER), r),
			Error::<Test>::ConsumerCannotPay
		);
	});
}

#[test]
fn a_fee_the_asset_would_not_credit_to_the_pot_is_refused() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, USD);
		fill_usd_supply();
		// pallet-assets would debit the consumer and credit no one; the pot's totals would
		// then claim funds the pot does not hold.
		assert_noop!(
			Attribution::report_inference(
				RuntimeOrigin::signed(PROVIDER),
				report(1, w.model, 10, vec![(w.charlie, Perbill::from_percent(100))]),
			),
			Error::<Test>::TransferNotCredited
		);
	});
}

#[test]
fn a_first_fee_below_the_minimum_balance_is_refused() {
	ExtBuilder.build_and_execute(|| {
		let w = world(1, NATIVE);
		assert_noop!(
			Attribution::report_inference(
				RuntimeOrigin::signed(PROVIDER),
				report(1, w.model, ED as u32, vec![])
			),
			Error::<Test>::FeeBelowMinimum
		);
	});
}

#[test]
fn a_batch_settles_all_or_nothing() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		let p = || RuntimeOrigin::signed(PROVIDER);
		assert_noop!(
			Attribution::report_inferences(p(), BoundedVec::truncate_from(vec![])),
			Error::<Test>::EmptyBatch
		);
		let bad = BoundedVec::truncate_from(vec![
			report(1, w.model, 1, vec![]),
			report(1, w.model, 1, vec![]),
		]);
		assert_noop!(Attribution::report_inferences(p(), bad), Error::<Test>::AlreadyReported);
		let good = BoundedVec::truncate_from(vec![
			report(1, w.model, 1, vec![]),
			report(2, w.model, 2, vec![(w.bob, Perbill::from_percent(50))]),
		]);
		assert_ok!(Attribution::report_inferences(p(), good));
		assert_eq!(crate::NextReceiptId::<Test>::get(), 2);
		assert_eq!(Usage::<Test>::get(w.model).units, 3);
	});
}

#[test]
fn old_receipts_are_pruned_with_their_replay_protection() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		for id in 0..5u64 {
			assert_ok!(Attribution::report_inference(
				RuntimeOrigin::signed(PROVIDER),
				report(id, w.model, 1, vec![])
			));
		}
		// Retention is 3: receipts 2, 3, 4 are kept.
		assert!(Receipts::<Test>::get(1).is_none());
		assert!(Receipts::<Test>::get(2).is_some());
		assert!(ProcessedRequests::<Test>::get(PROVIDER, 1).is_none());
		assert_eq!(ProcessedRequests::<Test>::get(PROVIDER, 4), Some(4));
		assert!(Attribution::receipt_view(4).is_some());
		assert!(Attribution::receipt_view(0).is_none());
	});
}

#[test]
fn shares_are_governed_parameters() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		OwnerShare::set(Perbill::zero());
		ProviderShare::set(Perbill::from_percent(100));
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![(w.bob, Perbill::from_percent(100))])
		));
		// Shares are taken in order (owner, parent, provider, treasury) from what is left, so
		// fractions summing over 100 % can never pay out more than the fee.
		assert_eq!(owed(MODEL_OWNER, NATIVE), 49, "the parent share, without a parent");
		assert_eq!(owed(PROVIDER, NATIVE), 990 - 49);
		assert_eq!(owed(TREASURY, NATIVE), 0);
		assert_eq!(owed(BOB, NATIVE), 0);
		OwnerShare::set(Perbill::from_percent(30));
		ProviderShare::set(Perbill::from_percent(10));
	});
}
