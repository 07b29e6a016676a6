//! Runtime tests: the genesis presets build and hold what they claim; the pallets' integrity
//! checks pass (construct_runtime also generates `runtime_integrity_tests`).

use frame_support::traits::{IntegrityTest, TypedGet};
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

use crate::{
	genesis_config_presets::{get_preset, preset_names, preset_storage, DEV_ENDOWMENT},
	AllPalletsWithSystem, Balances, Grandpa, System, EXISTENTIAL_DEPOSIT,
};

/// Builds the state of preset `name` and runs `check` in it.
fn with_preset(name: &str, check: impl FnOnce()) {
	let storage = preset_storage(name).expect("the preset builds");
	sp_io::TestExternalities::new(storage).execute_with(check);
}

#[test]
fn presets_are_listed_and_unknown_ones_are_refused() {
	let names: Vec<String> = preset_names().into_iter().collect();
	assert_eq!(names, vec![DEV_RUNTIME_PRESET.to_string(), LOCAL_TESTNET_RUNTIME_PRESET.into()]);
	assert!(get_preset(&PresetId::from("mainnet")).is_none());
}

#[test]
fn development_preset_has_alice_as_authority_and_sudo_and_funds_dev_accounts() {
	with_preset(DEV_RUNTIME_PRESET, || {
		let alice = Sr25519Keyring::Alice;
		assert_eq!(
			pallet_aura::Authorities::<crate::Runtime>::get().into_inner(),
			vec![alice.public().into()]
		);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<crate::Runtime>::get(), Some(alice.to_account_id()));
		for k in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Ferdie] {
			let total = <Balances as frame_support::traits::fungible::Inspect<_>>::total_balance(
				&k.to_account_id(),
			);
			assert_eq!(total, DEV_ENDOWMENT, "{k:?}");
		}
		let endowed = crate::genesis_config_presets::endowed_accounts().len() as u128;
		assert_eq!(Balances::total_issuance(), endowed * DEV_ENDOWMENT + EXISTENTIAL_DEPOSIT);
		assert_eq!(
			Balances::free_balance(crate::configs::TreasuryAccount::get()),
			EXISTENTIAL_DEPOSIT
		);
		// One open and one curated dataset, owned by Alice, who holds their deposits.
		use pallet_datasets::ReviewMode;
		let d0 = pallet_datasets::Datasets::<crate::Runtime>::get(0).expect("dataset 0 seeded");
		let d1 = pallet_datasets::Datasets::<crate::Runtime>::get(1).expect("dataset 1 seeded");
		assert_eq!((d0.policy.mode, d1.policy.mode), (ReviewMode::Open, ReviewMode::Curated));
		assert_eq!(d0.owner, alice.to_account_id());
		assert_eq!(Balances::reserved_balance(alice.to_account_id()), d0.deposit + d1.deposit);
		pallet_datasets::Pallet::<crate::Runtime>::do_try_state().expect("datasets invariants");
		assert!(crate::governance::origins::DevelopmentPeriods::<crate::Runtime>::get());
		assert_eq!(System::block_number(), 0);
		// Alice is the validator set, from her session keys; sessions last a minute.
		assert_eq!(crate::ValidatorSet::validators(), vec![alice.to_account_id()]);
		assert_eq!(
			pallet_session::Validators::<crate::Runtime>::get(),
			vec![alice.to_account_id()]
		);
		assert_eq!(pallet_validator_set::SessionLength::<crate::Runtime>::get(), crate::MINUTES);
		pallet_validator_set::Pallet::<crate::Runtime>::do_try_state()
			.expect("validator-set invariants");
	});
}

#[test]
fn local_testnet_preset_has_alice_and_bob_as_authorities() {
	with_preset(LOCAL_TESTNET_RUNTIME_PRESET, || {
		let expected: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			vec![Sr25519Keyring::Alice.public().into(), Sr25519Keyring::Bob.public().into()];
		assert_eq!(pallet_aura::Authorities::<crate::Runtime>::get().into_inner(), expected);
		let grandpa = Grandpa::grandpa_authorities();
		assert_eq!(grandpa.len(), 2);
		assert_ne!(grandpa[0].0, grandpa[1].0, "distinct GRANDPA keys");
		assert!(
			pallet_datasets::Datasets::<crate::Runtime>::get(0).is_none(),
			"no seeded datasets"
		);
		assert!(pallet_sudo::Key::<crate::Runtime>::get().is_none(), "no sudo outside development");
		assert!(!crate::governance::origins::DevelopmentPeriods::<crate::Runtime>::get());
		assert_eq!(
			pallet_collective::Members::<crate::Runtime, pallet_collective::Instance1>::get().len(),
			3
		);
		let mut validators =
			vec![Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id()];
		validators.sort();
		assert_eq!(crate::ValidatorSet::validators(), validators);
		assert_eq!(pallet_validator_set::SessionLength::<crate::Runtime>::get(), crate::HOURS);
	});
}

