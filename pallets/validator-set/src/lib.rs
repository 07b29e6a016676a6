//! # Validator-set pallet
//!
//! Who validates Tributary: a bounded list of accounts that governance extends and shrinks, and
//! the length of a session. `pallet-session` enacts the list through this pallet's
//! [`pallet_session::SessionManager`] implementation; Aura and GRANDPA follow the session's keys.
//!
//! ## Overview
//!
//! - An operator generates session keys on their node with `author_rotateKeysWithOwner` (the
//!   owner is their account) and registers them with `session.set_keys(keys, proof)`; the proof
//!   shows they hold the private keys, and `pallet-session` refuses keys without a valid one.
//! - [`Pallet::add_validator`] (the `AddRemoveOrigin`: root or the validator-admin referendum
//!   track) adds an account that has registered session keys ([`Error::NoSessionKeys`]
//!   otherwise). [`Pallet::remove_validator`] removes one, never below `MinValidators`
//!   ([`Error::TooFewValidators`]). The set holds at most `MaxValidators`.
//! - A change is handed to `pallet-session` at the next session boundary, which queues it; it is in
//!   force (Aura authors, GRANDPA voters) from the session after. Nothing changes mid-session.
//! - Sessions last [`SessionLength`] blocks, set at genesis and by [`Pallet::set_session_length`]
//!   within `[MinSessionLength, MaxSessionLength]`. This pallet ends them: its `on_initialize`
//!   rotates the session (through [`Config::Sessions`]) at every multiple of the length and
//!   charges the benchmarked weight of a rotation. (`pallet-session`'s own hook would charge the
//!   whole block, leaving every session-change block empty; give it [`SessionsEndHere`] as its
//!   `ShouldEndSession`.) [`SessionPeriod`] exposes the length to
//!   `pallet_session::PeriodicSessions` for estimates of the next rotation.
//!
//! At genesis the set is whatever `pallet-session`'s genesis keys made it (so tools that rewrite
//! a chain spec's `session.keys`, such as zombienet, stay consistent); this pallet must therefore
//! be declared after `Session` in the runtime.
//!
//! ## Invariants (checked by `do_try_state`)
//!
//! - The set has no duplicate and between `MinValidators` and `MaxValidators` members.
//! - The session length is within its bounds.

#![cfg_attr(not(feature = "std"), no_std)]
// Tests may compute freely (clippy.toml lets them unwrap, expect and index).
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use impls::{RotateSession, SessionPeriod, SessionsEndHere};
pub use pallet::*;
pub use weights::WeightInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::validator-set";

