//! End to end on the real node: create a dataset, submit, accept and withdraw a contribution
//! through signed extrinsics; check events and held balances; a bad submission changes nothing.

mod common;

use common::{chain::Included, Node};
use pallet_datasets::{ContributionPolicy, DataKind, Event as DatasetsEvent, ReviewMode};
use sp_keyring::Sr25519Keyring::{Bob, Charlie};
use tributary_runtime::{RuntimeCall, RuntimeEvent, MILLI_UNIT, UNIT};

fn datasets_events(i: &Included) -> Vec<DatasetsEvent<tributary_runtime::Runtime>> {
	i.events
		.iter()
		.filter_map(|e| match e {
			RuntimeEvent::Datasets(e) => Some(e.clone()),
			_ => None,
		})
		.collect()
}

#[test]
fn dataset_contribution_lifecycle_through_signed_extrinsics() {
	let node = Node::dev();
	let deposit = 250 * MILLI_UNIT;

	// Bob creates a curated dataset; the metadata deposit is held from him.
	let bob_reserved = node.account(&Bob.to_account_id()).data.reserved;
	let created = node
		.submit(
			Bob,
			RuntimeCall::Datasets(pallet_datasets::Call::create_dataset {
				name: b"bird-songs".to_vec(),
				description: b"field recordings".to_vec(),
				kind: DataKind::Audio,
				license: b"CC0".to_vec(),
				policy: ContributionPolicy {
					mode: ReviewMode::Curated,
					deposit,
					max_content_size: 1_000_000,
				},
			}),
		)
		.expect_success();
	let (dataset, metadata_deposit) = match datasets_events(&created).as_slice() {
		[DatasetsEvent::DatasetCreated { dataset, deposit, .. }] => (*dataset, *deposit),
		other => panic!("expected DatasetCreated, got {other:?}"),
	};
	assert_eq!(dataset, 2, "datasets 0 and 1 are seeded at genesis");
	assert_eq!(metadata_deposit, UNIT + 10 * MILLI_UNIT * (10 + 16 + 3));
	assert_eq!(node.account(&Bob.to_account_id()).data.reserved, bob_reserved + metadata_deposit);

	// Charlie submits content; the dataset's deposit is held.
	let content = b"a robin at dawn".to_vec();
	let hash = sp_io::hashing::blake2_256(&content);
	let submit = |who| {
		node.submit(
			who,
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset,
				content_hash: hash,
				size_bytes: content.len() as u64,
				uri: b"ipfs://robin".to_vec(),
			}),
		)
	};
	let submitted = submit(Charlie).expect_success();
	let contribution = match datasets_events(&submitted).as_slice() {
		[DatasetsEvent::ContributionSubmitted { contribution, content_hash, deposit: d, .. }] => {
			assert_eq!((*content_hash, *d), (hash, deposit));
			*contribution
		},
		other => panic!("expected ContributionSubmitted, got {other:?}"),
	};
	assert_eq!(node.account(&Charlie.to_account_id()).data.reserved, deposit);

	// The same bytes again: refused with ContentAlreadyRegistered, nothing held.
	let again = submit(Charlie);
	assert!(!again.succeeded());
	match again.dispatch_error() {
		Some(sp_runtime::DispatchError::Module(m)) => {
			let err =
				pallet_datasets::Error::<tributary_runtime::Runtime>::ContentAlreadyRegistered;
			assert_eq!(m.error[0], codec::Encode::encode(&err)[0], "ContentAlreadyRegistered");
		},
		other => panic!("expected a module error, got {other:?}"),
	}
	assert_eq!(node.account(&Charlie.to_account_id()).data.reserved, deposit);

	// Bob accepts with score 80: the deposit is released; version 1.
	let accepted = node
		.submit(
			Bob,
			RuntimeCall::Datasets(pallet_datasets::Call::accept_contribution {
				contribution,
				score: 80,
			}),
		)
		.expect_success();
	assert!(datasets_events(&accepted)
		.iter()
		.any(|e| matches!(e, DatasetsEvent::ContributionAccepted { points: 80, version: 1, .. })));
	assert_eq!(node.account(&Charlie.to_account_id()).data.reserved, 0);

	// Charlie withdraws it.
	let withdrawn = node
		.submit(
			Charlie,
			RuntimeCall::Datasets(pallet_datasets::Call::withdraw_contribution { contribution }),
		)
		.expect_success();
	assert_eq!(
		datasets_events(&withdrawn),
		vec![DatasetsEvent::ContributionWithdrawn { contribution, dataset }]
	);
}
