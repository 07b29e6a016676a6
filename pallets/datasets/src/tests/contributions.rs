//! Submitting and withdrawing contributions.

use frame_support::{assert_noop, assert_ok};

use super::*;
use crate::{ContentIndex, ContributionStatus, Contributions, Error, Event, PendingCount};

#[test]
fn curated_submission_holds_the_deposit_and_waits() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			d,
			hash(1),
			500,
			b"ipfs://x".to_vec()
		));
		let c = Contributions::<Test>::get(0).unwrap();
		assert_eq!((c.status, c.deposit, c.contributor), (ContributionStatus::Pending, 50, BOB));
		assert_eq!(held_contribution(BOB), 50);
		assert_eq!(PendingCount::<Test>::get(BOB), 1);
		assert_eq!(ContentIndex::<Test>::get(hash(1)), Some(0));
		assert!(events().contains(&Event::ContributionSubmitted {
			contribution: 0,
			dataset: d,
			contributor: BOB,
			content_hash: hash(1),
			deposit: 50,
		}));
		assert!(observed().is_empty(), "nothing accepted yet");
	});
}

#[test]
fn open_submission_is_accepted_at_once_and_the_deposit_released() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(open());
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			d,
			hash(1),
			5,
			vec![]
		));
		let c = Contributions::<Test>::get(0).unwrap();
		assert_eq!(
			(c.status, c.points, c.accepted_in),
			(ContributionStatus::Accepted, OPEN_SCORE, 1)
		);
		assert_eq!(held_contribution(BOB), 0);
		assert_eq!(PendingCount::<Test>::get(BOB), 0);
		assert_eq!(crate::Datasets::<Test>::get(d).unwrap().total_points, OPEN_SCORE as u64);
		assert_eq!(observed(), vec![(true, d, 0, OPEN_SCORE)]);
	});
}

#[test]
fn a_content_hash_is_registered_once_in_the_whole_chain() {
	ExtBuilder::default().build_and_execute(|| {
		let a = create(open());
		let b = create(curated());
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			a,
			hash(1),
			5,
			vec![]
		));
		assert_noop!(
			Datasets::submit_contribution(RuntimeOrigin::signed(CHARLIE), b, hash(1), 5, vec![]),
			Error::<Test>::ContentAlreadyRegistered
		);
		assert_noop!(
			Datasets::submit_contribution(RuntimeOrigin::signed(BOB), a, hash(1), 5, vec![]),
			Error::<Test>::ContentAlreadyRegistered
		);
	});
}

#[test]
fn submission_errors_change_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		let submit = |who, ds, h, size, uri: Vec<u8>| {
			Datasets::submit_contribution(RuntimeOrigin::signed(who), ds, h, size, uri)
		};
		assert_noop!(submit(BOB, 42, hash(1), 5, vec![]), Error::<Test>::DatasetNotFound);
		assert_noop!(submit(BOB, d, hash(1), 1_001, vec![]), Error::<Test>::ContentTooLarge);
		assert_noop!(submit(BOB, d, hash(1), 0, vec![]), Error::<Test>::EmptyContent);
		assert_noop!(submit(BOB, d, hash(1), 5, vec![0; 65]), Error::<Test>::UriTooLong);
		assert_noop!(submit(POOR, d, hash(1), 5, vec![]), Error::<Test>::InsufficientBalance);
		assert_eq!(crate::NextContributionId::<Test>::get(), 0);
	});
}

#[test]
fn pending_contributions_per_account_are_capped() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		for n in 0..3 {
			assert_ok!(Datasets::submit_contribution(
				RuntimeOrigin::signed(BOB),
				d,
				hash(n),
				5,
				vec![]
			));
		}
		assert_noop!(
			Datasets::submit_contribution(RuntimeOrigin::signed(BOB), d, hash(9), 5, vec![]),
			Error::<Test>::TooManyPending
		);
		// Another account is not affected, and a review frees a slot.
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(CHARLIE),
			d,
			hash(8),
			5,
			vec![]
		));
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), 0, 50));
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			d,
			hash(9),
			5,
			vec![]
		));
		assert_eq!(PendingCount::<Test>::get(BOB), 3);
	});
}

#[test]
fn open_datasets_do_not_count_against_the_pending_cap() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(open());
		for n in 0..5 {
			assert_ok!(Datasets::submit_contribution(
				RuntimeOrigin::signed(BOB),
				d,
				hash(n),
				5,
				vec![]
			));
		}
		assert_eq!(crate::Datasets::<Test>::get(d).unwrap().version, 5);
	});
}

#[test]
fn withdrawal_removes_points_but_keeps_the_record_and_the_hash() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(open());
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			d,
			hash(1),
			5,
			vec![]
		));
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(CHARLIE),
			d,
			hash(2),
			5,
			vec![]
		));
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0));
		let ds = crate::Datasets::<Test>::get(d).unwrap();
		assert_eq!((ds.total_points, ds.version), (OPEN_SCORE as u64, 2), "version stays");
		assert_eq!(Contributions::<Test>::get(0).unwrap().status, ContributionStatus::Withdrawn);
		assert_eq!(observed().last(), Some(&(false, d, 0, OPEN_SCORE)));
		assert!(events().contains(&Event::ContributionWithdrawn { contribution: 0, dataset: d }));
		// Withdrawn bytes cannot be registered again to be paid twice.
		assert_noop!(
			Datasets::submit_contribution(RuntimeOrigin::signed(BOB), d, hash(1), 5, vec![]),
			Error::<Test>::ContentAlreadyRegistered
		);
	});
}

#[test]
fn withdrawal_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			d,
			hash(1),
			5,
			vec![]
		));
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::ContributionNotAccepted
		);
		assert_ok!(Datasets::accept_contribution(RuntimeOrigin::signed(ALICE), 0, 7));
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(CHARLIE), 0),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 5),
			Error::<Test>::ContributionNotFound
		);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0));
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::ContributionNotAccepted
		);
	});
}

#[test]
fn inspect_trait_reports_contributions_and_datasets() {
	use tributary_primitives::DatasetInspect;
	ExtBuilder::default().build_and_execute(|| {
		let d = create(open());
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			d,
			hash(1),
			5,
			vec![]
		));
		let c = <Datasets as DatasetInspect<AccountId>>::contribution(0).unwrap();
		assert_eq!((c.contributor, c.dataset, c.points, c.accepted_in), (BOB, d, OPEN_SCORE, 1));
		let info = <Datasets as DatasetInspect<AccountId>>::dataset(d).unwrap();
		assert_eq!((info.owner, info.version, info.total_points), (ALICE, 1, OPEN_SCORE as u64));
		assert_eq!(<Datasets as DatasetInspect<AccountId>>::version_root(d, 1), Some(info.root));
		assert_eq!(<Datasets as DatasetInspect<AccountId>>::version_root(d, 2), None);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), 0));
		let c = <Datasets as DatasetInspect<AccountId>>::contribution(0).unwrap();
		assert_eq!((c.status, c.points), (ContributionStatus::Withdrawn, 0));
		assert!(<Datasets as DatasetInspect<AccountId>>::contribution(1).is_none());
	});
}
