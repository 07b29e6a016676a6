//! Storage at its bounds: every bounded item the runtime keeps filled to its bound, then the
//! heaviest calls and the hooks run there, through the harness's oracles — each stays within the
//! weight and proof it declares.
//!
//! - Our pallets: 64 files in one submission, 64 pending submissions of one account, 16
//!   curators, a model trained on 16 datasets, 8 currencies in each dataset's pool, 16 providers
//!   of a model, a batch of 32 reports of 32 distinct contributions each, a claim settling 64
//!   contributions, a withdrawal settling 8 currencies; 50 calls scheduled for one block.
//! - The validator set at 32 with proven session keys, rotated into Aura and GRANDPA and out.
//! - Governance: 100 open committee motions; a committee of 32 voting; 512 conviction votes of one
//!   voter, a delegation to it; the root track's queue of 100 referenda waiting to decide.
//! - The treasury's 100 approvals, paid out by its hook at the spend period.
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

/// Dispatches a call in a block of its own and returns whether it succeeded (a block of hundreds
/// of calls, a thousand events, makes every later call in it slower for the harness, not for the
/// call: each storage layer copies the block's events).
fn dispatch_alone(h: &mut Harness, who: Who, call: RuntimeCall) -> (bool, String) {
	let mut what = format!("{who:?} {call:?}");
	what.truncate(300);
	h.next_block().unwrap_or_else(|f| panic!("{f}"));
	match h.try_dispatch(who, call) {
		Ok(Some(ok)) => (ok, what),
		Ok(None) => panic!("no block has room for {what}"),
		Err(f) => panic!("{f}"),
	}
}

/// A setup call that must succeed, in a block of its own.
fn must(h: &mut Harness, who: Who, call: RuntimeCall) {
	let (ok, what) = dispatch_alone(h, who, call);
	assert!(ok, "setup call failed: {what}");
}

/// A call that must be refused at a bound, in a block of its own.
fn refused(h: &mut Harness, who: Who, call: RuntimeCall) {
	let (ok, what) = dispatch_alone(h, who, call);
	assert!(!ok, "accepted past its bound: {what}");
}

fn blocks(h: &mut Harness, n: u32) {
	for _ in 0..n {
		h.next_block().unwrap_or_else(|f| panic!("{f}"));
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
	blocks(&mut h, tributary_runtime::MINUTES + 5);
	h.finish().unwrap_or_else(|f| panic!("{f}"));
	eprintln!("bounds: {}", h.stats.summary(catalog()));
}

fn transfer(to: AccountId, amount: u128) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: MultiAddress::Id(to),
		value: amount,
	})
}

/// A validator's account, funded for its key deposit, with session keys it proved it holds.
fn validator(h: &mut Harness, i: u8) -> AccountId {
	use sp_core::{ed25519, proof_of_possession::ProofOfPossessionGenerator, sr25519, Pair};
	let account = AccountId::new([0xa0 ^ i; 32]);
	let mut aura = sr25519::Pair::from_seed(&[i; 32]);
	let mut grandpa = ed25519::Pair::from_seed(&[i; 32]);
	let owner = codec::Encode::encode(&account);
	let proof =
		(aura.generate_proof_of_possession(&owner), grandpa.generate_proof_of_possession(&owner));
	let keys = tributary_runtime::SessionKeys {
		aura: sp_consensus_aura::sr25519::AuthorityId::from(aura.public()),
		grandpa: sp_consensus_grandpa::AuthorityId::from(grandpa.public()),
	};
	must(h, Who::Signed(0), transfer(account.clone(), 100 * UNIT));
	let who = h.add_account(account.clone());
	must(
		h,
		who,
		RuntimeCall::Session(pallet_session::Call::set_keys {
			keys,
			proof: codec::Encode::encode(&proof),
		}),
	);
	account
}

