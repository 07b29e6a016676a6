//! Unit tests, by topic. Every test runs through `ExtBuilder::build_and_execute`, which checks
//! the pallet's invariants (`do_try_state`) afterwards.

mod contributions;
mod curation;
mod datasets;

use frame_support::traits::fungible::InspectHold;

use crate::{mock::*, HoldReason};

/// Held dataset deposit of `who`.
pub fn held_dataset(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DatasetDeposit.into(), &who)
}

/// Held contribution deposits of `who`.
pub fn held_contribution(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ContributionDeposit.into(), &who)
}

/// Alice creates dataset 0 with `policy`.
pub fn create(policy: crate::ContributionPolicy<Balance>) -> crate::DatasetId {
	frame_support::assert_ok!(Datasets::create_dataset(
		RuntimeOrigin::signed(ALICE),
		b"corpus".to_vec(),
		b"a text corpus".to_vec(),
		crate::DataKind::Text,
		b"CC-BY-4.0".to_vec(),
		policy,
	));
	crate::NextDatasetId::<Test>::get() - 1
}