// FRAME's pallet macros expand to code that these lints flag under our spans; the pallet's logic
// lives outside this module (impls, settlement, queries), where they apply.
#[allow(
	clippy::arithmetic_side_effects,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::unwrap_used
)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{ValidatorRegistration, ValidatorSet},
	};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who adds and removes validators and sets the session length.
		type AddRemoveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Whether an account has registered session keys (`pallet-session`).
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// The validators of the session in force (`pallet-session`); seeds the set at genesis.
		type SessionValidators: ValidatorSet<Self::AccountId, ValidatorId = Self::AccountId>;

		/// Ends the current session (`pallet-session`'s rotation).
		type Sessions: RotateSession;

		/// Largest validator set.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Smallest validator set: removals below it are refused.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Shortest session, in blocks.
		#[pallet::constant]
		type MinSessionLength: Get<BlockNumberFor<Self>>;

		/// Longest session, in blocks.
		#[pallet::constant]
		type MaxSessionLength: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Gives benchmarks accounts with registered session keys.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Registers session keys for an account in benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// Make `who` pass `ValidatorRegistration::is_registered`.
		fn register_keys(who: &AccountId);
	}

	/// The validator set the next session change hands to `pallet-session`, sorted.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since it was last handed to `pallet-session`.
	#[pallet::storage]
	pub type ChangePending<T> = StorageValue<_, bool, ValueQuery>;

	/// Blocks per session.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Blocks per session.
		pub session_length: BlockNumberFor<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { session_length: T::MaxSessionLength::get() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(
				self.session_length >= T::MinSessionLength::get()
					&& self.session_length <= T::MaxSessionLength::get(),
				"genesis session length is out of bounds"
			);
			SessionLength::<T>::put(self.session_length);
			let mut validators = T::SessionValidators::validators();
			validators.sort();
			validators.dedup();
			if validators.len() < T::MinValidators::get() as usize {
				log::warn!(
					target: LOG_TARGET,
					"genesis has {} validators, fewer than MinValidators: is the pallet declared \
					 after Session, and are there session keys in genesis?",
					validators.len()
				);
			}
			let validators = BoundedVec::<_, T::MaxValidators>::try_from(validators)
				.unwrap_or_else(|_| panic!("genesis has more validators than MaxValidators"));
			Validators::<T>::put(validators);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validator set from the session after next.
		ValidatorAdded { who: T::AccountId },
		/// `who` leaves the validator set from the session after next.
		ValidatorRemoved { who: T::AccountId },
		/// The changed set was handed to `pallet-session` for session `session`.
		NewSetQueued { session: u32, validators: u32 },
		/// Sessions now last `blocks` blocks.
		SessionLengthSet { blocks: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The account has not registered session keys (`session.set_keys`).
		NoSessionKeys,
		/// The set is full (`MaxValidators`).
		TooManyValidators,
		/// The removal would leave fewer than `MinValidators` validators.
		TooFewValidators,
		/// The session length is outside `[MinSessionLength, MaxSessionLength]`.
		SessionLengthOutOfBounds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			if Self::session_ends(n) {
				T::Sessions::rotate_session();
				T::WeightInfo::rotate_session(T::MaxValidators::get())
			} else {
				T::DbWeight::get().reads(1)
			}
		}

		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "a chain needs a validator");
			assert!(T::MinValidators::get() <= T::MaxValidators::get());
			assert!(!T::MinSessionLength::get().is_zero(), "sessions last a block at least");
			assert!(T::MinSessionLength::get() <= T::MaxSessionLength::get());
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add `who` to the validator set.
		///
		/// ## Dispatch Origin
		/// `AddRemoveOrigin` (root, or a referendum on the validator-admin track).
		///
		/// ## Details
		/// `who` must have registered session keys. The change is handed to `pallet-session` at the
		/// next session boundary and is in force from the session after.
		///
		/// ## Errors
		/// [`Error::AlreadyValidator`], [`Error::NoSessionKeys`], [`Error::TooManyValidators`].
		///
		/// ## Events
		/// [`Event::ValidatorAdded`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Remove `who` from the validator set.
		///
		/// ## Dispatch Origin
		/// `AddRemoveOrigin`.
		///
		/// ## Details
		/// Takes effect like an addition: queued at the next session boundary, in force from the
		/// session after. The set never shrinks below `MinValidators`.
		///
		/// ## Errors
		/// [`Error::NotValidator`], [`Error::TooFewValidators`].
		///
		/// ## Events
		/// [`Event::ValidatorRemoved`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AddRemoveOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}

		/// Make sessions last `blocks` blocks.
		///
		/// ## Dispatch Origin
		/// `AddRemoveOrigin`.
		///
		/// ## Details
		/// Sessions end at the block numbers divisible by the length, so the current session
		/// ends at the next multiple of the new length.
		///
		/// ## Errors
		/// [`Error::SessionLengthOutOfBounds`].
		///
		/// ## Events
		/// [`Event::SessionLengthSet`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_session_length())]
		pub fn set_session_length(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			if tributary_primitives::mutants::planted(
				tributary_primitives::mutants::Mutant::SessionLengthAnyOrigin,
			) {
				frame_system::ensure_signed_or_root(origin)?;
			} else {
				T::AddRemoveOrigin::ensure_origin(origin)?;
			}
			ensure!(
				blocks >= T::MinSessionLength::get() && blocks <= T::MaxSessionLength::get(),
				Error::<T>::SessionLengthOutOfBounds
			);
			SessionLength::<T>::put(blocks);
			Self::deposit_event(Event::SessionLengthSet { blocks });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The validators the next session change hands over.
		pub fn validators() -> Vec<T::AccountId> {
			Validators::<T>::get().into_inner()
		}
	}
}
