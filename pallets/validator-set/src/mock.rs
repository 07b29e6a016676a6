//! A test runtime: System and the validator set, with `pallet-session` stood in for by
//! thread-locals (who registered keys, the genesis validators); `ExtBuilder::build_and_execute`
//! runs a test and then checks `do_try_state`.

use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, ValidatorRegistration, ValidatorSet as SessionValidatorSet},
};
use frame_system::EnsureRoot;
use sp_runtime::{traits::ConvertInto, BuildStorage};

use crate as pallet_validator_set;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validator_set,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Has not registered session keys.
pub const NO_KEYS: AccountId = 9;
pub const MAX_VALIDATORS: u32 = 4;
pub const MIN_VALIDATORS: u32 = 2;

thread_local! {
	/// Accounts with registered session keys.
	pub static REGISTERED: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	/// The session's validators at genesis.
	pub static SESSION_VALIDATORS: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	/// Blocks at which the session rotated.
	pub static ROTATIONS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Stands in for `pallet-session`'s rotation: records the block.
pub struct Rotation;
impl crate::RotateSession for Rotation {
	fn rotate_session() {
		ROTATIONS.with(|r| r.borrow_mut().push(System::block_number()));
	}
}

pub fn rotations() -> Vec<u64> {
	ROTATIONS.with(|r| r.borrow().clone())
}

/// Stands in for `pallet-session`'s `ValidatorRegistration`.
pub struct Registration;
impl ValidatorRegistration<AccountId> for Registration {
	fn is_registered(id: &AccountId) -> bool {
		REGISTERED.with(|r| r.borrow().contains(id))
	}
}

/// Stands in for `pallet-session`'s `ValidatorSet`.
pub struct Session;
impl SessionValidatorSet<AccountId> for Session {
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	fn session_index() -> u32 {
		0
	}
	fn validators() -> Vec<AccountId> {
		SESSION_VALIDATORS.with(|v| v.borrow().clone())
	}
}

parameter_types! {
	pub const MinValidators: u32 = MIN_VALIDATORS;
}

impl pallet_validator_set::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type AddRemoveOrigin = EnsureRoot<AccountId>;
	type ValidatorRegistration = Registration;
	type SessionValidators = Session;
	type Sessions = Rotation;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = MinValidators;
	type MinSessionLength = ConstU64<2>;
	type MaxSessionLength = ConstU64<1000>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Registration;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for Registration {
	fn register_keys(who: &AccountId) {
		REGISTERED.with(|r| r.borrow_mut().push(*who));
	}
}

/// Builds the test externalities: genesis validators (from the "session"), keys, length.
pub struct ExtBuilder {
	validators: Vec<AccountId>,
	registered: Vec<AccountId>,
	session_length: u64,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			validators: vec![BOB, ALICE],
			registered: vec![ALICE, BOB, CHARLIE, DAVE, 5, 6],
			session_length: 10,
		}
	}
}

impl ExtBuilder {
	pub fn validators(mut self, v: Vec<AccountId>) -> Self {
		self.validators = v;
		self
	}

	pub fn session_length(mut self, blocks: u64) -> Self {
		self.session_length = blocks;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		REGISTERED.with(|r| *r.borrow_mut() = self.registered.clone());
		SESSION_VALIDATORS.with(|v| *v.borrow_mut() = self.validators.clone());
		ROTATIONS.with(|r| r.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_validator_set::GenesisConfig::<Test> { session_length: self.session_length }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			ValidatorSet::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// The pallet's events so far.
pub fn events() -> Vec<pallet_validator_set::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}
