//! Reviewing contributions: accept, reject, expire; versions and roots.

use frame_support::{assert_noop, assert_ok};

use super::*;
use crate::{ContentIndex, ContributionStatus, Contributions, Error, Event, PendingCount};

fn submit(who: AccountId, dataset: crate::DatasetId, n: u8) -> crate::ContributionId {
	assert_ok!(Datasets::submit_contribution(
		RuntimeOrigin::signed(who),
		dataset,
		hash(n),
		5,
		vec![]
	));
	crate::NextContributionId::<Test>::get() - 1
}

#[test]
fn accepting_releases_the_deposit_gives_points_and_advances_the_root() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		let c = submit(BOB, d, 1);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), c, 80));
		let mut pre = [0u8; 64];
		pre[32..].copy_from_slice(&hash(1));
		let root1 = sp_io::hashing::blake2_256(&pre);
		let ds = crate::Datasets::<Test>::get(d).unwrap();
		assert_eq!((ds.version, ds.root, ds.total_points), (1, root1, 80));
		assert_eq!(held_contribution(BOB), 0);
		assert_eq!(PendingCount::<Test>::get(BOB), 0);
		assert_eq!(Contributions::<Test>::get(c).unwrap().status, ContributionStatus::Accepted);
		assert!(events().contains(&Event::ContributionAccepted {
			contribution: c,
			dataset: d,
			points: 80,
			version: 1,
			root: root1,
		}));
		// A second acceptance chains the root; each version's root is kept.
		let c2 = submit(CHARLIE, d, 2);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), c2, 20));
		pre[..32].copy_from_slice(&root1);
		pre[32..].copy_from_slice(&hash(2));
		let root2 = sp_io::hashing::blake2_256(&pre);
		assert_eq!(crate::VersionRoots::<Test>::get(d, 1), Some(root1));
		assert_eq!(crate::VersionRoots::<Test>::get(d, 2), Some(root2));
		assert_eq!(crate::Datasets::<Test>::get(d).unwrap().total_points, 100);
		assert_eq!(observed(), vec![(true, d, c, 80), (true, d, c2, 20)]);
	});
}

#[test]
fn curators_review_but_strangers_do_not() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), d, DAVE));
		let c = submit(BOB, d, 1);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(CHARLIE), c, 10),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datasets::reject_contribution(RuntimeOrigin::signed(BOB), c, 1),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(DAVE), c, 10));
	});
}

#[test]
fn accept_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		let c = submit(BOB, d, 1);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), c, 0),
			Error::<Test>::InvalidScore
		);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), c, MAX_SCORE + 1),
			Error::<Test>::InvalidScore
		);
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), 99, 1),
			Error::<Test>::ContributionNotFound
		);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), c, MAX_SCORE));
		assert_noop!(
			Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), c, 1),
			Error::<Test>::ContributionNotPending
		);
		assert_noop!(
			Datasets::reject_contribution(RuntimeOrigin::signed(ALICE), c, 1),
			Error::<Test>::ContributionNotPending
		);
	});
}

#[test]
fn rejecting_slashes_the_governed_share_to_the_treasury_and_frees_the_hash() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		let c = submit(BOB, d, 1);
		let bob_before = Balances::free_balance(BOB);
		let treasury_before = Balances::free_balance(TREASURY);
		assert_ok!(Datasets::reject_contribution(RuntimeOrigin::signed(ALICE), c, 3));
		// 20 % of 50 slashed, 40 back.
		assert_eq!(Balances::free_balance(TREASURY), treasury_before + 10);
		assert_eq!(Balances::free_balance(BOB), bob_before + 40);
		assert_eq!(held_contribution(BOB), 0);
		assert!(Contributions::<Test>::get(c).is_none());
		assert!(ContentIndex::<Test>::get(hash(1)).is_none());
		assert!(events().contains(&Event::ContributionRejected {
			contribution: c,
			dataset: d,
			reason: 3,
			slashed: 10,
			refunded: 40,
		}));
		// The same bytes may be submitted again (to be reviewed afresh).
		submit(BOB, d, 1);
	});
}

#[test]
fn rejection_slash_follows_the_governed_parameter() {
	ExtBuilder::default().build_and_execute(|| {
		RejectionSlash::set(sp_runtime::Perbill::zero());
		let d = create(curated());
		let c = submit(BOB, d, 1);
		let before = Balances::free_balance(BOB);
		assert_ok!(Datasets::reject_contribution(RuntimeOrigin::signed(ALICE), c, 0));
		assert_eq!(Balances::free_balance(BOB), before + 50);
		RejectionSlash::set(sp_runtime::Perbill::from_percent(20));
	});
}

#[test]
fn expiry_needs_the_review_period_and_refunds_everything() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		let c = submit(BOB, d, 1);
		let before = Balances::free_balance(BOB);
		System::set_block_number(1 + REVIEW_PERIOD - 1);
		assert_noop!(
			Datasets::expire_contribution(RuntimeOrigin::signed(CHARLIE), c),
			Error::<Test>::ReviewPeriodNotOver
		);
		System::set_block_number(1 + REVIEW_PERIOD);
		assert_ok!(Datasets::expire_contribution(RuntimeOrigin::signed(CHARLIE), c));
		assert_eq!(Balances::free_balance(BOB), before + 50);
		assert_eq!(PendingCount::<Test>::get(BOB), 0);
		assert!(events().contains(&Event::ContributionExpired { contribution: c, dataset: d }));
		assert_noop!(
			Datasets::expire_contribution(RuntimeOrigin::signed(CHARLIE), c),
			Error::<Test>::ContributionNotFound
		);
	});
}

#[test]
fn accepted_contributions_cannot_expire() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(open());
		let c = submit(BOB, d, 1);
		System::set_block_number(100);
		assert_noop!(
			Datasets::expire_contribution(RuntimeOrigin::signed(CHARLIE), c),
			Error::<Test>::ContributionNotPending
		);
	});
}

#[test]
fn pending_contributions_of_a_closed_dataset_can_still_be_reviewed() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		let c = submit(BOB, d, 1);
		assert_ok!(Datasets::close_dataset(RuntimeOrigin::signed(ALICE), d));
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), c, 5));
		assert_eq!(crate::Datasets::<Test>::get(d).unwrap().version, 1);
	});
}
