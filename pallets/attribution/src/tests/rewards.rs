//! Pooled rewards, withdrawals and claims.

use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::Perbill;

use super::*;
use crate::{Error, Event, PotTotals};

fn claim(who: AccountId, currency: AssetKind, settle: Vec<ContributionId>) -> Balance {
	let before = balance(currency.clone(), who);
	assert_ok!(Attribution::claim(
		RuntimeOrigin::signed(STRANGER),
		who,
		currency.clone(),
		BoundedVec::truncate_from(settle)
	));
	balance(currency, who) - before
}

#[test]
fn claims_pay_what_is_owed_and_settle_pooled_rewards() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![(w.bob, Perbill::from_percent(60))]),
		));
		// Bob: 297 attributed + 99 pooled (settled by the claim).
		assert_eq!(claim(BOB, NATIVE, vec![w.bob]), 297 + 99);
		assert!(events().contains(&Event::RewardsClaimed {
			who: BOB,
			currency: NATIVE,
			amount: 396
		}));
		assert_eq!(claim(CHARLIE, NATIVE, vec![w.charlie]), 99);
		assert_eq!(claim(MODEL_OWNER, NATIVE, vec![]), 346);
		assert_eq!(claim(PROVIDER, NATIVE, vec![]), 99);
		assert_eq!(claim(TREASURY, NATIVE, vec![]), 49);
		// 199 pooled, 198 paid: one planck of rounding stays pooled, counted.
		assert_eq!(PotTotals::<Test>::get(NATIVE).pooled, 1);
		assert_eq!(balance(NATIVE, Attribution::pot()), 10 + 1);
		assert_noop!(
			Attribution::claim(RuntimeOrigin::signed(BOB), BOB, NATIVE, BoundedVec::new()),
			Error::<Test>::NothingToClaim
		);
		let totals = crate::Rewards::<Test>::get(BOB, NATIVE);
		assert_eq!((totals.earned, totals.claimed), (396, 396));
	});
}

#[test]
fn a_claim_the_asset_would_not_credit_is_refused_and_stays_owed() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, USD);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![(w.charlie, Perbill::from_percent(100))]),
		));
		let owed_before = owed(CHARLIE, USD);
		assert!(owed_before > 0);
		fill_usd_supply();
		assert_noop!(
			Attribution::claim(RuntimeOrigin::signed(CHARLIE), CHARLIE, USD, BoundedVec::new()),
			Error::<Test>::TransferNotCredited
		);
		assert_eq!(owed(CHARLIE, USD), owed_before);
	});
}

#[test]
fn claiming_an_unknown_contribution_is_refused() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Attribution::claim(
				RuntimeOrigin::signed(BOB),
				BOB,
				NATIVE,
				BoundedVec::truncate_from(vec![42])
			),
			Error::<Test>::ContributionNotFound
		);
	});
}

#[test]
fn a_contribution_accepted_later_earns_only_later_rewards() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![]),
		));
		let late = contribute(STRANGER, w.dataset, 3);
		assert_eq!(Attribution::earnings_of(late).unwrap()[0].pending, 0);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(2, w.model, 10, vec![]),
		));
		// The second fee's pooled part splits over 30 points.
		let late_pending = Attribution::earnings_of(late).unwrap()[0].pending;
		let bob_pending = Attribution::earnings_of(w.bob).unwrap()[0].pending;
		// No reserve is taken twice: contributors get 500 of 1,000.
		assert_eq!(late_pending, 500 * 10 / 30);
		assert!(bob_pending > late_pending, "Bob also earned from the first inference");
	});
}

#[test]
fn withdrawal_keeps_what_was_earned_and_stops_earning() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![]),
		));
		let pending = Attribution::earnings_of(w.bob).unwrap()[0].pending;
		assert!(pending > 0);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), w.bob));
		// Settled into what Bob is owed at withdrawal.
		assert_eq!(owed(BOB, NATIVE), pending);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(2, w.model, 10, vec![]),
		));
		assert_eq!(owed(BOB, NATIVE), pending, "nothing further after withdrawal");
		let e = Attribution::earnings_of(w.bob).unwrap();
		assert_eq!((e[0].earned, e[0].pending), (pending, 0));
		assert_eq!(claim(BOB, NATIVE, vec![w.bob]), pending);
		// Charlie now holds all the dataset's points and took the whole second pool.
		assert!(Attribution::earnings_of(w.charlie).unwrap()[0].pending > pending);
	});
}