/// The validator set at `MaxValidators`, every member with proven session keys: one more is
/// refused, the sessions rotate the full set into Aura and GRANDPA, and a removal from the full
/// set rotates out — each hook and call within its declared weight.
#[test]
fn a_full_validator_set_rotates_within_its_weights() {
	use frame_support::traits::Get;
	let max: u32 = <Runtime as pallet_validator_set::Config>::MaxValidators::get();
	let mut h = Harness::new(catalog());
	h.start().unwrap_or_else(|f| panic!("{f}"));
	let genesis = h.execute(pallet_validator_set::Pallet::<Runtime>::validators).len() as u32;
	let mut added = Vec::new();
	for i in 0..max - genesis {
		let account = validator(&mut h, i as u8 + 1);
		must(
			&mut h,
			Who::Root,
			RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
				who: account.clone(),
			}),
		);
		added.push(account);
	}
	let extra = validator(&mut h, 0xff);
	refused(
		&mut h,
		Who::Root,
		RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator { who: extra }),
	);
	// Two session ends: the set is queued at the first and in force from the second.
	blocks(&mut h, 2 * tributary_runtime::MINUTES + 1);
	let authorities = h.execute(|| {
		(
			pallet_session::Validators::<Runtime>::get().len(),
			pallet_aura::Authorities::<Runtime>::get().len(),
			pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(),
		)
	});
	assert_eq!(authorities, (max as usize, max as usize, max as usize));
	must(
		&mut h,
		Who::Root,
		RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
			who: added[0].clone(),
		}),
	);
	blocks(&mut h, 2 * tributary_runtime::MINUTES + 1);
	assert_eq!(h.execute(|| pallet_aura::Authorities::<Runtime>::get().len()), max as usize - 1);
	h.finish().unwrap_or_else(|f| panic!("{f}"));
	eprintln!("validators: {}", h.stats.summary(catalog()));
}

fn remark(i: u32) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: i.to_le_bytes().to_vec() })
}

