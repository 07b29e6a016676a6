//! Storage at its bounds: every bounded item our pallets keep filled to its bound — 64 files in
//! one submission, 64 pending submissions of one account, 16 curators, a model trained on 16
//! datasets, 8 currencies in each dataset's pool, 16 providers of a model, a batch of 32 reports
//! of 32 distinct contributions each, a claim settling 64 contributions, a withdrawal settling 8
//! currencies, 50 calls scheduled for one block — then the heaviest calls and the hooks (a
//! session rotation, the scheduler's agenda) run there, through the harness's oracles: each
//! stays within the weight and proof it declares.
// A test computes freely.
#![allow(clippy::arithmetic_side_effects, clippy::expect_used, clippy::indexing_slicing)]

use codec::Compact;
use pallet_attribution::{AssetKind, InferenceReport};
use pallet_datasets::{ContributionFile, ContributionPolicy, DataKind, ReviewMode};
use sp_runtime::{MultiAddress, Perbill};
use tributary_fuzz::{catalog, origins::Who, Harness};
use tributary_runtime::{AccountId, Runtime, RuntimeCall, UNIT};

const BOB: usize = 1;
const CHARLIE: usize = 2;
const DAVE: usize = 3;
const EVE: usize = 4;
const FERDIE: usize = 5;

/// Dispatches a setup call that must succeed, in a block of its own: a block of hundreds of
/// calls (a thousand events) makes every later call in it slower for the harness, not for the
/// call (each storage layer copies the block's events).
fn must(h: &mut Harness, who: Who, call: RuntimeCall) {
	let what = format!("{call:?}");
	h.next_block().unwrap_or_else(|f| panic!("{f}"));
	match h.try_dispatch(who, call) {
		Ok(Some(true)) => {},
		Ok(Some(false)) => panic!("setup call failed: {who:?} {}", &what[..what.len().min(300)]),
		Ok(None) => panic!("no block has room for {}", &what[..what.len().min(300)]),
		Err(f) => panic!("{f}"),
	}
}

fn account(i: usize) -> AccountId {
	tributary_runtime::genesis_config_presets::endowed_accounts()[i].clone()
}

fn files(from: u32, n: u32) -> Vec<ContributionFile> {
	(from..from + n)
		.map(|i| ContributionFile {
			content_hash: sp_io::hashing::blake2_256(&i.to_le_bytes()),
			size_bytes: 1024,
			uri: Vec::new(),
		})
		.collect()
}

fn submit(dataset: u32, files: Vec<ContributionFile>) -> RuntimeCall {
	RuntimeCall::Datasets(pallet_datasets::Call::submit_contributions {
		dataset,
		files: files.try_into().expect("within MaxFilesPerSubmission"),
	})
}

