//! The inference economy: models, providers, allowances, receipts, the fee split and claims.

use frame_support::{
	parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		ConstU128, ConstU32, ConstU64,
	},
	PalletId,
};

use super::{dynamic_params::economy, TreasuryAccount};
use crate::{AccountId, AssetId, Assets, Balances, Runtime, RuntimeEvent, RuntimeHoldReason, UNIT};

/// The native token and every asset, as one `fungibles` implementation.
pub type NativeAndAssets =
	UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<AssetId>, AccountId>;

parameter_types! {
	/// The pot holding fees until they are claimed.
	pub const AttributionPalletId: PalletId = PalletId(*b"tb/attri");
}

impl pallet_attribution::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type NativeCurrency = Balances;
	type Assets = NativeAndAssets;
	type Datasets = crate::Datasets;
	type PalletId = AttributionPalletId;
	type TreasuryAccount = TreasuryAccount;
	type OwnerShare = economy::OwnerShare;
	type ProviderShare = economy::ProviderShare;
	type TreasuryShare = economy::TreasuryShare;
	type ParentShare = economy::ParentShare;
	type MinProviderBond = economy::MinProviderBond;
	type UnbondingDelay = economy::UnbondingDelay;
	/// 1 TRIB while a model is active.
	type ModelDeposit = ConstU128<UNIT>;
	type MaxMetadataLength = ConstU32<256>;
	type MaxDatasetsPerModel = ConstU32<16>;
	type MaxProvidersPerModel = ConstU32<16>;
	type MaxAttributionEntries = ConstU32<32>;
	type MaxBatchSize = ConstU32<32>;
	type MaxCurrenciesPerDataset = ConstU32<8>;
	type MaxSettlePerClaim = ConstU32<64>;
	/// The last 100,000 receipts (and their request ids' replay protection) are kept.
	type ReceiptRetention = ConstU64<100_000>;
	type WeightInfo = pallet_attribution::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helper::Helper;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helper {
	use alloc::vec::Vec;
	use frame_support::traits::{fungible::Mutate as _, fungibles::Mutate as _};
	use pallet_attribution::{AssetKind, ContributionId, DatasetId, DatasetVersion};
	use pallet_datasets::{ContributionPolicy, DataKind, ReviewMode};

	use crate::{AccountId, Assets, Balances, Runtime, RuntimeOrigin, UNIT};

	/// Sets up datasets and assets through the real pallets.
	pub struct Helper;

	fn funded(seed: u32) -> AccountId {
		let who: AccountId = frame_benchmarking::account("bench", seed, 0);
		let _ = Balances::set_balance(&who, 1_000_000 * UNIT);
		who
	}

	impl pallet_attribution::BenchmarkHelper<AccountId> for Helper {
		fn dataset_with_contributions(n: u32) -> (DatasetId, DatasetVersion, Vec<ContributionId>) {
			let owner = funded(u32::MAX);
			let dataset = pallet_datasets::Pallet::<Runtime>::do_create_dataset(
				owner,
				b"bench".to_vec(),
				Vec::new(),
				DataKind::Text,
				Vec::new(),
				ContributionPolicy {
					mode: ReviewMode::Open,
					deposit: 0,
					max_content_size: u64::MAX,
				},
			)
			.expect("funded owner; qed");
			let ids = (0..n)
				.map(|i| {
					let file = pallet_datasets::ContributionFile {
						content_hash: sp_io_hash(dataset, i),
						size_bytes: 1,
						uri: Vec::new(),
					};
					pallet_datasets::Pallet::<Runtime>::do_submit(funded(i), dataset, [file])
						.map(|done| done.ids[0])
						.expect("fresh hash in an open dataset; qed")
				})
				.collect();
			let version = pallet_datasets::Datasets::<Runtime>::get(dataset)
				.map(|d| d.version)
				.unwrap_or_default();
			(dataset, version, ids)
		}

		fn asset(who: &AccountId) -> AssetKind {
			let id = 1_000u32;
			if !pallet_assets::Asset::<Runtime>::contains_key(id) {
				let _ = Assets::force_create(
					RuntimeOrigin::root(),
					id.into(),
					who.clone().into(),
					true,
					1,
				);
			}
			let _ = Assets::mint_into(id, who, 1_000_000_000 * UNIT);
			AssetKind::WithId(id)
		}
	}

	fn sp_io_hash(dataset: DatasetId, i: u32) -> [u8; 32] {
		let mut b = [0u8; 8];
		b[..4].copy_from_slice(&dataset.to_le_bytes());
		b[4..].copy_from_slice(&i.to_le_bytes());
		<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&b).0
	}
}
