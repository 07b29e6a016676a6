//! Aura block authoring, GRANDPA finality, sessions and the governed validator set.

use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
};
use pallet_validator_set::SessionPeriod;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeEvent, Session, SessionKeys, ValidatorSet, UNIT,
};

/// Upper bound of the authority set (Aura and GRANDPA).
pub type MaxAuthorities = ConstU32<32>;

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = MaxAuthorities;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

/// Blocks per session at genesis, by preset, and the bounds governance can set it within.
pub mod session_length {
	use crate::{BlockNumber, HOURS, MINUTES};

	/// Development chain: a session a minute, so validator changes show quickly.
	pub const DEVELOPMENT: BlockNumber = MINUTES;
	/// Test networks: an hour.
	pub const LOCAL_TESTNET: BlockNumber = HOURS;
	/// Shortest session governance can set.
	pub const MIN: BlockNumber = 5;
	/// Longest session governance can set.
	pub const MAX: BlockNumber = 24 * HOURS;
}

parameter_types! {
	/// Held from an account while it has session keys registered: 10 TRIB.
	pub const SessionKeyDeposit: Balance = 10 * UNIT;
}

/// Sessions end at the multiples of the governed session length: the validator set's hook ends
/// them (charging a rotation's weight, not a whole block); pallet-session estimates by this.
type Sessions = pallet_session::PeriodicSessions<SessionPeriod<Runtime>, ConstU32<0>>;

/// The validator set rotates sessions through pallet-session.
pub struct SessionRotation;

impl pallet_validator_set::RotateSession for SessionRotation {
	fn rotate_session() {
		Session::rotate_session();
	}
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_validator_set::SessionsEndHere;
	type NextSessionRotation = Sessions;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_validator_set::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddRemoveOrigin = crate::governance::ValidatorAdmin;
	type ValidatorRegistration = Session;
	type SessionValidators = Session;
	type Sessions = SessionRotation;
	type MaxValidators = MaxAuthorities;
	type MinValidators = ConstU32<1>;
	type MinSessionLength = ConstU32<{ session_length::MIN }>;
	type MaxSessionLength = ConstU32<{ session_length::MAX }>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SessionKeysHelper;
}

/// Registers session keys for benchmark accounts the way an operator does: keys generated in
/// the (benchmark) keystore, registered with `session.set_keys` and their ownership proof.
#[cfg(feature = "runtime-benchmarks")]
pub struct SessionKeysHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::BenchmarkHelper<AccountId> for SessionKeysHelper {
	fn register_keys(who: &AccountId) {
		use codec::Encode;
		use frame_support::traits::fungible::Mutate;
		// A distinct secret-URI seed per account: "//" and the account in letters a..p.
		let mut seed = b"//".to_vec();
		for byte in who.encode() {
			seed.extend([b'a' + (byte >> 4), b'a' + (byte & 0x0f)]);
		}
		let generated = SessionKeys::generate(&who.encode(), Some(seed));
		let _ = Balances::mint_into(who, 100 * SessionKeyDeposit::get());
		let _ = Session::set_keys(
			crate::RuntimeOrigin::signed(who.clone()),
			generated.keys,
			generated.proof.encode(),
		);
	}
}
