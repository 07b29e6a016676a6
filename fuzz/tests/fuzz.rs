//! The fuzzer in the suite: committed regression seeds replay first, then a bounded campaign
//! (`TRIBUTARY_FUZZ_BUDGET_MS`, two minutes unless set) prints its figures. Both run only with
//! the `try-runtime` feature (every pallet's `try_state`), as `scripts/test.sh` builds them.
// A test computes freely.
#![allow(clippy::arithmetic_side_effects, clippy::expect_used, clippy::indexing_slicing)]

use std::{
	cell::RefCell,
	time::{Duration, Instant},
};

use tributary_fuzz::{catalog, run, Stats};

/// The committed seeds: one per line, `0x…`, then a comment on what it found.
fn regressions() -> Vec<u64> {
	include_str!("../regressions.txt")
		.lines()
		.filter_map(|l| l.split_whitespace().next())
		.filter(|s| s.starts_with("0x"))
		.map(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).expect("seeds are hex"))
		.collect()
}

fn property(
	stats: &RefCell<Stats>,
) -> impl FnMut(&mut arbitrary::Unstructured) -> arbitrary::Result<()> + '_ {
	move |u| {
		let mut s = stats.borrow_mut();
		if let Err(finding) = run(u, &mut s) {
			panic!("{finding}");
		}
		Ok(())
	}
}

#[test]
#[cfg_attr(not(feature = "try-runtime"), ignore = "needs --features try-runtime")]
fn regression_seeds_replay_clean() {
	let stats = RefCell::new(Stats::default());
	for seed in regressions() {
		arbtest::arbtest(property(&stats)).seed(seed).run();
	}
	let s = stats.borrow();
	assert_eq!(s.runs as usize, regressions().len());
	eprintln!("fuzz regressions: {}", s.summary(catalog()));
}

#[test]
#[cfg_attr(not(feature = "try-runtime"), ignore = "needs --features try-runtime")]
fn campaign_within_budget_finds_nothing() {
	let budget = std::env::var("TRIBUTARY_FUZZ_BUDGET_MS")
		.ok()
		.and_then(|v| v.parse().ok())
		.unwrap_or(120_000u64);
	let stats = RefCell::new(Stats::default());
	let started = Instant::now();
	arbtest::arbtest(property(&stats))
		.size_min(4096)
		.size_max(1 << 18)
		.budget(Duration::from_millis(budget))
		.run();
	let s = stats.borrow();
	eprintln!("fuzz: {} in {:.0?}; failures: 0", s.summary(catalog()), started.elapsed());
	// The campaign must have done real work: blocks of calls, most pallets reached, and calls
	// that succeed (a generator whose every call fails would test only refusals).
	assert!(s.blocks > 10 && s.calls > 100, "{}", s.summary(catalog()));
	assert!(
		s.succeeded * 20 > s.calls,
		"fewer than 5 % of calls succeed: {}",
		s.summary(catalog())
	);
	let pallets: std::collections::BTreeSet<_> =
		s.reached_ok.iter().map(|(p, _)| p.clone()).collect();
	for p in ["Balances", "Datasets", "Attribution", "Utility", "Sudo"] {
		assert!(pallets.contains(p), "no call of {p} succeeded: {}", s.summary(catalog()));
	}
}