/// Governance at its bounds: the technical committee's `MaxProposals` open motions (one more
/// refused, then a vote, a close and a disapproval among them); one voter's `MaxVotes`
/// conviction votes on as many ongoing referenda (one more refused, then a delegation to it
/// that updates every poll, an undelegation and a vote removed); the root track's queue of
/// referenda waiting to decide filled to `MaxQueued`, and blocks until the deciding one ends and
/// the queue moves.
#[test]
fn governance_at_its_bounds_stays_within_its_weights() {
	use codec::Encode;
	use frame_support::{
		dispatch::GetDispatchInfo,
		traits::{schedule::DispatchTime, Bounded, Get},
	};
	use pallet_conviction_voting::{AccountVote, Conviction, Vote};
	type Committee = pallet_collective::Instance1;
	let max_proposals: u32 = <Runtime as pallet_collective::Config<Committee>>::MaxProposals::get();
	let max_votes: u32 = <Runtime as pallet_conviction_voting::Config>::MaxVotes::get();
	let max_queued: u32 = <Runtime as pallet_referenda::Config>::MaxQueued::get();
	let mut h = Harness::new(catalog());
	h.start().unwrap_or_else(|f| panic!("{f}"));

	// The committee (Alice, Bob, Charlie): Bob opens the most motions.
	let propose = |i: u32| {
		let proposal = remark(i);
		RuntimeCall::TechnicalCommittee(pallet_collective::Call::propose {
			threshold: 2,
			length_bound: proposal.encoded_size() as u32,
			proposal: Box::new(proposal),
		})
	};
	let first_index = h.execute(pallet_collective::ProposalCount::<Runtime, Committee>::get);
	for i in 0..max_proposals {
		must(&mut h, Who::Signed(BOB), propose(i));
	}
	refused(&mut h, Who::Signed(BOB), propose(max_proposals));
	let motions = h.execute(pallet_collective::Proposals::<Runtime, Committee>::get);
	assert_eq!(motions.len() as u32, max_proposals);
	let (first, second) = (motions[0], motions[1]);
	for voter in [0, CHARLIE] {
		must(
			&mut h,
			Who::Signed(voter),
			RuntimeCall::TechnicalCommittee(pallet_collective::Call::vote {
				proposal: first,
				index: first_index,
				approve: true,
			}),
		);
	}
	must(
		&mut h,
		Who::Signed(DAVE),
		RuntimeCall::TechnicalCommittee(pallet_collective::Call::close {
			proposal_hash: first,
			index: first_index,
			proposal_weight_bound: remark(0).get_dispatch_info().call_weight,
			length_bound: remark(0).encoded_size() as u32,
		}),
	);
	must(
		&mut h,
		Who::Root,
		RuntimeCall::TechnicalCommittee(pallet_collective::Call::disapprove_proposal {
			proposal_hash: second,
		}),
	);

	// Dave submits as many referenda as a voter may vote on, plus one; Bob votes on them all.
	let submit = |i: u32| {
		RuntimeCall::Referenda(pallet_referenda::Call::submit {
			proposal_origin: Box::new(frame_system::RawOrigin::Root.into()),
			proposal: Bounded::Inline(remark(i).encode().try_into().expect("a short call")),
			enactment_moment: DispatchTime::After(1),
		})
	};
	let first_referendum = h.execute(pallet_referenda::ReferendumCount::<Runtime>::get);
	for i in 0..=max_votes {
		must(&mut h, Who::Signed(DAVE), submit(i));
	}
	let vote = |poll_index: u32| {
		RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::vote {
			poll_index,
			vote: AccountVote::Standard {
				vote: Vote { aye: true, conviction: Conviction::Locked1x },
				balance: UNIT,
			},
		})
	};
	for r in first_referendum..first_referendum + max_votes {
		must(&mut h, Who::Signed(BOB), vote(r));
	}
	refused(&mut h, Who::Signed(BOB), vote(first_referendum + max_votes));
	// Charlie delegates to the fullest voter (every poll's tally changes), then takes it back.
	let root_track = tributary_runtime::governance::tracks::ids::ROOT;
	must(
		&mut h,
		Who::Signed(CHARLIE),
		RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::delegate {
			class: root_track,
			to: MultiAddress::Id(account(BOB)),
			conviction: Conviction::Locked2x,
			balance: 10 * UNIT,
		}),
	);
	must(
		&mut h,
		Who::Signed(CHARLIE),
		RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::undelegate {
			class: root_track,
		}),
	);
	must(
		&mut h,
		Who::Signed(BOB),
		RuntimeCall::ConvictionVoting(pallet_conviction_voting::Call::remove_vote {
			class: Some(root_track),
			index: first_referendum,
		}),
	);
	// Decision deposits, in one batch (a deciding referendum ends within ten blocks here): one
	// referendum decides (the root track decides one at a time), the queue behind it fills, and
	// one more finds it full.
	let deposits = (first_referendum..first_referendum + max_queued + 2)
		.map(|index| {
			RuntimeCall::Referenda(pallet_referenda::Call::place_decision_deposit { index })
		})
		.collect();
	must(
		&mut h,
		Who::Signed(DAVE),
		RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: deposits }),
	);
	let queued = h.execute(|| pallet_referenda::TrackQueue::<Runtime>::get(root_track).len());
	assert_eq!(queued as u32, max_queued);
	// The deciding referendum fails for want of support; the next leaves the queue.
	blocks(&mut h, 30);
	let deciding = h.execute(|| pallet_referenda::DecidingCount::<Runtime>::get(root_track));
	assert_eq!(deciding, 1);
	h.finish().unwrap_or_else(|f| panic!("{f}"));
	eprintln!("governance: {}", h.stats.summary(catalog()));
}

