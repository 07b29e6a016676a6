//! Models, providers and allowances.

use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};

use super::*;
use crate::{Error, Event, HoldReason, ModelStatus, Models, Providers};

fn held(reason: HoldReason, who: AccountId) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

#[test]
fn registering_a_model_holds_its_deposit() {
	ExtBuilder.build_and_execute(|| {
		let d = open_dataset();
		let m = register(vec![(d, 0)], None, 5, NATIVE);
		let model = Models::<Test>::get(m).unwrap();
		assert_eq!((model.owner, model.price, model.status), (MODEL_OWNER, 5, ModelStatus::Active));
		assert_eq!(held(HoldReason::ModelDeposit, MODEL_OWNER), MODEL_DEPOSIT);
		assert!(events().contains(&Event::ModelRegistered {
			model: m,
			owner: MODEL_OWNER,
			price: 5,
			currency: NATIVE
		}));
		// A fine-tune names its parent and may be priced in an asset.
		let child = register(vec![(d, 0)], Some(m), 7, USD);
		assert_eq!(Models::<Test>::get(child).unwrap().parent, Some(m));
	});
}

#[test]
fn register_model_errors() {
	ExtBuilder.build_and_execute(|| {
		let d = open_dataset();
		let reg = |who, meta: Vec<u8>, on: Vec<(u32, u32)>, parent, currency| {
			Attribution::register_model(
				RuntimeOrigin::signed(who),
				meta,
				BoundedVec::truncate_from(on),
				parent,
				1,
				currency,
			)
		};
		assert_noop!(
			reg(MODEL_OWNER, vec![], vec![], None, NATIVE),
			Error::<Test>::EmptyTrainingSet
		);
		assert_noop!(
			reg(MODEL_OWNER, vec![], vec![(d, 1)], None, NATIVE),
			Error::<Test>::DatasetVersionNotFound
		);
		assert_noop!(
			reg(MODEL_OWNER, vec![], vec![(9, 0)], None, NATIVE),
			Error::<Test>::DatasetVersionNotFound
		);
		assert_noop!(
			reg(MODEL_OWNER, vec![], vec![(d, 0), (d, 0)], None, NATIVE),
			Error::<Test>::DuplicateDataset
		);
		assert_noop!(
			reg(MODEL_OWNER, vec![], vec![(d, 0)], Some(3), NATIVE),
			Error::<Test>::ParentModelNotFound
		);
		assert_noop!(
			reg(MODEL_OWNER, vec![], vec![(d, 0)], None, AssetKind::WithId(42)),
			Error::<Test>::AssetNotFound
		);
		assert_noop!(
			reg(MODEL_OWNER, vec![0; 65], vec![(d, 0)], None, NATIVE),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			reg(POOR, vec![], vec![(d, 0)], None, NATIVE),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn only_the_owner_prices_authorises_and_retires() {
	ExtBuilder.build_and_execute(|| {
		let d = open_dataset();
		let m = register(vec![(d, 0)], None, 5, NATIVE);
		let o = RuntimeOrigin::signed(MODEL_OWNER);
		let s = RuntimeOrigin::signed(STRANGER);
		assert_noop!(Attribution::set_price(s.clone(), m, 1), Error::<Test>::NotModelOwner);
		assert_noop!(Attribution::set_price(o.clone(), 9, 1), Error::<Test>::ModelNotFound);
		assert_ok!(Attribution::set_price(o.clone(), m, 8));
		assert_eq!(Models::<Test>::get(m).unwrap().price, 8);

		assert_noop!(
			Attribution::authorize_provider(s.clone(), m, PROVIDER),
			Error::<Test>::NotModelOwner
		);
		assert_ok!(Attribution::authorize_provider(o.clone(), m, PROVIDER));
		assert_noop!(
			Attribution::authorize_provider(o.clone(), m, PROVIDER),
			Error::<Test>::AlreadyAuthorized
		);
		assert_ok!(Attribution::authorize_provider(o.clone(), m, BOB));
		assert_noop!(
			Attribution::authorize_provider(o.clone(), m, CHARLIE),
			Error::<Test>::TooManyProviders
		);
		assert_ok!(Attribution::revoke_provider(o.clone(), m, BOB));
		assert_noop!(Attribution::revoke_provider(o.clone(), m, BOB), Error::<Test>::NotAuthorized);

		assert_noop!(Attribution::retire_model(s, m), Error::<Test>::NotModelOwner);
		assert_ok!(Attribution::retire_model(o.clone(), m));
		assert_eq!(held(HoldReason::ModelDeposit, MODEL_OWNER), 0);
		assert_noop!(Attribution::retire_model(o.clone(), m), Error::<Test>::ModelNotActive);
		assert_noop!(Attribution::set_price(o.clone(), m, 1), Error::<Test>::ModelNotActive);
		assert_noop!(Attribution::authorize_provider(o, m, CHARLIE), Error::<Test>::ModelNotActive);
	});
}

#[test]
fn provider_bond_lifecycle() {
	ExtBuilder.build_and_execute(|| {
		let p = RuntimeOrigin::signed(PROVIDER);
		assert_noop!(
			Attribution::register_provider(p.clone(), BOND - 1),
			Error::<Test>::BondTooLow
		);
		assert_noop!(
			Attribution::register_provider(RuntimeOrigin::signed(POOR), BOND),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(Attribution::unbond_provider(p.clone()), Error::<Test>::NotBonded);
		assert_noop!(Attribution::withdraw_bond(p.clone()), Error::<Test>::NotBonded);
		assert_ok!(Attribution::register_provider(p.clone(), BOND));
		assert_eq!(held(HoldReason::ProviderBond, PROVIDER), BOND);
		assert_noop!(
			Attribution::register_provider(p.clone(), BOND),
			Error::<Test>::AlreadyProvider
		);
		assert_noop!(Attribution::withdraw_bond(p.clone()), Error::<Test>::NotUnbonding);
		assert_ok!(Attribution::unbond_provider(p.clone()));
		assert_noop!(Attribution::unbond_provider(p.clone()), Error::<Test>::AlreadyUnbonding);
		assert_noop!(Attribution::withdraw_bond(p.clone()), Error::<Test>::UnbondingNotOver);
		System::set_block_number(1 + UNBONDING);
		assert_ok!(Attribution::withdraw_bond(p));
		assert_eq!(held(HoldReason::ProviderBond, PROVIDER), 0);
		assert!(Providers::<Test>::get(PROVIDER).is_none());
		assert!(events().contains(&Event::BondWithdrawn { provider: PROVIDER, bond: BOND }));
	});
}

#[test]
fn allowances_are_set_and_removed() {
	ExtBuilder.build_and_execute(|| {
		let d = open_dataset();
		let m = register(vec![(d, 0)], None, 5, NATIVE);
		assert_noop!(
			Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, 4, 10),
			Error::<Test>::ModelNotFound
		);
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, m, 10));
		assert_eq!(crate::Allowances::<Test>::get((CONSUMER, PROVIDER, m)), Some(10));
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, m, 0));
		assert_eq!(crate::Allowances::<Test>::get((CONSUMER, PROVIDER, m)), None);
	});
}

