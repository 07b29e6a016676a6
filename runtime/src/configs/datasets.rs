//! Datasets and data contributions.

use frame_support::traits::{ConstU128, ConstU32};

use super::{dynamic_params, TreasuryAccount};
use crate::{Balances, Runtime, RuntimeEvent, RuntimeHoldReason, DAYS, MILLI_UNIT, UNIT};

impl pallet_datasets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	/// 1 TRIB per dataset plus 10 mTRIB per byte of name, description and license.
	type DatasetDepositBase = ConstU128<UNIT>;
	type DatasetDepositPerByte = ConstU128<{ 10 * MILLI_UNIT }>;
	type MaxNameLength = ConstU32<64>;
	type MaxDescriptionLength = ConstU32<1024>;
	type MaxLicenseLength = ConstU32<32>;
	type MaxUriLength = ConstU32<256>;
	type MaxCurators = ConstU32<16>;
	type MaxPendingPerAccount = ConstU32<64>;
	/// A week for curators to review.
	type ReviewPeriod = ConstU32<{ 7 * DAYS }>;
	type RejectionSlash = dynamic_params::datasets::RejectionSlash;
	type SlashBeneficiary = TreasuryAccount;
	type OpenScore = ConstU32<50>;
	type MaxScore = ConstU32<100>;
	/// A folder of up to 64 files in one submission.
	type MaxFilesPerSubmission = ConstU32<64>;
	/// Rewards settle what a contribution earned before its points change.
	type Observer = crate::Attribution;
	type WeightInfo = pallet_datasets::weights::SubstrateWeight<Runtime>;
}
