//! Property test: random sequences of reports, contributions, withdrawals and claims keep every
//! invariant — above all conservation: per currency the pot holds exactly what is owed, pooled,
//! dust and reserve — and never pay anyone more than they were credited.

use frame_support::BoundedVec;
use proptest::prelude::*;
use sp_runtime::Perbill;

use super::*;

#[derive(Clone, Debug)]
enum Op {
	Report { usd: bool, units: u32, attribution: Vec<(usize, u32)> },
	Contribute { who: usize },
	Withdraw { contribution: usize },
	Claim { who: usize, usd: bool, settle: Vec<usize> },
}

const PEOPLE: [AccountId; 4] = [BOB, CHARLIE, STRANGER, ALICE];

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		4 => (any::<bool>(), 1u32..200, proptest::collection::vec((0usize..6, 0u32..70), 0..4))
			.prop_map(|(usd, units, attribution)| Op::Report { usd, units, attribution }),
		2 => (0usize..4).prop_map(|who| Op::Contribute { who }),
		1 => (0usize..8).prop_map(|contribution| Op::Withdraw { contribution }),
		3 => (0usize..8, any::<bool>(), proptest::collection::vec(0usize..8, 0..4))
			.prop_map(|(who, usd, settle)| Op::Claim { who, usd, settle }),
	]
}

fn all_accounts() -> Vec<AccountId> {
	vec![BOB, CHARLIE, STRANGER, ALICE, MODEL_OWNER, PROVIDER, TREASURY]
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

	#[test]
	fn conservation_holds_after_every_step(ops in proptest::collection::vec(op(), 1..40)) {
		ExtBuilder.build_and_execute(|| {
			let w = world(7, NATIVE);
			let usd_model = register(vec![(w.dataset, 2)], None, 11, USD);
			frame_support::assert_ok!(Attribution::authorize_provider(
				RuntimeOrigin::signed(MODEL_OWNER), usd_model, PROVIDER));
			frame_support::assert_ok!(Attribution::approve(
				RuntimeOrigin::signed(CONSUMER), PROVIDER, usd_model, 1_000_000_000));
			frame_support::assert_ok!(Attribution::approve(
				RuntimeOrigin::signed(CONSUMER), PROVIDER, w.model, 1_000_000_000));
			let mut contributions = vec![w.bob, w.charlie];
			let mut request = 0u64;
			let mut content = 100u32;
			let mut paid_out: std::collections::BTreeMap<(AccountId, bool), Balance> = Default::default();

			for op in ops {
				match op {
					Op::Report { usd, units, attribution } => {
						request += 1;
						let attribution = attribution
							.into_iter()
							.filter_map(|(i, pct)| contributions.get(i).map(|c| (*c, Perbill::from_percent(pct))))
							.collect();
						let model = if usd { usd_model } else { w.model };
						let _ = Attribution::report_inference(
							RuntimeOrigin::signed(PROVIDER),
							report(request, model, units, attribution),
						);
					},
					Op::Contribute { who } => {
						content += 1;
						contributions.push(contribute(PEOPLE[who], w.dataset, content));
					},
					Op::Withdraw { contribution } => {
						if let Some(c) = contributions.get(contribution) {
							let who = pallet_datasets::Contributions::<Test>::get(c).unwrap().contributor;
							let _ = Datasets::withdraw_contribution(RuntimeOrigin::signed(who), *c);
						}
					},
					Op::Claim { who, usd, settle } => {
						let who = all_accounts()[who % 7];
						let currency = if usd { USD } else { NATIVE };
						let settle: Vec<_> =
							settle.into_iter().filter_map(|i| contributions.get(i).copied()).collect();
						let before = balance(currency.clone(), who);
						if Attribution::claim(
							RuntimeOrigin::signed(STRANGER),
							who,
							currency.clone(),
							BoundedVec::truncate_from(settle),
						).is_ok() {
							*paid_out.entry((who, usd)).or_default() += balance(currency, who) - before;
						}
					},
				}
				Attribution::do_try_state().expect("invariants hold after every step");
				pallet_datasets::Pallet::<Test>::do_try_state().expect("datasets invariants hold");
			}
			// Nobody was paid more than credited to them.
			for ((who, usd), paid) in paid_out {
				let currency = if usd { USD } else { NATIVE };
				let totals = crate::Rewards::<Test>::get(who, currency);
				assert_eq!(totals.claimed, paid);
				assert!(totals.claimed <= totals.earned);
			}
		});
	}
}
