//! A test runtime: System, Balances and Datasets; `ExtBuilder::build_and_execute` runs a test
//! and then checks `do_try_state`.

use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use sp_runtime::{BuildStorage, DispatchError, Perbill};
use tributary_primitives::{ContributionId, ContributionObserver, DatasetId, Points};

use crate::{self as pallet_datasets, ContributionPolicy, DataKind, ReviewMode};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Datasets: pallet_datasets,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// Holds nothing but the existential deposit.
pub const POOR: AccountId = 5;
pub const TREASURY: AccountId = 99;
pub const ENDOWMENT: Balance = 1_000_000;

pub const DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 2;
pub const REVIEW_PERIOD: u64 = 10;
pub const OPEN_SCORE: Points = 10;
pub const MAX_SCORE: Points = 100;

parameter_types! {
	pub static RejectionSlash: Perbill = Perbill::from_percent(20);
	pub const Treasury: AccountId = TREASURY;
}

thread_local! {
	/// What the observer was told: (accepted?, dataset, contribution, points).
	pub static OBSERVED: RefCell<Vec<(bool, DatasetId, ContributionId, Points)>> =
		const { RefCell::new(Vec::new()) };
}

/// Records every notification, as the rewards pallet would receive it.
pub struct RecordingObserver;
impl ContributionObserver<AccountId> for RecordingObserver {
	fn on_accepted(
		dataset: DatasetId,
		contribution: ContributionId,
		_: &AccountId,
		points: Points,
	) -> Result<Weight, DispatchError> {
		OBSERVED.with(|o| o.borrow_mut().push((true, dataset, contribution, points)));
		Ok(Weight::zero())
	}
	fn on_withdrawn(
		dataset: DatasetId,
		contribution: ContributionId,
		_: &AccountId,
		points: Points,
	) -> Result<Weight, DispatchError> {
		OBSERVED.with(|o| o.borrow_mut().push((false, dataset, contribution, points)));
		Ok(Weight::zero())
	}
	fn max_extra_weight() -> Weight {
		Weight::zero()
	}
}

pub fn observed() -> Vec<(bool, DatasetId, ContributionId, Points)> {
	OBSERVED.with(|o| o.borrow().clone())
}

impl pallet_datasets::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type DatasetDepositBase = ConstU64<DEPOSIT_BASE>;
	type DatasetDepositPerByte = ConstU64<DEPOSIT_PER_BYTE>;
	type MaxNameLength = ConstU32<32>;
	type MaxDescriptionLength = ConstU32<128>;
	type MaxLicenseLength = ConstU32<16>;
	type MaxUriLength = ConstU32<64>;
	type MaxCurators = ConstU32<2>;
	type MaxPendingPerAccount = ConstU32<3>;
	type ReviewPeriod = ConstU64<REVIEW_PERIOD>;
	type RejectionSlash = RejectionSlash;
	type SlashBeneficiary = Treasury;
	type OpenScore = ConstU32<OPEN_SCORE>;
	type MaxScore = ConstU32<MAX_SCORE>;
	type MaxFilesPerSubmission = ConstU32<8>;
	type Observer = RecordingObserver;
	type WeightInfo = ();
}

/// A curated policy: deposit 50, content up to 1,000 bytes.
pub fn curated() -> ContributionPolicy<Balance> {
	ContributionPolicy { mode: ReviewMode::Curated, deposit: 50, max_content_size: 1_000 }
}

/// An open policy: deposit 30, content up to 1,000 bytes.
pub fn open() -> ContributionPolicy<Balance> {
	ContributionPolicy { mode: ReviewMode::Open, deposit: 30, max_content_size: 1_000 }
}

/// Content hash number `n`.
pub fn hash(n: u8) -> [u8; 32] {
	sp_io::hashing::blake2_256(&[n])
}

pub fn events() -> Vec<pallet_datasets::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Datasets(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[derive(Default)]
pub struct ExtBuilder {
	genesis: Vec<pallet_datasets::GenesisDataset<AccountId, Balance>>,
}

impl ExtBuilder {
	pub fn with_genesis_dataset(mut self, owner: AccountId, name: &str, mode: ReviewMode) -> Self {
		let policy = if mode == ReviewMode::Open { open() } else { curated() };
		self.genesis.push(pallet_datasets::GenesisDataset {
			owner,
			name: name.into(),
			description: "seeded".into(),
			kind: DataKind::Text,
			license: "CC0".into(),
			policy,
		});
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: vec![
				(ALICE, ENDOWMENT),
				(BOB, ENDOWMENT),
				(CHARLIE, ENDOWMENT),
				(DAVE, ENDOWMENT),
				(POOR, 1),
				(TREASURY, 1),
			],
			..Default::default()
		}
		.assimilate_storage(&mut t)
		.unwrap();
		pallet_datasets::GenesisConfig::<Test> { datasets: self.genesis }
			.assimilate_storage(&mut t)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(t);
		ext.execute_with(|| {
			System::set_block_number(1);
			OBSERVED.with(|o| o.borrow_mut().clear());
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Datasets::do_try_state().expect("invariants hold after the test");
		})
	}
}
