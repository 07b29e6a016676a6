//! Runtime parameters that governance changes without a runtime upgrade (pallet-parameters).

use frame_support::dynamic_params::{dynamic_pallet_params, dynamic_params};

use crate::{Runtime, RuntimeEvent};

/// The governed parameters, by pallet.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Parameters of the datasets pallet.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod datasets {
		/// Share of a rejected contribution's deposit that goes to the treasury.
		#[codec(index = 0)]
		pub static RejectionSlash: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(20);
	}

	/// The fee split and provider bonds of the attribution pallet. Contributors receive what the
	/// four fractions leave (50 % at genesis).
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod economy {
		/// Fraction of each inference fee to the model's owner.
		#[codec(index = 0)]
		pub static OwnerShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(30);
		/// Fraction to the inference provider.
		#[codec(index = 1)]
		pub static ProviderShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(10);
		/// Fraction to the treasury.
		#[codec(index = 2)]
		pub static TreasuryShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(5);
		/// Fraction to the parent model's owner (to the owner when there is no parent).
		#[codec(index = 3)]
		pub static ParentShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(5);
		/// Smallest bond of an inference provider.
		#[codec(index = 4)]
		pub static MinProviderBond: crate::Balance = 100 * crate::UNIT;
		/// Blocks between unbonding and withdrawing a provider's bond.
		#[codec(index = 5)]
		pub static UnbondingDelay: crate::BlockNumber = crate::DAYS;
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Datasets(dynamic_params::datasets::Parameters::RejectionSlash(
			dynamic_params::datasets::RejectionSlash,
			Some(sp_runtime::Perbill::from_percent(20)),
		))
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	/// Root, or a referendum on the economic-parameters track.
	type AdminOrigin = crate::governance::ParametersAdmin;
	type WeightInfo = ();
}