/// An operator's path in the runtime: keys generated with an owner (as
/// `author_rotateKeysWithOwner` does), `session.set_keys` with the proof, governance adds the
/// account; keys with another account's proof are refused, and so is removing the last validator.
#[test]
fn session_keys_need_their_ownership_proof_and_the_set_keeps_a_validator() {
	use crate::{RuntimeOrigin, Session, SessionKeys, ValidatorSet};
	use codec::Encode;
	use frame_support::{assert_noop, assert_ok};
	use sp_keystore::{testing::MemoryKeystore, KeystoreExt};

	let mut ext = sp_io::TestExternalities::new(
		preset_storage(DEV_RUNTIME_PRESET).expect("the development preset builds"),
	);
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| {
		System::set_block_number(1);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let generated = SessionKeys::generate(&bob.encode(), None);

		// Bob's keys and proof, submitted by Charlie: the proof signs Bob, not Charlie.
		assert_noop!(
			Session::set_keys(
				RuntimeOrigin::signed(charlie.clone()),
				generated.keys.clone(),
				generated.proof.encode()
			),
			pallet_session::Error::<crate::Runtime>::InvalidProof
		);
		// No session keys yet: governance cannot add Bob.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), bob.clone()),
			pallet_validator_set::Error::<crate::Runtime>::NoSessionKeys
		);
		assert_ok!(Session::set_keys(
			RuntimeOrigin::signed(bob.clone()),
			generated.keys.clone(),
			generated.proof.encode()
		));
		// Only root or the validator-admin track adds validators.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(bob.clone()), bob.clone()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), bob.clone()));
		// The set reaches the session at the next boundary, where the validator set's hook
		// rotates the session (pallet-session's own hook never does): queued with Bob's keys,
		// for the weight of a rotation, far from the whole block pallet-session would charge.
		use frame_support::{traits::OnInitialize, weights::Weight};
		assert!(
			pallet_session::Pallet::<crate::Runtime>::on_initialize(crate::MINUTES)
				== Weight::zero()
		);
		let rotation = ValidatorSet::on_initialize(crate::MINUTES);
		let block = crate::configs::RuntimeBlockWeights::get().max_block;
		assert!(rotation.ref_time() > 0 && rotation.ref_time() < block.ref_time() / 100);
		let queued: Vec<_> = pallet_session::QueuedKeys::<crate::Runtime>::get()
			.into_iter()
			.map(|(v, _)| v)
			.collect();
		assert!(queued.contains(&bob), "Bob is queued for the next session");
		// The last validator cannot be removed.
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), bob));
		assert_noop!(
			ValidatorSet::remove_validator(
				RuntimeOrigin::root(),
				Sr25519Keyring::Alice.to_account_id()
			),
			pallet_validator_set::Error::<crate::Runtime>::TooFewValidators
		);
		pallet_validator_set::Pallet::<crate::Runtime>::do_try_state().expect("invariants");
	});
}

#[test]
fn pallets_pass_their_integrity_tests() {
	sp_io::TestExternalities::default().execute_with(|| {
		<AllPalletsWithSystem as IntegrityTest>::integrity_test();
	});
	const _: () = assert!(EXISTENTIAL_DEPOSIT > 0);
	assert_eq!(
		<crate::configs::MaxAuthorities as TypedGet>::get(),
		32,
		"Aura and GRANDPA share the authority bound"
	);
}

#[test]
fn metadata_offers_v15_and_v16() {
	let versions = crate::Runtime::metadata_versions();
	assert!(versions.contains(&15) && versions.contains(&16), "got {versions:?}");
}