#[test]
fn heaviest_calls_and_hooks_stay_within_their_weights_at_the_bounds() {
	use frame_support::traits::Get;
	use pallet_attribution::Config as A;
	use pallet_datasets::Config as D;
	let max_files: u32 = <Runtime as D>::MaxFilesPerSubmission::get();
	let max_pending: u32 = <Runtime as D>::MaxPendingPerAccount::get();
	let max_curators: u32 = <Runtime as D>::MaxCurators::get();
	let max_datasets: u32 = <Runtime as A>::MaxDatasetsPerModel::get();
	let max_currencies: u32 = <Runtime as A>::MaxCurrenciesPerDataset::get();
	let max_providers: u32 = <Runtime as A>::MaxProvidersPerModel::get();
	let max_batch: u32 = <Runtime as A>::MaxBatchSize::get();
	let max_entries: u32 = <Runtime as A>::MaxAttributionEntries::get();
	let max_settle: u32 = <Runtime as A>::MaxSettlePerClaim::get();

	let mut h = Harness::new(catalog());
	h.start().unwrap_or_else(|f| panic!("{f}"));

	// Bob fills open dataset 0 with full submissions: enough contributions for a full batch.
	let needed = max_batch * max_entries;
	let mut next = 0;
	while next < needed {
		must(&mut h, Who::Signed(BOB), submit(0, files(next, max_files)));
		next += max_files;
	}
	// Charlie fills his pending submissions in curated dataset 1; Alice fills its curators.
	let mut pending = 0;
	while pending < max_pending {
		let n = max_files.min(max_pending - pending);
		must(&mut h, Who::Signed(CHARLIE), submit(1, files(1_000_000 + pending, n)));
		pending += n;
	}
	for i in 1..max_curators {
		must(
			&mut h,
			Who::Signed(0),
			RuntimeCall::Datasets(pallet_datasets::Call::add_curator {
				dataset: 1,
				curator: AccountId::new([i as u8; 32]),
			}),
		);
	}
	// Datasets 2.. so that a model is trained on the most datasets, each with one contribution.
	let policy =
		ContributionPolicy { mode: ReviewMode::Open, deposit: 0, max_content_size: 1 << 20 };
	for d in 2..max_datasets + 1 {
		must(
			&mut h,
			Who::Signed(DAVE),
			RuntimeCall::Datasets(pallet_datasets::Call::create_dataset {
				name: format!("d{d}").into_bytes(),
				description: Vec::new(),
				kind: DataKind::Text,
				license: b"CC0".to_vec(),
				policy,
			}),
		);
		must(&mut h, Who::Signed(DAVE), submit(d, files(2_000_000 + d, 1)));
	}
	let version = |d: u32| pallet_datasets::Datasets::<Runtime>::get(d).map(|x| x.version);
	let trained_on: Vec<(u32, u32)> = (0..max_datasets + 1)
		.filter(|d| *d != 1)
		.take(max_datasets as usize)
		.map(|d| (d, h.execute(|| version(d)).expect("dataset exists")))
		.collect();

	// Models in every currency a pool can hold: native and assets made by root.
	let mut currencies = vec![AssetKind::Native];
	for id in 1..max_currencies {
		must(
			&mut h,
			Who::Root,
			RuntimeCall::Assets(pallet_assets::Call::force_create {
				id: Compact(id),
				owner: MultiAddress::Id(account(0)),
				is_sufficient: true,
				min_balance: 1,
			}),
		);
		must(
			&mut h,
			Who::Signed(0),
			RuntimeCall::Assets(pallet_assets::Call::mint {
				id: Compact(id),
				beneficiary: MultiAddress::Id(account(FERDIE)),
				amount: 1_000_000 * UNIT,
			}),
		);
		currencies.push(AssetKind::WithId(id));
	}
	let first_model = h.execute(pallet_attribution::NextModelId::<Runtime>::get);
	for currency in &currencies {
		must(
			&mut h,
			Who::Signed(DAVE),
			RuntimeCall::Attribution(pallet_attribution::Call::register_model {
				metadata: vec![0; 256],
				trained_on: trained_on.clone().try_into().expect("within MaxDatasetsPerModel"),
				parent: None,
				price: UNIT,
				currency: currency.clone(),
			}),
		);
	}
	let model = first_model;
	for p in 0..max_providers {
		let provider = if p == 0 { account(EVE) } else { AccountId::new([0x80 + p as u8; 32]) };
		must(
			&mut h,
			Who::Signed(DAVE),
			RuntimeCall::Attribution(pallet_attribution::Call::authorize_provider {
				model,
				provider,
			}),
		);
	}
	must(
		&mut h,
		Who::Signed(EVE),
		RuntimeCall::Attribution(pallet_attribution::Call::register_provider { bond: 100 * UNIT }),
	);
	must(
		&mut h,
		Who::Signed(FERDIE),
		RuntimeCall::Attribution(pallet_attribution::Call::approve {
			provider: account(EVE),
			model,
			allowance: 100_000 * UNIT,
		}),
	);

	// The heaviest batch: every report naming distinct contributions, each the most entries.
	let share = Perbill::from_rational(1, max_entries);
	let reports: Vec<_> = (0..max_batch)
		.map(|r| InferenceReport {
			request_id: u64::from(r),
			model,
			consumer: account(FERDIE),
			units: 10,
			output_hash: [r as u8; 32],
			attribution: (0..max_entries)
				.map(|e| (u64::from(r * max_entries + e), share))
				.collect::<Vec<_>>()
				.try_into()
				.expect("within MaxAttributionEntries"),
		})
		.collect();
	must(
		&mut h,
		Who::Signed(EVE),
		RuntimeCall::Attribution(pallet_attribution::Call::report_inferences {
			reports: reports.try_into().expect("within MaxBatchSize"),
		}),
	);
	// The fullest claim, and a withdrawal that settles every currency of the pool.
	must(
		&mut h,
		Who::Signed(BOB),
		RuntimeCall::Attribution(pallet_attribution::Call::claim {
			who: account(BOB),
			currency: AssetKind::Native,
			settle: (0..u64::from(max_settle)).collect::<Vec<_>>().try_into().expect("bound"),
		}),
	);
	must(
		&mut h,
		Who::Signed(BOB),
		RuntimeCall::Datasets(pallet_datasets::Call::withdraw_contribution { contribution: 0 }),
	);
	// A full agenda for one block, then blocks across a session rotation.
	// (Each scheduling call has a block of its own: the agenda is for after the last of them.)
	let agenda: u32 = <Runtime as pallet_scheduler::Config>::MaxScheduledPerBlock::get();
	let at = h.execute(frame_system::Pallet::<Runtime>::block_number) + agenda + 3;
	for i in 0..agenda {
		must(
			&mut h,
			Who::Root,
			RuntimeCall::Scheduler(pallet_scheduler::Call::schedule {
				when: at,
				maybe_periodic: None,
				priority: 0,
				call: Box::new(RuntimeCall::System(frame_system::Call::remark_with_event {
					remark: i.to_le_bytes().to_vec(),
				})),
			}),
		);
	}
	for _ in 0..tributary_runtime::MINUTES + 5 {
		h.next_block().unwrap_or_else(|f| panic!("{f}"));
	}
	h.finish().unwrap_or_else(|f| panic!("{f}"));
	eprintln!("bounds: {}", h.stats.summary(catalog()));
}
