//! Attribution of an output to the training contributions it reproduces, by exact overlap.
//!
//! For each output position `i`, the index finds the longest span `output[i..i+L]` that occurs in
//! the corpus (at most `max_span` tokens) and the contributions holding it. Spans shorter than
//! `min_span` are ignored (single common words say nothing about provenance). Then:
//!
//! - **coverage** = the share of output positions inside at least one counted span;
//! - each counted span gives each of its `k` contributions `L / k` credit;
//! - a contribution's share = coverage × its credit / all credit, in parts per billion (floor);
//! - only the `top_k` largest shares are kept (ties: lower contribution id first), as the chain
//!   takes at most that many entries; the rest stays unattributed.
//!
//! Shares therefore sum to at most the coverage, which is at most 100 %. Everything is integer
//! arithmetic over a deterministic index: the same corpus and output always give the same shares,
//! which is what lets anyone re-run it (`tributary-attestor verify`).

use std::collections::BTreeMap;

use crate::index::{ContributionId, CorpusIndex};

/// Parts per billion: the chain's `Perbill`.
pub const BILLION: u64 = 1_000_000_000;

/// Credit unit: divisible by every span multiplicity up to 16, so shared spans split exactly.
const CREDIT_UNIT: u128 = 720_720;

/// How attribution is computed; part of what a verifier must know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Params {
	/// Shortest span that counts, in tokens.
	pub min_span: usize,
	/// Longest span looked for, in tokens.
	pub max_span: usize,
	/// Most contributions named (the chain's `MaxAttributionEntries`).
	pub top_k: usize,
}

impl Default for Params {
	fn default() -> Self {
		Self { min_span: 2, max_span: 64, top_k: 32 }
	}
}

/// One counted span of the output.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Span {
	/// First output token.
	pub start: usize,
	/// Length in tokens.
	pub len: usize,
	/// Contributions holding it.
	pub contributions: Vec<ContributionId>,
}

/// The attribution of one output.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Attribution {
	/// `(contribution, parts per billion)`, ascending by contribution.
	pub shares: Vec<(ContributionId, u32)>,
	/// Output positions inside a counted span, in parts per billion.
	pub coverage: u32,
	/// The counted spans.
	pub spans: Vec<Span>,
}