#[test]
fn tracks_cover_root_fast_track_economy_validators_and_treasury_with_short_dev_periods() {
	use crate::governance::tracks::{all, ids};
	use pallet_referenda::TracksInfo as _;
	let ids_of = |dev| all(dev).iter().map(|t| t.id).collect::<Vec<_>>();
	let expected = vec![
		ids::ROOT,
		ids::WHITELISTED_CALLER,
		ids::ECONOMIC_PARAMS,
		ids::VALIDATOR_ADMIN,
		ids::TREASURER,
	];
	assert_eq!(ids_of(true), expected);
	assert_eq!(ids_of(false), expected);
	for (dev, real) in all(true).iter().zip(all(false).iter()) {
		let total = |t: &pallet_referenda::Track<u16, crate::Balance, crate::BlockNumber>| {
			t.info.prepare_period + t.info.confirm_period + t.info.min_enactment_period
		};
		assert!(total(dev) <= 4, "development tracks pass within a few blocks");
		assert!(total(real) >= 30 * crate::MINUTES, "real tracks take half an hour at least");
		assert!(dev.info.decision_period < real.info.decision_period);
	}
	// An origin without a track is refused; each custom origin has its own track.
	use crate::{governance::origins::Origin, OriginCaller};
	let signed = OriginCaller::system(frame_system::RawOrigin::Signed(
		Sr25519Keyring::Alice.to_account_id(),
	));
	assert!(crate::governance::tracks::TracksInfo::track_for(&signed).is_err());
	assert_eq!(
		crate::governance::tracks::TracksInfo::track_for(&OriginCaller::Origins(
			Origin::EconomicParams
		)),
		Ok(ids::ECONOMIC_PARAMS)
	);
	sp_io::TestExternalities::default().execute_with(|| {
		assert!(crate::governance::tracks::TracksInfo::check_integrity().is_ok());
	});
}

#[test]
fn a_treasury_spend_that_could_never_be_paid_is_filtered_but_for_root() {
	use crate::{
		configs::PayoutPeriod, governance::origins::pallet_custom_origins::Origin, RuntimeCall,
		RuntimeOrigin,
	};
	use frame_support::{assert_noop, assert_ok, traits::Get};
	use sp_runtime::traits::Dispatchable;

	with_preset(DEV_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let spend = |valid_from: u32| {
			RuntimeCall::Treasury(pallet_treasury::Call::spend {
				asset_kind: Box::new(()),
				amount: 1,
				beneficiary: Box::new(Sr25519Keyring::Bob.to_account_id()),
				valid_from: Some(valid_from),
			})
		};
		let treasurer = || RuntimeOrigin::from(Origin::Treasurer);
		let last_payable = u32::MAX - <PayoutPeriod as Get<u32>>::get();
		assert_noop!(
			spend(last_payable + 1).dispatch(treasurer()),
			frame_system::Error::<crate::Runtime>::CallFiltered
		);
		assert_ok!(spend(last_payable).dispatch(treasurer()));
		// Root is never filtered: the spend is its own to make.
		assert!(spend(u32::MAX).dispatch(RuntimeOrigin::root()).is_ok());
	});
}

#[test]
fn a_mint_above_the_largest_asset_supply_is_filtered_and_transfer_all_keeps_the_supply() {
	use crate::{configs::MAX_ASSET_SUPPLY, RuntimeCall, RuntimeOrigin};
	use frame_support::{assert_noop, assert_ok};
	use sp_runtime::traits::Dispatchable;

	with_preset(DEV_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let (alice, bob) =
			(Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		let signed = |who: &crate::AccountId| RuntimeOrigin::signed(who.clone());
		assert_ok!(crate::Assets::create(signed(&alice), 9.into(), alice.clone().into(), 1));
		let mint = |amount: crate::Balance| {
			RuntimeCall::Assets(pallet_assets::Call::mint {
				id: 9.into(),
				beneficiary: alice.clone().into(),
				amount,
			})
		};
		assert_noop!(
			mint(MAX_ASSET_SUPPLY + 1).dispatch(signed(&alice)),
			frame_system::Error::<crate::Runtime>::CallFiltered
		);
		assert_ok!(mint(MAX_ASSET_SUPPLY).dispatch(signed(&alice)));
		assert_noop!(
			mint(1).dispatch(signed(&alice)),
			frame_system::Error::<crate::Runtime>::CallFiltered
		);
		// At the largest supply a transfer of everything still lands in full.
		assert_ok!(crate::Assets::transfer_all(
			signed(&alice),
			9.into(),
			bob.clone().into(),
			false
		));
		assert_eq!(crate::Assets::balance(9, &bob), MAX_ASSET_SUPPLY);
		assert_eq!(crate::Assets::total_supply(9), MAX_ASSET_SUPPLY);
	});
}
