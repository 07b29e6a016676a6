//! Genesis presets: `development` (one authority, Alice; funded dev accounts; sudo Alice) and
//! `local_testnet` (Alice and Bob as authorities, no sudo, realistic referendum periods). The
//! development preset also seeds an open and a curated dataset and uses short referendum periods.
//! Both make Alice, Bob and Charlie the technical committee. Validators are given as session keys
//! (`session.keys`); Aura, GRANDPA and the validator set take theirs from there. Sessions last a
//! minute on the development chain and an hour on `local_testnet`.

use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use pallet_datasets::{ContributionPolicy, DataKind, GenesisDataset, ReviewMode};

use crate::{
	configs::{consensus::session_length, TreasuryAccount},
	AccountId, Balance, BalancesConfig, BlockNumber, DatasetsConfig, OriginsConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, TechnicalCommitteeConfig,
	ValidatorSetConfig, EXISTENTIAL_DEPOSIT, MILLI_UNIT, UNIT,
};

/// What each development account holds at genesis: one million TRIB.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A dev keyring member as a genesis validator: its account and its session keys (the
/// keys `--alice`, `--bob`, … put in a node's keystore).
fn authority(k: Sr25519Keyring) -> (AccountId, SessionKeys) {
	let ed = match k {
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		_ => Ed25519Keyring::Alice,
	};
	let aura: AuraId = k.public().into();
	let grandpa: GrandpaId = ed.public().into();
	(k.to_account_id(), SessionKeys { aura, grandpa })
}

/// The dev accounts every preset funds: the well-known keyring and their stashes.
pub fn endowed_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// Largest content the seeded datasets accept: 10 MiB.
pub const SEED_MAX_CONTENT: u64 = 10 * 1024 * 1024;
/// Deposit a contribution to a seeded dataset holds while pending: 0.1 TRIB.
pub const SEED_CONTRIBUTION_DEPOSIT: Balance = 100 * MILLI_UNIT;

/// The datasets the development chain starts with: dataset 0 is open, dataset 1 curated by
/// Alice.
pub fn seeded_datasets() -> Vec<GenesisDataset<AccountId, Balance>> {
	let dataset = |name: &str, description: &str, mode| GenesisDataset {
		owner: Sr25519Keyring::Alice.to_account_id(),
		name: name.into(),
		description: description.into(),
		kind: DataKind::Text,
		license: "CC-BY-4.0".into(),
		policy: ContributionPolicy {
			mode,
			deposit: SEED_CONTRIBUTION_DEPOSIT,
			max_content_size: SEED_MAX_CONTENT,
		},
	};
	vec![
		dataset(
			"open-text",
			"Open text corpus: contributions are accepted on submission",
			ReviewMode::Open,
		),
		dataset(
			"curated-text",
			"Curated text corpus: Alice reviews every contribution",
			ReviewMode::Curated,
		),
	]
}

fn testnet_genesis(
	initial_authorities: Vec<(AccountId, SessionKeys)>,
	session_length: BlockNumber,
	endowed: Vec<AccountId>,
	root: Option<AccountId>,
	datasets: Vec<GenesisDataset<AccountId, Balance>>,
	development_periods: bool,
) -> Value {
	let committee = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.iter()
		.map(|k| k.to_account_id())
		.collect::<Vec<_>>();
	let mut balances: Vec<_> = endowed.into_iter().map(|k| (k, DEV_ENDOWMENT)).collect();
	// The treasury's account exists from genesis so that slashed deposits can reach it.
	balances.push((TreasuryAccount::get(), EXISTENTIAL_DEPOSIT));
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		// Aura's and GRANDPA's authorities come from the session keys.
		session: SessionConfig {
			keys: initial_authorities
				.into_iter()
				.map(|(account, keys)| (account.clone(), account, keys))
				.collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig { session_length },
		sudo: SudoConfig { key: root },
		datasets: DatasetsConfig { datasets },
		technical_committee: TechnicalCommitteeConfig { members: committee },
		origins: OriginsConfig { development_periods },
	})
}

/// The `development` preset: Alice authors and finalises alone.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority(Sr25519Keyring::Alice)],
		session_length::DEVELOPMENT,
		endowed_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
		seeded_datasets(),
		true,
	)
}

/// The `local_testnet` preset: Alice and Bob are the authorities.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![authority(Sr25519Keyring::Alice), authority(Sr25519Keyring::Bob)],
		session_length::LOCAL_TESTNET,
		endowed_accounts(),
		// No sudo outside development: root is reached by referendum only.
		None,
		vec![],
		false,
	)
}

/// The JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(String::into_bytes)
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

/// The state preset `id` builds, as the node's chain-spec builder makes it: the preset's patch
/// merged into the default genesis config, then built. For the runtime's tests and the fuzzer.
#[cfg(feature = "std")]
pub fn preset_storage(id: &str) -> Result<sp_core::storage::Storage, String> {
	/// Merges a JSON patch into `base`: objects key by key, anything else replaced.
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(b), Value::Object(p)) => {
				for (k, v) in p {
					merge(b.entry(k).or_insert(Value::Null), v);
				}
			},
			(b, p) => *b = p,
		}
	}
	let patch = get_preset(&PresetId::from(id)).ok_or_else(|| format!("no preset {id}"))?;
	let patch: Value = serde_json::from_slice(&patch).map_err(|e| e.to_string())?;
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).map_err(|e| e.to_string())?;
	merge(&mut config, patch);
	let config: RuntimeGenesisConfig =
		serde_json::from_value(config).map_err(|e| format!("preset {id}: {e}"))?;
	sp_runtime::BuildStorage::build_storage(&config)
}
