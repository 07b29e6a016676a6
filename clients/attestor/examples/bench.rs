//! Attribution benchmark (run by `scripts/attestor-bench.sh`; figures in docs/attestor.md).
//!
//! Builds the index over a deterministic synthetic corpus of `CORPUS_MB` megabytes (default 10:
//! words drawn from a Zipf-like 50,000-word vocabulary, in 2 KB contributions), then attributes
//! 256-token outputs made of corpus spans and random words. Reports index build time per MB and
//! the time per attribution, and, as the baseline run in the same process, a naive longest-match
//! by scanning every corpus position (what the suffix array replaces), as a ratio.

// A measurement, not service code: plain indexing and arithmetic on bounded synthetic data.
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::time::Instant;

use tributary_attestor::{
	attribution::{attribute, Params},
	index::CorpusIndex,
	model::SplitMix64,
};

/// The deterministic stream, with Zipf-like word picks.
struct Rng(SplitMix64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0.next_u64()
	}
	/// A word index with a Zipf-like skew: small indices are far more frequent.
	fn word(&mut self, vocab: u64) -> u64 {
		let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
		((vocab as f64).powf(u) as u64).saturating_sub(1).min(vocab - 1)
	}
}

/// Naive longest match of `query` against every position of every document.
fn naive_longest(docs: &[(u64, Vec<String>)], query: &[String], max: usize) -> usize {
	let mut best = 0;
	for (_, d) in docs {
		for s in 0..d.len() {
			let mut l = 0;
			while l < max && l < query.len() && s + l < d.len() && d[s + l] == query[l] {
				l += 1;
			}
			best = best.max(l);
		}
	}
	best
}

fn main() {
	let mb: usize = std::env::var("CORPUS_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
	let outputs: usize = std::env::var("OUTPUTS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
	let mut rng = Rng(SplitMix64(2026));
	let vocab: Vec<String> = (0..50_000).map(|i| format!("w{i}")).collect();
	let mut docs: Vec<(u64, Vec<String>)> = Vec::new();
	let (mut bytes, mut doc, mut doc_bytes) = (0usize, Vec::new(), 0usize);
	while bytes < mb * 1_000_000 {
		let w = vocab[rng.word(vocab.len() as u64) as usize].clone();
		bytes += w.len() + 1;
		doc_bytes += w.len() + 1;
		doc.push(w);
		if doc_bytes >= 2_000 {
			docs.push((docs.len() as u64, std::mem::take(&mut doc)));
			doc_bytes = 0;
		}
	}
	let tokens: usize = docs.iter().map(|(_, d)| d.len()).sum();

	let t = Instant::now();
	let index = CorpusIndex::build(docs.iter().map(|(id, d)| (*id, d.as_slice())));
	let build = t.elapsed().as_secs_f64();

	// Outputs: spans of 4–24 tokens copied from random contributions, joined by random words.
	let mut queries = Vec::new();
	for _ in 0..outputs {
		let mut out = Vec::new();
		while out.len() < 256 {
			let (_, d) = &docs[(rng.next() % docs.len() as u64) as usize];
			let len = 4 + (rng.next() % 21) as usize;
			let start = (rng.next() % (d.len().saturating_sub(len).max(1)) as u64) as usize;
			out.extend(d.iter().skip(start).take(len).cloned());
			out.push(vocab[rng.word(vocab.len() as u64) as usize].clone());
		}
		out.truncate(256);
		queries.push(out);
	}

	let t = Instant::now();
	let mut covered = 0u64;
	for q in &queries {
		covered += attribute(&index, q, Params::default()).coverage as u64;
	}
	let per_attribution = t.elapsed().as_secs_f64() / outputs as f64;

	// Baseline: the naive scan, for the first 8 positions of one output (it is slow), scaled.
	let t = Instant::now();
	let positions = 8;
	let mut agree = true;
	for i in 0..positions {
		let naive = naive_longest(&docs, &queries[0][i..], 64);
		agree &= naive == index.longest_match(&queries[0][i..], 64).len;
	}
	let naive_per_output = t.elapsed().as_secs_f64() / positions as f64 * 256.0;

	println!("corpus: {mb} MB, {} contributions, {tokens} tokens", docs.len());
	println!("index build: {build:.2} s ({:.3} s per MB)", build / mb as f64);
	println!(
		"attribution of a 256-token output: {:.2} ms (mean of {outputs}; mean coverage {:.1} %)",
		per_attribution * 1e3,
		covered as f64 / outputs as f64 / 1e7
	);
	println!("baseline, naive scan of every position: {:.0} ms per 256-token output (estimated from {positions} positions)",
		naive_per_output * 1e3);
	println!(
		"ratio naive / suffix array: {:.0}x; longest matches agree: {agree}",
		naive_per_output / per_attribution
	);
	assert!(agree, "the suffix array and the naive scan disagree");
}