/// Attributes `output` (tokens) over `index`.
///
/// Bounds, for the integer arithmetic: a span is at most `max_span` (64) tokens and held by at
/// least one contribution, so a span's credit is at most 64 × 720,720 < 2^26, and all credit
/// together at most `m` times that: far inside `u128`. Covered positions never exceed `m`, so
/// the coverage is at most a billion, and a share (coverage × part of the credit / all credit)
/// at most the coverage: both fit `u32`.
pub fn attribute(index: &CorpusIndex, output: &[String], params: Params) -> Attribution {
	let m = output.len();
	if m == 0 || index.is_empty() {
		return Attribution::default();
	}
	let mut covered = vec![false; m];
	let mut credit: BTreeMap<ContributionId, u128> = BTreeMap::new();
	let mut spans = Vec::new();
	for start in 0..m {
		let found = index.longest_match(output.get(start..).unwrap_or_default(), params.max_span);
		if found.len < params.min_span.max(1) {
			continue;
		}
		// The match is a prefix of `output[start..]`, so the span lies inside the output.
		if let Some(span) = covered.get_mut(start..start.saturating_add(found.len)) {
			span.iter_mut().for_each(|c| *c = true);
		}
		let holders = u128::try_from(found.contributions.len()).unwrap_or(u128::MAX);
		let each = u128::try_from(found.len)
			.unwrap_or(u128::MAX)
			.saturating_mul(CREDIT_UNIT)
			.checked_div(holders)
			.unwrap_or(0);
		for c in &found.contributions {
			let total = credit.entry(*c).or_default();
			*total = total.saturating_add(each);
		}
		spans.push(Span { start, len: found.len, contributions: found.contributions });
	}
	let covered = u64::try_from(covered.iter().filter(|c| **c).count()).unwrap_or(u64::MAX);
	let positions = u64::try_from(m).unwrap_or(u64::MAX);
	let coverage =
		u32::try_from(covered.saturating_mul(BILLION).checked_div(positions).unwrap_or(0))
			.unwrap_or(u32::MAX);
	let total: u128 = credit.values().sum();
	let mut shares: Vec<(ContributionId, u32)> = credit
		.into_iter()
		.map(|(c, v)| {
			let share = u128::from(coverage).saturating_mul(v).checked_div(total).unwrap_or(0);
			(c, u32::try_from(share).unwrap_or(u32::MAX))
		})
		.collect();
	shares.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
	shares.truncate(params.top_k);
	shares.retain(|(_, p)| *p > 0);
	shares.sort_by_key(|(c, _)| *c);
	Attribution { shares, coverage, spans }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
mod tests {
	use super::*;
	use crate::{index::index_texts as index, tokenize::words};
	use proptest::prelude::*;

	/// The worked example of docs/attestor.md.
	#[test]
	fn hand_checked_shares() {
		let idx = index(&[(7, "the cat sat on the mat"), (9, "a cat sat still")]);
		let a = attribute(&idx, &words("the cat sat still"), Params::default());
		// i=0 "the cat sat" (3, in 7); i=1 "cat sat still" (3, in 9); i=2 "sat still" (2, in 9);
		// i=3 "still" is one token. Every position covered; credit 7: 3, 9: 3 + 2.
		assert_eq!(a.coverage, 1_000_000_000);
		assert_eq!(a.shares, vec![(7, 375_000_000), (9, 625_000_000)]);
		assert_eq!(a.spans.len(), 3);
	}

	#[test]
	fn shared_spans_split_and_uncovered_output_is_unattributed() {
		let idx = index(&[(1, "on the mat"), (2, "on the mat"), (3, "zebra")]);
		// "on the mat" (3) is in 1 and 2; "the mat" (2) too; "mat" and "quietly" do not count.
		let a = attribute(&idx, &words("on the mat quietly"), Params::default());
		assert_eq!(a.coverage, 750_000_000);
		assert_eq!(a.shares, vec![(1, 375_000_000), (2, 375_000_000)]);
	}

	#[test]
	fn top_k_keeps_the_largest_shares() {
		let idx = index(&[(1, "a b c d"), (2, "e f"), (3, "g h")]);
		let params = Params { top_k: 1, ..Params::default() };
		let a = attribute(&idx, &words("a b c d e f g h"), params);
		// Credit 1: 4+3+2 = 9, 2: 2, 3: 2; coverage 100 %; only contribution 1 is kept.
		assert_eq!(a.shares, vec![(1, (1_000_000_000u128 * 9 / 13) as u32)]);
	}

	#[test]
	fn nothing_in_common_attributes_nothing() {
		let idx = index(&[(1, "alpha beta gamma")]);
		assert_eq!(
			attribute(&idx, &words("delta epsilon"), Params::default()),
			Attribution::default()
		);
		assert_eq!(attribute(&idx, &[], Params::default()), Attribution::default());
	}

	proptest! {
		#[test]
		fn shares_never_exceed_the_whole_and_are_deterministic(
			docs in prop::collection::vec(prop::collection::vec(0u8..6, 0..30), 1..8),
			output in prop::collection::vec(0u8..6, 0..40),
			top_k in 1usize..5,
		) {
			let w = |v: &Vec<u8>| v.iter().map(|x| format!("w{x}")).collect::<Vec<_>>();
			let docs: Vec<(u64, Vec<String>)> =
				docs.iter().enumerate().map(|(i, d)| (i as u64 * 3, w(d))).collect();
			let build = || CorpusIndex::build(docs.iter().map(|(i, d)| (*i, d.as_slice())));
			let params = Params { top_k, ..Params::default() };
			let a = attribute(&build(), &w(&output), params);
			let sum: u64 = a.shares.iter().map(|(_, p)| *p as u64).sum();
			prop_assert!(sum <= a.coverage as u64);
			prop_assert!(a.coverage as u64 <= BILLION);
			prop_assert!(a.shares.len() <= top_k);
			prop_assert!(a.shares.windows(2).all(|s| s[0].0 < s[1].0));
			prop_assert_eq!(a, attribute(&build(), &w(&output), params));
		}
	}
}
