//! Unit tests: genesis, additions, removals, bounds, the hand-over to `pallet-session`, and the
//! session length. Each failing call is checked with `assert_noop!` (nothing changed).

use frame_support::{assert_noop, assert_ok, traits::ConstU64};
use pallet_session::{SessionManager, ShouldEndSession};
use sp_runtime::DispatchError;

use crate::{mock::*, ChangePending, Error, Event, SessionLength, SessionPeriod};

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

#[test]
fn genesis_takes_the_sessions_validators_sorted() {
	ExtBuilder::default().validators(vec![CHARLIE, ALICE, BOB]).build_and_execute(|| {
		assert_eq!(ValidatorSet::validators(), vec![ALICE, BOB, CHARLIE]);
		assert_eq!(SessionLength::<Test>::get(), 10);
		assert!(!ChangePending::<Test>::get());
		// Nothing changed, so the first session change keeps the session's own set.
		assert_eq!(ValidatorSet::new_session(1), None);
	});
}

#[test]
fn a_genesis_below_the_minimum_breaks_the_invariants() {
	ExtBuilder::default().validators(vec![ALICE]).build().execute_with(|| {
		assert!(ValidatorSet::do_try_state().is_err());
	});
}

#[test]
#[should_panic(expected = "genesis session length is out of bounds")]
fn a_genesis_session_length_out_of_bounds_is_refused() {
	ExtBuilder::default().session_length(1).build();
}

#[test]
fn governance_adds_a_validator_with_keys() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(root(), DAVE));
		assert_ok!(ValidatorSet::add_validator(root(), CHARLIE));
		assert_eq!(ValidatorSet::validators(), vec![ALICE, BOB, CHARLIE, DAVE]);
		assert!(ChangePending::<Test>::get());
		assert_eq!(
			events(),
			vec![Event::ValidatorAdded { who: DAVE }, Event::ValidatorAdded { who: CHARLIE }]
		);
	});
}

#[test]
fn only_the_add_remove_origin_changes_the_set() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(CHARLIE), CHARLIE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(ALICE), BOB),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::set_session_length(RuntimeOrigin::signed(ALICE), 20),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_account_without_session_keys_cannot_join() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(ValidatorSet::add_validator(root(), NO_KEYS), Error::<Test>::NoSessionKeys);
	});
}

#[test]
fn a_validator_cannot_join_twice() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(ValidatorSet::add_validator(root(), BOB), Error::<Test>::AlreadyValidator);
	});
}

#[test]
fn the_set_is_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(root(), CHARLIE));
		assert_ok!(ValidatorSet::add_validator(root(), DAVE));
		assert_eq!(ValidatorSet::validators().len() as u32, MAX_VALIDATORS);
		assert_noop!(ValidatorSet::add_validator(root(), 5), Error::<Test>::TooManyValidators);
	});
}

#[test]
fn removing_the_last_validators_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(ValidatorSet::validators().len() as u32, MIN_VALIDATORS);
		assert_noop!(
			ValidatorSet::remove_validator(root(), ALICE),
			Error::<Test>::TooFewValidators
		);
		// With a third validator, one of them can go, and then no other.
		assert_ok!(ValidatorSet::add_validator(root(), CHARLIE));
		assert_ok!(ValidatorSet::remove_validator(root(), ALICE));
		assert_eq!(ValidatorSet::validators(), vec![BOB, CHARLIE]);
		assert_noop!(ValidatorSet::remove_validator(root(), BOB), Error::<Test>::TooFewValidators);
		assert_eq!(events().last(), Some(&Event::ValidatorRemoved { who: ALICE }));
	});
}

#[test]
fn removing_a_non_validator_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(root(), CHARLIE));
		assert_noop!(ValidatorSet::remove_validator(root(), DAVE), Error::<Test>::NotValidator);
	});
}

#[test]
fn a_change_is_handed_to_the_session_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(ValidatorSet::new_session(1), None);
		assert_ok!(ValidatorSet::add_validator(root(), DAVE));
		assert_ok!(ValidatorSet::remove_validator(root(), ALICE));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![BOB, DAVE]));
		assert!(!ChangePending::<Test>::get());
		assert_eq!(events().last(), Some(&Event::NewSetQueued { session: 2, validators: 2 }));
		// The session already has it: the next change keeps it.
		assert_eq!(ValidatorSet::new_session(3), None);
	});
}

#[test]
fn governance_sets_the_session_length_within_bounds() {
	ExtBuilder::default().build_and_execute(|| {
		type Periodic = pallet_session::PeriodicSessions<SessionPeriod<Test>, ConstU64<0>>;
		assert!(Periodic::should_end_session(20));
		assert!(!Periodic::should_end_session(25));
		assert_noop!(
			ValidatorSet::set_session_length(root(), 1),
			Error::<Test>::SessionLengthOutOfBounds
		);
		assert_noop!(
			ValidatorSet::set_session_length(root(), 1001),
			Error::<Test>::SessionLengthOutOfBounds
		);
		assert_ok!(ValidatorSet::set_session_length(root(), 25));
		assert_eq!(events(), vec![Event::SessionLengthSet { blocks: 25 }]);
		assert!(Periodic::should_end_session(25));
		assert!(!Periodic::should_end_session(20));
	});
}

#[test]
fn sessions_rotate_at_multiples_of_the_length_for_the_weight_of_a_rotation() {
	use frame_support::{
		traits::{Get, Hooks},
		weights::RuntimeDbWeight,
	};
	ExtBuilder::default().build_and_execute(|| {
		type Periodic = pallet_session::PeriodicSessions<SessionPeriod<Test>, ConstU64<0>>;
		let mut charged = Vec::new();
		for n in 1..=30 {
			System::set_block_number(n);
			charged.push(ValidatorSet::on_initialize(n));
			// Where this pallet rotates is where pallet-session's estimates say it does.
			assert_eq!(ValidatorSet::session_ends(n), Periodic::should_end_session(n));
		}
		assert_eq!(rotations(), vec![10, 20, 30]);
		// pallet-session's own hook must never end a session (it would charge a whole block).
		assert!(!<crate::SessionsEndHere as ShouldEndSession<u64>>::should_end_session(10));
		// A rotation is charged its benchmarked weight; other blocks one read.
		let rotation = <() as crate::WeightInfo>::rotate_session(MAX_VALIDATORS);
		let db = <<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get();
		let read = db.reads(1);
		assert_eq!(charged[9], rotation);
		assert_eq!(charged[0], read);
		assert!(charged.iter().all(|w| *w == rotation || *w == read));

		assert_ok!(ValidatorSet::set_session_length(root(), 25));
		System::set_block_number(50);
		ValidatorSet::on_initialize(50);
		assert_eq!(rotations(), vec![10, 20, 30, 50]);
	});
}
