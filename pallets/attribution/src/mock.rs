//! A test runtime with the real datasets pallet and assets: System, Balances, Assets, Datasets,
//! Attribution. `ExtBuilder::build_and_execute` checks both pallets' invariants after each test.

use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use pallet_datasets::{ContributionPolicy, DataKind, ReviewMode};
use sp_runtime::{BuildStorage, Perbill};

use crate::{self as pallet_attribution, AssetKind, Balance, ContributionId, DatasetId};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Datasets: pallet_datasets,
		Attribution: pallet_attribution,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = Balance;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
	type Holder = ();
}

pub const ALICE: AccountId = 1; // dataset owner and curator
pub const BOB: AccountId = 2; // contributor
pub const CHARLIE: AccountId = 3; // contributor
pub const MODEL_OWNER: AccountId = 4;
pub const PROVIDER: AccountId = 5;
pub const CONSUMER: AccountId = 6;
pub const PARENT_OWNER: AccountId = 7;
pub const STRANGER: AccountId = 8;
pub const POOR: AccountId = 9;
pub const TREASURY: AccountId = 99;
pub const ED: Balance = 10;
pub const ENDOWMENT: Balance = 1_000_000_000;
pub const BOND: Balance = 1_000;
pub const MODEL_DEPOSIT: Balance = 500;
pub const UNBONDING: u64 = 5;
/// The stablecoin of the tests: asset 7, minimum balance 5.
pub const USD: AssetKind = NativeOrWithId::WithId(7);
pub const NATIVE: AssetKind = NativeOrWithId::Native;

parameter_types! {
	pub const AttributionPalletId: PalletId = PalletId(*b"tb/attri");
	pub const Treasury: AccountId = TREASURY;
	pub static OwnerShare: Perbill = Perbill::from_percent(30);
	pub static ProviderShare: Perbill = Perbill::from_percent(10);
	pub static TreasuryShare: Perbill = Perbill::from_percent(5);
	pub static ParentShare: Perbill = Perbill::from_percent(5);
	pub static MinBond: Balance = BOND;
	pub static RejectionSlash: Perbill = Perbill::from_percent(20);
}

impl pallet_datasets::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type DatasetDepositBase = ConstU128<100>;
	type DatasetDepositPerByte = ConstU128<1>;
	type MaxNameLength = ConstU32<32>;
	type MaxDescriptionLength = ConstU32<64>;
	type MaxLicenseLength = ConstU32<16>;
	type MaxUriLength = ConstU32<64>;
	type MaxCurators = ConstU32<4>;
	type MaxPendingPerAccount = ConstU32<1_000>;
	type ReviewPeriod = ConstU64<10>;
	type RejectionSlash = RejectionSlash;
	type SlashBeneficiary = Treasury;
	type OpenScore = ConstU32<10>;
	type MaxScore = ConstU32<100>;
	type MaxFilesPerSubmission = ConstU32<8>;
	type Observer = Attribution;
	type WeightInfo = ();
}

pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

impl pallet_attribution::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type NativeCurrency = Balances;
	type Assets = NativeAndAssets;
	type Datasets = Datasets;
	type PalletId = AttributionPalletId;
	type TreasuryAccount = Treasury;
	type OwnerShare = OwnerShare;
	type ProviderShare = ProviderShare;
	type TreasuryShare = TreasuryShare;
	type ParentShare = ParentShare;
	type MinProviderBond = MinBond;
	type UnbondingDelay = ConstU64<UNBONDING>;
	type ModelDeposit = ConstU128<MODEL_DEPOSIT>;
	type MaxMetadataLength = ConstU32<64>;
	type MaxDatasetsPerModel = ConstU32<4>;
	type MaxProvidersPerModel = ConstU32<2>;
	type MaxAttributionEntries = ConstU32<8>;
	type MaxBatchSize = ConstU32<4>;
	type MaxCurrenciesPerDataset = ConstU32<2>;
	type MaxSettlePerClaim = ConstU32<16>;
	type ReceiptRetention = ConstU64<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchHelper {
	fn dataset_with_contributions(
		n: u32,
	) -> (DatasetId, crate::DatasetVersion, Vec<ContributionId>) {
		let d = open_dataset();
		let ids = (0..n).map(|i| contribute(1_000 + i as u64, d, i)).collect();
		(d, pallet_datasets::Datasets::<Test>::get(d).unwrap().version, ids)
	}
	fn asset(who: &AccountId) -> AssetKind {
		use frame_support::traits::fungibles::Mutate;
		let _ = Assets::force_create(RuntimeOrigin::root(), 70u32.into(), ALICE, true, 1);
		let _ = <Assets as Mutate<AccountId>>::mint_into(70, who, 1_000_000_000_000);
		NativeOrWithId::WithId(70)
	}
}

/// The balance of `who` in `currency`.
pub fn balance(currency: AssetKind, who: AccountId) -> Balance {
	use frame_support::traits::fungibles::Inspect;
	<NativeAndAssets as Inspect<AccountId>>::balance(currency, &who)
}

/// Alice creates an open dataset (contributions accepted with 10 points).
pub fn open_dataset() -> DatasetId {
	pallet_datasets::Pallet::<Test>::do_create_dataset(
		ALICE,
		b"open".to_vec(),
		vec![],
		DataKind::Text,
		vec![],
		ContributionPolicy { mode: ReviewMode::Open, deposit: 0, max_content_size: 1_000_000 },
	)
	.unwrap()
}

/// Alice creates a curated dataset.
pub fn curated_dataset() -> DatasetId {
	pallet_datasets::Pallet::<Test>::do_create_dataset(
		ALICE,
		b"curated".to_vec(),
		vec![],
		DataKind::Text,
		vec![],
		ContributionPolicy { mode: ReviewMode::Curated, deposit: 20, max_content_size: 1_000_000 },
	)
	.unwrap()
}

/// `who` submits content `n` to `dataset`.
pub fn contribute(who: AccountId, dataset: DatasetId, n: u32) -> ContributionId {
	if pallet_balances::Pallet::<Test>::free_balance(who) < ED * 10 {
		let _ = pallet_balances::Pallet::<Test>::force_set_balance(
			RuntimeOrigin::root(),
			who,
			ENDOWMENT,
		);
	}
	let hash = sp_io::hashing::blake2_256(&n.to_le_bytes());
	let file =
		pallet_datasets::ContributionFile { content_hash: hash, size_bytes: 10, uri: vec![] };
	pallet_datasets::Pallet::<Test>::do_submit(who, dataset, [file]).unwrap().ids[0]
}

pub fn events() -> Vec<pallet_attribution::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Attribution(e) => Some(e),
			_ => None,
		})
		.collect()
}

#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [
				ALICE,
				BOB,
				CHARLIE,
				MODEL_OWNER,
				PROVIDER,
				CONSUMER,
				PARENT_OWNER,
				STRANGER,
			]
			.into_iter()
			.map(|a| (a, ENDOWMENT))
			.chain([(POOR, ED), (TREASURY, ED)])
			.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut t)
		.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			assets: vec![(7, ALICE, true, 5)],
			metadata: vec![],
			accounts: vec![(7, CONSUMER, ENDOWMENT), (7, STRANGER, ENDOWMENT)],
			..Default::default()
		}
		.assimilate_storage(&mut t)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(t);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			pallet_datasets::Pallet::<Test>::do_try_state().expect("datasets invariants hold");
			Attribution::do_try_state().expect("attribution invariants hold");
		})
	}
}
