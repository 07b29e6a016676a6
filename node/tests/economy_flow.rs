//! End to end on the real node, the whole loop through signed extrinsics: contributions to the
//! seeded open dataset, a model, a provider bond, an allowance, a report, a claim — with pending
//! rewards and the receipt read over the `tributary_*` JSON-RPC, and its errors checked.

mod common;

use common::{
	market::{open_market, submit_content},
	Node,
};
use frame_support::BoundedVec;
use pallet_attribution::{AssetKind, Event as AttributionEvent, InferenceReport};
use serde_json::json;
use sp_core::crypto::Ss58Codec;
use sp_keyring::Sr25519Keyring::{Bob, Charlie, Eve, Ferdie};
use sp_runtime::Perbill;
use tributary_runtime::{RuntimeCall, RuntimeEvent, SS58_PREFIX, UNIT};

fn addr(k: sp_keyring::Sr25519Keyring) -> String {
	k.to_account_id().to_ss58check_with_version(SS58_PREFIX.into())
}

#[test]
fn the_whole_loop_pays_contributors_and_is_readable_over_rpc() {
	let node = Node::dev();
	let bob_c = submit_content(&node, Bob, b"the quick brown fox");
	let _charlie_c = submit_content(&node, Charlie, b"jumps over the lazy dog");

	// Dave's model on dataset 0 at version 2, 1 TRIB per unit; Eve its bonded provider;
	// Ferdie allows her to charge 10 TRIB.
	open_market(&node, vec![(0, 2)], 10 * UNIT);

	// Eve reports 4 units drawing 60 % on Bob's contribution.
	let report = |request_id, units| {
		RuntimeCall::Attribution(pallet_attribution::Call::report_inference {
			report: InferenceReport {
				request_id,
				model: 0,
				consumer: Ferdie.to_account_id(),
				units,
				output_hash: [3; 32],
				attribution: BoundedVec::truncate_from(vec![(bob_c, Perbill::from_percent(60))]),
			},
		})
	};
	let reported = node.submit(Eve, report(1, 4)).expect_success();
	let fee = reported
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Attribution(AttributionEvent::InferenceReported {
				fee, split, ..
			}) => {
				assert!(split.attributed > 0 && split.pooled > 0, "{split:?}");
				Some(*fee)
			},
			_ => None,
		})
		.expect("InferenceReported");
	assert_eq!(fee, 4 * UNIT);

	// A replay and an over-allowance report are refused.
	assert!(!node.submit(Eve, report(1, 1)).succeeded(), "replayed request id");
	assert!(!node.submit(Eve, report(2, 7)).succeeded(), "7 TRIB left of the allowance is 6");

	// The receipt and Bob's rewards over the custom RPC.
	let receipt = node.rpc("tributary_receipt", json!([0]));
	assert_eq!(receipt["fee"], json!((4 * UNIT).to_string()));
	assert_eq!(receipt["consumer"], json!(addr(Ferdie)));
	assert_eq!(receipt["id"], json!("0"));
	assert_eq!(receipt["attribution"], json!([[bob_c.to_string(), 600_000_000]]));

	let rewards = node.rpc("tributary_rewards", json!([addr(Bob)]));
	let native = &rewards[0];
	assert_eq!(native["currency"], json!("Native"), "the form the calls take");
	let claimable: u128 = native["claimable"].as_str().unwrap().parse().unwrap();
	let owed: u128 = native["owed"].as_str().unwrap().parse().unwrap();
	let pending: u128 = native["pendingPooled"].as_str().unwrap().parse().unwrap();
	assert!(owed > 0 && pending > 0 && claimable == owed + pending, "{native}");
	assert_eq!(native["settle"], json!([bob_c.to_string()]));
	// The deprecated name answers the same.
	assert_eq!(node.rpc("tributary_pendingRewards", json!([addr(Bob)])), rewards);

	let model = node.rpc("tributary_model", json!([0]));
	assert_eq!((model["inferences"].clone(), model["units"].clone()), (json!("1"), json!("4")));
	assert_eq!((model["id"].clone(), model["status"].clone()), (json!(0), json!("Active")));
	assert_eq!(node.rpc("tributary_modelUsage", json!([0])), model);

	// The training set: Bob's contribution is in it, by the rule reports are checked with.
	let page = node.rpc("tributary_trainingSet", json!([0]));
	let ids: Vec<&str> = page["contributions"]
		.as_array()
		.unwrap()
		.iter()
		.map(|c| c["id"].as_str().unwrap())
		.collect();
	assert!(ids.contains(&bob_c.to_string().as_str()), "{page}");
	assert_eq!(page["next"], json!(null));

	// Bob claims, settling his contribution: he receives exactly what the RPC said.
	let before = node.account(&Bob.to_account_id()).data.free;
	let claimed = node
		.submit(
			Bob,
			RuntimeCall::Attribution(pallet_attribution::Call::claim {
				who: Bob.to_account_id(),
				currency: AssetKind::Native,
				settle: BoundedVec::truncate_from(vec![bob_c]),
			}),
		)
		.expect_success();
	let amount = claimed
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Attribution(AttributionEvent::RewardsClaimed { amount, .. }) => {
				Some(*amount)
			},
			_ => None,
		})
		.expect("RewardsClaimed");
	assert_eq!(amount, claimable);
	let fee_paid: u128 = claimed
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => Some(*actual_fee),
			_ => None,
		})
		.unwrap_or(0);
	assert_eq!(node.account(&Bob.to_account_id()).data.free, before + amount - fee_paid);
	let after = node.rpc("tributary_rewards", json!([addr(Bob)]));
	assert_eq!(after[0]["claimable"], json!("0"));
	assert_eq!(after[0]["claimed"], json!(amount.to_string()));

	// Errors say what was wrong.
	let bad = node.try_rpc("tributary_rewards", json!(["5NotAnAddress"])).unwrap_err();
	assert_eq!(bad["code"], json!(9001));
	assert!(bad["message"].as_str().unwrap().contains("invalid account"), "{bad}");
	let missing = node.try_rpc("tributary_receipt", json!([99])).unwrap_err();
	assert_eq!(missing["message"], json!("receipt 99 not found"));
	let missing = node.try_rpc("tributary_model", json!([7])).unwrap_err();
	assert_eq!(missing["message"], json!("model 7 not found"));
}
