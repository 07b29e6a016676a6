//! The referendum tracks: root, the fast track for calls the technical committee whitelisted,
//! economic parameters, the validator set and treasury spends. Periods are realistic unless the
//! genesis chose development periods (`origins::DevelopmentPeriods`), where a referendum passes in
//! about a minute.

use alloc::{borrow::Cow, vec::Vec};
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::Perbill;

use super::origins;
use crate::{Balance, BlockNumber, OriginCaller, Runtime, DAYS, HOURS, MINUTES, UNIT};

/// Track ids.
pub mod ids {
	/// Anything, as root.
	pub const ROOT: u16 = 0;
	/// A call the technical committee whitelisted.
	pub const WHITELISTED_CALLER: u16 = 1;
	/// Economic parameters (pallet-parameters).
	pub const ECONOMIC_PARAMS: u16 = 2;
	/// The validator set.
	pub const VALIDATOR_ADMIN: u16 = 3;
	/// Treasury spends.
	pub const TREASURER: u16 = 4;
}

// Evaluated at compile time (every call is in a `const`): an index out of bounds fails the build.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn name(s: &str) -> [u8; 25] {
	let mut out = [0u8; 25];
	let b = s.as_bytes();
	let mut i = 0;
	while i < b.len() && i < 25 {
		out[i] = b[i];
		i += 1;
	}
	out
}

const fn pct(x: u32) -> Perbill {
	Perbill::from_percent(x)
}

/// Approval falls linearly from `ceil` to `floor` over the decision period.
const fn linear(floor: u32, ceil: u32) -> Curve {
	Curve::LinearDecreasing { length: pct(100), floor: pct(floor), ceil: pct(ceil) }
}

struct Periods {
	prepare: BlockNumber,
	decision: BlockNumber,
	confirm: BlockNumber,
	enactment: BlockNumber,
}

fn track(
	id: u16,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	p: Periods,
	min_approval: Curve,
	min_support: Curve,
) -> Track<u16, Balance, BlockNumber> {
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period: p.prepare,
			decision_period: p.decision,
			confirm_period: p.confirm,
			min_enactment_period: p.enactment,
			min_approval,
			min_support,
		},
	}
}

/// The tracks, with development or realistic periods.
pub fn all(development: bool) -> Vec<Track<u16, Balance, BlockNumber>> {
	// Development: submitted → deciding after 1 block, decided within 10, confirmed in 2,
	// enacted 1 block later. Support: 1 % of issuance.
	let periods = |prepare, decision, confirm, enactment| {
		if development {
			Periods { prepare: 1, decision: 10, confirm: 2, enactment: 1 }
		} else {
			Periods { prepare, decision, confirm, enactment }
		}
	};
	let support = |floor, ceil| if development { linear(1, 1) } else { linear(floor, ceil) };
	use ids::*;
	alloc::vec![
		track(
			ROOT,
			"root",
			1,
			1_000 * UNIT,
			periods(2 * HOURS, 14 * DAYS, DAYS, DAYS),
			linear(50, 100),
			support(5, 50)
		),
		track(
			WHITELISTED_CALLER,
			"whitelisted_caller",
			10,
			100 * UNIT,
			periods(10 * MINUTES, 14 * DAYS, 10 * MINUTES, 10 * MINUTES),
			linear(50, 100),
			support(1, 5)
		),
		track(
			ECONOMIC_PARAMS,
			"economic_params",
			5,
			100 * UNIT,
			periods(HOURS, 7 * DAYS, 6 * HOURS, HOURS),
			linear(50, 100),
			support(2, 20)
		),
		track(
			VALIDATOR_ADMIN,
			"validator_admin",
			2,
			200 * UNIT,
			periods(HOURS, 7 * DAYS, DAYS, HOURS),
			linear(60, 100),
			support(5, 30)
		),
		track(
			TREASURER,
			"treasurer",
			10,
			50 * UNIT,
			periods(HOURS, 7 * DAYS, 12 * HOURS, DAYS),
			linear(50, 100),
			support(2, 20)
		),
	]
}

/// The tracks of this runtime.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin =
		<crate::RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		all(origins::DevelopmentPeriods::<Runtime>::get()).into_iter().map(Cow::Owned)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ids::ROOT),
			OriginCaller::Origins(o) => Ok(match o {
				origins::Origin::WhitelistedCaller => ids::WHITELISTED_CALLER,
				origins::Origin::EconomicParams => ids::ECONOMIC_PARAMS,
				origins::Origin::ValidatorAdmin => ids::VALIDATOR_ADMIN,
				origins::Origin::Treasurer => ids::TREASURER,
			}),
			_ => Err(()),
		}
	}
}
