//! The oracles shown to work: each planted bug of `tributary_primitives::mutants` is caught by a
//! bounded run of the fuzzer (`TRIBUTARY_MUTANT_BUDGET_MS` per bug, 60 s unless set). A bug that
//! survives means an oracle is missing. Needs `--features mutants,try-runtime`.
#![cfg(feature = "mutants")]
// A test computes freely.
#![allow(clippy::arithmetic_side_effects, clippy::expect_used, clippy::indexing_slicing)]

use std::time::{Duration, Instant};

use tributary_fuzz::{run, Finding, Stats};
use tributary_primitives::mutants::{plant, Mutant};

/// Deterministic input `i` of `len` bytes (xorshift), so that a catch is reproducible.
fn input(i: u64, len: usize) -> Vec<u8> {
	let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
	(0..len)
		.map(|_| {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			x as u8
		})
		.collect()
}

/// The first finding with `mutant` planted, within `budget`: (finding, inputs tried). A finding
/// the same input also gives without the bug is a false alarm: `Err` with both.
fn hunt(mutant: Mutant, budget: Duration) -> Result<(Option<Finding>, u64, Stats), String> {
	plant(Some(mutant));
	let started = Instant::now();
	let mut stats = Stats::default();
	let mut tried = 0;
	let mut found = None;
	while started.elapsed() < budget {
		tried += 1;
		let bytes = input(tried, 1 << 16);
		if let Err(f) = run(&mut arbitrary::Unstructured::new(&bytes), &mut stats) {
			// The same input must be clean without the bug: the bug was caught, not a false alarm.
			plant(None);
			if let Err(clean) =
				run(&mut arbitrary::Unstructured::new(&bytes), &mut Stats::default())
			{
				return Err(format!(
					"input {tried} fails without {mutant:?} too:\n{clean}\nwith it:\n{f}"
				));
			}
			found = Some(f);
			break;
		}
	}
	plant(None);
	Ok((found, tried, stats))
}

#[test]
fn every_planted_bug_is_caught() {
	let budget = std::env::var("TRIBUTARY_MUTANT_BUDGET_MS")
		.ok()
		.and_then(|v| v.parse().ok())
		.unwrap_or(60_000u64);
	// Planted panics are expected: keep their messages out of the log.
	let hook = std::panic::take_hook();
	std::panic::set_hook(Box::new(|_| ()));
	let mut survivors = Vec::new();
	for mutant in Mutant::ALL {
		let started = Instant::now();
		let (found, tried, stats) = match hunt(mutant, Duration::from_millis(budget)) {
			Ok(hunted) => hunted,
			Err(false_alarm) => {
				std::panic::set_hook(hook);
				panic!("{false_alarm}");
			},
		};
		match found {
			Some(f) => eprintln!(
				"mutant {mutant:?}: caught by `{}` after {tried} inputs, {} calls, {:.1?}",
				f.oracle,
				stats.calls,
				started.elapsed()
			),
			None => {
				eprintln!("mutant {mutant:?}: SURVIVED {tried} inputs, {} calls", stats.calls);
				survivors.push(mutant);
			},
		}
	}
	std::panic::set_hook(hook);
	eprintln!(
		"mutants: {} of {} planted bugs caught",
		Mutant::ALL.len() - survivors.len(),
		Mutant::ALL.len()
	);
	assert!(survivors.is_empty(), "planted bugs no oracle caught: {survivors:?}");
}
