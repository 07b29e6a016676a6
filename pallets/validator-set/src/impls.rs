//! The set's bookkeeping, the [`pallet_session::SessionManager`] that hands it over, the session
//! length as a `Get`, and the invariants.

use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{
	ensure,
	traits::{Get, ValidatorRegistration},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, DispatchResult};

use crate::{
	pallet::{ChangePending, SessionLength, Validators},
	Config, Error, Event, Pallet, LOG_TARGET,
};

/// The session length in [`SessionLength`], for `pallet_session::PeriodicSessions`.
pub struct SessionPeriod<T>(PhantomData<T>);

impl<T: Config> Get<BlockNumberFor<T>> for SessionPeriod<T> {
	fn get() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}
}

/// Ends the current session and starts the next: `pallet_session::Pallet::rotate_session`.
pub trait RotateSession {
	/// Rotate the session now.
	fn rotate_session();
}

/// `pallet-session`'s `ShouldEndSession` when this pallet ends sessions: never from
/// `pallet-session`'s own hook, which would charge a whole block for the rotation.
pub struct SessionsEndHere;

impl<BlockNumber> pallet_session::ShouldEndSession<BlockNumber> for SessionsEndHere {
	fn should_end_session(_now: BlockNumber) -> bool {
		false
	}
}

impl<T: Config> Pallet<T> {
	/// Whether a session ends at block `n`: at every multiple of the session length, as
	/// `pallet_session::PeriodicSessions` with no offset.
	pub fn session_ends(n: BlockNumberFor<T>) -> bool {
		let length = SessionLength::<T>::get();
		// The remainder by a length checked to be non-zero cannot fail.
		#[allow(clippy::arithmetic_side_effects)]
		let ends = !length.is_zero() && (n % length).is_zero();
		ends
	}

	/// Add `who` to the set (kept sorted) and mark the set changed.
	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		ensure!(T::ValidatorRegistration::is_registered(&who), Error::<T>::NoSessionKeys);
		Validators::<T>::try_mutate(|set| {
			let at = set.binary_search(&who).err().ok_or(Error::<T>::AlreadyValidator)?;
			set.try_insert(at, who.clone()).map_err(|_| Error::<T>::TooManyValidators)
		})?;
		ChangePending::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Remove `who` from the set and mark the set changed.
	pub(crate) fn do_remove_validator(who: T::AccountId) -> DispatchResult {
		Validators::<T>::try_mutate(|set| {
			let at = set.binary_search(&who).map_err(|_| Error::<T>::NotValidator)?;
			ensure!(set.len() > T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
			set.remove(at);
			Ok::<_, Error<T>>(())
		})?;
		ChangePending::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// Check the pallet's invariants (see the crate documentation).
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let set = Validators::<T>::get();
		ensure!(
			set.windows(2).all(|w| matches!(w, [a, b] if a < b)),
			"the validator set is not sorted and unique"
		);
		ensure!(set.len() >= T::MinValidators::get() as usize, "fewer validators than the minimum");
		let length = SessionLength::<T>::get();
		ensure!(
			length >= T::MinSessionLength::get() && length <= T::MaxSessionLength::get(),
			"the session length is out of bounds"
		);
		Ok(())
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !ChangePending::<T>::take() {
			return None;
		}
		let validators = Self::validators();
		log::info!(
			target: LOG_TARGET,
			"handing {} validators to session {new_index}",
			validators.len()
		);
		Self::deposit_event(Event::NewSetQueued {
			session: new_index,
			validators: validators.len() as u32,
		});
		Some(validators)
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {}
}
