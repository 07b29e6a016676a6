//! End to end on the real node: a referendum on the economic-parameters track passes on the
//! development chain and changes the owner's share of inference fees; the new value is read back
//! from storage and is in force for the next inference. Bad votes and a referendum without a track
//! are refused.

mod common;

use std::time::{Duration, Instant};

use codec::Encode;
use common::{
	chain::blake2_map_key,
	market::{open_market, submit_content},
	Node,
};
use frame_support::{traits::Bounded, BoundedVec};
use pallet_attribution::InferenceReport;
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Dave, Eve, Ferdie};
use sp_runtime::Perbill;
use tributary_runtime::{
	configs::{
		dynamic_params::economy, RuntimeParameters, RuntimeParametersKey, RuntimeParametersValue,
	},
	governance::origins::Origin,
	OriginCaller, RuntimeCall, RuntimeEvent, UNIT,
};

fn owner_share(node: &Node) -> Option<Perbill> {
	let key =
		RuntimeParametersKey::Economy(economy::ParametersKey::OwnerShare(economy::OwnerShare));
	let v: Option<RuntimeParametersValue> =
		node.storage(&blake2_map_key("Parameters", "Parameters", &key.encode()));
	v.map(|v| match v {
		RuntimeParametersValue::Economy(economy::ParametersValue::OwnerShare(p)) => p,
		other => panic!("unexpected value {other:?}"),
	})
}

fn module_error(i: &common::chain::Included) -> String {
	format!("{:?}", i.dispatch_error())
}

#[test]
fn a_referendum_changes_the_fee_split_and_it_is_in_force() {
	let node = Node::dev();
	assert_eq!(owner_share(&node), None, "genesis default (30 %) is not in storage");

	// The call the referendum enacts: owner share 30 % → 25 %.
	let call = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Economy(economy::Parameters::OwnerShare(
			economy::OwnerShare,
			Some(Perbill::from_percent(25)),
		)),
	});
	let proposal: Bounded<RuntimeCall, sp_runtime::traits::BlakeTwo256> =
		Bounded::Inline(BoundedVec::truncate_from(call.encode()));

	// A referendum needs a track: a signed origin has none.
	let wrong = node.submit(
		Alice,
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal_origin: Box::new(OriginCaller::system(frame_system::RawOrigin::Signed(
				Alice.to_account_id(),
			))),
			proposal: proposal.clone(),
			enactment_moment: frame_support::traits::schedule::DispatchTime::After(1),
		}),
	);
	assert!(!wrong.succeeded());
	assert!(module_error(&wrong).contains("Module"), "{:?}", wrong.events);

	// Submitted on the economic-parameters track, with its decision deposit.
	node.submit(
		Alice,
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal_origin: Box::new(OriginCaller::Origins(Origin::EconomicParams)),
			proposal,
			enactment_moment: frame_support::traits::schedule::DispatchTime::After(1),
		}),
	)
	.expect_success();
	node.submit(
		Alice,
		RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index: 0 }),
	)
	.expect_success();

	// Voting with more than one holds is refused.
	let too_much = node.submit(
		Dave,
		RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
			poll_index: 0,
			vote: AccountVote::Standard {
				vote: Vote { aye: false, conviction: Conviction::Locked1x },
				balance: 2_000_000 * UNIT,
			},
		}),
	);
	assert!(!too_much.succeeded(), "voting 2M TRIB with 1M must fail");

	// Alice and Bob vote aye with a tenth of their balance.
	for who in [Alice, Bob] {
		node.submit(
			who,
			RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
				poll_index: 0,
				vote: AccountVote::Standard {
					vote: Vote { aye: true, conviction: Conviction::Locked1x },
					balance: 100_000 * UNIT,
				},
			}),
		)
		.expect_success();
	}

	// Development periods: decided, confirmed and enacted within about a minute.
	let start = Instant::now();
	while owner_share(&node) != Some(Perbill::from_percent(25)) {
		if start.elapsed() > Duration::from_secs(150) {
			node.fail("the referendum did not enact the new owner share within 150 s");
		}
		std::thread::sleep(Duration::from_secs(2));
	}

	// In force: the next inference pays the owner 25 % of the fee.
	submit_content(&node, Bob, b"governed economies");
	open_market(&node, vec![(0, 1)], 100 * UNIT);
	let report = |request_id| {
		RuntimeCall::Attribution(pallet_attribution::Call::report_inference {
			report: InferenceReport {
				request_id,
				model: 0,
				consumer: Ferdie.to_account_id(),
				units: 10,
				output_hash: [0; 32],
				attribution: BoundedVec::new(),
			},
		})
	};
	// The first fee in a currency keeps the pot's reserve; the second is split whole.
	node.submit(Eve, report(1)).expect_success();
	let second = node.submit(Eve, report(2)).expect_success();
	let split = second
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Attribution(pallet_attribution::Event::InferenceReported {
				split,
				..
			}) => Some(*split),
			_ => None,
		})
		.expect("InferenceReported");
	// Owner 25 % plus the parent share (5 %, no parent) of 10 TRIB.
	assert_eq!(split.owner, 3 * UNIT);
	assert_eq!(split.provider, UNIT);
}
