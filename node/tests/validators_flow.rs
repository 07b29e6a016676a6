//! End to end on real nodes: an operator joins the validator set. Alice's development node runs
//! alone; Bob starts a second node, generates session keys on it with
//! `author_rotateKeysWithOwner`, registers them with `session.set_keys` and their proof, and root
//! (sudo, on the development chain) adds him. Two session boundaries later both nodes author
//! and GRANDPA finalises with both votes. Keys with another account's proof, adding an account
//! without keys, and removing the last validator are refused, with nothing changed.

mod common;

use std::time::{Duration, Instant};

use codec::{Decode, Encode};
use common::{
	chain::{hex, unhex, value_key},
	Node,
};
use serde_json::json;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::{AccountId32, DispatchError};
use tributary_runtime::{Runtime, RuntimeCall, SessionKeys};

fn sudo(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) })
}

fn validator_set_call(call: pallet_validator_set::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::ValidatorSet(call)
}

fn session_validators(node: &Node) -> Vec<AccountId32> {
	node.storage(&value_key("Session", "Validators")).unwrap_or_default()
}

fn governed_set(node: &Node) -> Vec<AccountId32> {
	node.storage(&value_key("ValidatorSet", "Validators")).unwrap_or_default()
}

fn module_error<E: Into<DispatchError>>(e: E) -> DispatchError {
	// Errors decoded from events carry no message; compare index and error bytes only.
	match e.into() {
		DispatchError::Module(mut m) => {
			m.message = None;
			DispatchError::Module(m)
		},
		other => other,
	}
}

/// Prometheus counter of blocks this node built, or 0 if it has built none yet.
fn blocks_built(node: &Node) -> u64 {
	node.metrics()
		.lines()
		.find(|l| l.starts_with("substrate_proposer_block_constructed_count"))
		.and_then(|l| l.split_whitespace().last())
		.and_then(|v| v.parse().ok())
		.unwrap_or(0)
}

#[test]
fn an_operator_joins_through_set_keys_and_governance() {
	let alice = Node::dev();
	// Sessions of five blocks (thirty seconds) so the change shows quickly.
	alice
		.submit(
			Alice,
			sudo(validator_set_call(pallet_validator_set::Call::set_session_length { blocks: 5 })),
		)
		.sudo_result()
		.expect("root sets the session length");

	// The last validator cannot be removed.
	let last = alice.submit(
		Alice,
		sudo(validator_set_call(pallet_validator_set::Call::remove_validator {
			who: Alice.to_account_id(),
		})),
	);
	assert_eq!(
		last.sudo_result().map_err(module_error),
		Err(module_error(pallet_validator_set::Error::<Runtime>::TooFewValidators))
	);
	assert_eq!(governed_set(&alice), vec![Alice.to_account_id()]);

	// Bob's node joins the network (not yet a validator).
	let bob = Node::start(&[
		"--chain",
		"dev",
		"--validator",
		"--node-key",
		"0000000000000000000000000000000000000000000000000000000000000b0b",
		"--bootnodes",
		&alice.multiaddr(),
	]);
	bob.wait_peers(1, Duration::from_secs(60));

	// Keys generated on Bob's node, with Bob's account as the owner of the proof.
	let generated =
		bob.rpc("author_rotateKeysWithOwner", json!([hex(&Bob.to_account_id().encode())]));
	let keys = SessionKeys::decode(&mut &unhex(generated["keys"].as_str().expect("keys"))[..])
		.expect("the node's keys are this runtime's session keys");
	let proof = unhex(generated["proof"].as_str().expect("the runtime supports proofs"));
	let set_keys = |keys: SessionKeys, proof: Vec<u8>| {
		RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof })
	};

	// Governance cannot add Bob before he registers keys.
	let early = alice.submit(
		Alice,
		sudo(validator_set_call(pallet_validator_set::Call::add_validator {
			who: Bob.to_account_id(),
		})),
	);
	assert_eq!(
		early.sudo_result().map_err(module_error),
		Err(module_error(pallet_validator_set::Error::<Runtime>::NoSessionKeys))
	);

	// Charlie cannot register Bob's keys: the proof signs Bob's account.
	let stolen = alice.submit(Charlie, set_keys(keys.clone(), proof.clone()));
	assert_eq!(
		stolen.dispatch_error().map(module_error),
		Some(module_error(pallet_session::Error::<Runtime>::InvalidProof))
	);

	alice.submit(Bob, set_keys(keys, proof)).expect_success();
	alice
		.submit(
			Alice,
			sudo(validator_set_call(pallet_validator_set::Call::add_validator {
				who: Bob.to_account_id(),
			})),
		)
		.sudo_result()
		.expect("root adds Bob");
	assert_eq!(governed_set(&alice).len(), 2);

	// Queued at the next session boundary, in force from the one after.
	let start = Instant::now();
	while !session_validators(&alice).contains(&Bob.to_account_id()) {
		if start.elapsed() > Duration::from_secs(120) {
			alice.fail("Bob is not in the session's validators after 120 s");
		}
		std::thread::sleep(Duration::from_secs(1));
	}

	// Both nodes author and finality keeps going with both GRANDPA votes (two of two).
	let from = alice.best_number();
	alice.wait_finalized(from + 4, Duration::from_secs(120));
	bob.wait_finalized(from + 4, Duration::from_secs(60));
	let start = Instant::now();
	while blocks_built(&bob) == 0 {
		if start.elapsed() > Duration::from_secs(60) {
			bob.fail("Bob's node built no block as a validator");
		}
		std::thread::sleep(Duration::from_secs(1));
	}
	let authorities: Vec<(sp_consensus_grandpa::AuthorityId, u64)> = Decode::decode(
		&mut &unhex(
			alice
				.rpc("state_call", json!(["GrandpaApi_grandpa_authorities", "0x"]))
				.as_str()
				.expect("bytes"),
		)[..],
	)
	.expect("authority list decodes");
	assert_eq!(authorities.len(), 2, "GRANDPA votes with Alice and Bob");
}
