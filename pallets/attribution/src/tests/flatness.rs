//! The claim's cost does not depend on how many contributors a dataset has.
//!
//! The claim reads the claimant's totals, the settled contribution, its dataset's counter and the
//! pot — never the other contributors. This test measures the storage proof of a claim (every
//! trie node it reads) in a dataset of `SMALL` and of `LARGE` contributors: the proof may grow
//! with the trie's depth (logarithmically), never with the number of contributors. Set
//! `CLAIM_FLATNESS_LARGE=1000000` to measure the figures of docs/benchmarks.md.

use codec::Encode;
use frame_support::{assert_ok, BoundedVec};
use sp_runtime::Perbill;

use super::*;

const SMALL: u32 = 1_000;

fn measure(contributors: u32) -> (usize, Balance) {
	let mut ext = ExtBuilder.build();
	let bob_c = ext.execute_with(|| {
		let d = open_dataset();
		let bob_c = contribute(BOB, d, 0);
		for i in 1..contributors {
			// Open dataset, no deposit: contributors need no balance.
			let hash = sp_io::hashing::blake2_256(&i.to_le_bytes());
			let file = pallet_datasets::ContributionFile {
				content_hash: hash,
				size_bytes: 1,
				uri: vec![],
			};
			pallet_datasets::Pallet::<Test>::do_submit(10_000 + i as u64, d, [file]).unwrap();
		}
		let m = register(vec![(d, contributors)], None, 1_000_000, NATIVE);
		assert_ok!(Attribution::register_provider(RuntimeOrigin::signed(PROVIDER), BOND));
		assert_ok!(Attribution::authorize_provider(
			RuntimeOrigin::signed(MODEL_OWNER),
			m,
			PROVIDER
		));
		assert_ok!(Attribution::approve(RuntimeOrigin::signed(CONSUMER), PROVIDER, m, u128::MAX));
		assert_ok!(Attribution::report_inference(
			RuntimeOrigin::signed(PROVIDER),
			report(1, m, 100, vec![(bob_c, Perbill::from_percent(10))]),
		));
		// A new block starts with no events (as on chain: otherwise appending one reads them).
		System::reset_events();
		bob_c
	});
	ext.commit_all().unwrap();
	let before = ext.execute_with(|| balance(NATIVE, BOB));
	let (_, proof) = ext.execute_and_prove(|| {
		assert_ok!(Attribution::claim(
			RuntimeOrigin::signed(BOB),
			BOB,
			NATIVE,
			BoundedVec::truncate_from(vec![bob_c])
		));
	});
	let paid = ext.execute_with(|| balance(NATIVE, BOB)) - before;
	(proof.encoded_size(), paid)
}

#[test]
fn the_claims_storage_footprint_does_not_grow_with_contributors() {
	let large: u32 =
		std::env::var("CLAIM_FLATNESS_LARGE").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
	let (small_proof, small_paid) = measure(SMALL);
	let (large_proof, large_paid) = measure(large);
	println!(
		"claim with {SMALL} contributors: proof {small_proof} B; with {large} contributors: \
		 proof {large_proof} B; ratio {:.2}",
		large_proof as f64 / small_proof as f64,
	);
	assert!(small_paid > 0 && large_paid > 0, "both claims pay");
	// 20× (or 1,000×) the contributors: a claim that touched them would read 20× the nodes.
	// Trie depth adds a few nodes per key; twice the proof is far above that and far below 20×.
	assert!(
		large_proof < 2 * small_proof,
		"claim proof grew from {small_proof} B to {large_proof} B with {large} contributors"
	);
}
