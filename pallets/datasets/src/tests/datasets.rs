//! Datasets: creation, metadata, policy, curators, ownership, closing.

use frame_support::{assert_noop, assert_ok};

use super::*;
use crate::{DataKind, DatasetStatus, Datasets as DatasetsStorage, Error, Event, ReviewMode};

const META_BYTES: Balance = (6 + 13 + 9) as Balance; // "corpus", "a text corpus", "CC-BY-4.0"

#[test]
fn create_holds_the_metadata_deposit_and_starts_at_version_zero() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(curated());
		let deposit = DEPOSIT_BASE + DEPOSIT_PER_BYTE * META_BYTES;
		assert_eq!(held_dataset(ALICE), deposit);
		let d = DatasetsStorage::<Test>::get(id).unwrap();
		assert_eq!((d.owner, d.version, d.root, d.total_points), (ALICE, 0, [0; 32], 0));
		assert_eq!(d.status, DatasetStatus::Active);
		assert_eq!(crate::VersionRoots::<Test>::get(id, 0), Some([0; 32]));
		assert_eq!(events(), vec![Event::DatasetCreated { dataset: id, owner: ALICE, deposit }]);
	});
}

#[test]
fn create_rejects_bad_metadata_and_policy() {
	ExtBuilder::default().build_and_execute(|| {
		let mk = |name: Vec<u8>, desc: Vec<u8>, lic: Vec<u8>, max: u64, who| {
			Datasets::create_dataset(
				RuntimeOrigin::signed(who),
				name,
				desc,
				DataKind::Image,
				lic,
				crate::ContributionPolicy { max_content_size: max, ..curated() },
			)
		};
		assert_noop!(mk(vec![], vec![], vec![], 1, ALICE), Error::<Test>::EmptyName);
		assert_noop!(mk(vec![1; 33], vec![], vec![], 1, ALICE), Error::<Test>::NameTooLong);
		assert_noop!(
			mk(vec![1], vec![1; 129], vec![], 1, ALICE),
			Error::<Test>::DescriptionTooLong
		);
		assert_noop!(mk(vec![1], vec![], vec![1; 17], 1, ALICE), Error::<Test>::LicenseTooLong);
		assert_noop!(mk(vec![1], vec![], vec![], 0, ALICE), Error::<Test>::InvalidPolicy);
		assert_noop!(mk(vec![1], vec![], vec![], 1, POOR), Error::<Test>::InsufficientBalance);
		assert_eq!(crate::NextDatasetId::<Test>::get(), 0);
	});
}

#[test]
fn update_metadata_moves_the_deposit_both_ways() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(curated());
		let before = held_dataset(ALICE);
		assert_ok!(Datasets::update_metadata(
			RuntimeOrigin::signed(ALICE),
			id,
			b"corpus".to_vec(),
			vec![b'x'; 100],
			b"CC-BY-4.0".to_vec()
		));
		assert_eq!(held_dataset(ALICE), before + DEPOSIT_PER_BYTE * (100 - 13));
		assert_ok!(Datasets::update_metadata(
			RuntimeOrigin::signed(ALICE),
			id,
			b"c".to_vec(),
			vec![],
			vec![]
		));
		assert_eq!(held_dataset(ALICE), DEPOSIT_BASE + DEPOSIT_PER_BYTE);
		assert_eq!(DatasetsStorage::<Test>::get(id).unwrap().name.to_vec(), b"c".to_vec());
	});
}

#[test]
fn update_metadata_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(curated());
		assert_noop!(
			Datasets::update_metadata(
				RuntimeOrigin::signed(BOB),
				id,
				b"n".to_vec(),
				vec![],
				vec![]
			),
			Error::<Test>::NotDatasetOwner
		);
		assert_noop!(
			Datasets::update_metadata(
				RuntimeOrigin::signed(ALICE),
				9,
				b"n".to_vec(),
				vec![],
				vec![]
			),
			Error::<Test>::DatasetNotFound
		);
		assert_noop!(
			Datasets::update_metadata(RuntimeOrigin::signed(ALICE), id, vec![], vec![], vec![]),
			Error::<Test>::EmptyName
		);
		// Growing the metadata beyond what Alice can hold is refused.
		let free = Balances::free_balance(ALICE);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), BOB, free - 10));
		assert_noop!(
			Datasets::update_metadata(
				RuntimeOrigin::signed(ALICE),
				id,
				vec![b'n'; 32],
				vec![b'd'; 128],
				vec![]
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn policy_updates_only_by_owner_and_valid() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(curated());
		assert_ok!(Datasets::update_policy(RuntimeOrigin::signed(ALICE), id, open()));
		assert_eq!(DatasetsStorage::<Test>::get(id).unwrap().policy.mode, ReviewMode::Open);
		assert_noop!(
			Datasets::update_policy(RuntimeOrigin::signed(BOB), id, curated()),
			Error::<Test>::NotDatasetOwner
		);
		assert_noop!(
			Datasets::update_policy(
				RuntimeOrigin::signed(ALICE),
				id,
				crate::ContributionPolicy { max_content_size: 0, ..open() }
			),
			Error::<Test>::InvalidPolicy
		);
	});
}

