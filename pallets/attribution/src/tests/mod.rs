//! Unit tests, by topic; each runs through `ExtBuilder::build_and_execute`, which checks both
//! pallets' invariants (including conservation of funds) afterwards.

mod batches;
mod flatness;
mod models;
mod properties;
mod reports;
mod rewards;

use frame_support::{assert_ok, BoundedVec};
use sp_runtime::Perbill;

use crate::{mock::*, AssetKind, Balance, ContributionId, DatasetId, InferenceReportOf, ModelId};

/// A world: an open dataset with Bob's and Charlie's contributions (10 points each), a model of
/// `MODEL_OWNER` trained on its current version, priced `price` in `currency`, a bonded provider
/// authorised for it, and an allowance of 1,000,000 from the consumer.
pub struct World {
	pub dataset: DatasetId,
	pub bob: ContributionId,
	pub charlie: ContributionId,
	pub model: ModelId,
}

pub fn world(price: Balance, currency: AssetKind) -> World {
	let dataset = open_dataset();
	let bob = contribute(BOB, dataset, 1);
	let charlie = contribute(CHARLIE, dataset, 2);
	let model = register(vec![(dataset, 2)], None, price, currency);
	assert_ok!(Attribution::register_provider(RuntimeOrigin::signed(PROVIDER), BOND));
	assert_ok!(Attribution::authorize_provider(
		RuntimeOrigin::signed(MODEL_OWNER),
		model,
		PROVIDER
	));
	assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, model, 1_000_000));
	World { dataset, bob, charlie, model }
}

pub fn register(
	trained_on: Vec<(DatasetId, u32)>,
	parent: Option<ModelId>,
	price: Balance,
	currency: AssetKind,
) -> ModelId {
	assert_ok!(Attribution::register_model(
		RuntimeOrigin::signed(MODEL_OWNER),
		b"model".to_vec(),
		BoundedVec::truncate_from(trained_on),
		parent,
		price,
		currency,
	));
	crate::NextModelId::<Test>::get() - 1
}

pub fn report(
	request_id: u64,
	model: ModelId,
	units: u32,
	attribution: Vec<(ContributionId, Perbill)>,
) -> InferenceReportOf<Test> {
	crate::InferenceReport {
		request_id,
		model,
		consumer: CONSUMER,
		units,
		output_hash: [9; 32],
		attribution: BoundedVec::truncate_from(attribution),
	}
}

/// Mints `USD` to `STRANGER` until the asset's supply is the largest balance: pallet-assets then
/// drops the credit of any transfer (its supply would overflow), though it debits the source.
pub fn fill_usd_supply() {
	use frame_support::traits::fungibles::{Inspect, Mutate};
	let crate::AssetKind::WithId(id) = USD else { unreachable!("USD is an asset") };
	let room = Balance::MAX - <Assets as Inspect<AccountId>>::total_issuance(id);
	assert_ok!(<Assets as Mutate<AccountId>>::mint_into(id, &STRANGER, room));
}

/// What `who` is owed (credited, unclaimed) in `currency`.
pub fn owed(who: AccountId, currency: AssetKind) -> Balance {
	crate::Rewards::<Test>::get(who, currency).owed()
}