#[test]
fn an_allowance_changes_only_from_what_the_consumer_expected() {
	ExtBuilder.build_and_execute(|| {
		let w = world(100, NATIVE);
		let change = |expected, allowance| {
			Attribution::change_allowance(
				RuntimeOrigin::signed(CONSUMER),
				PROVIDER,
				w.model,
				expected,
				allowance,
			)
		};
		let allowance = || crate::Allowances::<Test>::get((CONSUMER, PROVIDER, w.model));
		assert_noop!(
			Attribution::change_allowance(RuntimeOrigin::signed(CONSUMER), PROVIDER, 99, 0, 1),
			Error::<Test>::ModelNotFound
		);
		// The consumer means to lower 1,000,000 to 500,000, but a report spent 1,000 first.
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, w.model, 10, vec![]),
		));
		assert_eq!(allowance(), Some(999_000));
		assert_noop!(change(1_000_000, 500_000), Error::<Test>::AllowanceChanged);
		assert_ok!(change(999_000, 500_000));
		assert_eq!(allowance(), Some(500_000));
		assert!(events().contains(&Event::AllowanceSet {
			consumer: CONSUMER,
			provider: PROVIDER,
			model: w.model,
			allowance: 500_000
		}));
		// Zero removes it; from none, the expected allowance is zero.
		assert_ok!(change(500_000, 0));
		assert_eq!(allowance(), None);
		assert_noop!(change(500_000, 10), Error::<Test>::AllowanceChanged);
		assert_ok!(change(0, 10));
		assert_eq!(allowance(), Some(10));
	});
}