#[test]
fn curators_are_bounded_unique_and_removable() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(curated());
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Datasets::add_curator(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::AlreadyCurator
		);
		assert_ok!(Datasets::add_curator(RuntimeOrigin::signed(ALICE), id, CHARLIE));
		assert_noop!(
			Datasets::add_curator(RuntimeOrigin::signed(ALICE), id, DAVE),
			Error::<Test>::TooManyCurators
		);
		assert_noop!(
			Datasets::add_curator(RuntimeOrigin::signed(BOB), id, DAVE),
			Error::<Test>::NotDatasetOwner
		);
		assert_ok!(Datasets::remove_curator(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Datasets::remove_curator(RuntimeOrigin::signed(ALICE), id, BOB),
			Error::<Test>::CuratorNotFound
		);
		assert_eq!(DatasetsStorage::<Test>::get(id).unwrap().curators.to_vec(), vec![CHARLIE]);
		assert!(events().contains(&Event::CuratorRemoved { dataset: id, curator: BOB }));
	});
}

#[test]
fn ownership_moves_only_when_the_new_owner_accepts_and_the_deposit_follows() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(curated());
		let deposit = held_dataset(ALICE);
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::OwnershipOfferNotFound
		);
		assert_noop!(
			Datasets::offer_ownership(RuntimeOrigin::signed(BOB), id, BOB),
			Error::<Test>::NotDatasetOwner
		);
		assert_ok!(Datasets::offer_ownership(RuntimeOrigin::signed(ALICE), id, BOB));
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(CHARLIE), id),
			Error::<Test>::OwnershipOfferNotFound
		);
		assert_ok!(Datasets::accept_ownership(RuntimeOrigin::signed(BOB), id));
		assert_eq!(DatasetsStorage::<Test>::get(id).unwrap().owner, BOB);
		assert_eq!((held_dataset(ALICE), held_dataset(BOB)), (0, deposit));
		assert!(crate::PendingOwner::<Test>::get(id).is_none());
		assert!(events().contains(&Event::OwnershipTransferred {
			dataset: id,
			from: ALICE,
			to: BOB
		}));
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(BOB), 7),
			Error::<Test>::DatasetNotFound
		);
	});
}

#[test]
fn a_new_owner_who_cannot_hold_the_deposit_cannot_take_over() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(curated());
		assert_ok!(Datasets::offer_ownership(RuntimeOrigin::signed(ALICE), id, POOR));
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(POOR), id),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn closing_stops_submissions_once() {
	ExtBuilder::default().build_and_execute(|| {
		let id = create(open());
		assert_noop!(
			Datasets::close_dataset(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotDatasetOwner
		);
		assert_ok!(Datasets::close_dataset(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Datasets::close_dataset(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::AlreadyClosed
		);
		assert_noop!(
			Datasets::submit_contribution(RuntimeOrigin::signed(BOB), id, hash(1), 10, vec![]),
			Error::<Test>::DatasetNotOpen
		);
	});
}

#[test]
fn genesis_seeds_datasets_with_held_deposits() {
	ExtBuilder::default()
		.with_genesis_dataset(ALICE, "open", ReviewMode::Open)
		.with_genesis_dataset(BOB, "curated", ReviewMode::Curated)
		.build_and_execute(|| {
			assert_eq!(crate::NextDatasetId::<Test>::get(), 2);
			assert_eq!(DatasetsStorage::<Test>::get(0).unwrap().policy.mode, ReviewMode::Open);
			assert_eq!(DatasetsStorage::<Test>::get(1).unwrap().owner, BOB);
			assert!(held_dataset(ALICE) > 0 && held_dataset(BOB) > 0);
		});
}

#[test]
fn unsigned_origins_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Datasets::close_dataset(RuntimeOrigin::none(), 0),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
