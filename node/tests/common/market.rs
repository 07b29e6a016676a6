//! Set-ups the economy tests share, through real signed extrinsics.

use frame_support::BoundedVec;
use pallet_attribution::AssetKind;
use sp_keyring::Sr25519Keyring::{self, Dave, Eve, Ferdie};
use tributary_runtime::{Balance, RuntimeCall, RuntimeEvent, UNIT};

use super::Node;

/// `who` submits `text` to the open dataset 0; returns the (accepted) contribution's id.
pub fn submit_content(node: &Node, who: Sr25519Keyring, text: &[u8]) -> u64 {
	let included = node
		.submit(
			who,
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset: 0,
				content_hash: sp_io::hashing::blake2_256(text),
				size_bytes: text.len() as u64,
				uri: vec![],
			}),
		)
		.expect_success();
	included
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Datasets(pallet_datasets::Event::ContributionAccepted {
				contribution,
				..
			}) => Some(*contribution),
			_ => None,
		})
		.expect("the open dataset accepts on submission")
}

/// Dave registers model 0 trained on `trained_on` at 1 TRIB per unit; Eve bonds 100 TRIB as a
/// provider and Dave authorises her; Ferdie allows her to charge `allowance`.
pub fn open_market(node: &Node, trained_on: Vec<(u32, u32)>, allowance: Balance) {
	let calls = [
		(
			Dave,
			pallet_attribution::Call::register_model {
				metadata: b"model".to_vec(),
				trained_on: BoundedVec::truncate_from(trained_on),
				parent: None,
				price: UNIT,
				currency: AssetKind::Native,
			},
		),
		(Eve, pallet_attribution::Call::register_provider { bond: 100 * UNIT }),
		(
			Dave,
			pallet_attribution::Call::authorize_provider {
				model: 0,
				provider: Eve.to_account_id(),
			},
		),
		(
			Ferdie,
			pallet_attribution::Call::approve {
				provider: Eve.to_account_id(),
				model: 0,
				allowance,
			},
		),
	];
	for (who, call) in calls {
		node.submit(who, RuntimeCall::Attribution(call)).expect_success();
	}
}
