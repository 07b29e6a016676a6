//! Submitting and withdrawing contributions.

use frame_support::{assert_noop, assert_ok, traits::ConstU32};

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

fn file(n: u8, uri: &[u8]) -> crate::ContributionFile {
	crate::ContributionFile { content_hash: hash(n), size_bytes: 5, uri: uri.to_vec() }
}

fn files(ns: &[u8]) -> frame_support::BoundedVec<crate::ContributionFile, ConstU32<8>> {
	frame_support::BoundedVec::truncate_from(ns.iter().map(|n| file(*n, b"ipfs://f")).collect())
}

#[test]
fn a_folder_is_registered_and_accepted_file_by_file_in_an_open_dataset() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(open());
		assert_ok!(Datasets::submit_contributions(
			RuntimeOrigin::signed(BOB),
			d,
			files(&[1, 2, 3])
		));
		// One contribution, one acceptance and one version per file, in order.
		for (id, n) in [(0u64, 1u8), (1, 2), (2, 3)] {
			let c = Contributions::<Test>::get(id).unwrap();
			assert_eq!(
				(c.status, c.accepted_in, c.content_hash),
				(ContributionStatus::Accepted, id as u32 + 1, hash(n))
			);
			assert_eq!(ContentIndex::<Test>::get(hash(n)), Some(id));
		}
		let dataset = crate::Datasets::<Test>::get(d).unwrap();
		assert_eq!((dataset.version, dataset.total_points), (3, 3 * OPEN_SCORE as u64));
		assert_eq!(
			observed(),
			vec![(true, d, 0, OPEN_SCORE), (true, d, 1, OPEN_SCORE), (true, d, 2, OPEN_SCORE)]
		);
		// Nothing is held or pending for contributions accepted at once.
		assert_eq!((held_contribution(BOB), PendingCount::<Test>::get(BOB)), (0, 0));
		// The same root as three single submissions.
		let mut root = [0u8; 32];
		for n in [1, 2, 3] {
			root = sp_io::hashing::blake2_256(&[root, hash(n)].concat());
		}
		assert_eq!(dataset.root, root);
	});
}

#[test]
fn a_folder_waits_for_review_in_a_curated_dataset_with_a_deposit_each() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(curated());
		assert_ok!(Datasets::submit_contributions(RuntimeOrigin::signed(BOB), d, files(&[1, 2])));
		assert_eq!(held_contribution(BOB), 100);
		assert_eq!(PendingCount::<Test>::get(BOB), 2);
		assert!(observed().is_empty());
	});
}

#[test]
fn a_bad_file_fails_the_whole_folder_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let d = create(open());
		// A hash named twice in one folder is registered once.
		assert_noop!(
			Datasets::submit_contributions(RuntimeOrigin::signed(BOB), d, files(&[1, 2, 1])),
			Error::<Test>::ContentAlreadyRegistered
		);
		let mut long = files(&[1]);
		long.force_push(file(2, &vec![b'u'; 10_000]));
		assert_noop!(
			Datasets::submit_contributions(RuntimeOrigin::signed(BOB), d, long),
			Error::<Test>::UriTooLong
		);
		let mut empty = files(&[1]);
		empty.force_push(crate::ContributionFile { size_bytes: 0, ..file(3, b"") });
		assert_noop!(
			Datasets::submit_contributions(RuntimeOrigin::signed(BOB), d, empty),
			Error::<Test>::EmptyContent
		);
		assert_noop!(
			Datasets::submit_contributions(RuntimeOrigin::signed(BOB), d, files(&[])),
			Error::<Test>::NoFiles
		);
	});
}

#[test]
fn a_submission_is_charged_for_the_path_it_took() {
	use crate::WeightInfo;
	use frame_support::dispatch::GetDispatchInfo;
	ExtBuilder::default().build_and_execute(|| {
		let open_d = create(open());
		let curated_d = create(curated());
		type W = <Test as crate::Config>::WeightInfo;
		let call =
			crate::Call::<Test>::submit_contributions { dataset: open_d, files: files(&[1, 2]) };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			W::submit_contributions(2).max(W::submit_for_review(2))
		);
		let post =
			Datasets::submit_contributions(RuntimeOrigin::signed(BOB), open_d, files(&[1, 2]))
				.unwrap();
		assert_eq!(post.actual_weight, Some(W::submit_contributions(2)));
		let post =
			Datasets::submit_contributions(RuntimeOrigin::signed(BOB), curated_d, files(&[3]))
				.unwrap();
		assert_eq!(post.actual_weight, Some(W::submit_for_review(1)));
		// The single call is weighed as a folder of one.
		let single = crate::Call::<Test>::submit_contribution {
			dataset: open_d,
			content_hash: hash(9),
			size_bytes: 1,
			uri: vec![],
		};
		assert_eq!(
			single.get_dispatch_info().call_weight,
			W::submit_contributions(1).max(W::submit_for_review(1))
		);
	});
}
