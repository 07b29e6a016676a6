//! Fungible assets (stablecoins and other tokens models may be priced in).

use frame_support::traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, Contains};
use frame_system::{EnsureRoot, EnsureSigned};

use crate::{
	AccountId, AssetId, Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, MILLI_UNIT, UNIT,
};

/// The most an asset's supply may be minted to: half the largest balance.
///
/// pallet-assets 54 credits a `fungibles` transfer (its `transfer_all`, and the attribution
/// pallet's fees and claims) only while the asset's supply plus the amount does not overflow,
/// though the amount moves between accounts and the supply does not change; a failed credit
/// is dropped after the debit, so the amount leaves every account (found by the runtime fuzzer,
/// seed 0x066419c700040000). A supply of at most `Balance::MAX / 2` leaves room for any amount
/// an account can hold.
pub const MAX_ASSET_SUPPLY: Balance = Balance::MAX / 2;

/// The calls every origin but root may make: all but a mint that would take an asset's supply
/// above [`MAX_ASSET_SUPPLY`]. (`assets.mint` is the only call that raises a supply, and it
/// needs a signed origin, which the filter always applies to.)
pub struct BoundedAssetSupply;

impl Contains<RuntimeCall> for BoundedAssetSupply {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Assets(pallet_assets::Call::mint { id, amount, .. }) => {
				pallet_assets::Asset::<Runtime>::get(id.0).is_none_or(|asset| {
					asset.supply.checked_add(*amount).is_some_and(|s| s <= MAX_ASSET_SUPPLY)
				})
			},
			_ => true,
		}
	}
}

impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<{ 10 * UNIT }>;
	type AssetAccountDeposit = ConstU128<{ 10 * MILLI_UNIT }>;
	type MetadataDepositBase = ConstU128<{ UNIT }>;
	type MetadataDepositPerByte = ConstU128<{ 10 * MILLI_UNIT }>;
	type ApprovalDeposit = ConstU128<{ 10 * MILLI_UNIT }>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