#[test]
fn a_dataset_without_points_sends_its_part_to_dust() {
	ExtBuilder.build_and_execute(|| {
		let empty = open_dataset();
		let m = register(vec![(empty, 0)], None, 100, NATIVE);
		assert_ok!(Attribution::register_provider(RuntimeOrigin::signed(PROVIDER), BOND));
		assert_ok!(Attribution::authorize_provider(
			RuntimeOrigin::signed(MODEL_OWNER),
			m,
			PROVIDER
		));
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, m, 10_000));
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, m, 10, vec![])
		));
		assert_eq!(PotTotals::<Test>::get(NATIVE).dust, 496);
		assert_eq!(PotTotals::<Test>::get(NATIVE).pooled, 0);
	});
}

#[test]
fn the_pools_of_several_datasets_share_the_unassigned_part_equally() {
	ExtBuilder.build_and_execute(|| {
		let a = open_dataset();
		let b = open_dataset();
		let ca = contribute(BOB, a, 1);
		let cb = contribute(CHARLIE, b, 2);
		let m = register(vec![(a, 1), (b, 1)], None, 100, NATIVE);
		assert_ok!(Attribution::register_provider(RuntimeOrigin::signed(PROVIDER), BOND));
		assert_ok!(Attribution::authorize_provider(
			RuntimeOrigin::signed(MODEL_OWNER),
			m,
			PROVIDER
		));
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, m, 10_000));
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, m, 10, vec![])
		));
		// 496 unassigned: 248 per dataset.
		assert_eq!(Attribution::earnings_of(ca).unwrap()[0].pending, 248);
		assert_eq!(Attribution::earnings_of(cb).unwrap()[0].pending, 248);
	});
}

#[test]
fn a_dataset_tracks_a_bounded_number_of_currencies() {
	ExtBuilder.build_and_execute(|| {
		use frame_support::traits::fungibles::Mutate;
		let w = world(100, NATIVE);
		let second = register(vec![(w.dataset, 2)], None, 100, USD);
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), 8, ALICE, true, 1));
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(8, &CONSUMER, 1_000_000));
		let third = register(vec![(w.dataset, 2)], None, 100, AssetKind::WithId(8));
		for m in [second, third] {
			assert_ok!(Attribution::authorize_provider(
				RuntimeOrigin::signed(MODEL_OWNER),
				m,
				PROVIDER
			));
			assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, m, 100_000));
		}
		for (i, m) in [w.model, second, third].into_iter().enumerate() {
			assert_ok!(Attribution::report_inference(
				RuntimeOrigin::signed(PROVIDER),
				report(i as u64, m, 10, vec![])
			));
		}
		// MaxCurrenciesPerDataset = 2: the third currency's pool part is dust, counted.
		assert_eq!(crate::DatasetCurrencies::<Test>::get(w.dataset).len(), 2);
		assert!(PotTotals::<Test>::get(AssetKind::WithId(8)).dust > 0);
	});
}

#[test]
fn rewards_view_adds_pending_pool_rewards() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![(w.bob, Perbill::from_percent(60))]),
		));
		let views = Attribution::rewards_of(&BOB);
		assert_eq!(views.len(), 1);
		assert_eq!((views[0].owed, views[0].pending_pooled, views[0].claimable), (297, 99, 396));
		assert_eq!(views[0].settle, vec![w.bob], "the claim should settle Bob's contribution");
		assert!(Attribution::rewards_of(&STRANGER).is_empty());
		let m = Attribution::model_view(w.model).unwrap();
		assert_eq!(
			(m.id, m.usage.inferences, m.usage.units, m.usage.fees),
			(w.model, 1, 10, 1_000)
		);
		assert!(Attribution::model_view(9).is_none());
		assert!(Attribution::earnings_of(99).is_none());
	});
}