/// The treasury's `MaxApprovals` approved spends (one more refused), paid out together by its
/// hook when the spend period comes: the chain starts shortly before the period's end.
#[test]
fn treasury_pays_its_full_approvals_within_its_weight() {
	use frame_support::traits::Get;
	let period: u32 = <Runtime as pallet_treasury::Config>::SpendPeriod::get();
	let max: u32 = <Runtime as pallet_treasury::Config>::MaxApprovals::get();
	let mut h = Harness::new(catalog());
	h.start_at(period - max - 20).unwrap_or_else(|f| panic!("{f}"));
	let treasury = tributary_runtime::configs::TreasuryAccount::get();
	must(&mut h, Who::Signed(0), transfer(treasury, 10_000 * UNIT));
	#[allow(deprecated)]
	let spend = |i: u32| {
		RuntimeCall::Treasury(pallet_treasury::Call::spend_local {
			amount: UNIT + u128::from(i),
			beneficiary: MultiAddress::Id(AccountId::new([0x60 ^ (i as u8); 32])),
		})
	};
	for i in 0..max {
		must(&mut h, Who::Root, spend(i));
	}
	refused(&mut h, Who::Root, spend(max));
	let now = h.execute(frame_system::Pallet::<Runtime>::block_number);
	assert!(now < period, "the spend period has not come yet");
	blocks(&mut h, period + 1 - now);
	assert!(h.execute(pallet_treasury::Approvals::<Runtime>::get).is_empty(), "all paid");
	h.finish().unwrap_or_else(|f| panic!("{f}"));
	eprintln!("treasury: {}", h.stats.summary(catalog()));
}

/// The technical committee at `MaxMembers`: set by root with a true witness, every member voting
/// on one motion that is closed approved, on one closed disapproved, and on one left open when
/// root shrinks the committee back (removing the leavers' votes) — each within its weight.
#[test]
fn a_full_committee_decides_within_its_weights() {
	use codec::Encode;
	use frame_support::{dispatch::GetDispatchInfo, traits::Get};
	use sp_runtime::traits::{BlakeTwo256, Hash};
	type Committee = pallet_collective::Instance1;
	let max: u32 = <Runtime as pallet_collective::Config<Committee>>::MaxMembers::get();
	let mut h = Harness::new(catalog());
	h.start().unwrap_or_else(|f| panic!("{f}"));
	let genesis = h.execute(pallet_collective::Members::<Runtime, Committee>::get);
	let mut members = genesis.clone();
	let mut voters: Vec<Who> = (0..genesis.len()).map(Who::Signed).collect();
	for i in genesis.len() as u8..max as u8 {
		let member = AccountId::new([0xc0 ^ i; 32]);
		voters.push(h.add_account(member.clone()));
		members.push(member);
	}
	let set_members = |new_members: Vec<AccountId>, old_count: usize| {
		RuntimeCall::TechnicalCommittee(pallet_collective::Call::set_members {
			new_members,
			prime: None,
			old_count: old_count as u32,
		})
	};
	must(&mut h, Who::Root, set_members(members.clone(), genesis.len()));
	let threshold = (2 * max).div_ceil(3);
	let first = h.execute(pallet_collective::ProposalCount::<Runtime, Committee>::get);
	let mut motions = Vec::new();
	for i in 0..3u32 {
		let proposal = remark(i);
		must(
			&mut h,
			Who::Signed(BOB),
			RuntimeCall::TechnicalCommittee(pallet_collective::Call::propose {
				threshold,
				length_bound: proposal.encoded_size() as u32,
				proposal: Box::new(proposal.clone()),
			}),
		);
		let hash = BlakeTwo256::hash_of(&proposal);
		motions.push((hash, first + i, proposal));
	}
	for (m, (hash, index, _)) in motions.iter().enumerate() {
		for who in &voters {
			must(
				&mut h,
				*who,
				RuntimeCall::TechnicalCommittee(pallet_collective::Call::vote {
					proposal: *hash,
					index: *index,
					approve: m != 1,
				}),
			);
		}
	}
	for (hash, index, proposal) in &motions[..2] {
		must(
			&mut h,
			Who::Signed(DAVE),
			RuntimeCall::TechnicalCommittee(pallet_collective::Call::close {
				proposal_hash: *hash,
				index: *index,
				proposal_weight_bound: proposal.get_dispatch_info().call_weight,
				length_bound: proposal.encoded_size() as u32,
			}),
		);
	}
	must(&mut h, Who::Root, set_members(genesis.clone(), max as usize));
	assert_eq!(h.execute(pallet_collective::Members::<Runtime, Committee>::get), genesis);
	h.finish().unwrap_or_else(|f| panic!("{f}"));
	eprintln!("committee: {}", h.stats.summary(catalog()));
}
