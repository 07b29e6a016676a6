//! End to end: the real `tributary-node --dev --tmp` produces and finalises blocks and answers
//! the standard JSON-RPC with Tributary's chain name, token properties and genesis balances.

mod common;

use std::time::Duration;

use codec::Decode;
use common::Node;
use serde_json::json;
use sp_core::crypto::Ss58Codec;
use sp_io::hashing::{blake2_128, twox_128};
use sp_keyring::Sr25519Keyring;
use tributary_runtime::{
	genesis_config_presets::DEV_ENDOWMENT, Balance, Nonce, SS58_PREFIX, TOKEN_DECIMALS,
	TOKEN_SYMBOL,
};

type AccountInfo = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;

fn account_key(who: &sp_core::crypto::AccountId32) -> String {
	let mut key = twox_128(b"System").to_vec();
	key.extend(twox_128(b"Account"));
	let raw: &[u8] = who.as_ref();
	key.extend(blake2_128(raw));
	key.extend(raw);
	format!("0x{}", hex(&key))
}

fn hex(b: &[u8]) -> String {
	b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
	let s = s.trim_start_matches("0x");
	(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

#[test]
fn dev_chain_produces_finalises_and_serves_rpc() {
	let node = Node::dev();

	node.wait_finalized(2, Duration::from_secs(90));
	assert!(node.best_number() >= 2, "best block must be at least the finalised one");

	assert_eq!(node.rpc("system_chain", json!([])), json!("Tributary Development"));

	let props = node.rpc("system_properties", json!([]));
	assert_eq!(props["tokenSymbol"], json!(TOKEN_SYMBOL));
	assert_eq!(props["tokenDecimals"], json!(TOKEN_DECIMALS));
	assert_eq!(props["ss58Format"], json!(SS58_PREFIX));

	// Bob is endowed at genesis and has signed nothing: his balance is exactly the endowment.
	let bob = Sr25519Keyring::Bob.to_account_id();
	let raw = node.rpc("state_getStorage", json!([account_key(&bob)]));
	let info = AccountInfo::decode(&mut &unhex(raw.as_str().expect("Bob's account exists"))[..])
		.expect("AccountInfo decodes");
	assert_eq!(info.data.free, DEV_ENDOWMENT);
	assert_eq!(info.nonce, 0);

	// The nonce RPC of the node's own RPC module answers for an SS58 address of our prefix.
	let addr = bob.to_ss58check_with_version(SS58_PREFIX.into());
	assert_eq!(node.rpc("system_accountNextIndex", json!([addr])), json!(0));

	// An unknown account has no storage.
	let nobody = sp_core::crypto::AccountId32::new([7u8; 32]);
	assert_eq!(node.rpc("state_getStorage", json!([account_key(&nobody)])), json!(null));

	// Prometheus serves the node's metrics.
	assert!(node.metrics().contains("substrate_block_height"), "prometheus exposes block height");
}

#[test]
fn unknown_rpc_method_is_a_json_rpc_error() {
	let node = Node::dev();
	// The node serves exactly the `tributary_*` methods clients are told of (clients/js/rpc.json is
	// generated from the same table), plus the deprecated aliases.
	let methods = node.rpc("rpc_methods", json!([]));
	let served: std::collections::BTreeSet<String> = methods["methods"]
		.as_array()
		.expect("rpc_methods lists methods")
		.iter()
		.filter_map(|m| m.as_str().filter(|m| m.starts_with("tributary_")).map(String::from))
		.collect();
	let described: std::collections::BTreeSet<String> = tributary_attribution_rpc::METHODS
		.iter()
		.map(|m| format!("{}_{}", m.section, m.method))
		.chain(tributary_attribution_rpc::ALIASES.iter().map(|(alias, _)| alias.to_string()))
		.collect();
	assert_eq!(served, described);

	let err = node.try_rpc("tributary_noSuchMethod", json!([])).expect_err("method must not exist");
	assert_eq!(err["code"], json!(-32601), "method not found: {err}");
}
