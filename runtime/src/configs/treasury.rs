//! The treasury: fed by the treasury share of every inference fee and by slashed deposits, spent by
//! referendum (root without limit, the treasurer track up to `MaxTreasurerSpend`).

use frame_support::{
	parameter_types,
	traits::{
		tokens::{PayFromAccount, UnityAssetBalanceConversion},
		ConstU32, Contains, EitherOf, Get, MapSuccess,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use sp_runtime::{
	traits::{AccountIdConversion, IdentityLookup, Replace},
	Permill,
};

use crate::{AccountId, Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, System, DAYS, UNIT};

parameter_types! {
	/// The treasury's pot.
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// Its account, which the attribution and datasets pallets pay into.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
}

parameter_types! {
	pub const Burn: Permill = Permill::zero();
	/// The most one treasury-track referendum may spend.
	pub const MaxTreasurerSpend: Balance = 100_000 * UNIT;
	pub const MaxBalance: Balance = Balance::MAX;
}

/// Blocks a spend stays payable once valid.
pub type PayoutPeriod = ConstU32<{ 30 * DAYS }>;

/// The calls every origin but root may make: all but a treasury spend that could never get its
/// payout period.
///
/// `treasury.spend` stores `expire_at = valid_from + PayoutPeriod`, saturating: near the largest
/// block number the period is cut short, and a spend valid from `u32::MAX` expires as it becomes
/// valid, which pallet-treasury's own `try_state` rejects (found by the runtime fuzzer,
/// docs/reliability.md). A spend whose period does not fit is refused here, from the treasurer
/// track and every origin the filter applies to (root is never filtered).
pub struct PayableSpends;

impl Contains<RuntimeCall> for PayableSpends {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Treasury(pallet_treasury::Call::spend {
				valid_from: Some(from), ..
			}) => from.checked_add(PayoutPeriod::get()).is_some(),
			_ => true,
		}
	}
}

/// Root spends anything; the treasurer track up to `MaxTreasurerSpend`.
pub type TreasurySpender = EitherOf<
	EnsureRootWithSuccess<AccountId, MaxBalance>,
	MapSuccess<crate::governance::origins::Treasurer, Replace<MaxTreasurerSpend>>,
>;

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = EnsureRoot<AccountId>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = ConstU32<{ 6 * DAYS }>;
	type Burn = Burn;
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<100>;
	type SpendOrigin = TreasurySpender;
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = System;
}
