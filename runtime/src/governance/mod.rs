//! On-chain governance: the custom origins of referenda and their tracks. The pallets behind them
//! (referenda, conviction voting, preimages, the scheduler, the technical committee, the
//! whitelist) are configured in [`crate::configs::governance`], the treasury the fee split feeds in
//! `configs/treasury.rs`.

pub mod origins;
pub mod tracks;

use frame_support::traits::{AsEnsureOriginWithArg, EitherOf};
use frame_system::EnsureRoot;

use crate::AccountId;

/// Who may add and remove validators and set the session length: root, or a referendum on the
/// validator-admin track.
pub type ValidatorAdmin = EitherOf<EnsureRoot<AccountId>, origins::ValidatorAdmin>;

/// Who may set runtime parameters: root, or a referendum on the economic-parameters track.
pub type ParametersAdmin =
	AsEnsureOriginWithArg<EitherOf<EnsureRoot<AccountId>, origins::EconomicParams>>;
