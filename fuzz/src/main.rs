//! Long fuzzing campaigns on the same harness as the suite's bounded run.
//!
//! ```text
//! tributary-fuzz [--seconds N]        random inputs for N seconds (default 3600), figures every minute
//! tributary-fuzz --seed 0x…           replay one arbtest seed (as the suite prints on a failure)
//! tributary-fuzz --seed 0x… --minimize N   search N seconds for a smaller failing input (fewer steps)
//! tributary-fuzz --input FILE         run one input file (a crash or queue entry of a fuzzer)
//! tributary-fuzz --stdin              run the bytes on stdin: the entry point for AFL++ (`cargo afl`)
//! ```
//! A failure prints its oracle and steps and exits with status 1.

#![allow(clippy::expect_used, clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use std::{
	io::Read,
	process::ExitCode,
	time::{Duration, Instant},
};

use tributary_fuzz::{catalog, run, Stats};

fn one(bytes: &[u8], stats: &mut Stats) -> bool {
	match run(&mut arbitrary::Unstructured::new(bytes), stats) {
		Ok(()) => true,
		Err(finding) => {
			eprintln!("{finding}");
			false
		},
	}
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let arg =
		|name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
	let mut stats = Stats::default();
	if args.iter().any(|a| a == "--stdin") {
		let mut bytes = Vec::new();
		std::io::stdin().read_to_end(&mut bytes).expect("stdin reads");
		// AFL++ treats an abort as a crash.
		if !one(&bytes, &mut stats) {
			std::process::abort();
		}
		return ExitCode::SUCCESS;
	}
	if let Some(file) = arg("--input") {
		let bytes = std::fs::read(&file).expect("the input file reads");
		return if one(&bytes, &mut stats) { ExitCode::SUCCESS } else { ExitCode::FAILURE };
	}
	if let (Some(seed), Some(secs)) = (arg("--seed"), arg("--minimize")) {
		let seed = u64::from_str_radix(seed.trim_start_matches("0x"), 16).expect("a hex seed");
		let secs: u64 = secs.parse().expect("seconds");
		// arbtest shrinks the input while the property still fails, then prints the smallest
		// seed; replay it with --seed to see its (shorter) steps.
		arbtest::arbtest(|u| {
			if let Err(f) = run(u, &mut stats) {
				panic!("{f}");
			}
			Ok(())
		})
		.seed(seed)
		.budget(Duration::from_secs(secs))
		.minimize()
		.run();
		return ExitCode::SUCCESS;
	}
	if let Some(seed) = arg("--seed") {
		let seed = u64::from_str_radix(seed.trim_start_matches("0x"), 16).expect("a hex seed");
		let mut ok = true;
		arbtest::arbtest(|u| {
			ok = run(u, &mut stats).map_err(|f| eprintln!("{f}")).is_ok();
			Ok(())
		})
		.seed(seed)
		.run();
		eprintln!("{}", stats.summary(catalog()));
		return if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE };
	}
	let seconds: u64 = arg("--seconds").and_then(|s| s.parse().ok()).unwrap_or(3600);
	let started = Instant::now();
	let mut last = Instant::now();
	let mut failed = false;
	let budget = Duration::from_secs(seconds);
	arbtest::arbtest(|u| {
		if failed {
			return Ok(());
		}
		if let Err(f) = run(u, &mut stats) {
			failed = true;
			panic!("{f}");
		}
		if last.elapsed() > Duration::from_secs(60) {
			last = Instant::now();
			eprintln!("[{:.0?}] {}", started.elapsed(), stats.summary(catalog()));
		}
		Ok(())
	})
	.size_min(4096)
	.size_max(1 << 20)
	.budget(budget)
	.run();
	eprintln!("done in {:.0?}: {}", started.elapsed(), stats.summary(catalog()));
	ExitCode::SUCCESS
}
